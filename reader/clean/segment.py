"""Segmentation: the raw text into blocks (paragraphs, headings, list items).

Copes with the three shapes of scraped text:

* one paragraph per line (no blank lines, long lines);
* paragraphs separated by blank lines (lines inside a paragraph are joined);
* hard-wrapped paragraphs (lines cut at a fixed width, ~60-80 columns),
  joined back into one block.

List items ("- ", "* ", "• ", "1. ") and Markdown headings ("# ") are always
blocks of their own.  Blocks are ``(start, end)`` spans of the raw text with
surrounding whitespace excluded; they never overlap and are in order.

Written for speed: the text is split once, each line's shape (list item,
heading, sentence end) is worked out once into flat lists, and the grouping
works on line indices (no per-line objects).
"""

from __future__ import annotations

import re
from itertools import accumulate, compress, islice, repeat
from operator import add, ne, sub
from typing import cast

from reader.model import Block, BlockKind

_LIST_ITEM = re.compile(r"\s{0,6}(?:[-*+•·▪►]|\d{1,3}[.)])\s+\S")
_MD_HEADING = re.compile(r"\s{0,3}#{1,6}\s+\S")
#: First characters a list item or a Markdown heading can start with (a cheap pre-test).
_SHAPE_START = frozenset("-*+•·▪►0123456789#")
#: A line ending like a sentence or clause (closing punctuation or quote).
_SENTENCE_END_CHARS = frozenset('.!?:;"”’»)')
_TERMINAL_CHARS = frozenset(".!?")
_CLOSER_CHARS = frozenset("'\"”’»)")

# Line shapes.
_PLAIN, _ITEM, _HEAD = 0, 1, 2

_DANGLING = frozenset(
    "a an the of to in on at by for from with and or but as that which who whose than into onto over "
    "under about after before between his her its their our your my is are was were be been has have had".split()
)
_DANGLING_ENDS = (",", "-", "–", "—")


def _wrap_width(lengths: list[int]) -> int | None:
    """The hard-wrap width of lines of these lengths (list items left out), or None.

    The widest length between 40 and 100 columns with at least two more lines
    just under it, provided few lines are longer than it (a text whose
    paragraphs are long single lines is not wrapped, whatever its headlines).
    """
    lengths = sorted(lengths, reverse=True)
    nl = len(lengths)
    for i, width in enumerate(lengths):
        if width > 100:
            continue
        if width < 40:
            return None
        if i + 2 < nl and lengths[i + 2] >= width - 15:
            lo = width - 15
            near = 0
            for x in lengths[i:]:
                if x < lo:
                    break
                near += 1
            if i <= 0.2 * near:  # i lines are longer than width (sorted descending)
                return width
            return None
    return None


def _dangles(text: str) -> bool:
    """Does the line end in a word that cannot end a heading ("of", "the", a comma)?"""
    if text.endswith(_DANGLING_ENDS):
        return True
    return text.rsplit(None, 1)[-1].casefold() in _DANGLING


