"""Quotations and their speakers, by rules (no model).

Two steps over the text, both cheap (regular expressions, then a little work
around each quote):

1. **Quote spans.**  Double quote marks (straight ``"``, curly ``“ ”``, ``„``,
   guillemets) are classified as opening, closing or ambiguous from the mark
   itself and the characters on either side, then paired within a paragraph
   (a line).  A quotation that runs over several paragraphs (the opening mark
   repeated at the start of each paragraph, no closing mark before the last
   one) becomes one span; so does a quote broken by a hard line wrap.  Single
   quote marks inside a double quote are nested quotes and are left alone;
   top-level single-quoted passages (British style, ``‘...’``) are kept only
   when they look like speech (three words or more and a speaker, or closing
   punctuation inside), so apostrophes (``don’t``, ``’90s``, ``students’``)
   and scare quotes are not mistaken for quotations.

2. **Speakers.**  In order of preference:

   * an attribution right after the quote: ``“...,” Xi said`` / ``“...,”
     said Putin`` / ``“...,” according to X`` / ``“...,” Ann Vole, the
     ranking member, said`` / ``“...” ― Jane Doe`` / ``“...” for now, she
     said``;
   * a reporting verb earlier in the sentence and its subject: ``Xi said:
     “...”``, ``Trump said Clinton was “...”``, ``Xi referred to Putin as a
     “...”``, ``X, who said “...”``, ``X ... and said “...”``, ``..., saying
     “...”`` (the verb right before the quote first, else the sentence's
     first reporting verb, which is the outer attribution);
   * a previous paragraph ending in a colon (``Trump said:``), or a previous
     sentence ending in an attribution (``..., Schiff said. “...”``);
   * the previous quote's speaker when the quote continues it (same
     sentence, a new sentence of the same paragraph, or a paragraph that is
     only more quotation right after a quoted paragraph);
   * a person who is the subject of the quote's sentence (``Trump attacked
     “the hateful ideology ...”``), when the entity recogniser knows the name.

   The speaker *mention* (``speaker_start``/``speaker_end``) is a span of the
   text: a pronoun (``He``), a name (``Xi``, ``Sen. Ted Cruz``) or a noun
   phrase (``a campaign aide``); it is found from the text itself, so it
   works without entities.  The speaker *name* is resolved through the
   entities and groups when there are some (``Entity.group`` ->
   ``EntityGroup.name``, a one-word name widened to the full name of a
   person group); a pronoun (``he``/``she``) resolves to a gender-compatible
   person in the most recent sentence that mentions one, preferring the
   first (the subject), and skipping people named inside quotations.
   ``Quote.group`` is the speaker's entity group id when there is one.

Quotes in Title Case without an attribution right beside them ("Face the
Nation", a print called "Cowboys and Indians") are titles, not speech, and
are left out.  Short quotes (one or two words) without a speaker are scare
quotes: they are returned with ``speaker=None`` so a viewer can show them
differently.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace, dataclass

from reader.model import Entity, EntityGroup, Quote

# ---------------------------------------------------------------------------
# Quote marks
# ---------------------------------------------------------------------------

_DOUBLE_MARKS = '"\u201c\u201d\u201e\u201f\u00ab\u00bb'
_SINGLE_MARKS = "'\u2018\u2019\u201a\u201b\u2039\u203a"
_ALL_MARKS = _DOUBLE_MARKS + _SINGLE_MARKS
_DOUBLE_RE = re.compile('["\u201c\u201d\u201e\u201f\u00ab\u00bb]')
_SINGLE_RE = re.compile("['\u2018\u201b\u2039]")
#: Characters after which a single mark may open a quote (besides line start).
_BEFORE_SINGLE = frozenset(" \t\n\u00a0([{\u2014\u2013:")

#: Characters after which a mark opens a quote (besides whitespace / line start).
_BEFORE_OPEN = set("([{\u2014\u2013-/:") | set(_ALL_MARKS)
#: Characters before which a mark closes a quote (besides whitespace / line end).
_AFTER_CLOSE = set(".,;:!?)]}\u2014\u2013-\u2026/") | set(_ALL_MARKS)

OPEN, CLOSE, AMBIGUOUS = 1, 2, 3

#: Elisions that start with an apostrophe: not opening quote marks.
_ELISIONS = re.compile(r"(?:\d0s|\d\ds?\b|em\b|n\b|til\b|cause\b|bout\b|tis\b|twas\b)", re.I)


def _double_kind(text: str, pos: int) -> int:
    ch = text[pos]
    prev = text[pos - 1] if pos else "\n"
    nxt = text[pos + 1] if pos + 1 < len(text) else "\n"
    left = (prev.isspace() or prev in _BEFORE_OPEN) and not nxt.isspace()
    right = not prev.isspace() and (nxt.isspace() or nxt in _AFTER_CLOSE)
    if ch == "\u201e":
        return OPEN  # German / Polish low opening mark
    if ch == "\u00ab":  # French « text » (spaces inside); German »text« reversed
        return CLOSE if not prev.isspace() and prev not in "(\n" and (nxt.isspace() or nxt in _AFTER_CLOSE) else OPEN
    if ch == "\u00bb":
        return OPEN if (prev.isspace() or prev in "(") and nxt.isalnum() else CLOSE
    if ch in "\u201c\u201f":
        return CLOSE if right and not left else OPEN
    if ch == "\u201d":
        return OPEN if left and not right else CLOSE
    if left and not right:
        return OPEN
    if right and not left:
        return CLOSE
    return AMBIGUOUS


def _line_bounds(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, (len(text) if end < 0 else end)


def _pair_doubles(text: str) -> list[tuple[int, int, bool]]:
    """Quote spans ``(start, end, multi)`` (marks included), paired per paragraph.

    ``multi`` is True for a quotation continued over paragraphs or lines.  A
    quote of the other style inside an open one (curly marks inside a
    straight-quoted passage, or the reverse) is a quote within the quote and
    is not returned on its own.
    """
    spans: list[tuple[int, int, bool]] = []
    open_pos = -1
    open_style = ""
    nested = ""  # style of a quote nested in the open one
    open_line_end = -1  # end of the line the open quote currently reaches
    multi = False
    for m in _DOUBLE_RE.finditer(text):
        pos = m.start()
        kind = _double_kind(text, pos)
        style = "s" if text[pos] == '"' else "c"
        if open_pos >= 0 and pos > open_line_end:
            # The open quote reached the end of its line: does it go on?
            nested = ""
            ls = open_line_end + 1
            gap = text[open_line_end:pos]
            first_in_line = text.rfind("\n", 0, pos) + 1
            at_line_start = text[first_in_line:pos].strip() == ""
            if at_line_start and kind != CLOSE and "\n" not in text[ls:pos].strip():
                # next paragraph opens with a quote mark: a continued quotation
                open_line_end = _line_bounds(text, pos)[1]
                multi = True
                continue
            if gap.count("\n") == 1 and (
                (kind != OPEN and open_line_end - text.rfind("\n", 0, open_line_end) <= 120 and pos - ls <= 300)
                or (kind == CLOSE and pos - ls <= 600)
            ):
                multi = True  # a hard-wrapped line: keep pairing
            else:
                open_pos = -1
        if open_pos < 0:
            if kind != CLOSE:
                open_pos, open_style, nested = pos, style, ""
                open_line_end = _line_bounds(text, pos)[1]
                multi = False
            continue
        if nested:
            if style == nested:
                if kind != OPEN:
                    nested = ""
                continue
            if kind == OPEN:
                continue
            nested = ""  # the outer quote closes: the nested opening was stray
        elif kind == OPEN:
            if style != open_style:
                nested = style  # a quote inside the quote
                continue
            open_pos = pos  # the previous opening mark was never closed
            open_line_end = _line_bounds(text, pos)[1]
            multi = False
            continue
        elif style != open_style and kind == AMBIGUOUS:
            nested = style
            continue
        spans.append((open_pos, pos + 1, multi))
        open_pos = -1
        multi = False
    return spans


def _pair_singles(text: str, taken: list[tuple[int, int, bool]]) -> list[tuple[int, int]]:
    """Top-level single-quoted passages (outside double quotes), apostrophes skipped."""
    out: list[tuple[int, int]] = []
    starts = [s for s, _, _ in taken]
    for m in _SINGLE_RE.finditer(text):
        pos = m.start()
        if pos and text[pos - 1] not in _BEFORE_SINGLE or not text[pos + 1 : pos + 2].isalnum():
            continue
        i = bisect.bisect_right(starts, pos) - 1
        if i >= 0 and taken[i][1] > pos:
            continue  # nested inside a double quote
        if out and out[-1][1] > pos:
            continue
        if text[pos] == "'" or text[pos] == "\u2019":
            if _ELISIONS.match(text, pos + 1):
                continue
        elif _ELISIONS.match(text, pos + 1) and text[pos + 1].isdigit():
            continue
        line_end = _line_bounds(text, pos)[1]
        j = pos + 1
        close = -1
        while True:
            k1 = text.find("\u2019", j, line_end)
            k2 = text.find("'", j, line_end) if text[pos] == "'" else -1
            cands = [k for k in (k1, k2) if k >= 0]
            if not cands:
                break
            k = min(cands)
            nxt = text[k + 1] if k + 1 < len(text) else "\n"
            prev = text[k - 1]
            if prev.isspace() or nxt.isalnum():
                j = k + 1  # an apostrophe inside a word ("don’t", "’90s")
                continue
            if prev in "sS" and nxt == " " and k + 2 < len(text) and text[k + 2].islower():
                j = k + 1  # a plural possessive ("the students’ union")
                continue
            close = k
            break
        if close < 0:
            continue
        if _DOUBLE_RE.search(text, pos, close):
            continue
        out.append((pos, close + 1))
    return out


# ---------------------------------------------------------------------------
# Words and sentences
# ---------------------------------------------------------------------------

_TOKEN_RE = re.compile(r"\w+(?:[-\u2019'.&]\w+)*|[^\w\s]")

_REPORT_VERBS = frozenset(
    """
    say says said saying tell tells told telling add adds added adding ask asks asked asking
    write writes wrote writing stated declare declares declared explain explains explained
    note notes noted argue argues argued claim claims claimed insist insists insisted continue continues
    continued recall recalls recalled warn warns warned acknowledge acknowledges acknowledged admit admits
    admitted announce announces announced answer answers answered respond responds responded reply replies
    replied remark remarks remarked observe observes observed suggest suggests suggested tweet tweets
    tweeted post posts posted joke jokes joked quip quips quipped concede concedes conceded complain
    complains complained contend contends contended counter counters countered caution cautions cautioned
    emphasize emphasizes emphasized emphasised stress stresses stressed predict predicts predicted promise
    promises promised pledge pledges pledged vow vows vowed urge urges urged call calls called describe
    describes described refer refers referred testify testifies testified boast boasts boasted charge
    charges charged wonder wonders wondered muse muses mused shout shouts shouted yell yells yelled
    reiterate reiterates reiterated repeat repeats repeated maintain maintains maintained conclude
    concludes concluded lament laments lamented brag brags bragged tout touts touted dub dubs dubbed
    label labels labeled labelled brand brands branded denounce denounces denounced criticize criticizes
    criticized praise praises praised blast blasts blasted slam slams slammed accuse accuses accused
    thank thanks thanked liken likens likened laud lauds lauded scold scolds scolded dismiss
    dismisses dismissed mock mocks mocked ridicule ridiculed hail hails hailed decry decries decried
    lambaste lambasted chide chides chided deride derided cite cites cited quote quotes quoted
    echo echoes echoed concede interrupt interrupted summarize summarized summed
    confirm confirms confirmed deny denies denied allege alleges alleged demand
    demands demanded proclaim proclaims proclaimed retort retorts retorted scoff scoffs scoffed
    report reports reported reads read assert asserts asserted opine opines opined affirm affirms
    affirmed mention mentions mentioned agree agrees agreed worry worries worried hint hints hinted
    reason reasons reasoned recount recounts recounted whisper whispers whispered cry cries cried
    characterize characterizes characterized characterise characterised calling describing
    adding noting arguing explaining insisting warning stating declaring telling writing asking
    claiming
    """.split()
)


def _ing_forms(words: frozenset[str]) -> frozenset[str]:
    out = set()
    for w in words:
        if w.endswith(("s", "ed", "ing")) or w in ("said", "told", "wrote", "read", "reads"):
            continue
        out.add(w[:-1] + "ing" if w.endswith("e") and not w.endswith("ee") else w + "ing")
    out |= {"quipping", "slamming", "bragging", "dubbing", "labelling", "referring"}
    return frozenset(out)


_REPORT_VERBS = _REPORT_VERBS | _ing_forms(_REPORT_VERBS) | frozenset(
    "sing sings sang singing ruled".split()
)

#: Verbs that may come before the speaker after a quote ("...," said Putin).
_INVERT_VERBS = frozenset(
    """
    say says said add adds added ask asks asked write writes wrote continue continues continued
    explain explains explained note notes noted recall recalls recalled argue argues argued insist
    insists insisted reply replies replied respond responds responded tweet tweets tweeted declare
    declares declared state states stated conclude concludes concluded warn warns warned joke jokes
    joked quip quips quipped remark remarks remarked observe observes observed counter counters
    countered concede concedes conceded offer offers offered reported reports
    """.split()
)

#: Reporting verbs that are also common nouns ("a series of tweets").
_NOUN_LIKE = frozenset(
    """
    tweet tweets post posts report reports claim claims remark remarks note notes call calls charge
    charges thanks states state reads read answer answers reply replies promise promises pledge
    pledges vow vows demand demands warning warnings counter tout touts label labels brand brands
    praise repeat concerns worry worries reason reasons cry cries testimony writing telling
    """.split()
)
_PASSIVE_BEFORE = frozenset("to be been being was is were are am".split())
_AUX = frozenset("is are was were am has have had will would could should may might can did do does been be".split())

_SUBJ_PRONOUNS = frozenset("he she they we i you it".split())
_PERSON_PRONOUNS = {"he": "m", "she": "f", "him": "m", "her": "f"}

#: Words skipped between a subject and its verb ("Trump also said", "she has repeatedly said").
_BETWEEN = frozenset(
    """
    also has had have would will could later then previously once repeatedly recently often even never
    always again further first last subsequently simply just already since still later earlier
    initially originally frequently famously bluntly reportedly publicly privately flatly specifically
    explicitly separately directly quickly immediately soon now today yesterday tonight finally
    did does do not n't has've
    """.split()
)
_TIME_WORDS = frozenset(
    """
    monday tuesday wednesday thursday friday saturday sunday morning afternoon evening night week
    month year weekend
    """.split()
)
_DETERMINERS = frozenset(
    """
    a an the his her their its our my your this that these those one two three four five several
    many some other another both each every most all any no such
    """.split()
)
#: Words that cannot be inside a speaker noun phrase.
_NP_STOP = frozenset(
    """
    that which who whom whose when where while because although though if unless after before as
    and but or nor so than then to in on at by for with from into onto about over under against
    during without through across between among is are was were be been being am has have had
    do does did will would can could should may might must not n't it there here what how why
    says said say told tells added asked wrote according also even just only still whilst amid
    despite until upon within whether instead rather very too though not nor yet
    """.split()
) | _REPORT_VERBS
_INTRO_WORDS = frozenset(
    """
    in on at during after before speaking meeting asked when while earlier later last at addressing
    writing responding appearing asked pressed interviewed talking testifying campaigning asked
    since following despite with without for as still but and yet so however meanwhile instead
    """.split()
)
_TITLES = frozenset(
    """
    mr mr. mrs mrs. ms ms. miss dr dr. sen sen. rep rep. gov gov. gen gen. lt lt. col col. sgt sgt.
    capt capt. prof prof. rev rev. president senator governor representative congressman
    congresswoman secretary judge justice mayor chairman chairwoman director minister premier
    prime king queen prince princess pope sir dame lord lady ambassador commissioner general
    admiral sheriff attorney vice former deputy chief speaker leader candidate nominee
    """.split()
)
_TITLE_WORDS = frozenset(w.rstrip(".") for w in _TITLES)
_NAME_PARTICLES = frozenset("de del della di da van von der den la le bin al ibn st st. mc".split())
_ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr sen rep gov gen lt col sgt capt prof rev st jr sr inc co corp ltd no vs v u.s u.n
    u.k e.g i.e a.m p.m jan feb mar apr aug sept sep oct nov dec ft mt
    """.split()
)

