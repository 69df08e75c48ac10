"""A library of many articles, indexed lazily.

``Library.open(paths)`` only lists the files (a directory walk, plus the line
offsets of JSON Lines files), so a folder of 10,000 articles opens in well
under a second.  Each :class:`Entry` then gets its summary (title, size,
share removed, entity count, story fingerprint) when it is needed:

* :meth:`Library.summarize` for one entry, in this process (the visible rows);
* :meth:`Library.article` for the fully processed article (the current one;
  a small LRU cache keeps the last few);
* :meth:`Library.index_iter` for all the rest, in worker processes, yielding
  progress as it goes (run it in a background thread worker);
* :meth:`Library.cluster` once indexing is done, for the story clusters.

Memory stays small: an entry holds its summary, a 256-byte MinHash signature
and a 2,000-character snippet, never the article.
"""

from __future__ import annotations

import os
import re
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from reader.model import Article


@dataclass(slots=True)
class Entry:
    """One article of the library: where it is and, once indexed, its summary."""

    index: int
    path: str
    record: int | None = None
    offset: int | None = None  # byte offset of a JSON Lines record
    line: int | None = None
    size: int = 0
    mtime: float = 0.0
    title: str | None = None
    published: str | None = None
    publisher: str | None = None
    removed_share: float | None = None
    entities: int | None = None
    blocks: int | None = None
    cluster: int | None = None
    cluster_size: int = 1
    error: str | None = None
    signature: bytes | None = None
    snippet: str | None = None

    @property
    def name(self) -> str:
        base = os.path.basename(self.path)
        return base if self.record is None else f"{base} #{self.record}"

    @property
    def indexed(self) -> bool:
        return self.removed_share is not None or self.error is not None

    @property
    def label(self) -> str:
        """What a list row shows: the title, else the file (and record) name."""
        return self.title or self.name


Task = tuple[int, str, int | None, int | None, int | None]


def _task(entry: Entry) -> Task:
    return (entry.index, entry.path, entry.record, entry.offset, entry.line)


def load_entry(path: str, record: int | None, offset: int | None, line: int | None) -> Article:
    """The (uncleaned, or for HTML classified) article behind an entry; raises LoadError."""
    from reader.errors import LoadError
    from reader.load import load_path

    p = Path(path)
    if record is None:  # a whole file (records are JSON list elements or JSON Lines)
        articles = load_path(p)
        if not articles:
            raise LoadError("no article")
        return articles[0]
    from reader.load import records

    if offset is not None:
        item = records.read_record(p, offset, record, line)
        if isinstance(item, records.RecordProblem):
            raise LoadError(item.message)
        return item
    # a JSON list element: stream to it
    for item in records.iter_records(p):
        if isinstance(item, Article) and item.record == record:
            return item
        if isinstance(item, records.RecordProblem) and item.record == record:
            raise LoadError(item.message)
    raise LoadError(f"record {record} not found")


_ANNOTATOR: Callable | None = None
_NER: str | None = None


def _annotator(ner: str | None):
    global _ANNOTATOR, _NER
    if _ANNOTATOR is None or _NER != ner:
        from reader.annotate import get_annotator

        _ANNOTATOR, _NER = get_annotator(ner), ner
    return _ANNOTATOR


def process(path: str, record: int | None, offset: int | None, line: int | None, ner: str | None = None) -> Article:
    """Load, clean and annotate one entry's article (what the reader shows)."""
    from reader.clean import clean_article as clean

    article = clean(load_entry(path, record, offset, line))
    article.annotations = _annotator(ner)(article.clean)
    return article


def summary_of(article: Article) -> dict:
    from reader.library.cluster import fingerprint

    stats = article.stats()
    sig, snip = fingerprint(article.clean)
    return {
        "title": article.title,
        "published": article.published,
        "publisher": article.publisher,
        "removed_share": round(stats["removed_share"], 4),
        "entities": len(article.entities),
        "blocks": stats["blocks"],
        "signature": sig,
        "snippet": snip,
    }


def summarize_task(task: Task, ner: str | None = None) -> tuple[int, dict]:
    """Worker function: the summary of one entry (or its error)."""
    from reader.errors import LoadError

    index, path, record, offset, line = task
    try:
        return index, summary_of(process(path, record, offset, line, ner))
    except LoadError as exc:
        return index, {"error": str(exc)}
    except Exception as exc:  # noqa: BLE001 - one bad article must not stop indexing
        return index, {"error": f"failed: {type(exc).__name__}: {exc}"}


