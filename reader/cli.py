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
            "  newsreader clean PATH... [--format text|markdown|json] [-o OUTDIR]   clean headless\n"
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
    p.add_argument("-o", "--output", metavar="OUTDIR", help="write OUTDIR/<stem>.<ext> per input")
    p.add_argument("--no-annotate", action="store_true", help="JSON: leave entities and quotes empty (faster)")
    p.add_argument("--ner", default=None, help="entity engine: 'rules' (default) or 'spacy:<model>'")
    return p


def _annotate_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog=f"{PROG} annotate", description="Entities and quotes over each file's text as it is (no cleaning)."
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or directories; '-' for standard input")
    p.add_argument("--format", "-f", choices=("json",), default="json")
    p.add_argument("-o", "--output", metavar="OUTDIR", help="write OUTDIR/<stem>.json per input")
    p.add_argument("--ner", default=None, help="entity engine: 'rules' (default) or 'spacy:<model>'")
    return p


def _error(source: str, message: str) -> None:
    print(f"{PROG}: {source}: {message}", file=sys.stderr)


def _iter_articles(paths: Sequence[str]) -> Iterator[tuple[str, object]]:
    """Yield (source, Article or error message) for every input, in order."""
    from reader.errors import LoadError
    from reader.load import article_from_bytes, discover, load_path

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
                articles = load_path(found.path)
            except LoadError as exc:
                yield str(found.path), str(exc)
                continue
            except (OSError, ValueError) as exc:  # pragma: no cover - defensive
                yield str(found.path), f"cannot load: {exc}"
                continue
            for article in articles:
                yield str(found.path), article


class _Outputs:
    """Output paths: OUTDIR/<stem>.<ext>, never an input file, never twice."""

    def __init__(self, outdir: Path, inputs: set[Path]) -> None:
        self.outdir = outdir
        self.inputs = inputs
        self.used: set[Path] = set()

    def path_for(self, source: str, record: int | None, ext: str) -> Path:
        stem = "stdin" if source in ("-", "<stdin>") else Path(source).stem
        if record is not None:
            stem = f"{stem}-{record}"
        candidate = self.outdir / f"{stem}.{ext}"
        n = 2
        while candidate in self.used or candidate.resolve() in self.inputs:
            candidate = self.outdir / f"{stem}-{n}.{ext}"
            n += 1
        self.used.add(candidate)
        return candidate


def _input_set(paths: Sequence[str]) -> set[Path]:
    from reader.load import discover

    out: set[Path] = set()
    for found in discover([p for p in paths if p != "-"]):
        if not found.error:
            try:
                out.add(found.path.resolve())
            except OSError:
                pass
    return out


def _run_batch(args: argparse.Namespace, process, fmt: str) -> int:
    """Load every input, ``process`` each article to text, print or write it."""
    from reader.export import EXTENSIONS

    outputs = None
    if args.output:
        outdir = Path(args.output)
        try:
            outdir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            _error(str(outdir), f"cannot create output directory: {exc.strerror or exc}")
            return 1
        outputs = _Outputs(outdir, _input_set(args.paths))
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
    from reader.clean import clean_article
    from reader.export import render

    annotate = None if args.no_annotate or args.format not in ("json", "jsonl") else _annotator(args)

    def process(article):
        clean_article(article)
        if annotate is not None:
            article.annotations = annotate(article.clean)
        return render(article, args.format)

    return _run_batch(args, process, args.format)


def cmd_annotate(args: argparse.Namespace) -> int:
    import json

    from reader.export import annotations_json

    annotate = _annotator(args)

    def process(article):
        ann = annotations_json(annotate(article.raw))
        return json.dumps({"source": article.source, **ann}, ensure_ascii=False, indent=2) + "\n"

    return _run_batch(args, process, "json")


def cmd_tui(args: argparse.Namespace) -> int:
    from reader.ui.app import run

    return run(args.paths, ner=args.ner)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and argv[0] in SUBCOMMANDS:
            cmd, rest = argv[0], argv[1:]
            if cmd == "clean":
                return cmd_clean(_clean_parser().parse_args(rest))
            return cmd_annotate(_annotate_parser().parse_args(rest))
        return cmd_tui(_tui_parser().parse_args(argv))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
