"""Boilerplate: everything on a scraped page that is not the article.

Two kinds of evidence, combined:

* **Where the article is.**  The article is a contiguous run of long,
  sentence-like blocks.  Blocks far outside that run are navigation, teasers
  of other stories, footers; most of them match no keyword at all.
* **What a block says.**  Keyword and shape rules name the category of a
  block ("Legal Disclaimer", "Share this article", "Sign up for our
  newsletter", "Photo: Reuters") and of the section a header opens
  ("Most popular stories", "Comments": what follows belongs to it).

A small model combines them: a logistic regression over block and
neighbour features (:mod:`reader.clean.features`), then a second one over the
first one's scores in a window (the article is mostly contiguous).  Its
weights are trained by ``scripts/train_boilerplate.py`` on labelled pages and
ship as ``data/boilerplate_model.json``; inference is plain Python.

Every removed block gets a :class:`~reader.model.Reason` with a category: the
keyword or section rule that names it, else its shape (a run of short items is
navigation, a list item a link list, a block away from the article "outside",
a few words a fragment).
"""

from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from itertools import accumulate, compress, repeat
from operator import mul, not_
from pathlib import Path
from typing import Any

from reader.clean.features import (
    FEATURE_NAMES,
    SHAPE_CHARS,
    STAGE2_NAMES,
    STOPWORDS,
    BlockStats,
    PageInfo,
    _cues,
    active_blocks,
    block_stats,
    max_sum_region,
    page_context,
    page_features,
    page_info,
    stage2_features,
)
from reader.clean.lazyre import LazyPattern
from reader.clean.speedups import speedups as _c
from reader.model import Block, BlockKind, Reason, Role

#: The C speedups' model (content_scores), used only when it computes the features the
#: Python code defines (a build older than a change of features is not used).
_c_model = (
    _c
    if _c is not None
    and tuple(getattr(_c, name, ()) for name in ("FEATURE_NAMES", "STAGE2_NAMES", "SHAPE_CHARS"))
    == (FEATURE_NAMES, STAGE2_NAMES, SHAPE_CHARS)
    else None
)

# -- what a block says -----------------------------------------------------


def _non_capturing(pattern: str) -> str:
    """``pattern`` with its plain groups made non-capturing: ``re`` matches much faster
    when it has no group marks to save and restore while backtracking."""
    out = []
    escaped = in_class = False
    for i, ch in enumerate(pattern):
        out.append(ch)
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif in_class:
            in_class = ch != "]" or pattern[i - 1] == "[" or pattern[i - 2 : i] == "[^"
        elif ch == "[":
            in_class = True
        elif ch == "(" and pattern[i + 1 : i + 2] != "?":
            out.append("?:")
    return "".join(out)


