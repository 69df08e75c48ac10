"""Block features for the boilerplate model.

One pass over a page's blocks computes, per block, the numbers the model in
:mod:`reader.clean.boilerplate` weighs: how long and sentence-like the block
is, what its neighbours look like, where it stands relative to the article's
main region and the title, and whether keyword rules name a category.

Everything here is plain Python over strings (no third-party runtime
dependency) and is written for speed: one ``split()`` per block, a few
C-level regex scans, no per-character Python loops.  The training script
(``scripts/train_boilerplate.py``) calls the same :func:`page_features`, so
training and inference see identical numbers.
"""

from __future__ import annotations

import math
import operator
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, compress, repeat

from reader.clean.speedups import speedups as _c
from reader.model import Block, BlockKind, Role

#: Sentence-final punctuation (Latin and CJK), optionally followed by a closing quote/bracket.
SENTENCE_END = re.compile(r"[.!?。！？…][\"'”’»)\]]*$")
_CLOSERS = "\"'”’»)]"
_ENDERS = ".!?。！？…"
_ENDER_CHARS = tuple(_ENDERS)
#: A sentence boundary inside a block: end mark, space, capital/quote/digit.
_INNER_SENT = re.compile(r"[.!?][\"'”’»)]* +[\"'“‘«(]?[A-ZÀ-ÖØ-ÞА-Я0-9]|[。！？]")
#: Inline siblings glued without a space: "SubscribeSign In", "HomeNews".
_GLUED = re.compile(r"[a-zà-öø-ÿ][A-ZÀ-ÖØ-Þ]")
_DIGIT = re.compile(r"\d")
#: A word starting with a capital letter (Latin, Greek, Cyrillic).
#: (Matched against " " + text: a pattern that starts with a character class scans much faster.)
_CAP_WORD = re.compile(r"\s[\"'“‘(«]?[A-ZÀ-ÖØ-ÞΑ-ΩА-Я]")
_SEPARATORS = re.compile(r"[|•·»›/]")
#: Short blocks around reader comments: "Reply", "Report", "3 hours ago", "12 likes", "John wrote:".
_COMMENT_CUE = re.compile(
    r"^(?:reply|report|like|flag|upvote|downvote|\d+\s*(?:likes?|points?|votes?|replies|repl(?:y|ies))|"
    r".{0,40}\b\d+\s*(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago|"
    r".{1,80}\b(?:says|said|wrote):?)\W*$",
    re.I,
)
#: Times and dates in a short block (comment headers, timestamps, bylines).
_DATE_CUE = re.compile(r"\b\d{1,2}:\d{2}\b|\bago\b|\b(?:19|20)\d{2}\b", re.I)
#: Photo captions and credits that no hard rule names ("This illustration shows...", "Credit...").
_CAPTION_CUE = re.compile(
    r"\b(?:illustration|photo|image|picture|stock (?:image|photo)|screenshot|video)s? (?:shows?|of|courtesy)\b|"
    r"\bpictured\b|\bcredits?\s*(?::|\.\.\.|…)|\b(?:photo|image)s?:|/ ?(?:ap|afp|reuters|getty images)\b",
    re.I,
)


#: Words a comment cue can start with (lower case).
_COMMENT_STARTS = ("reply", "report", "like", "flag", "upvote", "downvote")


_NO_CUES = (False, False)


#: The characters outside ASCII that a case-insensitive pattern matches as ASCII letters
#: (İ and ı as "i", ſ as "s", the Kelvin sign as "k").
_ASCII_FOLDS = ("\u0130", "\u0131", "\u017f", "\u212a")


