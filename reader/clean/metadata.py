"""Metadata: title, publisher, byline and date.

Title and metadata blocks get their role (``title`` / ``metadata``), not a
"removed" verdict: they are shown above the body in the clean view.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from reader.clean.boilerplate import keyword_category
from reader.clean.lazyre import LazyPattern
from reader.clean.features import BlockStats, block_stats
from reader.model import Block, BlockKind, Reason, Role

_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DATE = LazyPattern(
    r"(?:\b" + _MONTHS + r"\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}"
    r"|\b\d{1,2}(?:st|nd|rd|th)?\s+" + _MONTHS + r",?\s+\d{4}"
    r"|\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?"
    r"|\b\d{1,2}[/.]\d{1,2}[/.]\d{4})",
    re.I,
)
_DATE_LINE = re.compile(
    r"^(?:(?:published|posted|updated|last updated|date|first published)\s*(?:on|at)?\s*:?\s*)?"
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?.{0,6}" + _DATE.pattern + r".{0,40}$",
    re.I,
)
_BYLINE = re.compile(
    r"^(?i:by|written by|words by|story by|reporting by|interview by|interviewed by|text by|report by|von|por|par)\s+(?P<name>[A-Z][\w.'’-]+(?:\s+(?:[A-Z][\w.'’-]+|and|&|de|van|von|der|bin|al)){0,6})(?:\s*[,|·•-]\s*(?P<rest>.*))?$"
)
_DIGIT = re.compile(r"\d")
_DATELINE = re.compile(r"^(?:[A-Z][A-Za-z .,'-]{0,40}\s)?\((?P<pub>[A-Z][\w&.' -]{1,30})\)\s*(?:[-–—:]\s*)?\S")
_TITLE_MAX_CHARS = 200
#: Markdown heading marks and emphasis around a line: "# Title", "*Published ...*".
#: (LazyPattern: compiled on first use, like the other patterns a page may well not need.)
_MD_WRAP = LazyPattern(r"^\s*(?:#{1,6}\s+)?[*_]*\s*|\s*[*_]*\s*$")
#: "By Name" after a separator inside a date line: "Published 12 June 2025 · By Rosa Lindqvist".
_INNER_BYLINE = LazyPattern(
    r"(?:^|[·|•,–—-]\s*)(?i:by|von|por|par)\s+(?P<name>[A-Z][\w.'’-]+(?:\s+(?:[A-Z][\w.'’-]+|and|&|de|van|von|der|bin|al)){0,6})\s*$"
)


#: Wire-copy credits: "(Reporting by Daniel Hart; Editing by Susan Cole)".
_CREDITS = LazyPattern(
    r"^[(\[]?\s*(?:(?:additional|further) )?(?:reporting|writing|editing|compiled|produced|translated|research)"
    r" (?:by|from)\b[^\n]{0,250}$"
    r"|^[^\n]{0,250}\bcontributed(?: reporting)? to this (?:report|story|article)\W*$",
    re.I,
)
#: The credit lines' usual start (a cheap first test before the whole pattern).
_CREDITS_HEAD = LazyPattern(_CREDITS.pattern.split("$|^", 1)[0] + "$", re.I)
#: How a text :data:`_CREDITS_HEAD` matches starts, in any case, unless it
#: starts with a bracket or whitespace: its words' first two letters.  (Cheap
#: tests that spare most blocks the regex.)
_CREDITS_STARTS = frozenset(
    a + b
    for start in ("ad", "co", "ed", "fu", "pr", "re", "tr", "wr")
    for a in (start[0], start[0].upper())
    for b in (start[1], start[1].upper())
)
_CREDITS_INITIALS = frozenset("([").union(s[0] for s in _CREDITS_STARTS)


def _is_date_line(text: str) -> bool:
    """Does ``text`` match :data:`_DATE_LINE`?  Every date holds a digit: a cheap test first."""
    return _DIGIT.search(text) is not None and _DATE_LINE.match(text) is not None


def _unwrap(text: str) -> str:
    """A block's text without Markdown heading marks, emphasis and inner line breaks."""
    # Whitespace other than " " is not printable: a printable text without
    # double or outer spaces is its own split-and-join (a cheaper test).
    if not (text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " "):
        text = " ".join(text.split())
    if text[:1] in "#*_" or text[-1:] in "*_":
        text = _MD_WRAP.sub("", text)
    return text


