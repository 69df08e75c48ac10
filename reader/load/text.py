"""Text files (.txt, .text, .md, no extension) as articles."""

from __future__ import annotations

from pathlib import Path

from reader.load.decode import decode_bytes
from reader.load.files import MAX_BYTES, read_bytes
from reader.model import Article


def article_from_bytes(data: bytes, source: str, truncated: bool = False) -> Article:
    """Decode ``data`` into an (uncleaned) article; raises LoadError."""
    notes: list[str] = []
    if truncated:
        cut = data.rfind(b"\n")
        if cut > len(data) // 2:
            data = data[: cut + 1]
        notes.append(f"file larger than {MAX_BYTES // (1024 * 1024)} MB: only the first part was read")
    decoded = decode_bytes(data)
    notes.extend(decoded.notes)
    if not decoded.text or decoded.text.isspace():  # as `not text.strip()`, without the copy
        notes.append("empty article: no text")
    return Article(source=source, raw=decoded.text, encoding=decoded.encoding, notes=notes)


def load_text(path: Path) -> list[Article]:
    data, truncated = read_bytes(path)
    return [article_from_bytes(data, str(path), truncated)]
