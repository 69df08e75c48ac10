"""The library: every input article (or the error that kept it out), as a Line-API list.

One row per article, drawn only when visible (a folder of 10,000 articles
costs a list of indices, not 10,000 widgets or prompts): the title, then the
columns size, share removed, entity count and story cluster size, filled in
as the background indexer summarises the articles.  A header row names the
columns; the border shows the count, the sort order, the filter and the
indexing progress bar.

``order`` is the list of entry indices shown (filtered and sorted by the
app through :class:`reader.library.index.Library`); ``current`` is the entry
being read.  Enter (or a click) posts :class:`Library.Selected`.
"""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.ui.layout import visible
from reader.ui.preload import Entry

__all__ = ["Entry", "Library", "human_size"]


def human_size(n: int) -> str:
    for unit in ("B", "K", "M", "G"):
        if n < 1000 or unit == "G":
            return f"{n:.0f}{unit}" if unit == "B" or n >= 10 else f"{n:.1f}{unit}"
        n /= 1000  # type: ignore[assignment]
    return str(n)


class Library(ScrollView, can_focus=True):
    """The article list; the current article is marked, failed files show their error."""

    BINDINGS: ClassVar = [
        Binding("down,j", "cursor(1)", "Down", show=False, id="library-down"),
        Binding("up,k", "cursor(-1)", "Up", show=False, id="library-up"),
        Binding("pagedown,space", "page(1)", "Page down", show=False, id="library-page-down"),
        Binding("pageup,b", "page(-1)", "Page up", show=False, id="library-page-up"),
        Binding("home,g", "edge(0)", "Top", show=False, id="library-top"),
        Binding("end,G", "edge(1)", "Bottom", show=False, id="library-bottom"),
        Binding("enter", "select", "Open", id="library-open"),
        Binding("r", "app.library_sort", "Sort", id="library-sort"),
        Binding("R", "app.library_sort_reverse", "Reverse", show=False, id="library-sort-reverse"),
    ]

    COMPONENT_CLASSES: ClassVar = {
        "library--error",
        "library--meta",
        "library--current",
        "library--cursor",
        "library--header",
        "library--cluster",
    }

    DEFAULT_CSS = """
    Library {
        width: 40;
        height: 1fr;
        border: round $panel-lighten-2;
        overflow-x: hidden;
        overflow-y: auto;
        background: $surface;
        &:focus { border: round $accent; }
        & > .library--error { color: $text-error; }
        & > .library--meta { color: $text-muted; }
        & > .library--current { text-style: bold; color: $text-accent; }
        & > .library--cursor { background: $boost; }
        & > .library--header { color: $text-muted; text-style: bold; }
        & > .library--cluster { color: $text-warning; }
        &:focus > .library--cursor { background: $accent 30%; }
    }
    """

    highlighted: reactive[int] = reactive(0, repaint=False, init=False)
    """The row (position in ``order``) under the list's cursor."""

    class Selected(Message):
        """An entry was chosen (Enter or a click)."""

        def __init__(self, library: Library, index: int) -> None:
            super().__init__()
            self.library = library
            self.index = index

        @property
        def control(self) -> Library:
            return self.library

    class Visible(Message):
        """The rows on screen changed (the app summarises the ones not indexed yet)."""

        def __init__(self, library: Library, indices: list[int]) -> None:
            super().__init__()
            self.library = library
            self.indices = indices

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, Library.Visible)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = "Library"
        self.entries: list[Entry] = []
        self.order: list[int] = []
        self._row_of: dict[int, int] | None = None
        self.current = -1
        self.status = ""  # sort / filter / progress, shown in the border
        self._last_visible: tuple[int, int] | None = None

    # -- content --------------------------------------------------------------

    def set_entries(self, entries: list[Entry], order: list[int] | None = None) -> None:
        self.entries = entries
        self.set_order(list(range(len(entries))) if order is None else order)

    def set_order(self, order: list[int]) -> None:
        keep = self.order[self.highlighted] if 0 <= self.highlighted < len(self.order) else None
        self.order = order
        self._row_of = None
        self.virtual_size = Size(self.size.width, len(order) + 1)
        row = self.row_of(keep) if keep is not None else None
        self.set_reactive(Library.highlighted, row if row is not None else 0)
        self._update_title()
        self.refresh()

    def row_of(self, index: int) -> int | None:
        if self._row_of is None:
            self._row_of = {i: r for r, i in enumerate(self.order)}
        return self._row_of.get(index)

    def update_entry(self, index: int) -> None:
        row = self.row_of(index)
        if row is not None:
            self._refresh_row(row)
        self._update_title()

    def update_all(self) -> None:
        self._update_title()
        self.refresh()

    def set_current(self, index: int) -> None:
        old, self.current = self.current, index
        for i in (old, index):
            row = self.row_of(i)
            if row is not None:
                self._refresh_row(row)
        row = self.row_of(index)
        if row is not None:
            self.highlighted = row
            self._scroll_row_visible(row)

    def set_status(self, status: str) -> None:
        self.status = status
        self._update_title()

    def _update_title(self) -> None:
        failed = sum(1 for e in self.entries if e.error)
        total = len(self.entries)
        shown = len(self.order)
        count = f"{shown}/{total}" if shown != total else f"{total}"
        self.border_title = f"Library ({count})"
        parts = [f"{failed} failed"] if failed else []
        if self.status:
            parts.append(self.status)
        # (Content: the filter is what was typed, not markup.)
        self.border_subtitle = Content(visible(" · ".join(parts))) if parts else None

    # -- cursor ---------------------------------------------------------------

    def validate_highlighted(self, value: int) -> int:
        return min(max(value, 0), max(len(self.order) - 1, 0))

    def watch_highlighted(self, old: int, new: int) -> None:
        self._refresh_row(old)
        self._refresh_row(new)
        self._scroll_row_visible(new)

    def _refresh_row(self, row: int) -> None:
        y = row + 1 - int(self.scroll_y)
        if 1 <= y < self.size.height:
            self.refresh_line(y)

    def _rows_height(self) -> int:
        return max(self.scrollable_content_region.height - 1, 1)

    def _scroll_row_visible(self, row: int) -> None:
        top = int(self.scroll_y)
        height = self._rows_height()
        if row < top:
            self.scroll_to(y=row, animate=False, force=True)
        elif row >= top + height:
            self.scroll_to(y=row - height + 1, animate=False, force=True)

    def action_cursor(self, step: int) -> None:
        self.highlighted += step

    def action_page(self, step: int) -> None:
        self.highlighted += step * self._rows_height()

    def action_edge(self, end: int) -> None:
        self.highlighted = len(self.order) - 1 if end else 0

    def action_select(self) -> None:
        if 0 <= self.highlighted < len(self.order):
            self.post_message(self.Selected(self, self.order[self.highlighted]))

    def on_click(self, event: events.Click) -> None:
        row = int(self.scroll_y) + event.y - 1
        if event.y >= 1 and 0 <= row < len(self.order):
            self.highlighted = row
            self.post_message(self.Selected(self, self.order[row]))

    def visible_indices(self) -> list[int]:
        top = int(self.scroll_y)
        return self.order[top : top + self._rows_height()]

    # -- rendering --------------------------------------------------------------

    def _cstyle(self, name: str) -> Style:
        return self.get_component_rich_style(name, partial=True)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self.refresh()

    def _columns(self, width: int) -> list[tuple[str, int]]:
        """(column, width) of the figures that fit, right of the title."""
        cols = [("removed", 4), ("cluster", 3), ("entities", 4), ("size", 5)]
        out: list[tuple[str, int]] = []
        room = width - 14  # the title keeps at least this much
        for name, w in cols:
            if room >= w + 1:
                out.append((name, w))
                room -= w + 1
        order = ["size", "removed", "entities", "cluster"]
        return sorted(out, key=lambda c: order.index(c[0]))

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        if width <= 0:
            return Strip.blank(0, base)
        cols = self._columns(width)
        if y == 0:
            text = Text(no_wrap=True, style=base + self._cstyle("library--header"), end="")
            heads = {"size": "size", "removed": "rm%", "entities": "ent", "cluster": "×"}
            title_w = width - sum(w + 1 for _, w in cols)
            text.append("  title".ljust(title_w)[:title_w])
            for name, w in cols:
                text.append(" " + heads[name].rjust(w))
            return self._strip(text, width, base)
        top = int(self.scroll_y)
        if y == 1 and (top, self.size.height) != self._last_visible:
            self._last_visible = (top, self.size.height)
            self.call_later(lambda: self.post_message(self.Visible(self, self.visible_indices())))
        row = top + y - 1
        if row >= len(self.order):
            return Strip.blank(width, base)
        index = self.order[row]
        entry = self.entries[index]
        info = entry.info
        is_cursor = row == self.highlighted
        line_style = base + self._cstyle("library--cursor") if is_cursor else base
        meta = self._cstyle("library--meta")
        text = Text(no_wrap=True, overflow="ellipsis", style=line_style, end="")
        current = index == self.current
        text.append("▶ " if current else "  ", style=self._cstyle("library--current") if current else "")
        figures = Text(no_wrap=True, end="")
        if entry.error:
            title = Text("✗ ", style=self._cstyle("library--error"))
            title.append(visible(entry.name), style="bold")
            title.append(" " + visible(entry.error.splitlines()[0] if entry.error else ""), style=self._cstyle("library--error"))
        else:
            title = Text(visible(entry.title), style=self._cstyle("library--current") if current else "")
            for name, w in cols:
                figures.append(" ")
                figures.append_text(self._figure(name, w, entry, info, meta))
        title_w = max(width - 2 - figures.cell_len, 1)
        title.truncate(title_w, overflow="ellipsis", pad=True)
        text.append_text(title)
        text.append_text(figures)
        return self._strip(text, width, line_style)

    def _figure(self, name: str, w: int, entry: Entry, info, meta: Style) -> Text:
        indexed = info is not None and info.removed_share is not None
        if name == "size":
            value = human_size(info.size) if info is not None else ""
        elif name == "removed":
            if indexed:
                value = f"{info.removed_share:.0%}"
            elif entry.cleaned and entry.article is not None:
                value = f"{entry.article.stats()['removed_share']:.0%}"
            else:
                value = "…"
        elif name == "entities":
            value = str(info.entities) if indexed and info.entities is not None else ("…" if not indexed else "")
        else:  # cluster
            size = info.cluster_size if info is not None else 1
            if size > 1:
                return Text(f"×{size}".rjust(w), style=self._cstyle("library--cluster"))
            value = ""
        return Text(value.rjust(w)[:w] if len(value) <= w else value[:w], style=meta)

    def _strip(self, text: Text, width: int, fill: Style) -> Strip:
        segments = list(text.render(self.app.console))
        strip = Strip(segments, text.cell_len)
        return strip.adjust_cell_length(width, fill)
