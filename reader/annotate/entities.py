"""Named-entity mentions without a downloaded model (placeholder: to be built)."""

from __future__ import annotations

from reader.model import Entity


def find_entities(text: str) -> list[Entity]:
    """Entity mentions (group unset) in ``text``, in order, non-overlapping."""
    return []