#: Given names by gender, for "he"/"she": the most frequent US Census 1990 first names
#: (via the MIT-licensed ``names`` package; a name is kept when one gender outnumbers the
#: other three to one) plus names common in international news.
_FEMALE = frozenset(
    """
    abigail ada addie adele adriana adrienne agnes aida aimee alberta alexandra alice alicia alisha
    alison allison alma alyssa amanda amber amelia amy ana andrea angela angelica angelina angie anita
    ann anna anne annette annie antoinette antonia april arlene ashley audrey aurora barbara beatrice
    becky belinda bernadette bernice bertha bessie beth bethany betsy bettie betty beulah beverly billie
    blanca blanche bobbie bonita bonnie brandi brandy brenda bridget brittany brittney brooke caitlin
    camille candace candice candy cara carla carmen carol carole carolina caroline carolyn carrie
    cassandra cassie catherine cathy cecelia cecilia celeste celia charlene charlotte chelsea cheri
    cherie cheryl christa christie christina christine christy cindy claire clara claudia colleen connie
    constance consuelo cora corinne courtney cristina crystal cynthia daisy danielle darla darlene dawn
    deanna debbie debora deborah debra delia della delores deloris dena denise desiree diana diane
    dianna dianne dina dixie dolores donna dora doreen doris dorothea dorothy dorthy ebony edith edna
    effie eileen elaine eleanor elena elisa elisabeth elizabeth ella ellen eloise elsa elsie elva elvira
    emily emma erica erika erin erma ernestine esperanza essie estella estelle esther ethel etta eugenia
    eula eunice eva evelyn faith fannie fay faye felicia fern flora florence frances francine francisca
    freda gail gayle geneva genevieve georgia geraldine gertrude gina ginger gladys glenda gloria goldie
    grace gretchen gwen gwendolyn hannah harriet hattie hazel heather heidi helen helena helene
    henrietta hilda holly hope ida ina inez ingrid irene iris irma isabel iva jacqueline jacquelyn jana
    jane janelle janet janette janice janie janine janis jasmine jean jeanette jeanne jeannette jeannie
    jenifer jenna jennie jennifer jenny jessica jewel jewell jill jillian jo joan joann joanna joanne
    jodi johanna josefina josephine josie joy joyce juana juanita judith judy julia julie june kara
    karen kari karin karla kate katherine kathleen kathryn kathy katie katrina kay kayla kelley kelli
    kellie kelly kelsey kendra kerri kim kimberley kimberly krista kristen kristi kristie kristin
    kristina kristine kristy krystal lana latasha latonya latoya laura laurel lauren laurie laverne leah
    leigh lela lena lenora leona leticia lila lillian lillie linda lindsay lindsey lisa lois lola lora
    lorena lorene loretta lori lorna lorraine lottie louise lourdes lucia lucille lucinda lucy lula luz
    lydia lynda lynette lynn lynne mabel mable madeline mae maggie mamie mandy marcella marcia margaret
    margarita margie marguerite maria marian marianne marie marilyn marina marissa marjorie marla
    marlene marsha marta martha mary maryann mattie maude maureen maxine may megan meghan melanie melba
    melinda melissa melody mercedes meredith michele michelle mildred mindy minnie miranda miriam misty
    molly mona monica monique muriel myra myrna myrtle nadine nancy naomi natalie natasha nell nellie
    nettie nichole nicole nikki nina nora norma ola olga olive olivia opal ora pam pamela patrica
    patrice patricia patsy patti patty paula paulette pauline pearl peggy penny phyllis polly priscilla
    rachael rachel ramona raquel reba rebecca rebekah regina rena renee rhonda rita roberta robin robyn
    rochelle ronda rosa rosalie rosario rose rosemarie rosemary rosetta rosie roxanne ruby ruth sabrina
    sadie sallie sally samantha sandra sandy sara sarah shanna shannon shari sharon shawna sheila shelia
    shelley shelly sheri sherri sherrie sherry sheryl shirley silvia sonia sonja sonya sophia sophie
    stacey stacie stacy stefanie stella stephanie sue susan susie suzanne sylvia tabitha tamara tami
    tamika tammie tammy tanya tara tasha teresa teri terri thelma theresa therese tiffany tina toni
    tonya tracey traci tracie tracy tricia trina trisha trudy valerie vanessa velma vera verna veronica
    vicki vickie vicky victoria viola violet virginia vivian wanda wendy whitney wilma winifred yolanda
    yvette yvonne
    hillary melania ivanka chelsea kellyanne huma condoleezza nikki angela marine ursula kamala
    dianne kirsten tammy maxine carly theresa jacinda giorgia christine kate caitlyn ilhan
    alexandria liz sanna mette annalena aung
    """.split()
)
_MALE = frozenset(
    """
    aaron abraham adam adrian al alan albert alberto alejandro alex alexander alfonso alfred alfredo
    allan allen alton alvin andre andres andrew andy angelo anthony antonio archie armando arnold arthur
    arturo austin barry ben benjamin bennie benny bernard bill billy blake bob bobby brad bradley
    brandon brent brett brian bruce bryan bryant byron caleb calvin cameron carl carlos carlton carroll
    cecil cedric cesar chad charles charlie chester chris christian christopher clarence clark claude
    clayton clifford clifton clint clinton clyde cody colin corey cory craig curtis dale dallas damon
    dan daniel danny darrel darrell darren darryl daryl dave david dean delbert dennis derek derrick
    devin dewey dominic don donald donnie doug douglas doyle drew duane dustin dwayne dwight earl
    earnest ed eddie edgar edmund eduardo edward edwin ellis elmer enrique eric erick erik ernest
    ernesto ervin eugene evan everett felipe felix fernando floyd forrest francis francisco frank
    franklin fred freddie frederick fredrick gabriel garrett garry gary gene geoffrey george gerald
    gerard gerardo gilbert gilberto glen glenn gordon grant greg gregg gregory guillermo gustavo guy
    harold harry harvey hector henry herbert herman homer horace howard hubert hugh hugo ian ignacio ira
    irving isaac ismael israel ivan jack jacob jake james jared jason javier jay jeff jeffery jeffrey
    jeremiah jeremy jermaine jerome jerry jesse jesus jim jimmie jimmy joe joel joey john johnathan
    johnny jon jonathan jonathon jordan jorge jose joseph josh joshua juan julian julio julius justin
    karl keith kelvin ken kenneth kenny kent kevin kirk kristopher kurt kyle lance larry laurence
    lawrence lee leland leo leon leonard leroy lester levi lewis lionel lloyd lonnie loren lorenzo louis
    lowell lucas luis luke luther lyle mack malcolm manuel marc marco marcos marcus mario mark marshall
    martin marty marvin mathew matt matthew maurice max melvin michael micheal miguel mike milton
    mitchell morris myron nathan nathaniel neal neil nelson nicholas nick nicolas noel norman oliver
    omar orlando orville oscar otis owen pablo patrick paul pedro perry pete peter philip phillip
    preston rafael ralph ramon randall randolph randy raul ray raymond reginald rex ricardo richard rick
    rickey ricky robert roberto roderick rodney rodolfo rogelio roger roland ron ronald ronnie roosevelt
    ross roy ruben rudolph rudy rufus russell ryan salvador salvatore sam sammy samuel santiago scott
    sean sergio seth shane shaun shawn sheldon sherman sidney simon spencer stanley stephen steve steven
    stewart stuart sylvester ted terence terrance terrence terry theodore thomas tim timothy todd tom
    tomas tommy tony travis trevor troy tyler tyrone vernon victor vincent virgil wade wallace walter
    warren wayne wendell wesley wilbert wilbur wilfred willard william willie willis wilson wm woodrow
    zachary
    donald barack bernie ted marco jeb mike chris newt rudy reince rand ben bill vladimir xi
    emmanuel boris recep narendra jim tim tom bob rick dick chuck mitch harry corey steve
    olaf volodymyr benjamin justin rishi keir joe shinzo fumio jair luiz lula andres
    mohammed muhammad ahmed ali hassan abdel bashar sergei dmitry alexei hamid nicolas
    oliver charlie
    """.split()
)


