"""Command line: ``newsreader [PATH ...]`` (the reader), ``newsreader clean``, ``newsreader annotate``.

Only argparse is imported at start-up, so ``--help`` and ``--version`` answer
fast; the engine is imported by the commands that need it, Textual only when
the reader starts.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from reader import __version__

PROG = "newsreader"
SUBCOMMANDS = ("clean", "annotate")


def _tui_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog=PROG,
        description="Read scraped news: the clean article beside the raw text, with every removal explained.",
        epilog=(
            "commands:\n"
            "  newsreader clean PATH... [--format text|markdown|json|jsonl] [-o OUTDIR] [--jobs N]   clean headless\n"
            "  newsreader annotate PATH... [--format json] [-o OUTDIR]             entities and quotes\n"
            "With no PATH the bundled sample articles open. '-' reads one article from standard input."
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help="article files or directories (default: the samples)")
    p.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    p.add_argument("--ner", default=None, help="entity engine: 'rules' (default) or 'spacy:<model>'")
    return p


def _clean_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog=f"{PROG} clean", description="Clean article files headless.")
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or directories; '-' for standard input")
    p.add_argument("--format", "-f", choices=("text", "markdown", "json", "jsonl"), default="text")
    p.add_argument(
        "-o",
        "--output",
        metavar="OUTDIR",
        help="write OUTDIR/<stem>.<ext> per input (<stem>-<record>.<ext> per record of a JSON/JSONL file; "
        "--format jsonl: one stream OUTDIR/clean.jsonl)",
    )
    p.add_argument("--no-annotate", action="store_true", help="JSON: leave entities and quotes empty (faster)")
    p.add_argument("--ner", default=None, help="entity engine: 'rules' (default) or 'spacy:<model>'")
    p.add_argument("--jobs", "-j", type=_jobs, default=None, metavar="N", help="worker processes (default: all cores)")
    _record_options(p)
    p.add_argument(
        "--summary", action="store_true", help="print the one-line summary even when stderr is not a terminal"
    )
    return p


def _jobs(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return n


def _record_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--text-field", metavar="NAME", help="JSON/JSONL: the field holding the article text (a.b for nested)"
    )
    p.add_argument("--title-field", metavar="NAME", help="JSON/JSONL: the field holding the title")


def _annotate_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog=f"{PROG} annotate", description="Entities and quotes over each file's text as it is (no cleaning)."
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or directories; '-' for standard input")
    p.add_argument("--format", "-f", choices=("json",), default="json")
    p.add_argument("-o", "--output", metavar="OUTDIR", help="write OUTDIR/<stem>.json per input")
    p.add_argument("--ner", default=None, help="entity engine: 'rules' (default) or 'spacy:<model>'")
    _record_options(p)
    return p


def _one_line(text: str) -> str:
    """``text`` fit for one line of a terminal: control characters escaped ("\\n", "\\x1b"),
    a file name's undecodable bytes as "\\xff"."""
    if text.isprintable():
        return text
    return "".join(
        c if c.isprintable() else f"\\x{ord(c) - 0xDC00:02x}" if "\udc80" <= c <= "\udcff" else repr(c)[1:-1]
        for c in text
    )


def _error(source: str, message: str) -> None:
    print(f"{PROG}: {_one_line(source)}: {_one_line(message)}", file=sys.stderr)


def _iter_articles(paths: Sequence[str]) -> Iterator[tuple[str, object]]:
    """Yield (source, Article or error message) for every input, in order."""
    from reader.errors import LoadError
    from reader.load import article_from_bytes, discover, iter_path

    for raw in paths:
        if raw == "-":
            try:
                yield "-", article_from_bytes(sys.stdin.buffer.read(), "<stdin>")
            except LoadError as exc:
                yield "<stdin>", str(exc)
            continue
        for found in discover([raw]):
            if found.error:
                yield str(found.path), found.error
                continue
            try:
                for article in iter_path(found.path):
                    yield str(found.path), article
            except LoadError as exc:
                yield str(found.path), str(exc)
            except (OSError, ValueError) as exc:  # pragma: no cover - defensive
                yield str(found.path), f"cannot load: {exc}"


