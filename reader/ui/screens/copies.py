"""The other copies of a story side by side with the current article's clean text.

Opened with ``c`` on an article whose story cluster has other members
(syndicated copies, updated versions).  Each column is a DocView over one
article's clean text (header + paragraphs); the copies are loaded and
cleaned in a thread worker.  Esc (or ``c``, ``q``) closes.
"""

from __future__ import annotations

from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer
from textual.worker import get_current_worker

from reader.ui.doc_view import DocView, plain
from reader.ui.docs import clean_doc

#: At most this many copies next to the current article.
MAX_COPIES = 3


class CopiesScreen(Screen[None]):
    BINDINGS: ClassVar = [
        Binding("escape,c,q", "close", "Close", id="copies-close"),
        Binding("tab", "focus_next", "Next column", show=False, id="copies-next"),
        Binding("shift+tab", "focus_previous", "Prev column", show=False, id="copies-prev"),
    ]

    DEFAULT_CSS = """
    CopiesScreen Horizontal { height: 1fr; }
    CopiesScreen DocView { width: 1fr; height: 1fr; border: round $panel-lighten-2; }
    CopiesScreen DocView:focus { border: round $accent; }
    """

    def __init__(self, current, copies: list[tuple[int, str]], lib) -> None:
        """``current``: the Article read now; ``copies``: (library index, name) of the others."""
        super().__init__()
        self.current = current
        self.copies = copies[:MAX_COPIES]
        self.more = max(len(copies) - MAX_COPIES, 0)
        self.lib = lib

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield DocView(line_numbers=False, id="copy-current")
            for n, (_, name) in enumerate(self.copies):
                view = DocView(line_numbers=False, id=f"copy-{n}")
                view.border_title = plain(name)
                view.border_subtitle = "loading…"
                yield view
        yield Footer(compact=True)

    def on_mount(self) -> None:
        view = self.query_one("#copy-current", DocView)
        doc, _ = clean_doc(self.current)
        view.load(doc.text, doc.blocks)
        view.border_title = "This article"
        more = f" (+{self.more} more)" if self.more else ""
        view.border_subtitle = f"{len(self.copies)} other copies{more}"
        view.focus()
        self.load_copies()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def load_copies(self) -> None:
        worker = get_current_worker()
        for n, (index, _) in enumerate(self.copies):
            if worker.is_cancelled:
                return
            try:
                article = self.lib.article(index)
                doc, _ = clean_doc(article)
                result: tuple | str = (doc.text, doc.blocks, article.stats()["removed_share"])
            except Exception as exc:  # noqa: BLE001 - show it in the column
                result = f"cannot load: {exc}"
            self.app.call_from_thread(self._show, n, result)

    def _show(self, n: int, result) -> None:
        view = self.query_one(f"#copy-{n}", DocView)
        if isinstance(result, str):
            view.load(result, [])
            view.border_subtitle = "failed"
            return
        text, blocks, removed = result
        view.load(text, blocks)
        view.border_subtitle = f"{removed:.0%} removed"

    def action_close(self) -> None:
        self.dismiss(None)
