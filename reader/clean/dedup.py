"""Duplicate paragraphs inside one article.

What counts as a duplicate of an earlier block (the *original*, which is kept):

* an exact repeat after normalising whitespace, quotes, dashes and case
  (and NFKC);
* a near repeat: the same words with changed punctuation or quotes, one word
  replaced, deleted or inserted, or a character similarity of at least
  :data:`NEAR_RATIO` (rapidfuzz);
* a truncated "teaser" copy of a paragraph ending in "..." or "…", optionally
  after "Read more:"; the full version is kept wherever it stands (a teaser
  may come before it);
* every block of a repeated run (a whole body or section printed twice):
  inside such a run short blocks go too, since the run as a whole repeats;
* a copy (or original) that segmentation cut into pieces at single line
  breaks: up to three consecutive pieces are joined back and compared.

What is never a duplicate:

* blocks under :data:`MIN_CHARS` normalised characters, outside a repeated
  run: interview prompts, "Buy Now" buttons, refrains repeat naturally
  (boilerplate rules may still remove them);
* a block whose figures differ from the other's ("1 Green, 2 Red" vs
  "1 Green, 1 Red"): a different fact, not a copy;
* repeats on a *templated* page: when a sentence frame recurs
  :data:`TEMPLATE_MIN` or more times with different fillers ("Vote for Anna
  on the last page", "Portion: 1 Green, 2 Red"), every text recurring three
  or more times on that page is structure (the interview question asked of
  each guest, a meal plan's fixed lines), unless it directly follows another
  copy of itself;
* embedded-post signatures ("— Name (@handle) May 5, 2019"): two posts by
  the same account on the same day share them.

Title and metadata blocks are originals too: a later body copy of the
headline is a duplicate of the title block.  Only body blocks are removed,
and a title block that is a teaser (it ends in an ellipsis and truncates a
paragraph of the page): the metadata step cannot know that.

Every removed block gets ``Reason.duplicate(of=<kept block>, score=<0..1>,
detail=...)``; ``detail`` names the rule (``same words``, ``one word``,
``near``, ``teaser``, ``repeated run``, ``split copy``; none for an exact
repeat).

Cost: linear in the text.  Each long block is keyed by the letters of its
start and of its end (one edit leaves one of them intact); only blocks that
share a key with another block are normalised in full and compared, against
a bounded number of candidates, so a page without repeats costs one pass of
cheap string operations (about 0.1 ms for a 180-block news page).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, insort
from collections import defaultdict
from collections.abc import Callable
from functools import cache
from itertools import chain, compress
from operator import itemgetter, ne


from reader.clean.lazyre import LazyPattern
from reader.model import Block, Reason, Role

#: Shorter blocks (normalised characters) are never duplicates on their own.
MIN_CHARS = 50
#: Character similarity (0-100) at or above which two blocks are near repeats.
NEAR_RATIO = 95.0
#: Longest block compared fuzzily (longer ones are compared exactly only).
MAX_FUZZY_CHARS = 20_000
#: Fewest words for "one word changed" to count as a near repeat.
MIN_WORDS_ONE_EDIT = 6
#: Below this similarity (0-100) two texts are unrelated, whatever else holds
#: (one changed word in a 50-character text still scores about 80).
_RELATED_RATIO = 70.0
#: A text recurring this often in one page is structure, not a copy.
TEMPLATE_MIN = 4
#: Candidates per key: the first and the nearest earlier blocks sharing it
#: (bounds the work on very repetitive pages).
BUCKET_ENDS = 4

#: Typographic variants folded to one form (quotes, dashes, spaces) or dropped
#: (zero-width characters), after NFKC.
_FOLD = {
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u201b": "'",
    "\u2032": "'",
    "`": "'",
    "\u00b4": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u201f": '"',
    "\u2033": '"',
    "\u00ab": '"',
    "\u00bb": '"',
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",
    "\u2014": "-",
    "\u2015": "-",
    "\u2212": "-",
    "\u00a0": " ",
    "\u200b": "",
    "\u200c": "",
    "\u200d": "",
    "\ufeff": "",
    "\u2060": "",
}
_FOLDABLE = re.compile("[" + "".join(_FOLD) + "]")
#: Keys: ASCII letters lowered, everything but letters and digits deleted.
_KEY_LOWER = bytes.maketrans(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ", b"abcdefghijklmnopqrstuvwxyz")
_KEY_DROP = bytes(c for c in range(128) if not chr(c).isalnum())
#: Characters (raw) in the windows that give a block's keys, and in a key.
_KEY_WINDOW = 64
_KEY_CHARS = 16
#: The keys are looked for in this many characters at each end first.
_SHORT_WINDOW = 32
_NON_WORD = re.compile(r"[\W_]+")
_DIGITS = re.compile(r"\d+")
_ELLIPSIS_END = re.compile(r"(?:\.\s?\.\s?\.|…)\W{0,3}$")
_TEASER_PREFIX = LazyPattern(  # compiled on first use (rare)
    r"^(?:read more|read also|also read|more|continue reading|read the full (?:story|article)|full story|related)"
    r"\s*[:»>|\-–—]+\s*",
    re.I,
)
#: "— Name (@handle) May 5, 2019": the signature line of an embedded post.
_POST_SIGNATURE = re.compile(r"^-\s*[^\n]{0,80}\(@\w{1,30}\)\s*\S[^\n]{0,30}\d{4}$")


def normalise(text: str) -> str:
    """Whitespace, quotes, dashes and case folded (and NFKC): the exact-repeat key."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
        # One str.replace per variant present, not a Python call per occurrence
        # (curly quotes are many in English text).
        for variant in set(_FOLDABLE.findall(text)):
            text = text.replace(variant, _FOLD[variant])
    elif "`" in text:
        text = text.replace("`", "'")
    text = text.casefold()
    # Whitespace other than " " is not printable: a printable text without
    # double or outer spaces is its own split-and-join (a cheaper test).
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text
    return " ".join(text.split())


