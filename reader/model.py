"""The article model: one raw text, many spans.

An :class:`Article` owns the decoded, newline-normalised raw text.  Every
:class:`Block` is a ``(start, end)`` span of that text with a role and, when it
is not part of the body, a :class:`Reason`.  The clean text is built from the
kept body blocks; :class:`CleanMap` maps every clean offset back to the raw
text.  Entities and quotes are spans of the clean text.

Nothing here imports Textual (a test checks it).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from enum import StrEnum
from itertools import accumulate, repeat
from operator import add
from typing import Any

#: Separator between kept paragraphs in the clean text (the JSON contract).
PARAGRAPH_SEP = "\n\n"


class Role(StrEnum):
    """What a block is in the article."""

    TITLE = "title"
    METADATA = "metadata"
    BODY = "body"
    REMOVED = "removed"


class BlockKind(StrEnum):
    """The shape of a block in the raw text."""

    PARAGRAPH = "paragraph"
    HEADING = "heading"
    LIST_ITEM = "list_item"


#: Boilerplate categories: key -> (short badge, human-readable label).
BOILERPLATE_CATEGORIES: dict[str, tuple[str, str]] = {
    "legal": ("legal", "legal disclaimer / copyright / privacy"),
    "related": ("link list", "related / most popular / read-more link list"),
    "comments": ("comments", "comments section"),
    "share": ("share", "share / social prompt"),
    "subscribe": ("subscribe", "subscribe / newsletter / login / paywall prompt"),
    "cookie": ("cookie", "cookie consent"),
    "navigation": ("menu", "navigation / menu"),
    "ads": ("ad", "advertisement / sponsored"),
    "caption": ("caption", "photo credit / caption"),
    "tags": ("tags", "tags / breadcrumbs"),
    "outside": ("outside", "outside the article's main text"),
    "short": ("fragment", "short fragment outside sentences"),
    "empty": ("empty", "no visible text"),
}


@dataclass(frozen=True, slots=True)
class Reason:
    """Why a block is not part of the body.

    ``kind`` is one of ``duplicate``, ``boilerplate``, ``title``, ``metadata``.
    Duplicates carry ``of`` (the index of the block they repeat) and ``score``
    (similarity in [0, 1]); boilerplate carries ``category`` (a key of
    :data:`BOILERPLATE_CATEGORIES`); metadata carries ``category`` (the field:
    ``publisher``, ``byline``, ``published``, ``credits``); ``detail`` is an optional
    human-readable elaboration (the rule or cue that fired).
    """

    kind: str
    category: str | None = None
    of: int | None = None
    score: float | None = None
    detail: str | None = None

    # -- constructors -------------------------------------------------
    @classmethod
    def duplicate(cls, of: int, score: float, detail: str | None = None) -> Reason:
        return cls("duplicate", of=of, score=round(float(score), 3), detail=detail)

    @classmethod
    def boilerplate(cls, category: str, detail: str | None = None) -> Reason:
        if category not in BOILERPLATE_CATEGORIES:
            raise ValueError(f"unknown boilerplate category: {category!r}")
        return cls("boilerplate", category=category, detail=detail)

    @classmethod
    def title(cls) -> Reason:
        return cls("title")

    @classmethod
    def metadata(cls, field_name: str) -> Reason:
        return cls("metadata", category=field_name)

    # -- presentation -------------------------------------------------
    def describe(self) -> str:
        """A sentence a person can read: "duplicate of block 3, 100%"."""
        if self.kind == "duplicate":
            pct = round((self.score or 0.0) * 100)
            text = f"duplicate of block {self.of}, {pct}%"
        elif self.kind == "boilerplate":
            text = BOILERPLATE_CATEGORIES[self.category or "outside"][1]
        elif self.kind == "title":
            text = "title"
        elif self.kind == "metadata":
            text = f"metadata: {self.category}"
        else:  # pragma: no cover - future kinds
            text = self.kind
        if self.detail:
            text = f"{text} ({self.detail})"
        return text

    def badge(self) -> str:
        """A short badge for the raw pane: "dup of ¶3", "link list"."""
        if self.kind == "duplicate":
            return f"dup of ¶{self.of}"
        if self.kind == "boilerplate":
            return BOILERPLATE_CATEGORIES[self.category or "outside"][0]
        if self.kind == "metadata":
            return self.category or "meta"
        return self.kind

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind}
        if self.kind == "duplicate":
            out["of"] = self.of
            out["score"] = self.score
        elif self.category is not None:
            out["category"] = self.category
        if self.detail:
            out["detail"] = self.detail
        out["description"] = self.describe()
        return out


@dataclass(slots=True)
class Block:
    """One block of the raw text: ``raw[start:end]``."""

    index: int
    start: int
    end: int
    kind: BlockKind = BlockKind.PARAGRAPH
    role: Role = Role.BODY
    reason: Reason | None = None

    @property
    def kept(self) -> bool:
        return self.role is Role.BODY

    def text(self, raw: str) -> str:
        return raw[self.start : self.end]

    def remove(self, reason: Reason) -> None:
        self.role = Role.REMOVED
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Entity:
    """A named-entity mention: a span of the annotated text."""

    start: int
    end: int
    label: str  # PER, ORG, LOC, MISC
    group: int = -1
    text: str = ""


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation (span including its marks) and its speaker mention."""

    start: int
    end: int
    speaker: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    text: str = ""
    group: int | None = None
    #: "speech" for a quotation, "scare" for a short unattributed one ("so-called" quotes).
    kind: str = "speech"


@dataclass(frozen=True, slots=True)
class EntityGroup:
    """All mentions of one entity, under a canonical name."""

    id: int
    name: str
    label: str
    mentions: int = 0
    ambiguous: bool = False


