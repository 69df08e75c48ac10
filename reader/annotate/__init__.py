"""Annotation: named entities and quotations over a text.

``get_annotator(spec)`` returns a function ``text -> Annotations``; entity
and quote spans are character offsets into that text.

Pipeline: ``entities.find_entities`` (mentions with labels) →
``groups.group_entities`` (canonical names, alias groups) →
``quotes.find_quotes`` (quote spans and speakers, resolved through the groups).
"""

from __future__ import annotations

from collections.abc import Callable

from reader.model import Annotations

Annotator = Callable[[str], Annotations]


def get_annotator(spec: str | None = None) -> Annotator:
    """The annotator for ``spec``: None or 'rules' (default), 'spacy:<model>'."""
    from reader.annotate.groups import group_entities
    from reader.annotate.quotes import find_quotes

    if spec and spec.startswith("spacy:"):
        from reader.annotate.spacy_backend import find_entities_for

        find_entities = find_entities_for(spec.split(":", 1)[1])
    elif spec in (None, "", "rules"):
        from reader.annotate.entities import find_entities
    else:
        raise ValueError(f"unknown entity engine: {spec!r} (use 'rules' or 'spacy:<model>')")

    def annotate(text: str) -> Annotations:
        mentions = find_entities(text)
        entities, groups = group_entities(text, mentions)
        quotes = find_quotes(text, entities, groups)
        return Annotations(entities=entities, quotes=quotes, groups=groups)

    return annotate
