"""The help screen: every key, its binding id (for the keymap) and the config path."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static


class HelpScreen(ModalScreen[None]):
    """``rows``: (section, keys, description, binding id)."""

    BINDINGS: ClassVar = [Binding("escape,q,question_mark", "dismiss_help", "Close", id="help-close")]

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 90; max-width: 100%; height: 90%; border: round $accent; background: $panel; padding: 0 1;
    }
    """

    def __init__(self, rows: list[tuple[str, str, str, str]], footer: str = "") -> None:
        super().__init__()
        self.rows = rows
        self.footer = footer

    def compose(self) -> ComposeResult:
        table = Table(box=None, expand=True, show_header=True, header_style="bold", pad_edge=False)
        table.add_column("Key", no_wrap=True)
        table.add_column("Action", ratio=1)
        table.add_column("Binding id", no_wrap=True, style="dim")
        section = None
        for sec, keys, description, binding_id in self.rows:
            if sec != section:
                table.add_row(Text(sec, style="bold underline"), "", "")
                section = sec
            table.add_row(Text(keys), Text(description), Text(binding_id))
        with VerticalScroll() as scroll:
            scroll.border_title = "newsreader — keys"
            scroll.border_subtitle = "Esc to close"
            yield Static(table, id="help-table")
            if self.footer:
                yield Static(Text(self.footer), id="help-footer")

    def action_dismiss_help(self) -> None:
        self.dismiss(None)