@dataclass(slots=True)
class Annotations:
    """Entities, quotes and entity groups over one text."""

    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    groups: list[EntityGroup] = field(default_factory=list)


class CleanMap:
    """Maps offsets of the clean text to offsets of the raw text.

    The clean text is the kept blocks' text (newlines inside a block become
    spaces, so lengths are equal) joined by :data:`PARAGRAPH_SEP`.  A clean
    offset inside a block maps linearly into that block; an offset in a
    separator maps to the end of the preceding block.
    """

    __slots__ = ("_starts", "_blocks", "_raw_starts", "_lengths", "_position")

    def __init__(self) -> None:
        self._starts: list[int] = []  # clean start of each kept block
        self._blocks: list[int] = []  # block index of each kept block
        self._raw_starts: list[int] = []
        self._lengths: list[int] = []
        self._position: dict[int, int] = {}  # block index -> position in the lists above

    def add(self, clean_start: int, block: Block) -> None:
        self._position[block.index] = len(self._starts)
        self._starts.append(clean_start)
        self._blocks.append(block.index)
        self._raw_starts.append(block.start)
        self._lengths.append(block.end - block.start)

    @classmethod
    def of_blocks(cls, kept: list[Block], starts: list[int], lengths: list[int]) -> CleanMap:
        """The map of ``kept`` blocks at clean offsets ``starts`` (all at once, unlike :meth:`add`)."""
        cmap = cls()
        cmap._starts = starts
        cmap._blocks = indices = [b.index for b in kept]
        cmap._raw_starts = [b.start for b in kept]
        cmap._lengths = lengths
        cmap._position = dict(zip(indices, range(len(indices))))
        return cmap

    def __len__(self) -> int:
        return len(self._starts)

    def segment(self, clean_offset: int) -> int:
        """Index (into the kept blocks) of the segment holding ``clean_offset``."""
        i = bisect.bisect_right(self._starts, clean_offset) - 1
        return max(i, 0)

    def to_raw(self, clean_offset: int) -> int:
        if not self._starts:
            return 0
        i = self.segment(clean_offset)
        delta = min(clean_offset - self._starts[i], self._lengths[i])
        return self._raw_starts[i] + max(delta, 0)

    def block_at(self, clean_offset: int) -> int | None:
        """The raw block index holding ``clean_offset`` (None if no kept block)."""
        if not self._starts:
            return None
        return self._blocks[self.segment(clean_offset)]

    def clean_span(self, block_index: int) -> tuple[int, int] | None:
        """The clean (start, end) of a kept block, or None if it is not kept."""
        i = self._position.get(block_index)
        if i is None:
            return None
        return self._starts[i], self._starts[i] + self._lengths[i]

    def kept_blocks(self) -> list[int]:
        return list(self._blocks)

    def clean_starts(self) -> list[int]:
        return list(self._starts)


@dataclass(slots=True)
class Article:
    """A decoded article and everything the engine found in it."""

    source: str
    raw: str
    blocks: list[Block] = field(default_factory=list)
    title: str | None = None
    byline: str | None = None
    published: str | None = None
    publisher: str | None = None
    clean: str = ""
    clean_map: CleanMap = field(default_factory=CleanMap)
    notes: list[str] = field(default_factory=list)
    encoding: str | None = None
    annotations: Annotations | None = None
    cluster: int | None = None
    #: Record number (from 1) inside a multi-record file (JSON / JSON Lines), else None.
    record: int | None = None

    # -- assembling ---------------------------------------------------
    def assemble(self) -> None:
        """Build the clean text and its offset map from the kept blocks.

        Whole-list operations (comprehensions, ``map``, ``accumulate``) rather
        than a loop with per-block calls: this runs for every page.
        """
        raw = self.raw
        body = Role.BODY
        kept = [b for b in self.blocks if b.role is body]
        texts = [raw[b.start : b.end] for b in kept]
        lengths = list(map(len, texts))
        # Each block starts after the previous ones and their separators.
        starts = list(accumulate(map(add, lengths, repeat(len(PARAGRAPH_SEP))), initial=0))
        starts.pop()
        self.clean = PARAGRAPH_SEP.join(map(str.replace, texts, repeat("\n"), repeat(" ")))
        self.clean_map = CleanMap.of_blocks(kept, starts, lengths)

    # -- queries ------------------------------------------------------
    def block_text(self, index: int) -> str:
        return self.blocks[index].text(self.raw)

    def kept_blocks(self) -> list[Block]:
        return [b for b in self.blocks if b.kept]

    def removed_blocks(self) -> list[Block]:
        return [b for b in self.blocks if b.role is Role.REMOVED]

    @property
    def entities(self) -> list[Entity]:
        return self.annotations.entities if self.annotations else []

    @property
    def quotes(self) -> list[Quote]:
        return self.annotations.quotes if self.annotations else []

    def stats(self) -> dict[str, Any]:
        """Totals for the status line and the library."""
        dup = sum(1 for b in self.blocks if b.reason and b.reason.kind == "duplicate")
        boiler = sum(1 for b in self.blocks if b.reason and b.reason.kind == "boilerplate")
        total_chars = sum(b.end - b.start for b in self.blocks) or 0
        kept_chars = sum(b.end - b.start for b in self.blocks if b.kept)
        return {
            "blocks": len(self.blocks),
            "kept": sum(1 for b in self.blocks if b.kept),
            "duplicates": dup,
            "boilerplate": boiler,
            "kept_share": (kept_chars / total_chars) if total_chars else 1.0,
            "removed_share": (1 - kept_chars / total_chars) if total_chars else 0.0,
        }
