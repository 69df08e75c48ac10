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

from reader.model import Block, BlockKind

_LIST_ITEM = re.compile(r"\s{0,6}(?:[-*+•·▪►]|\d{1,3}[.)])\s+\S")
_MD_HEADING = re.compile(r"\s{0,3}#{1,6}\s+\S")
#: First characters a list item or a Markdown heading can start with (a cheap pre-test).
_ITEM_START = frozenset("-*+•·▪►0123456789")
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
    # Lines: start, end (surrounding whitespace excluded), text, shape; runs between blank lines.
    starts: list[int] = []
    ends: list[int] = []
    texts: list[str] = []
    shapes: list[int] = []
    runs: list[tuple[int, int]] = []  # [first, last) line indices
    run_start = 0
    pos = 0
    item_start = _ITEM_START
    for line in raw.split("\n"):
        ls = line.lstrip()
        if ls:
            s = ls.rstrip()
            start = pos + len(line) - len(ls)
            starts.append(start)
            ends.append(start + len(s))
            texts.append(s)
            c = s[0]
            if c in item_start:
                shapes.append(_ITEM if _LIST_ITEM.match(s) else _PLAIN)
            elif c == "#":
                shapes.append(_HEAD if _MD_HEADING.match(s) else _PLAIN)
            else:
                shapes.append(_PLAIN)
        else:
            n = len(texts)
            if n > run_start:
                runs.append((run_start, n))
            run_start = n
        pos += len(line) + 1
    n_lines = len(texts)
    if not n_lines:
        return []
    if n_lines > run_start:
        runs.append((run_start, n_lines))
    lengths = [e - s for s, e in zip(starts, ends)]

    # Shape: blank-line paragraphs when most runs of lines are single lines.
    single = sum(1 for a, b in runs if b - a == 1)
    blank_separated = len(runs) >= 3 and single >= 0.7 * len(runs)

    # Groups of lines: (first, last) inclusive.
    groups: list[tuple[int, int]] = []
    add = groups.append
    if blank_separated:
        for a, b in runs:
            if b - a == 1:
                add((a, a))
            else:
                _blank_mode_groups(a, b, texts, shapes, lengths, add)
    else:
        doc_width: int | None = -1  # computed on first need
        for a, b in runs:
            if b - a == 1:
                add((a, a))
                continue
            width = None
            if b - a >= 3:
                width = _wrap_width([lengths[i] for i in range(a, b) if shapes[i] != _ITEM])
            if width is None:
                if doc_width == -1:
                    doc_width = _wrap_width([x for x, sh in zip(lengths, shapes) if sh != _ITEM])
                width = doc_width
            _wrapped_groups(a, b, texts, shapes, lengths, width, add)

    blocks: list[Block] = []
    paragraph, heading, list_kind = BlockKind.PARAGRAPH, BlockKind.HEADING, BlockKind.LIST_ITEM
    terminal, closers = _TERMINAL_CHARS, _CLOSER_CHARS
    for idx, (a, b) in enumerate(groups):
        shape = shapes[a]
        if shape == _ITEM:
            kind = list_kind
        elif shape == _HEAD:
            kind = heading
        else:
            kind = paragraph
            if a == b and lengths[a] <= 80:
                t = texts[a]
                last = t[-1]
                if (
                    t[0].isupper()
                    and last not in terminal
                    and not (last in closers and t[-2:-1] in terminal and len(t) > 1)
                    and len(t.split()) <= 12
                ):
                    kind = heading
        blocks.append(Block(idx, starts[a], ends[b], kind))
    return blocks


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