def _words(norm: str) -> list[str]:
    """The words of a normalised text, punctuation dropped."""
    return _NON_WORD.sub(" ", norm).split()


def _keys(text: str) -> tuple[bytes | str, bytes | str]:
    """Hash keys of a block: the letters and digits of its start and of its end.

    Whitespace, quotes, punctuation and case do not change them, and one
    changed word leaves one of them intact in any text of about forty
    letters or more.  Latin text takes a fast ASCII path; other scripts
    (little ASCII in the window) a Unicode one.
    """
    head = text[:_KEY_WINDOW].encode("ascii", "ignore").translate(_KEY_LOWER, _KEY_DROP)
    if len(head) >= 12:
        tail = text[-_KEY_WINDOW:].encode("ascii", "ignore").translate(_KEY_LOWER, _KEY_DROP)
        return head[:_KEY_CHARS], tail[-_KEY_CHARS:]
    # The regex costs by the character: the short windows first (their
    # letters are a prefix and a suffix of the full windows' ones).
    head_u = _word_chars(text[:_SHORT_WINDOW])
    if len(head_u) < _KEY_CHARS:
        head_u = _word_chars(text[:_KEY_WINDOW])
    tail_u = _word_chars(text[-_SHORT_WINDOW:])
    if len(tail_u) < _KEY_CHARS:
        tail_u = _word_chars(text[-_KEY_WINDOW:])
    return head_u[:_KEY_CHARS], tail_u[-_KEY_CHARS:]


def _word_chars(text: str) -> str:
    """The letters and digits of ``text``, case folded."""
    return _NON_WORD.sub("", text.casefold())


_HEAD_SHORT = itemgetter(slice(None, _SHORT_WINDOW))
_TAIL_SHORT = itemgetter(slice(-_SHORT_WINDOW, None))
_HEAD_KEY = itemgetter(slice(None, _KEY_CHARS))
_TAIL_KEY = itemgetter(slice(-_KEY_CHARS, None))
#: As :data:`_KEY_DROP`, but NUL (the separator of :func:`_all_keys`) is kept.
_KEY_DROP_BUT_NUL = _KEY_DROP.replace(b"\0", b"")


