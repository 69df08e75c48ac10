"""Alias grouping of entity mentions: every mention joins a group with a canonical name.

Rules (in text order):

* **People.** A full name ("Vladimir Putin") starts a group; a later full name
  joins it when family name, given name (or its initial) and generational
  suffix agree ("Hillary Rodham Clinton" = "Hillary Clinton", but never
  "Bill Clinton", "Donald Trump Jr." or "Kim Jong Il" for "Kim Jong Un").
  A bare name ("Putin", "Xi") joins the group whose last token, or first token
  for family-name-first names, it is; with several candidates it goes to the
  most recently mentioned one and that group is flagged ``ambiguous``.  A bare
  name seen before the full name is absorbed when the full name comes.
* **Organisations, places, the rest.** The same string up to dots, case and a
  leading "the" ("U.S." = "US"); an acronym joins the multi-word name whose
  initials it spells, whether it is introduced in brackets
  ("World Health Organization (WHO)") or not.  Different strings are never
  merged otherwise ("Moscow" and "Russia" stay apart).

The canonical name is the longest full form (for people, the longest name
without titles).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reader.model import Entity, EntityGroup

_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "v"})
_SKIP_INITIALS = frozenset({"of", "the", "and", "for", "on", "in", "de", "du", "des", "la", "le", "&", "at", "to"})


@dataclass
class _Group:
    id: int
    label: str
    name: str
    mentions: int = 0
    ambiguous: bool = False
    last_seen: int = 0
    full: tuple[str, ...] = ()  # PER: name tokens without suffix
    suffix: str = ""
    keys: set[str] = field(default_factory=set)  # non-PER: normalised names
    labels: dict[str, int] = field(default_factory=dict)


def _norm(s: str) -> str:
    s = s.replace(".", "").replace("’", "'").strip()
    if s.lower().startswith("the "):
        s = s[4:]
    return " ".join(s.split()).casefold()


def _tokens(name: str) -> tuple[tuple[str, ...], str]:
    toks = [t.strip(",") for t in name.replace("’", "'").split() if t.strip(",")]
    suffix = ""
    if toks and toks[-1].replace(".", "").lower() in _SUFFIXES and len(toks) > 1:
        suffix = toks.pop().replace(".", "").lower()
    return tuple(toks), suffix


def _initials(name: str) -> str:
    words = [w for w in name.replace("-", " ").split() if w.lower() not in _SKIP_INITIALS]
    return "".join(w[0] for w in words if w[:1].isalpha()).upper()


def _is_acronym(s: str) -> bool:
    t = s.replace(".", "")
    return 2 <= len(t) <= 8 and t.isalpha() and t.isupper()


def _given_compatible(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Same first given name, or one is the other's initial ("J." / "John")."""
    x, y = a[0].rstrip("."), b[0].rstrip(".")
    if x == y:
        return True
    if len(x) == 1 or len(y) == 1:
        return x[0] == y[0]
    return False


def _same_person(a: tuple[str, ...], asuf: str, b: tuple[str, ...], bsuf: str) -> bool:
    if asuf != bsuf or len(a) < 2 or len(b) < 2:
        return False
    if a == b:
        return True
    if a[-1] != b[-1] or not _given_compatible(a, b):
        return False
    # middle names: one side's middle tokens must be contained in the other's ("Kim Jong Un" vs "Kim Jong Il" differ
    # in the last token already; "George W. Bush" vs "George H. W. Bush" have different middles)
    am, bm = a[1:-1], b[1:-1]
    if am and bm and am != bm:
        return False
    return True


