"""Segmentation copes with the three shapes of scraped text."""

from reader.clean.segment import segment
from reader.load import load_path
from reader.model import BlockKind


def texts(raw):
    return [raw[b.start : b.end] for b in segment(raw)]


def test_one_paragraph_per_line_seed(seed_text):
    blocks = texts(seed_text)
    assert blocks[0] == "Xi, Putin pledge to boost bilateral ties"
    assert blocks[1].startswith("(MENAFN) Chinese President Xi Jinping")
    # The body lines are blocks of their own, printed twice.
    assert blocks[2] == blocks[5] and blocks[3] == blocks[6] and blocks[4] == blocks[7]


def test_hard_wrapped_disclaimer_is_one_block(seed_text):
    blocks = texts(seed_text)
    disclaimer = [b for b in blocks if b.startswith("MENAFN provides the")]
    assert len(disclaimer) == 1
    assert disclaimer[0].endswith("kindly contact the provider above.")
    assert disclaimer[0].count("\n") == 5  # six wrapped lines
    assert "Most popular stories" in blocks and "Market Research" in blocks


def test_list_items_and_short_lines_are_their_own_blocks(seed_text):
    blocks = segment(seed_text)
    items = [b for b in blocks if b.kind is BlockKind.LIST_ITEM]
    assert len(items) == 6
    assert [seed_text[b.start : b.end] for b in blocks[-2:]] == ["Comments", "No comment"]


def test_blank_line_paragraphs_with_a_broken_line_are_joined():
    raw = (
        "First paragraph is here and it ends properly.\n\n"
        "Second paragraph was broken by the scraper\nin the middle of its sentence.\n\n"
        "Third paragraph.\n\nFourth one.\n"
    )
    assert texts(raw) == [
        "First paragraph is here and it ends properly.",
        "Second paragraph was broken by the scraper\nin the middle of its sentence.",
        "Third paragraph.",
        "Fourth one.",
    ]


def test_hard_wrapped_article_joins_paragraphs(samples_dir):
    article = load_path(samples_dir / "02_wheat_harvest_wrapped.txt")[0]
    blocks = texts(article.raw)
    lede = [b for b in blocks if b.startswith("KANSAS CITY")]
    assert len(lede) == 1 and lede[0].endswith("southern Nebraska.")
    quote = [b for b in blocks if b.startswith('"Some of these fields')]
    assert quote and quote[0].endswith('for most of it."')
    assert "Tags: agriculture, wheat, drought, Kansas" in blocks


def test_headline_list_in_paragraph_per_line_text_is_not_joined(samples_dir):
    article = load_path(samples_dir / "08_council_vote_noext")[0]
    blocks = texts(article.raw)
    assert blocks[0] == "Council votes to keep library branches open"
    assert "Mayor unveils plan for riverside park" in blocks
    assert "High school robotics team heads to nationals" in blocks


def test_markdown_headings_and_lists(samples_dir):
    article = load_path(samples_dir / "06_budget_explainer.md")[0]
    blocks = segment(article.raw)
    kinds = {article.raw[b.start : b.end]: b.kind for b in blocks}
    assert kinds["## Teacher pay"] is BlockKind.HEADING
    assert kinds["- The budget takes effect on July 1."] is BlockKind.LIST_ITEM


def test_blocks_exclude_surrounding_whitespace_and_do_not_overlap():
    raw = "  Title line  \n\n\n   Indented paragraph text.   \n\t\n- item one\n- item two\n"
    blocks = segment(raw)
    prev_end = 0
    for b in blocks:
        assert b.start >= prev_end
        text = raw[b.start : b.end]
        assert text == text.strip() and text
        prev_end = b.end


def test_empty_and_blank_texts_have_no_blocks():
    assert segment("") == []
    assert segment("\n \n\t\n") == []


def test_blank_line_paragraph_broken_after_a_full_sentence_stays_one_block():
    raw = (
        "First paragraph is here and it ends properly.\n\n"
        "This post was sponsored by a local bakery and its partners.\n"
        "All opinions are my own. #bread #ad\n\n"
        "Third paragraph.\n\nFourth one.\n"
    )
    assert (
        texts(raw)[1]
        == "This post was sponsored by a local bakery and its partners.\nAll opinions are my own. #bread #ad"
    )


def test_blank_line_run_of_headlines_is_still_split():
    raw = "Intro paragraph that ends.\n\nMayor unveils plan for riverside park\nSchool robotics team heads to nationals\n\nOne.\n\nTwo.\n"
    assert "Mayor unveils plan for riverside park" in texts(raw)
