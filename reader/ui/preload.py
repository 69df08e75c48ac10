"""Reading, cleaning and preparing articles off the UI thread, without Textual.

:class:`Preload` reads the inputs and cleans the first article on a plain
thread while Textual starts; the same functions serve the app's workers.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

from reader.model import Article
from reader.ui.docs import CleanDoc, PaneMap, clean_doc, raw_blocks
from reader.ui.layout import DocBlock, Layout, gutter_for, layout_lines

#: Articles at least this long show their raw text while they are cleaned.
PREVIEW_CHARS = 200_000


@dataclass(slots=True)
class Entry:
    """One library row: an article from ``path`` (record ``record`` of it), or an error."""

    path: str
    record: int = 0
    article: Article | None = None
    error: str | None = None
    cleaned: bool = False
    prepared: object | None = None  # the panes' documents, when built ahead (the first article)
    spans: object | None = None  # the annotations as the panes' spans (reader.ui.annotations), once built
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def name(self) -> str:
        name = Path(self.path).name or self.path
        return f"{name} #{self.record + 1}" if self.record else name

    @property
    def title(self) -> str:
        if self.article is not None and self.cleaned and self.article.title:
            return " ".join(self.article.title.split())
        return self.name


@dataclass(slots=True)
class Prepared:
    """An article with both panes' documents, built off the UI thread."""

    article: Article
    raw: list[DocBlock]
    clean: CleanDoc
    pmap: PaneMap
    raw_layout: Layout | None = None
    clean_layout: Layout | None = None
    stats: dict = field(default_factory=dict)


def prepare(article: Article, widths: tuple[int, int] | None = None) -> Prepared:
    """The panes' documents; wrapped ahead for the panes' ``widths`` (raw, clean) when known."""
    doc, pmap = clean_doc(article)
    prepared = Prepared(article, raw_blocks(article), doc, pmap, stats=article.stats())
    if widths is not None and min(widths) > 0:
        raw_width = max(widths[0] - gutter_for(article.raw, True), 8)
        clean_width = max(widths[1] - gutter_for(doc.text, False), 8)
        prepared.raw_layout = layout_lines(article.raw, prepared.raw, raw_width)
        prepared.clean_layout = layout_lines(doc.text, doc.blocks, clean_width)
    return prepared


def read_inputs(paths: list[str]) -> tuple[list[Entry], set[Path]]:
    """Discover and read the inputs (no cleaning): library entries and the resolved input files."""
    from reader.errors import LoadError
    from reader.load import discover, load_path

    entries: list[Entry] = []
    inputs: set[Path] = set()
    for found in discover(paths):
        if found.error:
            entries.append(Entry(str(found.path), error=found.error))
            continue
        try:
            inputs.add(found.path.resolve())
        except OSError:
            pass
        try:
            articles = load_path(found.path)
        except LoadError as exc:
            entries.append(Entry(str(found.path), error=str(exc)))
            continue
        except (OSError, ValueError) as exc:
            entries.append(Entry(str(found.path), error=f"cannot load: {exc}"))
            continue
        if not articles:
            entries.append(Entry(str(found.path), error="no article in this file"))
        for record, article in enumerate(articles):
            entries.append(Entry(str(found.path), record=record, article=article))
    if not entries:
        entries.append(Entry(" ".join(paths) or "(no input)", error="no article files found"))
    return entries, inputs


class Preload:
    """Reads the inputs and cleans the first article on a daemon thread, started before the UI."""

    def __init__(self, paths: list[str]) -> None:
        self.paths = list(paths)
        self._result: tuple[list[Entry], set[Path]] | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, args=(list(paths),), name="newsreader-preload", daemon=True)
        self._thread.start()

    def _run(self, paths: list[str]) -> None:
        try:
            entries, inputs = read_inputs(paths)
            self._result = (entries, inputs)
            first = next((e for e in entries if not e.error and e.article is not None), None)
            # a big first article is cleaned by the app's worker, which shows its raw text meanwhile
            if first is not None and len(first.article.raw) < PREVIEW_CHARS:
                from reader.clean import clean_article

                with first.lock:
                    clean_article(first.article)
                    first.cleaned = True
                first.prepared = prepare(first.article)
        except BaseException as exc:  # noqa: BLE001 - reported by result()
            self._error = exc

    def done(self) -> bool:
        return not self._thread.is_alive()

    def wait(self, timeout: float) -> bool:
        """Wait up to ``timeout`` seconds; True if the preloader finished."""
        self._thread.join(timeout)
        return self.done()

    def result(self) -> tuple[list[Entry], set[Path]]:
        self._thread.join()
        if self._result is None:
            raise RuntimeError(f"reading the inputs failed: {self._error!r}")
        return self._result


def sample_paths() -> list[str]:
    """The bundled sample articles (every article file of ``sample_articles``: .txt, .md, no extension)."""
    from reader.load.samples import sample_paths as bundled

    return [str(p) for p in bundled()]
