"""The reader app: library, raw pane beside clean pane, synced on blocks.

``make_app(paths, ner)`` builds the app for the CLI, the tests and the
benchmarks alike; ``run(paths, ner)`` is what ``newsreader [PATH ...]`` calls.

Threads: discovering and reading inputs, cleaning and annotating an article
and building the panes' documents all run in thread workers; results come
back as messages (:mod:`reader.ui.messages`).  Opening an article is an
exclusive worker, so switching fast drops stale work.
"""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Container, Horizontal, Vertical
from textual.events import Resize
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Header
from textual.worker import Worker, WorkerState, get_current_worker

from reader.model import Article, Role
from reader.ui.config import Config, load_config
from reader.ui.doc_view import DocBlock, DocView, Span, plain
from reader.ui.layout import gutter_for, layout_lines, visible, visible_text
from reader.ui.library import Entry, Library
from reader.ui.messages import (
    AnnotationsReady,
    ArticleFailed,
    ArticleReady,
    EntryUpdated,
    LibraryLoaded,
    RawPreview,
)
from reader.ui.preload import PREVIEW_CHARS, Preload, Prepared, input_files, open_library, prepare, sample_paths

if TYPE_CHECKING:
    from textual.notifications import SeverityLevel

    from reader.ui.annotations import AnnotationSpans

#: Below this width the panes stack (and the library starts hidden).
NARROW = 100
#: How long the first frame may wait for the preloaded first article (seconds).
PRELOAD_WAIT = 0.25

_STARTED = time.perf_counter()


# The reader's keys. Every binding has an id, so a keymap in the config file can remap it.
READER_BINDINGS = [
    Binding("q", "app.quit", "Quit", id="quit"),
    Binding("tab", "app.focus_pane(1)", "Pane", show=False, id="pane-next"),
    Binding("shift+tab", "app.focus_pane(-1)", "Prev pane", show=False, id="pane-prev"),
    Binding("left_square_bracket", "app.article(-1)", "Prev article", show=False, id="article-prev"),
    Binding("right_square_bracket", "app.article(1)", "Article", id="article-next", key_display="[ ]"),
    Binding("slash", "app.search", "Search", id="search"),
    Binding("n", "app.search_step(1)", "Next match", show=False, id="search-next"),
    Binding("N", "app.search_step(-1)", "Prev match", show=False, id="search-prev"),
    Binding("enter", "app.jump_original", "Original", id="jump-original"),
    Binding("d", "app.toggle_removed_only", "Removed", id="removed-only"),
    Binding("y", "app.copy_block", "Copy", show=False, id="copy-block"),
    Binding("s", "app.toggle_sync", "Sync", show=False, id="toggle-sync"),
    Binding("l", "app.toggle_library", "Library", show=False, id="toggle-library"),
    Binding("ctrl+s", "app.export", "Export", show=False, id="export"),
    Binding("question_mark", "app.help", "Help", id="help"),
    Binding("escape", "app.clear_search", "Clear search", show=False, id="clear-search"),
    # entities and quotes
    Binding("e", "app.entity_step(1)", "Entity", id="entity-next", key_display="e/E"),
    Binding("E", "app.entity_step(-1)", "Prev entity", show=False, id="entity-prev"),
    Binding("o", "app.quote_step(1)", "Quote", id="quote-next", key_display="o/O"),
    Binding("O", "app.quote_step(-1)", "Prev quote", show=False, id="quote-prev"),
    Binding("p", "app.entity_panel", "Entities", id="entity-panel"),
    Binding("w", "app.quote_panel", "Quotes", id="quote-panel"),
    Binding("h", "app.toggle_highlights", "Highlights", show=False, id="highlights"),
    Binding("c", "app.copies", "Copies", show=False, id="copies"),
    Binding("f", "app.library_filter", "Filter library", show=False, id="library-filter"),
]

HELP_DESCRIPTIONS = {
    "quit": "quit",
    "pane-next": "next pane (library, raw, clean)",
    "pane-prev": "previous pane",
    "article-prev": "previous article",
    "article-next": "next article",
    "search": "search both panes (all matches highlighted)",
    "search-next": "next match in this pane",
    "search-prev": "previous match in this pane",
    "jump-original": "on a duplicate: jump to the block it repeats",
    "removed-only": "raw pane: show only removed blocks (again: all)",
    "copy-block": "copy the cursor's block to the clipboard",
    "toggle-sync": "keep the other pane aligned on the same block (on/off)",
    "toggle-library": "show / hide the library",
    "export": "export the clean article (text, Markdown, JSON)",
    "help": "this screen",
    "clear-search": "close the search bar / clear the search",
    "entity-next": "next mention of the selected entity (none selected: next entity)",
    "entity-prev": "previous mention of the selected entity (or previous entity)",
    "quote-next": "next quote",
    "quote-prev": "previous quote",
    "entity-panel": "entity panel: groups with counts (t: filter by type, Enter: select / unselect)",
    "quote-panel": "quote panel: quotes and speakers (Enter: jump to the quote)",
    "highlights": "entity and quote highlights off / on (plain reading)",
    "copies": "the other copies of this story (same story in other files) side by side",
    "library-filter": "library: fuzzy filter over titles, sources and file names",
    "library-sort": "library: sort by name, date, share removed (cycles)",
    "library-sort-reverse": "library: reverse the order",
    "library-open": "library: open the article",
    "entity-filter": "entity panel: cycle the type filter (all, PER, ORG, LOC, MISC)",
    "block-next": "next block",
    "block-prev": "previous block",
    "page-down": "page down",
    "page-up": "page up",
    "top": "first block",
    "bottom": "last block",
}

HELP_EXTRA = [
    ("Entities", "t", "entity panel: cycle the type filter (all, PER, ORG, LOC, MISC)", "entity-filter"),
    ("Entities", "Enter", "entity panel: select / unselect a group; quote panel: jump to the quote", ""),
    ("Pane", "mouse drag, Ctrl+C", "select text, copy it (OSC 52)", ""),
    ("App", "Ctrl+P", "command palette", "(App.COMMAND_PALETTE_BINDING)"),
    ("App", "Ctrl+Q", "quit", "(Textual)"),
]


def _reader_commands():
    """The palette provider, imported when the palette first opens (textual.command is not light)."""
    from reader.ui.commands import ReaderCommands

    return ReaderCommands


class ReaderFooter(Footer):
    """Textual's Footer; in compact mode its keys get the ``-compact`` class before they are mounted.

    (Footer binds each key's ``compact`` to its own, and the key adds the class when that is first
    set, after mounting: a second styling pass for every key, on every recompose.  With the class
    already there, that is a no-op.  What is shown does not change.)
    """

    #: Keys the footer leaves out below NARROW columns, so that the rest fits (all are in the help screen).
    SECONDARY = frozenset({"app.jump_original", "app.toggle_removed_only", "app.entity_panel", "app.quote_panel"})

    def compose(self) -> ComposeResult:
        from textual.widgets._footer import FooterKey  # (loaded with Footer)

        compact = self.compact
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                if compact:
                    widget.set_class(True, "-compact", update=False)
                if widget.action in self.SECONDARY:
                    widget.set_class(True, "-secondary", update=False)
            yield widget


class StatusLine(Widget):
    """One line: the cursor block's reason and the article's totals.

    Not a Static: updating a Static asks for a new layout of the whole screen,
    and the status changes on every cursor move.
    """

    DEFAULT_CSS = "StatusLine { height: 1; }"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._text = Text("")

    def show(self, text: Text) -> None:
        text = visible_text(text)  # (reasons, entity names, quotes and searches are data)
        if text.plain != self._text.plain or text.spans != self._text.spans:
            self._text = text
            self.refresh()

    @property
    def text(self) -> Text:
        return self._text

    def render(self) -> Text:
        return self._text