def group_entities(text: str, mentions: list[Entity]) -> tuple[list[Entity], list[EntityGroup]]:
    """Assign every mention a group; return (mentions with group ids, groups)."""
    groups: list[_Group] = []
    by_key: dict[str, _Group] = {}  # non-PER normalised name -> group
    people: list[_Group] = []
    assigned: list[_Group] = []
    by_initials: dict[tuple[str, str], _Group] = {}  # (label, initials of a multi-word name) -> latest group
    by_acronym: dict[tuple[str, str], _Group] = {}  # (label, acronym without dots) -> group
    for idx, m in enumerate(mentions):
        surface = m.text or text[m.start : m.end]
        g: _Group | None = None
        if m.label == "PER":
            toks, suf = _tokens(surface)
            if len(toks) >= 2:
                for p in reversed(people):
                    if p.full and p.full[-1] == toks[-1] and _same_person(p.full, p.suffix, toks, suf):
                        g = p
                        break
                if g is None:
                    # absorb an earlier bare-name group ("Putin" before "Vladimir Putin")
                    for p in reversed(people):
                        if len(p.full) == 1 and not p.suffix and p.full[0] in (toks[-1], toks[0]) and not suf:
                            g = p
                            g.full, g.suffix = toks, suf
                            break
                if g is None:
                    g = _Group(len(groups), "PER", surface, full=toks, suffix=suf)
                    groups.append(g)
                    people.append(g)
                elif len(toks) > len(g.full) or (len(toks) == len(g.full) and len(surface) > len(g.name)):
                    g.full, g.suffix = toks, suf
                if len(surface) > len(g.name) or len(g.name.split()) < 2:
                    g.name = surface
            elif toks:
                word = toks[0]
                # the family name is usually last ("Putin"); family-name-first names ("Xi") only if nothing else fits
                cands = [p for p in people if p.full and p.full[-1] == word]
                if not cands:
                    cands = [p for p in people if p.full and p.full[0] == word]
                if cands:
                    full = [p for p in cands if len(p.full) >= 2]
                    pool = full or cands
                    g = max(pool, key=lambda p: p.last_seen)
                    if len({p.id for p in full}) > 1:
                        g.ambiguous = True
                else:
                    g = _Group(len(groups), "PER", surface, full=toks, suffix=suf)
                    groups.append(g)
                    people.append(g)
        if g is None:
            key = _norm(surface)
            g = by_key.get(key)
            acronym = _is_acronym(surface)
            multi = not acronym and " " in surface.strip()
            if g is None and acronym:
                # "WHO" after "World Health Organization", "US" after "United States"
                g = by_initials.get((m.label, surface.replace(".", "").upper()))
            ini = _initials(surface) if multi else ""
            if g is None and multi:
                # a long name after its acronym ("WHO ... World Health Organization")
                g = by_acronym.get((m.label, ini))
            if g is None:
                g = _Group(len(groups), m.label, surface)
                groups.append(g)
            if acronym:
                by_acronym.setdefault((m.label, surface.replace(".", "").upper()), g)
            elif multi and len(ini) >= 2:
                by_initials[(m.label, ini)] = g
            g.keys.add(key)
            by_key[key] = g
            if len(surface.split()) > len(g.name.split()) or (
                _is_acronym(g.name) and not _is_acronym(surface)
            ):
                g.name = surface
        # "World Health Organization (WHO)": the bracketed acronym right after its expansion
        g.mentions += 1
        g.last_seen = idx
        g.labels[m.label] = g.labels.get(m.label, 0) + 1
        assigned.append(g)
    # bracketed acronyms whose letters do not spell the initials exactly ("(FIRST)") still join their expansion
    for i in range(1, len(mentions)):
        m, prev = mentions[i], mentions[i - 1]
        between = text[prev.end : m.start]
        if between.strip() == "(" and text[m.end : m.end + 1] == ")" and _is_acronym(m.text or text[m.start : m.end]):
            a, b = assigned[i - 1], assigned[i]
            if a is not b and b.mentions == 1 and a.label != "PER":
                b.mentions = 0
                a.mentions += 1
                assigned[i] = a
    # renumber the groups that have mentions
    live = [g for g in groups if g.mentions > 0]
    new_id = {g.id: i for i, g in enumerate(live)}
    out = [
        Entity(m.start, m.end, m.label, new_id[g.id], m.text or text[m.start : m.end]) for m, g in zip(mentions, assigned)
    ]
    result = [
        EntityGroup(new_id[g.id], g.name, max(g.labels, key=g.labels.__getitem__), g.mentions, g.ambiguous) for g in live
    ]
    return out, result