#: Category rules for a whole short block (matched against its start).  All
#: rules here are written in lower case and matched against the lower-cased
#: text (much faster in ``re`` than case-insensitive matching).  The patterns
#: are kept as source: the anchored ones are only ever matched through
#: ``_ANCHORED`` (compiled once, as one alternation); the few matched on their
#: own are compiled below (``_LEGAL_HEAD``, ``_UNANCHORED``).
_RULES: tuple[tuple[str, str], ...] = tuple(
    (cat, pat)
    for cat, pat in (
        (
            "legal",
            r"^(legal disclaimer|disclaimer|copyright|©|\(c\)\s|all rights reserved|terms (of|and) (use|service)|privacy (policy|notice|statement)|this (material|article|content) may not be (published|reproduced)|(\w+ )?provides the information)",
        ),
        (
            "legal",
            r"(all rights reserved|may not be (re)?published|broadcast, rewritten|redistributed|without (prior )?(written )?permission)\W*$",
        ),
        (
            "legal",
            r"(\bas is\W{0,3} without warranty|(do not|does not) accept any (responsibility|liability)|liability for the accuracy|not (be )?(held )?responsible for the (content|accuracy)|views expressed (here|in this)[^.]{0,80} (do not|don't) (necessarily )?reflect)",
        ),
        ("cookie", r"(\bcookies?\b.*\b(use|accept|consent|settings|policy)\b|\b(use|accept)\b.*\bcookies?\b)"),
        (
            "subscribe",
            r"^(subscribe|sign up|sign in|log ?in|register|create (an|a free) account|already (a subscriber|have an account)|get (our|the) (\w+ )?newsletter|newsletter|unlock|become a (member|subscriber)|support (our|independent) journalism|this (article|content) is (for|available to) (subscribers|members))",
        ),
        ("subscribe", r"\b(subscribe|newsletter|sign up for|subscribers? only|paywall|free trial)\b"),
        (
            "share",
            r"^(share( (this|on|via|article|story))?|tweet|pin it|email (this|article)|print( this)?( article| page)?|whatsapp|facebook|twitter|linkedin|reddit|copy link|follow us)\b",
        ),
        (
            "comments",
            r"^(\d+\s+)?(comments?|no comments?( yet)?|leave a (comment|reply)|post a comment|join the (conversation|discussion)|show comments|view comments|add a comment|reply|report( abuse)?)\W*$",
        ),
        (
            "related",
            r"^(most (popular|read|viewed|shared)|related( (articles?|stories|posts|news|content|coverage|topics))?|read (more|next|also)|see also|you (may|might) (also )?like|more (from|on|in|stories|news)|recommended( for you)?|trending( now)?|popular( now)?|also read|latest (news|stories)|top stories|editor'?s picks|what to read next|further reading)\b",
        ),
        (
            "ads",
            r"^(advertisement|advert|sponsored( content| by)?|promoted( content| by)?|paid (content|post)|partner content|ad\b|ads by)",
        ),
        (
            "caption",
            r"^(photo|image|picture|file photo|credit|photograph|video|getty images|reuters|ap photo|afp)\s*(:|/|by\b|credit)",
        ),
        (
            "caption",
            r"\((photo|image|credit|picture)[^)]{0,60}\)\s*$|(getty images|/ ?afp|/ ?reuters|ap photo|/ ?ap( file)?|shutterstock|istock)\W*$",
        ),
        ("caption", r"\b(photo|image|picture) credit\b|\b(credit|photo|image|picture|foto)s?\s*:\s*[^.:]{2,60}$"),
        ("legal", r"\b(is|are) (subject to|protected by) copyright\b|\bno part (of this|may be) "),
        ("subscribe", r"\b(to|in) your inbox\b|\bdelivered (daily|weekly|weekday|every)\b"),
        ("tags", r"^(tags?|topics?|filed under|categories|category|keywords|related topics)\s*:"),
        ("tags", r"^(home|news)\s*(>|/|»|›)\s*\w"),
        (
            "navigation",
            r"^(skip to (main )?content|main menu|menu|navigation|toggle navigation|search|close|back to top|home|next article|previous article|open menu)\W*$",
        ),
    )
)

#: Literal cues (lower case) without which an unanchored rule cannot match: a
#: substring test is much cheaper than a regex scan of every block.
_GUARDS: dict[int, tuple[str, ...]] = {
    1: ("reserved", "publish", "rewritten", "redistribut", "permission"),
    2: ("warrant", "accept any", "liabilit", "responsible", "views expressed"),
    3: ("cookie",),
    5: ("subscri", "newsletter", "sign up", "paywall", "free trial"),
    11: (
        "(photo",
        "(image",
        "(credit",
        "(picture",
        "getty",
        "afp",
        "reuters",
        "ap photo",
        "/ap",
        "/ ap",
        "shutterstock",
        "istock",
    ),
    12: ("credit", "photo", "image", "picture", "foto"),
    13: ("copyright", "no part"),
    14: ("inbox", "delivered"),
}
#: (Compiled when a block first holds one of their guard literals.)
_UNANCHORED: tuple[tuple[int, str, LazyPattern, tuple[str, ...]], ...] = tuple(
    (i, _RULES[i][0], LazyPattern(_non_capturing(_RULES[i][1])), guard) for i, guard in sorted(_GUARDS.items())
)
assert all(not _RULES[i][1].startswith("^") for i in _GUARDS)
assert all(_RULES[i][1].startswith("^") for i in range(len(_RULES)) if i not in _GUARDS)
#: The first rule (legal notices) on its own: the start of a long block.
_LEGAL_HEAD = re.compile(_non_capturing(_RULES[0][1]))
#: The unanchored rules a long block is checked against (legal notices), by rule index.
_UNANCHORED_BY_RULE = {i: pat for i, _, pat, _ in _UNANCHORED}


