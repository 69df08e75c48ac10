"""Duplicate paragraphs: what is a copy, what is kept, and what the reason says.

Self-written articles (no evaluation data).  Most tests run the real
segmenter and the duplicate step on a text; one runs the whole pipeline and
one the CLI, so the JSON reason is checked where users see it.
"""

import json
import subprocess
import sys

import pytest

from reader.clean.dedup import MIN_CHARS, find_duplicates, normalise
from reader.clean.segment import segment
from reader.model import Block, Role

LEDE = (
    "The river ferry between Halden and Oster will stop running on Friday after forty years, "
    "the county transport board said on Tuesday, citing falling passenger numbers and a worn-out hull."
)
P2 = (
    "Commuters who relied on the crossing will be offered a bus link over the northern bridge, "
    "which adds about twenty minutes to the journey each way."
)
P3 = (
    "\u201cWe looked at every option, including a new boat, but the figures did not add up,\u201d "
    "said Marta Lind, who chairs the board."
)
P4 = (
    "Local shops near the landing say they expect to lose a third of their weekday trade once the "
    "ferry stops, and some are already cutting their opening hours."
)
P5 = (
    "A petition to keep the service running has gathered more than 3,000 signatures, and the "
    "council will debate it at its next meeting in March."
)
BODY = [LEDE, P2, P3, P4, P5]


def run(paragraphs: list[str]) -> tuple[str, list[Block]]:
    raw = "\n\n".join(paragraphs) + "\n"
    blocks = segment(raw)
    assert len(blocks) == len(paragraphs), "the test text must segment one block per paragraph"
    find_duplicates(raw, blocks)
    return raw, blocks


def removed(blocks: list[Block]) -> dict[int, tuple[int, float, str | None]]:
    """index -> (of, score, detail) of every block removed as a duplicate."""
    return {
        b.index: (b.reason.of, b.reason.score, b.reason.detail)
        for b in blocks
        if b.reason is not None and b.reason.kind == "duplicate"
    }


def test_clean_article_has_no_duplicates():
    _, blocks = run(BODY)
    assert removed(blocks) == {}
    assert all(b.role is Role.BODY for b in blocks)


def test_exact_copy_names_the_original_with_score_one():
    _, blocks = run([*BODY, P2])
    assert removed(blocks) == {5: (1, 1.0, None)}
    assert blocks[5].reason.describe() == "duplicate of block 1, 100%"
    assert blocks[1].kept


def test_exact_after_case_quotes_and_dashes():
    copy = P3.replace("\u201c", '"').replace("\u201d", '"').upper()
    _, blocks = run([*BODY, copy])
    assert removed(blocks) == {5: (2, 1.0, None)}


def test_near_ws_double_spaces_and_nbsp():
    copy = P4.replace(" to ", "  to ").replace("a third", "a\u00a0third")
    _, blocks = run([LEDE, P2, P3, P4, copy, P5])
    assert removed(blocks) == {4: (3, 1.0, None)}


def test_near_ws_line_break_inside_a_block():
    """A copy with a line break inside: dedup compares blocks whitespace-blind."""
    copy = P2.replace(" link over", " link\nover")
    raw = LEDE + "\n\n" + P2 + "\n\n" + copy + "\n"
    start = raw.index(copy)
    blocks = [
        Block(0, 0, len(LEDE)),
        Block(1, len(LEDE) + 2, len(LEDE) + 2 + len(P2)),
        Block(2, start, start + len(copy)),
    ]
    find_duplicates(raw, blocks)
    assert removed(blocks) == {2: (1, 1.0, None)}


def test_copy_with_line_breaks_is_removed_however_it_is_segmented():
    """A copy with line breaks inside, in a text of blank-line paragraphs: whether
    the segmenter keeps it whole or cuts it at the breaks, all of it goes."""
    copy = P3.replace(" Marta", "\nMarta").replace(" the board", "\nthe board")
    raw = "\n\n".join([*BODY, copy]) + "\n"
    blocks = segment(raw)
    find_duplicates(raw, blocks)
    start = raw.index(copy)
    pieces = [b for b in blocks if b.start >= start]
    assert pieces and all(b.reason is not None and b.reason.kind == "duplicate" for b in pieces)
    assert {b.reason.of for b in pieces} == {2}
    assert all(b.kept for b in blocks if b.start < start)


def test_original_with_a_line_break_and_an_intact_copy():
    original = P3.replace(" Marta", "\nMarta").replace(" the board", "\nthe board")
    raw = "\n\n".join([LEDE, P2, original, P4, P5, P3]) + "\n"
    blocks = segment(raw)
    find_duplicates(raw, blocks)
    last = blocks[-1]
    assert raw[last.start : last.end] == P3
    assert last.reason is not None and last.reason.kind == "duplicate"
    assert raw[blocks[last.reason.of].start :].startswith(original[:40])
    assert all(b.kept for b in blocks[:-1])