class _Tok:
    """A word or punctuation token: its text, offsets and lowercase form."""

    __slots__ = ("text", "start", "end", "low")

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text = text
        self.start = start
        self.end = end
        self.low = text.lower()


def _tokens(text: str, start: int, end: int) -> list[_Tok]:
    return [_Tok(m.group(), m.start(), m.end()) for m in _TOKEN_RE.finditer(text, start, end)]


def _is_cap(tok: _Tok) -> bool:
    return tok.text[:1].isupper()


def _is_word(tok: _Tok) -> bool:
    return tok.text[0].isalnum() or tok.text[0] == "_"


def _abbrev(t: _Tok) -> bool:
    """A token that a following "." abbreviates ("Sen", "G.K", "D-N.C", "J")."""
    return t.low in _ABBREVIATIONS or "." in t.text or (len(t.text) == 1 and t.text.isupper())


def _period_ends(toks: list[_Tok], k: int) -> bool:
    """Whether the "." at ``toks[k]`` ends a sentence (not "Sen." or "D-N.C.")."""
    if k > 0 and _abbrev(toks[k - 1]) and toks[k - 1].end == toks[k].start:
        return False
    if k + 1 < len(toks):
        nxt = toks[k + 1].text
        if nxt in ",)" or nxt[:1].islower():
            return False  # "R-Ky., said", "U.S. officials"
    return True


