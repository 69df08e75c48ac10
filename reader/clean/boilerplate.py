"""Boilerplate: everything on a scraped page that is not the article.

Two kinds of evidence, combined:

* **Where the article is.**  The article is a contiguous run of long,
  sentence-like blocks.  Blocks far outside that run are navigation, teasers
  of other stories, footers; most of them match no keyword at all.
* **What a block says.**  Keyword and shape rules name the category of a
  block ("Legal Disclaimer", "Share this article", "Sign up for our
  newsletter", "Photo: Reuters") and of the section a header opens
  ("Most popular stories", "Comments": what follows belongs to it).

Every removed block gets a :class:`~reader.model.Reason` with a category.
"""

from __future__ import annotations

import re

from reader.model import Block, BlockKind, Reason, Role

# -- what a block says -----------------------------------------------------

#: Category rules for a whole short block (matched against its start).
_RULES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (cat, re.compile(pat, re.I))
    for cat, pat in (
        ("legal", r"^(legal disclaimer|disclaimer|copyright|©|\(c\)\s|all rights reserved|terms (of|and) (use|service)|privacy (policy|notice|statement)|this (material|article|content) may not be (published|reproduced)|(\w+ )?provides the information)"),
        ("legal", r"(all rights reserved|may not be (re)?published|broadcast, rewritten|redistributed|without (prior )?(written )?permission)\W*$"),
        ("legal", r"(\bas is\W{0,3} without warranty|(do not|does not) accept any (responsibility|liability)|liability for the accuracy|not (be )?(held )?responsible for the (content|accuracy)|views expressed (here|in this)[^.]{0,80} (do not|don't) (necessarily )?reflect)"),
        ("cookie", r"(\bcookies?\b.*\b(use|accept|consent|settings|policy)\b|\b(use|accept)\b.*\bcookies?\b)"),
        ("subscribe", r"^(subscribe|sign up|sign in|log ?in|register|create (an|a free) account|already (a subscriber|have an account)|get (our|the) (\w+ )?newsletter|newsletter|unlock|become a (member|subscriber)|support (our|independent) journalism|this (article|content) is (for|available to) (subscribers|members))"),
        ("subscribe", r"\b(subscribe|newsletter|sign up for|subscribers? only|paywall|free trial)\b"),
        ("share", r"^(share( (this|on|via|article|story))?|tweet|pin it|email (this|article)|print( this)?( article| page)?|whatsapp|facebook|twitter|linkedin|reddit|copy link|follow us)\b"),
        ("comments", r"^(\d+\s+)?(comments?|no comments?( yet)?|leave a (comment|reply)|post a comment|join the (conversation|discussion)|show comments|view comments|add a comment|reply|report( abuse)?)\W*$"),
        ("related", r"^(most (popular|read|viewed|shared)|related( (articles?|stories|posts|news|content|coverage|topics))?|read (more|next|also)|see also|you (may|might) (also )?like|more (from|on|in|stories|news)|recommended( for you)?|trending( now)?|popular( now)?|also read|latest (news|stories)|top stories|editor'?s picks|what to read next|further reading)\b"),
        ("ads", r"^(advertisement|advert|sponsored( content| by)?|promoted( content| by)?|paid (content|post)|partner content|ad\b|ads by)"),
        ("caption", r"^(photo|image|picture|file photo|credit|photograph|video|getty images|reuters|ap photo|afp)\s*(:|/|by\b|credit)"),
        ("caption", r"\((photo|image|credit|picture)[^)]{0,60}\)\s*$|(getty images|/ ?afp|/ ?reuters|ap photo|shutterstock|istock)\W*$"),
        ("tags", r"^(tags?|topics?|filed under|categories|category|keywords|related topics)\s*:"),
        ("tags", r"^(home|news)\s*(>|/|»|›)\s*\w"),
        ("navigation", r"^(skip to (main )?content|main menu|menu|navigation|toggle navigation|search|close|back to top|home|next article|previous article|open menu)\W*$"),
    )
)

