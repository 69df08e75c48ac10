"""The optional spaCy backend, with a small pipeline built in code (blank English + entity_ruler)."""

import pytest

spacy = pytest.importorskip("spacy")

from reader.annotate import get_annotator  # noqa: E402
from reader.annotate.groups import group_entities  # noqa: E402
from reader.annotate.spacy_backend import SpacyUnavailable, load_pipeline, spacy_entities  # noqa: E402


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(
        [
            {"label": "PERSON", "pattern": "President Vladimir Putin"},
            {"label": "PERSON", "pattern": "Putin's"},
            {"label": "PERSON", "pattern": "Putin"},
            {"label": "GPE", "pattern": "the United States"},
            {"label": "NORP", "pattern": "Russian"},
            {"label": "DATE", "pattern": "Monday"},
            {"label": "ORG", "pattern": "the Kremlin"},
        ]
    )
    return nlp


def test_spans_are_normalised_and_mapped(nlp):
    text = "Russian President Vladimir Putin met the United States envoy on Monday. Putin's aides and the Kremlin agreed."
    found = [(e.text, e.label) for e in spacy_entities(nlp)(text)]
    assert ("Vladimir Putin", "PER") in found  # title dropped
    assert ("United States", "LOC") in found  # leading "the" dropped
    assert ("Russian", "MISC") in found
    assert ("Kremlin", "ORG") in found
    assert found.count(("Putin", "PER")) == 1  # "'s" dropped
    assert all(label != "DATE" for _, label in found)
    for e in spacy_entities(nlp)(text):
        assert text[e.start : e.end] == e.text


def test_grouping_after_spacy(nlp):
    text = "President Vladimir Putin spoke. Putin left."
    ents = spacy_entities(nlp)(text)
    out, groups = group_entities(text, ents)
    assert len({e.group for e in out if e.label == "PER"}) == 1
    assert any(g.name == "Vladimir Putin" for g in groups)


def test_missing_model_is_a_clear_error():
    with pytest.raises(SpacyUnavailable):
        load_pipeline("no_such_pipeline_xyz")
    with pytest.raises(SpacyUnavailable):
        get_annotator("spacy:no_such_pipeline_xyz")


def test_annotator_from_a_saved_pipeline(nlp, tmp_path):
    """`--ner spacy:<model>` accepts a package name or a path: save the small pipeline and load it by path."""
    nlp.to_disk(tmp_path / "pipe")
    annotate = get_annotator(f"spacy:{tmp_path / 'pipe'}")
    text = "President Vladimir Putin spoke in the United States. Putin's aides listened."
    result = annotate(text)
    found = [(e.text, e.label) for e in result.entities]
    assert ("Vladimir Putin", "PER") in found and ("United States", "LOC") in found
    groups = {e.group for e in result.entities if e.label == "PER"}
    assert len(groups) == 1
