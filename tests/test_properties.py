"""Property tests: no input crashes the engine, and the span invariants hold."""

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from reader.clean import clean_article, clean_text
from reader.export import to_text
from reader.load import load_path
from reader.load.decode import decode_bytes
from reader.errors import LoadError
from reader.load.samples import sample_paths
from reader.model import PARAGRAPH_SEP

WORDS = st.sampled_from(
    "the council said on Monday that Putin Xi “long-time friend” ... … Read more: Share Comments "
    "Copyright © 2025 cookies subscribe - * 1. # Menu Home a b Q: A: \t".split(" ")
)
LINE = st.lists(WORDS, min_size=0, max_size=40).map(" ".join)
SEPARATOR = st.sampled_from(["\n", "\n\n", "\r\n", "\n \n", "\n\n\n"])
TEXT = st.lists(st.tuples(LINE, SEPARATOR), max_size=40).map(lambda parts: "".join(a + b for a, b in parts))


def check_invariants(article):
    raw = article.raw
    prev_end = 0
    for i, b in enumerate(article.blocks):
        assert b.index == i
        assert 0 <= b.start < b.end <= len(raw)
        assert b.start >= prev_end, "blocks do not overlap and are in order"
        prev_end = b.end
        if not b.kept:
            assert b.reason is not None
            if b.reason.kind == "duplicate":
                assert 0 <= b.reason.of < len(article.blocks) and b.reason.of != i
    kept = [raw[b.start : b.end].replace("\n", " ") for b in article.blocks if b.kept]
    assert article.clean == PARAGRAPH_SEP.join(kept), "kept blocks rebuild the clean text exactly"
    for b in article.blocks:
        if b.kept:
            start, end = article.clean_map.clean_span(b.index)
            assert article.clean_map.to_raw(start) == b.start
            assert article.clean_map.to_raw(end - 1) == b.end - 1


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_structured_text_never_crashes_and_invariants_hold(text):
    check_invariants(clean_text(text))


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=600) | st.text(st.characters() | st.sampled_from(["\ud800", "\udc00"]), max_size=200))
def test_arbitrary_unicode_never_crashes(text):
    check_invariants(clean_text(text))


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=400))
def test_arbitrary_bytes_decode_or_fail_cleanly(data):
    try:
        decoded = decode_bytes(data)
    except LoadError as exc:
        assert "\n" not in str(exc)
        return
    assert "\r" not in decoded.text
    check_invariants(clean_text(decoded.text))


@pytest.mark.parametrize("path", sample_paths(), ids=lambda p: p.name)
def test_cleaning_the_clean_output_again_keeps_every_body_paragraph(path):
    first = clean_article(load_path(path)[0])
    second = clean_text(to_text(first))
    assert second.title == first.title
    assert second.clean.split(PARAGRAPH_SEP) == first.clean.split(PARAGRAPH_SEP)


# -- fast paths agree with their plain definitions ---------------------------------

#: Characters the shape and rule patterns treat specially, ASCII or not.
_SPECIAL = st.sampled_from(list("aZ \t\"'(|/09#-*.:") + list("“‘«»›•·À×ΑАéİ😀\xa0\u2009٣\ud800"))
_SHORT_TEXTS = st.lists(st.text(_SPECIAL, max_size=14) | st.text(max_size=30), min_size=1, max_size=8)


@settings(max_examples=300, deadline=None)
@given(_SHORT_TEXTS)
def test_shape_counts_equal_the_regex_counts(heads):
    from reader.clean.features import _CAP_WORD, _DIGIT, _SEPARATORS, shape_counts

    assert shape_counts(heads) == (
        [len(_CAP_WORD.findall(" " + h)) for h in heads],
        [len(_DIGIT.findall(h)) for h in heads],
        [len(_SEPARATORS.findall(h)) for h in heads],
    )