_SENT_END_RE = re.compile(r"[.!?][\"\u201d\u2019')\]]*\s+(?=[\"\u201c\u2018'(\[]?[A-Z0-9])")


def _sentence_start(text: str, lo: int, pos: int) -> int:
    """Start of the sentence holding ``pos`` (not before ``lo``)."""
    best = lo
    for m in _SENT_END_RE.finditer(text, max(lo, pos - 600), min(len(text), pos + 3)):
        if m.end() > pos:
            break
        # Abbreviations and initials ("Mr.", "U.S.", "J.") do not end sentences.
        if text[m.start()] == ".":
            w = text.rfind(" ", lo, m.start()) + 1
            word = text[max(w, lo) : m.start()].lower().lstrip("(\"\u201c")
            if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()) or "." in word:
                continue
        best = m.end()
    return best


# ---------------------------------------------------------------------------
# Speaker mentions found in the text
# ---------------------------------------------------------------------------


def _name_back(toks: list[_Tok], i: int) -> int:
    """First index of a capitalised name ending at ``toks[i]``."""
    j = i
    while j > 0:
        t = toks[j - 1]
        low = t.low
        if _is_word(t) and (_is_cap(t) or low in _NAME_PARTICLES) and low not in _INTRO_WORDS:
            j -= 1
            continue
        if low == "of" and j - 2 >= 0 and _is_cap(toks[j - 2]) and _is_cap(toks[j]):
            j -= 1  # "Secretary of State John Kerry"
            continue
        p2 = toks[j - 2] if j >= 2 else None
        if t.text == "." and p2 is not None and _abbrev(p2) and _is_cap(p2) and p2.end == t.start:
            j -= 2  # "Sen. Ted Cruz", "G.K. Butterfield"
            continue
        break
    while j < i and toks[j].low in _NAME_PARTICLES:
        j += 1
    return j


def _subject_before(toks: list[_Tok], i: int, depth: int = 0) -> tuple[int, int] | None:
    """The subject noun phrase ending at or before ``toks[i]`` (the word before a verb).

    Returns token indices ``(first, last)`` or None.
    """
    while i >= 0 and (toks[i].low in _BETWEEN or toks[i].low in _AUX or _adverb(toks[i])):
        i -= 1
    # A time phrase between subject and verb: "Trump on Tuesday said", "Clinton last week said".
    if i >= 1 and toks[i].low in _TIME_WORDS:
        i -= 1
        while i >= 0 and toks[i].low in ("on", "last", "this", "late", "early"):
            i -= 1
    if i >= 1 and toks[i].text == ")":
        # "Rep. Gwen Moore (D-Wis.) said"
        k = i - 1
        while k >= 0 and toks[k].text != "(" and i - k < 12:
            k -= 1
        if k >= 1 and toks[k].text == "(":
            i = k - 1
    if i < 0:
        return None
    t = toks[i]
    low = t.low
    if low in _SUBJ_PRONOUNS:
        return (i, i)
    if low in ("who", "which", "that") and i > 0:
        k = i - 1
        if toks[k].text == ",":
            k -= 1
        if k >= 0 and depth < 2:
            return _subject_before(toks, k, depth + 1)
        return None
    if t.text == ",":
        # "Trump, the Republican nominee, said": skip the appositive back to its comma.
        k = i - 1
        n = 0
        while k >= 0 and toks[k].text != "," and n < 14:
            if toks[k].text in ".;:\"\u201c\u201d":
                return None
            k -= 1
            n += 1
        if k >= 1 and toks[k].text == "," and depth < 2:
            inner = _subject_before(toks, k - 1, depth + 1)
            if inner is not None:
                return inner
        # no comma before: the appositive itself may be the subject ("Speaking Tuesday, Trump, said")
        return None
    if not _is_word(t) or low in _NP_STOP:
        return None
    if _is_cap(t) and low not in _DETERMINERS:
        j = _name_back(toks, i)
        # "Trump campaign manager Kellyanne Conway": stop at the name, keep it.
        if j >= 2 and toks[j - 1].low == "and" and _is_cap(toks[j - 2]) and toks[j - 2].low not in _INTRO_WORDS:
            j = _name_back(toks, j - 2)  # "Xi and Putin pledged": both speak
        return (j, i)
    if low in _DETERMINERS:
        return None
    # A lowercase head noun: extend back to a determiner or a possessor.
    j = i
    n = 0
    while j > 0 and n < 6:
        p = toks[j - 1]
        pl = p.low
        if not _is_word(p):
            break
        if pl in _DETERMINERS:
            j -= 1
            break
        if pl.endswith(("\u2019s", "'s")):
            j = _name_back(toks, j - 1) if _is_cap(p) else j - 1
            break
        if pl in _NP_STOP or pl in _SUBJ_PRONOUNS:
            break
        j -= 1
        n += 1
    return (j, i)


