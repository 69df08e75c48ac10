"""The real CLI on more inputs: HTML, JSON/JSONL records, stdin, folders, bad input."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys

TEXT = "The council voted on Tuesday to extend the tram line to the airport, a project expected to take four years."
TEXT2 = "Farmers in the north finished the wheat harvest two weeks early this year thanks to a dry and sunny August."
PAGE = (
    "<html><head><title>Tram | News</title></head><body><nav><a href='/'>Home</a> <a href='/x'>World</a></nav>"
    f"<article><h1>Tram</h1><p>{TEXT}</p><p>{TEXT2}</p></article><footer>© 2024 News</footer></body></html>"
)


def run(*args, input=None):
    return subprocess.run(
        [sys.executable, "-m", "reader", *map(str, args)],
        capture_output=True,
        text=True,
        input=input,
        timeout=120,
        check=False,
    )


def test_html_gz_output_is_named_by_the_page_stem(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "abc.html.gz").write_bytes(gzip.compress(PAGE.encode()))
    out = run("clean", src, "--format", "json", "-o", tmp_path / "out", "--no-annotate")
    assert out.returncode == 0, out.stderr
    data = json.loads((tmp_path / "out" / "abc.json").read_text())
    assert data["text"] == TEXT + "\n\n" + TEXT2
    assert data["title"] == "Tram"
    assert all(b["kept"] or b["reason"] for b in data["blocks"])


def test_multi_record_outputs_are_numbered_from_one(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        "\n".join([json.dumps({"title": "A", "text": TEXT}), "{bad json", json.dumps({"title": "C", "text": TEXT2})])
        + "\n"
    )
    out = run("clean", feed, "--format", "text", "-o", tmp_path / "out")
    assert out.returncode == 1
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["feed-1.txt", "feed-3.txt"]
    assert (
        out.stderr.strip()
        == f"newsreader: {feed}: line 2: malformed JSON (Expecting property name enclosed in double quotes at column 2), skipped"
    )


def test_jsonl_format_is_one_stream_with_cluster_ids(tmp_path):
    feed = tmp_path / "feed.json"
    body = " ".join(["The tram line to the airport will be extended by four stations, the council said."] * 3)
    other = " ".join(["Wheat farmers finished the harvest early after a dry and sunny summer season."] * 3)
    feed.write_text(
        json.dumps([{"title": "A", "text": body}, {"title": "B", "text": other}, {"title": "A2", "text": body}])
    )
    out = run("clean", feed, "--format", "jsonl", "--no-annotate")
    assert out.returncode == 0, out.stderr
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert [r["title"] for r in rows] == ["A", "B", "A2"]
    assert [r["cluster"] for r in rows] == [1, 2, 1]
    out = run("clean", feed, "--format", "jsonl", "--no-annotate", "-o", tmp_path / "o")
    assert len((tmp_path / "o" / "clean.jsonl").read_text().splitlines()) == 3


def test_text_and_title_fields(tmp_path):
    feed = tmp_path / "custom.jsonl"
    feed.write_text(json.dumps({"name": "Custom", "payload": TEXT}) + "\n")
    out = run("clean", feed, "--text-field", "payload", "--title-field", "name")
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("Custom\n\n" + TEXT)


def test_stdin_text_and_html():
    out = run("clean", "-", input="A headline here\n\n" + TEXT + "\n")
    assert out.returncode == 0, out.stderr
    assert TEXT in out.stdout
    out = run("clean", "-", "--format", "json", "--no-annotate", input="<!DOCTYPE html>" + PAGE)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["text"] == TEXT + "\n\n" + TEXT2


def test_bad_inputs_each_give_one_line_and_the_rest_is_processed(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_text("Headline\n\n" + TEXT + "\n")
    (src / "image.html").write_bytes(b"\xff\xd8\xff\xe0" + bytes(200))
    (src / "broken.json").write_text('{"text": ')
    (src / "notext.jsonl").write_text(json.dumps({"title": "only a title"}) + "\n")
    (src / "style.css").write_text("body { color: red }")  # not an article file: ignored
    out = run("clean", src, "--format", "json", "-o", tmp_path / "out", "--no-annotate", "--jobs", "2")
    assert out.returncode == 1
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 3
    assert "broken.json: JSON syntax error" in lines[0]
    assert "image.html: not an HTML page: the file is a JPEG image" in lines[1]
    assert "notext.jsonl: line 1 (record 1): no text field" in lines[2]
    assert (tmp_path / "out" / "good.json").exists()


def test_empty_directory_and_non_article_files(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    out = run("clean", empty)
    assert out.returncode == 1 and "no article files found" in out.stderr
    junk = tmp_path / "junk"
    junk.mkdir()
    for i in range(50):
        (junk / f"{i}.png").write_bytes(b"\x89PNG")
    out = run("clean", junk)
    assert out.returncode == 1 and out.stderr.count("\n") == 1


def test_summary_line(tmp_path):
    (tmp_path / "a.txt").write_text("Headline\n\n" + TEXT + "\n")
    out = run("clean", tmp_path / "a.txt", "--summary", "-o", tmp_path / "o")
    assert out.returncode == 0
    assert out.stderr.startswith("newsreader: 1 article, 0 failures, ") and out.stderr.rstrip().endswith(" s")


def test_a_record_with_half_a_utf16_pair_is_read_and_written(tmp_path):
    """A JSON escape cut from its partner ("\\ud83d" without "\\ude00") becomes U+FFFD, with a note:
    the record is not lost, and the output can be written as UTF-8."""
    src = tmp_path / "cut.jsonl"
    src.write_text(
        '{"title": "Cut \\ud83d emoji", "text": "' + TEXT + ' \\ud83d Done. A \\ud83d\\ude00 whole one stays."}\n',
        encoding="utf-8",
    )
    out = run("clean", src, "--format", "json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["title"] == "Cut \ufffd emoji"
    assert "\ufffd Done." in data["text"] and "\U0001f600 whole one" in data["text"]
    assert "1 broken character (half a UTF-16 pair) replaced with U+FFFD" in data["notes"]


def test_file_names_with_control_characters_and_undecodable_bytes(tmp_path):
    """The output can still be written (the name's undecodable byte as U+FFFD in "source"), and
    a failure stays one line on stderr, with no control character sent to the terminal."""
    import os

    good = tmp_path / os.fsdecode(b"we\nird\x1b[31m\xff.txt")
    good.write_text(TEXT + "\n", encoding="utf-8")
    out = run("clean", good, "--format", "json")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["source"] == str(tmp_path) + "/we\nird\x1b[31m\ufffd.txt"
    bad = tmp_path / os.fsdecode(b"bin\n\x1b[2J\xfe.txt")
    bad.write_bytes(b"\x00\x01\x02" * 100)
    out = run("clean", bad, good, "-o", tmp_path / "out")
    assert out.returncode == 1
    assert out.stderr.splitlines() == [
        f"newsreader: {tmp_path}/bin\\n\\x1b[2J\\xfe.txt: not a text article (binary data)"
    ]
    assert len(list((tmp_path / "out").iterdir())) == 1
