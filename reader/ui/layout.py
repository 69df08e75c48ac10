"""Text layout for the panes, without Textual: blocks, spans, soft-wrapping.

Everything here is pure and cheap to import, so the start-up preloader and
worker threads can cut a text into visual lines ahead of the UI, and tests
can check the wrapping without an app.
"""

from __future__ import annotations

import bisect
import re
from array import array
from collections.abc import Sequence
from dataclasses import dataclass

from rich.cells import cell_len, get_character_cell_size
from rich.text import Text

# -- text hygiene ---------------------------------------------------------

#: C0 controls -> U+2400 control pictures, DEL -> U+2421, C1 and bidi/zero-width
#: format characters -> visible stand-ins.  One character in, one out, so the
#: view's offsets stay the text's offsets.
_CONTROL_MAP: dict[int, str] = {c: chr(0x2400 + c) for c in range(0x20)}
_CONTROL_MAP[0x09] = " "  # a tab is whitespace, not an error
_CONTROL_MAP[0x7F] = "\u2421"
_CONTROL_MAP.update({c: "\ufffd" for c in range(0x80, 0xA0)})
_CONTROL_MAP.update({c: "\u2423" for c in (0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x2028, 0x2029, 0xFEFF)})
_CONTROL_MAP.update({c: "\u2194" for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))})
_CONTROL_RE = re.compile("[" + "".join(re.escape(chr(c)) for c in _CONTROL_MAP) + "\ud800-\udfff]")
#: Lone surrogates (a file name's undecodable bytes, as the OS hands them over) cannot be drawn.
_CONTROL_MAP.update(dict.fromkeys(range(0xD800, 0xE000), "\ufffd"))

#: Characters that may take two cells (CJK, Hangul, fullwidth forms, emoji).  Compiled on first
#: need: every one of them is at or above U+1100, so text below that (all Latin, Greek, Cyrillic,
#: Arabic, Hebrew...) never needs it, and start-up does not pay the ~2 ms compile.
_WIDE_PATTERN = (
    "[\u1100-\u115f\u231a-\u231b\u2329-\u232a\u23e9-\u23ec\u25fd-\u25fe\u2614-\u2615\u2648-\u2653"
    "\u26a1\u26aa-\u26ab\u26bd-\u26be\u26c4-\u26c5\u26ce\u26d4\u26ea\u26f2-\u26f5\u26fa\u26fd\u2705"
    "\u270a-\u270b\u2728\u274c\u274e\u2753-\u2755\u2757\u2795-\u2797\u27b0\u27bf\u2b1b-\u2b1c\u2b50\u2b55"
    "\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\ua960-\ua97f\uac00-\ud7a3"
    "\uf900-\ufaff\ufe10-\ufe19\ufe30-\ufe6f\uff00-\uff60\uffe0-\uffe6\U0001f000-\U0001faff\U00020000-\U0003fffd]"
)
_WIDE_MIN = "\u1100"
#: Below U+231A the only wide characters are the Hangul Jamo U+1100-U+115F: text whose highest
#: character is a curly quote, a dash or a euro sign needs only this small class.
_WIDE_SECOND = "\u231a"
_JAMO_RE = re.compile("[\u1100-\u115f]")
_wide_re: re.Pattern[str] | None = None


def _wide_search(text: str, start: int = 0, end: int | None = None) -> bool:
    """True if ``text[start:end]`` holds a character that may take two cells."""
    global _wide_re
    if end is None:
        end = len(text)
    if end <= start:
        return False
    top = max(text[start:end])
    if top < _WIDE_MIN:
        return False
    if top < _WIDE_SECOND:
        return _JAMO_RE.search(text, start, end) is not None
    if _wide_re is None:
        _wide_re = re.compile(_WIDE_PATTERN)
    return _wide_re.search(text, start, end) is not None


def visible(text: str) -> str:
    """``text`` with control characters replaced by visible placeholders (same length)."""
    if _CONTROL_RE.search(text) is None:
        return text
    return text.translate(_CONTROL_MAP)


def visible_text(text: Text) -> Text:
    """A rich ``Text`` with its control characters replaced by placeholders (its styles kept)."""
    shown = visible(text.plain)
    if shown != text.plain:
        text = text.copy()
        text.plain = shown
    return text


def wrap_offsets(text: str, start: int, end: int, width: int, first_width: int | None = None) -> list[tuple[int, int]]:
    """Greedy word wrap of ``text[start:end]`` (one hard line) into (start, end) pieces.

    Breaks at spaces (the space is not drawn), hard-breaks words longer than
    the width.  Measured in characters, or in cells when the line holds wide
    characters.
    """
    width = max(width, 1)
    limit = max(first_width if first_width is not None else width, 1)
    if end - start <= limit:
        return [(start, end)]
    if _wide_search(text, start, end):
        return _wrap_cells(text, start, end, width, limit)
    out: list[tuple[int, int]] = []
    s = start
    rfind = text.rfind
    while end - s > limit:
        cut = rfind(" ", s + 1, s + limit + 1)
        if cut <= s:
            out.append((s, s + limit))
            s += limit
        else:
            out.append((s, cut))
            s = cut + 1
        limit = width
    out.append((s, end))
    return out


