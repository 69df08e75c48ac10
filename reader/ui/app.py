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

from rich.text import Text
from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Container, Horizontal
from textual.events import Resize
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Header, Input, LoadingIndicator
from textual.worker import Worker, WorkerState, get_current_worker

from reader.model import Article, Role
from reader.ui.config import Config, load_config
from reader.ui.doc_view import DocBlock, DocView, Span
from reader.ui.layout import gutter_for, layout_lines
from reader.ui.library import Entry, Library
from reader.ui.messages import (
    AnnotationsReady,
    ArticleFailed,
    ArticleReady,
    EntryUpdated,
    LibraryLoaded,
    RawPreview,
)
from reader.ui.preload import PREVIEW_CHARS, Preload, Prepared, prepare, read_inputs, sample_paths

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
    # reserved for entity and quote navigation (issue 4)
    Binding("e", "app.reserved('next entity')", "Next entity", show=False, id="entity-next"),
    Binding("E", "app.reserved('previous entity')", "Prev entity", show=False, id="entity-prev"),
    Binding("o", "app.reserved('next quote')", "Next quote", show=False, id="quote-next"),
    Binding("O", "app.reserved('previous quote')", "Prev quote", show=False, id="quote-prev"),
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
    "entity-next": "next entity (reserved: annotations, issue 4)",
    "entity-prev": "previous entity (reserved)",
    "quote-next": "next quote (reserved)",
    "quote-prev": "previous quote (reserved)",
    "block-next": "next block",
    "block-prev": "previous block",
    "page-down": "page down",
    "page-up": "page up",
    "top": "first block",
    "bottom": "last block",
}

HELP_EXTRA = [
    ("Pane", "mouse drag, Ctrl+C", "select text, copy it (OSC 52)", ""),
    ("App", "Ctrl+P", "command palette", "(App.COMMAND_PALETTE_BINDING)"),
    ("App", "Ctrl+Q", "quit", "(Textual)"),
]


class SearchBar(Input):
    """The search input (shown by /)."""

    DEFAULT_CSS = """
    SearchBar { display: none; border: none; height: 1; padding: 0 1; background: $boost; }
    SearchBar:focus { border: none; }
    """


def _reader_commands():
    """The palette provider, imported when the palette first opens (textual.command is not light)."""
    from reader.ui.commands import ReaderCommands

    return ReaderCommands


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
            yield Library(id="library")
            with Container(id="panes"):
                yield DocView(line_numbers=True, id="raw")
                yield DocView(line_numbers=False, id="clean")
        with Horizontal(id="status-bar"):
            yield StatusLine(id="status")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.app.reader_mounted()  # type: ignore[attr-defined]


