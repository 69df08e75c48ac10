"""The bundled sample articles (the ``sample_articles`` package)."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from reader.load.files import is_candidate

_NOT_ARTICLES = {"SOURCES.md", "__init__.py"}


def samples_dir() -> Path:
    return Path(str(files("sample_articles")))


def sample_paths() -> list[Path]:
    """The sample article files, sorted by name."""
    root = samples_dir()
    return sorted(
        p for p in root.iterdir() if p.is_file() and p.name not in _NOT_ARTICLES and not p.name.startswith(".") and is_candidate(p)
    )
