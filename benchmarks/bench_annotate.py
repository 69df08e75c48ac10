#!/usr/bin/env python3
"""Annotation speed and cost: words/s of ``get_annotator()(text)`` on one core, start-up time and memory.

    python benchmarks/bench_annotate.py [--ner rules|spacy:<model>] [--repeat N]

Reads the NER development documents from ../shared/eval/ner/*/docs (GUM news, UNER-PUD,
CoNLL-2003 valid; read only, nothing is copied); without them it falls back to
sample_articles/ and says so.  Figures printed:

* ``startup``: import of the annotation package plus the first annotation of a short text (which
  loads the gazetteers), wall time in a fresh subprocess (best and worst of 3);
* ``memory``: the same in another subprocess under tracemalloc (retained and peak Python
  allocations) and the growth of its maximum RSS;
* ``throughput``: words (whitespace tokens) per second of entities + groups + quotes, best of N
  passes over all documents in this process (one core; the machine may be shared).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval" / "ner"
SETS = ("gum-news", "uner-pud", "conll2003-valid")

STARTUP_CODE = r"""
import sys, time
t0 = time.perf_counter()
from reader.annotate import get_annotator
annotate = get_annotator(sys.argv[1])
annotate("Russian President Vladimir Putin met Xi Jinping in Beijing on Tuesday.")
print(f"{time.perf_counter() - t0:.4f}")
"""

MEMORY_CODE = r"""
import sys, tracemalloc, resource
rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
tracemalloc.start()
from reader.annotate import get_annotator
annotate = get_annotator(sys.argv[1])
annotate("Russian President Vladimir Putin met Xi Jinping in Beijing on Tuesday.")
cur, peak = tracemalloc.get_traced_memory()
tracemalloc.stop()
rss1 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(f"{cur / 1e6:.1f} {peak / 1e6:.1f} {(rss1 - rss0) / 1024:.1f}")
"""


def _run(code: str, ner: str) -> str:
    out = subprocess.run([sys.executable, "-c", code, ner], capture_output=True, text=True, cwd=ROOT)
    if out.returncode != 0:
        raise SystemExit(out.stderr)
    return out.stdout.strip()


def load_docs() -> tuple[list[str], str]:
    docs: list[str] = []
    used = []
    for s in SETS:
        folder = EVAL / s / "docs"
        if folder.is_dir():
            files = sorted(folder.glob("*.txt"))
            docs += [f.read_text(encoding="utf-8") for f in files]
            used.append(f"{s} ({len(files)} docs)")
    if docs:
        return docs, ", ".join(used)
    print(f"note: {EVAL} not found; falling back to sample_articles/ (figures are not comparable)")
    folder = ROOT / "sample_articles"
    docs = [
        p.read_bytes().decode("utf-8", errors="replace")
        for p in sorted(folder.iterdir())
        if p.is_file() and p.suffix != ".py" and p.name != "SOURCES.md"
    ]
    docs = [d for d in docs if d.strip()]
    return docs, f"sample_articles ({len(docs)} files)"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ner", default="rules")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    # start-up in fresh interpreters (best of 3, timing without tracemalloc), memory in another one
    times = [float(_run(STARTUP_CODE, args.ner)) for _ in range(3)]
    cur, peak, rss = _run(MEMORY_CODE, args.ner).split()
    print(f"startup: {min(times):.3f} s best, {max(times):.3f} s worst of 3 "
          "(import of reader.annotate + gazetteers + first short text)")
    print(f"memory: {cur} MB retained, {peak} MB peak (tracemalloc), RSS +{rss} MB")

    sys.path.insert(0, str(ROOT))
    from reader.annotate import get_annotator

    annotate = get_annotator(args.ner)
    docs, source = load_docs()
    words = sum(len(d.split()) for d in docs)
    annotate(docs[0])
    best = float("inf")
    n_ent = 0
    for _ in range(max(1, args.repeat)):
        t0 = time.perf_counter()
        n_ent = 0
        for d in docs:
            n_ent += len(annotate(d).entities)
        best = min(best, time.perf_counter() - t0)
    print(f"throughput: {words / best:,.0f} words/s ({words:,} words, {len(docs)} docs, {n_ent:,} entities, "
          f"best of {args.repeat}: {best:.3f} s) over {source}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
