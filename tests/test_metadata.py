"""Metadata: title, byline, date, publisher and credits get roles, not "removed" verdicts."""

from __future__ import annotations

import pytest

from reader.clean import clean_text
from reader.model import Role


def _role_of(article, text: str):
    for b in article.blocks:
        if article.raw[b.start : b.end] == text:
            return b
    raise AssertionError(f"no block {text!r}")


def test_seed_title_and_menafn_publisher(seed_text):
    a = clean_text(seed_text)
    assert a.title == "Xi, Putin pledge to boost bilateral ties"
    assert a.blocks[0].role is Role.TITLE
    assert a.blocks[0].reason.kind == "title"
    assert a.publisher == "MENAFN"
    # The dateline paragraph is body text, not metadata.
    assert a.blocks[1].role is Role.BODY


def test_reuters_dateline_publisher():
    a = clean_text(
        "Oil prices slip as stocks build\n\n"
        "LONDON (Reuters) - Oil prices fell on Wednesday after data showed a larger than expected build in "
        "crude stocks, adding to worries about demand.\n\n"
        "Brent crude futures were down 60 cents at 81.20 dollars a barrel by 1030 GMT.\n"
    )
    assert a.title == "Oil prices slip as stocks build"
    assert a.publisher == "Reuters"
    assert a.clean.startswith("LONDON (Reuters) - Oil prices fell")


def test_byline_and_date_lines():
    text = (
        "City opens new swimming pool\n\n"
        "By Jane Smith and Omar Haddad\n\n"
        "Published March 3, 2025\n\n"
        "The city's first new public pool in thirty years opened on Saturday, with a queue of swimmers "
        "stretching around the block before the doors opened.\n\n"
        "The pool cost 12 million dollars and has a 50-metre lane for competitions.\n\n"
        "Entry is free for children under five.\n"
    )
    a = clean_text(text)
    assert a.title == "City opens new swimming pool"
    assert a.byline == "Jane Smith and Omar Haddad"
    assert a.published == "March 3, 2025"
    by = _role_of(a, "By Jane Smith and Omar Haddad")
    assert by.role is Role.METADATA and by.reason.kind == "metadata" and by.reason.category == "byline"
    date = _role_of(a, "Published March 3, 2025")
    assert date.role is Role.METADATA and date.reason.category == "published"
    assert len(a.kept_blocks()) == 3


@pytest.mark.parametrize("prefix", ["By", "BY", "by"])
def test_byline_prefix_any_case(prefix):
    a = clean_text(
        f"Rain delays harvest\n\n{prefix} Claire Dubois\n\n"
        "Heavy rain has delayed the grape harvest across the region by about two weeks, growers said.\n\n"
        "Most vineyards expect to start picking on Monday if the weather clears.\n\n"
        "The quality of the grapes is still good, they added.\n"
    )
    assert a.byline == "Claire Dubois"
    assert a.title == "Rain delays harvest"


def test_markdown_title_and_emphasised_date_line():
    a = clean_text(
        "# What the new budget means for schools\n\n"
        "*Published 12 June 2025 · By Rosa Lindqvist*\n\n"
        "The state legislature passed a 48-billion-dollar budget late on Tuesday after three weeks of talks.\n\n"
        "Education is the largest single item in the plan, at about 31 percent of spending.\n\n"
        "Base funding rises by 4.5 percent per pupil, the largest increase in a decade.\n"
    )
    assert a.title == "What the new budget means for schools"
    assert a.published == "12 June 2025"
    assert a.byline == "Rosa Lindqvist"
    assert len(a.kept_blocks()) == 3


def test_title_is_not_a_byline_or_date():
    a = clean_text(
        "Home\n\nNews\n\nSport\n\n"
        "Bridge reopens after repair\n\n"
        "By Aisha Mensah\n\n"
        "Published March 3, 2025\n\n"
        "The harbour bridge reopened to cars and buses on Monday morning, fourteen months after engineers "
        "closed it when routine inspections found corrosion in two of its main support cables.\n\n"
        "City officials said the repair came in roughly 8 percent over its original budget.\n\n"
        "Cyclists will have a separate lane from April.\n"
    )
    assert a.title == "Bridge reopens after repair"
    assert a.byline == "Aisha Mensah"


def test_wire_credits_are_metadata():
    a = clean_text(
        "Wheat forecast cut\n\n"
        "Wheat output in the southern plains will fall by about 8 percent this year after a dry spring, "
        "the agriculture department said on Thursday.\n\n"
        "Farmers in the region planted less winter wheat than last year.\n\n"
        "(Reporting by Daniel Hart; Editing by Susan Cole)\n"
    )
    credits = _role_of(a, "(Reporting by Daniel Hart; Editing by Susan Cole)")
    assert credits.role is Role.METADATA
    assert credits.reason.category == "credits"
    assert "Reporting by" not in a.clean


def test_no_title_for_a_text_that_starts_with_a_sentence():
    a = clean_text(
        "The council met on Monday to discuss the budget, which has been delayed by three weeks.\n\n"
        "Members agreed to meet again on Friday.\n"
    )
    assert a.title is None
    assert len(a.kept_blocks()) == 2
