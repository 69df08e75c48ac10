"""Optional spaCy entity backend: ``--ner spacy:<model>``.

Install with ``pip install "newsreader[spacy]"`` plus any pipeline
(``python -m spacy download en_core_web_sm`` where the network allows, or a
package).  spaCy's spans pass through the same normalisation as the rule
engine (no leading "the", no "'s", no titles in person names) and the same
document consistency pass, then the shared grouping.

spaCy is imported only here and only when this backend is asked for, so the
app works without it.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

from reader.annotate.entities import consistency, normalise_spans
from reader.model import Entity

#: spaCy / OntoNotes labels -> ours (None: not a named entity for us).
LABEL_MAP: dict[str, str | None] = {
    "PERSON": "PER",
    "PER": "PER",
    "ORG": "ORG",
    "GPE": "LOC",
    "LOC": "LOC",
    "FAC": "LOC",
    "NORP": "MISC",
    "EVENT": "MISC",
    "WORK_OF_ART": "MISC",
    "PRODUCT": "MISC",
    "LAW": "MISC",
    "LANGUAGE": "MISC",
    "MISC": "MISC",
}


class SpacyUnavailable(RuntimeError):
    """spaCy or the requested pipeline is not installed."""


@lru_cache(maxsize=4)
def load_pipeline(model: str) -> Any:
    """``spacy.load(model)`` once per process, with a clear error if it is missing."""
    try:
        import spacy
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise SpacyUnavailable('spaCy is not installed: pip install "newsreader[spacy]"') from exc
    try:
        return spacy.load(model, disable=["lemmatizer"])
    except OSError as exc:
        raise SpacyUnavailable(f"spaCy pipeline {model!r} is not installed") from exc


def spacy_entities(nlp: Any) -> Callable[[str], list[Entity]]:
    """A ``find_entities``-compatible function backed by the spaCy pipeline ``nlp``."""

    def find(text: str) -> list[Entity]:
        doc = nlp(text)
        spans = []
        for ent in doc.ents:
            label = LABEL_MAP.get(ent.label_)
            if label:
                spans.append((ent.start_char, ent.end_char, label))
        cands = consistency(text, normalise_spans(text, spans))
        return [Entity(c.start, c.end, c.label, -1, c.text) for c in cands if c.label]

    return find


def find_entities_for(model: str) -> Callable[[str], list[Entity]]:
    """The entity function for ``spacy:<model>``."""
    return spacy_entities(load_pipeline(model))
