"""Export the current article (clean text, Markdown, JSON) to a path the user confirms."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from reader.export import EXTENSIONS, render
from reader.model import Article

FORMAT_LABELS = {"text": "Clean text", "markdown": "Markdown", "json": "JSON (as `newsreader clean`)"}


class ExportRefused(Exception):
    """The export was not written; the message says why (one line).

    ``exists``: the target is a file that confirming may overwrite.
    """

    def __init__(self, message: str, *, exists: bool = False) -> None:
        super().__init__(message)
        self.exists = exists


def default_export_path(source: str, fmt: str, directory: Path | None = None) -> Path:
    stem = Path(source).stem or "article"
    return (directory or Path.cwd()) / f"{stem}.clean.{EXTENSIONS[fmt]}"


def export_article(article: Article, fmt: str, target: Path, *, inputs: set[Path], overwrite: bool = False) -> Path:
    """Write ``article`` as ``fmt`` to ``target``.

    Never writes over an input file; refuses an existing file unless ``overwrite``.
    """
    try:
        target = target.expanduser()
        resolved = target.resolve()
        is_dir, exists = target.is_dir(), target.exists()
    except (OSError, ValueError) as exc:  # a name too long, a NUL byte, a loop of links...
        raise ExportRefused(f"bad path: {_why(exc)}") from exc
    if resolved in inputs:
        raise ExportRefused(f"{target} is an input file: choose another path")
    if is_dir:
        raise ExportRefused(f"{target} is a directory")
    if exists and not overwrite:
        raise ExportRefused(f"{target} exists: confirm to overwrite", exists=True)
    text = render(article, fmt)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    except (OSError, ValueError) as exc:
        raise ExportRefused(f"cannot write {target}: {_why(exc)}") from exc
    return target


def _why(exc: Exception) -> str:
    return (exc.strerror if isinstance(exc, OSError) else None) or str(exc)


class ExportScreen(ModalScreen[Path | None]):
    """Choose a format and a path; a second press confirms overwriting."""

    BINDINGS: ClassVar = [Binding("escape", "cancel", "Cancel", id="export-cancel")]

    DEFAULT_CSS = """
    ExportScreen { align: center middle; }
    ExportScreen > Vertical {
        width: 72; max-width: 95%; height: auto; border: round $accent; background: $panel; padding: 0 1;
    }
    ExportScreen Label { margin-top: 1; }
    ExportScreen #export-message { height: auto; min-height: 1; margin-top: 1; color: $text-warning; }
    ExportScreen Horizontal { height: auto; align-horizontal: right; margin-top: 1; }
    ExportScreen Button { margin-left: 1; }
    """

    def __init__(self, article: Article, fmt: str, inputs: set[Path], directory: Path | None = None) -> None:
        super().__init__()
        self.article = article
        self.fmt = fmt
        self.inputs = inputs
        self.directory = directory
        self._confirm: Path | None = None

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Export format")
            yield Select(
                [(label, key) for key, label in FORMAT_LABELS.items()],
                value=self.fmt,
                allow_blank=False,
                id="export-format",
            )
            yield Label("Write to")
            yield Input(str(default_export_path(self.article.source, self.fmt, self.directory)), id="export-path")
            yield Static("", id="export-message", markup=False)  # (paths and errors: data)
            with Horizontal():
                yield Button("Export", variant="primary", id="export-ok")
                yield Button("Cancel", id="export-cancel")

    def on_mount(self) -> None:
        self.border_title = "Export"
        self.query_one("#export-path", Input).focus()

    @on(Select.Changed, "#export-format")
    def _format_changed(self, event: Select.Changed) -> None:
        old = self.fmt
        self.fmt = str(event.value)
        path_input = self.query_one("#export-path", Input)
        old_default = str(default_export_path(self.article.source, old, self.directory))
        if path_input.value == old_default:
            path_input.value = str(default_export_path(self.article.source, self.fmt, self.directory))
        self._confirm = None

    @on(Input.Changed, "#export-path")
    def _path_changed(self) -> None:
        self._confirm = None
        self.query_one("#export-message", Static).update("")

    @on(Input.Submitted, "#export-path")
    @on(Button.Pressed, "#export-ok")
    def action_export(self) -> None:
        raw = self.query_one("#export-path", Input).value.strip()
        message = self.query_one("#export-message", Static)
        if not raw:
            message.update("Enter a path.")
            return
        target = Path(raw).expanduser()
        overwrite = self._confirm == target
        try:
            written = export_article(self.article, self.fmt, target, inputs=self.inputs, overwrite=overwrite)
        except ExportRefused as exc:
            if exc.exists:
                self._confirm = target
                message.update(f"{target} exists. Press Export again to overwrite it.")
            else:
                message.update(str(exc))
            return
        self.dismiss(written)

    @on(Button.Pressed, "#export-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