@lru_cache(maxsize=1 << 14)
def _cues(text: str) -> tuple[bool, bool]:
    """(comment cue, date cue) of a short block's text (cached: "Reply", "Share" repeat).

    Literal tests rule most texts out before the regexes run: a comment cue
    needs a leading "Reply"... or digit, an "ago", or a "says"/"said"/"wrote";
    a date cue a time, a year or an "ago".  (Not for a text holding a letter
    that the case-insensitive regexes match as an ASCII one: ``_ASCII_FOLDS``.)
    """
    if text.isascii() or not any(c in text for c in _ASCII_FOLDS):
        low = text.lower()
        ago = "ago" in low
        comment = (
            low.startswith(_COMMENT_STARTS)
            or text[:1].isdigit()
            or ago
            or "says" in low
            or "said" in low
            or "wrote" in low
        ) and _COMMENT_CUE.match(text) is not None
        date = (
            ago or ((":" in text or "19" in text or "20" in text) and _DIGIT.search(text) is not None)
        ) and _DATE_CUE.search(text) is not None
        return (comment, date) if comment or date else _NO_CUES
    return _COMMENT_CUE.match(text) is not None, _DATE_CUE.search(text) is not None


_LINKISH = re.compile(r"https?://|www\.|@\w|\.com\b", re.I)
#: Literals (lower case) without which the caption cue / link patterns cannot match:
#: a substring test is much cheaper than an unanchored case-insensitive regex scan.
_CAPTION_GUARD = ("photo", "image", "pictur", "video", "credit", "illustrat", "screenshot", "/")
_LINK_GUARD = ("http", "www.", "@", ".com")

#: Very common function words in the languages news pages come in.  A text's
#: share of them says "running prose" without depending on one language.
STOPWORDS = frozenset(
    """
    the of and to in a is that for on with as was by it at from he she said be has have are an this which his
    her their they were not but will who been had or its also would more than after about into one over
    de la el que en y los las del se por un una con para es o da do dos das em no na os um uma não é com ao
    mais foi como ser ou à pelo pela
    di il che e per non sono della le gli ha anche dei nel alla al è
    les des et est une du pour dans qui pas sur au ce il elle sont avec
    der die und das ist nicht mit den von zu sich auch ein eine dem im für auf
    и в не на что с по как это о из для он а но к же за от
    yang dan di ini itu dengan untuk dari dalam tidak akan pada ke adalah juga
    """.split()
)

#: Feature names, in vector order (the model file stores them to check).
BASE_NAMES: tuple[str, ...] = (
    "log_words",
    "log_chars",
    "words_le2",
    "words_le5",
    "words_6_10",
    "sent_end",
    "ends_colon",
    "comma_rate",
    "cap_ratio",
    "digit_ratio",
    "separators",
    "stop_ratio",
    "list_item",
    "heading",
    "keyword",
    "repeated",
    "comment_cue",
    "date_cue",
)
CONTEXT_NAMES: tuple[str, ...] = (
    "prev_log_words",
    "prev2_log_words",
    "next2_log_words",
    "prev_sent_end",
    "next_sent_end",
    "win3_long",
    "win10_long",
    "rel_char_pos",
    "in_region",
    "dist_region",
    "before_region",
    "after_title",
    "region_share",
    "kw_between",
    "comment_cue_win",
    "date_cue_win",
    "in_region_x_log_words",
    "in_region_x_sent_end",
    "dist_x_log_words",
    "in_region_x_keyword",
    "in_region_x_stop_ratio",
)
FEATURE_NAMES: tuple[str, ...] = BASE_NAMES + CONTEXT_NAMES


@dataclass(slots=True)
class PageInfo:
    """Per-block facts shared by the feature builder, the classifier and metadata."""

    texts: list[str]
    n_words: list[int]
    sent_end: list[bool]
    region: tuple[int, int]


def max_sum_region(scores: list[float]) -> tuple[int, int]:
    """The maximum-sum contiguous run (first, last), inclusive; (0, -1) if empty."""
    best = (0, -1)
    best_sum = float("-inf")
    cur = 0.0
    start = 0
    for i, s in enumerate(scores):
        if cur <= 0:
            cur = s
            start = i
        else:
            cur += s
        if cur > best_sum:
            best_sum = cur
            best = (start, i)
    return best


#: (The plain definition above, kept under this name when the C speedups replace it.)
py_max_sum_region = max_sum_region
if _c is not None:
    max_sum_region = _c.max_sum_region  # noqa: F811