class ReaderScreen(Screen):
    """The main screen (its bindings take precedence over Screen's tab/shift+tab)."""

    BINDINGS = READER_BINDINGS
    AUTO_FOCUS = "#raw"

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="main"):
            with Vertical(id="library-pane"):
                yield Library(id="library")
            with Container(id="panes"):
                yield DocView(line_numbers=True, id="raw")
                yield DocView(line_numbers=False, id="clean")
        with Horizontal(id="status-bar"):
            yield StatusLine(id="status")
        yield ReaderFooter(compact=True)

    def on_mount(self) -> None:
        self.app.reader_mounted()  # type: ignore[attr-defined]


class NewsReaderApp(App[int]):
    """Read scraped news: the raw text beside the clean article, every removal explained."""

    TITLE = "newsreader"
    CSS_PATH = "newsreader.tcss"
    COMMANDS = App.COMMANDS | {_reader_commands}
    ENABLE_COMMAND_PALETTE = True

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """A notification, its message shown as it is: ours carry data (file names, errors, what
        was typed), never markup ("[/b]" in a search stopped the app) nor control characters."""
        super().notify(visible(message), title=visible(title), severity=severity, timeout=timeout, markup=markup)

    def __init__(
        self,
        paths: list[str],
        ner: str | None = None,
        config: Config | None = None,
        *,
        preload: bool | Preload = True,
    ) -> None:
        super().__init__()
        self.paths = list(paths)
        self.ner = ner
        self.config = config if config is not None else Config()
        self.entries: list[Entry] = []
        self.current = -1
        self.prepared: Prepared | None = None
        self.sync = True
        self.removed_only = False
        self.layout_mode = "auto"  # auto | side | stacked
        self.library_shown: bool | None = None  # None: automatic (hidden when narrow)
        self.search_query = ""
        self.search_hits: dict[str, list[tuple[int, int]]] = {"raw": [], "clean": []}
        self.search_index: dict[str, int] = {"raw": -1, "clean": -1}
        self.input_paths: set[Path] = set()
        self.first_paint_at: float | None = None
        #: perf_counter() marks of the last article: "open" (asked), "ready" (cleaned), "painted"
        self.timings: dict[str, float] = {}
        self._reader_ready = False
        self._loading_timer = None
        self._clean_rest_pending = False
        # the library (reader.library.index.Library): filter, sort, background indexing
        self.lib = None
        self.library_query = ""
        self.library_sort = "name"
        self.library_reverse = False
        self.index_progress: tuple[int, int] | None = None
        #: worker processes for indexing (None: one for a small library, all cores for a big one)
        self.index_jobs: int | None = None
        #: entries whose article is loaded, most recent last (the others are let go)
        self._loaded: list[int] = []
        self._visible_pending: list[int] = []
        # entities and quotes
        self.highlights = True
        self.spans: AnnotationSpans | None = None  # the current article's, once annotated
        self.entity_group: int | None = None  # the group selected in the entity panel
        self._mark: tuple[str, int, DocView, int] | None = None  # (kind, index, view, cursor) of the last e/o step
        self._last_pane: DocView | None = None
        self._annotate_after_paint: int | None = None
        self._panels: tuple = (None, None)  # (EntityPanel, QuotePanel), mounted on first use
        # Read and clean the first input on a plain thread while Textual starts up.
        # (reader.ui.launch starts it even before Textual is imported and passes it in)
        if isinstance(preload, Preload):
            self._preload: Preload | None = preload
        else:
            self._preload = Preload(self.paths) if preload else None
        if self.config.keymap:
            self.set_keymap(self.config.keymap)

    # -- set-up -------------------------------------------------------------

    def get_default_screen(self) -> Screen:
        self._reader_screen = ReaderScreen(id="reader")
        return self._reader_screen

    def on_mount(self) -> None:
        if self.config.theme:
            if self.config.theme in self.available_themes:
                self.theme = self.config.theme
            else:
                self.notify(f"unknown theme in config: {self.config.theme}", severity="warning")
        if self.config.error:
            self.notify(f"config ignored: {self.config.error}", severity="warning")

    def reader_mounted(self) -> None:
        """The reader screen is composed: start loading."""
        self._reader_ready = True
        self.raw_view.border_title = "Raw"
        self.clean_view.border_title = "Clean"
        self.raw_view.sync_hook = self.clean_view.sync_hook = self._cursor_sync
        self._reader.set_focus(self.raw_view)  # now: the Footer's keys are right in the first frame
        self._apply_layout(self.size.width)
        self._set_loading(True)
        preload = self._preload
        # At start-up nothing is on screen yet: a short, bounded wait for the preloader lets the
        # first frame show the article instead of empty panes (a big input falls back to the worker).
        if preload is not None and preload.wait(PRELOAD_WAIT):
            # read and cleaned while Textual started: show it in the first frame
            self._preload = None
            entries, inputs = preload.result()
            self._library_loaded(LibraryLoaded(entries, inputs, preload.lib))
        else:
            self.load_inputs(self.paths)

    @property
    def raw_view(self) -> DocView:
        return self._reader.query_one("#raw", DocView)

    @property
    def clean_view(self) -> DocView:
        return self._reader.query_one("#clean", DocView)

    #: Below this width an open entity / quote panel hides the library (unless it was asked for).
    WIDE_WITH_SIDE = 160

    def _library_auto(self, width: int) -> bool:
        """Whether the library shows when the user has not chosen: not when narrow, nor beside a side panel."""
        if width < NARROW:
            return False
        side = self._reader.query("#side")
        return not (side and side.first().display and width < self.WIDE_WITH_SIDE)

    def _library_shown(self) -> bool:
        return bool(self._reader.query_one("#library-pane").display)

    @property
    def library(self) -> Library:
        return self._reader.query_one("#library", Library)

    @property
    def _reader(self) -> Screen:
        return self._reader_screen

    def _set_loading(self, on_: bool) -> None:
        """Show the loading indicator, after a short delay (fast loads never flash it)."""
        if self._loading_timer is not None:
            self._loading_timer.stop()
            self._loading_timer = None
        if on_:
            self._loading_timer = self.set_timer(0.15, lambda: self._show_loading(True))
        else:
            self._show_loading(False)

    def _show_loading(self, on_: bool) -> None:
        # An indicator in the status bar: covering the panes would take their size away.
        # mounted on first use: one widget less to build before the first frame
        found = self._reader.query("#loading")
        if found:
            found.first().display = on_
        elif on_:
            from textual.widgets import LoadingIndicator

            self._reader.query_one("#status-bar").mount(LoadingIndicator(id="loading"))

    # -- layout -------------------------------------------------------------

    def on_resize(self, event: Resize) -> None:
        if self._reader_ready:
            self._apply_layout(event.size.width)
            self.call_after_refresh(self._update_status)  # the new width is known after the refresh

    def _apply_layout(self, width: int) -> None:
        screen = self._reader
        narrow = width < NARROW
        stacked = self.layout_mode == "stacked" or (self.layout_mode == "auto" and narrow)
        panes = screen.query_one("#panes")
        panes.set_class(stacked, "-stacked")
        screen.set_class(narrow, "-narrow")
        shown = self.library_shown if self.library_shown is not None else self._library_auto(width)
        pane = screen.query_one("#library-pane")
        if pane.display != shown:
            if not shown and pane.has_focus_within:
                self.raw_view.focus()
            pane.display = shown

    def _pane_widths(self) -> tuple[int, int]:
        """The panes' content widths (gutter + text), estimated from the layout before the first one."""
        raw, clean = self.raw_view.content_width, self.clean_view.content_width
        if raw > 0 and clean > 0:
            return raw, clean
        width = self.size.width
        narrow = width < NARROW
        stacked = self.layout_mode == "stacked" or (self.layout_mode == "auto" and narrow)
        shown = self.library_shown if self.library_shown is not None else self._library_auto(width)
        avail = width - ((30 if narrow else 40) if shown else 0)
        raw_outer = avail if stacked else avail - avail // 2
        clean_outer = avail if stacked else avail // 2
        return max(raw_outer - 4, 0), max(clean_outer - 4, 0)  # border 2, scrollbar 2

    # -- loading ------------------------------------------------------------

    @work(thread=True, exclusive=True, group="inputs", exit_on_error=False)
    def load_inputs(self, paths: list[str]) -> None:
        """List the inputs (the preloader started on them while Textual started)."""
        preload, self._preload = self._preload, None
        if preload is not None:
            entries, inputs = preload.result()
            self.post_message(LibraryLoaded(entries, inputs, preload.lib))
            return
        self._read_inputs(paths)

    @work(thread=True, group="more", exit_on_error=False)
    def load_more(self, paths: list[str]) -> None:
        """Add files or directories to the library (palette: open file)."""
        self._read_inputs(paths)

    def _read_inputs(self, paths: list[str]) -> None:
        from reader.ui.preload import first_article

        lib, entries = open_library(paths, self.ner)
        first_article(entries)  # the first that loads is opened; the ones before it show their error
        self.post_message(LibraryLoaded(entries, input_files(lib), lib))

    @on(LibraryLoaded)
    def _library_loaded(self, message: LibraryLoaded) -> None:
        first_new = len(self.entries)
        self.input_paths |= message.inputs  # never exported over
        lib = message.lib
        if self.lib is None:
            self.lib = lib
        elif lib is not None:  # more inputs: one library, numbered on
            for info in lib.entries:
                info.index = len(self.lib.entries)
                self.lib.entries.append(info)
        self.entries.extend(message.entries)
        self._apply_library_order()
        errors = [e for e in message.entries if e.error]
        for entry in errors[:3]:
            self.notify(f"{entry.name}: {entry.error}", title="Cannot load", severity="error", timeout=8)
        if len(errors) > 3:
            self.notify(f"{len(errors) - 3} more inputs cannot be loaded", title="Cannot load", severity="error")
        target = next((i for i in range(first_new, len(self.entries)) if not self.entries[i].error), None)
        if target is None and self.current < 0:
            self._set_loading(False)
            self._show_failed(first_new)
        elif target is not None and (self.current < 0 or first_new > 0):
            self.open_entry(target)
        if self.first_paint_at is not None or target is None:
            self.index_library()
        else:
            self._clean_rest_pending = True  # after the first article is on screen

    # -- the library: filter, sort, background indexing ---------------------------

    def _apply_library_order(self) -> None:
        """Show the entries filtered by the library filter and in the chosen order."""
        lib = self.lib
        n = len(self.entries)
        if lib is None or len(lib.entries) != n:
            order = list(range(n))
        else:
            order = lib.filter(self.library_query) if self.library_query else list(range(n))
            if self.library_sort != "name" or self.library_reverse or not self.library_query:
                if self.library_sort != "name" or self.library_reverse:
                    order = lib.sort(self.library_sort, order, reverse=self.library_reverse)
        self.library.set_entries(self.entries, order)
        self._library_status()

    def _library_status(self) -> None:
        parts = []
        if self.index_progress is not None:
            done, total = self.index_progress
            filled = int(10 * done / total) if total else 10
            parts.append(f"indexing {'▰' * filled}{'▱' * (10 - filled)} {done}/{total}")
        sort = self.library_sort + (" ↓" if self.library_reverse else "")
        parts.append(f"r: {sort}")
        if self.library_query:
            parts.append(f"“{self.library_query}”")
        self.library.set_status(" · ".join(parts))

    async def action_library_filter(self) -> None:
        """Show the library's filter box (fuzzy over titles, sources and file names)."""
        if not self._library_shown():
            self.action_toggle_library()
        found = self._reader.query("#library-filter")
        if found:
            box = found.first()
        else:
            from reader.ui.search import SearchBar

            box = SearchBar(placeholder="filter titles, sources, files", id="library-filter")
            await self._reader.query_one("#library-pane").mount(box, before=0)
        box.display = True
        box.value = self.library_query
        self._reader.set_focus(box)

    def on_input_changed(self, event) -> None:
        if event.input.id == "library-filter":
            self.library_query = event.value.strip()
            self._apply_library_order()

    def action_library_sort(self) -> None:
        keys = ("name", "date", "removed")
        i = keys.index(self.library_sort) if self.library_sort in keys else -1
        self.library_sort = keys[(i + 1) % len(keys)]
        self._apply_library_order()
        self.notify(f"Library sorted by {self.library_sort}", timeout=1.5)

    def _sort_by(self, key: str) -> None:
        self.library_sort = key
        self._apply_library_order()

    def action_library_sort_reverse(self) -> None:
        self.library_reverse = not self.library_reverse
        self._apply_library_order()

    @work(thread=True, exclusive=True, group="background", exit_on_error=False)
    def index_library(self) -> None:
        """Summarise every entry in the background (title, share removed, entities, clusters)."""
        from reader.ui.messages import IndexProgress

        worker = get_current_worker()
        lib = self.lib
        if lib is None or len(lib.entries) != len(self.entries):
            return
        pending = len(lib.pending())
        jobs = self.index_jobs if self.index_jobs is not None else (None if pending > 200 else 1)
        last = 0.0
        done = total = 0
        try:
            for done, total in lib.index_iter(jobs=jobs):
                if worker.is_cancelled:
                    return
                now = time.perf_counter()
                if now - last > 0.25 or done == total:
                    last = now
                    self.post_message(IndexProgress(done, total))
        except (OSError, ValueError) as exc:  # worker processes could not start: index in this one
            if jobs == 1:
                raise
            self.log(f"indexing in worker processes failed ({exc}); indexing in the app's process")
            for done, total in lib.index_iter(jobs=1):
                if worker.is_cancelled:
                    return
                now = time.perf_counter()
                if now - last > 0.25 or done == total:
                    last = now
                    self.post_message(IndexProgress(done, total))
        if not worker.is_cancelled:
            self.post_message(IndexProgress(done, total, finished=True))

    def on_index_progress(self, message) -> None:
        self.index_progress = None if message.finished else (message.done, message.total)
        if message.finished:
            self.timings["indexed"] = time.perf_counter()
            for entry in self.entries:
                if entry.info is not None and entry.info.error and not entry.error:  # type: ignore[attr-defined]
                    entry.error = entry.info.error  # type: ignore[attr-defined]
            if self.library_sort != "name" or self.library_query:
                self._apply_library_order()
        self.library.update_all()
        self._library_status()

    @on(Library.Visible)
    def _library_visible(self, message: Library.Visible) -> None:
        lib = self.lib
        if lib is None or len(lib.entries) != len(self.entries):
            return
        todo = [i for i in message.indices if not lib.entries[i].indexed]
        if self.first_paint_at is None:
            self._visible_pending = todo  # after the first article is on screen
        elif todo:
            self._summarize_visible(todo)

    @work(thread=True, exclusive=True, group="visible", exit_on_error=False)
    def _summarize_visible(self, indices: list[int]) -> None:
        """The rows on screen first: summarised here while the indexer works through the rest."""
        worker = get_current_worker()
        for i in indices:
            if worker.is_cancelled or self.lib is None:
                return
            self.lib.summarize(i)
            self.post_message(EntryUpdated(i))

    def open_entry(self, index: int) -> None:
        if not 0 <= index < len(self.entries):
            return
        self.current = index
        self.library.set_current(index)
        entry = self.entries[index]
        if entry.error:
            self.workers.cancel_group(self, "open")
            self._set_loading(False)
            self._show_failed(index)
            return
        self.timings["open"] = time.perf_counter()
        if entry.prepared is not None:  # cleaned by the preloader
            prepared, entry.prepared = entry.prepared, None
            self.workers.cancel_group(self, "open")
            self._annotate_after_paint = index
            self._article_ready(ArticleReady(index, prepared))
            return
        self._set_loading(True)
        self._clean_entry(index, self._pane_widths())

    def _annotate(self, article: Article) -> None:
        if article.annotations is None:
            from reader.annotate import get_annotator

            article.annotations = get_annotator(self.ner)(article.clean)

    def _clean_locked(self, entry: Entry) -> None:
        from reader.clean import clean_article

        with entry.lock:
            if not entry.cleaned and entry.article is not None:
                clean_article(entry.article)
                entry.cleaned = True

    @work(thread=True, exclusive=True, group="open", exit_on_error=False)
    def _clean_entry(self, index: int, widths: tuple[int, int] | None = None) -> None:
        """Load, clean, annotate and prepare one article; drop the result if it went stale."""
        worker = get_current_worker()
        entry = self.entries[index]
        try:
            with entry.lock:
                article = entry.load()
            if not entry.cleaned and len(article.raw) >= PREVIEW_CHARS and widths is not None and widths[0] > 0:
                # a big input: show its raw text while the core cleans it
                width = max(widths[0] - gutter_for(article.raw, True), 8)
                self.post_message(RawPreview(index, layout_lines(article.raw, [], width)))
            self._clean_locked(entry)
            if worker.is_cancelled:
                return
            prepared = prepare(article, widths)
        except Exception as exc:  # noqa: BLE001 - one bad article must not stop the reader
            if not worker.is_cancelled:
                self.post_message(ArticleFailed(index, f"{type(exc).__name__}: {exc}"))
            return
        if worker.is_cancelled:
            return
        self.post_message(ArticleReady(index, prepared))
        # entities and quotes in the same worker, once the text is on its way to the screen
        self._annotate_entry(index, prepared.clean.header_len, worker)

    def _annotate_entry(self, index: int, header_len: int, worker: Worker) -> None:
        """Annotate one entry's article and build the panes' spans (cached on the entry)."""
        entry = self.entries[index]
        if entry.article is None:
            return
        if entry.spans is None:
            try:
                from reader.ui.annotations import build_spans

                with entry.lock:
                    self._annotate(entry.article)
                entry.spans = build_spans(entry.article, header_len)
                self._summarize_from(entry)
            except Exception as exc:  # noqa: BLE001 - annotations are optional
                if not worker.is_cancelled:
                    self.call_from_thread(self.notify, f"annotation failed: {exc}", severity="warning")
        if not worker.is_cancelled:
            self.post_message(AnnotationsReady(index))

    @staticmethod
    def _summarize_from(entry: Entry) -> None:
        """The library summary of an article the reader has processed: the indexer need not read it again."""
        info = entry.info
        if info is None or info.indexed or entry.article is None:  # type: ignore[attr-defined]
            return
        from reader.library.index import summary_of

        for key, value in summary_of(entry.article).items():
            setattr(info, key, value)

    @on(Worker.StateChanged)
    def _worker_failed(self, event: Worker.StateChanged) -> None:
        """Workers catch what they expect; anything else is shown here, and the app keeps running."""
        if event.state is WorkerState.ERROR:
            error = event.worker.error
            self.notify(f"{event.worker.name}: {type(error).__name__}: {error}", title="Error", severity="error")
            if event.worker.group in ("inputs", "open"):
                self._set_loading(False)

    @on(EntryUpdated)
    def _entry_updated(self, message: EntryUpdated) -> None:
        self.library.update_entry(message.index)

    @on(ArticleFailed)
    def _article_failed(self, message: ArticleFailed) -> None:
        entry = self.entries[message.index]
        entry.error = message.error
        if entry.info is not None:
            entry.info.error = message.error  # type: ignore[attr-defined]
        self.library.update_entry(message.index)
        self.notify(f"{entry.name}: {message.error}", title="Cannot clean", severity="error")
        if message.index == self.current:
            self._set_loading(False)
            self._show_failed(message.index)
        if self._clean_rest_pending:
            self._clean_rest_pending = False
            self.index_library()

    def _show_failed(self, index: int) -> None:
        entry = self.entries[index] if 0 <= index < len(self.entries) else None
        self.prepared = None
        self.spans = None
        self._refresh_panels()
        message = f"{entry.name}: {entry.error}" if entry else "nothing to show"
        self.raw_view.load(message, [DocBlock(-1, 0, len(message), "removed")])
        self.clean_view.clear()
        self.raw_view.border_title = plain(f"Raw · {entry.name}") if entry else "Raw"
        self.clean_view.border_title = "Clean"
        self.raw_view.border_subtitle = "could not load" if entry else None
        self.clean_view.border_subtitle = None
        self.sub_title = visible(entry.name) if entry else ""
        self._update_status()

    @on(RawPreview)
    def _raw_preview(self, message: RawPreview) -> None:
        """The raw text of a big article, before its blocks are known."""
        if message.index != self.current:
            return
        entry = self.entries[message.index]
        assert entry.article is not None
        self.prepared = None
        self.timings["preview"] = time.perf_counter()
        self.raw_view.load(entry.article.raw, [], layout=message.layout)
        self.raw_view.border_title = plain(f"Raw · {entry.name}")
        self.raw_view.border_subtitle = "cleaning…"
        self.clean_view.load("Cleaning…", [])
        self.clean_view.border_subtitle = None
        self._update_status()
        self.call_after_refresh(self._preview_painted)

    def _preview_painted(self) -> None:
        self.timings["preview_painted"] = time.perf_counter()

    @on(ArticleReady)
    def _article_ready(self, message: ArticleReady) -> None:
        if message.index != self.current:
            return
        prepared: Prepared = message.prepared  # type: ignore[assignment]
        self.timings["ready"] = time.perf_counter()
        self.prepared = prepared
        entry = self.entries[message.index]
        self._keep_loaded(message.index)
        self.library.update_entry(message.index)
        article = prepared.article
        raw, clean = self.raw_view, self.clean_view
        if prepared.raw_layout is None and len(article.raw) < PREVIEW_CHARS:
            # wrapped here for the panes' widths (estimated before the first layout): the first frame
            # then needs no rewrap and no second layout pass
            raw_w, clean_w = self._pane_widths()
            if raw_w > 0 and clean_w > 0:
                prepared.raw_layout = layout_lines(
                    article.raw, prepared.raw, max(raw_w - gutter_for(article.raw, True), 8)
                )
                prepared.clean_layout = layout_lines(
                    prepared.clean.text, prepared.clean.blocks, max(clean_w - gutter_for(prepared.clean.text, False), 8)
                )
        raw.load(article.raw, prepared.raw, layout=prepared.raw_layout)
        clean.load(prepared.clean.text, prepared.clean.blocks, layout=prepared.clean_layout)
        prepared.raw_layout = prepared.clean_layout = None  # adopted (or stale): do not keep a second copy
        stats = prepared.stats
        raw.border_title = plain(f"Raw · {entry.name}")
        raw.border_subtitle = f"{stats['blocks']} blocks, {stats['blocks'] - stats['kept']} removed"
        clean.border_title = "Clean"
        clean.border_subtitle = f"{stats['kept']} paragraphs, {stats['kept_share']:.0%} of the text"
        self.sub_title = visible(entry.title)
        if self.removed_only:
            self._apply_removed_only()
        self._set_loading(False)
        if self.search_query:
            self._run_search(self.search_query, announce=False)
        self.entity_group = None
        self._mark = None
        self.spans = None
        if entry.spans is not None:  # annotated before (cached per article)
            self._show_annotations()
        else:
            self._show_annotations(pending=True)
        self._sync_from(raw, align=False)  # both panes open at the top
        self._update_status()
        self.call_after_refresh(self._painted)

    #: How many articles stay loaded (the others are read again when opened).
    KEEP_LOADED = 8

    def _keep_loaded(self, index: int) -> None:
        if index in self._loaded:
            self._loaded.remove(index)
        self._loaded.append(index)
        while len(self._loaded) > self.KEEP_LOADED:
            old = self._loaded.pop(0)
            if old != self.current:
                entry = self.entries[old]
                with entry.lock:
                    entry.release()
                    entry.spans = None

    def _painted(self) -> None:
        self.timings["painted"] = time.perf_counter()
        if self.first_paint_at is None:
            self.first_paint_at = time.perf_counter()
            self.log(f"first article painted {1000 * (self.first_paint_at - _STARTED):.0f} ms after import")
        self.article_shown()
        if self._clean_rest_pending and self.prepared is None:
            self._clean_rest_pending = False
            self.index_library()
        if self._visible_pending:
            todo, self._visible_pending = self._visible_pending, []
            self._summarize_visible(todo)
        index, self._annotate_after_paint = self._annotate_after_paint, None
        if index == self.current and self.prepared is not None and self.entries[index].spans is None:
            # cleaned by the preloader: annotated once it is on screen
            self._annotate_current(index, self.prepared.clean.header_len)

    @work(thread=True, exclusive=True, group="open", exit_on_error=False)
    def _annotate_current(self, index: int, header_len: int) -> None:
        """Entities and quotes of an article cleaned ahead (the preloaded first one)."""
        self._annotate_entry(index, header_len, get_current_worker())

    @on(AnnotationsReady)
    def _annotations_ready(self, message: AnnotationsReady) -> None:
        if message.index == self.current and self.prepared is not None:
            self._show_annotations()
        self.library.update_entry(message.index)
        if self._clean_rest_pending:  # the first article is read: index the rest
            self._clean_rest_pending = False
            self.index_library()

    def show_clean_spans(self, layer: str, spans: list[tuple[int, int, str]]) -> None:
        """Highlight spans of the clean text (start, end, component class) in both panes.

        The clean pane shifts them past its header; the raw pane maps them through
        the article's CleanMap (``to_raw``), so entities and quotes found on the
        clean text show where they are in the raw text too.
        """
        if self.prepared is None:
            return
        from reader.ui.annotations import CleanToRaw

        shift = self.prepared.clean.header_len
        to_raw = CleanToRaw(self.prepared.article)
        self.clean_view.set_layer(layer, [Span(s + shift, e + shift, c) for s, e, c in spans])
        # cut at kept-block boundaries: a span over two paragraphs never paints a removed block between them
        self.raw_view.set_layer(layer, [Span(a, b, c) for s, e, c in spans for a, b in to_raw.pieces(s, e)])

    # -- entities and quotes --------------------------------------------------

    _ANNOTATION_LAYERS = ("quotes", "entities", "entity-selected", "mark")

    def _show_annotations(self, pending: bool = False) -> None:
        """Put the current article's entity and quote spans on both panes, and fill the panels."""
        entry = self.entries[self.current] if 0 <= self.current < len(self.entries) else None
        self.spans = None if pending or entry is None else entry.spans  # type: ignore[assignment]
        self._apply_highlights()
        self._refresh_panels(pending)
        self._update_status()

    def _apply_highlights(self) -> None:
        raw, clean = self.raw_view, self.clean_view
        spans = self.spans
        if spans is None or not self.highlights:
            for layer in self._ANNOTATION_LAYERS:
                raw.set_layer(layer, [])
                clean.set_layer(layer, [])
            return
        raw.set_layer("quotes", spans.raw.quotes)
        clean.set_layer("quotes", spans.clean.quotes)
        raw.set_layer("entities", spans.raw.entities)
        clean.set_layer("entities", spans.clean.entities)
        self._apply_selected()

    def _apply_selected(self) -> None:
        spans = self.spans
        mentions = spans.mentions.get(self.entity_group, []) if spans and self.entity_group is not None else []
        if not self.highlights:
            mentions = []
        shift = spans.header_len if spans else 0
        self.clean_view.set_layer(
            "entity-selected", [Span(s + shift, e + shift, "docview--entity-selected") for s, e in mentions]
        )
        raw_spans = (
            [Span(a, b, "docview--entity-selected") for s, e in mentions for a, b in spans.to_raw.pieces(s, e)]
            if spans
            else []
        )
        self.raw_view.set_layer("entity-selected", raw_spans)

    def _refresh_panels(self, pending: bool = False) -> None:
        entities, quotes = self._panels
        if entities is None or quotes is None:
            return
        spans = self.spans
        if spans is None:
            entities.set_groups([])
            quotes.set_quotes([])
            if pending and self.prepared is not None:
                entities.border_subtitle = quotes.border_subtitle = "annotating…"
            return
        from reader.ui.annotations import speaker_label

        entities.set_groups(spans.annotations.groups, self.entity_group)
        article = self.prepared.article if self.prepared else None
        rows = []
        for q in spans.quotes:
            text = article.clean[q.start : q.end] if article else q.text
            rows.append((text, speaker_label(article, q) if article else (q.speaker or ""), q.kind))
        quotes.set_quotes(rows)
        quotes.border_subtitle = "Enter: go · o/O"

    async def _toggle_side(self, which: str) -> None:
        """Show (and focus) the entity or quote panel; again on the focused panel: hide it."""
        from textual.containers import Vertical

        from reader.ui.panels import EntityPanel, QuotePanel

        entities, quotes = self._panels
        if entities is None or quotes is None:
            # mounted on first use: nothing to build before the first frame
            entities, quotes = EntityPanel(id="entities"), QuotePanel(id="quotes")
            entities.display = quotes.display = False
            side = Vertical(entities, quotes, id="side")
            await self._reader.query_one("#main").mount(side)
            self._panels = (entities, quotes)
            self._refresh_panels(self.spans is None)
        side = self._reader.query_one("#side")
        panel = entities if which == "entities" else quotes
        if side.display and panel.display and panel.has_focus:
            panel.display = False
            if not (entities.display or quotes.display):
                side.display = False
                self._apply_layout(self.size.width)
            self._focus_last_pane()
            return
        side.display = True
        panel.display = True
        panel.focus()
        self._apply_layout(self.size.width)

    async def action_entity_panel(self) -> None:
        await self._toggle_side("entities")

    async def action_quote_panel(self) -> None:
        await self._toggle_side("quotes")

    def _focus_last_pane(self) -> None:
        pane = self._last_pane if self._last_pane is not None else self.raw_view
        pane.focus()

    def action_toggle_highlights(self) -> None:
        self.highlights = not self.highlights
        self._apply_highlights()
        self.notify("Highlights on" if self.highlights else "Highlights off (plain reading)", timeout=2)
        self._update_status()

    def _target_pane(self) -> DocView:
        if isinstance(self.focused, DocView):
            return self.focused
        return self._last_pane if self._last_pane is not None else self.raw_view

    def _cursor_clean_offset(self, view: DocView) -> int:
        """Where ``view``'s cursor is, as an offset of the clean text."""
        spans = self.spans
        if spans is None or self.prepared is None:
            return 0
        if view is self.clean_view:
            if view.cursor < 0:
                ghost = view.ghost
                pos = ghost[0] + 1 if ghost else 0
                block = view.blocks[min(pos, len(view.blocks) - 1)] if view.blocks else None
            else:
                block = view.blocks[view.cursor]
            return max((block.start if block else 0) - spans.header_len, 0)
        key = view.cursor_key
        if key is None or key < 0:
            return 0
        cmap = self.prepared.article.clean_map
        kept = cmap.kept_blocks()
        import bisect

        i = bisect.bisect_left(kept, key)
        if i >= len(kept):
            return len(self.prepared.article.clean)
        span = cmap.clean_span(kept[i])
        return span[0] if span else 0

    def _step_marks(self, kind: str, marks: list[tuple[int, int]], step: int) -> int | None:
        """The index of the next (step 1) or previous (-1) mark from the cursor of the target pane."""
        if not marks:
            return None
        view = self._target_pane()
        last = self._mark
        if last is not None and last[0] == kind and last[2] is view and last[3] == view.cursor and last[1] < len(marks):
            return (last[1] + step) % len(marks)
        offset = self._cursor_clean_offset(view)
        import bisect

        starts = [m[0] for m in marks]
        if step > 0:
            i = bisect.bisect_left(starts, offset)
        else:
            i = bisect.bisect_left(starts, offset) - 1
        return i % len(marks)

    def _goto_clean_span(self, kind: str, index: int, start: int, end: int) -> None:
        """Move the target pane's cursor to clean span [start, end), mark it in both panes, sync."""
        spans = self.spans
        assert spans is not None
        view = self._target_pane()
        shift = spans.header_len
        pieces = spans.to_raw.pieces(start, end) or [(spans.to_raw.offset(start),) * 2]
        mark = "docview--mark"
        if self.highlights:
            self.clean_view.set_layer("mark", [Span(start + shift, end + shift, mark)])
            self.raw_view.set_layer("mark", [Span(a, b, mark) for a, b in pieces])
        offset = start + shift if view is self.clean_view else pieces[0][0]
        pos = view.block_at_offset(offset)
        if view is self.raw_view and not view.is_shown(pos):
            self.removed_only = False
            self._apply_removed_only()
        view.move_to(pos)  # the sync hook aligns the other pane
        line = view.line_of_offset(offset)
        top = int(view.scroll_y)
        height = view.view_height
        if not top <= line < top + height:
            view.align_line(line, height // 3)
            self._sync_from(view)
        self._mark = (kind, index, view, view.cursor)
        self._update_status()

    def action_entity_step(self, step: int) -> None:
        spans = self.spans
        if spans is None:
            self.notify("No entities (yet) in this article.", timeout=2)
            return
        marks = spans.mentions.get(self.entity_group, []) if self.entity_group is not None else spans.all_mentions
        kind = f"entity:{self.entity_group}"
        i = self._step_marks(kind, marks, step)
        if i is None:
            self.notify("No entities in this article.", timeout=2)
            return
        self._goto_clean_span(kind, i, *marks[i])

    def action_quote_step(self, step: int) -> None:
        spans = self.spans
        if spans is None or not spans.quotes:
            self.notify("No quotes in this article." if spans is not None else "Annotating…", timeout=2)
            return
        marks = [(q.start, q.end) for q in spans.quotes]
        i = self._step_marks("quote", marks, step)
        if i is not None:
            self._goto_quote(i)

    def _goto_quote(self, i: int) -> None:
        assert self.spans is not None
        q = self.spans.quotes[i]
        self._goto_clean_span("quote", i, q.start, q.end)

    def select_entity_group(self, group: int | None) -> None:
        """Highlight every mention of ``group`` in both panes (None: clear); e/E then step through them."""
        self.entity_group = group
        self._mark = None
        self._apply_selected()
        panel = self._panels[0]
        if panel is not None and panel.selected != group:
            panel.set_selected(group)
        self._update_status()

    def on_entity_panel_group_selected(self, message) -> None:
        self.select_entity_group(message.group)
        if message.group is not None and self.spans is not None:
            mentions = self.spans.mentions.get(message.group, [])
            if mentions:
                # show the first mention at or after the cursor, in the pane read last
                i = self._step_marks(f"entity:{message.group}", mentions, 1)
                if i is not None:
                    self._goto_clean_span(f"entity:{message.group}", i, *mentions[i])

    def on_quote_panel_quote_chosen(self, message) -> None:
        if self.spans is not None and 0 <= message.index < len(self.spans.quotes):
            self._goto_quote(message.index)
            self._focus_last_pane()

    def _quote_status(self, key: int | None, view: DocView) -> Text | None:
        """The speakers of the quotes in the cursor's block (the last stepped-to quote first)."""
        spans = self.spans
        if spans is None or not spans.quotes or self.prepared is None:
            return None
        from reader.ui.annotations import speaker_label

        article = self.prepared.article
        if self._mark is not None and self._mark[0] == "quote" and self._mark[3] == self._mark[2].cursor:
            q = spans.quotes[self._mark[1]]
            return Text(f"❝ {speaker_label(article, q)}  ({self._mark[1] + 1}/{len(spans.quotes)})")
        if view is self.clean_view and view.cursor >= 0:
            b = view.blocks[view.cursor]
            lo, hi = b.start - spans.header_len, b.end - spans.header_len
        elif key is not None and key >= 0:
            span = article.clean_map.clean_span(key)
            if span is None:
                return None
            lo, hi = span
        else:
            return None
        names = []
        for q in spans.quotes:
            if q.start < hi and q.end > lo and q.kind == "speech":
                label = speaker_label(article, q)
                if label not in names:
                    names.append(label)
        return Text("❝ " + ", ".join(names)) if names else None

    def article_shown(self) -> None:
        """Hook: an article is on screen (benchmarks override it)."""

    # -- sync ---------------------------------------------------------------

    def _other(self, view: DocView) -> DocView:
        return self.clean_view if view is self.raw_view else self.raw_view

    def _cursor_sync(self, view: DocView) -> None:
        """The user moved ``view``'s cursor: align the other pane and the status in the same frame."""
        self._sync_from(view)
        self._update_status()

    @on(DocView.CursorMoved)
    def _cursor_moved(self, message: DocView.CursorMoved) -> None:
        if message.view.sync_hook is None and message.user:
            self._sync_from(message.view)
        self._update_status()

    @on(DocView.Scrolled)
    def _scrolled(self, message: DocView.Scrolled) -> None:
        if self.sync and self.prepared is not None:
            self._align_scroll(message.view)

    def _counterpart(self, source: DocView, pos: int) -> tuple[int | None, int | None]:
        """(target position, ghost-after position) in the other pane for ``source``'s block ``pos``."""
        if self.prepared is None or pos < 0:
            return None, None
        key = source.key_at(pos)
        pmap = self.prepared.pmap
        if source is self.raw_view:
            if key is None:
                return None, None
            target = pmap.clean_position(key)
            if target is not None:
                return target, None
            return None, pmap.ghost_after(key)
        if key is None or key < 0:
            return 0 if self.raw_view.blocks else None, None
        target = self.raw_view.position_of(key)
        if target >= 0 and not self.raw_view.is_shown(target):
            target = self.raw_view._nearest_visible(target)
        return (target if target >= 0 else None), None

    def _sync_from(self, source: DocView, *, align: bool = True) -> None:
        """Put the other pane's cursor on the corresponding block, aligned on the same row."""
        if self.prepared is None:
            return
        other = self._other(source)
        target, ghost_after = self._counterpart(source, source.cursor)
        if target is not None:
            other.set_ghost(None)
            other.cursor = target
            line = other.first_line(target)
        elif ghost_after is not None:
            badge = self._block_badge(source.cursor_key)
            other.cursor = -1
            other.set_ghost(ghost_after, f"removed here: ¶{source.cursor_key} ({badge})")
            line = other.ghost_line(ghost_after)
        else:
            return
        if not self.sync or not align or line is None:
            return
        row = source.cursor_row()
        height = max(other.scrollable_content_region.height, 1)
        row = 0 if row is None else min(max(row, 0), height - 1)
        other.align_line(line, row)

    def _align_scroll(self, source: DocView) -> None:
        """The user scrolled ``source``: align the other pane on the block at its top."""
        other = self._other(source)
        top = int(source.scroll_y)
        pos = source.block_at_line(top)
        if pos < 0:
            return
        first = source.first_line(pos) or 0
        last = source.last_line(pos) or first
        into = top - first
        target, ghost_after = self._counterpart(source, pos)
        if target is not None:
            o_first = other.first_line(target)
            if o_first is None:
                return
            o_last = other.last_line(target) or o_first
            span, o_span = last - first + 1, o_last - o_first + 1
            line = o_first + (round(into * o_span / span) if into > 0 else into)
        elif ghost_after is not None:
            line = other.ghost_line(ghost_after)
            if line is None:
                return
            line += min(into, 0)
        else:
            return
        other.align_line(line, 0)

    def _block_badge(self, raw_index: int | None) -> str:
        if self.prepared is None or raw_index is None or raw_index < 0:
            return ""
        block = self.prepared.article.blocks[raw_index]
        return block.reason.badge() if block.reason else ""

    # -- status line --------------------------------------------------------

    def _update_status(self) -> None:
        status = self._reader.query_one("#status", StatusLine)
        if self.prepared is None:
            status.show(Text(""))
            return
        article = self.prepared.article
        focused = self.focused if isinstance(self.focused, DocView) else self.raw_view
        key = focused.cursor_key
        if focused is self.clean_view and focused.cursor < 0 and self.raw_view.cursor_key is not None:
            key = self.raw_view.cursor_key
        left = Text()
        if key is not None and key >= 0:
            block = article.blocks[key]
            left.append(f"¶{key} ", style="bold")
            if block.role is Role.BODY:
                left.append("kept")
            elif block.reason is not None:
                label = "removed: " if block.role is Role.REMOVED else ""
                left.append(f"{label}{block.reason.describe()}")
            else:
                left.append(block.role.value)
        if self.highlights:
            mark = self._mark
            if mark is not None and mark[0].startswith("entity") and mark[3] == mark[2].cursor and self.spans:
                group_id = self.entity_group
                marks = self.spans.mentions.get(group_id, []) if group_id is not None else self.spans.all_mentions
                if mark[1] < len(marks):
                    s, e = marks[mark[1]]
                    ent_text = " ".join(article.clean[s:e].split())
                    left.append(f" · {ent_text} {mark[1] + 1}/{len(marks)}")
            quote = self._quote_status(key, focused)
            if quote is not None:
                left.append(" · ")
                left.append_text(quote)
        stats = self.prepared.stats
        if self.size.width >= NARROW:
            right = Text(
                f"{stats['duplicates']} duplicates · {stats['boilerplate']} boilerplate · "
                f"{stats['kept_share']:.0%} of text kept"
            )
        else:
            right = Text(f"dup {stats['duplicates']} · boiler {stats['boilerplate']} · kept {stats['kept_share']:.0%}")
        if self.search_query:
            raw_n, clean_n = len(self.search_hits["raw"]), len(self.search_hits["clean"])
            right = Text(f"“{self.search_query}” {raw_n} raw / {clean_n} clean · ") + right
        flags = []
        if not self.sync:
            flags.append("sync off")
        if self.removed_only:
            flags.append("removed only")
        if not self.highlights:
            flags.append("highlights off")
        if self.entity_group is not None and self.spans is not None:
            group = self.spans.group(self.entity_group)
            if group is not None:
                flags.append(f"{group.name} ×{group.mentions}")
        if flags:
            right = Text(f"[{', '.join(flags)}] ") + right
        width = max(self.size.width - 2, 10)
        left.truncate(max(width - right.cell_len - 2, 10), overflow="ellipsis")
        pad = max(width - left.cell_len - right.cell_len, 1)
        status.show(left + Text(" " * pad) + right)

    # -- actions ------------------------------------------------------------

    def _views(self) -> list:
        views: list = []
        if self._library_shown():
            views.append(self.library)
        views += [self.raw_view, self.clean_view]
        return views

    def action_focus_pane(self, step: int) -> None:
        views = self._views()
        current = self.focused
        i = views.index(current) if current in views else -1
        views[(i + step) % len(views)].focus()

    def on_descendant_focus(self, event) -> None:
        if isinstance(event.widget, DocView):
            self._last_pane = event.widget
        self._update_status()

    def action_article(self, step: int) -> None:
        if not self.entries:
            return
        self.open_entry((self.current + step) % len(self.entries))

    @on(Library.Selected, "#library")
    def _library_selected(self, event: Library.Selected) -> None:
        self.open_entry(event.index)

    def action_toggle_library(self) -> None:
        shown = self.library_shown if self.library_shown is not None else self._library_auto(self.size.width)
        self.library_shown = not shown
        self._apply_layout(self.size.width)
        if self.library_shown:
            self.library.focus()

    def set_layout(self, mode: str) -> None:
        self.layout_mode = mode
        self._apply_layout(self.size.width)

    def action_toggle_sync(self) -> None:
        self.sync = not self.sync
        self.notify("Scroll sync on" if self.sync else "Scroll sync off", timeout=2)
        if self.sync and isinstance(self.focused, DocView):
            self._sync_from(self.focused)
        self._update_status()

    def action_toggle_removed_only(self) -> None:
        self.removed_only = not self.removed_only
        self._apply_removed_only()
        self._update_status()

    def _apply_removed_only(self) -> None:
        raw = self.raw_view
        if self.removed_only and self.prepared is not None:
            raw.set_filter({i for i, b in enumerate(raw.blocks) if b.style != "kept"})
        else:
            raw.set_filter(None)

    def action_jump_original(self) -> None:
        if self.prepared is None:
            return
        view = self.focused if isinstance(self.focused, DocView) else self.raw_view
        key = view.cursor_key if view is self.raw_view else self.raw_view.cursor_key
        if key is None or key < 0:
            return
        reason = self.prepared.article.blocks[key].reason
        if reason is None or reason.kind != "duplicate" or reason.of is None:
            self.notify("Not a duplicate: nothing to jump to.", timeout=2)
            return
        raw = self.raw_view
        pos = raw.position_of(reason.of)
        if not raw.is_shown(pos):
            self.removed_only = False
            self._apply_removed_only()
        raw.focus()
        raw.move_to(pos)

    def action_copy_block(self) -> None:
        view = self.focused if isinstance(self.focused, DocView) else self.raw_view
        pos = view.cursor
        if pos < 0:
            return
        block = view.blocks[pos]
        text = view.text[block.start : block.end]
        self.copy_to_clipboard(text)
        self.notify(f"Copied ¶{block.key} ({len(text)} characters)", timeout=2)

    def action_copies(self) -> None:
        """Open the other copies of the current story side by side with its clean text."""
        lib = self.lib
        if self.prepared is None or lib is None or not 0 <= self.current < len(lib.entries):
            return
        info = lib.entries[self.current]
        if info.cluster is None:
            if self.index_progress is not None:
                self.notify("Stories are grouped once the library is indexed.", timeout=3)
            else:
                self.notify("No other copy of this story in the library.", timeout=3)
            return
        copies = lib.copies(self.current)
        if not copies:
            self.notify("No other copy of this story in the library.", timeout=3)
            return
        from reader.ui.screens.copies import CopiesScreen

        self.push_screen(CopiesScreen(self.prepared.article, [(i, self.entries[i].name) for i in copies], lib))

    def action_help(self) -> None:
        from reader.ui.config import config_path
        from reader.ui.screens.help import HelpScreen

        keymap = dict(self._keymap)
        rows = []
        for binding in READER_BINDINGS:
            keys = keymap.get(binding.id or "", binding.key)
            description = HELP_DESCRIPTIONS.get(binding.id or "", binding.description)
            rows.append(("Reader", _keys(keys), description, binding.id or ""))
        for binding in Library.BINDINGS:
            if binding.id in HELP_DESCRIPTIONS:
                keys = keymap.get(binding.id or "", binding.key)
                rows.append(("Library", _keys(keys), HELP_DESCRIPTIONS[binding.id], binding.id or ""))
        for binding in DocView.BINDINGS:
            keys = keymap.get(binding.id or "", binding.key)
            description = HELP_DESCRIPTIONS.get(binding.id or "", binding.description)
            rows.append(("Pane", _keys(keys), description, binding.id or ""))
        rows += HELP_EXTRA
        footer = (
            f'Remap keys in {config_path()} ([keymap] binding-id = "keys"); set theme = "name" there too.\n'
            "Raw pane: dimmed blocks were removed (badge says why); Enter on a duplicate jumps to its original."
        )
        self.push_screen(HelpScreen(rows, footer))

    # -- search -------------------------------------------------------------

    def _search_bar(self):
        """The search bar (reader.ui.search.SearchBar, mounted on first use), or None."""
        found = self._reader.query("#search")
        return found.first() if found else None

    async def action_search(self) -> None:
        bar = self._search_bar()
        if bar is None:  # mounted on first use: one widget less to build before the first frame
            from reader.ui.search import SearchBar

            bar = SearchBar(placeholder="search both panes (Enter: find, Esc: close)", id="search")
            await self._reader.mount(bar, before="#status-bar")
        self._search_return = self.focused if isinstance(self.focused, DocView) else self.raw_view
        bar.display = True
        bar.value = self.search_query
        # focus now, not after the queued keys: what is typed right after / goes into the bar
        self._reader.set_focus(bar)

    def on_input_submitted(self, event) -> None:
        if event.input.id == "search":
            self._search_submitted(event)
        elif event.input.id == "library-filter":  # Enter: to the list (the filter stays)
            event.input.display = bool(self.library_query)
            self.library.focus()

    def _search_submitted(self, event) -> None:
        event.input.display = False
        back = getattr(self, "_search_return", None) or self.raw_view
        self._reader.set_focus(back)
        self._run_search(event.value.strip())
        if self.search_query:
            self.action_search_step(1)

    def action_clear_search(self) -> None:
        focused = self.focused
        if focused is not None and focused.id == "library-filter":  # Esc in the filter: clear and close it
            focused.value = ""
            focused.display = False
            self.library_query = ""
            self._apply_library_order()
            self.library.focus()
            return
        bar = self._search_bar()
        if bar is not None and bar.display:
            bar.display = False
            self._reader.set_focus(getattr(self, "_search_return", None) or self.raw_view)
            return
        if self.search_query:
            self._run_search("")

    def _run_search(self, query: str, announce: bool = True) -> None:
        self.search_query = query
        self.search_index = {"raw": -1, "clean": -1}
        for name, view in (("raw", self.raw_view), ("clean", self.clean_view)):
            hits: list[tuple[int, int]] = []
            if query:
                pattern = re.compile(re.escape(query), re.IGNORECASE)
                hits = [(m.start(), m.end()) for m in pattern.finditer(view.text)]
                if view is self.raw_view and self.removed_only:
                    hits = [h for h in hits if view.is_shown(view.block_at_offset(h[0]))]
            self.search_hits[name] = hits
            view.set_layer("search", [Span(s, e, "docview--search") for s, e in hits])
            view.set_layer("search-current", [])
        if query and announce and not any(self.search_hits.values()):
            self.notify(f"No match for “{query}”", timeout=2)
        self._update_status()

    def action_search_step(self, step: int) -> None:
        if not self.search_query:
            return
        view = self.focused if isinstance(self.focused, DocView) else self.raw_view
        name = "raw" if view is self.raw_view else "clean"
        hits = self.search_hits[name]
        if not hits:
            self.notify(f"No match for “{self.search_query}” in the {name} pane", timeout=2)
            return
        i = self.search_index[name]
        if i < 0:
            # first step: the first match at or after the cursor's block
            first = view.first_line(view.cursor) if view.cursor >= 0 else 0
            start_offset = view._v_start[first] if first is not None and view.line_count else 0
            import bisect

            starts = [h[0] for h in hits]
            i = bisect.bisect_left(starts, start_offset) if step > 0 else bisect.bisect_left(starts, start_offset) - 1
            i %= len(hits)
        else:
            i = (i + step) % len(hits)
        self.search_index[name] = i
        start, end = hits[i]
        view.set_layer("search-current", [Span(start, end, "docview--search-current")])
        pos = view.block_at_offset(start)
        view.move_to(pos)
        line = view.line_of_offset(start)
        top = int(view.scroll_y)
        height = max(view.scrollable_content_region.height, 1)
        if not top <= line < top + height:
            view.align_line(line, height // 3)
            self._sync_from(view)
        self.notify(f"match {i + 1} of {len(hits)} in the {name} pane", timeout=1.5)

    # -- export, open -------------------------------------------------------

    def action_export(self, fmt: str = "text") -> None:
        if self.prepared is None:
            self.notify("Nothing to export yet.", severity="warning")
            return
        from reader.ui.screens.export import ExportScreen

        def done(path: Path | None) -> None:
            if path is not None:
                self.notify(f"Exported to {path}", title="Export")

        self.push_screen(ExportScreen(self.prepared.article, fmt, set(self.input_paths)), done)

    def action_open_file(self) -> None:
        from reader.ui.screens.prompt import PromptScreen

        def done(value: str | None) -> None:
            if value:
                self.load_more([value])

        self.push_screen(PromptScreen("Open", "File or directory to add to the library:", str(Path.cwd()) + "/"), done)

    def palette_commands(self) -> list[tuple[str, str, object]]:
        lib_shown = self._library_shown()
        cmds: list[tuple[str, str, object]] = [
            ("open: file…", "add a file or directory to the library", self.action_open_file),
            (
                "view: hide library" if lib_shown else "view: show library",
                "toggle the article list (l)",
                self.action_toggle_library,
            ),
            ("view: layout side by side", "raw and clean panes next to each other", lambda: self.set_layout("side")),
            ("view: layout stacked", "raw pane above the clean pane", lambda: self.set_layout("stacked")),
            ("view: layout automatic", f"stacked below {NARROW} columns", lambda: self.set_layout("auto")),
            (
                "view: turn sync off" if self.sync else "view: turn sync on",
                "keep the panes aligned on blocks (s)",
                self.action_toggle_sync,
            ),
            (
                "view: show all blocks" if self.removed_only else "view: show removed only",
                "raw pane: only the blocks that were removed (d)",
                self.action_toggle_removed_only,
            ),
            ("export: clean text…", "the clean article as plain text", lambda: self.action_export("text")),
            ("export: Markdown…", "title, metadata line and paragraphs", lambda: self.action_export("markdown")),
            ("export: JSON…", "the same JSON as `newsreader clean -f json`", lambda: self.action_export("json")),
            ("view: help", "all keys and their binding ids (?)", self.action_help),
            ("library: filter…", "fuzzy filter over titles, sources and file names (f)", self.action_library_filter),
            ("library: sort by name", "natural order of file names", lambda: self._sort_by("name")),
            ("library: sort by date", "published date, else file time", lambda: self._sort_by("date")),
            (
                "library: sort by share removed",
                "how much of the raw text was removed",
                lambda: self._sort_by("removed"),
            ),
            ("view: other copies of this story", "side by side with this article's clean text (c)", self.action_copies),
            (
                "view: highlights off" if self.highlights else "view: highlights on",
                "entity and quote colours (h)",
                self.action_toggle_highlights,
            ),
            ("view: entity panel", "entity groups with counts (p)", self.action_entity_panel),
            ("view: quote panel", "quotes and speakers (w)", self.action_quote_panel),
            ("theme: choose…", "pick a theme with preview", self.search_themes),
        ]
        for i, entry in enumerate(self.entries[:500]):  # a big library: the filter (f) finds the rest
            mark = "✗ " if entry.error else ""
            cmds.append((f"open: {mark}{entry.title}", entry.path, lambda i=i: self.open_entry(i)))
        for name in sorted(self.available_themes):
            cmds.append((f"theme: {name}", "switch theme", lambda name=name: setattr(self, "theme", name)))
        return cmds


def _keys(keys: str) -> str:
    names = {"left_square_bracket": "[", "right_square_bracket": "]", "slash": "/", "question_mark": "?"}
    return " / ".join(names.get(k.strip(), k.strip()) for k in keys.split(","))


def make_app(
    paths: list[str] | None = None,
    ner: str | None = None,
    config: Config | None = None,
    *,
    preload: bool | Preload = True,
) -> NewsReaderApp:
    """The one factory for the CLI, the tests and the benchmarks."""
    paths = list(paths or [])
    if not paths:
        paths = sample_paths()
    return NewsReaderApp(paths, ner=ner, config=config if config is not None else load_config(), preload=preload)


def run(paths: list[str], ner: str | None = None) -> int:
    """``newsreader [PATH ...]`` (see :func:`reader.ui.launch.run`, which starts reading first)."""
    from reader.ui.launch import run as launch_run

    return launch_run(paths, ner)