def _all_keys(texts: list[str]) -> tuple[list[bytes | str], list[bytes | str]]:
    """:func:`_keys` of every text: (head keys, tail keys).

    The hot path of a page without repeats, so batched: the ends of all
    texts are joined by NULs, encoded, translated and split again (one C
    call each for the page, not one per text).  Only the first and last
    :data:`_SHORT_WINDOW` characters are read: encoding and translating
    preserve prefixes and suffixes, so when they hold :data:`_KEY_CHARS`
    letters and digits the keys are those of the full windows.  Texts where
    they do not (other scripts, much punctuation) take :func:`_keys`, and so
    does a page whose text holds a NUL.
    """
    n = len(texts)
    joined = "\0".join(chain(map(_HEAD_SHORT, texts), map(_TAIL_SHORT, texts)))
    ends = joined.encode("ascii", "ignore").translate(_KEY_LOWER, _KEY_DROP_BUT_NUL).split(b"\0")
    if len(ends) != 2 * n:  # a NUL in the text (or no text at all)
        keys = [_keys(text) for text in texts]
        return [k[0] for k in keys], [k[1] for k in keys]
    heads, tails = ends[:n], ends[n:]
    head_keys: list[bytes | str] = list(map(_HEAD_KEY, heads))
    tail_keys: list[bytes | str] = list(map(_TAIL_KEY, tails))
    if min(map(len, ends)) < _KEY_CHARS:
        for i, (head, tail) in enumerate(zip(heads, tails)):
            if len(head) < _KEY_CHARS or len(tail) < _KEY_CHARS:
                head_keys[i], tail_keys[i] = _keys(texts[i])
    return head_keys, tail_keys


#: The characters :func:`_is_teaser` tests first (a teaser ends in "...").
_END = itemgetter(slice(-8, None))


def _is_teaser(text: str) -> bool:
    end = text[-8:]
    return ("..." in end or "…" in end) and _ELLIPSIS_END.search(text[-16:]) is not None


def _teaser_body(text: str) -> str:
    """A teaser's text without its ellipsis and its "Read more:" prefix."""
    text = text.strip()
    # The ellipsis (eight characters at most) ends the text: the regex reads the end only.
    text = text[:-16] + _ELLIPSIS_END.sub("", text[-16:])
    return _TEASER_PREFIX.sub("", text.strip())


class _Page:
    """The long blocks of one page, keyed; normalised on demand."""

    __slots__ = ("raw", "blocks", "texts", "keys", "buckets", "involved", "_norm", "_words", "_joined")

    def __init__(
        self, raw: str, blocks: list[Block], texts: dict[int, str], keys: dict[int, tuple[bytes | str, ...]]
    ) -> None:
        self.raw = raw
        self.blocks = blocks
        #: The long blocks' texts and keys.
        self.texts = texts
        self.keys = keys
        #: The blocks of each key shared by several: head keys, tail keys.
        self.buckets: tuple[dict[bytes | str, list[int]], dict[bytes | str, list[int]]] = ({}, {})
        #: Blocks that share a key with another block: the only ones that
        #: can repeat or be repeated.
        self.involved: set[int] = set()
        self._norm: dict[int, str] = {}
        self._words: dict[int, list[str]] = {}
        self._joined: dict[tuple[int, int], str] = {}

    def norm(self, idx: int) -> str:
        got = self._norm.get(idx)
        if got is None:
            text = self.texts.get(idx)
            if text is None:
                block = self.blocks[idx]
                text = self.raw[block.start : block.end]
            got = self._norm[idx] = normalise(text)
        return got

    def words(self, idx: int) -> list[str]:
        got = self._words.get(idx)
        if got is None:
            got = self._words[idx] = _words(self.norm(idx))
        return got

    def joined(self, a: int, b: int) -> str:
        """Blocks ``a`` to ``b`` (a paragraph cut at line breaks) as one normalised text."""
        got = self._joined.get((a, b))
        if got is None:
            got = self._joined[(a, b)] = normalise(self.raw[self.blocks[a].start : self.blocks[b].end])
        return got

    def candidates(self, idx: int, keys: tuple[bytes | str, ...], before_only: bool = True) -> list[int]:
        """Blocks sharing ``keys`` (a head key, and a tail key if given), earlier than ``idx`` by default, in order.

        Of a crowded key, only the first and the nearest blocks: the original
        of a copy is the first of its kind, and a template's members are
        related to their neighbours.
        """
        seen: set[int] = set()
        for buckets, key in zip(self.buckets, keys):
            bucket = buckets.get(key)
            if not bucket:
                continue
            end = bisect_left(bucket, idx) if before_only else len(bucket)
            if end > 2 * BUCKET_ENDS:
                seen.update(bucket[:BUCKET_ENDS])
                seen.update(bucket[end - BUCKET_ENDS : end])
                if not before_only:
                    seen.update(bucket[bisect_left(bucket, idx) - BUCKET_ENDS : bisect_left(bucket, idx) + BUCKET_ENDS])
            else:
                seen.update(bucket[:end])
        seen.discard(idx)
        return sorted(seen)


