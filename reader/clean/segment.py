"""Segmentation: the raw text into blocks (paragraphs, headings, list items).

Copes with the three shapes of scraped text:

* one paragraph per line (no blank lines, long lines);
* paragraphs separated by blank lines (lines inside a paragraph are joined);
* hard-wrapped paragraphs (lines cut at a fixed width, ~60-80 columns),
  joined back into one block.

List items ("- ", "* ", "• ", "1. ") and Markdown headings ("# ") are always
blocks of their own.  Blocks are ``(start, end)`` spans of the raw text with
surrounding whitespace excluded; they never overlap and are in order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.model import Block, BlockKind

_LIST_ITEM = re.compile(r"\s{0,6}(?:[-*+•·▪►–—]|\d{1,3}[.)])\s+\S")
_MD_HEADING = re.compile(r"\s{0,3}#{1,6}\s+\S")
_SENTENCE_END = re.compile(r"[.!?:;\"”’»)]\s*$")
_TERMINAL = re.compile(r"[.!?]['\"”’»)]?\s*$")


@dataclass(slots=True)
class _Line:
    start: int
    end: int  # excluding the newline, trailing whitespace trimmed
    text: str

    @property
    def length(self) -> int:
        return self.end - self.start


def _lines(raw: str) -> list[_Line | None]:
    """Lines of ``raw`` (None for blank lines) with their offsets."""
    out: list[_Line | None] = []
    pos = 0
    n = len(raw)
    while pos <= n:
        nl = raw.find("\n", pos)
        if nl == -1:
            nl = n
        line = raw[pos:nl]
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            trail = len(line) - len(line.rstrip())
            out.append(_Line(pos + lead, nl - trail, stripped))
        else:
            out.append(None)
        pos = nl + 1
    return out


def _is_list_item(line: _Line) -> bool:
    return bool(_LIST_ITEM.match(line.text))


def _is_md_heading(line: _Line) -> bool:
    return bool(_MD_HEADING.match(line.text))


def _wrap_width(lines: list[_Line]) -> int | None:
    """The hard-wrap width of the text, or None if it does not look wrapped."""
    lengths = sorted((l.length for l in lines if l.length <= 100 and not _is_list_item(l)), reverse=True)
    for i, width in enumerate(lengths):
        if width < 40:
            return None
        # The widest length with at least two more lines just under it.
        if i + 2 < len(lengths) and lengths[i + 2] >= width - 18:
            break
    else:
        return None
    return width


def _continues(prev: _Line, nxt: _Line, width: int | None) -> bool:
    """Does ``nxt`` continue the paragraph of ``prev`` (a wrapped line)?"""
    if _is_list_item(nxt) or _is_md_heading(nxt) or _is_md_heading(prev):
        return False
    first = nxt.text[0]
    if first.islower() and not _SENTENCE_END.search(prev.text):
        return True
    if width is None or _is_list_item(prev):
        return False
    if prev.length > width + 2 or prev.length < 0.75 * width:
        return False
    if _TERMINAL.search(prev.text) and (first.isupper() or first.isdigit()):
        # A sentence ended at the line end; a new capitalised line may start a
        # new paragraph.  Join only if the next word would not have fitted.
        word = nxt.text.split(None, 1)[0]
        return prev.length + 1 + len(word) > width + 2
    # The next line's first word did not fit on this line: a soft wrap.
    word = nxt.text.split(None, 1)[0]
    return prev.length + 1 + len(word) > width - 8 or first.islower()


def _kind(text: str, joined: bool) -> BlockKind:
    if _LIST_ITEM.match(text):
        return BlockKind.LIST_ITEM
    if _MD_HEADING.match(text):
        return BlockKind.HEADING
    if not joined and len(text) <= 80 and not _TERMINAL.search(text) and text[:1].isupper():
        words = text.split()
        if 1 <= len(words) <= 12:
            return BlockKind.HEADING
    return BlockKind.PARAGRAPH


def segment(raw: str) -> list[Block]:
    """Split ``raw`` into blocks."""
    lines = _lines(raw)
    present = [l for l in lines if l is not None]
    if not present:
        return []
    width = _wrap_width(present)
    # Shape: blank-line paragraphs when most runs of lines are single lines
    # separated by blank lines, or when runs are many lines of prose.
    runs: list[list[_Line]] = []
    current: list[_Line] = []
    for line in lines:
        if line is None:
            if current:
                runs.append(current)
                current = []
        else:
            current.append(line)
    if current:
        runs.append(current)
    single = sum(1 for r in runs if len(r) == 1)
    blank_separated = len(runs) >= 3 and single >= 0.7 * len(runs)

    blocks: list[Block] = []

    def emit(group: list[_Line]) -> None:
        start, end = group[0].start, group[-1].end
        kind = _kind(group[0].text, len(group) > 1)
        blocks.append(Block(len(blocks), start, end, kind))

    for run in runs:
        group: list[_Line] = [run[0]]
        for prev, nxt in zip(run, run[1:]):
            if blank_separated:
                join = not (
                    _is_list_item(nxt) or _is_md_heading(nxt) or _is_md_heading(prev) or _is_list_item(prev)
                )
            else:
                join = _continues(prev, nxt, width)
            if join:
                group.append(nxt)
            else:
                emit(group)
                group = [nxt]
        emit(group)
    return blocks