def _trie_pattern(words: list[str]) -> str:
    """An alternation of literal ``words`` factored by common prefixes (much faster to scan in ``re``)."""
    trie: dict[str, dict] = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, dict]) -> str:
        alts = [re.escape(ch) + build(node[ch]) for ch in sorted(k for k in node if k)]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 and "" not in node else "(?:" + "|".join(alts) + ")"
        if "" in node:
            body = body + "?" if body.startswith("(?:") else "(?:" + body + ")?"
        return body

    return build(trie)


#: Every guard literal (for the C speedups' literal search).
_GUARD_LITERALS = tuple(g for guard in _GUARDS.values() for g in guard)
_ANY_GUARD = re.compile(_trie_pattern(list(_GUARD_LITERALS)))
#: The anchored rules as one alternation: one match at the start of the text
#: (alternatives are tried in rule order, so the first rule that matches wins).
_ANCHORED = re.compile(
    "|".join(f"(?P<r{i}>{_non_capturing(pat[1:])})" for i, (_, pat) in enumerate(_RULES) if i not in _GUARDS)
)

#: Headers that open a section of boilerplate: what follows belongs to it.
#: (Kept as source: they are matched through ``_SECTION_ANY``, one alternation.)
_SECTION_HEADERS: tuple[tuple[str, str], ...] = tuple(
    (cat, pat)
    for cat, pat in (
        ("legal", r"^(legal disclaimer|disclaimer|legal notice|copyright notice)\W*$"),
        ("share", r"^(share( this( story| article| post| page)?| on social media)?|spread the word)\W*$"),
        # The same headers in the other languages news pages often come in.
        (
            "related",
            r"^(latest headlines|more headlines|best of|"
            r"voc[eê] (tamb[eé]m )?(pode|poder[aá]) gostar|leia (tamb[eé]m|mais)|veja (tamb[eé]m|mais)|not[ií]cias relacionadas|mais lidas|"
            r"te puede interesar|lee (tambi[eé]n|m[aá]s)|noticias relacionadas|lo m[aá]s (le[ií]do|visto)|m[aá]s noticias|"
            r"leggi anche|potrebbe interessarti|articoli correlati|"
            r"[aà] lire aussi|lire aussi|sur le m[eê]me sujet|articles similaires|"
            r"mehr zum thema|das k[oö]nnte sie auch interessieren|weitere artikel|auch interessant|"
            r"baca juga|berita terkait|artikel terkait|"
            r"читайте также|похожие (новости|статьи)|другие новости)\W*$",
        ),
        (
            "comments",
            r"^(\d+\s+)?(coment[aá]rios?|comentarios?|commenti|commentaires?|kommentare?|komentar|комментари[ийя]|deixe (um|seu) coment[aá]rio|deja un comentario|laisser un commentaire|lascia un commento)\W*$",
        ),
        (
            "comments",
            r"^(\d+\s+)?(comments?|\d+ comments|leave a (comment|reply)|join the (conversation|discussion)|post a comment|reader comments|discussion)\W*$",
        ),
        (
            "comments",
            r"^((top( rated)?|most recent|latest|newest|oldest|all|readers?'?|user|featured|best) (comments|responses)|comments? \(\d+\)|\d+ (responses?|replies|thoughts|reactions)( (to|on) .{0,80})?|(responses|replies|reactions) to .{0,80}|what do you think\??|have your say|join the debate|conversation|show \d+ comments)\W*$",
        ),
        (
            "related",
            r"^(most (popular|read|viewed|shared)( stories| articles| news)?|related( articles| stories| posts| news| content| coverage)?|read (more|next|also)|you (may|might) (also )?like|more (stories|news|from .{1,40})|recommended( for you| stories)?|trending( now| stories)?|popular( now| stories)?|latest (news|stories|articles)|top stories|editor'?s picks|what to read next|further reading|explore further|related coverage|more (on|about) this( story| topic)?|also (read|on .{1,30}))\W*$",
        ),
    )
)

