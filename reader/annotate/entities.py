"""Named-entity mentions without a downloaded model: capitalisation, cues and gazetteers.

How it works, in one pass over the capitalised tokens of the text (one compiled
regex; lowercase words are skipped at C speed):

1. **Runs.** Capitalised tokens separated by a single space join into a run;
   connectors join only where they belong to a name ("Bank *of* America",
   "Osama *bin* Laden", "Bosnia *and* Herzegovina" when the whole is known).
   A possessive ("Putin's") ends a run and is not part of the span.
2. **Sentence starts and headlines.** A sentence-initial token, and every token
   of an ALL-CAPS or Title-Case line, must earn its place: a common English word
   ("The", "After", "RESULT") is dropped unless a gazetteer knows it, it starts a
   multi-word gazetteer name ("New York", "WORLD CUP"), or the same word is
   capitalised mid-sentence elsewhere in the document.
3. **Splits.** Title cues ("President", "Foreign Minister", "Mr.") mark a person
   without being part of the name; a leading demonym or place before a title or
   a name is its own mention ("Russian President Vladimir Putin" -> MISC
   "Russian", PER "Vladimir Putin").
4. **Types.** Whole-span gazetteer hits (places, organisations, nationalities and
   events), organisation / place / event keywords ("... Party", "Lake ...",
   "... Cup"), given names, context ("X said", "in X", "carmaker X", "striker X"),
   sports context (a country that "beat" another with a score is a team: ORG;
   towns in results tables are teams too) and weaker defaults (an unknown single
   word that is an ordinary English word is a product or work: MISC).
5. **Document consistency.** A bare surname (or East-Asian family name) of a
   person found in the article is that person; one string gets one type in one
   article (strong evidence wins, then the majority).

Gazetteers are small derived files in ``gazetteers/`` (see its ATTRIBUTION.md),
loaded lazily once per process.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from reader.model import Entity

GAZ_DIR = Path(__file__).resolve().parent / "gazetteers"

# ---------------------------------------------------------------------------
# Gazetteers (lazy, cached once per process)
# ---------------------------------------------------------------------------


@dataclass(slots=True)
class Gazetteers:
    first: frozenset[str]
    surnames: frozenset[str]
    places: dict[str, str]  # name -> country/region/city/continent
    orgs: frozenset[str]
    misc: frozenset[str]
    common: frozenset[str]  # lowercase common English words
    proper: frozenset[str]  # capitalised dictionary words (proper nouns)


_GAZ: Gazetteers | None = None


def _lines(name: str) -> list[str]:
    path = GAZ_DIR / name
    if not path.exists():
        return []
    return [ln for ln in path.read_text(encoding="utf-8").split("\n") if ln and not ln.startswith("#")]


def gazetteers() -> Gazetteers:
    """The shared gazetteers, loaded on first use."""
    global _GAZ
    if _GAZ is None:
        places: dict[str, str] = {}
        for name in ("places.tsv", "places_extra.tsv"):
            for ln in _lines(name):
                k, _, v = ln.partition("\t")
                places[k] = v or "region"
        extra = _lines("names_extra.txt")
        _GAZ = Gazetteers(
            first=frozenset(_lines("first_names.txt")),
            surnames=frozenset(_lines("surnames.txt") + extra),
            places=places,
            orgs=frozenset(_lines("orgs.txt")),
            misc=frozenset(_lines("misc.txt")),
            common=frozenset(_lines("common_words.txt")),
            proper=frozenset(_lines("proper_words.txt") + extra),
        )
    return _GAZ


# ---------------------------------------------------------------------------
# Hand-written cue lists
# ---------------------------------------------------------------------------

#: Words that mark a person when they precede a name ("President Xi").
TITLES = frozenset(
    """President Presidents Vice Premier Minister Ministers Chancellor Secretary Senator Sen Sen. Rep Rep.
    Representative Congressman Congresswoman Governor Gov Gov. Mayor Mr Mr. Mrs Mrs. Ms Ms. Miss Dr Dr. Prof Prof.
    Professor Judge Justice King Queen Prince Princess Pope Sir Dame Lord Lady Chairman Chairwoman Chair Director
    Ambassador Envoy Coach Captain Capt Capt. Officer Sergeant Sgt Sgt. Lt Lt. Lieutenant Col Col. Colonel Gen Gen.
    General Admiral Adm Adm. Commander Major Maj Maj. Corporal Cpl Private Pvt Rev Rev. Reverend Father Bishop
    Archbishop Cardinal Rabbi Imam Sheikh Emir Sultan Ayatollah Detective Inspector Chief Deputy Spokesman
    Spokeswoman Spokesperson Attorney Prosecutor Speaker Leader Candidate Nominee Defendant Author Editor Correspondent
    Reporter Anchor Actor Actress Singer Rapper Striker Midfielder Defender Goalkeeper Quarterback Pitcher
    Manager Trainer Owner Founder CEO Executive Head Commissioner Superintendent Sheriff Marshal Councillor Councilman
    Councilwoman Alderman Assemblyman Assemblywoman Lawmaker MP Chancellor Provost Saint Brother Sister Uncle
    Aunt Grandma Grandpa Dame Baroness Baron Count Countess Duke Duchess Earl Tsar Czar Shah Crown Foreign Prime
    Interior Defence Defense Finance Trade Health Justice Education Energy Economy Labour Labor Agriculture Transport
    Environment Culture Sports Information Home State Federal Acting Former Ex Late Senior Junior Assistant Associate
    Executive Managing Supreme Grand Chief Special Permanent Co-founder Cofounder Co-Founder President-elect
    Vice-President Nonpartisan""".split()
)
#: Title words that are only modifiers: never a title on their own ("Foreign" alone is not a cue).
TITLE_MODIFIERS = frozenset(
    """Vice Foreign Prime Interior Defence Defense Finance Trade Health Justice Education Energy Economy Labour Labor
    Agriculture Transport Environment Culture Sports Information Home State Federal Acting Former Ex Late Senior
    Junior Assistant Associate Executive Managing Supreme Grand Chief Special Permanent Crown Deputy Head""".split()
)
#: Titles that mark a person even when only a surname follows ("Mr. Putin").
HONORIFICS = frozenset("Mr Mr. Mrs Mrs. Ms Ms. Miss Dr Dr. Sir Dame".split())
#: Abbreviations that keep their final period.
ABBREVIATIONS = frozenset(
    """Mr. Mrs. Ms. Dr. St. Jr. Sr. Inc. Corp. Co. Ltd. Gen. Sen. Rep. Gov. Lt. Col. Sgt. Capt. Prof. Rev. Mt. Ft.
    Adm. Maj. Bros. Ave. Blvd. Dept. Univ. Messrs. Pres. Supt. Cpl. Pvt. Mme. Mlle.""".split()
)
#: Name particles that may stand lowercase inside a name.
PARTICLES = frozenset(
    "de del della der den di da du dos das do la las los le van von bin bint ibn al el ben ter zu y".split()
)
#: Name suffixes (part of the name, never a name on their own).
SUFFIXES = frozenset("Jr Jr. Sr Sr. II III IV".split())

ORG_LAST = frozenset(
    """Inc Inc. Corp Corp. Corporation Co Co. Company Companies Ltd Ltd. LLC PLC plc AG SA GmbH NV Group Holdings
    Party Bank Bancorp University College School Institute Academy Ministry Department Agency Council Committee
    Commission Association Associations Union Federation Confederation League Club Court Police Army Navy Force Forces
    Guard Guards Airlines Airline Airways Times Post News Journal Press Herald Tribune Gazette Telegraph Network
    Networks Channel Radio Television TV Foundation Fund Organization Organisation Organizations Society Board
    Bureau Service Services Authority Nations Administration Office Senate Parliament Assembly Congress Cabinet Government
    Commonwealth Alliance Coalition Movement Front Brigade Brigades Team Trust Partners Capital Securities Motors
    Industries Technologies Systems Electric Energy Oil Petroleum Pharmaceuticals Labs Laboratories Records Studios
    Pictures Entertainment Media Communications Telecom Institution Hospital Clinic Church
    Council Reserve Exchange Unit Division Command Corps Regiment Battalion Squad Ministries Chamber Caucus
    Consortium Cooperative Collective Conference Commission FC United Rovers Wanderers Athletic Athletico Sporting
    Rangers Celtic Dynamo Dinamo Lokomotiv Spartak Olympique Real Inter Orchestra Band Choir Magazine Agency
    Review Daily Weekly Monthly Observer Chronicle Courier Express Mirror Sun Globe Standard Independent Star Municipality
    Inquirer Bulletin Register Examiner Dispatch Sentinel Monitor Insider""".split()
)
ORG_FIRST = frozenset(
    "University Bank Ministry Department Institute Academy Office Council Federal Royal Municipality".split()
)
LOC_LAST = frozenset(
    """River Mountains Mountain Mount Mountain Range Island Islands Isle Isles Sea Ocean Bay Gulf Lake Lakes Valley
    Street St Avenue Ave Road Rd Boulevard Blvd Square Park Bridge Airport Hall Province County State Region District
    City Town Village Peninsula Strait Straits Canal Coast Desert Hills Hill Heights Beach Falls Station Harbor Harbour
    Port Forest Plain Plains Plateau Basin Delta Canyon Glacier Cape Reef Pass Point Creek Springs Territory
    Territories Oblast Prefecture Borough Township Parish Republic Kingdom Emirates Empire Palace Castle Tower Stadium
    Arena Building Plaza Museum Gallery Theatre Theater Zoo Cemetery Memorial Monument Base Prison Temple Mosque
    Square Capitol Quarter Boulevard Highway Freeway Motorway Trail Lane Drive Way Gardens Garden Center Centre
    Cathedral Hotel Planetarium Complex Factory Course Oval""".split()
)
LOC_FIRST = frozenset(
    "Mount Mt. Lake Cape Gulf Fort Ft. Port Isle Saint St. San Santa Sao São Los Las New Plaza Piazza Rue Calle".split()
)
MISC_LAST = frozenset(
    """War Wars Cup Games Championship Championships Open Prize Award Awards Olympics Festival Day Act Treaty Accord
    Accords Agreement Convention Bowl Series Trophy Tournament Rally Marathon Classic Masters Revolution Crisis
    Summit Declaration Doctrine Plan Protocol Initiative Program Programme Project Index Prix Medal Expo Fair Show
    Awards Olympiad Slam Derby Tour Race Stakes Uprising Massacre Spring Era Dynasty Cup Bill Law Code
    Constitution Charter Convention""".split()
)
#: Capitalised words that are not entities on their own.
NON_ENTITY = frozenset(
    """I Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April June July August
    September October November December
    OK TV CEO CFO COO GDP AM PM GMT EST EDT PST PDT BST CET UTC HIV AIDS DNA PhD MP MPs VAT PR ID IT AI FAQ PS RSS URL
    CCTV USD EUR GBP Ltd Inc Co Image Photo Photos Video Source Sources Editor Update Updated Read More Click Share
    Advertisement Copyright Comment Comments Reporting Writing Editing Caption Note Notes Jr Sr God Lord Mr Mrs Ms
    Dr Sir Madam Mom Mum Dad Web Online BC AD St Mt Fig Table Chapter Section Page Part Vol No IQ VIP VIPs HTML HTTP
    PDF USB GPS SUV SUVs ATM ATMs UFO LGBT LGBTQ ICU DIY FYI LOL OMG RIP POTUS FLOTUS SMS MRI CPU""".split()
)
#: Lowercase words that follow a person ("X said") / precede a place ("in X").
PER_AFTER = ("said", "says", "told", "added", "wrote", "asked", "explained", "announced", "stated", "argued",
             "who", "whose", "thinks", "believes", "died", "was born", "has said", "had said", "tweeted")
#: Prepositions that put an unknown name in a place (not "to"/"from", which also take people).
_LOC_PREPS = frozenset("in at near outside inside across throughout via into".split())
LOC_BEFORE = frozenset("in at from near to into across outside inside throughout toward towards via".split())
#: Sentence-ending characters (before a new sentence).
_SENT_END = frozenset(".!?\n:;•·|–—")
_OPENERS = " \t\"“‘'([«„-"

# ---------------------------------------------------------------------------
# Tokenisation
# ---------------------------------------------------------------------------

_UPPER = "A-Z" + "À-ÖØ-Þ" + "".join(
    ch for ch in map(chr, range(0x100, 0x250)) if ch.isupper() and ch.lower() != ch
) + "Α-ΩА-Я"
_WORD_TAIL = r"[\w'’&\-]*"
#: One capitalised token: initialisms (U.S., D.C.), a capitalised word (with an
#: optional final period, decided in Python), "al-Assad", or a lowercase name
#: particle (kept only between two capitalised tokens).
TOKEN_RE = re.compile(
    rf"(?:[{_UPPER}]\.){{2,}}"  # U.S., U.S.A.
    rf"|(?<![\w\-])(?:(?:al|el|ad|as|ash|an|ar|at|az|bin|abu|ibn)-)?[{_UPPER}]{_WORD_TAIL}\.?"
    # a connector is only worth a token when a capitalised word (or "the"/"las" + one) follows
    rf"|\b(?:{'|'.join(sorted(PARTICLES | {'of', 'and', 'the', 'for', 'on', 'upon'}, key=len, reverse=True))})\b"
    rf"(?= (?:(?:the|las|los|la|de) )?[{_UPPER}&])"
    rf"|[&]"
)
_LINE_WORD_RE = re.compile(r"[^\W\d_][\w'’\-]*")
#: A possessive inside a name: "People's Republic", "Queen's Park", "People's Liberation Army".
_POSS_NAME_RE = re.compile(r" (?:Republic|Party|Park|Army|Liberation|Democratic|Bank|Congress|Front|Alliance|Daily)\b")
_ROMAN = frozenset("I II III IV V VI VII VIII IX X XI XII XIII XIV XV XVI".split())
_HYPHEN_TAILS = frozenset("based born led backed owned run style era like linked born speaking".split())
_MONTH_BEFORE_RE = re.compile(r"\b(?:in|on|since|until|till|by|of|last|next|early|late|mid|from|to|through)[ -]$")
_MONTH_AFTER_RE = re.compile(r",? \d")
_DATE_ABBR = frozenset("Mon Tue Wed Thu Fri Sat Sun Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec".split())
_DATE_AFTER_RE = re.compile(r"\.|,? \d|\s*$")
_CONTRACTION_RE = re.compile(r"['’](?:ve|m|re|ll|d|t)$|n['’]t$")


@dataclass(slots=True)
class _Tok:
    start: int
    end: int
    text: str
    kind: str  # "cap" or "conn"
    sent_start: bool = False
    line_mode: int = 0  # 0 normal, 1 title-case line, 2 ALL-CAPS line
    poss: bool = False  # a possessive was cut off (run ends here)
    weak: bool = False  # kept only if a multi-word gazetteer entry starts here
    period_end: bool = False  # a sentence-final period was cut off (run ends here)


@dataclass(slots=True)
class _Cand:
    start: int
    end: int
    text: str
    label: str | None
    strength: int  # 3 gazetteer/keyword, 2 cue/name, 1 weak guess, 0 unknown
    toks: tuple[str, ...]
    table: bool = False


def _line_modes(text: str) -> list[tuple[int, int, int]]:
    """(line start, line end, mode) for lines that are ALL CAPS (2) or Title Case (1)."""
    out: list[tuple[int, int, int]] = []
    pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        if line and len(line) < 250:
            if line.isupper() and sum(1 for w in _LINE_WORD_RE.findall(line) if len(w) > 1) >= 2:
                out.append((pos, end, 2))
            elif len(line) < 200 and not _LOWER_WORD_RE.search(line):
                words = _LINE_WORD_RE.findall(line)
                if len(words) >= 5:
                    lower = sum(1 for w in words if w[0].islower() and w not in _SMALL_WORDS)
                    if lower == 0 and sum(1 for w in words if w[0].isupper()) >= 4:
                        out.append((pos, end, 1))
        pos = end + 1
    return out


_SMALL_WORDS = frozenset("a an the of and or in on at to for by with from as vs v. de la le von van".split())
#: A lowercase word that is not a small word: the line is not in Title Case (cheap pre-check).
_LOWER_WORD_RE = re.compile(
    r"(?<![\w'’\-])(?!(?:a|an|the|of|and|or|in|on|at|to|for|by|with|from|as|vs|v|de|la|le|von|van)\b)[a-z]"
)
#: English function words: never a name at a sentence start, whatever the name lists say ("In", "So", "Will").
FUNCTION_WORDS = frozenset(
    """a about above across after afterwards again against all almost alone along already also although always am
    among amongst an and another any anyhow anyone anything anyway anywhere are around as at be became because become
    been before beforehand behind being below beside besides between beyond both but by can cannot could did do does
    doing done down during each either else elsewhere enough even ever every everyone everything everywhere except
    few first for former formerly from further had has have having he hence her here hereafter hers herself him
    himself his how however i if in indeed instead into is it its itself just last later latter least less many may
    me meanwhile might mine more moreover most mostly much must my myself namely neither never nevertheless next no
    nobody none nor not nothing now nowhere of off often on once one only onto or other others otherwise our ours
    ourselves out over own per perhaps please quite rather really same second several she should since so some
    somehow someone something sometime sometimes somewhere still such than that the their theirs them themselves then
    thence there thereafter thereby therefore therein these they third this those though through throughout thus to
    together too toward towards under unless until up upon us very via was we well were what whatever when whence
    whenever where whereas wherever whether which while who whoever whole whom whose why will with within without
    would yet you your yours yourself yourselves add men women today yesterday tomorrow tonight here there
    please yes no not new old""".split()
)
_DIGIT_RE = re.compile(r"\d")
_TABLE_RE = re.compile(r"(?<!\S)[(+-]?\d[\d.,:/-]*\)?(?!\S)")


def _is_sentence_start(text: str, start: int) -> bool:
    j = start - 1
    while j >= 0 and text[j] in _OPENERS:
        if text[j] in "\n“\"‘«„":
            return True
        j -= 1
    if j < 0:
        return True
    ch = text[j]
    if ch in _SENT_END:
        if ch == "." and j >= 1:
            # "U.S. officials": a period after an abbreviation does not end a sentence
            k = j - 1
            while k >= 0 and (text[k].isalpha() or text[k] == "."):
                k -= 1
            word = text[k + 1 : j + 1]
            if len(word) == 2 and word[0].isupper():
                return False  # an initial: "L. Ron Hubbard"
            if word in ABBREVIATIONS or (len(word) >= 4 and word.count(".") >= 2 and word.replace(".", "").isupper()):
                return False
        return True
    return ch in "\n\"“"


# ---------------------------------------------------------------------------
# Main entry
# ---------------------------------------------------------------------------


def find_entities(text: str) -> list[Entity]:
    """Entity mentions (group unset) in ``text``, in order, non-overlapping."""
    cands = _candidates(text)
    cands = consistency(text, cands)
    if not _looks_english(text):
        # the rules know English capitalisation; elsewhere keep only what the gazetteers know for sure
        cands = [c for c in cands if c.strength >= 3 and c.label != "PER"]
    return [Entity(c.start, c.end, c.label, -1, c.text) for c in cands if c.label]


_ASCII_LOWER_RE = re.compile(r"\b[a-z]+\b")
_NON_ASCII_RE = re.compile(r"[^\x00-\x7f]")


def _looks_english(text: str) -> bool:
    """Most lowercase words of the first few thousand characters are English words."""
    sample = text[:4000]
    if len(_NON_ASCII_RE.findall(sample)) > 0.2 * len(sample):
        return False  # Cyrillic, Greek, CJK...
    words = _ASCII_LOWER_RE.findall(sample)
    if len(words) < 20:
        return True
    common = gazetteers().common
    return sum(1 for w in words if w in common) >= 0.5 * len(words)


def _tokens(text: str) -> list[_Tok]:
    g = gazetteers()
    modes = _line_modes(text)
    mi = 0
    toks: list[_Tok] = []
    for m in TOKEN_RE.finditer(text):
        s, e = m.span()
        w = m.group()
        c0 = w[0]
        if (c0.islower() and "-" not in w) or c0 == "&":
            toks.append(_Tok(s, e, w, "conn"))
            continue
        period_end = False
        poss = False
        if w[-1] == "." and w not in ABBREVIATIONS and not (len(w) == 2 or w.count(".") >= 2):
            w = w[:-1]
            e -= 1
            period_end = True
        if "-" in w:
            head, _, tail = w.rpartition("-")
            if tail and tail.islower() and head and (tail in g.common or tail in _HYPHEN_TAILS):
                # "Scientology-related", "Booker Prize-winner": the name ends before the hyphen
                w = head
                e = s + len(head)
                poss = True
        if w.endswith(("'s", "’s", "'S", "’S")) and len(w) > 2 and not _POSS_NAME_RE.match(text, e):
            w = w[:-2]
            e -= 2
            poss = True
        elif w[-1] in "'’" or (w[-1] == "-" and len(w) > 1):
            w = w[:-1]
            e -= 1
            poss = True
        if not w:
            continue
        while mi < len(modes) and modes[mi][1] < s:
            mi += 1
        mode = modes[mi][2] if mi < len(modes) and modes[mi][0] <= s else 0
        if s >= 2 and text[s - 1] == " " and (text[s - 2].isalnum() or text[s - 2] == ","):
            start_flag = False  # the common case: a word after a word or a comma
        else:
            start_flag = _is_sentence_start(text, s)
        tok = _Tok(s, e, w, "cap", start_flag, mode, poss=poss, period_end=period_end)
        if "-" in w and not w.startswith(("al-", "el-")):
            parts = w.split("-")
            if len(parts) == 2 and all(p[:1].isupper() for p in parts) and all(
                p in g.places or p in g.misc for p in parts
            ):
                # "China-Russia relations": two mentions
                a, b = parts
                toks.append(_Tok(s, s + len(a), a, "cap", tok.sent_start, mode))
                toks.append(_Tok(s + len(a) + 1, e, b, "cap", False, mode, poss=poss, period_end=period_end))
                toks[-2].poss = True  # break the run between them
                continue
        toks.append(tok)
    return toks


def _known(w: str, g: Gazetteers) -> bool:
    """A gazetteer entry; a dictionary proper noun counts only if it is not also a common word ("He")."""
    return w in g.places or w in g.orgs or w in g.misc or (w in g.proper and w.lower() not in g.common)


def _is_common(w: str, g: Gazetteers) -> bool:
    """A capitalised word that is an ordinary English word ("After", "Many")."""
    low = w.lower()
    return low in g.common or low in _SMALL_WORDS


def _candidates(text: str) -> list[_Cand]:
    g = gazetteers()
    toks = _tokens(text)
    # words seen capitalised mid-sentence in normal lines: evidence that they are names
    mid: set[str] = {t.text for t in toks if t.kind == "cap" and not t.sent_start and t.line_mode == 0}
    # surnames seen right after a given name ("Theresa May"): "May" may then start a sentence as that person
    surnames_seen: set[str] = {
        b.text for a, b in zip(toks, toks[1:])
        if a.kind == b.kind == "cap" and a.text in g.first and b.start == a.end + 1 and not b.sent_start
    }
    # 1. runs of tokens
    runs: list[list[_Tok]] = []
    cur: list[_Tok] = []
    prev_end = -1
    dropped_end = -2  # end of the last capitalised word dropped as a common word
    for t in toks:
        if t.kind == "cap":
            keep = True
            w = t.text
            heading = dropped_end >= 0 and text[dropped_end : t.start] == " "  # "Legal Disclaimer", "Most Popular"
            regnal = w in _ROMAN and bool(cur) and prev_end == t.start - 1 and text[prev_end] == " "
            if regnal:
                pass  # "Henry I", "Felipe V"
            elif len(w) > 2 and w[1] == "-" and w[0] in "DRI" and w[2].isupper():
                keep = False  # "D-Mass.", "R-Texas": party and state of a US politician
            elif w in _DATE_ABBR and _DATE_AFTER_RE.match(text, t.end):
                keep = False  # "Jan. 5", "Sun 12 May"
            elif w in NON_ENTITY or (w.isupper() and w.title() in NON_ENTITY) or (len(w) == 1 and w != "&") or _CONTRACTION_RE.search(w) or (
                len(w) > 2 and w[1] == "-" and w[2].islower()
            ):
                keep = False
            elif t.line_mode == 2:
                tw = w if len(w) <= 4 else w.title()
                keep = (not _is_common(w, g)) or _known(tw, g) or tw in g.first or w in g.orgs
            elif t.sent_start or t.line_mode == 1 or heading:
                low = w.lower()
                keep = (not _is_common(w, g)) or _known(w, g) or (w in mid and low not in FUNCTION_WORDS) or (
                    w in g.first and not t.poss and not t.period_end and low not in FUNCTION_WORDS
                    and text[t.end : t.end + 1] == " " and text[t.end + 1 : t.end + 2].isupper()
                )
                if keep and low in FUNCTION_WORDS and w not in g.places and w not in g.orgs:
                    keep = False
                if not keep and w in surnames_seen and t.line_mode == 0:
                    keep = True  # "May later resigned." after "Theresa May"
            if w in ("The", "THE", "A", "An"):
                keep = False
            t.weak = not keep
            if not keep and (w if t.line_mode != 2 else w.title()) in _mw_first():
                keep = True
            if not keep:
                if cur:
                    runs.append(cur)
                cur = []
                prev_end = -1
                dropped_end = t.end if t.text[:1].isupper() else -2
                continue
            dropped_end = -2
            if cur and prev_end >= 0 and _gap_ok(text, prev_end, t.start, cur[-1]):
                cur.append(t)
            else:
                if cur:
                    runs.append(cur)
                cur = [t]
            prev_end = -1 if (t.poss or t.period_end) else t.end
        else:  # connector
            if cur and prev_end >= 0 and text[prev_end:t.start] == " ":
                cur.append(t)
                prev_end = t.end
            else:
                if cur:
                    runs.append(cur)
                cur = []
                prev_end = -1
    if cur:
        runs.append(cur)
    table_lines = _table_lines(text)
    table_lines.text = text
    out: list[_Cand] = []
    for run in _resolve_weak(runs, g):
        for part in _split_connectors(run, g):
            out.extend(_classify_run(text, part, g, table_lines))
    return out


_MW_FIRST: frozenset[str] | None = None
_KEYWORDS = ORG_LAST | LOC_LAST | MISC_LAST


def _mw_first() -> frozenset[str]:
    """First words of the multi-word gazetteer entries ("New" of "New York")."""
    global _MW_FIRST
    if _MW_FIRST is None:
        g = gazetteers()
        _MW_FIRST = frozenset(
            k.split(" ", 1)[0] for src in (g.places, g.orgs, g.misc) for k in src if " " in k
        )
    return _MW_FIRST


def _norm_word(t: _Tok) -> str:
    w = t.text
    if (t.line_mode == 2 or (w.isupper() and len(w) > 3)) and w not in gazetteers().orgs:
        return w.title()
    return w



def _resolve_weak(runs: list[list[_Tok]], g: Gazetteers) -> list[list[_Tok]]:
    """Keep a weak token ("New" at a sentence start) only where a gazetteer entry starts with it."""
    out: list[list[_Tok]] = []
    for run in runs:
        if not any(t.weak for t in run):
            out.append(run)
            continue
        cur: list[_Tok] = []
        i = 0
        n = len(run)
        while i < n:
            t = run[i]
            if not t.weak:
                cur.append(t)
                i += 1
                continue
            match = 0
            words = [_norm_word(t)]
            for j in range(i + 1, min(n, i + 6)):
                words.append(_norm_word(run[j]))
                name = " ".join(words)
                if name in g.places or name in g.orgs or name in g.misc or (
                    t.text not in ("The", "THE") and t.text.lower() not in FUNCTION_WORDS
                    and _keyword_type(words, g) in ("MISC", "ORG")
                ):
                    match = j + 1
            if not match and cur and t.text in _KEYWORDS:
                # "United States Navy": a keyword that ends the name before it
                kw = _keyword_type([_norm_word(x) for x in cur] + [_norm_word(t)], g)
                if kw and t.text in {"ORG": ORG_LAST, "LOC": LOC_LAST, "MISC": MISC_LAST}[kw]:
                    match = i + 1
            if match:
                cur.extend(run[i:match])
                i = match
            else:
                if cur:
                    out.append(cur)
                cur = []
                i += 1
        if cur:
            out.append(cur)
    return out


def _gap_ok(text: str, a: int, b: int, prev: _Tok) -> bool:
    gap = text[a:b]
    if gap == ", " and text.startswith(("Jr", "Sr"), b):
        return True  # "Martin Luther King, Jr."
    return gap == " " or (gap == "" and prev.kind == "conn") or (gap == " " and prev.kind == "conn")


def _split_connectors(run: list[_Tok], g: Gazetteers) -> list[list[_Tok]]:
    """Split a run at connectors that do not belong to a name; trim connectors at the ends."""
    # trim
    while run and run[-1].kind == "conn":
        run = run[:-1]
    while run and run[0].kind == "conn":
        run = run[1:]
    if not run:
        return []
    if all(t.kind == "cap" for t in run):
        return [run]
    whole = " ".join(t.text for t in run)
    if whole in g.places or whole in g.orgs or whole in g.misc:
        return [run]
    parts: list[list[_Tok]] = []
    cur: list[_Tok] = []
    i = 0
    n = len(run)
    while i < n:
        t = run[i]
        if t.kind == "cap":
            cur.append(t)
            i += 1
            continue
        # a connector sequence run[i:j]
        j = i
        while j < n and run[j].kind == "conn":
            j += 1
        conns = [x.text for x in run[i:j]]
        left = [x.text for x in cur if x.kind == "cap"]
        join = False
        if j < n and cur:
            c0 = conns[0]
            if c0 in PARTICLES and c0 not in ("y",) and len(conns) <= 2:
                join = True
            elif c0 == "&" and len(conns) == 1:
                join = True
            elif c0 == "the" and len(conns) == 1 and len(left) == 1 and left[0] in g.first and left[0] not in g.places:
                join = True  # "Louis the German", "Alfred the Great"
            elif c0 in ("of", "for", "on", "upon") and conns[1:] in ([], ["the"]):
                head = left[-1] if left else ""
                join = (
                    head in ORG_LAST or head in LOC_LAST or head in MISC_LAST or head in ORG_FIRST
                    or head in LOC_FIRST or head in TITLES or head in _OF_HEADS
                )
            elif c0 == "and" and len(conns) == 1:
                # "Bosnia and Herzegovina", "Department of Health and Human Services"
                right = run[j].text
                head = left[0] if left else ""
                of_at = max((k for k, x in enumerate(cur) if x.text == "of"), default=-1)
                tail = [x.text for x in cur[of_at + 1 :] if x.kind == "cap"]
                join = (
                    (head in ORG_FIRST or head in _OF_HEADS) and of_at >= 0 and right != head and bool(tail)
                    and all(w.lower() in g.common and w not in g.places for w in tail)
                )
        if join:
            cur.extend(run[i:j])
        else:
            if cur:
                parts.append(cur)
            cur = []
        i = j
    if cur:
        parts.append(cur)
    out = []
    for p in parts:
        while p and p[-1].kind == "conn":
            p = p[:-1]
        if p:
            out.append(p)
    return out


_OF_HEADS = frozenset(
    """Municipality Principality Community Duchy Diocese Archdiocese Sultanate Caliphate Emirate Region Republic
    Kingdom Bank University Ministry Department Secretary Minister Prime Institute Museum Church Hall House
    Court Council Board Chamber Association Federation Union League Organization Organisation Society Commonwealth
    Isle Gulf Bay Sea Strait Cape Lake Duke Duchess Prince Princess King Queen Lord Earl Bishop Archbishop Mayor
    Governor Speaker Chief Director Head Commander Order Party Office Bureau Agency Commission Committee College
    School Academy Center Centre Foundation Fund Festival Battle Siege Treaty Statue Tower Palace Cathedral Declaration
    Court Friends Daughters Sons Knights Brotherhood Army Navy Province State States City District Islands Federated
    Emirates Democratic People's Peoples Great Holy Supreme United Presidents Ministers Secretaries Champions
    Lions""".split()
)


_LOC_CONTEXT_RE = re.compile(r"\b(?:in|at|near|from|to|of|around|outside)\s+$|\($")
_DATELINE_RE = re.compile(r"\s+\d{4}-\d\d-\d\d|\s*\(|,\s+[A-Z][a-z]+\s+\d")


class _Tables(list):
    """The (start, end) of results-table lines; ``sports``: the article is a sports report (computed on demand)."""

    text = ""
    _sports: bool | None = None

    @property
    def sports(self) -> bool:
        if self._sports is None:
            self._sports = len({w.lower() for w in _SPORTS_RE.findall(self.text, 0, 5000)}) >= 3
        return self._sports


#: Words of sports reports ("innings", "goal", "homer"): three different ones make a sports article.
_SPORTS_RE = re.compile(
    r"\b(?:innings|wickets?|goals?|striker|midfielder|goalkeeper|homers?|homered|inning|halftime|half-time|"
    r"touchdowns?|quarterback|pitcher|batsman|bowler|semi-finals?|quarter-finals?|playoffs?|standings|fixtures|"
    r"equaliser|equalizer|penalty|scorers?|unbeaten|relegation|promoted|run-rate|batting|bowling|rebounds)\b",
    re.IGNORECASE,
)


def _table_lines(text: str) -> _Tables:
    """Lines of sports tables and results: several numbers, few lowercase words."""
    out = _Tables()
    pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        if line and len(line) < 200 and _DIGIT_RE.search(line):
            digits = len(_TABLE_RE.findall(line))  # separate numbers, not one date
            if digits >= 2:
                words = _LINE_WORD_RE.findall(line)
                lower = sum(1 for w in words if w[0].islower())
                if words and lower <= 2 and len(words) <= 10:
                    out.append((pos, end))
        pos = end + 1
    return out


def _in_table(table_lines: list[tuple[int, int]], pos: int) -> bool:
    for a, b in table_lines:
        if a <= pos <= b:
            return True
        if a > pos:
            return False
    return False


def _classify_run(text: str, run: list[_Tok], g: Gazetteers, table_lines: list[tuple[int, int]]) -> list[_Cand]:
    """Split a run at titles and leading demonyms, then type each part."""
    words = [t.text for t in run]
    whole = " ".join(words)
    if whole in g.places or whole in g.orgs or whole in g.misc:
        return [_typed(text, run, g, table_lines)]
    # title cues: find the last title token that is followed by a non-title cap token
    last_title = -1
    for i, w in enumerate(words):
        if (
            w in TITLES and i + 1 < len(words) and run[i + 1].kind == "cap"
            and words[i + 1] not in SUFFIXES and words[i + 1] not in _ROMAN
        ):
            nxt = words[i + 1]
            if nxt not in TITLES or nxt in ("General", "Major"):
                last_title = i
                if w in TITLE_MODIFIERS and not any(x in TITLES and x not in TITLE_MODIFIERS for x in words[: i + 1]):
                    last_title = -1
    if (
        len(run) == 1 and words[0] in _INSTITUTIONS and text[max(0, run[0].start - 4) : run[0].start] == "the "
        and not run[0].sent_start and run[0].line_mode == 0
    ):
        return [_mk(run, "ORG", 1)]  # "the State", "the Crown prosecutor": the institution
    if last_title < 0 and all(w in TITLES or w in TITLE_MODIFIERS or t.kind == "conn" for w, t in zip(words, run)):
        return []  # "the President", "Foreign Minister"
    if last_title < 0 and len(run) >= 2 and words[-1] in TITLES and words[-1] not in TITLE_MODIFIERS:
        # "State Department Spokesperson": the title is not part of the organisation
        k = len(run)
        while k > 0 and (words[k - 1] in TITLES or run[k - 1].kind == "conn"):
            k -= 1
        if 0 < k < len(run) and words[-1] not in ORG_LAST and words[-1] not in LOC_LAST:
            return _classify_run(text, run[:k], g, table_lines)
    if last_title >= 0 and words[-1] in _KEYWORDS and all(
        w in TITLES or w in _KEYWORDS or w.lower() in g.common or t.kind == "conn" for w, t in zip(words, run)
    ):
        last_title = -1  # "Duke University", "Prince Albert Hall": not a person after all
    out: list[_Cand] = []
    if last_title >= 0:
        # the title starts where the run of title words ending at last_title starts
        first_title = last_title
        while first_title > 0 and (words[first_title - 1] in TITLES or run[first_title - 1].kind == "conn"):
            first_title -= 1
        while first_title < last_title and run[first_title].kind == "conn":
            first_title += 1
        name = run[last_title + 1 :]
        while name and name[0].kind == "conn":
            name = name[1:]
        left = run[:first_title]
        while left and left[-1].kind == "conn":
            left = left[:-1]
        if left:
            out.extend(_classify_run(text, left, g, table_lines))
        if name:
            name_words = [t.text for t in name]
            name_whole = " ".join(name_words)
            if name_whole in g.places or name_whole in g.orgs or name_words[-1] in ORG_LAST:
                out.append(_typed(text, name, g, table_lines))
            else:
                out.append(_mk(name, "PER", 3))
        return out
    # a name glued to what precedes it: "Governor of Washington Chris Gregoire", "Pan-democrat Gary Fan"
    if len(run) >= 3 and all(t.kind == "cap" for t in run[-2:]):
        for i in (len(run) - 2, len(run) - 3):
            if i < 1:
                continue
            w = words[i]
            if (
                w in g.first and w.lower() not in g.common and w not in g.places
                and words[i - 1] not in g.first and run[i - 1].kind == "cap" and words[i - 1] not in PARTICLES
                and not _is_initial(words[i - 1]) and words[i - 1] not in g.surnames
                and all(t.kind == "cap" for t in run[i:]) and words[-1] not in ORG_LAST and words[-1] not in LOC_LAST
                and words[-1] not in MISC_LAST and " ".join(words[i:]) not in g.places
            ):
                return _classify_run(text, run[:i], g, table_lines) + [_mk(run[i:], "PER", 2)]
    # leading demonym or country before a name: "Russian Vladimir Putin", "U.S. Donald Trump"
    if len(run) >= 2 and run[1].kind == "cap":
        w0 = words[0]
        rest = run[1:]
        rest_words = words[1:]
        rest_whole = " ".join(rest_words)
        if (w0 in g.misc or w0 in g.places) and not _keyword_type(words, g):
            if all(w in g.misc or (w.endswith("s") and w[:-1] in g.misc) for w in rest_words):
                pass  # "Iraqi Kurds": one mention
            elif (
                (rest_words[0] in g.first and rest_words[0].lower() not in g.common)
                or rest_whole in g.places or rest_whole in g.orgs
            ):
                return [_typed(text, run[:1], g, table_lines), _typed(text, rest, g, table_lines)]
    return [_typed(text, run, g, table_lines)]


def _mk(run: list[_Tok], label: str | None, strength: int, table: bool = False) -> _Cand:
    return _Cand(run[0].start, run[-1].end, "", label, strength, tuple(t.text for t in run), table)


def _keyword_type(words: list[str], g: Gazetteers) -> str | None:
    conn = next((i for i, w in enumerate(words) if i and w in ("of", "for", "on")), 0)
    if conn:
        # "Great Hall of the People", "Bank of America": the head comes before "of"
        head = words[:conn]
        if head[-1] in ORG_LAST:
            return "ORG"
        if head[-1] in LOC_LAST:
            return "LOC"
        if head[-1] in MISC_LAST:
            return "MISC"
    last = words[-1]
    first = words[0]
    if len(words) > 2 and f"{first} {words[1]}" in g.misc:
        return "MISC"  # "Space Shuttle Columbia", "Windows XP Professional"
    if last in ORG_LAST and len(words) >= 2:
        return "ORG"
    if last in MISC_LAST and len(words) >= 2:
        return "MISC"
    if last in LOC_LAST and len(words) >= 2:
        return "LOC"
    if first in LOC_FIRST and len(words) >= 2:
        return "LOC"
    if first in ORG_FIRST and len(words) >= 3 and words[1] == "of":
        return "ORG"
    return None


def _typed(text: str, run: list[_Tok], g: Gazetteers, table_lines: list[tuple[int, int]]) -> _Cand:
    words = [t.text for t in run]
    whole = " ".join(words)
    table = bool(table_lines) and _in_table(table_lines, run[0].start)
    c = _mk(run, None, 0, table)
    c.text = text[c.start : c.end]
    if run[0].line_mode == 2 or all(t.text.isupper() for t in run):
        # ALL-CAPS headline or dateline: look up the title-cased form
        tw = [_norm_word(t) for t in run]
        tw_whole = " ".join(tw)
        known = whole in g.places or whole in g.orgs or whole in g.misc
        if not known and (
            tw_whole in g.places or tw_whole in g.orgs or tw_whole in g.misc or len(run) > 1 or len(whole) > 4
        ):
            words, whole = tw, tw_whole
    if words[0] in ("St", "ST", "Saint") and len(words) > 1:
        alt = "St. " + " ".join(words[1:])  # "ST LOUIS", "Saint Louis" -> "St. Louis"
        if alt in g.places:
            whole = alt
    kind = g.places.get(whole)
    if kind == "country" and _team_context(text, c.start, c.end):
        c.label, c.strength, c.table = "ORG", 3, True  # "Sweden defeated South Korea 1-0": the team
    elif whole in g.orgs:
        c.label, c.strength = "ORG", 3
    elif kind is not None:
        if table and kind in ("city", "region"):
            c.label, c.strength = "ORG", 2
        elif (
            kind in ("city", "region") and table_lines.sports and not _LOC_CONTEXT_RE.search(text, max(0, c.start - 6), c.start)
            and not _DATELINE_RE.match(text, c.end)
        ):
            c.label, c.strength = "ORG", 3  # "Essex closed in on Derbyshire": teams named after their town or county
        else:
            c.label, c.strength = "LOC", 3
    elif whole in g.misc:
        c.label, c.strength = "MISC", 3
    else:
        kw = _keyword_type(words, g)
        if not kw and "&" in whole:
            kw = "ORG"  # "Douglas & Lomason", "Marks & Spencer": people are not joined by "&"
        if kw and words[-1] in _SURNAME_KEYWORDS and words[0] in g.first and words[0] not in g.places and all(
            w in g.first or w in g.surnames for w in words[:-1]
        ):
            kw = None  # "Marc Lamont Hill", "Tom Park"
        if kw:
            c.label, c.strength = kw, 3
        elif len(words) >= 2 and words[0] in _COMPASS and " ".join(words[1:]) in g.places:
            c.label, c.strength = "LOC", 3  # "South East Asia", "Northern Syria"
        elif len(words) == 1 and words[0].lower() in g.common and (
            words[0] in ORG_LAST or words[0] in LOC_LAST or words[0] in MISC_LAST or words[0] in TITLES
            or words[0].lower() in FUNCTION_WORDS
        ):
            if (
                words[0] in _INSTITUTIONS and text[max(0, c.start - 4) : c.start] == "the "
                and not run[0].sent_start and run[0].line_mode == 0
            ):
                c.label, c.strength = "ORG", 1  # "the Church said", "the Crown prosecutor": an institution
            else:
                c.label = None  # "River", "Government", "Group" alone
        elif len(words) == 1 and words[0].startswith(("Saint-", "Sainte-", "St-", "Ste-", "San-", "Santa-")):
            c.label, c.strength = "LOC", 2  # "Saint-Jean", "Sainte-Foy"
        elif len(words) == 1 and any(ch.isdigit() for ch in words[0]):
            c.label, c.strength = "MISC", 1  # "IE6", "STS-135": products and codes
        elif len(words) == 1 and words[0] == "May":
            c.label = None  # the month, unless a title or a full name says otherwise
        elif len(words) == 1 and words[0].endswith("s") and words[0][:-1] in g.misc:
            c.label, c.strength = "MISC", 3  # "Iraqis", "Chechens"
        elif len(words) == 1 and not table and _is_plural_group(words[0], g):
            c.label, c.strength = "MISC", 1  # "Slavs", "MPs", "GIFs": groups and plural nouns, not one entity
        elif all(w in g.misc or (w.endswith("s") and w[:-1] in g.misc) for w in words):
            c.label, c.strength = "MISC", 3  # "Iraqi Kurds", "Latin American"
        elif len(words) >= 2 and any(w in g.places for w in words) and not all(
            w in g.places or w in _COMPASS for w in words
        ) and words[0] not in g.first:
            c.label, c.strength = "ORG", 1  # "Environment Canada", "Air France", "Real Madrid"
        elif len(words) == 1 and _DEMONYM_RE.search(words[0]) and words[0] not in g.first and (
            words[0].rstrip("s") in g.misc or words[0] not in g.surnames
        ):
            c.label, c.strength = "MISC", 2
        elif len(words) >= 2 and (words[0] in g.first or _is_initial(words[0])) and words[-1] not in g.places:
            c.label, c.strength = "PER", 2
        elif len(words) >= 2 and words[-1] in SUFFIXES:
            c.label, c.strength = "PER", 2
        else:
            after = text[c.end : c.end + 14].lstrip(" ,")
            cue = _context_cue(text, c.start, c.end)
            prep = text[max(0, c.start - 8) : c.start].split()
            if cue:
                c.label, c.strength = cue, 1
            elif after.startswith(PER_AFTER):
                c.label, c.strength = "PER", 1
            elif len(run) == 1 and run[0].text.isupper() and len(run[0].text) >= 2 and run[0].line_mode != 2:
                c.label, c.strength = "ORG", 1  # an acronym in running text: "NYMEX", "LIFFE"
            elif prep and prep[-1] in _LOC_PREPS and words[0] not in g.first and len(words) <= 3:
                c.label, c.strength = "LOC", 1  # "at Headingley", "in Tavildara"
            elif len(words) == 1 and (words[0] in g.surnames or words[0] in g.first) and (
                words[0].lower() not in g.common or words[0] in g.proper
            ):
                c.label, c.strength = "PER", 1
            elif len(words) >= 2 and all(w in g.surnames or w in g.first or w in PARTICLES for w in words):
                c.label, c.strength = "PER", 1
            else:
                before = text[max(0, c.start - 6) : c.start].split()
                if before and before[-1] in LOC_BEFORE and len(words) <= 2:
                    c.label, c.strength = "LOC", 1
                elif len(words) >= 3:
                    c.label, c.strength = "ORG", 0
                elif len(words) == 2:
                    name_like = not any(w.lower() in g.common for w in words)
                    c.label, c.strength = ("PER" if name_like else "ORG"), 0
                elif _TOPONYM_RE.search(words[0]):
                    c.label, c.strength = "LOC", 0
                else:
                    prev = before[-1] if before else ""
                    if prev in ("the", "The", "of"):
                        c.label, c.strength = "ORG", 0
                    elif words[0].lower() in g.common or words[0].rstrip("s").lower() in g.common:
                        c.label, c.strength = "MISC", 0  # "Explorer", "Polaroids": products and works, not people
                    else:
                        c.label, c.strength = "PER", 0
    return c


_SURNAME_KEYWORDS = frozenset("Hill Park Hall Ford Banks Bridge Brooks Wells Lane Fields Field Moore Street Lake".split())
_INSTITUTIONS = frozenset("Church Crown State Administration Court Army Navy Police Ministry".split())
_COMPASS = frozenset(
    "North South East West Northern Southern Eastern Western Central Upper Lower Greater Inner Outer Northeast Northwest"
    " Southeast Southwest Northeastern Northwestern Southeastern Southwestern Far Near Middle".split()
)
_TOPONYM_RE = re.compile(
    r"(?:[^aeiou]ia|land|stan|shire|burg|burgh|borough|bury|ville|grad|pur|abad|polis|sk|ovo|evo|ino|heim|hausen)$"
)
_DEMONYM_RE = re.compile(r"(?:ians?|eans?|ese|ish|anis?|ites?|ic|ch|ists?)$")


_TEAM_VERB_AFTER = re.compile(
    r"\s+(?:defeated|beat|beats|drew|draw|lost|edged|thrashed|routed|overcame|eliminated|knocked out|scored|lead|led)\b"
)
_TEAM_VERB_BEFORE = re.compile(r"\b(?:defeated|beat|beats|against|vs\.?|v\.?|over|drew with|lost to|knocked out)\s+$")
_SCORE_RE = re.compile(r"\b\d{1,2}\s?[–-]\s?\d{1,2}\b")


def _team_context(text: str, start: int, end: int) -> bool:
    """A country acting as a sports team: a match verb next to it and a score in the sentence."""
    after = text[end : end + 30]
    before = text[max(0, start - 25) : start]
    if not (_TEAM_VERB_AFTER.match(after) or _TEAM_VERB_BEFORE.search(before)):
        return False
    a = text.rfind("\n", 0, start) + 1
    b = text.find("\n", end)
    return bool(_SCORE_RE.search(text, a, b if b >= 0 else len(text)))


#: Lowercase nouns right before a name that say what it is ("carmaker Hyundai", "striker Ian Wright").
_ORG_BEFORE = frozenset(
    """company firm group carmaker automaker maker bank lender insurer airline carrier retailer club side team outfit
    newspaper daily agency broadcaster network party rival unit subsidiary conglomerate manufacturer producer
    operator giant brewer chain supplier developer publisher studio label distributor exporter importer""".split()
)
_PER_BEFORE = frozenset(
    """striker midfielder defender goalkeeper forward coach manager captain player minister president spokesman
    spokeswoman spokesperson chairman chairwoman leader actor actress singer writer author director colleague wife
    husband son daughter brother sister father mother uncle aunt rebel dissident lawyer attorney judge senator
    secretary chancellor premier governor mayor ambassador envoy commander general officer analyst economist
    trader dealer official teammate opponent champion rider driver batsman bowler pitcher winger""".split()
)
#: Lowercase words right after an organisation ("Pirelli shares", "Hyundai said in a statement").
_ORG_AFTER = frozenset("shares stock stocks profit profits earnings revenue revenues sales shareholders".split())


def _context_cue(text: str, start: int, end: int) -> str | None:
    before = text[max(0, start - 16) : start].split()
    if before:
        w = before[-1].lower()
        if w in _ORG_BEFORE:
            return "ORG"
        if w in _PER_BEFORE:
            return "PER"
    after = text[end : end + 16].lstrip(" '’s").split()
    if after and after[0] in _ORG_AFTER:
        return "ORG"
    return None


def _is_plural_group(w: str, g: Gazetteers) -> bool:
    if len(w) < 4 or not w.endswith("s") or w.endswith(("ss", "us", "is")):
        return False
    stem = w[:-1]
    if stem.isupper() and len(stem) >= 2:
        return True  # "MPs", "HFCs"
    return w not in g.surnames and w not in g.first and w not in g.places and w not in g.orgs and w[1:].islower()


def _is_initial(w: str) -> bool:
    return len(w) == 2 and w[1] == "." and w[0].isupper()


# ---------------------------------------------------------------------------
# Document-level consistency (shared with the spaCy backend)
# ---------------------------------------------------------------------------


def consistency(text: str, cands: list[_Cand]) -> list[_Cand]:
    """One string, one type; a person's surname is that person."""
    g = gazetteers()
    for c in cands:
        if not c.text:
            c.text = text[c.start : c.end]
    cands = _split_known_people(cands, g)
    # person name parts
    person_parts: set[str] = set()
    for c in cands:
        if c.label == "PER" and c.strength >= 2 and len(c.toks) >= 2:
            toks = [t for t in c.toks if t not in SUFFIXES and not _is_initial(t) and t[0].isupper()]
            toks = [t for t in toks if t not in g.misc and t not in g.places and t not in g.orgs]
            if toks:
                person_parts.add(toks[-1])
                if toks[0] not in g.first and toks[0].lower() not in g.common:
                    person_parts.add(toks[0])  # "Xi Jinping" -> "Xi"
    # votes per string
    votes: dict[str, Counter[str]] = {}
    best: dict[str, tuple[int, str]] = {}
    for c in cands:
        if c.label is None:
            continue
        key = c.text
        votes.setdefault(key, Counter())[c.label] += 1 + c.strength
        if c.strength >= best.get(key, (-1, ""))[0]:
            if c.strength > best.get(key, (-1, ""))[0] or c.label == "PER":
                best[key] = (c.strength, c.label)
    teams = {c.text for c in cands if c.table and c.label == "ORG"}
    # the first word of an organisation's name stands for it ("Hyundai Motor Co" ... "Hyundai")
    org_heads = {
        c.toks[0] for c in cands
        if c.label == "ORG" and c.strength >= 3 and len(c.toks) >= 2 and c.toks[0] not in g.first
        and c.toks[0] not in g.places and c.toks[0] not in g.misc and c.toks[0].lower() not in g.common
    }
    # a name that takes "the" somewhere in the article is not a person ("the Scientology organization")
    with_the = {
        c.text for c in cands
        if c.strength <= 1 and len(c.toks) == 1 and text[max(0, c.start - 4) : c.start] == "the "
    }
    for c in cands:
        if c.label is None:
            if len(c.toks) == 1 and c.toks[0] in person_parts and not _MONTH_BEFORE_RE.search(
                text, max(0, c.start - 8), c.start
            ) and not _MONTH_AFTER_RE.match(text, c.end):
                c.label = "PER"  # "May" after "Theresa May", but not "in May 2019"
            continue
        if c.text in teams and c.label == "LOC":
            c.label, c.table = "ORG", True  # a team of the results table, named after its town
            continue
        if len(c.toks) == 1 and c.toks[0] in person_parts and c.strength < 3:
            c.label = "PER"
            continue
        if len(c.toks) == 1 and c.toks[0] in person_parts and c.strength == 3 and c.label != "PER":
            # a known place/org that is also the surname of someone in the story ("Jordan")
            if c.toks[0] not in g.places and c.toks[0] not in g.orgs:
                c.label = "PER"
                continue
        if c.table:
            continue
        b = best.get(c.text)
        if b and b[0] >= 2 and b[0] > c.strength:
            c.label = b[1]
        elif c.strength <= 1:
            v = votes[c.text].most_common(1)
            if v:
                c.label = v[0][0]
            if len(c.toks) == 1 and c.text in org_heads and c.toks[0] not in person_parts:
                c.label = "ORG"
            if c.label == "PER" and c.text in with_the and c.toks[0] not in person_parts:
                c.label = "ORG"
    return cands