class _Outputs:
    """Output paths: OUTDIR/<stem>.<ext>, never an input file, never twice."""

    def __init__(self, outdir: Path, inputs: set[str]) -> None:
        self.outdir = outdir
        self.inputs = inputs  # names of the input files that are inside OUTDIR
        self.used: set[Path] = set()

    def path_for(self, source: str, record: int | None, ext: str) -> Path:
        stem = output_stem(source)
        if record is not None:
            stem = f"{stem}-{record}"
        candidate = self.outdir / f"{stem}.{ext}"
        n = 2
        while candidate in self.used or candidate.name in self.inputs:
            candidate = self.outdir / f"{stem}-{n}.{ext}"
            n += 1
        self.used.add(candidate)
        return candidate


def output_stem(source: str) -> str:
    """The output name of an input: "x.html.gz" -> "x", "<stdin>" -> "stdin"."""
    if source in ("-", "<stdin>"):
        return "stdin"
    path = Path(source)
    if path.suffix.lower() == ".gz" and len(path.suffixes) >= 2:
        path = path.with_suffix("")
    return path.stem


def _inputs_in(outdir: Path, files: Sequence[Path]) -> set[str]:
    """Names of the input files that live in ``outdir`` (outputs must not overwrite them)."""
    try:
        target = outdir.resolve()
    except OSError:
        return set()
    parents: dict[Path, bool] = {}
    out: set[str] = set()
    for path in files:
        parent = path.parent
        if parent not in parents:
            try:
                parents[parent] = parent.resolve() == target
            except OSError:
                parents[parent] = False
        if parents[parent]:
            out.add(path.name)
    return out


def _input_set(outdir: Path, paths: Sequence[str]) -> set[str]:
    from reader.load import discover

    return _inputs_in(outdir, [f.path for f in discover([p for p in paths if p != "-"]) if not f.error])


def _make_outdir(name: str) -> Path | None:
    """Create the output directory; None (and a one-line error) when it cannot be."""
    outdir = Path(name)
    try:
        outdir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        _error(str(outdir), f"cannot create output directory: {exc.strerror or exc}")
        return None
    return outdir


def _run_batch(args: argparse.Namespace, process, fmt: str) -> int:
    """Load every input, ``process`` each article to text, print or write it."""
    from reader.export import EXTENSIONS

    outputs = None
    if args.output:
        outdir = _make_outdir(args.output)
        if outdir is None:
            return 1
        outputs = _Outputs(outdir, _input_set(outdir, args.paths))
    failures = 0
    produced = 0
    records: dict[str, int] = {}
    stream = fmt == "jsonl"
    for source, item in _iter_articles(args.paths):
        if isinstance(item, str):
            _error(source, item)
            failures += 1
            continue
        try:
            text = process(item)
        except Exception as exc:  # noqa: BLE001 - one bad article must not stop a batch
            _error(source, f"failed: {type(exc).__name__}: {exc}")
            failures += 1
            continue
        records[source] = records.get(source, 0) + 1
        produced += 1
        if outputs is None or stream:
            if outputs is None:
                sys.stdout.write(text)
            else:
                with open(outputs.outdir / "clean.jsonl", "a", encoding="utf-8") as fh:
                    fh.write(text)
            continue
        record = getattr(item, "record", None)
        path = outputs.path_for(source, record, EXTENSIONS[fmt])
        path.write_text(text, encoding="utf-8")
    if produced == 0 and failures == 0:
        _error(" ".join(args.paths), "no article files found")
        return 1
    return 1 if failures else 0


def _annotator(args: argparse.Namespace):
    from reader.annotate import get_annotator

    return get_annotator(args.ner)


