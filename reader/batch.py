"""Batch cleaning in several processes: ``newsreader clean DIR -o OUTDIR --jobs N``.

The parent only finds the files, gives each one its output stem and hands
the list out in chunks; each worker reads its files, cleans (and for JSON
annotates) every article, writes the outputs itself and sends back a small
:class:`FileResult` (counts, output names, and for clustering a 256-byte
MinHash signature and a short text snippet per article).  Results come back
in file order, so ``--jobs N`` writes exactly the bytes that ``--jobs 1``
writes: both run :func:`process_file`, one in the parent and one in workers.

For ``--format json`` / ``jsonl`` the articles are then grouped into story
clusters (see :mod:`reader.library.cluster`) and each output gets its
``"cluster"`` id, patched in place at the end of the JSON object.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from reader.model import Article


@dataclass(slots=True)
class Settings:
    """What every worker needs to know (sent once, at pool start)."""

    fmt: str = "text"
    outdir: str | None = None
    annotate: bool = False
    ner: str | None = None
    text_field: str | None = None
    title_field: str | None = None
    cluster: bool = False
    #: Send the rendered texts to the parent (stdout, a JSON Lines stream) instead of writing files:
    #: through a spool file per input in ``spool_dir`` (a 500 MB JSON Lines input never sits in memory).
    collect: bool = False
    spool_dir: str | None = None


@dataclass(slots=True)
class ArticleResult:
    record: int | None
    output: str | None = None  # the file written
    text: str | None = None  # the rendered output (collect mode without a spool)
    size: int = 0  # characters of the rendered output in the spool file
    total_chars: int = 0
    removed_chars: int = 0
    signature: bytes | None = None
    snippet: str | None = None


@dataclass(slots=True)
class FileResult:
    ordinal: int
    source: str
    items: list[ArticleResult | str] = field(default_factory=list)  # str: a one-line problem
    spool: str | None = None  # collect mode: the rendered outputs, in order

    def texts(self) -> Iterator[tuple[ArticleResult | str, str | None]]:
        """Each item with its rendered text (read back from the spool), then the spool is removed."""
        fh = open(self.spool, encoding="utf-8", newline="") if self.spool else None  # noqa: SIM115 - closed in finally
        try:
            for item in self.items:
                if isinstance(item, str):
                    yield item, None
                elif fh is not None and item.text is None:
                    yield item, fh.read(item.size)
                else:
                    yield item, item.text
        finally:
            if fh is not None:
                fh.close()
                os.unlink(self.spool)  # type: ignore[arg-type]


@dataclass(slots=True)
class Summary:
    articles: int = 0
    failures: int = 0
    total_chars: int = 0
    removed_chars: int = 0
    seconds: float = 0.0
    files: int = 0

    def line(self) -> str:
        share = self.removed_chars / self.total_chars if self.total_chars else 0.0
        fail = "1 failure" if self.failures == 1 else f"{self.failures} failures"
        arts = "1 article" if self.articles == 1 else f"{self.articles} articles"
        return f"{arts}, {fail}, {share:.1%} removed, {self.seconds:.1f} s"


_SETTINGS = Settings()
_ANNOTATE: Callable | None = None


def init_worker(settings: Settings) -> None:
    """Set up one process (the parent too, for ``--jobs 1``)."""
    global _SETTINGS, _ANNOTATE
    _SETTINGS = settings
    from reader.load import records

    records.configure(settings.text_field, settings.title_field)
    _ANNOTATE = None
    if settings.annotate:
        from reader.annotate import get_annotator

        _ANNOTATE = get_annotator(settings.ner)


def process_article(article: Article, stem: str | None, spool=None) -> ArticleResult:
    from reader.export import EXTENSIONS, render

    from reader.clean import clean_article

    settings = _SETTINGS
    clean_article(article)
    if _ANNOTATE is not None:
        article.annotations = _ANNOTATE(article.clean)
    text = render(article, settings.fmt)
    total = sum(b.end - b.start for b in article.blocks)
    kept = sum(b.end - b.start for b in article.blocks if b.kept)
    result = ArticleResult(article.record, total_chars=total, removed_chars=total - kept)
    if settings.cluster:
        from reader.library.cluster import fingerprint

        result.signature, result.snippet = fingerprint(article.clean)
    if spool is not None:
        spool.write(text)
        result.size = len(text)
    elif settings.collect or stem is None:
        result.text = text
    else:
        name = stem if article.record is None else f"{stem}-{article.record}"
        path = os.path.join(settings.outdir or ".", f"{name}.{EXTENSIONS[settings.fmt]}")
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(text)
        result.output = path
    return result


def process_file(task: tuple[int, str, str | None]) -> FileResult:
    """Load, clean and write every article of one file."""
    from reader.errors import LoadError
    from reader.load import iter_path

    ordinal, source, stem = task
    out = FileResult(ordinal, source)
    spool = None
    if _SETTINGS.collect and _SETTINGS.spool_dir:
        import tempfile

        fd, out.spool = tempfile.mkstemp(prefix=f"{ordinal:08d}-", suffix=".part", dir=_SETTINGS.spool_dir)
        spool = open(fd, "w", encoding="utf-8", newline="")  # noqa: SIM115 - closed in finally
    try:
        for item in iter_path(Path(source)):
            if isinstance(item, str):
                out.items.append(item)
                continue
            try:
                out.items.append(process_article(item, stem, spool))
            except Exception as exc:  # noqa: BLE001 - one bad article must not stop a batch
                name = source if item.record is None else f"record {item.record}"
                out.items.append(f"{name}: failed: {type(exc).__name__}: {exc}")
    except LoadError as exc:
        out.items.append(str(exc))
    except (OSError, ValueError, RecursionError) as exc:
        out.items.append(f"cannot load: {exc}")
    finally:
        if spool is not None:
            spool.close()
    return out


def process_files(tasks: list[tuple[int, str, str | None]], jobs: int, settings: Settings) -> Iterator[FileResult]:
    """Results in task order, computed by ``jobs`` processes."""
    if jobs <= 1 or len(tasks) <= 1:
        init_worker(settings)
        for task in tasks:
            yield process_file(task)
        return
    import multiprocessing as mp

    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
    chunk = max(1, min(32, len(tasks) // (jobs * 8) or 1))
    with ctx.Pool(jobs, initializer=init_worker, initargs=(settings,)) as pool:
        yield from pool.imap(process_file, tasks, chunksize=chunk)


class Progress:
    """A one-line progress bar on stderr (only when it is a terminal)."""

    def __init__(self, total: int, enabled: bool | None = None) -> None:
        self.total = total
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self.start = time.perf_counter()
        self.last = 0.0

    def update(self, done: int, force: bool = False) -> None:
        if not self.enabled:
            return
        now = time.perf_counter()
        if not force and now - self.last < 0.1 and done < self.total:
            return
        self.last = now
        width = 30
        frac = done / self.total if self.total else 1.0
        bar = "█" * int(frac * width) + "░" * (width - int(frac * width))
        rate = done / (now - self.start) if now > self.start else 0.0
        sys.stderr.write(f"\r{bar} {done}/{self.total} files  {rate:.0f}/s ")
        sys.stderr.flush()

    def close(self) -> None:
        if self.enabled:
            sys.stderr.write("\r" + " " * 70 + "\r")
            sys.stderr.flush()


def patch_json_file(path: str, cluster: int) -> None:
    """Add ``"cluster": N`` as the last field of an indented JSON output, in place."""
    with open(path, "r+b") as fh:
        fh.seek(-3, os.SEEK_END)
        if fh.read(3) != b"\n}\n":
            return
        fh.seek(-3, os.SEEK_END)
        fh.write(f',\n  "cluster": {cluster}\n}}\n'.encode())


def patch_json_text(text: str, cluster: int) -> str:
    """The same for a rendered JSON (indented) or JSON Lines text."""
    if text.endswith("\n}\n"):
        return text[:-3] + f',\n  "cluster": {cluster}\n}}\n'
    if text.endswith("}\n"):
        return text[:-2] + f', "cluster": {cluster}}}\n'
    return text


__all__ = [
    "ArticleResult",
    "FileResult",
    "Progress",
    "Settings",
    "Summary",
    "clean",
    "init_worker",
    "patch_json_file",
    "patch_json_text",
    "process_article",
    "process_file",
    "process_files",
]