def _np_after(toks: list[_Tok], i: int) -> tuple[int, int] | None:
    """The noun phrase starting at ``toks[i]`` (after an inverted verb or "according to")."""
    if i >= len(toks):
        return None
    t = toks[i]
    if t.low in _SUBJ_PRONOUNS or t.low in ("him", "her", "them"):
        return (i, i)
    if not _is_word(t) or t.low in _NP_STOP:
        return None
    j = i
    n = 0
    while j + 1 < len(toks) and n < 9:
        nx = toks[j + 1]
        if nx.text == "." and j + 2 < len(toks) and _abbrev(toks[j]) and _is_cap(toks[j + 2]):
            j += 1  # "Rep. G.K. Butterfield"
            continue
        if not _is_word(nx):
            break
        if nx.low == "of":
            # "the director of the FBI", "Secretary of State"
            if not (j + 2 < len(toks) and (_is_cap(toks[j + 2]) or toks[j + 2].low == "the")):
                break
        elif nx.low in _NP_STOP:
            break
        j += 1
        n += 1
    return (i, j)


def _cap_run(toks: list[_Tok], i: int, stop: int) -> int:
    """Last index of the run of capitalised words (and name particles) from ``toks[i]``."""
    j = i
    while j + 1 < stop:
        nx = toks[j + 1]
        if nx.text == "." and j + 2 < stop and _abbrev(toks[j]) and _is_cap(toks[j + 2]):
            j += 2  # "Sen. Bernie Sanders"
        elif _is_word(nx) and (_is_cap(nx) or nx.low in _NAME_PARTICLES):
            j += 1
        else:
            break
    return j


def _sentence_subject(toks: list[_Tok], stop: int) -> tuple[int, int] | None:
    """The subject at the start of a sentence (after an introductory phrase)."""
    i = 0
    if i < stop and (toks[0].low in _INTRO_WORDS or toks[0].low.endswith("ing")):
        for k in range(min(stop, 25)):
            if toks[k].text == ",":
                i = k + 1
                break
        else:
            return None
    while i < stop and not _is_word(toks[i]):
        i += 1
    if i >= stop:
        return None
    t = toks[i]
    if t.low in _SUBJ_PRONOUNS:
        return (i, i)
    if _is_cap(t) and t.low not in _DETERMINERS and t.low not in _NP_STOP:
        j = _cap_run(toks, i, stop)
        # "Democratic presidential nominee Hillary Clinton": lowercase titles, then the name
        # (but not "Obama condemned Friday's test": a verb is no title).
        k = j + 1
        while k < stop and k - j <= 3 and _is_word(toks[k]) and toks[k].text.islower() and toks[k].low not in _NP_STOP:
            if toks[k].low.endswith("ed") or toks[k].low in _COMMON_VERBS:
                break
            k += 1
        if k > j + 1 and k < stop and _is_word(toks[k]) and _is_cap(toks[k]):
            end = _cap_run(toks, k, stop)
            if not toks[end].low.endswith(("\u2019s", "'s")) and toks[end].low not in _TIME_WORDS:
                j = end
        if toks[j].low.endswith(("\u2019s", "'s")):
            return None
        return (i, j)
    if t.low in _DETERMINERS:
        j = i
        while j + 1 < stop and _is_word(toks[j + 1]) and toks[j + 1].low not in _NP_STOP and j - i < 6:
            nl = toks[j + 1].low
            if j > i and (nl.endswith("ed") or nl in _COMMON_VERBS):
                break  # "The analyst went on": the noun phrase ends before its verb
            j += 1
        return (i, j) if j > i else None
    return None


# ---------------------------------------------------------------------------
# Speaker resolution
# ---------------------------------------------------------------------------


class _Resolver:
    """Maps speaker mentions to canonical names through entities and groups."""

    def __init__(
        self, text: str, entities: list[Entity], groups: list[EntityGroup], quoted: list[tuple[int, int]] = ()
    ) -> None:
        self.text = text
        # People named inside quotations are not the antecedents of a speaker's "he"/"she".
        self.quoted = list(quoted)
        self.quoted_starts = [q[0] for q in self.quoted]
        self.entities = sorted(entities, key=lambda e: e.start)
        self.starts = [e.start for e in self.entities]
        self.groups = {g.id: g for g in groups}
        self.speakers: list[tuple[int, str, int | None, str]] = []  # (pos, name, group, gender)
        # A one-word person name ("Xi") stands for the full name seen elsewhere ("Xi Jinping").
        full: dict[str, set[str]] = {}
        for g in groups:
            parts = g.name.split()
            if g.label == "PER" and len(parts) > 1:
                full.setdefault(parts[-1], set()).add(g.name)
                full.setdefault(parts[0], set()).add(g.name)
        self._full = {k: next(iter(v)) for k, v in full.items() if len(v) == 1}
        # Gender of each person group, from first names and titles ("Mr.", "Mrs.") on any mention.
        self._gender: dict[int, str] = {}
        for e in self.entities:
            if e.label != "PER" or self._gender.get(e.group):
                continue
            g = _name_gender(self.group_name(e)[0]) or _name_gender(e.text or text[e.start : e.end])
            if not g:
                g = _title_gender(_word_before(text, e.start))
            if e.group >= 0:
                self._gender[e.group] = g
            else:
                self._gender[-1 - e.start] = g

    def group_name(self, e: Entity) -> tuple[str, int | None]:
        g = self.groups.get(e.group)
        name = g.name if g is not None else (e.text or self.text[e.start : e.end])
        if e.label == "PER" and " " not in name:
            name = self._full.get(name, name)
        return name, (g.id if g is not None else None)

    def gender(self, e: Entity) -> str:
        return self._gender.get(e.group if e.group >= 0 else -1 - e.start, "")

    def overlapping(self, start: int, end: int) -> list[Entity]:
        i = bisect.bisect_left(self.starts, start)
        while i > 0 and self.entities[i - 1].end > start:
            i -= 1
        out = []
        while i < len(self.entities) and self.entities[i].start < end:
            if self.entities[i].end > start:
                out.append(self.entities[i])
            i += 1
        return out

    def name(self, start: int, end: int) -> tuple[str | None, int | None, str]:
        """(canonical name, group id, gender) of a name or noun-phrase mention."""
        ents = self.overlapping(start, end)
        pers = [e for e in ents if e.label == "PER"]
        text = self.text[start:end]
        if pers:
            e = pers[-1]
            name, gid = self.group_name(e)
            return name, gid, self.gender(e)
        words = text.split()
        head_lower = bool(words) and (words[-1][:1].islower() or words[0].lower() in _DETERMINERS)
        if ents and not head_lower:
            e = ents[-1]
            name, gid = self.group_name(e)
            return name, gid, ""
        clean = _strip_title(text)
        words = clean.split()
        lower = [k for k, w in enumerate(words) if w[:1].islower()]
        if lower and lower[-1] + 1 < len(words):
            clean = " ".join(words[lower[-1] + 1 :])  # "Democratic presidential nominee Hillary Clinton"
            clean = _strip_title(clean)
        if not head_lower and clean:
            # A surname seen before in full: "Clinton" -> "Hillary Clinton".
            last = clean.split()[-1]
            for _, nm, gid, gen in reversed(self.speakers):
                if nm.split()[-1] == last and len(nm) > len(clean):
                    return nm, gid, gen
            return clean, None, _name_gender(clean) or _title_gender(text)
        return text, None, ""

    def pronoun(self, pos: int, pron: str) -> tuple[str | None, int | None]:
        """The person a "he" / "she" at ``pos`` refers to (the organisation, for "it").

        The most recent sentence (this one or an earlier one) that mentions
        a gender-compatible person; in it, the first such person (the
        subject, usually): "Xi referred to Putin as ... He said" -> Xi.
        """
        want = _PERSON_PRONOUNS.get(pron.lower())
        label = "PER"
        if pron.lower() == "it":
            want, label = "", "ORG"
        elif want is None:
            return None, None
        i = bisect.bisect_left(self.starts, pos) - 1
        seen = 0
        best: Entity | None = None
        best_sent = -1
        while i >= 0 and seen < 40:
            e = self.entities[i]
            i -= 1
            if e.label != label:
                continue
            k = bisect.bisect_right(self.quoted_starts, e.start) - 1
            if k >= 0 and self.quoted[k][1] > e.start:
                continue
            seen += 1
            g = self.gender(e) if want else ""
            if g and g != want:
                continue
            if best is None:
                ls = self.text.rfind("\n", 0, e.start) + 1
                best, best_sent = e, _sentence_start(self.text, ls, e.start)
            elif e.start >= best_sent:
                best = e  # an earlier person in the same sentence
            else:
                break
        if best is not None:
            return self.group_name(best)
        if not want:
            return None, None
        for spos, nm, gid, gen in reversed(self.speakers):
            if spos < pos and (not gen or gen == want):
                return nm, gid
        return None, None


