"""Quotations and their speakers (reader/annotate/quotes.py), on self-written text and the seed."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from reader.annotate.quotes import find_quotes
from reader.model import Entity, EntityGroup, Quote


def quotes(text: str, entities=(), groups=()) -> list[Quote]:
    return find_quotes(text, list(entities), list(groups))


def inner(q: Quote) -> str:
    return q.text[1:-1]


def mention(text: str, q: Quote) -> str | None:
    if q.speaker_start is None:
        return None
    return text[q.speaker_start : q.speaker_end]


def person(text: str, name: str, gid: int, nth: int = 0) -> Entity:
    start = -1
    for _ in range(nth + 1):
        start = text.index(name, start + 1)
    return Entity(start, start + len(name), "PER", gid, name)


def ents(text: str, names: dict[str, int]) -> list[Entity]:
    """PER entities for every occurrence of each name, longest names first, no overlaps."""
    out: list[Entity] = []
    taken: list[tuple[int, int]] = []
    for name in sorted(names, key=len, reverse=True):
        i = text.find(name)
        while i >= 0:
            e = i + len(name)
            if all(e <= s or i >= t for s, t in taken):
                out.append(Entity(i, e, "PER", names[name], name))
                taken.append((i, e))
            i = text.find(name, i + 1)
    return sorted(out, key=lambda x: x.start)


# --- quote spans ---------------------------------------------------------------------------


def test_straight_and_curly_double_quotes():
    text = 'The mayor said "the bridge will open in May." Her deputy said \u201cnot before June.\u201d\n'
    qs = quotes(text)
    assert [inner(q) for q in qs] == ["the bridge will open in May.", "not before June."]
    assert all(text[q.start : q.end] == q.text for q in qs)


def test_single_quotes_inside_double_quotes_stay_inside():
    text = "\u201cShe told me \u2018we are done here\u2019 and left the room,\u201d the manager said.\n"
    qs = quotes(text)
    assert len(qs) == 1
    assert inner(qs[0]).startswith("She told me") and mention(text, qs[0]) == "the manager"


def test_curly_quotes_nested_in_a_straight_quoted_passage():
    text = 'The analyst went on: "Voters were asked \u201cdo you trust either of them?\u201d and most said no."\n'
    qs = quotes(text)
    assert len(qs) == 1 and inner(qs[0]).endswith("most said no.")
    assert mention(text, qs[0]) == "The analyst"


def test_quote_spanning_paragraphs_is_one_quotation():
    text = (
        "The coach spoke after the match.\n\n"
        "\u201cWe started slowly and paid for it in the first half.\n\n"
        "\u201cIn the second half the team played the way we train,\u201d Dana Ruiz said.\n"
    )
    qs = quotes(text)
    assert len(qs) == 1
    q = qs[0]
    assert text[q.start] == "\u201c" and q.text.startswith("\u201cWe started") and q.text.endswith("train,\u201d")
    assert mention(text, q) == "Dana Ruiz" and q.speaker == "Dana Ruiz"


def test_hard_wrapped_quote_is_joined():
    text = 'The notice says the firm provides the\ninformation "as it stands on the day\nof publication" only.\n'
    qs = quotes(text)
    assert len(qs) == 1 and "day\nof publication" in qs[0].text


def test_apostrophes_are_not_quote_marks():
    text = (
        "The students\u2019 union didn\u2019t agree. It\u2019s the \u201990s all over again, "
        "said the dean\u2019s office, and the \u2018rock \u2019n\u2019 roll\u2019 crowd won\u2019t care.\n"
    )
    assert [q for q in quotes(text) if len(inner(q).split()) >= 3] == []


def test_scare_quotes_are_short_and_have_no_speaker():
    text = "The so-called \u201creform\u201d package was sold as a \u201cwin-win\u201d by the council.\n"
    qs = quotes(text)
    assert [inner(q) for q in qs] == ["reform", "win-win"]
    assert all(q.speaker is None and q.speaker_start is None for q in qs)


def test_titles_in_quotes_are_not_speech():
    text = 'She appeared on "Meet the Press Weekly" and later on "The Morning Show Tonight" to promote it.\n'
    assert quotes(text) == []
    text = 'In an interview on CBS\'s "Face the Nation Today," Ann Vole said the plan would fail.\n'
    assert quotes(text) == []


def test_british_single_quoted_speech():
    text = (
        "\u2018We will not back down on this,\u2019 the minister said on Monday.\n\n"
        "Critics called it a \u2018stunt\u2019 and the opposition\u2019s leaders agreed.\n"
    )
    qs = [q for q in quotes(text) if len(inner(q).split()) >= 3]
    assert [inner(q) for q in qs] == ["We will not back down on this,"]
    assert mention(text, qs[0]) == "the minister"


# --- speakers ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, quote, who",
    [
        ("\u201cWe expect a long winter,\u201d Okafor said.\n", "We expect a long winter,", "Okafor"),
        ("\u201cWe expect a long winter,\u201d said Mira Okafor.\n", "We expect a long winter,", "Mira Okafor"),
        ("Okafor said: \u201cWe expect a long winter.\u201d\n", "We expect a long winter.", "Okafor"),
        ("Okafor told reporters, \u201cWe expect a long winter.\u201d\n", "We expect a long winter.", "Okafor"),
        (
            "The forecast was \u201cthe worst in a decade,\u201d according to the weather service.\n",
            "the worst in a decade,",
            "the weather service",
        ),
        (
            "\u201cNobody saw this coming,\u201d a campaign aide said on Tuesday.\n",
            "Nobody saw this coming,",
            "a campaign aide",
        ),
        (
            "Okafor said the plan was \u201ca recipe for higher bills\u201d for families.\n",
            "a recipe for higher bills",
            "Okafor",
        ),
        (
            "Speaking in Lagos, Okafor referred to the deal as \u201ca bad bargain for everyone\u201d on Friday.\n",
            "a bad bargain for everyone",
            "Okafor",
        ),
        (
            "\u201cThe numbers do not add up,\u201d Sen. Ann Vole (D-Ore.) said Friday.\n",
            "The numbers do not add up,",
            "Ann Vole",
        ),
        (
            "\u201cThe numbers do not add up,\u201d Ann Vole, the ranking member, said.\n",
            "The numbers do not add up,",
            "Ann Vole",
        ),
        ("\u201cWe kept every promise we made.\u201d \u2015 Ann Vole\n", "We kept every promise we made.", "Ann Vole"),
    ],
)
def test_reporting_patterns(text, quote, who):
    qs = quotes(text)
    assert [inner(q) for q in qs] == [quote]
    assert who in mention(text, qs[0])


def test_quote_continuing_the_previous_speaker():
    text = (
        "\u201cThe river rose two metres overnight,\u201d said Ida Berg, the town\u2019s engineer. "
        "\u201cWe moved the pumps at dawn.\u201d\n"
        "\u201cNobody was hurt, and the levee held.\u201d\n"
        "The council meets again on Friday.\n"
        "\u201cThis is a separate remark with nobody named.\u201d\n"
    )
    qs = quotes(text)
    assert len(qs) == 4
    assert [mention(text, q) for q in qs[:3]] == ["Ida Berg"] * 3
    assert qs[3].speaker_start is None


def test_colon_paragraph_introduces_the_quote():
    text = "The governor wrote to the committee:\n\n\u201cWe ask for more time to review the figures.\u201d\n"
    qs = quotes(text)
    assert mention(text, qs[0]) == "The governor"


def test_new_sentence_after_a_quote_is_not_an_attribution():
    text = (
        "Okafor said the move was \u201clong overdue and welcome.\u201d She says it shows the board listens.\n"
    )
    qs = quotes(text)
    assert mention(text, qs[0]) == "Okafor"


def test_pronoun_keeps_the_mention_and_resolves_to_the_person():
    text = (
        "Maria Lopez met Daniel Kim in Seoul. Lopez called the talks \u201copen and very useful.\u201d "
        "She said the two sides would \u201cmeet again before the summer.\u201d\n"
    )
    entities = ents(text, {"Maria Lopez": 0, "Lopez": 0, "Daniel Kim": 1})
    groups = [EntityGroup(0, "Maria Lopez", "PER", 2), EntityGroup(1, "Daniel Kim", "PER", 1)]
    qs = quotes(text, entities, groups)
    assert [mention(text, q) for q in qs] == ["Lopez", "She"]
    assert [q.speaker for q in qs] == ["Maria Lopez", "Maria Lopez"]
    assert qs[1].group == 0


def test_pronoun_skips_a_person_of_the_other_gender():
    text = (
        "Mr. Kim thanked Mrs. Lopez for the visit. "
        "\u201cThe door is open for the next round,\u201d she said.\n"
    )
    entities = ents(text, {"Kim": 1, "Lopez": 0})
    groups = [EntityGroup(0, "Ana Lopez", "PER", 1), EntityGroup(1, "Daniel Kim", "PER", 1)]
    (q,) = quotes(text, entities, groups)
    assert mention(text, q) == "she" and q.speaker == "Ana Lopez"


def test_speaker_found_without_entities():
    text = "\u201cThe vote was close but fair,\u201d Governor Tom Reyes told reporters.\n"
    (q,) = quotes(text)
    assert mention(text, q) == "Governor Tom Reyes" and q.speaker == "Tom Reyes"


def test_offsets_are_spans_of_the_text():
    text = "Intro line.\n\n\u201cFirst part of it,\u201d he said, \u201cand the second part.\u201d\n"
    for q in quotes(text):
        assert text[q.start : q.end] == q.text
        assert text[q.speaker_start : q.speaker_end] == "he"


def test_empty_and_quote_free_text():
    assert quotes("") == []
    assert quotes("No quotations here, only Bob\u2019s notes.\n") == []


# --- the seed ------------------------------------------------------------------------------


def seed_entities(text: str) -> tuple[list[Entity], list[EntityGroup]]:
    """Hand-made entities for the seed's two speakers (independent of the NER's state)."""
    entities = ents(text, {"Xi Jinping": 0, "Xi": 0, "Vladimir Putin": 1, "Putin": 1})
    groups = [EntityGroup(0, "Xi Jinping", "PER", 0), EntityGroup(1, "Vladimir Putin", "PER", 0)]
    return entities, groups


def check_seed(text: str, qs: list[Quote]) -> None:
    by_text = {inner(q): q for q in qs}
    expected = {
        "long-time friend": ("Xi", "Xi"),
        "stood the test of international circumstances,": ("Xi", "Xi"),
        "unprecedentedly high level,": ("Putin", "Putin"),
        "more just and rational global governance system.": ("He", "Xi"),
    }
    for quote, (surface, name) in expected.items():
        q = by_text[quote]
        assert mention(text, q) == surface, quote
        assert q.speaker is not None and name in q.speaker, (quote, q.speaker)
    # the legal disclaimer's "as is" is a scare quote
    assert by_text["as is"].speaker is None


def test_seed_with_hand_made_entities(seed_text):
    entities, groups = seed_entities(seed_text)
    qs = quotes(seed_text, entities, groups)
    check_seed(seed_text, qs)
    he = next(q for q in qs if inner(q).startswith("more just"))
    assert he.speaker == "Xi Jinping" and he.group == 0


def test_seed_with_the_real_annotator(seed_text):
    from reader.annotate import get_annotator

    ann = get_annotator()(seed_text)
    check_seed(seed_text, ann.quotes)


def test_seed_through_the_cli(seed_path, tmp_path):
    out = subprocess.run(
        [sys.executable, "-m", "reader", "annotate", str(seed_path), "--format", "json", "-o", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    data = json.loads((tmp_path / f"{seed_path.stem}.json").read_text(encoding="utf-8"))
    text = seed_path.read_text(encoding="utf-8")
    got = {text[q["start"] + 1 : q["end"] - 1]: q for q in data["quotes"]}
    q = got["more just and rational global governance system."]
    assert text[q["speaker_start"] : q["speaker_end"]] == "He" and "Xi" in q["speaker"]


# --- layouts and harder attributions ------------------------------------------------------


def test_one_sentence_per_line_quote_and_paragraph_continuation():
    text = (
        '"It was a long night.\nWe waited for news until dawn," said Ana Ruiz.\n\n'
        '"Nobody slept.\nNobody wanted to."\n\n'
        "The rescue ended at noon.\n"
    )
    qs = quotes(text)
    assert [q.text.count("\n") for q in qs] == [1, 1]
    assert [mention(text, q) for q in qs] == ["Ana Ruiz", "Ana Ruiz"]


def test_a_thing_called_a_title_is_not_a_quote():
    text = 'The museum showed a print called "Cowboys and Indians" last year.\n'
    assert [q for q in quotes(text) if len(inner(q).split()) >= 3] == []


def test_subject_before_a_chain_of_appositives():
    text = (
        "Cynthia Moss, curator of prints at the State Museum, Springfield, said, "
        '"These images are documents of a life."\n'
    )
    (q,) = quotes(text)
    assert mention(text, q) == "Cynthia Moss"


def test_person_subject_owns_a_quoted_fragment():
    text = "In a speech on Monday, Okafor attacked \u201cthe lazy thinking of the old guard\u201d in her party.\n"
    (q,) = quotes(text, ents(text, {"Okafor": 0}), [EntityGroup(0, "Mira Okafor", "PER", 1)])
    assert mention(text, q) == "Okafor" and q.speaker == "Mira Okafor"
    # without a reporting verb, a lone capitalised word that is not a known entity is no speaker
    text = "Quando a gente fala sobre leitura, o pessoal estranha \u201cque hist\u00f3ria \u00e9 essa\u201d sempre.\n"
    (q,) = quotes(text)
    assert q.speaker_start is None


def test_previous_sentence_names_the_speaker():
    text = (
        "The plant will close in March, Okafor said. "
        "\u201cWe looked at every other option and none of them worked.\u201d\n"
    )
    (q,) = quotes(text)
    assert mention(text, q) == "Okafor"


def test_people_named_inside_a_quote_are_not_the_speaker():
    text = (
        "Ana Ruiz chaired the hearing. "
        "\u201cI asked Daniel Kim to explain the delay,\u201d she said.\n"
    )
    entities = ents(text, {"Ana Ruiz": 0, "Daniel Kim": 1})
    groups = [EntityGroup(0, "Ana Ruiz", "PER", 1), EntityGroup(1, "Daniel Kim", "PER", 1)]
    (q,) = quotes(text, entities, groups)
    assert mention(text, q) == "she" and q.speaker == "Ana Ruiz"


@pytest.mark.parametrize(
    "text, quote",
    [
        (
            "Le ministre a d\u00e9clar\u00e9 : \u00ab Nous ne c\u00e9derons pas sur ce point \u00bb, "
            "a-t-il ajout\u00e9.\n",
            "\u00ab Nous ne c\u00e9derons pas sur ce point \u00bb",
        ),
        ("Er sagte: \u201eWir werden das schaffen, ganz sicher\u201c, und ging.\n",
         "\u201eWir werden das schaffen, ganz sicher\u201c"),
        ("Sie sagte: \u00bbDas ist nicht wahr, wirklich nicht\u00ab, und lachte.\n",
         "\u00bbDas ist nicht wahr, wirklich nicht\u00ab"),
    ],
)
def test_guillemets_and_low_opening_marks(text, quote):
    assert [q.text for q in quotes(text)] == [quote]


def test_any_text_gives_spans_of_that_text():
    hypothesis = pytest.importorskip("hypothesis")
    st = hypothesis.strategies
    pieces = list("ab Xy.,:;!?\n\"'\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e") + ["He said", " said Ann", "She"]
    alphabet = st.sampled_from(pieces)

    @hypothesis.settings(max_examples=300, deadline=None)
    @hypothesis.given(st.lists(alphabet, max_size=60).map("".join))
    def check(text):
        qs = quotes(text)
        for q in qs:
            assert 0 <= q.start < q.end <= len(text) and text[q.start : q.end] == q.text
            if q.speaker_start is not None:
                assert 0 <= q.speaker_start < q.speaker_end <= len(text)
        assert [q.start for q in qs] == sorted(q.start for q in qs)

    check()


def test_it_resolves_to_the_organisation():
    text = "Acme Corp filed the papers on Monday. \u201cWe expect a ruling within weeks,\u201d it said in a statement.\n"
    entities = [Entity(0, 9, "ORG", 0, "Acme Corp")]
    (q,) = quotes(text, entities, [EntityGroup(0, "Acme Corp", "ORG", 1)])
    assert mention(text, q) == "it" and q.speaker == "Acme Corp" and q.group == 0


def test_unclosed_quote_does_not_swallow_the_next_paragraph():
    text = (
        "The mayor said \u201cthe budget is fine and nobody should worry.\n"
        "A council member disagreed. \u201cThe numbers are a fiction,\u201d she said.\n"
    )
    qs = quotes(text)
    assert [inner(q) for q in qs] == ["The numbers are a fiction,"]
    assert mention(text, qs[0]) == "she"


def test_closed_quote_then_one_running_into_the_next_paragraph():
    text = (
        "\u201cWe lost,\u201d the coach said. \u201cThe first half was poor and we never recovered.\n\n"
        "\u201cNext week will be different.\u201d\n"
    )
    qs = quotes(text)
    assert [q.text.count("\n") for q in qs] == [0, 2]
    assert [mention(text, q) for q in qs] == ["the coach", "the coach"]


def test_previous_sentence_subject_owns_a_closing_quote():
    text = (
        "On Sunday, Sen. Ann Vole (Ore.), who chairs the panel, named housing as the top issue. "
        "\u201cPeople cannot afford to live where they work.\u201d\n"
    )
    entities = ents(text, {"Ann Vole": 0})
    (q,) = quotes(text, entities, [EntityGroup(0, "Ann Vole", "PER", 1)])
    assert "Ann Vole" in mention(text, q) and q.speaker == "Ann Vole"


def test_short_unattributed_quotes_are_marked_as_scare_quotes():
    from reader.annotate import get_annotator

    text = "The so-called “reform” was passed on Monday. “We will not back down from this fight,” Mayor Jane Ode said."
    quotes = get_annotator()(text).quotes
    kinds = {q.text: q.kind for q in quotes}
    assert kinds["“reform”"] == "scare"
    assert kinds["“We will not back down from this fight,”"] == "speech"