class NewsReaderApp(App[int]):
    """Read scraped news: the raw text beside the clean article, every removal explained."""

    TITLE = "newsreader"
    CSS_PATH = "newsreader.tcss"
    COMMANDS = App.COMMANDS | {_reader_commands}
    ENABLE_COMMAND_PALETTE = True

    def __init__(
        self, paths: list[str], ner: str | None = None, config: Config | None = None, *, preload: bool = True
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
        # Read and clean the first input on a plain thread while Textual starts up.
        self._preload: Preload | None = Preload(self.paths) if preload else None
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
            self._library_loaded(LibraryLoaded(entries, inputs))
        else:
            self.load_inputs(self.paths)

    @property
    def raw_view(self) -> DocView:
        return self._reader.query_one("#raw", DocView)

    @property
    def clean_view(self) -> DocView:
        return self._reader.query_one("#clean", DocView)

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
        shown = self.library_shown if self.library_shown is not None else not narrow
        lib = screen.query_one("#library", Library)
        if lib.display != shown:
            if not shown and lib.has_focus:
                self.raw_view.focus()
            lib.display = shown

    def _pane_widths(self) -> tuple[int, int]:
        """The panes' content widths (gutter + text), estimated from the layout before the first one."""
        raw, clean = self.raw_view.content_width, self.clean_view.content_width
        if raw > 0 and clean > 0:
            return raw, clean
        width = self.size.width
        narrow = width < NARROW
        stacked = self.layout_mode == "stacked" or (self.layout_mode == "auto" and narrow)
        shown = self.library_shown if self.library_shown is not None else not narrow
        avail = width - ((26 if narrow else 32) if shown else 0)
        raw_outer = avail if stacked else avail - avail // 2
        clean_outer = avail if stacked else avail // 2
        return max(raw_outer - 4, 0), max(clean_outer - 4, 0)  # border 2, scrollbar 2

    # -- loading ------------------------------------------------------------

    @work(thread=True, exclusive=True, group="inputs", exit_on_error=False)
    def load_inputs(self, paths: list[str]) -> None:
        """Discover and read the inputs (the preloader started on them while Textual started)."""
        preload, self._preload = self._preload, None
        if preload is not None:
            entries, inputs = preload.result()
            self.post_message(LibraryLoaded(entries, inputs))
            return
        self._read_inputs(paths)

    @work(thread=True, group="more", exit_on_error=False)
    def load_more(self, paths: list[str]) -> None:
        """Add files or directories to the library (palette: open file)."""
        self._read_inputs(paths)

    def _read_inputs(self, paths: list[str]) -> None:
        entries, inputs = read_inputs(paths)
        self.post_message(LibraryLoaded(entries, inputs))

    @on(LibraryLoaded)
    def _library_loaded(self, message: LibraryLoaded) -> None:
        first_new = len(self.entries)
        self.input_paths |= message.inputs  # never exported over
        self.entries.extend(message.entries)
        self.library.set_entries(self.entries)
        for entry in message.entries:
            if entry.error:
                self.notify(f"{entry.name}: {entry.error}", title="Cannot load", severity="error", timeout=8)
        target = next((i for i in range(first_new, len(self.entries)) if not self.entries[i].error), None)
        if target is None and self.current < 0:
            self._set_loading(False)
            self._show_failed(first_new)
        elif target is not None and (self.current < 0 or first_new > 0):
            self.open_entry(target)
        if self.first_paint_at is not None or target is None:
            self.clean_rest()
        else:
            self._clean_rest_pending = True  # after the first article is on screen

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
        """Clean, annotate and prepare one article; drop the result if it went stale."""
        worker = get_current_worker()
        entry = self.entries[index]
        try:
            article = entry.article
            assert article is not None
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
        if not worker.is_cancelled:
            self.post_message(ArticleReady(index, prepared))

    @work(thread=True, exclusive=True, group="background", exit_on_error=False)
    def clean_rest(self) -> None:
        """Clean the other articles in the background, for the library's titles and figures."""
        worker = get_current_worker()
        for index, entry in enumerate(list(self.entries)):
            if worker.is_cancelled:
                return
            if entry.error or entry.cleaned or entry.article is None:
                continue
            try:
                self._clean_locked(entry)
            except Exception as exc:  # noqa: BLE001
                entry.error = f"cleaning failed: {type(exc).__name__}: {exc}"
            self.post_message(EntryUpdated(index))

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
        self.library.update_entry(message.index)
        self.notify(f"{entry.name}: {message.error}", title="Cannot clean", severity="error")
        if message.index == self.current:
            self._set_loading(False)
            self._show_failed(message.index)

    def _show_failed(self, index: int) -> None:
        entry = self.entries[index] if 0 <= index < len(self.entries) else None
        self.prepared = None
        message = f"{entry.name}: {entry.error}" if entry else "nothing to show"
        self.raw_view.load(message, [DocBlock(-1, 0, len(message), "removed")])
        self.clean_view.clear()
        self.raw_view.border_title = f"Raw · {entry.name}" if entry else "Raw"
        self.clean_view.border_title = "Clean"
        self.raw_view.border_subtitle = "could not load" if entry else None
        self.clean_view.border_subtitle = None
        self.sub_title = entry.name if entry else ""
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
        self.raw_view.border_title = f"Raw · {entry.name}"
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
        self.library.update_entry(message.index)
        article = prepared.article
        raw, clean = self.raw_view, self.clean_view
        raw.load(article.raw, prepared.raw, layout=prepared.raw_layout)
        clean.load(prepared.clean.text, prepared.clean.blocks, layout=prepared.clean_layout)
        prepared.raw_layout = prepared.clean_layout = None  # adopted (or stale): do not keep a second copy
        stats = prepared.stats
        raw.border_title = f"Raw · {entry.name}"
        raw.border_subtitle = f"{stats['blocks']} blocks, {stats['blocks'] - stats['kept']} removed"
        clean.border_title = "Clean"
        clean.border_subtitle = f"{stats['kept']} paragraphs, {stats['kept_share']:.0%} of the text"
        self.sub_title = entry.title
        if self.removed_only:
            self._apply_removed_only()
        self._set_loading(False)
        if self.search_query:
            self._run_search(self.search_query, announce=False)
        self._sync_from(raw, align=False)  # both panes open at the top
        self._update_status()
        self.call_after_refresh(self._painted)

    def _painted(self) -> None:
        self.timings["painted"] = time.perf_counter()
        if self.first_paint_at is None:
            self.first_paint_at = time.perf_counter()
            self.log(f"first article painted {1000 * (self.first_paint_at - _STARTED):.0f} ms after import")
        self.article_shown()
        if self._clean_rest_pending:
            self._clean_rest_pending = False
            self.clean_rest()
        if self.prepared is not None and self.prepared.article.annotations is None:
            self._annotate_current(self.current)

    @work(thread=True, exclusive=True, group="annotate", exit_on_error=False)
    def _annotate_current(self, index: int) -> None:
        """Entities and quotes, after the article is on screen (shown with issue 4)."""
        worker = get_current_worker()
        entry = self.entries[index]
        if entry.article is None:
            return
        try:
            with entry.lock:
                self._annotate(entry.article)
        except Exception as exc:  # noqa: BLE001 - annotations are optional
            self.call_from_thread(self.notify, f"annotation failed: {exc}", severity="warning")
            return
        if not worker.is_cancelled:
            self.post_message(AnnotationsReady(index))

    @on(AnnotationsReady)
    def _annotations_ready(self, message: AnnotationsReady) -> None:
        """Reserved for issue 4: entity and quote spans go on the views' layers (see show_clean_spans)."""

    def show_clean_spans(self, layer: str, spans: list[tuple[int, int, str]]) -> None:
        """Highlight spans of the clean text (start, end, component class) in both panes.

        The clean pane shifts them past its header; the raw pane maps them through
        the article's CleanMap (``to_raw``), so entities and quotes found on the
        clean text show where they are in the raw text too.
        """
        if self.prepared is None:
            return
        shift = self.prepared.clean.header_len
        cmap = self.prepared.article.clean_map
        self.clean_view.set_layer(layer, [Span(s + shift, e + shift, c) for s, e, c in spans])
        raw_spans = []
        for s, e, c in spans:
            rs = cmap.to_raw(s)
            re_ = cmap.to_raw(max(e - 1, s)) + (1 if e > s else 0)
            raw_spans.append(Span(rs, re_, c))
        self.raw_view.set_layer(layer, raw_spans)

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
        if flags:
            right = Text(f"[{', '.join(flags)}] ") + right
        width = max(self.size.width - 2, 10)
        left.truncate(max(width - right.cell_len - 2, 10), overflow="ellipsis")
        pad = max(width - left.cell_len - right.cell_len, 1)
        status.show(left + Text(" " * pad) + right)

    # -- actions ------------------------------------------------------------

    def _views(self) -> list:
        views: list = []
        if self.library.display:
            views.append(self.library)
        views += [self.raw_view, self.clean_view]
        return views

    def action_focus_pane(self, step: int) -> None:
        views = self._views()
        current = self.focused
        i = views.index(current) if current in views else -1
        views[(i + step) % len(views)].focus()

    def on_descendant_focus(self) -> None:
        self._update_status()

    def action_article(self, step: int) -> None:
        if not self.entries:
            return
        self.open_entry((self.current + step) % len(self.entries))

    @on(Library.OptionSelected, "#library")
    def _library_selected(self, event: Library.OptionSelected) -> None:
        self.open_entry(event.option_index)

    def action_toggle_library(self) -> None:
        narrow = self.size.width < NARROW
        shown = self.library_shown if self.library_shown is not None else not narrow
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

    def action_reserved(self, what: str) -> None:
        self.notify(f"{what}: entity and quote navigation comes with annotations (issue 4)", timeout=2)

    def action_help(self) -> None:
        from reader.ui.config import config_path
        from reader.ui.screens.help import HelpScreen

        keymap = dict(self._keymap)
        rows = []
        for binding in READER_BINDINGS:
            keys = keymap.get(binding.id or "", binding.key)
            description = HELP_DESCRIPTIONS.get(binding.id or "", binding.description)
            rows.append(("Reader", _keys(keys), description, binding.id or ""))
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

    def _search_bar(self) -> SearchBar | None:
        found = self._reader.query("#search")
        return found.first(SearchBar) if found else None

    async def action_search(self) -> None:
        bar = self._search_bar()
        if bar is None:  # mounted on first use: one widget less to build before the first frame
            bar = SearchBar(placeholder="search both panes (Enter: find, Esc: close)", id="search")
            await self._reader.mount(bar, before="#status-bar")
        self._search_return = self.focused if isinstance(self.focused, DocView) else self.raw_view
        bar.display = True
        bar.value = self.search_query
        # focus now, not after the queued keys: what is typed right after / goes into the bar
        self._reader.set_focus(bar)

    @on(Input.Submitted, "#search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        event.input.display = False
        back = getattr(self, "_search_return", None) or self.raw_view
        self._reader.set_focus(back)
        self._run_search(event.value.strip())
        if self.search_query:
            self.action_search_step(1)

    def action_clear_search(self) -> None:
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
        lib_shown = self.library.display
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
            ("theme: choose…", "pick a theme with preview", self.search_themes),
        ]
        for i, entry in enumerate(self.entries):
            mark = "✗ " if entry.error else ""
            cmds.append((f"open: {mark}{entry.title}", entry.path, lambda i=i: self.open_entry(i)))
        for name in sorted(self.available_themes):
            cmds.append((f"theme: {name}", "switch theme", lambda name=name: setattr(self, "theme", name)))
        return cmds


def _keys(keys: str) -> str:
    names = {"left_square_bracket": "[", "right_square_bracket": "]", "slash": "/", "question_mark": "?"}
    return " / ".join(names.get(k.strip(), k.strip()) for k in keys.split(","))


def make_app(
    paths: list[str] | None = None, ner: str | None = None, config: Config | None = None, *, preload: bool = True
) -> NewsReaderApp:
    """The one factory for the CLI, the tests and the benchmarks."""
    paths = list(paths or [])
    if not paths:
        paths = sample_paths()
    return NewsReaderApp(paths, ner=ner, config=config if config is not None else load_config(), preload=preload)


def run(paths: list[str], ner: str | None = None) -> int:
    app = make_app(paths, ner)
    result = app.run()
    if app.return_code not in (None, 0):
        return app.return_code
    return int(result or 0)
