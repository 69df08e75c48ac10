"""The entity and quote panels (right of the panes).

* :class:`EntityPanel`: the article's entity groups with their mention
  counts, filtered by type (``t`` cycles all / PER / ORG / LOC / MISC);
  Enter selects a group (the app highlights its mentions in both panes and
  ``e``/``E`` step through them); Enter on the selected group clears it.
* :class:`QuotePanel`: every quote with its speaker; Enter jumps to it.

Rows are ``rich.text.Text`` built from data (article text is never markup).
"""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.ui.annotations import ENTITY_COMPONENTS, LABELS
from reader.ui.layout import visible

_FILTERS = (None, *LABELS)


class _Panel(OptionList):
    def _cstyle(self, name: str) -> Style:
        try:
            return self.get_component_rich_style(name, partial=True)
        except Exception:  # noqa: BLE001 - not mounted yet: plain
            return Style()

    def _width(self) -> int:
        return max((self.scrollable_content_region.width if self.is_mounted else 0) or 30, 8)


class EntityPanel(_Panel):
    """Entity groups with counts; Enter selects one (highlighted in both panes)."""

    BINDINGS: ClassVar = [
        Binding("t", "cycle_filter", "Type filter", id="entity-filter"),
    ]

    COMPONENT_CLASSES: ClassVar = {
        "entitypanel--per",
        "entitypanel--org",
        "entitypanel--loc",
        "entitypanel--misc",
        "entitypanel--count",
        "entitypanel--selected",
    }

    DEFAULT_CSS = """
    EntityPanel {
        height: 1fr;
        scrollbar-gutter: stable;  /* rows are cut to a width that a scrollbar never changes */
        border: round $panel-lighten-2;
        &:focus { border: round $accent; }
        & > .option-list--option-highlighted { text-style: none; }
        & > .entitypanel--per { color: $text-accent; text-style: bold; }
        & > .entitypanel--org { color: $text-success; text-style: bold; }
        & > .entitypanel--loc { color: $text-secondary; text-style: bold; }
        & > .entitypanel--misc { color: $text-primary; text-style: bold; }
        & > .entitypanel--count { color: $text-muted; }
        & > .entitypanel--selected { text-style: bold reverse; }
    }
    """

    class GroupSelected(Message):
        """A group was chosen (``group`` None: selection cleared)."""

        def __init__(self, panel: EntityPanel, group: int | None) -> None:
            super().__init__()
            self.panel = panel
            self.group = group

        @property
        def control(self) -> EntityPanel:
            return self.panel

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.groups: list = []
        self.type_filter: str | None = None
        self.selected: int | None = None
        self._shown: list = []
        self._update_title()

    def set_groups(self, groups: list, selected: int | None = None) -> None:
        # most mentioned first, then by name
        self.groups = sorted(groups, key=lambda g: (-g.mentions, g.name.lower()))
        self.selected = selected
        self._refill()

    def set_type_filter(self, label: str | None) -> None:
        self.type_filter = label
        self._refill()

    def action_cycle_filter(self) -> None:
        i = _FILTERS.index(self.type_filter) if self.type_filter in _FILTERS else 0
        self.set_type_filter(_FILTERS[(i + 1) % len(_FILTERS)])

    def set_selected(self, group: int | None) -> None:
        self.selected = group
        highlighted = self.highlighted
        self._refill()
        if highlighted is not None and highlighted < self.option_count:
            self.highlighted = highlighted

    def _refill(self) -> None:
        self._shown = [g for g in self.groups if self.type_filter is None or g.label == self.type_filter]
        self.clear_options()
        self.add_options([Option(self._prompt(g), id=str(g.id)) for g in self._shown])
        if self.option_count and self.highlighted is None:
            self.highlighted = 0  # Enter works at once
        self._update_title()

    def _update_title(self) -> None:
        total = len(self.groups)
        shown = len(self._shown)
        self.border_title = f"Entities ({shown}/{total})" if self.type_filter else f"Entities ({total})"
        self.border_subtitle = f"t: {self.type_filter or 'all types'}"

    def _prompt(self, group) -> Text:
        width = self._width()
        label_style = self._cstyle(f"entitypanel--{group.label.lower()}" if group.label in LABELS else "entitypanel--misc")
        text = Text(no_wrap=True, overflow="ellipsis")
        mark = "● " if group.id == self.selected else "  "
        text.append(mark, style=self._cstyle("entitypanel--selected") if group.id == self.selected else "")
        text.append(f"{group.label:<4} ", style=label_style)
        text.append(visible(" ".join(group.name.split())))
        if group.ambiguous:
            text.append(" ?", style=self._cstyle("entitypanel--count"))
        count = f" ×{group.mentions}"
        text.truncate(max(width - len(count), 4), overflow="ellipsis")
        text.append(count, style=self._cstyle("entitypanel--count"))
        return text

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is None:
            return
        group = int(event.option.id)
        self.set_selected(None if group == self.selected else group)
        self.post_message(self.GroupSelected(self, self.selected))

    def on_resize(self) -> None:
        highlighted = self.highlighted
        self._refill()
        if highlighted is not None and highlighted < self.option_count:
            self.highlighted = highlighted


class QuotePanel(_Panel):
    """Every quote and its speaker; Enter jumps to it."""

    COMPONENT_CLASSES: ClassVar = {"quotepanel--speaker", "quotepanel--scare"}

    DEFAULT_CSS = """
    QuotePanel {
        height: 1fr;
        scrollbar-gutter: stable;  /* rows are cut to a width that a scrollbar never changes */
        border: round $panel-lighten-2;
        &:focus { border: round $accent; }
        & > .option-list--option-highlighted { text-style: none; }
        & > .quotepanel--speaker { color: $text-accent; }
        & > .quotepanel--scare { color: $text-muted; text-style: italic; }
    }
    """

    class QuoteChosen(Message):
        def __init__(self, panel: QuotePanel, index: int) -> None:
            super().__init__()
            self.panel = panel
            self.index = index

        @property
        def control(self) -> QuotePanel:
            return self.panel

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[tuple[str, str, str]] = []  # (quote text, speaker label, kind)
        self.border_title = "Quotes"

    def set_quotes(self, rows: list[tuple[str, str, str]]) -> None:
        self.rows = rows
        self._refill()

    def _refill(self) -> None:
        highlighted = self.highlighted
        self.clear_options()
        self.add_options([Option(self._prompt(i), id=str(i)) for i in range(len(self.rows))])
        self.border_title = f"Quotes ({len(self.rows)})"
        if highlighted is not None and highlighted < self.option_count:
            self.highlighted = highlighted
        elif self.option_count:
            self.highlighted = 0  # Enter works at once

    def _prompt(self, i: int) -> Text:
        width = self._width()
        quote, speaker, kind = self.rows[i]
        first = Text(visible(" ".join(quote.split())), no_wrap=True, overflow="ellipsis")
        first.truncate(width, overflow="ellipsis")
        second = Text("  — ", no_wrap=True, overflow="ellipsis")
        second.append(visible(speaker), style=self._cstyle("quotepanel--scare" if kind == "scare" else "quotepanel--speaker"))
        second.truncate(width, overflow="ellipsis")
        return Text("\n").join([first, second])

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.QuoteChosen(self, event.option_index))

    def on_resize(self) -> None:
        self._refill()


__all__ = ["ENTITY_COMPONENTS", "EntityPanel", "QuotePanel"]
