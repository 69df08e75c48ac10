"""Alias grouping (reader.annotate.groups): the canonical names and the traps."""

from reader.annotate import get_annotator
from reader.annotate.groups import group_entities
from reader.model import Entity


def mentions(text, spans):
    """Entities for (surface, label) pairs, found left to right in ``text``."""
    out, pos = [], 0
    for surface, label in spans:
        i = text.index(surface, pos)
        out.append(Entity(i, i + len(surface), label, -1, surface))
        pos = i + len(surface)
    return out


def group_of(entities, groups, surface):
    gid = next(e.group for e in entities if e.text == surface)
    return next(g for g in groups if g.id == gid)


def test_putin_and_xi_aliases():
    text = (
        "Russian President Vladimir Putin met Chinese President Xi Jinping. Putin smiled. "
        "President Xi spoke. Mr. Putin left, and Xi stayed."
    )
    result = get_annotator()(text)
    by_text = {}
    for e in result.entities:
        by_text.setdefault(e.text, set()).add(e.group)
    assert by_text["Putin"] == by_text["Vladimir Putin"]
    assert by_text["Xi"] == by_text["Xi Jinping"]
    assert by_text["Putin"] != by_text["Xi"]
    names = {g.name for g in result.groups}
    assert {"Vladimir Putin", "Xi Jinping"} <= names
    g = group_of(result.entities, result.groups, "Putin")
    assert g.mentions == 3 and not g.ambiguous


def test_clinton_given_names_never_merge_and_bare_surname_is_ambiguous():
    text = "Bill Clinton and Hillary Clinton spoke. Later Clinton said no."
    ms = mentions(text, [("Bill Clinton", "PER"), ("Hillary Clinton", "PER"), ("Clinton", "PER")])
    out, groups = group_entities(text, ms)
    assert out[0].group != out[1].group
    assert out[2].group == out[1].group  # the most recent candidate
    assert group_of(out, groups, "Hillary Clinton").ambiguous


def test_trump_junior_is_not_his_father():
    text = "Donald Trump praised Donald Trump Jr. on Monday."
    ms = mentions(text, [("Donald Trump", "PER"), ("Donald Trump Jr.", "PER")])
    out, groups = group_entities(text, ms)
    assert out[0].group != out[1].group
    assert {g.name for g in groups} == {"Donald Trump", "Donald Trump Jr."}


def test_kim_jong_un_and_kim_jong_il():
    text = "Kim Jong Un succeeded Kim Jong Il in 2011. Kim Jong Un then purged rivals."
    ms = mentions(text, [("Kim Jong Un", "PER"), ("Kim Jong Il", "PER"), ("Kim Jong Un", "PER")])
    out, _ = group_entities(text, ms)
    assert out[0].group != out[1].group
    assert out[0].group == out[2].group


def test_moscow_and_russia_never_merge():
    text = "Moscow said Russia would respond. Russia and Moscow again."
    ms = mentions(text, [("Moscow", "LOC"), ("Russia", "LOC"), ("Russia", "LOC"), ("Moscow", "LOC")])
    out, groups = group_entities(text, ms)
    assert out[0].group == out[3].group and out[1].group == out[2].group
    assert out[0].group != out[1].group
    assert len(groups) == 2


def test_acronym_with_expansion_and_us_variants():
    text = "The World Health Organization (WHO) warned. WHO officials and the U.S. and the US agreed; United States too."
    ms = mentions(
        text,
        [
            ("World Health Organization", "ORG"),
            ("WHO", "ORG"),
            ("WHO", "ORG"),
            ("U.S.", "LOC"),
            ("US", "LOC"),
            ("United States", "LOC"),
        ],
    )
    out, groups = group_entities(text, ms)
    assert out[0].group == out[1].group == out[2].group
    assert group_of(out, groups, "WHO").name == "World Health Organization"
    assert out[3].group == out[4].group == out[5].group


def test_surname_before_full_name_is_absorbed():
    text = "Merkel spoke first. Angela Merkel then left."
    ms = mentions(text, [("Merkel", "PER"), ("Angela Merkel", "PER")])
    out, groups = group_entities(text, ms)
    assert out[0].group == out[1].group
    assert groups[out[0].group].name == "Angela Merkel"


def test_every_mention_has_a_group_and_counts_add_up():
    text = open(__file__.replace("test_groups.py", "../sample_articles/000_9cec1556c653d704.txt"), encoding="utf-8").read()
    result = get_annotator()(text)
    ids = {g.id for g in result.groups}
    assert all(e.group in ids for e in result.entities)
    assert sum(g.mentions for g in result.groups) == len(result.entities)
    assert sorted(ids) == list(range(len(ids)))


def test_acronyms_join_only_names_of_the_same_kind():
    text = "The University of Sydney said the US would help. The United States agreed."
    ms = mentions(text, [("University of Sydney", "ORG"), ("US", "LOC"), ("United States", "LOC")])
    out, _ = group_entities(text, ms)
    assert out[0].group != out[1].group
    assert out[1].group == out[2].group


def test_traps_end_to_end():
    text = (
        "Donald Trump praised Donald Trump Jr. on Monday. North Korean leader Kim Jong Un met aides of "
        "Kim Jong Il. Kim said little. Bill Clinton and Hillary Clinton arrived; Clinton spoke first. "
        "Moscow said Russia would respond."
    )
    result = get_annotator()(text)
    group = {e.text: e.group for e in result.entities}
    assert group["Donald Trump"] != group["Donald Trump Jr."]
    assert group["Kim Jong Un"] != group["Kim Jong Il"]
    assert group["Kim"] == group["Kim Jong Il"]  # the most recent candidate
    assert group["Bill Clinton"] != group["Hillary Clinton"] and group["Clinton"] == group["Hillary Clinton"]
    assert group["Moscow"] != group["Russia"]
    ambiguous = {g.name for g in result.groups if g.ambiguous}
    assert {"Kim Jong Il", "Hillary Clinton"} <= ambiguous