def segment(raw: str) -> list[Block]:
    """Split ``raw`` into blocks."""
    # Lines: start, end (surrounding whitespace excluded), text, kind; runs between blank lines.
    # Built with C-level passes (map, compress, accumulate) instead of a loop over the lines.
    lines = raw.split("\n")
    texts = list(filter(None, lines))
    if list(map(str.strip, texts)) == texts:
        # No whitespace around any line (nor any line of only whitespace): the common case.
        line_no = list(compress(range(len(lines)), lines))  # each text's line in ``lines``
        lengths = list(map(len, texts))
        gaps = list(map(sub, islice(line_no, 1, None), line_no))  # newlines between texts
        # Texts and the newlines between them alternate: one running sum gives the offsets.
        steps = [0] * (2 * len(texts))
        steps[0::2] = line_no[:1] + gaps
        steps[1::2] = lengths
        bounds = list(accumulate(steps))
        starts, ends = bounds[0::2], bounds[1::2]
    else:
        stripped = list(map(str.strip, lines))
        texts = list(filter(None, stripped))
        line_no = list(compress(range(len(lines)), stripped))
        lengths = list(map(len, texts))
        gaps = list(map(sub, islice(line_no, 1, None), line_no))
        offsets = list(accumulate(map(len, lines), initial=0))  # + i: where line i starts
        starts = [offsets[i] + i + len(lines[i]) - len(lines[i].lstrip()) for i in line_no]
        ends = list(map(add, starts, lengths))
    n_lines = len(texts)
    if not n_lines:
        return []

    # The kind of each line were it a block of its own: a short line starting in upper case,
    # not ending like a sentence, of at most 12 words is a heading (13 words take 25
    # characters).  A line starting with a list-item or Markdown-heading character (never
    # upper case) is marked None, to be looked at below.
    paragraph, heading, terminal, closers = BlockKind.PARAGRAPH, BlockKind.HEADING, _TERMINAL_CHARS, _CLOSER_CHARS
    shape_start = _SHAPE_START
    kinds = [
        heading
        if (first := t[0]).isupper()
        and len(t) <= 80
        and (last := t[-1]) not in terminal
        and not (last in closers and t[-2:-1] in terminal)
        and (len(t) < 25 or len(t.split()) <= 12)
        else None
        if first in shape_start
        else paragraph
        for t in texts
    ]
    # Shapes of the marked lines (list.index finds them in C).
    shapes = [_PLAIN] * n_lines
    i = -1
    for _ in range(kinds.count(None)):
        i = kinds.index(None, i + 1)
        t = texts[i]
        kinds[i] = paragraph
        if t[0] == "#":
            if _MD_HEADING.match(t):
                shapes[i], kinds[i] = _HEAD, heading
        elif _LIST_ITEM.match(t):
            shapes[i], kinds[i] = _ITEM, BlockKind.LIST_ITEM
    line_kinds = cast("list[BlockKind]", kinds)  # (no None left)

    # Runs of lines between blank lines: a run breaks where the line numbers jump.
    if 1 not in gaps:
        # Every line is a run (and a block) of its own: the common shape of scraped pages.
        return list(map(Block, range(n_lines), starts, ends, line_kinds))
    breaks = [k + 1 for k in compress(range(n_lines - 1), map(ne, gaps, repeat(1)))]
    runs = list(zip([0, *breaks], [*breaks, n_lines]))  # [first, last) line indices

    # Shape: blank-line paragraphs when most runs of lines are single lines.
    single = sum(1 for a, b in runs if b - a == 1)
    blank_separated = len(runs) >= 3 and single >= 0.7 * len(runs)

    # Groups of lines: (first, last) inclusive.
    groups: list[tuple[int, int]] = []
    add_group = groups.append
    if blank_separated:
        for a, b in runs:
            if b - a == 1:
                add_group((a, a))
            else:
                _blank_mode_groups(a, b, texts, shapes, lengths, add_group)
    else:
        doc_width: int | None = -1  # computed on first need
        for a, b in runs:
            if b - a == 1:
                add_group((a, a))
                continue
            width = None
            if b - a >= 3:
                width = _wrap_width([lengths[i] for i in range(a, b) if shapes[i] != _ITEM])
            if width is None:
                if doc_width == -1:
                    doc_width = _wrap_width([x for x, sh in zip(lengths, shapes) if sh != _ITEM])
                width = doc_width
            _wrapped_groups(a, b, texts, shapes, lengths, width, add_group)

    # A line's own kind, except that a group of plain lines is a paragraph.
    return [
        Block(idx, starts[a], ends[b], line_kinds[a] if a == b or shapes[a] != _PLAIN else paragraph)
        for idx, (a, b) in enumerate(groups)
    ]


def _blank_mode_groups(a: int, b: int, texts: list[str], shapes: list[int], lengths: list[int], add) -> None:
    """Split a run of lines [a, b) in a blank-line-paragraph text into blocks.

    List items and Markdown headings stand alone.  Other lines are one
    paragraph broken by the scraper when the run ends like a sentence; a run
    of heading-like lines (no closing punctuation) is split at each line that
    does not visibly continue the previous one (a lower-case start, a dangling
    end, a long line or a full sentence before it).
    """
    sentence_end, terminal = _SENTENCE_END_CHARS, _TERMINAL_CHARS
    g0 = a
    for i in range(a, b + 1):
        # A group ends before a list item / heading, after one, and at the run's end.
        if i < b and (i == g0 or (shapes[i] == _PLAIN and shapes[i - 1] == _PLAIN)):
            continue
        last = i - 1
        if last == g0 or texts[last][-1] in sentence_end:
            add((g0, last))
        else:
            cur = g0
            for j in range(g0 + 1, last + 1):
                prev = texts[j - 1]
                if (
                    texts[j][0].islower()
                    or lengths[j - 1] > 100
                    or _dangles(prev)
                    # A sentence broken after its full stop: a heading does not end in one.
                    or (lengths[j - 1] >= 40 and prev[-1] in terminal)
                ):
                    continue
                add((cur, j - 1))
                cur = j
            add((cur, last))
        g0 = i


def _wrapped_groups(
    a: int, b: int, texts: list[str], shapes: list[int], lengths: list[int], width: int | None, add
) -> None:
    """Join the wrapped lines of the run [a, b) into paragraphs."""
    sentence_end = _SENTENCE_END_CHARS
    g0 = a
    for j in range(a + 1, b):
        k = j - 1
        # Does line j continue the paragraph of line k?
        cont = False
        sj, sk = shapes[j], shapes[k]
        if sj == _PLAIN and sk != _HEAD and sj != _HEAD:
            if sk == _PLAIN and texts[j][0].islower() and texts[k][-1] not in sentence_end:
                cont = True
            elif width is not None and sk == _PLAIN:
                lk, lj = lengths[k], lengths[j]
                if lk <= width + 2 and lj <= width + 2 and lk >= 0.6 * width:
                    # A wrapper breaks a line only when the next word does not fit on it.
                    cont = lk + 1 + len(texts[j].split(None, 1)[0]) > width - 2
        if not cont:
            add((g0, k))
            g0 = j
    add((g0, b - 1))