_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]?$")
_WORD = re.compile(r"\w+")
_MAX_RULE_CHARS = 240
#: A long cookie notice: how it starts, not merely a mention of cookies.
_LONG_COOKIE = re.compile(
    _non_capturing(
        r"(this (web)?site uses cookies|we (use|value) cookies|by (using|continuing|browsing)[^.]{0,60}\bcookies|"
        r"(necessary|essential|functional|analytics?|performance|marketing|non-necessary) cookies (are|help|allow|may|that)|"
        r"cookies? (policy|settings|preferences|consent)\b)"
    )
)


#: Markup before a block's words: Markdown heading marks, list bullets, link/emphasis openers.
_LEAD_MARKS = re.compile(r"^\s*(?:#{1,6}\s+|[-*+•·▪►]\s+|\d{1,3}[.)]\s+)?[\[*_]*")
_MARK_CHARS = frozenset("#-*+•·▪►[_0123456789 ")


def _words_of(text: str) -> str:
    """``text`` without leading Markdown / list markup ("## Share" -> "Share")."""
    if text[:1] in _MARK_CHARS:
        return _LEAD_MARKS.sub("", text, count=1)
    return text


def _keyword_low(low: str) -> str | None:
    """The boilerplate category named by a block's lower-cased words (markup stripped)."""
    if len(low) > _MAX_RULE_CHARS:
        # A long block: only legal notices and long cookie notices (literal guards first).
        head = low[:120]
        if _LEGAL_HEAD.match(head):
            return "legal"
        if any(g in head for g in _GUARDS[1]) and _UNANCHORED_BY_RULE[1].search(head):
            return "legal"
        if _LONG_COOKIE.match(low):
            return "cookie"
        low = low[:2000]
        if any(g in low for g in _GUARDS[2]) and _UNANCHORED_BY_RULE[2].search(low):
            return "legal"
        return None
    m = _ANCHORED.match(low)
    first = int(m.lastgroup[1:]) if m and m.lastgroup else len(_RULES)
    if not _ANY_GUARD.search(low):
        return _RULES[first][0] if first < len(_RULES) else None
    return _guarded_low(low, first)


def _guarded_low(low: str, first: int) -> str | None:
    """The category of a short lower-cased text holding a guard literal, whose
    first matching anchored rule is ``first`` (``len(_RULES)`` for none): an
    unanchored rule that comes before it in rule order wins."""
    for i, cat, pat, guard in _UNANCHORED:
        if i > first:
            break
        for g in guard:
            if g in low:
                break
        else:
            continue
        if pat.search(low):
            return cat
    return _RULES[first][0] if first < len(_RULES) else None


def keyword_category(text: str) -> str | None:
    """The boilerplate category a short block's words name, if any."""
    return _keyword_low(_words_of(text).lower())


_MAX_HEADER_CHARS = 100
_SECTION_ANY = re.compile(
    "|".join(f"(?P<s{i}>{_non_capturing(pat[1:])})" for i, (_, pat) in enumerate(_SECTION_HEADERS))
)


def _section_low(low: str) -> str | None:
    m = _SECTION_ANY.match(low.strip())
    if m and m.lastgroup:
        return _SECTION_HEADERS[int(m.lastgroup[1:])][0]
    return None


def section_category(text: str) -> str | None:
    """The category of the section a short header opens ("Most popular", "Comments"), if any."""
    if len(text) > _MAX_HEADER_CHARS:
        return None
    return _section_low(_words_of(text).lower())


_NO_RULES: tuple[None, None] = (None, None)


def _rules(text: str) -> tuple[str | None, str | None]:
    """(keyword category, section-header category) of a block's text (``_NO_RULES`` when neither)."""
    if len(text) > _MAX_RULE_CHARS:
        # Long blocks: only their start and first 2,000 characters are read.
        low = _words_of(text[:2000]).lower()
        kw = _keyword_low(low) if len(low) > _MAX_RULE_CHARS else _keyword_low(_words_of(text).lower())
        return (kw, None) if kw else _NO_RULES
    # A short block: _keyword_low and _section_low inlined for the common case
    # (no guard literal: the anchored rules alone decide).
    low = (_LEAD_MARKS.sub("", text, count=1) if text[:1] in _MARK_CHARS else text).lower()
    if len(low) > _MAX_RULE_CHARS or _ANY_GUARD.search(low):
        kw = _keyword_low(low)
    else:
        m = _ANCHORED.match(low)
        kw = _RULES[int(m.lastgroup[1:])][0] if m and m.lastgroup else None
    head = None
    if len(text) <= _MAX_HEADER_CHARS:
        m = _SECTION_ANY.match(low.strip())
        if m and m.lastgroup:
            head = _SECTION_HEADERS[int(m.lastgroup[1:])][0]
    return (kw, head) if kw or head else _NO_RULES