#: Headers that open a section of boilerplate: what follows belongs to it.
_SECTION_HEADERS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (cat, re.compile(pat, re.I))
    for cat, pat in (
        ("legal", r"^(legal disclaimer|disclaimer|legal notice|copyright notice)\W*$"),
        ("comments", r"^(\d+\s+)?(comments?|\d+ comments|leave a (comment|reply)|join the (conversation|discussion)|post a comment|reader comments|discussion)\W*$"),
        ("related", r"^(most (popular|read|viewed|shared)( stories| articles| news)?|related( articles| stories| posts| news| content| coverage)?|read (more|next|also)|you (may|might) (also )?like|more (stories|news|from .{1,40})|recommended( for you| stories)?|trending( now| stories)?|popular( now| stories)?|latest (news|stories|articles)|top stories|editor'?s picks|what to read next|further reading|also (read|on .{1,30}))\W*$"),
    )
)

_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]?$")
_WORD = re.compile(r"\w+")
_MAX_RULE_CHARS = 240


def keyword_category(text: str) -> str | None:
    """The boilerplate category a short block's words name, if any."""
    if len(text) > _MAX_RULE_CHARS:
        head = text[:120]
        for cat, pat in _RULES[:2]:
            if pat.search(head):
                return cat
        return "legal" if _RULES[2][1].search(text[:2000]) else None
    for cat, pat in _RULES:
        if pat.search(text):
            return cat
    return None


def section_category(text: str) -> str | None:
    if len(text) > 60:
        return None
    for cat, pat in _SECTION_HEADERS:
        if pat.match(text.strip()):
            return cat
    return None


# -- where the article is --------------------------------------------------


def _score(n_words: int, text: str) -> float:
    s = n_words - 12.0
    if _SENTENCE_END.search(text):
        s += 5.0
    return s


def main_region(texts: list[str], body: list[bool]) -> tuple[int, int]:
    """The maximum-sum contiguous run of blocks: (first, last) inclusive."""
    best = (0, -1)
    best_sum = float("-inf")
    cur_sum = 0.0
    cur_start = 0
    for i, text in enumerate(texts):
        if not body[i]:
            continue
        s = _score(len(_WORD.findall(text)), text)
        if cur_sum <= 0:
            cur_sum = s
            cur_start = i
        else:
            cur_sum += s
        if cur_sum > best_sum:
            best_sum = cur_sum
            best = (cur_start, i)
    return best


def _outside_category(i: int, texts: list[str], blocks: list[Block]) -> str:
    text = texts[i]
    n = len(_WORD.findall(text))
    if blocks[i].kind is BlockKind.LIST_ITEM:
        return "related"
    if n <= 6:
        # A run of short items is a menu.
        lo, hi = max(0, i - 2), min(len(texts), i + 3)
        short = sum(1 for j in range(lo, hi) if len(_WORD.findall(texts[j])) <= 6)
        if short >= 3:
            return "navigation"
        return "short"
    return "outside"


def classify(raw: str, blocks: list[Block]) -> None:
    """Mark boilerplate blocks as removed (in place).

    Only blocks whose role is still BODY are judged; title and metadata blocks
    keep their roles, duplicates their reasons.
    """
    if not blocks:
        return
    texts = [raw[b.start : b.end].replace("\n", " ") for b in blocks]
    body = [b.role is Role.BODY for b in blocks]
    first, last = main_region(texts, body)

    section: str | None = None
    for i, block in enumerate(blocks):
        text = texts[i]
        header = section_category(text)
        if header and (i > last or i < first or len(text) < 40):
            section = header if i > first else None
            if block.role is Role.BODY:
                block.remove(Reason.boilerplate(header, f"section header: {text.strip()[:40]}"))
            continue
        if block.role is not Role.BODY:
            continue
        if section and i > last:
            block.remove(Reason.boilerplate(section, "in section"))
            continue
        cat = keyword_category(text)
        if cat:
            block.remove(Reason.boilerplate(cat))
            continue
        if i < first or i > last:
            block.remove(Reason.boilerplate(_outside_category(i, texts, blocks)))
            continue
        if len(_WORD.findall(text)) <= 3 and not _SENTENCE_END.search(text):
            block.remove(Reason.boilerplate("short"))