def test_near_quotes_straight_and_curly_swapped():
    copy = P3.replace("\u201c", '"').replace("\u201d", '"')
    _, blocks = run([*BODY, copy])
    assert removed(blocks)[5][:2] == (2, 1.0)


@pytest.mark.parametrize(
    "copy",
    [
        P4[:-1] + "!",  # final stop changed
        P4.replace("weekday trade", "weekday trade,"),  # a comma added
        P4.replace("ferry stops", "ferry stops \u2014"),  # a dash
        P4[:-1] + "...",  # an ellipsis for the stop: not a teaser (nothing cut)
    ],
)
def test_near_punct(copy):
    _, blocks = run([*BODY, copy])
    got = removed(blocks)
    assert list(got) == [5] and got[5][0] == 3
    assert 0.9 <= got[5][1] <= 1.0


@pytest.mark.parametrize(
    "copy",
    [
        P2.replace("northern", "southern"),  # replaced
        P2.replace("northern ", ""),  # deleted
        P2.replace("bus link", "free bus link"),  # inserted
        P2.replace("Commuters", "Drivers"),  # first word
    ],
)
def test_near_word_one_word_changed(copy):
    _, blocks = run([*BODY, copy])
    got = removed(blocks)
    assert list(got) == [5] and got[5][0] == 1
    assert got[5][2] in {"one word", "near"}
    assert 0.8 <= got[5][1] < 1.0


def test_a_changed_figure_is_a_different_fact():
    changed = P5.replace("3,000", "4,000")
    _, blocks = run([*BODY, changed])
    assert removed(blocks) == {}


def test_whole_body_printed_twice_including_short_blocks():
    body = [LEDE, "Service ends Friday", P2, P3, "Buy tickets", P4]
    raw = "\n\n".join(body) + "\n\n" + "\n\n".join(p.replace(" the ", "  the ") for p in body) + "\n"
    blocks = segment(raw)
    assert len(blocks) == 12
    find_duplicates(raw, blocks)
    got = removed(blocks)
    assert sorted(got) == list(range(6, 12))  # the short ones go with the run
    assert all(got[i][0] == i - 6 for i in got)
    assert got[7][2] == got[10][2] == "repeated run"  # short: removed for the run
    assert got[6] == (0, 1.0, None)  # long: an exact repeat on its own
    assert all(b.kept for b in blocks[:6])


def test_teaser_before_the_lede_is_removed_and_the_lede_kept():
    teaser = LEDE[: int(len(LEDE) * 0.55)].rstrip() + "\u2026"
    _, blocks = run([teaser, *BODY])
    got = removed(blocks)
    assert list(got) == [0]
    assert got[0][0] == 1 and got[0][2] == "teaser"
    assert 0.3 < got[0][1] < 0.8
    assert blocks[1].kept


def test_teaser_after_the_body_with_read_more():
    teaser = "Read more: " + LEDE[: int(len(LEDE) * 0.45)] + "..."
    _, blocks = run([*BODY, teaser])
    got = removed(blocks)
    assert list(got) == [5] and got[5][0] == 0 and got[5][2] == "teaser"


def test_teaser_with_bracketed_ellipsis_after_the_body():
    teaser = LEDE[: int(len(LEDE) * 0.6)].rsplit(" ", 1)[0] + " [\u2026]"
    _, blocks = run([*BODY, teaser])
    assert removed(blocks)[5][::2] == (0, "teaser")


def test_a_teaser_taken_for_the_title_is_removed():
    """The metadata step may call a first-line teaser the title; it is a copy of the lede."""
    teaser = LEDE[: int(len(LEDE) * 0.5)].rstrip() + "..."
    raw = "\n\n".join([teaser, *BODY]) + "\n"
    blocks = segment(raw)
    blocks[0].role = Role.TITLE
    find_duplicates(raw, blocks)
    assert removed(blocks)[0][::2] == (1, "teaser")
    assert blocks[0].role is Role.REMOVED


def test_a_paragraph_ending_in_an_ellipsis_that_cuts_nothing_is_kept():
    trailing = "And then, as the last ferry pulled away from the landing for good, the crowd fell silent..."
    _, blocks = run([*BODY, trailing])
    assert removed(blocks) == {}