def _numbers_differ(a: str, b: str) -> bool:
    return _DIGITS.findall(a) != _DIGITS.findall(b)


def _compare(page: _Page, i: int, j: int) -> tuple[str, float] | None:
    """How block ``i`` repeats block ``j``: see :func:`_relate`."""
    return _relate(page.norm(i), page.norm(j), lambda: page.words(i), lambda: page.words(j))


@cache
def _fuzzy() -> tuple[Callable[..., float], Callable[..., int]]:
    """rapidfuzz's ratio and Levenshtein distance.

    Imported on first need, not at start-up (most pages need no fuzzy
    comparison), and once: an import statement costs a microsecond per call.
    """
    from rapidfuzz import fuzz
    from rapidfuzz.distance import Levenshtein

    return fuzz.ratio, Levenshtein.distance


def _relate(
    a: str, b: str, words_a: Callable[[], list[str]], words_b: Callable[[], list[str]]
) -> tuple[str, float] | None:
    """How normalised text ``a`` repeats ``b``: (kind, score), kind in
    ``exact``/``same words``/``one word``/``near``/``variant``; None if unrelated.

    ``variant`` is a one-word or near match whose figures differ: related
    (it counts for template families) but not a duplicate.
    """
    if a == b:
        return "exact", 1.0
    n, m = len(a), len(b)
    if n > MAX_FUZZY_CHARS or m > MAX_FUZZY_CHARS or abs(n - m) > max(0.2 * max(n, m), 16):
        return None
    ratio, distance = _fuzzy()
    # Unrelated texts that merely start or end alike fail here, cheaply.
    score = ratio(a, b, score_cutoff=_RELATED_RATIO) / 100.0
    if not score:
        return None
    wa, wb = words_a(), words_b()
    if wa == wb:
        return "same words", score
    if (
        min(len(wa), len(wb)) >= MIN_WORDS_ONE_EDIT
        and abs(len(wa) - len(wb)) <= 1
        and distance(wa, wb, score_cutoff=1) <= 1
    ):
        return ("variant" if _numbers_differ(a, b) else "one word"), score
    if score * 100 >= NEAR_RATIO:
        return ("variant" if _numbers_differ(a, b) else "near"), score
    return None


def _glued(raw: str, blocks: list[Block], i: int) -> bool:
    """Are blocks ``i`` and ``i + 1`` separated by a single line break (no blank line)?"""
    return 0 <= i < len(blocks) - 1 and raw.count("\n", blocks[i].end, blocks[i + 1].start) == 1


def _split_copy(
    raw: str, blocks: list[Block], page: _Page, idx: int, candidates: list[int]
) -> tuple[range, int, float] | None:
    """A repeat of a paragraph that segmentation cut in pieces at line breaks.

    When a paragraph (the copy or the original) holds a single line break,
    it may have been segmented into consecutive blocks separated by one
    newline.  Joined back (up to three pieces), either side may repeat the
    other.  ``candidates`` are the earlier blocks sharing a key with block
    ``idx`` (:meth:`_Page.candidates`).  Returns (the copy's blocks, the
    original block, score).
    """

    def windows(i: int) -> list[tuple[int, int]]:
        lo = hi = i
        while lo > i - 2 and _glued(raw, blocks, lo - 1):
            lo -= 1
        while hi < i + 2 and _glued(raw, blocks, hi):
            hi += 1
        return [(a, b) for a in range(lo, i + 1) for b in range(i, hi + 1) if a < b and b - a <= 2]

    own = windows(idx)
    for other in candidates:
        for a, b in own:  # the copy in pieces
            if a <= other:
                continue
            text = page.joined(a, b)
            rel = _relate(text, page.norm(other), lambda: _words(text), lambda: page.words(other))
            if rel is not None and rel[0] != "variant":
                return range(a, b + 1), other, rel[1]
        for a, b in windows(other):  # the original in pieces
            if b >= idx:
                continue
            text = page.joined(a, b)
            rel = _relate(page.norm(idx), text, lambda: page.words(idx), lambda: _words(text))
            if rel is not None and rel[0] != "variant":
                return range(idx, idx + 1), a, rel[1]
    return None


