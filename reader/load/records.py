"""JSON and JSON Lines scraper output: one article per record.

Accepted shapes: a ``.json`` file holding one object, a list of objects, or
an object that wraps such a list (``{"articles": [...]}``); a ``.jsonl`` /
``.ndjson`` file (optionally gzipped) with one object per line.  Files are
streamed: a JSON Lines file is read line by line and a JSON list element by
element, so a 500 MB file is never loaded whole.

Field names are detected from common conventions (``title``/``headline``,
``text``/``body``/``content``/``article``/``articleBody``, ``url``,
``date``/``published``, ``author``...) or set with :func:`configure`
(``--text-field`` / ``--title-field``; dotted paths reach nested objects).
A record whose text is HTML goes through the HTML path.

Records are numbered from 1 in file order; a malformed line or a record
without text keeps its number (so ``stem-3`` is always the third record) and
is reported as a :class:`RecordProblem` with its line number.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from reader.errors import LoadError
from reader.load.decode import mend_surrogates, normalise_newlines
from reader.model import Article

JSON_SUFFIXES = (".json", ".json.gz")
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")

TEXT_FIELDS = (
    "text",
    "body",
    "content",
    "article",
    "articleBody",
    "article_body",
    "article_text",
    "maintext",
    "main_text",
    "full_text",
    "fulltext",
    "story",
    "html",
    "raw_html",
    "content_html",
    "body_html",
)
TITLE_FIELDS = ("title", "headline", "name", "heading")
URL_FIELDS = ("url", "link", "canonical_url", "source_url", "href")
DATE_FIELDS = (
    "date",
    "published",
    "published_at",
    "publishedAt",
    "publish_date",
    "date_published",
    "datePublished",
    "pubDate",
    "pub_date",
    "created_at",
    "time",
    "timestamp",
)
AUTHOR_FIELDS = ("author", "authors", "byline", "creator", "writer")
PUBLISHER_FIELDS = ("publisher", "site_name", "sitename", "site", "source", "domain", "outlet")
#: Keys of a wrapper object whose list holds the records.
WRAPPER_FIELDS = ("articles", "items", "records", "results", "data", "docs", "documents", "entries", "posts")

_CHUNK = 1 << 20


@dataclass(slots=True)
class Options:
    text_field: str | None = None
    title_field: str | None = None


#: The process-wide field settings (the CLI sets them once).
OPTIONS = Options()


def configure(text_field: str | None = None, title_field: str | None = None) -> None:
    OPTIONS.text_field = text_field
    OPTIONS.title_field = title_field


@dataclass(frozen=True, slots=True)
class RecordProblem:
    """A record that could not be loaded; ``message`` is one line."""

    record: int
    line: int | None
    message: str

    def __str__(self) -> str:
        return self.message


# -- fields ----------------------------------------------------------------------


def _get(obj: dict, path: str):
    cur = obj
    for part in path.split("."):
        if isinstance(cur, dict) and part in cur:
            cur = cur[part]
        elif isinstance(cur, list) and part.isdigit() and int(part) < len(cur):
            cur = cur[int(part)]
        else:
            return None
    return cur


def _as_text(value) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return "\n\n".join(value)  # a list of paragraphs
    if isinstance(value, dict):
        for key in ("text", "value", "content", "name", "#text"):
            if isinstance(value.get(key), str):
                return value[key]
    return None


def _first(obj: dict, names: tuple[str, ...]) -> str | None:
    for name in names:
        if name in obj:
            text = _as_text(obj[name])
            if text is not None and text.strip():
                return text
    lowered = {k.lower(): k for k in obj if isinstance(k, str)}
    for name in names:
        key = lowered.get(name.lower())
        if key is not None:
            text = _as_text(obj[key])
            if text is not None and text.strip():
                return text
    return None


def _short(value: str | None) -> str | None:
    if value is None:
        return None
    value = " ".join(mend_surrogates(value)[0].split())
    return value[:300] or None


def _author(obj: dict) -> str | None:
    for name in AUTHOR_FIELDS:
        value = obj.get(name)
        if isinstance(value, list):
            names = [_as_text(v) for v in value]
            joined = ", ".join(n for n in names if n)
            if joined:
                return _short(joined)
        elif value is not None:
            text = _as_text(value)
            if text:
                return _short(text)
    return None


def record_article(obj, source: str, record: int | None, options: Options | None = None) -> Article | str:
    """One record to an (uncleaned, or for HTML classified) article; a str is the problem."""
    options = options or OPTIONS
    if not isinstance(obj, dict):
        return f"not an object but {type(obj).__name__}"
    if options.text_field:
        text = _as_text(_get(obj, options.text_field))
        if text is None or not text.strip():
            return f"no text in field {options.text_field!r}"
    else:
        text = _first(obj, TEXT_FIELDS)
        if text is None:
            return "no text field (looked for " + ", ".join(TEXT_FIELDS[:6]) + "...; set one with --text-field)"
    text, broken = mend_surrogates(text)
    if options.title_field:
        title = _short(_as_text(_get(obj, options.title_field)))
    else:
        title = _short(_first(obj, TITLE_FIELDS))
    from reader.load.html import article_from_html_text, looks_like_html

    if looks_like_html(text):
        try:
            article = article_from_html_text(text, source)
        except LoadError as exc:
            return str(exc)
        article.notes.insert(0, "record text is HTML: read as a web page")
    else:
        article = Article(source=source, raw=normalise_newlines(text.replace("\x00", "")))
    if broken:
        article.notes.append(
            f"{broken} broken character{'s' if broken > 1 else ''} (half a UTF-16 pair) replaced with U+FFFD"
        )
    if title:
        article.title = title
    article.byline = _author(obj) or article.byline
    article.published = _short(_first(obj, DATE_FIELDS)) or article.published
    article.publisher = _short(_first(obj, PUBLISHER_FIELDS)) or article.publisher
    url = _short(_first(obj, URL_FIELDS))
    if url:
        article.notes.append(f"url: {url}")
    article.record = record
    return article


def record_name(path: str | Path, record: int | None) -> str:
    return str(path) if record is None else f"{path}#{record}"


# -- streaming -------------------------------------------------------------------


def _open(path: Path):
    try:
        if path.suffix.lower() == ".gz":
            import gzip  # only for gzipped files (not imported at start-up)

            return gzip.open(path, "rb")
        return open(path, "rb")
    except PermissionError:
        raise LoadError("permission denied") from None
    except OSError as exc:
        raise LoadError(f"cannot read: {exc.strerror or exc}") from None


def handles(path: Path) -> bool:
    return path.name.lower().endswith(JSON_SUFFIXES + JSONL_SUFFIXES)


def is_jsonl(path: Path) -> bool:
    name = path.name.lower()
    return name.endswith(JSONL_SUFFIXES)


def iter_lines(path: Path) -> Iterator[tuple[int, int, bytes]]:
    """(line number from 1, byte offset, line bytes) of every non-blank line."""
    with _open(path) as fh:
        offset = 0
        for lineno, line in enumerate(fh, 1):
            start = offset
            offset += len(line)
            if line.strip():
                yield lineno, start, line


def _jsonl(path: Path, options: Options) -> Iterator[Article | RecordProblem]:
    record = 0
    try:
        for lineno, _offset, line in iter_lines(path):
            record += 1
            yield _from_line(path, record, lineno, line, options)
    except (OSError, EOFError) as exc:  # gzip.BadGzipFile is an OSError
        yield RecordProblem(record + 1, None, f"file ends early or is damaged after record {record} ({exc})")
    if record == 0:
        raise LoadError("empty JSON Lines file: no records")


def _from_line(path: Path, record: int, lineno: int, line: bytes, options: Options) -> Article | RecordProblem:
    try:
        obj = json.loads(line)
    except (ValueError, RecursionError) as exc:
        msg = (
            f"{exc.msg.removesuffix(' at')} at column {exc.colno}"
            if isinstance(exc, json.JSONDecodeError)
            else str(exc)
        )
        return RecordProblem(record, lineno, f"line {lineno}: malformed JSON ({msg}), skipped")
    item = record_article(obj, record_name(path, record), record, options)
    if isinstance(item, str):
        return RecordProblem(record, lineno, f"line {lineno} (record {record}): {item}, skipped")
    return item


def read_record(path: Path, offset: int, record: int, lineno: int | None = None) -> Article | RecordProblem:
    """Load one JSON Lines record from its byte offset (what the library index remembers)."""
    with _open(path) as fh:
        fh.seek(offset)
        line = fh.readline()
    return _from_line(path, record, lineno or 0, line, Options(OPTIONS.text_field, OPTIONS.title_field))


class _Stream:
    """A character stream over a file, decoded incrementally, for JSON list elements."""

    def __init__(self, fh) -> None:
        import codecs

        self.fh = fh
        self.dec = codecs.getincrementaldecoder("utf-8-sig")(errors="replace")
        self.buf = ""
        self.pos = 0
        self.eof = False
        self.line = 1  # line number at self.pos

    def fill(self) -> bool:
        if self.eof:
            return False
        data = self.fh.read(_CHUNK)
        if not data:
            self.eof = True
            self.buf = self.buf[self.pos :] + self.dec.decode(b"", final=True)
            self.pos = 0
            return False
        self.buf = self.buf[self.pos :] + self.dec.decode(data)
        self.pos = 0
        return True

    def skip_ws(self) -> str | None:
        while True:
            while self.pos < len(self.buf) and self.buf[self.pos] in " \t\r\n":
                if self.buf[self.pos] == "\n":
                    self.line += 1
                self.pos += 1
            if self.pos < len(self.buf):
                return self.buf[self.pos]
            if not self.fill():
                return None


def _json(path: Path, options: Options) -> Iterator[Article | RecordProblem]:
    decoder = json.JSONDecoder()
    with _open(path) as fh:
        stream = _Stream(fh)
        try:
            first = stream.skip_ws()
        except (OSError, EOFError) as exc:  # gzip.BadGzipFile is an OSError
            raise LoadError(f"cannot read: {exc}") from None
        if first is None:
            raise LoadError("empty JSON file: no records")
        if first != "[":
            # One object (or a wrapper of a list): read it whole.
            while stream.fill():
                pass
            text = stream.buf[stream.pos :]
            try:
                obj, end = decoder.raw_decode(text)
            except json.JSONDecodeError as exc:
                raise LoadError(
                    f"JSON syntax error at line {exc.lineno + stream.line - 1} column {exc.colno}: {exc.msg}"
                ) from None
            except RecursionError:
                raise LoadError(_TOO_DEEP) from None
            rest = text[end:].strip()
            if rest:
                # Several objects one per line in a .json file: read as JSON Lines.
                yield from _jsonl(path, options)
                return
            if isinstance(obj, dict):
                wrapped = _wrapped_list(obj, options)
                if wrapped is not None:
                    for n, item in enumerate(wrapped, 1):
                        yield _checked(item, path, n, None, options)
                    return
                yield _checked(obj, path, None, None, options)
                return
            if isinstance(obj, list):  # pragma: no cover - lists start with "["
                for n, item in enumerate(obj, 1):
                    yield _checked(item, path, n, None, options)
                return
            raise LoadError(f"a JSON {type(obj).__name__}, not an object or a list of objects")
        # A list: stream its elements.
        stream.pos += 1
        record = 0
        while True:
            ch = stream.skip_ws()
            if ch is None:
                yield RecordProblem(
                    record + 1, stream.line, f"line {stream.line}: the JSON list is not closed (truncated file?)"
                )
                return
            if ch == "]":
                if record == 0:
                    raise LoadError("empty JSON list: no records")
                return
            if ch == "," and record:
                stream.pos += 1
                continue
            line = stream.line
            while True:
                try:
                    obj, end = decoder.raw_decode(stream.buf, stream.pos)
                    break
                except json.JSONDecodeError as exc:
                    if stream.fill():
                        continue
                    record += 1
                    where = line + exc.lineno - 1 - stream.buf.count("\n", 0, stream.pos) if exc.lineno else line
                    yield RecordProblem(
                        record, where, f"line {where}: JSON syntax error ({exc.msg}); the rest of the file is skipped"
                    )
                    return
                except RecursionError:
                    record += 1
                    yield RecordProblem(record, line, f"line {line}: {_TOO_DEEP}; the rest of the file is skipped")
                    return
            stream.line += stream.buf.count("\n", stream.pos, end)
            stream.pos = end
            record += 1
            yield _checked(obj, path, record, line, options)


#: What a JSON value nested deeper than Python's recursion limit is reported as.
_TOO_DEEP = "JSON nested too deeply to read"


def record_numbers(path: Path) -> list[int | None]:
    """The record numbers of a file without building articles: ``[None]`` for one object.

    JSON Lines: one per non-blank line; JSON: one per list element (streamed).
    Raises LoadError for a file-level problem (a syntax error before any record).
    """
    if is_jsonl(path):
        return [n for n, _ in enumerate(iter_lines(path), 1)]
    decoder = json.JSONDecoder()
    with _open(path) as fh:
        stream = _Stream(fh)
        first = stream.skip_ws()
        if first is None:
            raise LoadError("empty JSON file: no records")
        if first != "[":
            while stream.fill():
                pass
            try:
                obj, _end = decoder.raw_decode(stream.buf, stream.pos)
            except json.JSONDecodeError as exc:
                raise LoadError(f"JSON syntax error at line {exc.lineno} column {exc.colno}: {exc.msg}") from None
            except RecursionError:
                raise LoadError(_TOO_DEEP) from None
            wrapped = _wrapped_list(obj, OPTIONS) if isinstance(obj, dict) else None
            return list(range(1, len(wrapped) + 1)) if wrapped is not None else [None]
        stream.pos += 1
        n = 0
        while True:
            ch = stream.skip_ws()
            if ch is None or ch == "]":
                return list(range(1, n + 1)) if n else [1]
            if ch == ",":
                stream.pos += 1
                continue
            while True:
                try:
                    _obj, end = decoder.raw_decode(stream.buf, stream.pos)
                    break
                except json.JSONDecodeError:
                    if not stream.fill():
                        return list(range(1, n + 2))  # the broken element is reported when loaded
                except RecursionError:
                    return list(range(1, n + 2))  # (as a broken element)
            stream.pos = end
            n += 1


def _wrapped_list(obj: dict, options: Options):
    if options.text_field and _get(obj, options.text_field) is not None:
        return None
    if _first(obj, TEXT_FIELDS) is not None:
        return None
    for key in WRAPPER_FIELDS:
        value = obj.get(key)
        if isinstance(value, list) and value and all(isinstance(v, dict) for v in value[:5]):
            return value
    return None


def _checked(obj, path: Path, record: int | None, line: int | None, options: Options) -> Article | RecordProblem:
    item = record_article(obj, record_name(path, record), record, options)
    if isinstance(item, str):
        where = f"record {record}" if record is not None else "the record"
        if line:
            where = f"line {line} ({where})"
        return RecordProblem(record or 1, line, f"{where}: {item}, skipped")
    return item


def iter_records(path: Path, options: Options | None = None) -> Iterator[Article | RecordProblem]:
    """Every record of a JSON / JSON Lines file, streamed; raises LoadError for a file-level problem."""
    options = options or Options(OPTIONS.text_field, OPTIONS.title_field)
    if is_jsonl(path):
        return _jsonl(path, options)
    return _json(path, options)


def load_records(path: Path) -> list[Article]:
    """All records of a file (the registry's loader).  Problems become notes of the first article."""
    articles: list[Article] = []
    problems: list[str] = []
    for item in iter_records(path):
        if isinstance(item, RecordProblem):
            problems.append(item.message)
        else:
            articles.append(item)
    if not articles:
        if problems:
            more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
            raise LoadError(f"no article could be read: {problems[0]}{more}")
        raise LoadError("no records")
    if problems:
        articles[0].notes.extend(problems)
    return articles


__all__ = [
    "OPTIONS",
    "Options",
    "RecordProblem",
    "configure",
    "iter_lines",
    "iter_records",
    "load_records",
    "read_record",
    "record_article",
]
