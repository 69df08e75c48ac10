"""Annotation: named entities and quotations over a text.

``get_annotator(spec)`` returns a function ``text -> Annotations``; entity
and quote spans are character offsets into that text.
"""

from __future__ import annotations

from collections.abc import Callable

from reader.model import Annotations

Annotator = Callable[[str], Annotations]


def get_annotator(spec: str | None = None) -> Annotator:
    """The annotator for ``spec``: None or 'rules' (default), 'spacy:<model>'."""

    def annotate(text: str) -> Annotations:
        return Annotations()

    return annotate