def _teaser_of(page: _Page, idx: int, blocks: list[Block]) -> tuple[int, float] | None:
    """The block whose start the teaser ``idx`` (ending in an ellipsis) truncates."""
    body = _teaser_body(page.norm(idx))
    if len(body) < MIN_CHARS // 2:
        return None
    tw = _words(body)
    if len(tw) < 4:
        return None
    last, prefix = tw[-1], tw[:-1]
    key = _keys(_teaser_body(page.texts[idx]))[0]  # as filed by find_duplicates()
    for other in page.candidates(idx, (key,), before_only=False):
        other_norm = page.norm(other)
        if len(other_norm) <= len(body) or _is_teaser(other_norm) or blocks[other].role is Role.REMOVED:
            continue
        fw = page.words(other)
        if len(fw) > len(tw) and fw[: len(prefix)] == prefix and fw[len(prefix)].startswith(last):
            return other, len(body) / len(other_norm)
    return None


class _Families:
    """Union-find over block indices: texts that repeat each other."""

    def __init__(self) -> None:
        self.parent: dict[int, int] = {}
        self.size: dict[int, int] = {}  # of each root with more than one member

    def find(self, x: int) -> int:
        parent = self.parent
        root = x
        while parent.get(root, root) != root:
            root = parent[root]
        while parent.get(x, x) != root:
            parent[x], x = root, parent[x]
        return root

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            lo, hi = min(ra, rb), max(ra, rb)
            self.parent[hi] = lo
            self.size[lo] = self.size.get(lo, 1) + self.size.pop(hi, 1)


Match = tuple[int, float, str | None]  # (original, score, detail: None for an exact repeat)