def cmd_clean(args: argparse.Namespace) -> int:
    """Clean every input; ``--jobs N`` processes, outputs written by the workers (see reader.batch)."""
    import os
    import time

    from reader import batch
    from reader.export import EXTENSIONS
    from reader.load import discover

    start = time.perf_counter()
    fmt = args.format
    stream = fmt == "jsonl"
    settings = batch.Settings(
        fmt=fmt,
        annotate=not args.no_annotate and fmt in ("json", "jsonl"),
        ner=args.ner,
        text_field=args.text_field,
        title_field=args.title_field,
        cluster=fmt in ("json", "jsonl"),
    )
    outputs = None
    if args.output:
        outdir = _make_outdir(args.output)
        if outdir is None:
            return 1
        settings.outdir = str(outdir)
    settings.collect = args.output is None or stream

    # Files in order (one directory walk); stdin as its own task; discovery problems reported in place.
    found_items: list[tuple[str, object]] = []
    for raw in args.paths:
        if raw == "-":
            found_items.append(("stdin", None))
            continue
        for found in discover([raw]):
            found_items.append(("error", (str(found.path), found.error)) if found.error else ("file", found.path))
    if args.output:
        files = [value for kind, value in found_items if kind == "file"]
        outputs = _Outputs(Path(args.output), _inputs_in(Path(args.output), files))  # type: ignore[arg-type]
    tasks: list[tuple[int, str, str | None]] = []
    order: list[tuple[str, object]] = []  # ("task", index) | ("error", (source, message)) | ("stdin", None)
    ext = EXTENSIONS[fmt]
    for kind, value in found_items:
        if kind != "file":
            order.append((kind, value))
            continue
        source = str(value)
        stem = None
        if outputs is not None and not stream:
            stem = outputs.path_for(source, None, ext).stem
        order.append(("task", len(tasks)))
        tasks.append((len(tasks), source, stem))

    jobs = args.jobs or os.cpu_count() or 1
    jobs = max(1, min(jobs, len(tasks)))
    summary = batch.Summary(files=len(tasks))
    progress = batch.Progress(len(tasks))
    sink = _Sink(outputs, fmt) if settings.collect else None
    spool_dir = None
    if settings.collect:
        import tempfile

        spool_dir = tempfile.TemporaryDirectory(prefix="newsreader-")
        settings.spool_dir = spool_dir.name
    results: list[batch.ArticleResult] = []
    done = 0
    stdin_result = None

    def report(source: str, message: str) -> None:
        progress.close() if progress.enabled else None
        _error(source, message)
        summary.failures += 1

    def take(source: str, pairs) -> None:
        for item, text in pairs:
            if isinstance(item, str):
                report(source, item)
                continue
            summary.articles += 1
            summary.total_chars += item.total_chars
            summary.removed_chars += item.removed_chars
            if sink is not None:
                sink.add(text or "")
            item.text = None
            results.append(item)

    if any(kind == "stdin" for kind, _ in order):
        batch.init_worker(settings)
        stdin_result = _clean_stdin(settings)
    file_results = batch.process_files(tasks, jobs, settings)
    try:
        for kind, value in order:
            if kind == "error":
                report(*value)  # type: ignore[misc]
            elif kind == "stdin":
                take("<stdin>", [(item, getattr(item, "text", None)) for item in stdin_result])
            else:
                fr = next(file_results)
                take(fr.source, fr.texts())
                done += 1
                progress.update(done)
    finally:
        file_results.close()
        if spool_dir is not None:
            spool_dir.cleanup()
    progress.update(done, force=True)
    progress.close()

    labels = None
    if settings.cluster and len(results) > 1:
        from reader.library.cluster import cluster

        labels = cluster([r.signature for r in results], [r.snippet for r in results])
    elif settings.cluster and results:
        labels = [1]
    if sink is not None:
        sink.finish(labels)
    elif labels is not None:
        for result, label in zip(results, labels):
            if result.output:
                batch.patch_json_file(result.output, label)

    summary.seconds = time.perf_counter() - start
    if summary.articles == 0 and summary.failures == 0:
        _error(" ".join(args.paths), "no article files found")
        return 1
    if args.summary or sys.stderr.isatty():
        print(f"{PROG}: {summary.line()}", file=sys.stderr)
    return 1 if summary.failures else 0