def _strip_title(text: str) -> str:
    words = text.replace("\u2019s", "").replace("'s", "").split()
    while len(words) > 1 and words[0].lower().rstrip(".") in _TITLE_WORDS:
        words.pop(0)
    return " ".join(words)


def _name_gender(name: str) -> str:
    first = name.split()[0].lower() if name.split() else ""
    if first in _FEMALE:
        return "f"
    if first in _MALE:
        return "m"
    return ""


def _word_before(text: str, pos: int) -> str:
    """The word (with its trailing space) right before ``pos``: "Mr. " in "Mr. Trump"."""
    head = text[max(0, pos - 6) : pos]
    return head[head.rstrip().rfind(" ") + 1 :]


def _title_gender(text: str) -> str:
    low = text.lower()
    if low.startswith(("mr.", "mr ")):
        return "m"
    if low.startswith(("mrs.", "ms.", "ms ", "miss ")):
        return "f"
    return ""


# ---------------------------------------------------------------------------
# Attribution
# ---------------------------------------------------------------------------


@dataclass(slots=True)
class _Found:
    start: int
    end: int
    pronoun: bool
    weak: bool = False  # found without a reporting verb: needs a name to be trusted


def _mention(toks: list[_Tok], span: tuple[int, int] | None) -> _Found | None:
    if span is None:
        return None
    a, b = span
    s, e = toks[a].start, toks[b].end
    # Trailing possessive "'s" stays out of a name ("Trump's" -> "Trump") only for a lone name.
    return _Found(s, e, a == b and toks[a].low in _SUBJ_PRONOUNS)


def _after_quote(text: str, qe: int, hi: int, ended: bool) -> _Found | None:
    """An attribution right after the quote: '..., X said' / '..., said X' / 'according to X'.

    ``ended`` is True when the quotation ends its own sentence ("... win.”):
    then a following capitalised clause is a new sentence unless it is a
    bare attribution ("Trump said." / "Trump said in a statement.").
    """
    nxt = _DOUBLE_RE.search(text, qe, min(hi, qe + 250))
    toks = _tokens(text, qe, nxt.start() if nxt else min(hi, qe + 250))
    # Stop at the next quote or sentence end.
    cut = len(toks)
    depth = 0
    for k, t in enumerate(toks):
        if t.text == "(":
            depth += 1
        elif t.text == ")":
            depth = max(0, depth - 1)
        elif depth:
            continue  # "(D-Wis.)"
        if t.text in _DOUBLE_MARKS or t.text == ";" or (t.text in "!?" and k > 0):
            cut = k
            break
        if t.text == "." and k > 0 and _period_ends(toks, k):
            cut = k
            break
    toks = toks[:cut]
    k = 0
    dash = False
    while k < len(toks) and toks[k].text in (",", "\u2014", "\u2013", "\u2015", "-", ":"):
        dash = dash or toks[k].text != ","
        k += 1
    if k >= len(toks):
        return None
    first = toks[k]
    new_sentence = ended and _is_cap(first)
    if first.low == "according" and k + 1 < len(toks) and toks[k + 1].low == "to":
        return _mention(toks, _np_after(toks, k + 2))
    if first.low in _INVERT_VERBS and not new_sentence:
        return _mention(toks, _np_after(toks, k + 1))
    if first.low == "as":
        # "“...,” as a Homeland Security memo put it."
        for v in range(k + 2, min(len(toks), k + 10)):
            low = toks[v].low
            if (low == "put" and v + 1 < len(toks) and toks[v + 1].low == "it") or (
                low in _REPORT_VERBS and _is_verb(toks, v)
            ):
                sub = _subject_before(toks, v - 1)
                if sub is not None and sub[0] == k + 1:
                    return _mention(toks, sub)
                break
        return None
    # "X said": a short subject then a reporting verb.
    limit = k + 4 if first.low in _SUBJ_PRONOUNS else k + 18
    for v in range(k + 1, min(len(toks), limit)):
        low = toks[v].low
        if low in _REPORT_VERBS and _is_verb(toks, v):
            sub = _subject_before(toks, v - 1)
            if sub is None or sub[0] < k:
                break
            # Nothing but the subject (and adverbs / an appositive) between quote and verb;
            # lowercase premodifiers are fine: "retired Air Force general Lloyd Newton said".
            if sub[0] != k and not (first.low in _DETERMINERS or _is_cap(first)):
                if sub[0] - k > 5 or any(not _is_word(t) or t.low in _NP_STOP for t in toks[k : sub[0]]):
                    break
                sub = (k, sub[1])
            if new_sentence:
                rest = toks[v + 1 :]
                if rest and rest[0].text not in ",." and rest[0].low not in _ADJUNCT_START:
                    return None
            return _mention(toks, sub)
        if low in _CLAUSE_BREAK:
            break
    if _is_cap(first) and not new_sentence:
        # "“...,” Scott Pruitt, the attorney general, one of ..., said"
        j = k
        while j + 1 < len(toks) and _is_word(toks[j + 1]) and _is_cap(toks[j + 1]) and j - k < 4:
            j += 1
        if j + 1 < len(toks) and toks[j + 1].text == ",":
            for v in range(j + 2, min(len(toks), j + 40)):
                if toks[v].low in _REPORT_VERBS and _is_verb(toks, v) and toks[v - 1].text == ",":
                    return _mention(toks, (k, j))
    if dash and _is_cap(first):
        # A signed quote: "...” ― Jane Doe
        j = k
        while j + 1 < len(toks) and _is_word(toks[j + 1]) and _is_cap(toks[j + 1]) and j - k < 4:
            j += 1
        return _mention(toks, (k, j))
    if new_sentence:
        return None
    # A parenthetical attribution later in the sentence: "...” for the banks, she said.
    for v in range(k + 1, len(toks)):
        if toks[v].low in _REPORT_VERBS and _is_verb(toks, v) and (v + 1 == len(toks) or toks[v + 1].text in ",.;"):
            sub = _subject_before(toks, v - 1)
            if sub is not None and sub[0] > 0 and toks[sub[0] - 1].text == "," and sub[1] - sub[0] < 8:
                return _mention(toks, sub)
    return None