_RULE_TEXTS = st.lists(
    st.sampled_from(
        [
            "Share",
            "## Share this article",
            "Comments",
            "3 Comments",
            "Photo: Reuters",
            "All rights reserved.",
            "Most popular",
            "Subscribe to our newsletter",
            "Home > News",
            "Read more",
            "İstanbul",
            "Menu",
            "Comments" + " -" * 60,  # a header too long to be one
        ]
    )
    | st.text(_SPECIAL, max_size=20)
    | st.text(max_size=260),
    min_size=1,
    max_size=10,
)


@settings(max_examples=200, deadline=None)
@given(_RULE_TEXTS)
def test_page_rules_equal_the_rules_of_each_block(texts):
    from reader.clean.boilerplate import _page_rules, _rules, clear_caches

    clear_caches()
    assert _page_rules(texts) == [_rules(t) for t in texts]
    assert _page_rules(texts) == [_rules(t) for t in texts]  # again, from the cache


_CUE_TEXTS = (
    st.sampled_from(
        ["Reply", "3 hours ago", "12 likes", "Jo on May 2, 2019 at 4:47 pm said:", "Posted 2020", "AGO", "x 1999 y"]
    )
    | st.text(st.sampled_from(list("agoAGO0129: sydwritelk")), max_size=30)
    # Letters beyond ASCII, some of which the case-insensitive patterns match as ASCII ones
    # ("Jo ſaid:", "3 hours AGO" with a Kelvin sign...), and digits of other scripts.
    | st.text(st.sampled_from(list("agoAGO0129: sydwritelkRePLY") + list("éſ\u212aİıш“٢٠\u00a0")), max_size=30)
    | st.text(max_size=40)
)


@settings(max_examples=300, deadline=None)
@given(_CUE_TEXTS)
@example("Jo \u017faid:")
@example("LI\u212aE")
@example("3 hours \u0130 ago")
def test_cues_equal_the_regex_cues(text):
    from reader.clean.features import _COMMENT_CUE, _DATE_CUE, _cues

    assert _cues.__wrapped__(text) == (_COMMENT_CUE.match(text) is not None, _DATE_CUE.search(text) is not None)


_PAGE_TEXTS = st.lists(
    st.text(st.sampled_from(list("ab AB.,…-1é“’ш\u00a0\t")), max_size=90)
    | st.sampled_from(["Read more: The minister said the plan would cost …", "— Jo (@jo) May 5, 2019"]),
    min_size=1,
    max_size=8,
)


@settings(max_examples=300, deadline=None)
@given(_PAGE_TEXTS)
def test_page_keys_equal_each_blocks_keys(texts):
    from reader.clean.dedup import _all_keys, _keys

    keys = [_keys(t) for t in texts]
    assert _all_keys(texts) == ([k[0] for k in keys], [k[1] for k in keys])


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from(list("aB ’“—\u00a0\u200b\t\nﬁ`")), max_size=40))
def test_normalise_is_fold_casefold_and_single_spaces(text):
    import unicodedata

    from reader.clean.dedup import _FOLD, _FOLDABLE, normalise

    # The definition, written the plain way.
    if not text.isascii():
        text_ = _FOLDABLE.sub(lambda m: _FOLD[m.group()], unicodedata.normalize("NFKC", text))
    else:
        text_ = text.replace("`", "'")
    assert normalise(text) == " ".join(text_.casefold().split())


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(st.sampled_from(list("Ab .-#*1")), min_size=1, max_size=30), min_size=1, max_size=12))
def test_segment_fast_path_agrees_with_the_general_one(lines):
    from reader.clean.segment import segment

    raw = "\n\n".join(lines)
    # A trailing space on one line sends segmentation down its general path;
    # the blocks are the same, shifted by that space.
    padded = "\n\n".join(lines[:1]) + " " + ("\n\n" + "\n\n".join(lines[1:]) if lines[1:] else "")

    def shape(text):
        return [(text[b.start : b.end], b.kind) for b in segment(text)]

    assert shape(padded) == shape(raw)
