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

_LIST_ITEM = re.compile(r"\s{0,6}(?:[-*+•·▪►]|\d{1,3}[.)])\s+\S")
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
    """The hard-wrap width of these lines, or None if they do not look wrapped.

    The widest length between 40 and 100 columns with at least two more lines
    just under it, provided few lines are longer than it (a text whose
    paragraphs are long single lines is not wrapped, whatever its headlines).
    """
    lengths = sorted((l.length for l in lines if not _is_list_item(l)), reverse=True)
    for i, width in enumerate(lengths):
        if width > 100:
            continue
        if width < 40:
            return None
        if i + 2 < len(lengths) and lengths[i + 2] >= width - 15:
            near = sum(1 for x in lengths if width - 15 <= x <= width)
            longer = i  # lines longer than width (sorted descending)
            if longer <= 0.2 * near:
                return width
            return None
    return None


def _continues(prev: _Line, nxt: _Line, width: int | None) -> bool:
    """Does ``nxt`` continue the paragraph of ``prev`` (a wrapped line)?"""
    if _is_list_item(nxt) or _is_md_heading(nxt) or _is_md_heading(prev):
        return False
    first = nxt.text[0]
    if first.islower() and not _SENTENCE_END.search(prev.text) and not _is_list_item(prev):
        return True
    if width is None or _is_list_item(prev):
        return False
    if prev.length > width + 2 or nxt.length > width + 2 or prev.length < 0.6 * width:
        return False
    # A wrapper breaks a line only when the next word does not fit on it.
    word = nxt.text.split(None, 1)[0]
    return prev.length + 1 + len(word) > width - 2


_DANGLING = frozenset(
    "a an the of to in on at by for from with and or but as that which who whose than into onto over "
    "under about after before between his her its their our your my is are was were be been has have had".split()
)


def _dangles(line: _Line) -> bool:
    """Does the line end in a word that cannot end a heading ("of", "the", a comma)?"""
    text = line.text
    if text.endswith((",", "-", "–", "—")):
        return True
    last = text.rsplit(None, 1)[-1].casefold()
    return last in _DANGLING


def _blank_mode_groups(run: list[_Line]) -> list[list[_Line]]:
    """Split a run of lines in a blank-line-paragraph text into blocks.

    List items and Markdown headings stand alone.  Other lines are one
    paragraph broken by the scraper when the run ends like a sentence; a run
    of heading-like lines (no closing punctuation) is split at each line that
    does not visibly continue the previous one.
    """
    groups: list[list[_Line]] = []
    for line in run:
        if _is_list_item(line) or _is_md_heading(line) or not groups or _is_list_item(groups[-1][-1]) or _is_md_heading(groups[-1][-1]):
            groups.append([line])
        else:
            groups[-1].append(line)
    out: list[list[_Line]] = []
    for group in groups:
        if len(group) == 1 or _SENTENCE_END.search(group[-1].text):
            out.append(group)
            continue
        current = [group[0]]
        for prev, nxt in zip(group, group[1:]):
            if nxt.text[0].islower() or _dangles(prev) or prev.length > 100:
                current.append(nxt)
            else:
                out.append(current)
                current = [nxt]
        out.append(current)
    return out


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
    doc_width = _wrap_width(present)
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
    # Shape: blank-line paragraphs when most runs of lines are single lines.
    single = sum(1 for r in runs if len(r) == 1)
    blank_separated = len(runs) >= 3 and single >= 0.7 * len(runs)

    blocks: list[Block] = []

    def emit(group: list[_Line]) -> None:
        start, end = group[0].start, group[-1].end
        kind = _kind(group[0].text, len(group) > 1)
        blocks.append(Block(len(blocks), start, end, kind))

    for run in runs:
        if blank_separated:
            for group in _blank_mode_groups(run):
                emit(group)
            continue
        width = (_wrap_width(run) if len(run) >= 3 else None) or doc_width
        group: list[_Line] = [run[0]]
        for prev, nxt in zip(run, run[1:]):
            if _continues(prev, nxt, width):
                group.append(nxt)
            else:
                emit(group)
                group = [nxt]
        emit(group)
    return blocks