def _looks_like_title(text: str) -> bool:
    text = _unwrap(text)
    if not text or len(text) > _TITLE_MAX_CHARS or "\n" in text:
        return False
    words = text.split()
    if len(words) < 2 or len(words) > 30:
        return False
    if text.endswith((".", ",", ";")) and not text.endswith("..."):
        return False
    if text.endswith(":"):  # "Jo on May 2 said:", "Read more:"
        return False
    if not (text[0].isupper() or text[0].isdigit() or text[0] in "\"“‘'"):
        return False
    # The costly tests last (the keyword rules most): all must pass.
    return not (_BYLINE.match(text) or (len(text) <= 80 and _is_date_line(text)) or keyword_category(text))


def find_metadata(raw: str, blocks: list[Block], stats: BlockStats | None = None) -> dict[str, str | None]:
    """Mark title and metadata blocks (in place) and return the fields.

    ``stats`` are the blocks' :func:`~reader.clean.features.block_stats` when the caller has them.
    """
    fields: dict[str, str | None] = {"title": None, "byline": None, "published": None, "publisher": None}
    if not blocks:
        return fields
    if stats is None:
        stats = block_stats(raw, blocks)
    texts = stats.texts
    # The article: the maximum-sum run of long, sentence-like blocks (comment threads left out).
    first, last = stats.region
    if last < first:
        first = last = 0

    # Title: the first block when the article starts right after it (text
    # files), else the heading-like block closest before the article.
    title_idx = None
    if first <= 3 and _looks_like_title(texts[0]):
        title_idx = 0
    else:
        for i in range(first, max(-1, first - 8), -1):
            if i < len(texts) and (i < first or blocks[i].kind is BlockKind.HEADING) and _looks_like_title(texts[i]):
                title_idx = i
                break
    if title_idx is not None:
        blocks[title_idx].role = Role.TITLE
        blocks[title_idx].reason = Reason.title()
        fields["title"] = _unwrap(texts[title_idx])

    # Byline and date: short blocks near the start of the article.
    start = (title_idx if title_idx is not None else first) + 1
    lo = max(0, min(start, first) - 3)
    for i in range(lo, min(len(blocks), max(start, first) + 4)):
        block = blocks[i]
        if block.role is not Role.BODY:
            continue
        if len(texts[i]) > 160:
            continue
        text = _unwrap(texts[i])
        if len(text) > 120:
            continue
        m = _BYLINE.match(text)
        if m and fields["byline"] is None:
            block.role = Role.METADATA
            block.reason = Reason.metadata("byline")
            fields["byline"] = m.group("name")
            rest = m.group("rest") or ""
            d = _DATE.search(rest)
            if d and fields["published"] is None:
                fields["published"] = d.group(0)
            continue
        if fields["published"] is None and len(text) <= 80 and _is_date_line(text):
            block.role = Role.METADATA
            block.reason = Reason.metadata("published")
            fields["published"] = _DATE.search(text).group(0)  # type: ignore[union-attr]
            inner = _INNER_BYLINE.search(text)
            if inner and fields["byline"] is None:
                fields["byline"] = inner.group("name")

    # Credits of wire copy, usually at the end.  The whole page is scanned, so
    # the regex (the cost) only sees the blocks that can be credits: those
    # that start like "(Reporting by", unless the page mentions "contributed".
    start = max(0, first)
    if "ontributed" in raw or "ONTRIBUTED" in raw:
        maybe: Iterable[int] = range(start, len(blocks))
    else:
        initials, starts = _CREDITS_INITIALS, _CREDITS_STARTS
        maybe = [
            i
            for i, t in enumerate(texts[start:], start)
            if (c := t[:1]) in initials and (c in "([" or t[:2] in starts) or c <= " " or (c >= "\x85" and c.isspace())
        ]
    body = Role.BODY
    for i in maybe:
        t = texts[i]
        if (
            len(t) < 300
            and blocks[i].role is body
            and (_CREDITS_HEAD.match(t) or (("ontributed" in t or "ONTRIBUTED" in t) and _CREDITS.match(t)))
        ):
            blocks[i].role = Role.METADATA
            blocks[i].reason = Reason.metadata("credits")

    # Publisher: a dateline such as "(MENAFN) ..." or "LONDON (Reuters) - ...".
    for i in range(max(0, first), min(len(blocks), first + 3)):
        if blocks[i].role is not Role.BODY:
            continue
        m = _DATELINE.match(texts[i][:80])
        if m:
            fields["publisher"] = m.group("pub").strip()
            break
    return fields
