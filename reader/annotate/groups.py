"""Alias grouping of entity mentions (placeholder: to be built)."""

from __future__ import annotations

from reader.model import Entity, EntityGroup


def group_entities(text: str, mentions: list[Entity]) -> tuple[list[Entity], list[EntityGroup]]:
    """Assign every mention a group; return (mentions with group ids, groups)."""
    groups: list[EntityGroup] = []
    by_name: dict[tuple[str, str], int] = {}
    out: list[Entity] = []
    counts: dict[int, int] = {}
    for m in mentions:
        key = (m.text, m.label)
        gid = by_name.setdefault(key, len(by_name))
        counts[gid] = counts.get(gid, 0) + 1
        out.append(Entity(m.start, m.end, m.label, gid, m.text))
    for (name, label), gid in by_name.items():
        groups.append(EntityGroup(gid, name, label, counts[gid]))
    return out, groups