def _split_known_people(cands: list[_Cand], g: Gazetteers) -> list[_Cand]:
    """Cut a person found elsewhere in the article off a longer span ("United States Hamdullah Mohib")."""
    people = {c.toks for c in cands if c.label == "PER" and c.strength >= 2 and len(c.toks) >= 2}
    if not people:
        return cands
    out: list[_Cand] = []
    for c in cands:
        if c.label != "PER" and len(c.toks) >= 3 and " of " not in c.text:
            for k in range(1, len(c.toks) - 1):
                tail = c.toks[k:]
                if tail in people:
                    cut = c.text.rfind(" ".join(tail))
                    if cut > 0:
                        head = c.text[:cut].rstrip()
                        label = "LOC" if head in g.places else "MISC" if head in g.misc else c.label
                        out.append(_Cand(c.start, c.start + len(head), head, label, 0, c.toks[:k]))
                        out.append(_Cand(c.start + cut, c.end, c.text[cut:], "PER", 2, tail))
                        break
            else:
                out.append(c)
        else:
            out.append(c)
    return out


def normalise_spans(text: str, spans: list[tuple[int, int, str]]) -> list[_Cand]:
    """Normalise foreign spans (spaCy): drop leading "the" and titles, trailing "'s"."""
    out: list[_Cand] = []
    for s, e, label in spans:
        seg = text[s:e]
        low = seg.lower()
        if low.startswith("the "):
            s += 4
        while e > s and text[e - 1] in " .,;:":
            if text[e - 1] == "." and text[s:e].split()[-1] in ABBREVIATIONS | {"U.S.", "U.K.", "D.C."}:
                break
            e -= 1
        if text[s:e].endswith(("'s", "’s")):
            e -= 2
        elif e > s and text[e - 1] in "'’":
            e -= 1
        words = text[s:e].split()
        if label == "PER":
            i = 0
            while i < len(words) - 1 and words[i] in TITLES:
                i += 1
            if i:
                s = text.index(words[i], s + sum(len(w) for w in words[:i]))
                words = words[i:]
        if e <= s or not words:
            continue
        out.append(_Cand(s, e, text[s:e], label, 3, tuple(words)))
    return out