#: Short texts (up to _MAX_RULE_CHARS: "Home", "Reply", "Sign up for our newsletter")
#: repeat within and across pages: their rule verdicts are cached (about 40% hits
#: on a batch of pages from different sites).
_CACHE_SIZE = 1 << 15
_rule_cache: dict[str, tuple[str | None, str | None]] = {}


def _page_rules(texts: list[str]) -> list[tuple[str | None, str | None]]:
    """The rule verdicts of a page's blocks (as :func:`_rules` gives them), short ones from the cache.

    The texts not seen before are judged together: each pattern is run over
    all of the short ones with ``map`` (no Python-level loop per block and
    pattern), and only the texts some pattern matched are looked at one by one.
    """
    cache = _rule_cache
    found = list(map(cache.get, texts))
    if None not in found:
        return found  # type: ignore[return-value]  # (no None left)
    # The new texts, each once (a page repeats its menus), long ones judged on their own.
    new = list(dict.fromkeys(compress(texts, map(not_, found))))
    limit = _MAX_RULE_CHARS
    lengths = list(map(len, new))
    longs = {t: _rules(t) for t, n in zip(new, lengths) if n > limit}
    st = list(compress(new, map(limit.__ge__, lengths))) if longs else new
    marks = _MARK_CHARS
    lows = list(map(str.lower, [_LEAD_MARKS.sub("", t, count=1) if t[:1] in marks else t for t in st]))
    guards: list[Any]  # (truth values or regex matches)
    if _c is not None:
        guards = [False] * len(lows)
        for k in _c.find_any(lows, _GUARD_LITERALS):
            guards[k] = True
    else:
        guards = list(map(_ANY_GUARD.search, lows))
    anchored = list(map(_ANCHORED.match, lows))
    sections = list(map(_SECTION_ANY.match, map(str.strip, lows)))
    if len(cache) + len(st) >= _CACHE_SIZE:
        cache.clear()
        cache.update([(t, r) for t, r in zip(texts, found) if r is not None])
    cache.update(zip(st, repeat(_NO_RULES)))
    for k in compress(range(len(st)), map(any, zip(guards, anchored, sections))):
        low = lows[k]
        if len(low) > limit:  # lower-casing can lengthen a text
            kw = _keyword_low(low)
        else:
            m = anchored[k]
            first = int(m.lastgroup[1:]) if m and m.lastgroup else len(_RULES)
            kw = _guarded_low(low, first) if guards[k] else _RULES[first][0] if first < len(_RULES) else None
        head = None
        m = sections[k]
        if m and m.lastgroup and len(st[k]) <= _MAX_HEADER_CHARS:
            head = _SECTION_HEADERS[int(m.lastgroup[1:])][0]
        if kw or head:
            cache[st[k]] = (kw, head)
    get = cache.get
    if longs:
        return list(map(get, texts, map(longs.get, texts)))  # type: ignore[arg-type]
    return list(map(get, texts))  # type: ignore[arg-type]


def clear_caches() -> None:
    """Forget cached verdicts (benchmarks start every run as a fresh process would)."""
    _rule_cache.clear()
    _cues.cache_clear()


# -- the model -------------------------------------------------------------

MODEL_PATH = Path(__file__).with_name("data") / "boilerplate_model.json"


@lru_cache(maxsize=4)
def _load(path: str) -> dict[str, Any]:
    model = json.loads(Path(path).read_text(encoding="utf-8"))
    s1, s2 = model["stage1"], model["stage2"]
    if tuple(s1["features"]) != FEATURE_NAMES or tuple(s2["features"]) != STAGE2_NAMES:
        raise ValueError(f"{path}: model features do not match reader.clean.features (retrain the model)")
    if len(s1["weights"]) != len(FEATURE_NAMES) or len(s2["weights"]) != len(STAGE2_NAMES):
        raise ValueError(f"{path}: wrong number of weights")
    return model


