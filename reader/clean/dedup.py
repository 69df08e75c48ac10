"""Duplicate paragraphs inside one article.

* exact repeats after normalising whitespace, quotes, dashes and case;
* near repeats: the same words with changed punctuation or quotes, or one
  word replaced, deleted or inserted (rapidfuzz);
* a whole body printed twice (a run of exact repeats);
* truncated "teaser" copies of a paragraph ending in "..." or "…" (the full
  version is kept wherever it stands).

The first full occurrence is kept; each removed copy names the block it
repeats and a similarity score.  Blocks under :data:`MIN_CHARS` characters are
never removed as duplicates (interview prompts, "Buy Now", refrains repeat
naturally).
"""

from __future__ import annotations

import re
import unicodedata

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from reader.model import Block, Reason, Role

#: Shorter blocks (normalised characters) are never duplicates.
MIN_CHARS = 50
#: Character similarity (0-100) above which two blocks are near repeats.
NEAR_RATIO = 92.0
#: Longest block compared fuzzily (longer ones are compared exactly only).
MAX_FUZZY_CHARS = 20_000

_QUOTES = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'", "\u00b4": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"', "\u00bb": '"',
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
        "\u00a0": " ", "\u200b": None, "\u200c": None, "\u200d": None, "\ufeff": None, "\u2060": None,
    }
)
_WS = re.compile(r"\s+")
_NON_WORD = re.compile(r"[\W_]+")
_TEASER_END = re.compile(r"(?:\.\.\.|…|\.\s\.\s\.)\s*[\]\)]?\s*$")
_TEASER_PREFIX = re.compile(r"^\s*(?:read more|more|continue reading|read the full story|full story)\s*[:»>-]\s*", re.I)


def normalise(text: str) -> str:
    """Whitespace, quotes, dashes and case folded: the exact-repeat key."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    return _WS.sub(" ", text).strip().casefold()


def _words(norm: str) -> list[str]:
    return _NON_WORD.sub(" ", norm).split()


def find_duplicates(raw: str, blocks: list[Block]) -> None:
    """Mark duplicate blocks as removed (in place); only body blocks are considered."""
    norms: dict[int, str] = {}
    for block in blocks:
        if block.role is Role.BODY:
            norms[block.index] = normalise(raw[block.start : block.end])

    seen_exact: dict[str, int] = {}
    seen_words: dict[str, int] = {}
    kept: list[int] = []  # long kept blocks, for fuzzy comparison
    teasers: list[int] = []
    for idx, norm in norms.items():
        if len(norm) < MIN_CHARS:
            continue
        if _TEASER_END.search(norm):
            teasers.append(idx)
            continue
        words = _words(norm)
        word_key = " ".join(words)
        if norm in seen_exact:
            blocks[idx].remove(Reason.duplicate(seen_exact[norm], 1.0))
            continue
        if word_key and word_key in seen_words:
            # Same words; punctuation, quotes or spacing differ.
            orig = seen_words[word_key]
            score = fuzz.ratio(norm, norms[orig]) / 100.0
            blocks[idx].remove(Reason.duplicate(orig, score))
            continue
        match = _near(norm, words, kept, norms)
        if match is not None:
            orig, score = match
            blocks[idx].remove(Reason.duplicate(orig, score))
            continue
        seen_exact[norm] = idx
        if word_key:
            seen_words[word_key] = idx
        kept.append(idx)

    for idx in teasers:
        _resolve_teaser(idx, norms, blocks, kept)


def _near(norm: str, words: list[str], kept: list[int], norms: dict[int, str]) -> tuple[int, float] | None:
    if len(norm) > MAX_FUZZY_CHARS:
        return None
    n = len(norm)
    for orig in kept:
        other = norms[orig]
        m = len(other)
        if m > MAX_FUZZY_CHARS or abs(m - n) > max(0.15 * max(m, n), 12):
            continue
        score = fuzz.ratio(norm, other, score_cutoff=NEAR_RATIO - 12)
        if not score:
            continue
        if score >= NEAR_RATIO:
            return orig, score / 100.0
        # One word replaced, deleted or inserted in a paragraph of 8+ words.
        other_words = _words(other)
        if len(words) >= 8 and Levenshtein.distance(words, other_words, score_cutoff=1) <= 1:
            return orig, score / 100.0
    return None


def _resolve_teaser(idx: int, norms: dict[int, str], blocks: list[Block], kept: list[int]) -> None:
    """A block ending in an ellipsis that starts like a longer block is a teaser of it."""
    text = _TEASER_PREFIX.sub("", _TEASER_END.sub("", norms[idx])).strip()
    if len(text) < 20:
        return
    words = _words(text)
    if len(words) >= 3:
        words = words[:-1]  # the last word may be cut
    prefix = " ".join(words)
    for orig in kept:
        if orig == idx or not blocks[orig].kept:
            continue
        full = " ".join(_words(norms[orig]))
        if len(full) <= len(prefix):
            continue
        if full.startswith(prefix):
            blocks[idx].remove(Reason.duplicate(orig, len(prefix) / len(full), "teaser"))
            return
        head = full[: len(prefix) + 10]
        score = fuzz.partial_ratio(prefix, head, score_cutoff=90)
        if score:
            blocks[idx].remove(Reason.duplicate(orig, score / 100.0 * len(prefix) / len(full), "teaser"))
            return
    # Not a teaser of anything: keep it as an ordinary block (it may still
    # repeat another teaser exactly).
    for other in kept:
        if norms.get(other) == norms[idx]:
            blocks[idx].remove(Reason.duplicate(other, 1.0))
            return
    kept.append(idx)