@dataclass(slots=True)
class BlockStats:
    """Per-block facts that depend on the text only (shared by metadata and the classifier)."""

    texts: list[str]
    n_words: list[int]
    sent_end: list[bool]
    #: The article's first guess: the max-sum run of long, sentence-like blocks
    #: (a comment thread left out), before any rule or model has looked.
    region: tuple[int, int] = (0, -1)


#: How a comment's header line ends ("Jo Bloggs on May 2, 2019 at 4:47 pm said:").
COMMENT_HEADER_ENDS = ("said:", "says:", "wrote:")


def block_stats(raw: str, blocks: list[Block]) -> BlockStats:
    """Texts, word counts, sentence ends and the first guess of the article's region."""
    # (Whole-list ``map`` calls over the texts: C-level loops, no per-block Python code.)
    texts = [raw[b.start : b.end] for b in blocks]
    n_words = _c.word_counts(texts) if _c is not None else list(map(len, map(str.split, texts)))
    # Chinese and Japanese are written without spaces: count about two characters a word.
    for i in [i for i, (t, n) in enumerate(zip(texts, n_words)) if len(t) > 12 * n + 12]:
        if not texts[i].isascii():
            n_words[i] = len(texts[i]) // 2
    sent_end = list(map(str.endswith, map(str.rstrip, texts, repeat(_CLOSERS)), repeat(_ENDER_CHARS)))
    scores = [n - 12.0 + (5.0 if e else 0.0) for n, e in zip(n_words, sent_end)]
    first, last = region = max_sum_region(scores)
    # A long comment thread can outweigh a short article: when the region holds
    # comment headers ("Jo on May 2, 2019 at 4:47 pm said:"), the thread (from
    # the first such header after the page's first prose) is left out.
    said = [
        i
        for i in compress(range(len(texts)), map(str.endswith, texts, repeat(COMMENT_HEADER_ENDS)))
        if n_words[i] <= 14
    ]
    if len(said) >= 2 and any(first <= i <= last for i in said):
        prose = next((i for i, v in enumerate(scores) if v > 0), len(scores))
        start = next((i for i in said if i > prose), None)
        if start is not None:
            scores[start:] = [-12.0] * (len(scores) - start)
            region = max_sum_region(scores)
    return BlockStats(texts, n_words, sent_end, region)


def page_info(
    raw: str, blocks: list[Block], keyword_hits: list[bool] | None = None, stats: BlockStats | None = None
) -> PageInfo:
    """Texts, word counts, sentence ends and the main region (keyword-hit blocks count against it)."""
    if stats is None:
        stats = block_stats(raw, blocks)
    n_words, sent_end = stats.n_words, stats.sent_end
    title = Role.TITLE
    if keyword_hits:
        scores = [
            -12.0 if h or b.role is title else n - 12.0 + (5.0 if e else 0.0)
            for n, e, b, h in zip(n_words, sent_end, blocks, keyword_hits)
        ]
    else:
        scores = [
            -12.0 if b.role is title else n - 12.0 + (5.0 if e else 0.0) for n, e, b in zip(n_words, sent_end, blocks)
        ]
    return PageInfo(stats.texts, n_words, sent_end, max_sum_region(scores))


#: Character-level shape features read this many characters of a block at most.
SHAPE_CHARS = 200

#: Blocks of at most this many words ...
SKIP_MAX_WORDS = 6
#: ... further than this many blocks from the main region are not scored by the
#: model: they are menu items, buttons and labels (two thirds of a scraped
#: page's blocks), and skipping them keeps the model cheap.
SKIP_MARGIN = 3
#: Blocks of at most FAR_MAX_WORDS words further than FAR_MARGIN blocks away are not scored either.
FAR_MAX_WORDS = 12
FAR_MARGIN = 20


def active_blocks(info: PageInfo) -> list[int]:
    """Indices of the blocks the model scores (the others are boilerplate outright)."""
    first, last = info.region
    lo, hi = first - SKIP_MARGIN, last + SKIP_MARGIN
    flo, fhi = first - FAR_MARGIN, last + FAR_MARGIN
    return [
        i
        for i, n in enumerate(info.n_words)
        if lo <= i <= hi or (n > SKIP_MAX_WORDS and (n > FAR_MAX_WORDS or flo <= i <= fhi))
    ]