def load_model(path: str | Path | None = None) -> dict[str, Any]:
    """The shipped boilerplate model (cached), or the one at ``path``."""
    return _load(str(path or MODEL_PATH))


def _linear(rows: list[tuple[float, ...]], weights: list[float], bias: float) -> list[float]:
    """bias + weights . x for every row (one C-level dot product each)."""
    return [sum(map(mul, weights, row), bias) for row in rows]


def _sigmoid(v: float) -> float:
    if v < -30.0:
        v = -30.0
    return 1.0 / (1.0 + math.exp(-v)) if v < 30.0 else 1.0


def content_scores(
    raw: str, blocks: list[Block], info: PageInfo, keyword_hits: list[bool], model: dict[str, Any]
) -> list[float]:
    """Probability that each block is article content.

    Short blocks far from the main region are not scored (they get the
    model's ``skip_logit``); the others go through both stages.
    """
    s1, s2 = model["stage1"], model["stage2"]
    skip = model.get("skip_logit", -6.0)
    active = active_blocks(info)
    context = page_context(raw, blocks, info, active)
    if _c_model is not None:
        first, last = info.region
        return _c_model.content_scores(
            info.texts, blocks, info.n_words, info.sent_end, keyword_hits, active,
            context.comment_cues, context.date_cues, first, last, context.title, context.region_share,
            context.raw_len, STOPWORDS, BlockKind.LIST_ITEM, BlockKind.HEADING,
            s1["weights"], s1["bias"], s2["weights"], s2["bias"], skip,
        )  # fmt: skip
    feats = page_features(raw, blocks, info, keyword_hits, active, context)
    z1 = [skip] * len(blocks)
    for i, v in zip(active, _linear(feats, s1["weights"], s1["bias"])):
        z1[i] = v
    z2 = _linear(stage2_features(z1, info, keyword_hits, blocks, active), s2["weights"], s2["bias"])
    probs = [_sigmoid(skip)] * len(blocks)
    exp = math.exp
    for i, v in zip(active, z2):
        probs[i] = 1.0 / (1.0 + exp(-(v if v > -30.0 else -30.0))) if v < 30.0 else 1.0
    return probs


# -- categories ------------------------------------------------------------


def _shape_categories(info: PageInfo, blocks: list[Block], first: int, last: int) -> list[str]:
    """The category of each block should it be removed without a rule naming it: from its shape and place."""
    n_words = info.n_words
    nb = len(n_words)
    ps = list(accumulate([n <= 6 for n in n_words], initial=0))
    list_kind = BlockKind.LIST_ITEM
    return [
        "related"
        if b.kind is list_kind
        else "outside"
        if n > 6
        # A run of short items is a menu.
        else "navigation"
        if ps[i + 3 if i + 3 < nb else nb] - ps[i - 2 if i >= 2 else 0] >= 3
        else "short"
        if first <= i <= last
        else "outside"
        for i, (n, b) in enumerate(zip(n_words, blocks))
    ]


#: Inside the article's region a block is kept from this much below the threshold;
#: outside it only when the model is this sure.
REGION_MARGIN = 0.25
OUTSIDE_SURE = 0.9
#: Sentence blocks right next to the region are kept down to this probability.
EXTEND_FLOOR = 0.1


def _decide(probs: list[float], info: PageInfo, blocks: list[Block], threshold: float) -> list[bool]:
    """Keep decisions: the article's region is the max-sum run of (p - threshold) x words.

    Inside the region a block is kept unless the model is fairly sure it is
    boilerplate; outside it only if the model is very sure it is content (the
    article is mostly contiguous: this fills short gaps and drops far islands).
    """
    body = [b.role is Role.BODY for b in blocks]
    n_words = info.n_words
    scores = [(p - threshold) * (n_words[i] + 1) if body[i] else 0.0 for i, p in enumerate(probs)]
    first, last = max_sum_region(scores)
    low = threshold - REGION_MARGIN
    keep = [body[i] and ((first <= i <= last and p >= low) or p >= OUTSIDE_SURE) for i, p in enumerate(probs)]
    # The article's last (or first) short sentences: prose right next to the
    # region is kept unless the model is sure it is boilerplate.
    sent_end = info.sent_end
    nb = len(blocks)
    if last >= first:
        j = last + 1
        while j < nb and body[j] and sent_end[j] and n_words[j] >= 3 and probs[j] >= EXTEND_FLOOR:
            keep[j] = True
            j += 1
        j = first - 1
        while j >= 0 and body[j] and sent_end[j] and n_words[j] >= 3 and probs[j] >= EXTEND_FLOOR:
            keep[j] = True
            j -= 1
    return keep


