"""The whole cleaning pipeline on real text: the seed and the samples."""

import pytest

from reader.clean import clean_article, clean_text
from reader.load import load_path
from reader.load.samples import sample_paths
from reader.model import PARAGRAPH_SEP, Role

SEED_LEDE = "(MENAFN) Chinese President Xi Jinping and Russian President Vladimir Putin pledged Tuesday"


def test_seed_acceptance(seed_text):
    a = clean_text(seed_text, "seed")
    assert a.title == "Xi, Putin pledge to boost bilateral ties"
    paragraphs = a.clean.split(PARAGRAPH_SEP)
    assert len(paragraphs) == 4
    assert paragraphs[0].startswith(SEED_LEDE)
    assert paragraphs[1].startswith("Meeting in the Great Hall of the People")
    assert paragraphs[2].startswith("Xi also conveyed China’s readiness")
    assert paragraphs[3].startswith("Putin described the relationship")
    assert a.publisher == "MENAFN"

    by_text = {a.block_text(b.index): b for b in a.blocks}
    dups = [b for b in a.blocks if b.reason and b.reason.kind == "duplicate"]
    assert len(dups) == 3
    for dup in dups:
        original = a.blocks[dup.reason.of]
        assert original.kept
        assert a.block_text(original.index) == a.block_text(dup.index)
        assert dup.reason.score == 1.0
        assert dup.reason.describe() == f"duplicate of block {original.index}, 100%"

    def category(text):
        block = by_text[text]
        assert block.role is Role.REMOVED and block.reason.kind == "boilerplate", text
        return block.reason.category

    disclaimer = next(t for t in by_text if t.startswith("MENAFN provides the"))
    assert category("Legal Disclaimer:") == "legal"
    assert category(disclaimer) == "legal"
    assert category("Most popular stories") == "related"
    assert category("Market Research") == "related"
    for text in by_text:
        if text.startswith("- "):
            assert category(text) == "related"
    assert category("Comments") == "comments"
    assert category("No comment") == "comments"


def test_every_removed_block_has_a_reason(seed_text):
    a = clean_text(seed_text)
    for b in a.blocks:
        if not b.kept:
            assert b.reason is not None
            assert b.reason.describe()
            assert b.reason.badge()


def test_clean_map_points_back_into_raw(seed_text):
    a = clean_text(seed_text)
    for block in a.kept_blocks():
        start, end = a.clean_map.clean_span(block.index)
        assert a.clean[start:end] == a.raw[block.start : block.end].replace("\n", " ")
        for offset in (start, (start + end) // 2, end - 1):
            raw_off = a.clean_map.to_raw(offset)
            assert a.raw[raw_off] == a.clean[offset] or a.clean[offset] == " "
            assert a.clean_map.block_at(offset) == block.index


@pytest.mark.parametrize("path", sample_paths(), ids=lambda p: p.name)
def test_every_sample_cleans_to_a_readable_article(path):
    a = clean_article(load_path(path)[0])
    assert a.title, "a title is found"
    assert len(a.kept_blocks()) >= 3, "the body survives"
    assert any(not b.kept and b.reason.kind == "boilerplate" for b in a.blocks), "junk is removed"


def test_samples_cover_duplicates_and_every_text_shape(samples_dir):
    names = [p.name for p in sample_paths()]
    assert len(names) >= 8
    assert "08_council_vote_noext" in names  # no extension
    raw_bytes = {p.name: p.read_bytes() for p in sample_paths()}
    assert any(b"\r\n" in data for data in raw_bytes.values())  # CRLF
    dup_articles = 0
    for path in sample_paths():
        a = clean_article(load_path(path)[0])
        dup_articles += any(b.reason and b.reason.kind == "duplicate" for b in a.blocks)
    assert dup_articles >= 3


def test_empty_article_is_a_note_not_an_error(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    a = clean_article(load_path(path)[0])
    assert a.blocks == [] and a.clean == ""
    assert any("empty" in n for n in a.notes)


def test_clean_is_idempotent_on_the_body(seed_text):
    a = clean_text(seed_text)
    again = clean_text(a.clean)
    assert again.clean.split(PARAGRAPH_SEP) == a.clean.split(PARAGRAPH_SEP)


def test_a_teaser_first_line_removed_as_a_duplicate_is_no_title():
    body = (
        "The city council voted on Tuesday to keep all three library branches open, reversing a plan that would "
        "have closed the smallest branch in the spring and moved its collection to the central library downtown."
    )
    raw = (
        "The city council voted on Tuesday to keep all three library branches open…\n\n"
        + body
        + "\n\nCouncil members said the decision followed weeks of public meetings at which residents, teachers "
        "and librarians described how the branches are used by students after school and by older readers.\n"
    )
    article = clean_text(raw)
    first = article.blocks[0]
    assert first.reason is not None and first.reason.kind == "duplicate"
    assert article.title is None
    assert article.clean.startswith(body)