#: Byte classes for counting shape features with C-level bytes calls: whitespace
#: (as ``\\s`` matches it) "s", an opening quote or bracket "q", a capital "U", a
#: digit "d", a separator ("|", "/") "p"; every other byte (non-ASCII ones included) "x".
_BYTE_CLASS = bytes(
    ord("s")
    if c < 128 and re.match(r"\s", chr(c))
    else ord("q")
    if chr(c) in "\"'("
    else ord("U")
    if "A" <= chr(c) <= "Z"
    else ord("d")
    if "0" <= chr(c) <= "9"
    else ord("p")
    if chr(c) in "|/"
    else ord("x")
    for c in range(256)
)
#: A non-ASCII character that the shape patterns count (a space, quote, capital,
#: digit or separator): a text without one is counted on its UTF-8 bytes, where
#: every other non-ASCII character only becomes "x" bytes.  (The character class
#: first: ``re`` skips ASCII text in a fast loop.)
_SHAPE_NON_ASCII = re.compile(r"[^\x00-\x7f](?<=[\s\d“‘«À-ÖØ-ÞΑ-ΩА-Я•·»›])")


def shape_counts(heads: list[str]) -> tuple[list[int], list[int], list[int]]:
    """Capitalised words, digits and separators in each text.

    The counts of ``_CAP_WORD`` (on " " + text), ``_DIGIT`` and ``_SEPARATORS``
    matches.  Texts whose non-ASCII characters play no part in them (most
    texts) are counted on their UTF-8 bytes, translated to byte classes: all
    of them at once with ``map`` (C-level loops, several times faster than the
    regex scans); the others with the regexes.
    """
    safe = list(map(str.isascii, heads))
    if not all(safe):
        for k in compress(range(len(heads)), map(operator.not_, safe)):
            safe[k] = _SHAPE_NON_ASCII.search(heads[k]) is None
    # (surrogatepass: a lone surrogate is three non-ASCII bytes, like any other character.)
    bs = list(map(str.encode, compress(heads, safe), repeat("utf-8"), repeat("surrogatepass")))
    # A capital after whitespace, or after whitespace and a quote (matches never overlap).
    cls = list(map(b"s".__add__, map(bytes.translate, bs, repeat(_BYTE_CLASS))))
    caps = list(map(operator.add, map(bytes.count, cls, repeat(b"sU")), map(bytes.count, cls, repeat(b"sqU"))))
    digits = list(map(bytes.count, cls, repeat(b"d")))
    seps = list(map(bytes.count, cls, repeat(b"p")))
    if len(bs) < len(heads):
        # Put the texts counted with the regexes in their places.
        for k in [k for k, ok in enumerate(safe) if not ok]:
            h = heads[k]
            caps.insert(k, len(_CAP_WORD.findall(" " + h)))
            digits.insert(k, len(_DIGIT.findall(h)))
            seps.insert(k, len(_SEPARATORS.findall(h)))
    return caps, digits, seps


@dataclass(slots=True)
class PageContext:
    """The page-level inputs of the features, beyond each block's own facts."""

    #: 1 where a short block near a scored one reads like part of a comment
    #: ("Reply", "Jo Bloggs on May 2, 2019 at 4:47 pm said:"), else 0.
    comment_cues: list[int]
    #: 1 where such a block of at most 8 words holds a time or date ("3 hours ago"), else 0.
    date_cues: list[int]
    #: The title block's index (-1 for none).
    title: int
    #: The main region's share of the page's characters.
    region_share: float
    #: The raw text's length (at least 1).
    raw_len: int


