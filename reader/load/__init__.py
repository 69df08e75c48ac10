"""Loading inputs: files and directories into (uncleaned) articles.

Each loader takes a path and returns the articles in it (a text file holds
one; a JSON Lines file may hold many).  Errors are :class:`LoadError` with a
one-line message.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from reader.errors import LoadError
from reader.load.files import Found, discover
from reader.load.text import article_from_bytes, load_text
from reader.model import Article

Loader = Callable[[Path], list[Article]]

#: Loaders by file suffix; anything else is tried as text.
LOADERS: dict[str, Loader] = {}


def register(suffixes: tuple[str, ...], loader: Loader) -> None:
    for suffix in suffixes:
        LOADERS[suffix] = loader


def handles(path: Path) -> bool:
    return "".join(path.suffixes[-2:]).lower() in LOADERS or path.suffix.lower() in LOADERS


def loader_for(path: Path) -> Loader:
    double = "".join(path.suffixes[-2:]).lower()
    return LOADERS.get(double) or LOADERS.get(path.suffix.lower()) or load_text


def load_path(path: Path) -> list[Article]:
    """Load every article in one file; raises LoadError."""
    return loader_for(path)(path)


__all__ = [
    "Article",
    "Found",
    "LoadError",
    "LOADERS",
    "article_from_bytes",
    "discover",
    "handles",
    "load_path",
    "register",
]