def _summarize_chunk(args: tuple[list[Task], str | None]) -> tuple[list[tuple[int, dict]], float]:
    """Summaries of a chunk of entries, and this process's peak RSS in MB."""
    import resource

    tasks, ner = args
    out = [summarize_task(t, ner) for t in tasks]
    return out, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class Library:
    """The articles of some files and folders, summarised lazily."""

    def __init__(self, entries: list[Entry], problems: list[str] | None = None, ner: str | None = None) -> None:
        self.entries = entries
        self.problems = problems or []
        self.ner = ner
        self._cache: OrderedDict[int, Article] = OrderedDict()
        self.cache_size = 8
        self.clusters: dict[int, list[int]] = {}
        #: Peak resident memory (MB) reported by the indexing workers.
        self.worker_peak_rss_mb = 0.0

    # -- opening ------------------------------------------------------------
    @classmethod
    def open(cls, paths: Iterable[str | Path], ner: str | None = None) -> Library:
        """List the articles of ``paths`` (files and folders); nothing is parsed yet.

        JSON Lines files become one entry per line (their byte offsets are
        remembered, the records are parsed later); JSON files one entry per
        list element (counted by streaming); other files one entry each.  A
        file-level error (a JSON syntax error) is an entry with ``error`` set.
        Problems (missing files, unreadable folders) are
        one-line messages in ``problems``.
        """
        from reader.errors import LoadError
        from reader.load import RECORD_SUFFIXES, discover

        records = None  # reader.load.records, imported for the first JSON input (not for plain articles)
        entries: list[Entry] = []
        problems: list[str] = []
        for found in discover(paths):
            if found.error:
                problems.append(f"{found.path}: {found.error}")
                continue
            path = str(found.path)
            try:
                st = found.path.stat()
            except OSError as exc:
                problems.append(f"{path}: cannot read: {exc.strerror or exc}")
                continue
            if not found.path.name.lower().endswith(RECORD_SUFFIXES):  # what records.handles() accepts
                entries.append(Entry(len(entries), path, None, None, None, st.st_size, st.st_mtime))
                continue
            if records is None:
                from reader.load import records
            if records.is_jsonl(found.path):
                n = 0
                try:
                    for lineno, offset, raw in records.iter_lines(found.path):
                        n += 1
                        entries.append(Entry(len(entries), path, n, offset, lineno, len(raw), st.st_mtime))
                except (OSError, EOFError) as exc:
                    problems.append(f"{path}: file ends early or is damaged after record {n} ({exc})")
                if n == 0:
                    problems.append(f"{path}: empty JSON Lines file: no records")
                continue
            if records.handles(found.path):
                # A JSON file: one entry per list element (counted by streaming, not loaded).
                try:
                    numbers = records.record_numbers(found.path)
                except LoadError as exc:
                    entries.append(Entry(len(entries), path, None, None, None, st.st_size, st.st_mtime, error=str(exc)))
                    continue
                except Exception as exc:  # noqa: BLE001 - one bad file must not stop the library
                    problems.append(f"{path}: cannot read: {exc}")
                    continue
                for number in numbers:
                    entries.append(Entry(len(entries), path, number, None, None, st.st_size, st.st_mtime))
                continue
            entries.append(Entry(len(entries), path, None, None, None, st.st_size, st.st_mtime))
        if not entries and not problems:
            problems.append("no article files found")
        return cls(entries, problems, ner)

    # -- one entry ------------------------------------------------------------
    def __len__(self) -> int:
        return len(self.entries)

    def article(self, index: int) -> Article:
        """The fully processed article of an entry (cleaned, annotated); raises LoadError."""
        if index in self._cache:
            self._cache.move_to_end(index)
            return self._cache[index]
        entry = self.entries[index]
        try:
            article = process(entry.path, entry.record, entry.offset, entry.line, self.ner)
        except Exception as exc:
            from reader.errors import LoadError

            entry.error = str(exc) if isinstance(exc, LoadError) else f"failed: {type(exc).__name__}: {exc}"
            raise
        self._apply(entry, summary_of(article))
        self._cache[index] = article
        while len(self._cache) > self.cache_size:
            self._cache.popitem(last=False)
        return article

    def summarize(self, index: int) -> Entry:
        """Index one entry in this process (for the rows on screen)."""
        entry = self.entries[index]
        if not entry.indexed:
            _, summary = summarize_task(_task(entry), self.ner)
            self._apply(entry, summary)
        return entry

    @staticmethod
    def _apply(entry: Entry, summary: dict) -> None:
        for key, value in summary.items():
            setattr(entry, key, value)

    # -- everything -------------------------------------------------------------
    def pending(self) -> list[int]:
        return [e.index for e in self.entries if not e.indexed]

    def index_iter(self, jobs: int | None = None, chunk: int = 16) -> Iterator[tuple[int, int]]:
        """Index every entry not yet indexed; yields (done, total) after each chunk.

        Runs in ``jobs`` worker processes (default: all cores; 1 = this
        process).  Clusters are computed at the end.
        """
        todo = self.pending()
        total = len(self.entries)
        done = total - len(todo)
        yield done, total
        jobs = jobs or os.cpu_count() or 1
        chunks = [[_task(self.entries[i]) for i in todo[k : k + chunk]] for k in range(0, len(todo), chunk)]
        if jobs <= 1 or len(chunks) <= 1:
            results: Iterable[tuple[list[tuple[int, dict]], float]] = (_summarize_chunk((c, self.ner)) for c in chunks)
            pool = None
        else:
            import multiprocessing as mp

            # forkserver: safe to start from a process that runs threads (the TUI).
            method = "forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn"
            pool = mp.get_context(method).Pool(jobs)
            results = pool.imap_unordered(_summarize_chunk, [(c, self.ner) for c in chunks])
        try:
            for batch, rss in results:
                if pool is not None:
                    self.worker_peak_rss_mb = max(self.worker_peak_rss_mb, rss)
                for index, summary in batch:
                    self._apply(self.entries[index], summary)
                done += len(batch)
                yield done, total
        finally:
            if pool is not None:
                pool.terminate()
                pool.join()
        self.cluster()

    def index_all(self, jobs: int | None = None, progress: Callable[[int, int], None] | None = None) -> None:
        for done, total in self.index_iter(jobs):
            if progress is not None:
                progress(done, total)

    # -- clusters, filter, sort ---------------------------------------------------
    def cluster(self) -> dict[int, list[int]]:
        """Group the indexed entries into stories; sets ``cluster`` / ``cluster_size``; id -> entry indices."""
        from reader.library.cluster import cluster, members

        labels = cluster([e.signature for e in self.entries], [e.snippet for e in self.entries])
        groups = members(labels)
        for entry, label in zip(self.entries, labels):
            entry.cluster = label
            entry.cluster_size = len(groups[label])
        self.clusters = groups
        return groups

    def copies(self, index: int) -> list[int]:
        """The other entries of an entry's story cluster (for the side-by-side view)."""
        label = self.entries[index].cluster
        if label is None:
            return []
        return [i for i in self.clusters.get(label, []) if i != index]

    def filter(self, query: str, indices: list[int] | None = None) -> list[int]:
        from reader.library.filter import fuzzy_filter

        return fuzzy_filter(self.entries, query, indices)

    def sort(self, key: str, indices: list[int] | None = None, reverse: bool = False) -> list[int]:
        from reader.library.filter import sort_entries

        return sort_entries(self.entries, key, indices, reverse)


def date_key(entry: Entry) -> float:
    """A sortable timestamp: the article's published date if it parses, else the file's mtime."""
    value = entry.published
    if value:
        m = re.match(r"(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?", value.strip())
        if m:
            y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
            hh, mm = int(m.group(4) or 0), int(m.group(5) or 0)
            try:
                import calendar

                return float(calendar.timegm((y, mo, d, hh, mm, 0)))
            except (ValueError, OverflowError):
                pass
        from email.utils import parsedate_to_datetime

        try:
            return parsedate_to_datetime(value).timestamp()
        except (TypeError, ValueError, IndexError):
            pass
    return entry.mtime


__all__ = ["Entry", "Library", "date_key", "load_entry", "process", "summarize_task", "summary_of"]
