"""Loading inputs: files and directories into (uncleaned) articles.

Each loader takes a path and returns the articles in it (a text file holds
one; a JSON Lines file may hold many).  Errors are :class:`LoadError` with a
one-line message.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from reader.errors import LoadError
from reader.load.files import Found, discover
from reader.load.text import article_from_bytes, load_text
from reader.model import Article

Loader = Callable[[Path], list[Article]]

#: Loaders by file suffix; anything else is tried as text.
LOADERS: dict[str, Loader] = {}

#: The built-in loaders' suffixes, known without importing them: html.suffixes() and the records'
#: JSON/JSONL suffixes (tests check both lists agree).  The modules load on first use, so opening
#: a text file never imports the HTML or records code.
HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".html.gz", ".htm.gz", ".xhtml.gz")
RECORD_SUFFIXES = (".json", ".json.gz", ".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")


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


def iter_path(path: Path) -> Iterator[Article | str]:
    """Every article in one file, streamed where the format allows (JSON Lines, JSON lists).

    Yields an :class:`Article` or a one-line problem (a str) about one record;
    raises LoadError for a problem with the whole file.
    """
    from reader.load import records

    if records.handles(path):
        for item in records.iter_records(path):
            yield item if isinstance(item, Article) else item.message
        return
    yield from load_path(path)


def _load_html(path: Path) -> list[Article]:
    from reader.load import html

    return html.load_html(path)


def _load_records(path: Path) -> list[Article]:
    from reader.load import records

    return records.load_records(path)


def _register_builtin() -> None:
    register(HTML_SUFFIXES, _load_html)
    register(RECORD_SUFFIXES, _load_records)


_register_builtin()


__all__ = [
    "Article",
    "Found",
    "LoadError",
    "LOADERS",
    "article_from_bytes",
    "discover",
    "handles",
    "iter_path",
    "load_path",
    "register",
]
