"""Quotations and their speakers (placeholder: to be built)."""

from __future__ import annotations

from reader.model import Entity, EntityGroup, Quote


def find_quotes(text: str, entities: list[Entity], groups: list[EntityGroup]) -> list[Quote]:
    """Quote spans (with their marks) and speakers, in order."""
    return []