def test_short_natural_repeats_are_kept():
    q = "What do you remember about the ferry?"
    answers = [
        "I took it every morning for twenty years, in every kind of weather you can imagine.",
        "My father was a deckhand on it, so I grew up on the crossing, summer and winter.",
        "Mostly the coffee, which was terrible, and the view, which was not terrible at all.",
    ]
    paragraphs = [LEDE]
    for a in answers:
        paragraphs += [q, a, "Buy Now"]
    assert len(normalise(q)) < MIN_CHARS
    _, blocks = run(paragraphs)
    assert removed(blocks) == {}


GUESTS = ["Anna", "Boris", "Carla", "Dmitri"]
ANSWERS = [
    "The engines. I was fourteen when I first went below deck and I never wanted to leave.",
    "Honestly, the hours suited me: early starts, but the afternoons were always free.",
    "My uncle got me the job and then the people on board made it impossible to quit.",
    "I liked that every crossing was a little different, with the light and the tide.",
]
QUESTION = "What first drew you to working on the river ferries, and what kept you there?"


def test_templated_page_keeps_its_repeated_question():
    """A question asked of every guest, in a page built on a frame ("Vote for X ...")."""
    assert len(normalise(QUESTION)) >= MIN_CHARS
    paragraphs = [LEDE]
    for guest, answer in zip(GUESTS, ANSWERS):
        paragraphs += [QUESTION, answer, f"You can vote for {guest} on the last page of this feature!"]
    _, blocks = run(paragraphs)
    assert removed(blocks) == {}


def test_a_long_line_repeated_without_a_frame_is_a_copy():
    """Four copies of a caption between paragraphs, and one printed twice in a row."""
    caption = "The last ferry leaves the Halden landing on a grey morning, with two passengers aboard."
    paragraphs = [LEDE, caption, P2, caption, caption, P3, caption, P4]
    _, blocks = run(paragraphs)
    assert removed(blocks) == {3: (1, 1.0, None), 4: (1, 1.0, None), 6: (1, 1.0, None)}


def test_embedded_post_signature_is_not_a_duplicate():
    sig = "\u2014 County Transport (@CountyTransport) October 9, 2019"
    assert len(normalise(sig)) >= MIN_CHARS
    paragraphs = [LEDE, "Last sailing on Friday at 18:40.", sig, P2, "Bus link starts Monday.", sig, P3]
    _, blocks = run(paragraphs)
    assert removed(blocks) == {}


def test_title_block_is_an_original():
    headline = "River ferry between Halden and Oster to stop after forty years"
    raw = "\n\n".join([headline, *BODY, headline]) + "\n"
    blocks = segment(raw)
    blocks[0].role = Role.TITLE  # as the metadata step would
    find_duplicates(raw, blocks)
    assert removed(blocks) == {6: (0, 1.0, None)}
    assert blocks[0].role is Role.TITLE


def test_metadata_blocks_are_never_removed():
    raw = "\n\n".join([*BODY, P2]) + "\n"
    blocks = segment(raw)
    blocks[5].role = Role.METADATA
    find_duplicates(raw, blocks)
    assert removed(blocks) == {}


def test_long_single_block_returns():
    """10 MB in one block (and a copy of it): no quadratic work, no hang."""
    big = ("The ferry ran on time. " * 450_000)[:10_000_000]
    raw = big + "\n\n" + big + "\n"
    blocks = [Block(0, 0, len(big)), Block(1, len(big) + 2, 2 * len(big) + 2)]
    find_duplicates(raw, blocks)
    assert removed(blocks) == {1: (0, 1.0, None)}


def test_many_similar_blocks_return():
    """A page of thousands of near-identical rows stays linear."""
    rows = [f"Row {i}: the ferry timetable entry for departure number {i} from the landing." for i in range(5000)]
    raw = "\n\n".join(rows) + "\n"
    blocks = segment(raw)
    find_duplicates(raw, blocks)
    assert removed(blocks) == {}  # every row has its own figure


def test_pipeline_reason_in_json(tmp_path):
    """Through the CLI: the copy's reason names the original and a score."""
    path = tmp_path / "ferry.txt"
    path.write_text("\n\n".join([*BODY, P3.replace("\u201c", '"').replace("\u201d", '"')]) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    subprocess.run(
        [sys.executable, "-m", "reader", "clean", str(path), "--format", "json", "--no-annotate", "-o", str(out)],
        check=True,
        capture_output=True,
    )
    data = json.loads((out / "ferry.json").read_text(encoding="utf-8"))
    dups = [b for b in data["blocks"] if b["reason"] and b["reason"]["kind"] == "duplicate"]
    assert len(dups) == 1
    reason = dups[0]["reason"]
    original = data["blocks"][reason["of"]]
    assert original["start"] == path.read_text(encoding="utf-8").index(P3)
    assert reason["score"] == 1.0
    assert reason["description"].startswith(f"duplicate of block {reason['of']}")
