"""Fuzzy filter and sort over a library's entries.

The filter matches a query against each entry's title, source (publisher)
and file name (record number included) with rapidfuzz (``partial_ratio`` on casefolded text, so
"harbr brdge" still finds "Harbour bridge reopens"); results are ordered by
score, then by library order.  Sort keys: ``name``, ``date``, ``removed``
(share removed), ``size``, ``entities``, ``cluster``.
"""

from __future__ import annotations

from collections.abc import Sequence

#: Minimum rapidfuzz score (0-100) for a fuzzy match.
MIN_SCORE = 70.0

SORT_KEYS = ("name", "date", "removed", "size", "entities", "cluster")


def _haystack(entry) -> str:
    parts = [entry.title or "", entry.publisher or "", entry.name]
    return " | ".join(p for p in parts if p).casefold()


def fuzzy_filter(
    entries: Sequence, query: str, indices: list[int] | None = None, min_score: float = MIN_SCORE
) -> list[int]:
    """Indices of the entries that match ``query``, best first; all of them for an empty query."""
    pool = list(range(len(entries))) if indices is None else list(indices)
    query = " ".join(query.split()).casefold()
    if not query:
        return pool
    from rapidfuzz import fuzz, process

    choices = {i: _haystack(entries[i]) for i in pool}
    # Substring hits first (exact typing), then fuzzy ones.
    exact = [i for i in pool if query in choices[i]]
    found = set(exact)
    scored = process.extract(query, choices, scorer=fuzz.partial_ratio, score_cutoff=min_score, limit=None)
    fuzzy = sorted(((-score, key) for _, score, key in scored if key not in found))
    return exact + [key for _, key in fuzzy]


def sort_entries(entries: Sequence, key: str, indices: list[int] | None = None, reverse: bool = False) -> list[int]:
    """Indices sorted by ``key``; entries without a value (not indexed yet) go last."""
    from reader.library.index import date_key

    pool = list(range(len(entries))) if indices is None else list(indices)
    if key == "name":
        import re

        def natural(i: int):
            return [int(t) if t.isdigit() else t.casefold() for t in re.split(r"(\d+)", entries[i].name)]

        return sorted(pool, key=natural, reverse=reverse)
    getters = {
        "date": lambda e: date_key(e),
        "removed": lambda e: e.removed_share,
        "size": lambda e: e.size,
        "entities": lambda e: e.entities,
        "cluster": lambda e: (-(e.cluster_size or 1), e.cluster or 0),
    }
    if key not in getters:
        raise ValueError(f"unknown sort key {key!r} (one of {', '.join(SORT_KEYS)})")
    get = getters[key]
    have = [i for i in pool if get(entries[i]) is not None]
    missing = [i for i in pool if get(entries[i]) is None]
    return sorted(have, key=lambda i: get(entries[i]), reverse=reverse) + missing


__all__ = ["MIN_SCORE", "SORT_KEYS", "fuzzy_filter", "sort_entries"]
