"""Messages the reader's workers post back to the app (small, one module)."""

from __future__ import annotations

from textual.message import Message


class LibraryLoaded(Message):
    """The inputs were discovered and read (``entries`` is the new library)."""

    def __init__(self, entries: list, inputs: set | None = None, lib: object | None = None) -> None:
        super().__init__()
        self.entries = entries
        self.inputs = inputs or set()
        self.lib = lib  # reader.library.index.Library


class EntryUpdated(Message):
    """One library entry changed (cleaned in the background, or failed)."""

    def __init__(self, index: int) -> None:
        super().__init__()
        self.index = index


class ArticleReady(Message):
    """An article is cleaned and its pane documents are built."""

    def __init__(self, index: int, prepared: object) -> None:
        super().__init__()
        self.index = index
        self.prepared = prepared


class ArticleFailed(Message):
    """Cleaning an article raised; the app shows the error and keeps running."""

    def __init__(self, index: int, error: str) -> None:
        super().__init__()
        self.index = index
        self.error = error


class AnnotationsReady(Message):
    """Entities and quotes of an article are computed (its ``annotations`` are set)."""

    def __init__(self, index: int) -> None:
        super().__init__()
        self.index = index


class RawPreview(Message):
    """A big article's raw text, wrapped for the raw pane, shown while it is cleaned."""

    def __init__(self, index: int, layout: object) -> None:
        super().__init__()
        self.index = index
        self.layout = layout


class IndexProgress(Message):
    """The background indexer summarised ``done`` of ``total`` entries (``finished``: clusters too)."""

    def __init__(self, done: int, total: int, finished: bool = False) -> None:
        super().__init__()
        self.done = done
        self.total = total
        self.finished = finished

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, IndexProgress) and not message.finished