def find_duplicates(raw: str, blocks: list[Block], block_texts: list[str] | None = None) -> None:
    """Mark duplicate body blocks as removed (in place).

    Every block is a possible original (title and metadata blocks included);
    only blocks whose role is still BODY are removed (and a title that is a
    teaser).  ``block_texts`` are the blocks' texts when the caller has them
    (``raw[b.start:b.end]`` for each block, as ``block_stats`` gives them).
    """
    # -- keys: every long block, by the letters of its start and its end ----
    # (Block indices are positions in ``blocks``.)
    if block_texts is None:
        longs = [i for i, b in enumerate(blocks) if b.end - b.start >= MIN_CHARS]
        texts = [raw[blocks[i].start : blocks[i].end] for i in longs]
    else:
        longs = [i for i, t in enumerate(block_texts) if len(t) >= MIN_CHARS]
        texts = [block_texts[i] for i in longs]
    head_keys, tail_keys = _all_keys(texts)
    page = _Page(raw, blocks, dict(zip(longs, texts)), dict(zip(longs, zip(head_keys, tail_keys))))
    # The block of each key (the last one, if several): all a key that no
    # other block shares needs, and nearly all keys are such.  Head and tail
    # keys are filed apart.
    involved = page.involved
    head_owner = dict(zip(head_keys, longs))
    for side_keys, owner, buckets in (
        (head_keys, head_owner, page.buckets[0]),
        (tail_keys, dict(zip(tail_keys, longs)), page.buckets[1]),
    ):
        if len(owner) == len(side_keys):
            continue
        # Some keys are shared: file their blocks, in order.
        for key, idx in compress(zip(side_keys, longs), map(ne, map(owner.__getitem__, side_keys), longs)):
            bucket = buckets.get(key)
            if bucket is None:
                buckets[key] = [idx]
            else:
                bucket.append(idx)
        for key, bucket in buckets.items():
            bucket.append(owner[key])
            involved.update(bucket)
    teasers: list[int] = []
    # A cheap test for the whole page first: most pages have no "..." ending.
    ends = list(map(_END, texts))
    joined_ends = "\0".join(ends)
    if "..." in joined_ends or "…" in joined_ends:
        teasers = [
            idx for idx, text, end in zip(longs, texts, ends) if ("..." in end or "…" in end) and _is_teaser(text)
        ]
    head_buckets = page.buckets[0]
    for idx in teasers:
        key = _keys(_teaser_body(page.texts[idx]))[0]
        bucket = head_buckets.get(key)
        if bucket is None:
            other = head_owner.get(key, idx)
            if other == idx:
                continue
            bucket = head_buckets[key] = [other]
        if any(other != idx for other in bucket):
            involved.add(idx)
            insort(bucket, idx)

    # -- pairs: each block against the earlier ones it shares a key with ---
    families = _Families()
    match: dict[int, Match] = {}
    exact_first: dict[str, int] = {}
    raw_first: dict[str, int] = {}
    for idx in sorted(page.involved):
        if idx in match:  # a piece of a split copy
            continue
        same_raw = raw_first.setdefault(page.texts[idx], idx)
        if same_raw != idx:
            page._norm[idx] = page.norm(same_raw)
        norm = page.norm(idx)
        first = exact_first.setdefault(norm, idx)
        if len(norm) < MIN_CHARS:
            continue
        if idx in teasers:
            teaser = _teaser_of(page, idx, blocks)
            if teaser is not None:
                match[idx] = (teaser[0], teaser[1], "teaser")
                continue
        if first != idx:
            families.union(idx, first)
            match[idx] = (first, 1.0, "exact")
            continue  # the original's relatives are already in its family
        best: Match | None = None
        variants = 0
        candidates = page.candidates(idx, page.keys[idx])
        for other in candidates:
            if page.norm(other) == norm:
                continue
            rel = _compare(page, idx, other)
            if rel is None:
                continue
            families.union(idx, other)
            kind, score = rel
            if kind != "variant":
                best = (other, score, kind)
                break  # the earliest copy found; its relatives are in its family
            variants += 1
            if variants == 3:  # a template's member: its family is known
                break
        if best is not None:
            match[idx] = best
        elif candidates:  # (the first of its kind has none)
            split = _split_copy(raw, blocks, page, idx, candidates)
            if split is not None:
                pieces, orig, score = split
                for i in pieces:
                    match.setdefault(i, (orig, score, "split copy"))

    # -- structure: template families and embedded-post signatures ---------
    structural = _structural(raw, blocks, page, families, match)

    # -- repeated runs: a body or section printed twice --------------------
    in_run = _repeated_runs(raw, blocks, page, match, structural)

    # -- verdicts -----------------------------------------------------------
    for idx, (orig, score, detail) in sorted(match.items()):
        if idx in in_run or (idx in structural and detail != "teaser"):
            continue
        role = blocks[idx].role
        # A "title" that truncates a paragraph with an ellipsis is a teaser.
        if role is not Role.BODY and not (role is Role.TITLE and detail == "teaser"):
            continue
        orig = _root(orig, match, structural, in_run)
        blocks[idx].remove(Reason.duplicate(orig, score, None if detail == "exact" else detail))
    for idx, (orig, score, detail) in sorted(in_run.items()):
        if blocks[idx].role is Role.BODY:
            blocks[idx].remove(Reason.duplicate(orig, score, detail))


def _structural(raw: str, blocks: list[Block], page: _Page, families: _Families, match: dict[int, Match]) -> set[int]:
    """Blocks that repeat as part of the page's structure, not as copies.

    A page is *templated* when one family of related texts has
    :data:`TEMPLATE_MIN` or more members and at least three different
    wordings: a sentence frame filled with different names or figures ("Vote
    for Anna on the last page", "Portion: 1 Green, 2 Red").  On such a page
    every family of three or more is structure (the interview question asked
    of each guest), except a member that directly follows another one (a
    caption printed twice is a copy on any page).  Without a frame, repeats
    are copies, however many.  Embedded-post signatures are always structure.
    """
    out = {idx for idx in match if _POST_SIGNATURE.match(page.norm(idx))}
    if max(families.size.values(), default=1) < TEMPLATE_MIN:
        return out
    members: dict[int, list[int]] = defaultdict(list)
    for idx in page.involved:
        root = families.find(idx)
        if families.size.get(root, 1) >= TEMPLATE_MIN - 1:
            members[root].append(idx)
    if not any(len(m) >= TEMPLATE_MIN and len({page.norm(i) for i in m}) >= 3 for m in members.values()):
        return out
    for family in members.values():
        family.sort()
        out.add(family[0])
        for prev, idx in zip(family, family[1:]):
            between = range(prev + 1, idx)
            if len(between) > 2 or any(normalise(raw[blocks[i].start : blocks[i].end]) for i in between):
                out.add(idx)
    return out


