"""DocView: a Line-API ScrollView over one text made of blocks.

The view owns a text (the raw article, or the clean pane's header + clean
text) and a sorted list of :class:`DocBlock` spans over it.  It soft-wraps the
text per width into *visual lines* (kept as parallel integer arrays, so a
5 MB text costs a few arrays, not a widget per line), renders only the lines
on screen (``render_line``) and caches the rendered strips.

Everything styled is a span of the view's text:

* blocks carry a style (``kept``, ``removed``, ``title``, ``meta``) and an
  optional short badge drawn at the right of the block's first line;
* *layers* of extra spans (``search``, ``search-current`` now; entities and
  quotes later) are ``(start, end, component)`` triples over the text;
* a *ghost* marks "where a removed block would have been" on a blank line.

Colours come from ``COMPONENT_CLASSES`` (and so from the theme), never from
hard-coded values.  Text is always a ``rich.text.Text`` built from data, never
markup; control characters are drawn as visible placeholders.

The cursor is a block position (an index into ``blocks``); the view posts
:class:`DocView.CursorMoved` and :class:`DocView.Scrolled` so the app can keep
another view aligned on the same block.
"""

from __future__ import annotations

import bisect
from array import array
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.cache import LRUCache
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.selection import Selection
from textual.strip import Strip

from reader.ui.layout import DocBlock, Layout, Span, gutter_for, layout_lines, visible, wrap_offsets

__all__ = ["DocBlock", "DocView", "Layout", "Span", "layout_lines", "visible", "wrap_offsets"]


class _Layer:
    """Spans of one kind, sorted, with a fast "which spans touch [s, e)" query."""

    __slots__ = ("longest", "spans", "starts")

    def __init__(self, spans: Iterable[Span]) -> None:
        self.spans = sorted(spans, key=lambda sp: (sp.start, sp.end))
        self.starts = [sp.start for sp in self.spans]
        self.longest = max((sp.end - sp.start for sp in self.spans), default=0)

    def overlapping(self, start: int, end: int) -> Iterable[Span]:
        hi = bisect.bisect_left(self.starts, end)
        lo = bisect.bisect_left(self.starts, start - self.longest)
        for sp in self.spans[lo:hi]:
            if sp.end > start or (sp.start == sp.end == start):
                yield sp


_BADGE_STYLES = {"removed": "docview--badge-removed", "title": "docview--badge-title", "meta": "docview--badge-meta"}


@lru_cache(maxsize=64)
def plain(text: str) -> Content:
    """A border title from data (a file name): drawn as it is, never read as markup, on one line."""
    return Content(visible(text))


def _gutter_blank(width: int) -> str:
    return " " * width