def page_context(raw: str, blocks: list[Block], info: PageInfo, active: list[int]) -> PageContext:
    """The :class:`PageContext` of a page whose ``active`` blocks are scored."""
    texts, n_words = info.texts, info.n_words
    nb = len(blocks)
    # Comment/date cues are only looked for where a scored block's window needs
    # them, in short blocks: "Reply", "3 hours ago", "Jo Bloggs on May 2, 2019 at 4:47 pm said:".
    cc = [0] * nb
    cd = [0] * nb
    needed = bytearray(nb)
    window = b"\x01" * 5
    for i in active:
        lo = i - 2 if i >= 2 else 0
        hi = i + 3 if i + 3 < nb else nb
        needed[lo:hi] = window[: hi - lo]
    short = [j for j in compress(range(nb), needed) if n_words[j] <= 14]
    cues = list(map(_cues, [texts[j] for j in short]))
    for k in [k for k, cue in enumerate(cues) if cue != _NO_CUES]:
        j = short[k]
        comment, date = cues[k]
        if comment:
            cc[j] = 1
        if date and n_words[j] <= 8:
            cd[j] = 1
    title = -1
    for b in blocks:
        if b.role is Role.TITLE:
            title = b.index
            break
    first, last = info.region
    region_chars = sum(map(len, texts[first : last + 1])) if last >= first else 0
    total_chars = sum(map(len, texts)) or 1
    return PageContext(cc, cd, title, region_chars / total_chars, len(raw) or 1)


def page_features(
    raw: str,
    blocks: list[Block],
    info: PageInfo,
    keyword_hits: list[bool],
    active: list[int],
    context: PageContext | None = None,
) -> list[tuple[float, ...]]:
    """Feature rows: for each block of ``active``, its features in the order of :data:`FEATURE_NAMES`."""
    texts, n_words, sent_end = info.texts, info.n_words, info.sent_end
    nb = len(blocks)
    if not nb or not active:
        return []
    if context is None:
        context = page_context(raw, blocks, info, active)
    log = math.log1p
    list_kind, head_kind = BlockKind.LIST_ITEM, BlockKind.HEADING

    counts = Counter([t for t in texts if len(t) < 80])
    logw = [log(n) for n in n_words]
    # Prefix sums for window counts: long blocks, keyword hits, comment and date cues.
    pl = list(accumulate([n >= 15 for n in n_words], initial=0))
    pk = list(accumulate(keyword_hits, initial=0))
    cc, cd = context.comment_cues, context.date_cues
    pc = list(accumulate(cc, initial=0))
    pd = list(accumulate(cd, initial=0))
    first, last = info.region
    title, region_share, raw_len = context.title, context.region_share, context.raw_len

    ts = [texts[i] for i in active]
    ncs = list(map(len, ts))
    # Character-level shape features look at a block's first SHAPE_CHARS characters
    # only (a long block is prose or not from its start): the cost stays bounded.
    P = SHAPE_CHARS
    hs = [t if nc <= P else t[:P] for t, nc in zip(ts, ncs)]
    n_caps, n_digits, n_seps = shape_counts(hs)
    n_stop = map(len, map(STOPWORDS.intersection, map(str.split, map(str.lower, hs))))

    # One row per block (one loop: the values several features share are computed once).
    rows: list[tuple[float, ...]] = []
    append = rows.append
    for i, t, nc, h, caps, digits, seps, stops in zip(active, ts, ncs, hs, n_caps, n_digits, n_seps, n_stop):
        n = n_words[i]
        # Words in the head (estimated for long blocks: CJK text has no spaces to count).
        nh = n if nc <= P else n * P / nc
        stop = stops / nh if nh else 0.0
        lw = logw[i]
        kind = blocks[i].kind
        hit = 1.0 if keyword_hits[i] else 0.0
        se = 1.0 if sent_end[i] else 0.0
        inside = first <= i <= last
        dist = 0.0 if inside else log(first - i if i < first else i - last)
        lo3 = i - 3 if i >= 3 else 0
        hi3 = i + 4 if i + 4 < nb else nb
        lo10 = i - 10 if i >= 10 else 0
        hi10 = i + 11 if i + 11 < nb else nb
        lo2 = i - 2 if i >= 2 else 0
        hi2 = i + 3 if i + 3 < nb else nb
        append(
            (
                lw,
                log(nc),
                1.0 if n <= 2 else 0.0,
                1.0 if n <= 5 else 0.0,
                1.0 if 6 <= n <= 10 else 0.0,
                se,
                1.0 if t[-1:] == ":" else 0.0,
                min(t.count(",") / (n + 1), 1.0),
                caps / nh if nh else 0.0,
                min(digits / (len(h) + 1), 1.0),
                min(seps * 3 / (nh + 1), 1.0),
                stop,
                1.0 if kind is list_kind else 0.0,
                1.0 if kind is head_kind else 0.0,
                hit,
                1.0 if nc < 80 and counts[t] > 1 else 0.0,
                1.0 if cc[i] else 0.0,
                1.0 if cd[i] else 0.0,
                logw[i - 1] if i > 0 else 0.0,
                logw[i - 2] if i > 1 else 0.0,
                logw[i + 2] if i + 2 < nb else 0.0,
                1.0 if i > 0 and sent_end[i - 1] else 0.0,
                1.0 if i + 1 < nb and sent_end[i + 1] else 0.0,
                (pl[hi3] - pl[lo3]) / (hi3 - lo3),
                (pl[hi10] - pl[lo10]) / (hi10 - lo10),
                blocks[i].start / raw_len,
                1.0 if inside else 0.0,
                dist,
                1.0 if i < first else 0.0,
                1.0 if title >= 0 and i > title else 0.0,
                region_share,
                0.0 if inside else log(pk[first] - pk[i + 1] if i < first else pk[i] - pk[last + 1]),
                1.0 if pc[hi2] > pc[lo2] else 0.0,
                1.0 if pd[hi2] > pd[lo2] else 0.0,
                lw if inside else 0.0,
                se if inside else 0.0,
                0.0 if inside else lw * dist,
                hit if inside else 0.0,
                stop if inside else 0.0,
            )
        )
    return rows


