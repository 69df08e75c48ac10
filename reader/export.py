"""Writers for the clean article: plain text, Markdown and JSON.

The JSON is a contract read by other tools and by our evaluation; this is
the one place it is built.
"""

from __future__ import annotations

import json
from typing import Any

from reader.load.decode import mend_surrogates
from reader.model import Annotations, Article

FORMATS = ("text", "markdown", "json")
EXTENSIONS = {"text": "txt", "markdown": "md", "json": "json", "jsonl": "jsonl"}


def annotations_json(ann: Annotations | None) -> dict[str, list[dict[str, Any]]]:
    if ann is None:
        return {"entities": [], "quotes": [], "groups": []}
    names = {g.id: g.name for g in ann.groups}
    return {
        "entities": [
            {"start": e.start, "end": e.end, "text": e.text, "label": e.label, "group": names.get(e.group)}
            for e in ann.entities
        ],
        "quotes": [
            {
                "start": q.start,
                "end": q.end,
                "text": q.text,
                "speaker": q.speaker,
                "speaker_start": q.speaker_start,
                "speaker_end": q.speaker_end,
                "kind": q.kind,
            }
            for q in ann.quotes
        ],
        "groups": [
            {"id": g.id, "name": g.name, "label": g.label, "mentions": g.mentions, "ambiguous": g.ambiguous}
            for g in ann.groups
        ],
    }


def to_dict(article: Article) -> dict[str, Any]:
    raw = article.raw
    ann = annotations_json(article.annotations)
    out: dict[str, Any] = {
        # (A file name's undecodable bytes, kept by the OS as lone surrogates, cannot go into UTF-8.)
        "source": mend_surrogates(article.source)[0],
        "title": article.title,
        "byline": article.byline,
        "published": article.published,
        "publisher": article.publisher,
        "text": article.clean,
        "blocks": [
            {
                "start": b.start,
                "end": b.end,
                "text": raw[b.start : b.end],
                "kept": b.kept,
                "role": b.role.value,
                "kind": b.kind.value,
                "reason": b.reason.to_json() if b.reason else None,
            }
            for b in article.blocks
        ],
        "entities": ann["entities"],
        "quotes": ann["quotes"],
        "groups": ann["groups"],
        "notes": list(article.notes),
    }
    if article.cluster is not None:
        out["cluster"] = article.cluster
    return out


def to_json(article: Article, indent: int | None = 2) -> str:
    return json.dumps(to_dict(article), ensure_ascii=False, indent=indent)


def to_text(article: Article) -> str:
    parts = []
    if article.title:
        parts.append(article.title)
    if article.clean:
        parts.append(article.clean)
    return "\n\n".join(parts) + "\n"


def to_markdown(article: Article) -> str:
    parts = []
    if article.title:
        parts.append(f"# {article.title}")
    meta = [m for m in (article.publisher, article.byline, article.published) if m]
    if meta:
        parts.append("*" + " · ".join(meta) + "*")
    if article.clean:
        parts.append(article.clean)
    return "\n\n".join(parts) + "\n"


def render(article: Article, fmt: str) -> str:
    if fmt == "json":
        return to_json(article) + "\n"
    if fmt == "jsonl":
        return to_json(article, indent=None) + "\n"
    if fmt == "markdown":
        return to_markdown(article)
    return to_text(article)
