"""The optional C speedups (reader/clean/_speedups.c) give what the Python code gives.

Each C function is compared with the Python it repeats, on the bundled
articles and on generated text (white space, digits, quotes and capitals
from beyond ASCII, letters whose lower case is special); the whole engine
is compared by running the CLI with and without ``NEWSREADER_PURE_PYTHON``.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
import sysconfig

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import reader.clean.boilerplate as boilerplate
import reader.clean.features as features
from reader.clean.dedup import find_duplicates
from reader.clean.metadata import find_metadata
from reader.clean.segment import segment
from reader.clean.speedups import speedups
from reader.load.samples import sample_paths
from reader.load.text import article_from_bytes

needs_c = pytest.mark.skipif(speedups is None, reason="the C speedups are not built here")

#: Characters that play a part: every kind of white space, digits of other scripts,
#: opening quotes, capitals of the counted ranges and just outside them, separators,
#: letters whose lower case is special (İ, Σ, the Kelvin sign), stop words' letters.
SPECIAL = (
    " \t\n\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
    "0123456789\u0663\u06f5\u0967\uff11\u00b2"
    "\"'“‘(«”’»"
    "AZaz\u00c0\u00d6\u00d7\u00d8\u00de\u00df\u0391\u03a2\u03a9\u0410\u042f\u0430\u0400"
    "|/•·»›\\-,:."
    "\u0130\u0131\u03a3\u03c3\u03c2\u212a\u1e9e"
    "\ud800\udfff"  # (lone surrogates: a str can hold them)
    "éãçõàü"
)
CHARS = st.one_of(st.sampled_from(SPECIAL), st.characters())
WORD = st.one_of(
    st.sampled_from(sorted(features.STOPWORDS)).map(lambda w: w.upper() if len(w) % 2 else w.title()),
    st.text(CHARS, min_size=1, max_size=8),
)
TEXT = st.lists(st.tuples(WORD, st.sampled_from([" ", "  ", "\xa0", "\t", " \u2003", "", "\n"])), max_size=60).map(
    lambda parts: "".join(w + s for w, s in parts)
)


def sample_texts() -> list[str]:
    texts: list[str] = []
    for path in sample_paths():
        raw = article_from_bytes(path.read_bytes(), str(path)).raw
        texts += [raw[b.start : b.end] for b in segment(raw)]
    return texts


def test_speedups_are_built_where_a_c_compiler_is():
    """The extension is optional, so a failed build would go unnoticed but for this test."""
    if os.environ.get("NEWSREADER_PURE_PYTHON"):
        pytest.skip("NEWSREADER_PURE_PYTHON is set")
    cc = shlex.split(sysconfig.get_config_var("CC") or "cc")[:1]
    if not cc or shutil.which(cc[0]) is None:
        pytest.skip("no C compiler here: the Python code runs")
    assert speedups is not None, "a C compiler is here, but reader/clean/_speedups.c was not built (pip install -e .)"


@needs_c
def test_the_c_model_computes_the_python_features():
    assert speedups.FEATURE_NAMES == features.FEATURE_NAMES
    assert speedups.STAGE2_NAMES == features.STAGE2_NAMES
    assert speedups.SHAPE_CHARS == features.SHAPE_CHARS
    assert boilerplate._c_model is speedups


@needs_c
@settings(max_examples=300, deadline=None)
@given(st.lists(TEXT, max_size=6))
def test_word_counts(texts):
    assert speedups.word_counts(texts) == [len(t.split()) for t in texts]


@needs_c
@settings(max_examples=300, deadline=None)
@given(st.lists(TEXT, max_size=6))
@example([" A «B “C ‘D (E \"F 'G ×H ÀÖØÞ Α Ω Я Ѐ  ٣ ² | / • · » › \\ ", "\u3000Ж\xa0Z", "A"])
def test_shape_counts_are_the_patterns_counts(texts):
    counts = speedups.shape_counts(texts)
    caps, digits, seps = ([c[k] for c in counts] for k in range(3))
    assert caps == [len(features._CAP_WORD.findall(" " + t)) for t in texts]
    assert digits == [len(features._DIGIT.findall(t)) for t in texts]
    assert seps == [len(features._SEPARATORS.findall(t)) for t in texts]
    assert (caps, digits, seps) == features.shape_counts(texts)


@needs_c
@settings(max_examples=300, deadline=None)
@given(st.lists(TEXT, max_size=6))
@example(["İN THE İl di \u212aE Für FÜR für ΣΕ NÃO não É é И и the The THE"])
def test_stop_counts(texts):
    stop = features.STOPWORDS
    assert speedups.stop_counts(texts, stop) == [len(stop.intersection(t.lower().split())) for t in texts]


@needs_c
@settings(max_examples=300, deadline=None)
@given(st.lists(TEXT, max_size=6), st.lists(st.text(CHARS, min_size=1, max_size=5), min_size=1, max_size=6))
@example(["xİy", "\u212aOOKIE", "ẞ ab"], ["İy", "ok", "ẞ", "b"])
def test_find_any(texts, needles):
    needles = tuple(needles)
    assert speedups.find_any(texts, needles) == [i for i, t in enumerate(texts) if any(n in t for n in needles)]


@needs_c
def test_find_any_on_the_rule_guards():
    texts = [t.lower() for t in sample_texts()] + ["all rights reserved", "Photo: REUTERS", "(c) istock"]
    found = speedups.find_any(texts, boilerplate._GUARD_LITERALS)
    assert found == [i for i, t in enumerate(texts) if boilerplate._ANY_GUARD.search(t)]
    assert len(found) >= 3


@needs_c
@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.integers(-15, 15).map(float), st.floats(-20, 20)), max_size=60))
def test_max_sum_region(scores):
    assert speedups.max_sum_region(scores) == features.py_max_sum_region(scores)


def scored_pages():
    """Every bundled article, up to the model: (raw, blocks, info, hits)."""
    for path in sample_paths():
        raw = article_from_bytes(path.read_bytes(), str(path)).raw
        blocks = segment(raw)
        stats = features.block_stats(raw, blocks)
        find_metadata(raw, blocks, stats)
        find_duplicates(raw, blocks, stats.texts)
        rules = boilerplate._comment_sections(boilerplate._page_rules(stats.texts), stats)
        hits = [r is not boilerplate._NO_RULES for r in rules]
        yield raw, blocks, features.page_info(raw, blocks, hits, stats=stats), hits


def same_scores(a: list[float], b: list[float]) -> bool:
    if sys.version_info < (3, 12):
        return a == b  # the same sums in the same order: bit for bit
    # (From 3.12, Python's sum() of floats is compensated: the last bits may differ.)
    return len(a) == len(b) and all(abs(x - y) <= 1e-12 for x, y in zip(a, b))


@needs_c
def test_content_scores_are_the_python_models(monkeypatch):
    model = boilerplate.load_model()
    pages = list(scored_pages())
    assert len(pages) >= 8
    for raw, blocks, info, hits in pages:
        fast = boilerplate.content_scores(raw, blocks, info, hits, model)
        with monkeypatch.context() as m:
            m.setattr(boilerplate, "_c_model", None)
            slow = boilerplate.content_scores(raw, blocks, info, hits, model)
        assert same_scores(fast, slow)
        assert any(p > 0.5 for p in fast) and any(p < 0.5 for p in fast)


LINES = st.sampled_from(
    [
        "Home",
        "News",
        "Share this article",
        "Reply",
        "3 hours ago",
        "Jo Bloggs on May 2, 2019 at 4:47 pm said:",
        "- Related: the mayor's budget",
        "## Most popular",
        "Photo: Reuters",
        "The council said on Monday that the bridge would reopen in the spring, after two years of repairs.",
        "“We have waited long enough,” said the mayor, Ana Ruiz, who has pushed for the work since 2021.",
        "Farmers in the valley, where wheat prices fell by a third, say the tram line matters less than the road.",
        "Copyright © 2025 The Harbour Times. All rights reserved.",
        "We use cookies to improve your experience. By continuing you accept our cookie policy.",
        # Text beyond Latin-1 and beyond the BMP, İ and Σ, digits of other scripts.
        "Мэр Москвы заявил в понедельник, что мост откроется весной после двух лет ремонта и проверок.",
        "東京都は月曜日、橋が二年間の修理の後、春に再開すると発表した。市民は歓迎している。",
        "🎉 İSTANBUL: the festival drew ٣٠٠٠ visitors, ΣΟΦΙΑ said on Monday, “a record” 🎉",
    ]
)


@needs_c
@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(LINES, TEXT.map(lambda t: " ".join(t.split()))), min_size=1, max_size=50))
def test_content_scores_on_generated_pages(lines):
    raw = "\n".join(lines)
    blocks = segment(raw)
    stats = features.block_stats(raw, blocks)
    rules = boilerplate._comment_sections(boilerplate._page_rules(stats.texts), stats)
    hits = [r is not boilerplate._NO_RULES for r in rules]
    info = features.page_info(raw, blocks, hits, stats=stats)
    model = boilerplate.load_model()
    fast = boilerplate.content_scores(raw, blocks, info, hits, model)
    boilerplate._c_model, saved = None, boilerplate._c_model
    try:
        slow = boilerplate.content_scores(raw, blocks, info, hits, model)
    finally:
        boilerplate._c_model = saved
    assert same_scores(fast, slow)


@needs_c
def test_rule_verdicts_are_the_pythons(monkeypatch):
    texts = sample_texts()
    long_texts = [t for t in texts if len(t) > 240]
    assert long_texts
    boilerplate.clear_caches()
    fast = boilerplate._page_rules(texts)
    fast_long = [boilerplate._rules(t) for t in long_texts]
    monkeypatch.setattr(boilerplate, "_c", None)
    boilerplate.clear_caches()
    assert boilerplate._page_rules(texts) == fast
    assert [boilerplate._rules(t) for t in long_texts] == fast_long
    boilerplate.clear_caches()


@needs_c
def test_the_cli_gives_the_same_json_either_way(samples_dir, tmp_path):
    """The whole engine, with and without the speedups, on every bundled article."""
    outputs = []
    for pure in (False, True):
        env = {k: v for k, v in os.environ.items() if k != "NEWSREADER_PURE_PYTHON"}
        if pure:
            env["NEWSREADER_PURE_PYTHON"] = "1"
        out_dir = tmp_path / ("pure" if pure else "fast")
        proc = subprocess.run(
            [sys.executable, "-m", "reader", "clean", str(samples_dir), "--format", "json", "-o", str(out_dir)],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        )
        assert proc.returncode == 0, proc.stderr
        outputs.append({p.name: json.loads(p.read_text(encoding="utf-8")) for p in sorted(out_dir.iterdir())})
    assert len(outputs[0]) >= 8
    assert outputs[0] == outputs[1]