STAGE2_NAMES: tuple[str, ...] = (
    "z",
    "z_next",
    "z_next2",
    "p_win5",
    "sandwich5",
    "in_region2",
    "dist_region2",
    "log_words",
    "words_le5",
    "keyword",
    "z_minus_max",
)


def stage2_features(
    z: list[float], info: PageInfo, keyword_hits: list[bool], blocks: list[Block], active: list[int]
) -> list[tuple[float, ...]]:
    """Second-stage feature rows of the ``active`` blocks: their first-stage score and their neighbours'.

    The article is mostly contiguous: a block among confident content blocks
    is likely content, an island among boilerplate likely not.  ``z`` holds a
    first-stage score for every block of the page (skipped blocks get a low
    constant).
    """
    nb = len(z)
    if not nb or not active:
        return []
    exp = math.exp
    # The skipped blocks share one score: each distinct score is turned into a probability once.
    prob = {v: 1.0 / (1.0 + exp(-(v if v > -30.0 else -30.0))) if v < 30.0 else 1.0 for v in set(z)}
    p = list(map(prob.__getitem__, z))
    pp = list(accumulate(p, initial=0.0))
    first, last = max_sum_region([v - 0.5 for v in p])
    zmax = max(z)
    log = math.log1p
    n_words = info.n_words
    rows: list[tuple[float, ...]] = []
    append = rows.append
    for i in active:
        n = n_words[i]
        v = z[i]
        lo = i - 5 if i >= 5 else 0
        hi = i + 6 if i + 6 < nb else nb
        inside = first <= i <= last
        append(
            (
                v,
                z[i + 1] if i + 1 < nb else -5.0,
                z[i + 2] if i + 2 < nb else -5.0,
                (pp[hi] - pp[lo] - p[i]) / max(hi - lo - 1, 1),
                min(max(p[lo:i]) if lo < i else 0.0, max(p[i + 1 : hi]) if i + 1 < hi else 0.0),
                1.0 if inside else 0.0,
                0.0 if inside else log(first - i if i < first else i - last),
                log(n),
                1.0 if n <= 5 else 0.0,
                1.0 if keyword_hits[i] else 0.0,
                v - zmax if v - zmax > -20.0 else -20.0,
            )
        )
    return rows
