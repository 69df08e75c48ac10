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
    """One library row: an article from ``path`` (record ``record`` of it), or an error.

    ``info`` is the core library's entry (:class:`reader.library.index.Entry`: where the
    article is and, once indexed, its summary).  ``article`` is loaded only for the
    articles being read (the app keeps a few and lets the others go).
    """

    path: str
    record: int = 0
    article: Article | None = None
    error: str | None = None
    cleaned: bool = False
    prepared: object | None = None  # the panes' documents, when built ahead (the first article)
    spans: object | None = None  # the annotations as the panes' spans (reader.ui.annotations), once built
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    info: object | None = None  # reader.library.index.Entry

    @property
    def name(self) -> str:
        if self.info is not None:
            return self.info.name  # type: ignore[attr-defined]
        name = Path(self.path).name or self.path
        return f"{name} #{self.record + 1}" if self.record else name

    @property
    def title(self) -> str:
        if self.article is not None and self.cleaned and self.article.title:
            return " ".join(self.article.title.split())
        info_title = getattr(self.info, "title", None)
        if info_title:
            return " ".join(info_title.split())
        return self.name

    def load(self) -> Article:
        """The (uncleaned) article behind this entry, loaded on demand; raises LoadError."""
        if self.article is None:
            from reader.library.index import load_entry

            info = self.info
            if info is None:
                from reader.load import load_path

                self.article = load_path(Path(self.path))[self.record]
            else:
                self.article = load_entry(info.path, info.record, info.offset, info.line)  # type: ignore[attr-defined]
            self.cleaned = False
        return self.article

    def release(self) -> None:
        """Let the article go (it is loaded again when needed)."""
        self.article = None
        self.cleaned = False
        self.prepared = None


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


def open_library(paths: list[str], ner: str | None = None):
    """List the inputs (nothing parsed yet): the core library and one UI entry per article.

    Paths that cannot be read (missing files, empty folders) become entries
    with their error, so the library shows them.
    """
    from reader.library.index import Entry as Info
    from reader.library.index import Library

    lib = Library.open(paths, ner)
    for problem in lib.problems:
        where, _, why = problem.partition(": ")
        if not why:
            where, why = " ".join(paths) or "(no input)", problem
        lib.entries.append(Info(len(lib.entries), where, error=why))
    entries = [Entry(info.path, (info.record or 1) - 1, error=info.error, info=info) for info in lib.entries]
    return lib, entries


def input_files(lib) -> set[Path]:
    """The resolved input files (never exported over)."""
    out: set[Path] = set()
    for path in {e.path for e in lib.entries}:
        try:
            out.add(Path(path).resolve())
        except (OSError, ValueError):  # (ValueError: a NUL byte in the path)
            pass
    return out


def read_inputs(paths: list[str]) -> tuple[list[Entry], set[Path]]:
    """Every input article, loaded (no cleaning): for small inputs and tests; the app uses :func:`open_library`."""
    from reader.errors import LoadError

    lib, entries = open_library(paths)
    for entry in entries:
        if entry.error is None:
            try:
                entry.load()
            except LoadError as exc:
                entry.error = str(exc)
            except (OSError, ValueError) as exc:
                entry.error = f"cannot load: {exc}"
    if not entries:
        entries.append(Entry(" ".join(paths) or "(no input)", error="no article files found"))
    return entries, input_files(lib)


def first_article(entries: list[Entry]) -> Entry | None:
    """Load entries in order until one loads (the ones that fail get their error); that one or None."""
    from reader.errors import LoadError

    for entry in entries:
        if entry.error is not None:
            continue
        try:
            entry.load()
            return entry
        except LoadError as exc:
            entry.error = str(exc)
        except Exception as exc:  # noqa: BLE001 - one bad file must not stop the reader
            entry.error = f"cannot load: {type(exc).__name__}: {exc}"
        if entry.info is not None:
            entry.info.error = entry.error  # type: ignore[attr-defined]
    return None


class Preload:
    """Reads the inputs and cleans the first article on a daemon thread, started before the UI."""

    def __init__(self, paths: list[str], ner: str | None = None) -> None:
        self.paths = list(paths)
        self.ner = ner
        self.lib = None  # the core library (reader.library.index.Library)
        self._result: tuple[list[Entry], set[Path]] | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, args=(list(paths),), name="newsreader-preload", daemon=True)
        self._thread.start()

    def _run(self, paths: list[str]) -> None:
        try:
            self.lib, entries = open_library(paths, self.ner)
            first = first_article(entries)
            self._result = (entries, input_files(self.lib))
            # a big first article is cleaned by the app's worker, which shows its raw text meanwhile
            if first is not None and first.article is not None and len(first.article.raw) < PREVIEW_CHARS:
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