def _comment_sections(
    rules: list[tuple[str | None, str | None]], stats: BlockStats
) -> list[tuple[str | None, str | None]]:
    """The blocks of a comment thread: after a comments header that opens one.

    Readers' comments are prose too: marking them before the model looks for
    the article keeps a long thread from outweighing a short article.  A
    header opens a thread when it comes after the start of the article's
    first-guess region (``stats.region``, which leaves threads out) and a
    comment's header ("Jo on May 2, 2019 at 4:47 pm said:", "3 hours ago",
    "Reply") right after it; a "Comments" link in a share bar opens nothing.
    """
    start = stats.region[0]
    if start < 0 or not any(r[1] == "comments" for r in rules[start + 1 :]):
        return rules
    texts, n_words = stats.texts, stats.n_words
    nb = len(rules)
    for i in range(start + 1, nb):
        if rules[i][1] == "comments" and any(
            n_words[j] <= 14 and _cues(texts[j])[0] for j in range(i + 1, min(nb, i + 4))
        ):
            marked = ("comments", None)
            return rules[: i + 1] + [marked if r is _NO_RULES else r for r in rules[i + 1 :]]
    return rules


#: Reasons are immutable: equal ones are shared instead of built for every block.
_reason = lru_cache(maxsize=4096)(Reason.boilerplate)


def classify(
    raw: str, blocks: list[Block], model: dict[str, Any] | None = None, stats: BlockStats | None = None
) -> None:
    """Mark boilerplate blocks as removed (in place).

    Only blocks whose role is still BODY are judged; title and metadata blocks
    keep their roles, duplicates their reasons.  ``stats`` are the blocks'
    :func:`~reader.clean.features.block_stats` when the caller has them.
    """
    if not blocks:
        return
    if model is None:
        model = load_model()
    if stats is None:
        stats = block_stats(raw, blocks)
    texts = stats.texts
    rules = _comment_sections(_page_rules(texts), stats)
    no_rules = _NO_RULES
    hits = [r is not no_rules for r in rules]
    info = page_info(raw, blocks, hits, stats=stats)
    probs = content_scores(raw, blocks, info, hits, model)
    keep = _decide(probs, info, blocks, model.get("threshold", 0.5))
    if not any(keep):
        # The model found no article: fall back to the longest prose run.
        lo, hi = info.region
        keep = [lo <= i <= hi and b.role is Role.BODY and not hits[i] for i, b in enumerate(blocks)]
    kept_idx = [i for i, k in enumerate(keep) if k]
    first, last = (kept_idx[0], kept_idx[-1]) if kept_idx else info.region

    section: str | None = None
    shapes: list[str] | None = None
    details: dict[float, str] = {}
    body, removed = Role.BODY, Role.REMOVED
    reason = _reason
    for i, (block, (cat, header), k) in enumerate(zip(blocks, rules, keep)):
        if header and (i > last or i < first or len(texts[i]) < 40):
            section = header if i > first else None
            if block.role is body:
                block.role = removed
                block.reason = reason(header, f"section header: {texts[i].strip()[:40]}")
            continue
        if block.role is not body:
            continue
        # Comments run to the end of the page; other sections only count after the article.
        if section and (i > last or section == "comments") and cat in (None, section):
            # A block of a section its header named ("Comments", "Most popular").
            block.role = removed
            block.reason = reason(section, "in section")
        elif cat:
            block.role = removed
            block.reason = reason(cat)
        elif not k:
            if shapes is None:
                shapes = _shape_categories(info, blocks, first, last)
            p = probs[i]
            detail = details.get(p)
            if detail is None:
                detail = details[p] = f"p={p:.2f}"
            block.role = removed
            block.reason = reason(shapes[i], detail)