def _wrap_cells(text: str, start: int, end: int, width: int, limit: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    s = start
    cells = 0
    last_space = -1
    i = start
    while i < end:
        ch = text[i]
        w = get_character_cell_size(ch)
        if cells + w > limit and i > s:
            if last_space > s:
                out.append((s, last_space))
                s = last_space + 1
            else:
                out.append((s, i))
                s = i
            cells = cell_len(text[s:i])
            last_space = -1
            limit = width
            continue
        if ch == " ":
            last_space = i
        cells += w
        i += 1
    out.append((s, end))
    return out


# -- the model the view draws -------------------------------------------------


@dataclass(frozen=True, slots=True)
class DocBlock:
    """One block of the view's text: ``text[start:end]``."""

    key: int  # the raw block index it shows (the app's common currency)
    start: int
    end: int
    style: str = "kept"  # kept | removed | title | meta
    badge: str = ""


@dataclass(frozen=True, slots=True)
class Span:
    """An extra styled span over the view's text (search hit, entity, quote)."""

    start: int
    end: int
    component: str  # a COMPONENT_CLASSES name


@dataclass(slots=True)
class Layout:
    """A text cut into visual lines for one width (parallel arrays, one entry per line)."""

    width: int
    only: set[int] | None
    v_start: array
    v_end: array
    v_block: array  # block position, -1 outside blocks
    v_hard: array  # hard line number on a hard line's first visual line, else -1
    v_badge: array  # 1 on a block's first visual line
    first: dict[int, int]  # block position -> first visual line
    last: dict[int, int]  # block position -> last visual line


def layout_lines(text: str, blocks: Sequence[DocBlock], width: int, only: set[int] | None = None) -> Layout:
    """Soft-wrap ``text`` for ``width``; pure, so a worker thread can do it ahead of the UI."""
    width = max(width, 1)
    narrow = text.isascii() or not _wide_search(text)
    starts = [b.start for b in blocks]
    nblocks = len(blocks)
    v_start, v_end, v_block, v_hard, v_badge = array("q"), array("q"), array("q"), array("q"), array("b")
    first: dict[int, int] = {}
    last: dict[int, int] = {}
    find, rfind = text.find, text.rfind
    bisect_right = bisect.bisect_right
    n = len(text)
    pos = 0
    line_no = 0
    b = -1
    while pos <= n:
        nl = find("\n", pos)
        if nl < 0:
            nl = n
        # the block holding this hard line (blocks are sorted; usually the same or the next one)
        probe = nl - 1 if nl > pos else pos
        if not (0 <= b < nblocks and blocks[b].start <= probe < blocks[b].end):
            b = bisect_right(starts, probe) - 1
            if b >= 0 and not blocks[b].start <= probe < blocks[b].end:
                b = -1
        if only is None or (b >= 0 and b in only):
            y = len(v_start)
            is_first = b >= 0 and b not in first
            limit = width
            if is_first and blocks[b].badge:
                limit = max(width - cell_len(blocks[b].badge) - 3, 1)
            if nl - pos <= limit:
                v_start.append(pos)
                v_end.append(nl)
                count = 1
            elif narrow:
                s_list = []
                e_list = []
                s = pos
                while nl - s > limit:
                    cut = rfind(" ", s + 1, s + limit + 1)
                    if cut <= s:
                        s_list.append(s)
                        e_list.append(s + limit)
                        s += limit
                    else:
                        s_list.append(s)
                        e_list.append(cut)
                        s = cut + 1
                    limit = width
                s_list.append(s)
                e_list.append(nl)
                v_start.extend(s_list)
                v_end.extend(e_list)
                count = len(s_list)
            else:
                pieces = wrap_offsets(text, pos, nl, width, limit)
                v_start.extend(p[0] for p in pieces)
                v_end.extend(p[1] for p in pieces)
                count = len(pieces)
            if count == 1:
                v_block.append(b)
                v_hard.append(line_no)
                v_badge.append(1 if is_first else 0)
            else:
                v_block.extend([b] * count)
                v_hard.append(line_no)
                v_hard.extend([-1] * (count - 1))
                v_badge.append(1 if is_first else 0)
                v_badge.extend([0] * (count - 1))
            if b >= 0:
                if is_first:
                    first[b] = y
                last[b] = y + count - 1
        line_no += 1
        pos = nl + 1
    return Layout(width, only, v_start, v_end, v_block, v_hard, v_badge, first, last)


def gutter_for(text: str, line_numbers: bool) -> int:
    """Columns left of the text: line number (if shown), cursor mark, space."""
    return len(str(text.count("\n") + 1)) + 2 if line_numbers else 2