_CLAUSE_BREAK = frozenset("that which because and but if when as is was are were".split())
_NP_PREPOSITIONS = frozenset("of at for from with".split())
_PREPOSITIONS = frozenset("in on at from with by of for during after before to into about via".split())
_COMMON_VERBS = frozenset(
    """
    went goes go came comes made makes gave gives took takes got gets began begins spoke speaks
    put puts kept keeps left leaves sent sends held holds brought brings thought thinks felt feels
    """.split()
)
_ADJUNCT_START = frozenset("in on at during after before to via from while of about with".split())


def _is_verb(toks: list[_Tok], v: int) -> bool:
    """Whether ``toks[v]`` is a reporting verb used as a verb here."""
    t = toks[v]
    low = t.low
    if low not in _REPORT_VERBS:
        return False
    prev = toks[v - 1] if v else None
    if prev is not None and prev.text == "-":
        return False  # "so-called"
    if low in _NOUN_LIKE:
        # "a series of tweets", "Trump's claims": a noun, not a verb.
        if prev is None:
            return False
        pl = prev.low
        if pl in _SUBJ_PRONOUNS or pl in _BETWEEN:
            return True
        if _is_cap(prev) and _is_word(prev) and not pl.endswith(("\u2019s", "'s")) and pl not in _DETERMINERS:
            return True
        # "the letter reads", "the statement says"
        if v >= 2 and prev.text.islower() and toks[v - 2].low in ("the", "a", "an", "his", "her", "their", "its"):
            return pl not in _NOUN_LIKE and pl not in _NP_STOP
        return False
    if prev is not None and prev.low in _PASSIVE_BEFORE and not low.endswith("ing"):
        return False  # "is said to", "was told": passive or infinitive
    return True


def _before_quote(text: str, lo: int, qs: int) -> tuple[_Found | None, bool]:
    """A reporting verb earlier in the sentence and its subject.

    Returns (mention, coordinated): ``coordinated`` is True when the verb's
    subject is left out ("... and said"), so the caller may reuse the
    previous speaker.
    """
    toks = _tokens(text, lo, qs)
    if not toks:
        return None, False
    # "according to X" anywhere before.
    for k in range(len(toks) - 2, -1, -1):
        if toks[k].low == "according" and toks[k + 1].low == "to":
            f = _mention(toks, _np_after(toks, k + 2))
            if f:
                return f, False
    if toks[0].low in _INVERT_VERBS and _is_cap(toks[0]):
        f = _mention(toks, _np_after(toks, 1))  # "Said Ellis: “...”"
        if f:
            return f, False
    order = list(range(len(toks)))
    # A verb right before the quote introduces it ("Trump boasted, “...", "said that “...").
    n = len(toks)
    for v in range(n - 1, max(-1, n - 6), -1):
        if _is_verb(toks, v):
            tail = [t.low for t in toks[v + 1 :]]
            if not tail or tail[-1] in (",", ":", "that") and len(tail) <= 4:
                order.remove(v)
                order.insert(0, v)
            break
    for v in order:
        if not _is_verb(toks, v):
            continue
        if v == 0:
            continue
        k = v - 1
        while k >= 0 and (toks[k].low in _BETWEEN or toks[k].low in _AUX or _adverb(toks[k])):
            k -= 1
        if k >= 0 and toks[k].low in ("and", "but", "or"):
            return _mention(toks, _sentence_subject(toks, k)), True
        if toks[v].low.endswith("ing") and (k < 0 or not _is_word(toks[k]) or toks[k].low in _NP_STOP):
            # "..., saying", "before asking": the clause subject speaks.
            sub = _sentence_subject(toks, k + 1)
            if sub is not None:
                return _mention(toks, sub), False
            continue
        sub = None
        if k >= 0 and toks[k].text == ",":
            # "Cynthia Thompson, curator of exhibits at the University, Fayetteville, said"
            first = _sentence_subject(toks, k)
            if first is not None and _is_cap(toks[first[0]]) and toks[first[0]].low not in _DETERMINERS:
                if first[1] + 1 < len(toks) and toks[first[1] + 1].text == ",":
                    sub = first
        if sub is None:
            sub = _subject_before(toks, v - 1)
        if sub is None and toks[v - 1].text == ",":
            sub = _sentence_subject(toks, v)
        if sub is None:
            continue
        if sub[0] > 0 and toks[sub[0] - 1].low in _PREPOSITIONS:
            # "a spokesman at Homeland Security said": the phrase before the preposition
            head = _subject_before(toks, sub[0] - 2) if toks[sub[0] - 1].low in _NP_PREPOSITIONS else None
            if head is None:
                continue  # "In a message posted Friday, Cruz said": not the subject
            sub = (head[0], sub[1])
        return _mention(toks, sub), False
    if toks[-1].text == ":":
        # "Obama is rolling out a new message: “...”"
        sub = _sentence_subject(toks, len(toks) - 1)
        if sub is not None and (_person_like(toks[sub[0]]) or toks[sub[0]].low in ("the", "a", "an")):
            return _weak(_mention(toks, sub)), False
    return None, False


def _weak(found: _Found | None) -> _Found | None:
    if found is not None:
        found.weak = True
    return found


def _trusted(text: str, found: _Found, entities: list[Entity]) -> bool:
    """A subject found without a reporting verb is kept when it is clearly someone.

    A pronoun, a determiner phrase ("The analyst"), a mention the entity
    recogniser found, or (without entities) a name of two or more words.
    A lone capitalised word at a sentence start ("Quando", "However") is not.
    """
    words = text[found.start : found.end].split()
    if found.pronoun or not words or words[0].lower() in _DETERMINERS:
        return True
    if entities:
        return any(e.start < found.end and e.end > found.start and e.label in ("PER", "ORG") for e in entities)
    return len(words) >= 2


def _names_someone(text: str, found: _Found, entities: list[Entity]) -> bool:
    """A pronoun or a person the entity recogniser found (without entities: any name)."""
    if found.pronoun:
        return True
    if entities:
        return any(e.start < found.end and e.end > found.start and e.label == "PER" for e in entities)
    return True


def _person_like(t: _Tok) -> bool:
    """A subject that can speak: a name or a personal pronoun (not "That process")."""
    return (_is_cap(t) and t.low not in _DETERMINERS) or t.low in ("he", "she", "they", "we", "i")


def _adverb(t: _Tok) -> bool:
    return t.low.endswith("ly") and t.text.islower() and len(t.text) > 4


# ---------------------------------------------------------------------------
# The public function
# ---------------------------------------------------------------------------


def _word_count(text: str, start: int, end: int) -> int:
    return len(text[start:end].strip(_ALL_MARKS + " ").split())


