"""From an Article to what the two panes draw, and the map between them.

Pure functions over :mod:`reader.model` (no Textual): the raw pane shows the
raw text cut into its blocks; the clean pane shows a header (title, then
publisher · byline · date) and the clean text cut into the kept blocks.
:class:`PaneMap` answers "which block of the other pane corresponds to this
one", always through raw block indices (the anchor), never line numbers.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from reader.model import Article, Role
from reader.ui.layout import DocBlock

#: A clean-pane block without a raw counterpart (title taken from a file name...).
NO_RAW = -1


@dataclass(slots=True)
class CleanDoc:
    text: str
    blocks: list[DocBlock]
    header_len: int  # clean offset o is at clean-pane offset header_len + o


@dataclass(slots=True)
class PaneMap:
    """Raw block index <-> clean-pane block position."""

    raw_to_clean: dict[int, int] = field(default_factory=dict)  # kept/title/meta raw block -> clean position
    kept_indices: list[int] = field(default_factory=list)  # raw indices of kept blocks, in order
    kept_positions: list[int] = field(default_factory=list)  # their clean positions
    header_last: int = -1  # clean position of the last header block (-1: no header)

    def clean_position(self, raw_index: int) -> int | None:
        """The clean block showing raw block ``raw_index``, or None if it was removed."""
        return self.raw_to_clean.get(raw_index)

    def ghost_after(self, raw_index: int) -> int:
        """For a removed raw block: the clean position it would follow."""
        i = bisect.bisect_left(self.kept_indices, raw_index) - 1
        if i >= 0:
            return self.kept_positions[i]
        return self.header_last


def raw_blocks(article: Article) -> list[DocBlock]:
    out: list[DocBlock] = []
    for b in article.blocks:
        if b.role is Role.BODY:
            out.append(DocBlock(b.index, b.start, b.end, "kept", f"¶{b.index}"))
        elif b.role is Role.TITLE:
            out.append(DocBlock(b.index, b.start, b.end, "title", "title"))
        elif b.role is Role.METADATA:
            out.append(DocBlock(b.index, b.start, b.end, "meta", b.reason.badge() if b.reason else "meta"))
        else:
            out.append(DocBlock(b.index, b.start, b.end, "removed", b.reason.badge() if b.reason else "removed"))
    return out


def meta_line(article: Article) -> str:
    return " · ".join(m for m in (article.publisher, article.byline, article.published) if m)


def clean_doc(article: Article) -> tuple[CleanDoc, PaneMap]:
    """The clean pane's text and blocks, and the raw <-> clean map."""
    parts: list[str] = []
    blocks: list[DocBlock] = []
    pmap = PaneMap()
    pos = 0
    title_block = next((b.index for b in article.blocks if b.role is Role.TITLE), NO_RAW)
    meta_blocks = [b.index for b in article.blocks if b.role is Role.METADATA]
    if article.title:
        title = " ".join(article.title.split())
        blocks.append(DocBlock(title_block, pos, pos + len(title), "title"))
        parts.append(title + "\n")
        pos += len(title) + 1
        if title_block != NO_RAW:
            pmap.raw_to_clean[title_block] = len(blocks) - 1
    meta = meta_line(article)
    if meta:
        key = meta_blocks[0] if meta_blocks else NO_RAW
        blocks.append(DocBlock(key, pos, pos + len(meta), "meta"))
        parts.append(meta + "\n")
        pos += len(meta) + 1
        for index in meta_blocks:
            pmap.raw_to_clean[index] = len(blocks) - 1
    elif meta_blocks and blocks:
        for index in meta_blocks:
            pmap.raw_to_clean.setdefault(index, len(blocks) - 1)
    pmap.header_last = len(blocks) - 1
    parts.append("\n")  # a blank line before the body (and the ghost line before it)
    pos += 1
    header_len = pos
    cmap = article.clean_map
    for clean_start, index in zip(cmap.clean_starts(), cmap.kept_blocks(), strict=True):
        b = article.blocks[index]
        start = header_len + clean_start
        blocks.append(DocBlock(index, start, start + (b.end - b.start), "kept"))
        pmap.raw_to_clean[index] = len(blocks) - 1
        pmap.kept_indices.append(index)
        pmap.kept_positions.append(len(blocks) - 1)
    parts.append(article.clean)
    parts.append("\n")  # a blank line after the body, for a ghost after the last block
    return CleanDoc("".join(parts), blocks, header_len), pmap
