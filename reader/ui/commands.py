"""Command palette provider: commands that depend on what is open.

Grouped by prefix ("view: ...", "export: ...", "open: ...", "theme: ...").
The app builds the list (``NewsReaderApp.palette_commands``) so the palette
always reflects the current state (library shown or not, sync on or off...).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider

if TYPE_CHECKING:
    from reader.ui.app import NewsReaderApp

Command = tuple[str, str, Callable[[], object]]  # (name, help, callback)


class ReaderCommands(Provider):
    """The reader's context commands."""

    def _commands(self) -> list[Command]:
        app: NewsReaderApp = self.app  # type: ignore[assignment]
        return app.palette_commands()

    async def discover(self) -> Hits:
        for name, help_text, callback in self._commands():
            if name.startswith(("theme: ", "open: ")):
                continue  # too many to list before typing
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), partial(callback), text=name, help=help_text)