def find_quotes(text: str, entities: list[Entity], groups: list[EntityGroup]) -> list[Quote]:
    """Quote spans (with their marks) and speakers, in order."""
    if not text:
        return []
    doubles = _pair_doubles(text)
    singles = _pair_singles(text, doubles)
    spans: list[tuple[int, int, bool, bool]] = [(s, e, m, False) for s, e, m in doubles]
    spans += [(s, e, False, True) for s, e in singles]
    spans.sort()
    res: _Resolver | None = None  # built on the first speaker to resolve
    out: list[Quote] = []
    prev_end = 0
    prev: Quote | None = None
    for qs, qe, _multi, single in spans:
        ls, _ = _line_bounds(text, qs)
        _, le = _line_bounds(text, qe - 1)
        sent_lo = _sentence_start(text, max(ls, prev_end), qs)
        full_sent = _sentence_start(text, ls, qs)  # across earlier quotes in the sentence
        inner_end = text[qs + 1 : qe - 1].rstrip()
        found = _after_quote(text, qe, le, inner_end[-1:] in ".!?")
        coordinated = False
        if found is None:
            found, coordinated = _before_quote(text, sent_lo, qs)
            if found is None and not coordinated and sent_lo > full_sent:
                found, coordinated = _before_quote(text, full_sent, qs)
        head = text[ls:qs].strip()
        if found is None and head == "":
            found = _colon_paragraph(text, ls)
        starts_sentence = text[sent_lo:qs].strip() == ""
        if found is None and starts_sentence and sent_lo > ls:
            # "..., Schiff said. “The other factor is ...”": the sentence before names the speaker.
            ps = _sentence_start(text, ls, sent_lo - 1)
            if prev is None or prev.end <= ps:
                found = _tail_attribution(text, ps, sent_lo)
        fallback = False
        if found is None and not starts_sentence:
            # "Trump attacked “the hateful ideology ...”": a person subject owns the fragment.
            toks = _tokens(text, sent_lo, qs)
            sub = _sentence_subject(toks, len(toks))
            if sub is not None and _person_like(toks[sub[0]]) and toks[sub[0]].low not in ("we", "i", "they"):
                found, fallback = _weak(_mention(toks, sub)), True
        if found is not None and found.weak and not _trusted(text, found, entities):
            found = None
        if found is None and prev is not None and prev.speaker_start is not None:
            same_para = prev.end > ls
            if same_para and (prev.end >= full_sent or starts_sentence or coordinated) or (
                head == "" and _previous_paragraph(text, ls) <= prev.start
            ):
                found = None
                quote = Quote(qs, qe, prev.speaker, prev.speaker_start, prev.speaker_end, text[qs:qe], prev.group)
                out.append(quote)
                prev_end, prev = qe, quote
                continue
        if found is None and starts_sentence and sent_lo > ls and text[qe:le].strip(" .") == "":
            # "Sanders, who lost the primaries, identified ... as one reason. “The younger people ...”"
            ps = _sentence_start(text, ls, sent_lo - 1)
            toks = _tokens(text, ps, sent_lo)
            sub = _sentence_subject(toks, len(toks))
            if sub is not None and _person_like(toks[sub[0]]) and toks[sub[0]].low not in ("we", "i", "they"):
                found = _weak(_mention(toks, sub))
                if not _trusted(text, found, entities) or not _names_someone(text, found, entities):
                    found = None
        if found is not None:
            if res is None:
                res = _Resolver(text, entities, groups, [(a, b) for a, b, _, _ in spans])
            speaker, gid = _resolve(res, found)
            quote = Quote(qs, qe, speaker, found.start, found.end, text[qs:qe], gid)
        else:
            quote = Quote(qs, qe, None, None, None, text[qs:qe], None)
        if _title_like(text, qs, qe):
            # "Face the Nation", ‘Reeks of Fear’: a title, not speech, unless attributed right there.
            after = found is not None and 0 <= found.start - qe <= 40
            before = found is not None and 0 <= qs - found.end <= 40
            before = before and not _NAMING_RE.search(text, max(0, qs - 12), qs)
            if single or fallback or not (after or before) or _TITLE_CONTEXT_RE.search(text, max(0, qs - 30), qs):
                continue
        if single and (fallback or not _speechlike_single(text, quote, found)):
            continue
        out.append(quote)
        prev_end, prev = qe, quote
    return [_mark_scare(q) for q in out]


_WORDS_RE = re.compile(r"\w+(?:['’]\w+)*")


def _mark_scare(quote: Quote) -> Quote:
    """A one- or two-word quote with no speaker is a scare quote, not speech."""
    if quote.speaker_start is None and len(_WORDS_RE.findall(quote.text)) < 3:
        return replace(quote, kind="scare")
    return quote


def _tail_attribution(text: str, lo: int, hi: int) -> _Found | None:
    """A sentence ending in an attribution: "..., Schiff said." / "..., said Schiff."."""
    toks = _tokens(text, lo, hi)
    while toks and toks[-1].text in ".!?":
        toks.pop()
    for v in range(len(toks) - 1, max(0, len(toks) - 5), -1):
        if toks[v].low in _REPORT_VERBS and _is_verb(toks, v):
            if toks[v - 1].text == "," and toks[v].low in _INVERT_VERBS:
                return _mention(toks, _np_after(toks, v + 1))
            sub = _subject_before(toks, v - 1)
            if sub is not None and sub[0] > 0 and toks[sub[0] - 1].text == ",":
                return _mention(toks, sub)
            return None
    return None


def _previous_paragraph(text: str, ls: int) -> int:
    """Start of the paragraph before the line starting at ``ls``.

    That is the previous non-empty line; after a blank line, the whole block of
    lines above it (text with one sentence per line and blank lines between
    paragraphs).
    """
    pe = ls - 1
    while pe > 0 and text[pe - 1] in " \t\n":
        pe -= 1
    start = text.rfind("\n", 0, pe) + 1
    if text.count("\n", pe, ls) >= 2:
        while start >= 2 and text[start - 2] != "\n":
            start = text.rfind("\n", 0, start - 1) + 1
    return start


def _colon_paragraph(text: str, ls: int) -> _Found | None:
    """The speaker of a previous paragraph ending in a colon ("Trump said:")."""
    pe = ls - 1
    while pe > 0 and text[pe - 1] in " \t\n":
        pe -= 1
    if pe <= 0 or text[pe - 1] != ":":
        return None
    pls = text.rfind("\n", 0, pe) + 1
    lo = _sentence_start(text, pls, pe)
    found, _ = _before_quote(text, lo, pe)
    if found is None:
        toks = _tokens(text, lo, pe)
        found = _weak(_mention(toks, _sentence_subject(toks, len(toks))))
    return found


def _resolve(res: _Resolver, found: _Found) -> tuple[str | None, int | None]:
    text = res.text[found.start : found.end]
    if found.pronoun:
        name, gid = res.pronoun(found.start, text)
        return name, gid
    if " and " in text:
        names = []
        for e in res.overlapping(found.start, found.end):
            if e.label == "PER":
                nm = res.group_name(e)[0]
                if nm not in names:
                    names.append(nm)
        if len(names) > 1:
            return " and ".join(names), None
    name, gid, gender = res.name(found.start, found.end)
    if name and (name[:1].isupper()):
        res.speakers.append((found.start, name, gid, gender))
    return name, gid


def _speechlike_single(text: str, q: Quote, found: _Found | None) -> bool:
    """A single-quoted passage is speech when it is attributed right beside it."""
    if found is None or _word_count(text, q.start, q.end) < 3:
        return False
    return 0 <= found.start - q.end <= 40 or 0 <= q.start - found.end <= 40


#: "a print called “Cowboys and Indians”": a name given to a thing, not speech.
_NAMING_RE = re.compile(r"\b(?:called|named|titled|entitled|dubbed|nicknamed)[,:]?\s*$", re.I)
#: 'on CBS's "Face the Nation"', 'in his 1994 "Contract with America"': a title after a preposition.
_TITLE_CONTEXT_RE = re.compile(
    r"(?:\b(?:on|in|from|at|for|with|to)(?:\s+\S+){0,2}|[\u2019']s)\s*$", re.I
)
_MINOR_WORDS = frozenset("the and for nor but yet off out per via".split())


def _title_like(text: str, qs: int, qe: int) -> bool:
    """Title Case inside the marks ("State of the Union", "Fox and Friends")."""
    words = text[qs + 1 : qe - 1].split()
    if not words or len(words) > 8:
        return False
    long = [w.strip(".,!?:;\u2019'\"()") for w in words]
    long = [w for w in long if len(w) >= 4 or (len(w) == 3 and w.lower() not in _MINOR_WORDS)]
    return len(long) >= 2 and all(w[:1].isupper() or w[:1].isdigit() for w in long) and words[0][:1].isupper()
