"""Entities and quotes as the panes' spans, without Textual.

The annotator's spans are offsets into the article's CLEAN text.  The clean
pane shows that text after a header (so its spans shift by ``header_len``);
the raw pane shows the raw text, so each span is cut at kept-block boundaries
and every piece is mapped into its raw block.  A quote that runs over several
paragraphs therefore never paints the removed blocks between them.

Built once per article in the worker that cleans and annotates it, and kept
with the library entry (a cache per article).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from reader.model import Annotations, Article
from reader.ui.layout import Span

#: Entity label -> component class of the views.
ENTITY_COMPONENTS = {
    "PER": "docview--entity-per",
    "ORG": "docview--entity-org",
    "LOC": "docview--entity-loc",
    "MISC": "docview--entity-misc",
}
LABELS = ("PER", "ORG", "LOC", "MISC")


@dataclass(slots=True)
class PaneSpans:
    """What one pane highlights: entity spans (by type), quote spans and speaker mentions."""

    entities: list[Span] = field(default_factory=list)
    quotes: list[Span] = field(default_factory=list)


@dataclass(slots=True)
class AnnotationSpans:
    """An article's annotations, ready for both panes."""

    annotations: Annotations
    header_len: int
    clean: PaneSpans
    raw: PaneSpans
    #: group id -> its mentions as clean (start, end), in text order
    mentions: dict[int, list[tuple[int, int]]]
    #: every entity as clean (start, end), in text order (e/E with no group selected)
    all_mentions: list[tuple[int, int]]
    #: quotes in text order (o/O, the quote panel)
    quotes: list
    to_raw: CleanToRaw

    def group(self, group_id: int):
        for group in self.annotations.groups:
            if group.id == group_id:
                return group
        return None


class CleanToRaw:
    """Cuts clean spans at kept-block boundaries and maps each piece to raw offsets."""

    def __init__(self, article: Article) -> None:
        cmap = article.clean_map
        self.starts = cmap.clean_starts()
        blocks = cmap.kept_blocks()
        self.raw_starts = [article.blocks[i].start for i in blocks]
        self.lengths = [article.blocks[i].end - article.blocks[i].start for i in blocks]

    def pieces(self, start: int, end: int) -> list[tuple[int, int]]:
        """Raw (start, end) pieces of the clean span [start, end)."""
        out: list[tuple[int, int]] = []
        if not self.starts or end <= start:
            return out
        i = max(bisect.bisect_right(self.starts, start) - 1, 0)
        n = len(self.starts)
        while i < n and self.starts[i] < end:
            seg_start, seg_end = self.starts[i], self.starts[i] + self.lengths[i]
            s, e = max(start, seg_start), min(end, seg_end)
            if e > s:
                out.append((self.raw_starts[i] + s - seg_start, self.raw_starts[i] + e - seg_start))
            i += 1
        return out

    def offset(self, clean_offset: int) -> int:
        """The raw offset of one clean offset (a separator maps to the next block's start)."""
        if not self.starts:
            return 0
        i = max(bisect.bisect_right(self.starts, clean_offset) - 1, 0)
        delta = clean_offset - self.starts[i]
        if delta >= self.lengths[i] and i + 1 < len(self.starts):
            return self.raw_starts[i + 1]
        return self.raw_starts[i] + min(max(delta, 0), self.lengths[i])


def build_spans(article: Article, header_len: int) -> AnnotationSpans | None:
    """Both panes' spans for an annotated article (None if it has no annotations)."""
    ann = article.annotations
    if ann is None:
        return None
    to_raw = CleanToRaw(article)
    clean, raw = PaneSpans(), PaneSpans()
    mentions: dict[int, list[tuple[int, int]]] = {}
    all_mentions: list[tuple[int, int]] = []
    for ent in sorted(ann.entities, key=lambda e: (e.start, e.end)):
        component = ENTITY_COMPONENTS.get(ent.label, "docview--entity-misc")
        clean.entities.append(Span(ent.start + header_len, ent.end + header_len, component))
        raw.entities.extend(Span(s, e, component) for s, e in to_raw.pieces(ent.start, ent.end))
        mentions.setdefault(ent.group, []).append((ent.start, ent.end))
        all_mentions.append((ent.start, ent.end))
    for quote in sorted(ann.quotes, key=lambda q: q.start):
        component = "docview--quote" if quote.kind == "speech" else "docview--scare"
        clean.quotes.append(Span(quote.start + header_len, quote.end + header_len, component))
        raw.quotes.extend(Span(s, e, component) for s, e in to_raw.pieces(quote.start, quote.end))
        if quote.speaker_start is not None and quote.speaker_end is not None and quote.speaker_end > quote.speaker_start:
            s, e = quote.speaker_start, quote.speaker_end
            clean.quotes.append(Span(s + header_len, e + header_len, "docview--speaker"))
            raw.quotes.extend(Span(rs, re_, "docview--speaker") for rs, re_ in to_raw.pieces(s, e))
    quotes = sorted(ann.quotes, key=lambda q: q.start)
    return AnnotationSpans(ann, header_len, clean, raw, mentions, all_mentions, quotes, to_raw)


def speaker_label(article: Article, quote) -> str:
    """"Xi Jinping" or, for a resolved pronoun, "Xi Jinping (“He”)"; "unknown speaker" when none."""
    name = quote.speaker
    mention = ""
    if quote.speaker_start is not None and quote.speaker_end is not None:
        mention = " ".join(article.clean[quote.speaker_start : quote.speaker_end].split())
    if not name:
        return f"“{mention}”" if mention else ("scare quote" if quote.kind == "scare" else "unknown speaker")
    if mention and mention != name and mention not in name and len(mention.split()) <= 2:
        return f"{name} (“{mention}”)"  # a resolved pronoun or a short alias
    return name
