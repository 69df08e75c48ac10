"""Story clusters, the library index, fuzzy filter and sort."""

from __future__ import annotations

import json

from reader.library.cluster import cluster, fingerprint, similarity
from reader.library.index import Library

from conftest import random_story as story

def test_copies_cluster_and_different_stories_do_not():
    a = story(1)
    copy = a.replace("council", "councils", 1) + "\n\nUpdate: officials confirmed the figures on Wednesday."
    b = story(2)
    c = story(3)
    prints = [fingerprint(t) for t in (a, b, copy, c)]
    labels = cluster([p[0] for p in prints], [p[1] for p in prints])
    assert labels == [1, 2, 1, 3]
    assert similarity(prints[0][0], prints[2][0]) > 0.6
    assert similarity(prints[0][0], prints[1][0]) < 0.2


def test_short_texts_are_not_clustered():
    sig, snip = fingerprint("Too short to say.")
    assert sig is None and snip is None
    assert cluster([None, None], [None, None]) == [1, 2]


def _library(tmp_path):
    folder = tmp_path / "lib"
    folder.mkdir()
    texts = {
        "a_bridge.txt": "Harbour bridge reopens\n\n" + story(1),
        "b_copy.txt": "Harbour bridge reopens - update\n\n" + story(1).replace("mayor", "mayors", 1),
        "c_wheat.txt": "Wheat harvest ends early\n\n" + story(7),
    }
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "feed.jsonl").write_text(
        json.dumps({"title": "Tram line extended", "text": story(9)}) + "\n" + "{broken\n", encoding="utf-8"
    )
    (folder / "image.png").write_bytes(b"\x89PNG")  # not an article file: skipped
    return folder


def test_library_opens_lazily_then_indexes(tmp_path):
    lib = Library.open([_library(tmp_path)])
    assert [e.name for e in lib.entries] == [
        "a_bridge.txt",
        "b_copy.txt",
        "c_wheat.txt",
        "feed.jsonl #1",
        "feed.jsonl #2",
    ]
    assert not any(e.indexed for e in lib.entries)
    first = lib.summarize(0)
    assert first.title == "Harbour bridge reopens" and first.removed_share is not None and first.entities is not None
    article = lib.article(3)
    assert article.title == "Tram line extended"
    progress = list(lib.index_iter(jobs=1))
    assert progress[-1] == (5, 5)
    assert lib.entries[4].error.startswith("line 2: malformed JSON")
    assert lib.entries[0].cluster == lib.entries[1].cluster != lib.entries[2].cluster
    assert lib.entries[0].cluster_size == 2
    assert lib.copies(0) == [1]


def test_filter_and_sort(tmp_path):
    lib = Library.open([_library(tmp_path)])
    lib.index_all(jobs=1)
    assert lib.filter("harbor bridge")[:2] == [0, 1]
    assert lib.filter("wheat") == [2]
    assert lib.filter("feed.jsonl")[:1] == [3]
    assert lib.filter("") == [0, 1, 2, 3, 4]
    assert lib.sort("name", reverse=True)[0] == 4
    by_removed = lib.sort("removed")
    assert by_removed[-1] == 4  # the bad record has no value: last
    assert sorted(lib.sort("date")) == [0, 1, 2, 3, 4]


def test_empty_folder(tmp_path):
    lib = Library.open([tmp_path])
    assert len(lib) == 0 and lib.problems == ["no article files found"]


def test_json_files_in_a_library(tmp_path):
    (tmp_path / "list.json").write_text(
        json.dumps([{"title": "One", "text": story(11)}, {"title": "Two", "text": story(12)}])
    )
    (tmp_path / "single.json").write_text(json.dumps({"title": "Single", "text": story(13)}))
    (tmp_path / "broken.json").write_text('{"title": ')
    lib = Library.open([tmp_path])
    assert [e.name for e in lib.entries] == ["broken.json", "list.json #1", "list.json #2", "single.json"]
    assert lib.entries[0].error.startswith("JSON syntax error")
    assert lib.article(2).title == "Two"
    assert lib.article(3).title == "Single"
    lib.index_all(jobs=1)
    assert lib.entries[1].title == "One" and lib.entries[1].removed_share is not None


def test_new_core_modules_stay_light():
    """The library, batch and loaders import no Textual; trafilatura/lxml/numpy only when used."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "import reader.batch, reader.library.index, reader.library.cluster, reader.library.filter\n"
        "import reader.load.html, reader.load.records\n"
        "from reader import cli\n"
        "try:\n"
        "    cli.main(['clean', '--help'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = [m for m in ('textual', 'trafilatura', 'lxml', 'numpy') if m in sys.modules]\n"
        "print('HEAVY', ','.join(heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.rstrip().endswith("HEAVY"), out.stdout
