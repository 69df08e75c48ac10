"""The library: every input article (or the error that kept it out)."""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.ui.preload import Entry

__all__ = ["Entry", "Library"]


class Library(OptionList):
    """The article list; the current article is marked, failed files show their error."""

    COMPONENT_CLASSES: ClassVar = {"library--error", "library--meta", "library--current"}

    DEFAULT_CSS = """
    Library {
        width: 32;
        height: 1fr;
        border: round $panel-lighten-2;
        & > .option-list--option-highlighted { text-style: none; }
        &:focus { border: round $accent; }
        & > .library--error { color: $text-error; }
        & > .library--meta { color: $text-muted; }
        & > .library--current { text-style: bold; color: $text-accent; }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = "Library"
        self.entries: list[Entry] = []
        self.current = -1

    def set_entries(self, entries: list[Entry]) -> None:
        self.entries = entries
        self.clear_options()
        self.add_options([Option(self._prompt(i), id=str(i)) for i in range(len(entries))])
        self._update_title()

    def update_entry(self, index: int) -> None:
        if 0 <= index < len(self.entries):
            self.replace_option_prompt_at_index(index, self._prompt(index))
            self._update_title()

    def set_current(self, index: int) -> None:
        old, self.current = self.current, index
        for i in {old, index}:
            if 0 <= i < len(self.entries):
                self.replace_option_prompt_at_index(i, self._prompt(i))
        if 0 <= index < len(self.entries):
            self.highlighted = index

    def _update_title(self) -> None:
        failed = sum(1 for e in self.entries if e.error)
        self.border_title = f"Library ({len(self.entries)})"
        self.border_subtitle = f"{failed} failed" if failed else None

    def _cstyle(self, name: str) -> Style:
        try:
            return self.get_component_rich_style(name, partial=True)
        except Exception:  # noqa: BLE001 - not mounted yet: plain
            return Style()

    def _prompt(self, index: int) -> Text:
        """Two lines (title; file and share removed), each cut to the list's width."""
        width = max((self.scrollable_content_region.width if self.is_mounted else 0) or 28, 8)
        lines = self._prompt_text(index).split("\n")
        for line in lines:
            line.truncate(width, overflow="ellipsis")
        return Text("\n").join(lines)

    def on_resize(self) -> None:
        for i in range(len(self.entries)):
            self.replace_option_prompt_at_index(i, self._prompt(i))

    def _prompt_text(self, index: int) -> Text:
        entry = self.entries[index]
        error_style, meta_style = self._cstyle("library--error"), self._cstyle("library--meta")
        current_style = self._cstyle("library--current")
        mark = "▶ " if index == self.current else "  "
        text = Text(no_wrap=True, overflow="ellipsis")
        if entry.error:
            text.append(mark)
            text.append("✗ ", style=error_style)
            text.append(entry.name, style="bold")
            text.append("\n    ")
            text.append(entry.error, style=error_style)
            return text
        text.append(mark, style=current_style)
        text.append(entry.title, style=current_style if index == self.current else "")
        text.append("\n    ")
        # the share first: a long file name is cut at the right, the figure stays visible
        if entry.cleaned and entry.article is not None:
            removed = entry.article.stats()["removed_share"]
            text.append(f"{removed:.0%} removed · ", style=meta_style)
        else:
            text.append("… · ", style=meta_style)
        text.append(entry.name, style=meta_style)
        return text
