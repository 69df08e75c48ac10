"""The same story across files: near-duplicate clustering.

Each article's clean text becomes a set of word 5-gram shingles (casefolded,
punctuation dropped), hashed with CRC-32 and summarised as a 64-value
MinHash signature (256 bytes, cheap to send between processes).
Locality-sensitive hashing (16 bands of 4 rows) proposes candidate pairs
whose estimated Jaccard similarity is about 0.5 or more; a candidate pair is
accepted when the signatures agree on at least :data:`MIN_JACCARD` of their
values **and** rapidfuzz confirms it on the texts' beginnings
(:data:`MIN_RATIO`).  Accepted pairs are joined with union-find; cluster ids
number the clusters from 1 in the order of their first article.

Syndicated copies (the same wire story with another site's header, a changed
word, a dropped or added paragraph) share most shingles; different stories
share almost none.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence

NUM_PERM = 64
BANDS = 16
ROWS = NUM_PERM // BANDS
SHINGLE = 5
#: Estimated Jaccard similarity (share of equal signature values) for a match.
MIN_JACCARD = 0.5
#: rapidfuzz ratio (0-100) over the first :data:`SNIPPET_CHARS` normalised characters.
MIN_RATIO = 70.0
SNIPPET_CHARS = 1000
#: Texts with fewer words are not clustered (too little evidence).
MIN_WORDS = 25

_WORD = re.compile(r"\w+")
_MASK32 = (1 << 32) - 1

_PARAMS = None


def _params():
    global _PARAMS
    if _PARAMS is None:
        import numpy as np

        rng = np.random.default_rng(20240607)
        a = rng.integers(1, 1 << 63, size=NUM_PERM, dtype=np.uint64) | np.uint64(1)
        b = rng.integers(0, 1 << 63, size=NUM_PERM, dtype=np.uint64)
        _PARAMS = (a, b)
    return _PARAMS


def shingle_hashes(words: Sequence[str]) -> list[int]:
    if len(words) < SHINGLE:
        return [zlib.crc32(" ".join(words).encode())] if words else []
    return list({zlib.crc32(" ".join(words[i : i + SHINGLE]).encode()) for i in range(len(words) - SHINGLE + 1)})


def signature(text: str) -> bytes | None:
    """The MinHash signature of a text (NUM_PERM uint32 values as bytes), None if too short."""
    import numpy as np

    words = _WORD.findall(text.casefold())
    if len(words) < MIN_WORDS:
        return None
    hashes = np.fromiter(shingle_hashes(words), dtype=np.uint64)
    a, b = _params()
    # Multiply-shift hashing: (a*h + b) mod 2**64, top 32 bits.  In chunks of shingles: the same
    # minimum, with memory bounded for a huge text (a 5 MB article needed ~700 MB in one go).
    low = None
    with np.errstate(over="ignore"):
        for k in range(0, len(hashes), 16_384):
            part = hashes[k : k + 16_384]
            mixed = ((part[None, :] * a[:, None] + b[:, None]) >> np.uint64(32)).min(axis=1)
            low = mixed if low is None else np.minimum(low, mixed)
    return low.astype(np.uint32).tobytes()


def snippet(text: str) -> str:
    return " ".join(_WORD.findall(text[: SNIPPET_CHARS * 2].casefold()))[:SNIPPET_CHARS]


def fingerprint(text: str) -> tuple[bytes | None, str | None]:
    """(signature, snippet) of an article's clean text: what the clusterer needs."""
    sig = signature(text)
    return sig, (snippet(text) if sig is not None else None)


def similarity(sig_a: bytes, sig_b: bytes) -> float:
    import numpy as np

    a = np.frombuffer(sig_a, dtype=np.uint32)
    b = np.frombuffer(sig_b, dtype=np.uint32)
    return float((a == b).mean())


def candidate_pairs(signatures: Sequence[bytes | None]) -> set[tuple[int, int]]:
    """Pairs (i < j) that share at least one LSH band."""
    pairs: set[tuple[int, int]] = set()
    step = ROWS * 4
    for band in range(BANDS):
        buckets: dict[bytes, list[int]] = {}
        lo, hi = band * step, (band + 1) * step
        for i, sig in enumerate(signatures):
            if sig is None:
                continue
            buckets.setdefault(sig[lo:hi], []).append(i)
        for members in buckets.values():
            if len(members) < 2:
                continue
            if len(members) > 200:  # a degenerate bucket (boilerplate-only texts): compare neighbours only
                pairs.update((members[k], members[k + 1]) for k in range(len(members) - 1))
                continue
            for x in range(len(members)):
                for y in range(x + 1, len(members)):
                    pairs.add((members[x], members[y]))
    return pairs


def confirm(snip_a: str | None, snip_b: str | None) -> bool:
    from rapidfuzz import fuzz

    if not snip_a or not snip_b:
        return False
    n = min(len(snip_a), len(snip_b))
    # Compare equal-length beginnings: a copy with an extra paragraph at the
    # end is still the same story.
    return fuzz.ratio(snip_a[:n], snip_b[:n], score_cutoff=MIN_RATIO) > 0 or (
        fuzz.token_set_ratio(snip_a, snip_b, score_cutoff=90) > 0
    )


def cluster(signatures: Sequence[bytes | None], snippets: Sequence[str | None]) -> list[int]:
    """A cluster id (from 1, in order of first member) for every article."""
    n = len(signatures)
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j in sorted(candidate_pairs(signatures)):
        ri, rj = find(i), find(j)
        if ri == rj:
            continue
        if similarity(signatures[i], signatures[j]) < MIN_JACCARD:  # type: ignore[arg-type]
            continue
        if not confirm(snippets[i], snippets[j]):
            continue
        parent[max(ri, rj)] = min(ri, rj)
    ids: dict[int, int] = {}
    out = []
    for i in range(n):
        root = find(i)
        if root not in ids:
            ids[root] = len(ids) + 1
        out.append(ids[root])
    return out


def members(labels: Sequence[int]) -> dict[int, list[int]]:
    """Cluster id -> article indices."""
    groups: dict[int, list[int]] = {}
    for i, label in enumerate(labels):
        groups.setdefault(label, []).append(i)
    return groups


__all__ = ["candidate_pairs", "cluster", "confirm", "fingerprint", "members", "signature", "similarity", "snippet"]
