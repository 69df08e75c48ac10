"""The search bar (shown by /), imported on first use: Input is not needed for the first frame."""

from __future__ import annotations

from textual.widgets import Input


class SearchBar(Input):
    """The search input (shown by /)."""

    DEFAULT_CSS = """
    SearchBar { display: none; border: none; height: 1; padding: 0 1; background: $boost; }
    SearchBar:focus { border: none; }
    """