def _clean_stdin(settings) -> list:
    from reader import batch
    from reader.errors import LoadError
    from reader.load import article_from_bytes

    data = sys.stdin.buffer.read()
    try:
        head = data[:2000].lstrip().lower()
        if head.startswith((b"<!doctype html", b"<html")):
            from reader.load.html import article_from_html_bytes

            article = article_from_html_bytes(data, "<stdin>")
        else:
            article = article_from_bytes(data, "<stdin>")
    except LoadError as exc:
        return [str(exc)]
    try:
        return [batch.process_article(article, "stdin")]
    except Exception as exc:  # noqa: BLE001
        return [f"failed: {type(exc).__name__}: {exc}"]


class _Sink:
    """Rendered outputs collected in order: stdout, or OUTDIR/clean.jsonl for ``--format jsonl``.

    With clustering the texts wait in a spooled temporary file until every
    article's cluster is known, then get it patched in as they are written.
    """

    def __init__(self, outputs, fmt: str) -> None:
        import tempfile

        self.path = None if outputs is None else outputs.outdir / "clean.jsonl"
        self.fmt = fmt
        self.clustered = fmt in ("json", "jsonl")
        self.spool = (
            tempfile.SpooledTemporaryFile(max_size=8 << 20, mode="w+", encoding="utf-8")  # noqa: SIM115 - closed in finish()
            if self.clustered
            else None
        )
        self.sizes: list[int] = []
        self.out = None

    def _target(self):
        if self.out is None:
            self.out = open(self.path, "w", encoding="utf-8") if self.path else sys.stdout  # noqa: SIM115 - closed in finish()
        return self.out

    def add(self, text: str) -> None:
        if self.spool is not None:
            self.spool.write(text)
            self.sizes.append(len(text))
        else:
            self._target().write(text)

    def finish(self, labels) -> None:
        from reader.batch import patch_json_text

        if self.spool is not None:
            self.spool.seek(0)
            out = self._target()
            for i, size in enumerate(self.sizes):
                text = self.spool.read(size)
                if labels is not None:
                    text = patch_json_text(text, labels[i])
                out.write(text)
            self.spool.close()
        if self.out is not None:
            self.out.flush()
            if self.out is not sys.stdout:
                self.out.close()
        elif self.path is not None:
            self.path.touch()


def cmd_annotate(args: argparse.Namespace) -> int:
    import json

    from reader.export import annotations_json
    from reader.load import records

    records.configure(args.text_field, args.title_field)
    annotate = _annotator(args)

    def process(article):
        ann = annotations_json(annotate(article.raw))
        return json.dumps({"source": article.source, **ann}, ensure_ascii=False, indent=2) + "\n"

    return _run_batch(args, process, "json")


def cmd_tui(args: argparse.Namespace) -> int:
    from reader.ui.launch import run  # starts reading the inputs before Textual is imported

    return run(args.paths, ner=args.ner)


def _check_ner(spec: str | None) -> str | None:
    """A one-line problem with the ``--ner`` engine, or None when it can be used."""
    if spec in (None, "", "rules"):
        return None
    try:
        _annotator(argparse.Namespace(ner=spec))
    except Exception as exc:  # noqa: BLE001 - unknown engine, spaCy or its model missing
        return f"--ner {spec}: {exc}".splitlines()[0]
    return None


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and argv[0] in SUBCOMMANDS:
            cmd, rest = argv[0], argv[1:]
            args = (_clean_parser() if cmd == "clean" else _annotate_parser()).parse_args(rest)
        else:
            cmd, args = "tui", _tui_parser().parse_args(argv)
        problem = _check_ner(args.ner)
        if problem:
            print(f"{PROG}: {_one_line(problem)}", file=sys.stderr)
            return 2
        if cmd == "clean":
            return cmd_clean(args)
        if cmd == "annotate":
            return cmd_annotate(args)
        return cmd_tui(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