def _root(orig: int, match: dict[int, Match], structural: set[int], in_run: dict[int, Match]) -> int:
    """Follow a chain of copies back to the block that is kept."""
    for _ in range(8):
        if orig in in_run:
            orig = in_run[orig][0]
        elif orig in match and orig not in structural:
            orig = match[orig][0]
        else:
            break
    return orig


def _repeated_runs(
    raw: str,
    blocks: list[Block],
    page: _Page,
    match: dict[int, Match],
    structural: set[int],
) -> dict[int, Match]:
    """Blocks in runs that repeat an earlier run block for block.

    A run starts from a long block that repeats an earlier one at distance
    ``d`` and grows while the neighbours at the same distance repeat each
    other too (short blocks included).  It counts when it holds two or more
    long repeats, or one long repeat directly after the run it copies (a
    section printed twice).  Structural blocks (template families, post
    signatures) do not count as repeats, and are only taken along in runs of
    three or more other long repeats: a meal plan that repeats "meal, portion
    line" pairs day after day is structure, a body printed twice is not.  A
    page of short blocks only counts when its second half repeats its first.
    """
    n = len(blocks)
    short_norm: dict[int, str] = {}
    short_sig: dict[int, bytes] = {}

    def sig(i: int) -> bytes:
        """ASCII letters and digits: equal for texts that normalise alike."""
        got = short_sig.get(i)
        if got is None:
            b = blocks[i]
            got = short_sig[i] = raw[b.start : b.end].encode("ascii", "ignore").translate(_KEY_LOWER, _KEY_DROP)
        return got

    def norm_of(i: int) -> str:
        if i in page.texts:
            return page.norm(i)
        got = short_norm.get(i)
        if got is None:
            b = blocks[i]
            got = short_norm[i] = normalise(raw[b.start : b.end])
        return got

    involved = page.involved

    def same(i: int, j: int) -> bool:
        if (i in page.texts) != (j in page.texts):
            return False
        if i in page.texts:
            # Long blocks: only those sharing keys with another can repeat.
            if i not in involved or j not in involved:
                return False
            if page.norm(i) == page.norm(j):
                return True
            m = match.get(i)
            return m is not None and m[0] == j and m[2] != "teaser"
        a, b = norm_of(i), norm_of(j)
        return a == b or (bool(a) and _words(a) == _words(b))

    def same_short(i: int, j: int) -> bool:
        if i in page.texts or j in page.texts:
            return same(i, j)
        return sig(i) == sig(j) and same(i, j)

    def score(i: int, j: int) -> float:
        a, b = norm_of(i), norm_of(j)
        if a == b:
            return 1.0
        return _fuzzy()[0](a, b) / 100.0

    out: dict[int, Match] = {}
    for idx, (orig, _score, detail) in sorted(match.items()):
        if idx in out or detail == "teaser" or orig >= idx:
            continue
        d = idx - orig
        lo = hi = idx
        # The copy run [lo, hi] stays after the run it copies, [lo - d, hi - d].
        while lo - 1 - d >= 0 and hi - d < lo - 1 and lo - 1 not in out and same_short(lo - 1, lo - 1 - d):
            lo -= 1
        while hi + 1 < n and hi + 1 - d < lo and same_short(hi + 1, hi + 1 - d):
            hi += 1
        longs = sum(1 for i in range(lo, hi + 1) if i in match and i not in structural)
        adjacent = hi - d == lo - 1
        if longs >= 2 or (longs and adjacent and hi > lo):
            for i in range(lo, hi + 1):
                if longs < 3 and i in structural:
                    continue
                o = out[i - d][0] if i - d in out else i - d
                # A long block that repeats on its own keeps its own detail;
                # the run is what takes the short ones along.
                own = match.get(i)
                detail = own[2] if own is not None and own[0] == i - d else "repeated run"
                out[i] = (o, score(i, i - d), None if detail == "exact" else detail)
    if not out and not match and n >= 4 and n % 2 == 0:
        half = n // 2
        if same_short(half, 0) and all(same_short(i, i - half) for i in range(half + 1, n)):
            if sum(len(norm_of(i)) for i in range(half)) >= MIN_CHARS:
                for i in range(half, n):
                    out[i] = (i - half, score(i, i - half), "repeated run")
    return out