class DocView(ScrollView, can_focus=True):
    """A scrolling, soft-wrapping view of a text in blocks, with a block cursor."""

    ALLOW_SELECT = True

    BINDINGS: ClassVar = [
        Binding("down,j", "cursor_down", "Block", id="block-next", key_display="j/k"),
        Binding("up,k", "cursor_up", "Prev block", show=False, id="block-prev"),
        Binding("pagedown,space", "page_down", "Page down", show=False, id="page-down"),
        Binding("pageup,b", "page_up", "Page up", show=False, id="page-up"),
        Binding("home,g", "cursor_first", "Top", show=False, id="top"),
        Binding("end,G", "cursor_last", "Bottom", show=False, id="bottom"),
    ]

    COMPONENT_CLASSES: ClassVar = {
        "docview--kept",
        "docview--removed",
        "docview--title",
        "docview--meta",
        "docview--badge",
        "docview--badge-removed",
        "docview--badge-title",
        "docview--badge-meta",
        "docview--gutter",
        "docview--cursor",
        "docview--cursor-gutter",
        "docview--ghost",
        "docview--search",
        "docview--search-current",
        "docview--entity-per",
        "docview--entity-org",
        "docview--entity-loc",
        "docview--entity-misc",
        "docview--quote",
        "docview--scare",
        "docview--speaker",
        "docview--entity-selected",
        "docview--mark",
    }

    DEFAULT_CSS = """
    DocView {
        overflow-x: hidden;
        overflow-y: scroll;
        background: $surface;
        & > .docview--kept { }
        & > .docview--removed { color: $text-muted; text-style: dim; }
        & > .docview--title { text-style: bold; color: $text-primary; }
        & > .docview--meta { text-style: italic; color: $text-secondary; }
        & > .docview--badge { color: $text-muted; }
        & > .docview--badge-removed { color: $text-warning; background: $warning-muted; }
        & > .docview--badge-title { color: $text-primary; background: $primary-muted; }
        & > .docview--badge-meta { color: $text-secondary; background: $secondary-muted; }
        & > .docview--gutter { color: $text-disabled; }
        & > .docview--cursor { background: $boost; }
        & > .docview--cursor-gutter { color: $text-disabled; }
        & > .docview--ghost { color: $text-warning; text-style: italic; }
        & > .docview--search { background: $warning-muted; }
        & > .docview--search-current { background: $warning; color: $text; text-style: bold; }
        & > .docview--entity-per { color: $text-accent; }
        & > .docview--entity-org { color: $text-success; }
        & > .docview--entity-loc { color: $text-secondary; }
        & > .docview--entity-misc { color: $text-primary; }
        & > .docview--quote { text-style: italic; color: $text-warning; }
        & > .docview--scare { text-style: italic; }
        & > .docview--speaker { text-style: underline; }
        & > .docview--entity-selected { background: $accent-muted; text-style: bold; }
        & > .docview--mark { text-style: bold reverse; }
        &:focus > .docview--cursor { background: $accent 30%; }
        &:focus > .docview--cursor-gutter { color: $accent; }
    }
    """

    cursor: reactive[int] = reactive(-1, repaint=False, init=False)
    """The cursor's block position (index into ``blocks``), -1 for none."""

    class CursorMoved(Message):
        """The cursor moved to another block (``key`` None when there is none)."""

        def __init__(self, view: DocView, key: int | None, user: bool) -> None:
            super().__init__()
            self.view = view
            self.key = key
            self.user = user

        @property
        def control(self) -> DocView:
            return self.view

    class Scrolled(Message):
        """The user scrolled the view (not the app aligning it)."""

        def __init__(self, view: DocView) -> None:
            super().__init__()
            self.view = view

        @property
        def control(self) -> DocView:
            return self.view

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, DocView.Scrolled) and message.view is self.view

    def __init__(
        self,
        *,
        line_numbers: bool = True,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.line_numbers = line_numbers
        self.text = ""
        self.blocks: list[DocBlock] = []
        self._block_starts: list[int] = []
        self._key_pos: dict[int, int] = {}
        self._only: set[int] | None = None  # visible block positions (filter), None for all
        self._visible_positions: list[int] = []
        self._span_layers: dict[str, _Layer] = {}
        self._ghost: tuple[int, str] | None = None  # (after block position, label)
        # visual lines, as parallel arrays
        self._v_start = array("q")
        self._v_end = array("q")
        self._v_block = array("q")  # block position, -1 for lines outside blocks
        self._v_hard = array("q")  # hard line number on a hard line's first visual line, else -1
        self._v_badge = array("b")  # 1 on a block's first visual line
        self._first_line: dict[int, int] = {}
        self._last_line: dict[int, int] = {}
        self._wrapped_for = -1
        self._gutter_width = 2
        self._number_width = 1
        self._strip_cache: LRUCache[tuple[int, bool, bool], Strip] = LRUCache(2048)
        self._silent = 0  # > 0 while the app scrolls this view
        #: Called at once when the user moves the cursor (the app keeps the other pane aligned in
        #: the same frame); CursorMoved is posted as well, for anyone else.
        self.sync_hook: Callable[[DocView], None] | None = None
        self._viewport_key: tuple | None = None
        self._shown_cache: list[int] | None = None
        self._base_style: Style | None = None
        self._viewport_size = Size(0, 0)

    # -- loading ------------------------------------------------------------

    def load(
        self, text: str, blocks: Sequence[DocBlock], *, cursor_key: int | None = None, layout: Layout | None = None
    ) -> None:
        """Show ``text`` cut into ``blocks`` (sorted, non-overlapping); ``layout`` if wrapped ahead."""
        self.text = text
        self.blocks = list(blocks)
        self._block_starts = [b.start for b in self.blocks]
        self._key_pos = {}
        for pos, block in enumerate(self.blocks):
            self._key_pos.setdefault(block.key, pos)
        self._only = None
        self._span_layers = {}
        self._ghost = None
        self._visible_positions = list(range(len(self.blocks)))
        self._number_width = len(str(text.count("\n") + 1))
        self._gutter_width = self.gutter_for(text, self.line_numbers)
        self._wrapped_for = -1
        self._strip_cache.clear()
        self.set_reactive(DocView.cursor, -1)
        self._rewrap(layout)
        pos = self._key_pos.get(cursor_key, -1) if cursor_key is not None else -1
        if pos < 0 and self._visible_positions:
            pos = self._visible_positions[0]
        self.set_reactive(DocView.cursor, pos)
        self._scroll_silently(0)
        self.refresh()

    def clear(self) -> None:
        self.load("", [])

    def set_filter(self, positions: set[int] | None) -> None:
        """Show only the blocks at ``positions`` (None: everything)."""
        self._only = positions
        self._visible_positions = [p for p in range(len(self.blocks)) if positions is None or p in positions]
        self._wrapped_for = -1
        keep = self.cursor
        self._rewrap()
        if keep not in self._first_line:
            keep = self._nearest_visible(keep)
        self.set_reactive(DocView.cursor, keep)
        self.scroll_cursor_visible()
        self.refresh()

    # -- geometry -----------------------------------------------------------

    gutter_for = staticmethod(gutter_for)

    @property
    def _viewport(self) -> Size:
        """The scrollable content size, memoised per widget size (asked on every line)."""
        key = (self.size, self.show_vertical_scrollbar, self.show_horizontal_scrollbar)
        if self._viewport_key != key:
            self._viewport_key = key
            self._viewport_size = self.scrollable_content_region.size
        return self._viewport_size

    @property
    def content_width(self) -> int:
        """Columns for gutter and text (0 before layout)."""
        return self._viewport.width

    @property
    def view_height(self) -> int:
        return max(self._viewport.height, 1)

    @property
    def wrap_width(self) -> int:
        return max(self._viewport.width - self._gutter_width, 8)

    @property
    def line_count(self) -> int:
        return len(self._v_start)

    def _ensure_wrapped(self) -> None:
        if self._viewport.width <= 0 and self._wrapped_for > 0:
            return  # not laid out (yet, or hidden): keep the last layout
        if self._wrapped_for != self.wrap_width:
            self._rewrap()

    def _rewrap(self, layout: Layout | None = None) -> None:
        """Cut the text into visual lines for the current width (or adopt ``layout`` made for it)."""
        if not self.is_mounted or self._viewport.width <= 0:
            # not laid out yet: adopt a layout made ahead for the estimated width (no rewrap at first paint)
            if layout is not None and layout.only is self._only:
                width = layout.width
            else:
                width = self._wrapped_for if self._wrapped_for > 0 else 80
        else:
            width = self.wrap_width
        anchor = self._anchor() if self._wrapped_for > 0 and self.line_count else None
        if layout is None or layout.width != width or layout.only is not self._only:
            layout = layout_lines(self.text, self.blocks, width, self._only)
        self._v_start, self._v_end, self._v_block = layout.v_start, layout.v_end, layout.v_block
        self._v_hard, self._v_badge = layout.v_hard, layout.v_badge
        self._first_line, self._last_line = layout.first, layout.last
        self._shown_cache: list[int] | None = None
        self._wrapped_for = width
        self._strip_cache.clear()
        self.virtual_size = Size(self._viewport.width, len(layout.v_start))
        if anchor is not None:
            self._restore_anchor(anchor)

    def _anchor(self) -> tuple[int, int, int] | None:
        """(top block, lines into it, cursor row) so a rewrap keeps the view in place."""
        top = int(self.scroll_y)
        if top >= self.line_count:
            return None
        b = self.block_at_line(top)
        if b < 0:
            return None
        into = top - self._first_line.get(b, top)
        return b, max(into, 0), int(self.scroll_y)

    def _restore_anchor(self, anchor: tuple[int, int, int]) -> None:
        b, into, _ = anchor
        first = self._first_line.get(b)
        if first is None:
            return
        span = self._last_line[b] - first
        self._scroll_silently(first + min(into, span))
        self.scroll_cursor_visible()

    def on_resize(self, event: events.Resize) -> None:
        if self._viewport.width > 0 and self._wrapped_for != self.wrap_width:
            self._rewrap()
            self.scroll_cursor_visible()
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._base_style = None
        self._strip_cache.clear()

    @property
    def _base(self) -> Style:
        """The widget's own Rich style (colours from CSS), cached until styles change."""
        if self._base_style is None:
            self._base_style = self.rich_style
        return self._base_style

    # -- queries ------------------------------------------------------------

    def position_of(self, key: int) -> int:
        """The block position showing raw block ``key`` (-1 if none)."""
        return self._key_pos.get(key, -1)

    def key_at(self, pos: int) -> int | None:
        return self.blocks[pos].key if 0 <= pos < len(self.blocks) else None

    @property
    def cursor_key(self) -> int | None:
        return self.key_at(self.cursor)

    def first_line(self, pos: int) -> int | None:
        self._ensure_wrapped()
        return self._first_line.get(pos)

    def last_line(self, pos: int) -> int | None:
        self._ensure_wrapped()
        return self._last_line.get(pos)

    def is_shown(self, pos: int) -> bool:
        return pos in self._first_line

    def block_at_line(self, y: int) -> int:
        """The block on visual line ``y``, else the next block below it, else the last one."""
        n = self.line_count
        if n == 0:
            return -1
        y = min(max(y, 0), n - 1)
        blocks = self._v_block
        for yy in range(y, min(n, y + 200)):
            if blocks[yy] >= 0:
                return blocks[yy]
        for yy in range(y, -1, -1):
            if blocks[yy] >= 0:
                return blocks[yy]
        return -1

    def block_at_offset(self, offset: int) -> int:
        """The block position holding text ``offset`` (or the one before it)."""
        return max(bisect.bisect_right(self._block_starts, offset) - 1, 0) if self.blocks else -1

    def line_of_offset(self, offset: int) -> int:
        self._ensure_wrapped()
        y = bisect.bisect_right(self._v_start, offset) - 1
        return max(y, 0)

    def ghost_line(self, after: int) -> int | None:
        """The blank line after block position ``after`` (-1: before the first block)."""
        if after < 0:
            first_pos = next((p for p in self._visible_positions if p in self._first_line), None)
            if first_pos is None:
                return None
            y = self._first_line[first_pos] - 1
            return y if y >= 0 else self._first_line[first_pos]
        last = self._last_line.get(after)
        if last is None:
            return None
        return min(last + 1, self.line_count - 1)

    def _nearest_visible(self, pos: int) -> int:
        shown = self._shown_positions()
        if not shown:
            return -1
        i = bisect.bisect_left(shown, pos)
        return shown[min(i, len(shown) - 1)]

    # -- layers, ghost ------------------------------------------------------

    def set_layer(self, name: str, spans: Iterable[Span]) -> None:
        """Replace the spans of one layer (e.g. "search", "entities")."""
        layer = _Layer(spans)
        if layer.spans:
            self._span_layers[name] = layer
        else:
            self._span_layers.pop(name, None)
        self._strip_cache.clear()
        self.refresh()

    def layer_spans(self, name: str) -> list[Span]:
        layer = self._span_layers.get(name)
        return list(layer.spans) if layer else []

    def set_ghost(self, after: int | None, label: str = "") -> None:
        """Mark where a hidden block would be (after block position ``after``); None clears."""
        old = self._ghost
        self._ghost = None if after is None else (after, label)
        if old != self._ghost:
            self._strip_cache.clear()
            self.refresh()

    @property
    def ghost(self) -> tuple[int, str] | None:
        return self._ghost

    # -- cursor and scrolling -----------------------------------------------

    def validate_cursor(self, value: int) -> int:
        if not self.blocks:
            return -1
        return min(max(value, -1), len(self.blocks) - 1)

    def watch_cursor(self, old: int, new: int) -> None:
        for pos in (old, new):
            self._refresh_block(pos)

    def _refresh_block(self, pos: int) -> None:
        first = self._first_line.get(pos)
        if first is None:
            return
        last = self._last_line[pos]
        top = int(self.scroll_y)
        self.refresh_lines(max(first, top), max(min(last, top + self.size.height) - max(first, top) + 1, 1))

    def move_to(self, pos: int, *, user: bool = True, scroll: bool = True) -> None:
        """Put the cursor on block position ``pos`` (a shown block)."""
        if pos == -1 or not self.blocks:
            return
        if self._ghost is not None:
            self.set_ghost(None)
        self.cursor = pos
        if scroll:
            self.scroll_cursor_visible()
        if user and self.sync_hook is not None:
            self.sync_hook(self)
        self.post_message(self.CursorMoved(self, self.key_at(pos), user))

    def scroll_cursor_visible(self) -> None:
        first = self._first_line.get(self.cursor)
        if first is None:
            return
        last = self._last_line[self.cursor]
        top = int(self.scroll_y)
        height = self.view_height
        if first < top:
            self._scroll_silently(first)
        elif last >= top + height:
            self._scroll_silently(min(first, last - height + 1))

    def _scroll_silently(self, y: int) -> None:
        self._silent += 1
        try:
            self.scroll_to(y=max(y, 0), animate=False, force=True)
        finally:
            self._silent -= 1

    def align_line(self, line: int, row: int) -> None:
        """Scroll so visual ``line`` sits at viewport ``row`` (app-driven, posts nothing)."""
        self._ensure_wrapped()
        self._scroll_silently(line - row)

    def cursor_row(self) -> int | None:
        """The viewport row of the cursor block's first line."""
        first = self.first_line(self.cursor)
        return None if first is None else first - int(self.scroll_y)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if not self._silent and round(old_value) != round(new_value):
            self.post_message(self.Scrolled(self))

    def _shown_positions(self) -> list[int]:
        """Positions of the blocks on visual lines, ascending (cached per layout)."""
        if self._shown_cache is None:
            self._shown_cache = list(self._first_line)  # filled in text order
        return self._shown_cache

    def _step(self, delta: int) -> None:
        shown = self._shown_positions()
        if not shown:
            return
        top = int(self.scroll_y)
        height = self.view_height
        if self.cursor < 0 and self._ghost is not None:
            # on "where a removed block would be": the kept block after it, or the one before it
            after = self._ghost[0]
            i = bisect.bisect_right(shown, after)
            target = shown[min(i, len(shown) - 1)] if delta > 0 else shown[max(i - 1, 0)]
            self.move_to(target)
            return
        first = self._first_line.get(self.cursor)
        if first is None or self._last_line[self.cursor] < top or first >= top + height:
            # the cursor is off screen (the user scrolled): start from what is visible
            self.move_to(self.block_at_line(top if delta > 0 else top + height - 1) if delta else shown[0])
            return
        i = bisect.bisect_left(shown, self.cursor)
        if i >= len(shown) or shown[i] != self.cursor:
            i = min(i, len(shown) - 1)
            target = shown[i] if delta > 0 else shown[max(i - 1, 0)]
        else:
            target = shown[min(max(i + delta, 0), len(shown) - 1)]
        last = self._last_line[self.cursor]
        if delta > 0 and target == self.cursor and last >= top + height:
            self._scroll_silently(top + height)  # a block taller than the view: scroll through it
            return
        self.move_to(target)

    def action_cursor_down(self) -> None:
        self._step(1)

    def action_cursor_up(self) -> None:
        self._step(-1)

    def action_cursor_first(self) -> None:
        shown = self._shown_positions()
        if shown:
            self._scroll_silently(0)
            self.move_to(shown[0])

    def action_cursor_last(self) -> None:
        shown = self._shown_positions()
        if shown:
            self._scroll_silently(self.line_count)
            self.move_to(shown[-1])

    def _page(self, direction: int) -> None:
        height = self.view_height
        top = int(self.scroll_y)
        target_top = min(max(top + direction * height, 0), max(self.line_count - height, 0))
        self._scroll_silently(target_top)
        if target_top == top:
            pos = self._shown_positions()[-1 if direction > 0 else 0] if self._shown_positions() else -1
        else:
            pos = self.block_at_line(target_top)
            first = self._first_line.get(pos, target_top)
            if first < target_top and direction > 0:
                # the block starts above the view: take the next one if it starts on screen
                nxt = self.block_at_line(self._last_line[pos] + 1)
                if nxt >= 0 and self._first_line.get(nxt, 1 << 60) < target_top + height:
                    pos = nxt
        if pos >= 0:
            self.move_to(pos, scroll=False)

    def action_page_down(self) -> None:
        self._page(1)

    def action_page_up(self) -> None:
        self._page(-1)

    def on_click(self, event: events.Click) -> None:
        y = int(self.scroll_y) + event.y
        if 0 <= y < self.line_count:
            pos = self._v_block[y]
            if pos >= 0:
                self.move_to(pos, scroll=False)

    # -- selection (mouse copy) ----------------------------------------------

    def _offset_at(self, y: int, x: int) -> int:
        n = self.line_count
        if n == 0:
            return 0
        if y >= n:
            return len(self.text)
        y = max(y, 0)
        return min(self._v_start[y] + max(x, 0), self._v_end[y])

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        if not self.text:
            return None
        start = 0 if selection.start is None else self._offset_at(selection.start.y, selection.start.x)
        end = len(self.text) if selection.end is None else self._offset_at(selection.end.y, selection.end.x)
        if end < start:
            start, end = end, start
        return self.text[start:end], "\n"

    def selection_updated(self, selection: Selection | None) -> None:
        self._strip_cache.clear()
        self.refresh()

    # -- rendering ----------------------------------------------------------

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(name, partial=True)

    def render_line(self, y: int) -> Strip:
        self._ensure_wrapped()
        width = self._viewport.width
        line = int(self.scroll_y) + y
        base = self._base
        if line >= self.line_count or width <= 0:
            return Strip.blank(width, base)
        pos = self._v_block[line]
        is_cursor = pos >= 0 and pos == self.cursor
        is_ghost = self._ghost is not None and self._ghost_line_index() == line
        selection = self.text_selection
        key = (line, is_cursor, is_ghost)
        if selection is None:
            cached = self._strip_cache.get(key)
            if cached is not None and cached.cell_length == width:
                return cached
        strip = self._render_visual_line(line, pos, is_cursor, is_ghost, width, base, selection)
        if selection is None:
            self._strip_cache[key] = strip
        return strip

    def _ghost_line_index(self) -> int | None:
        if self._ghost is None:
            return None
        return self.ghost_line(self._ghost[0])

    def _render_visual_line(
        self, line: int, pos: int, is_cursor: bool, is_ghost: bool, width: int, base: Style, selection: Selection | None
    ) -> Strip:
        """One visual line as a single Strip: gutter, text (with selection offsets), badge, padding."""
        start, end = self._v_start[line], self._v_end[line]
        block = self.blocks[pos] if pos >= 0 else None
        content_width = max(width - self._gutter_width, 1)
        cursor_style = self._style("docview--cursor") if is_cursor else None
        fill = base + cursor_style if cursor_style is not None else base
        console = self.app.console

        # gutter: line number (raw pane) and the cursor mark
        gutter_style = base + self._style("docview--cursor-gutter" if is_cursor else "docview--gutter")
        if self.line_numbers:
            hard = self._v_hard[line]
            number = f"{hard + 1:>{self._number_width}}" if hard >= 0 else _gutter_blank(self._number_width)
            gutter = f"{number}{'▌' if is_cursor else ' '} "
        else:
            gutter = f"{'▌' if is_cursor else ' '} "
        segments: list[Segment] = [Segment(gutter, gutter_style)]
        used = len(gutter)

        if is_ghost:
            label = f"┄┄ {self._ghost[1]} ┄┄" if self._ghost and self._ghost[1] else "┄┄┄┄"
            text = Text(label, style=base + self._style("docview--ghost"), end="", no_wrap=True)
            text.truncate(content_width)
            segments.extend(text.render(console))
            used += text.cell_len
        else:
            style_name = f"docview--{block.style}" if block else "docview--kept"
            text = Text(visible(self.text[start:end]), style=base + self._style(style_name), end="", no_wrap=True)
            if cursor_style is not None:
                text.stylize(cursor_style)
            for layer in self._span_layers.values():
                for span in layer.overlapping(start, end):
                    text.stylize(self._style(span.component), max(span.start - start, 0), min(span.end, end) - start)
            if selection is not None:
                sel = selection.get_span(line)
                if sel is not None:
                    s, e = sel
                    text.stylize(
                        self.screen.get_component_rich_style("screen--selection"), s, len(text) if e == -1 else e
                    )
            # the text's segments carry their offsets (for mouse selection), as Strip.apply_offsets does
            x = 0
            for seg in text.render(console):
                seg_style = (
                    seg.style + Style.from_meta({"offset": (x, line)})
                    if seg.style
                    else Style.from_meta({"offset": (x, line)})
                )
                segments.append(Segment(seg.text, seg_style))
                x += len(seg.text)
            used += text.cell_len
            if block is not None and block.badge and self._v_badge[line]:
                badge_text = f" {block.badge} "
                bcells = cell_len(badge_text)
                pad = width - used - bcells
                if pad >= 0:
                    badge_name = _BADGE_STYLES.get(block.style, "docview--badge")
                    segments.append(Segment(" " * pad, fill))
                    segments.append(Segment(badge_text, base + self._style(badge_name)))
                    used += pad + bcells
        if used < width:
            segments.append(Segment(" " * (width - used), fill))
            used = width
        strip = Strip(segments, used)
        return strip if used == width else strip.crop(0, width)
