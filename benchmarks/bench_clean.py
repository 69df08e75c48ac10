#!/usr/bin/env python3
"""Cleaning speed on one core: decode + clean every AEB raw page (no annotation).

usage: .venv/bin/python benchmarks/bench_clean.py [--eval DIR] [--repeat N] [--stages] [--profile]

Loads every ``DIR/clean/aeb/raw/*.txt`` as bytes first, then times
``article_from_bytes`` + ``clean_article`` over all pages, ``--repeat`` times
(best run reported), and prints pages/s and MB/s.  ``--stages`` also times each
step of the pipeline separately (decode, segment, metadata, duplicates,
boilerplate, assemble); ``--profile`` prints the top functions under cProfile.
Target: >= 1,000 pages/s.  Exits 0 with a message when the eval data is missing.  The line says
whether the optional C speedups ran (``NEWSREADER_PURE_PYTHON=1`` measures the Python code alone).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader.clean import clean_article  # noqa: E402
from reader.clean.boilerplate import classify, clear_caches, load_model  # noqa: E402
from reader.clean.dedup import find_duplicates  # noqa: E402
from reader.clean.features import block_stats  # noqa: E402
from reader.clean.metadata import find_metadata  # noqa: E402
from reader.clean.segment import segment  # noqa: E402
from reader.clean.speedups import speedups  # noqa: E402
from reader.load.text import article_from_bytes  # noqa: E402

TARGET = 1000.0


def run_all(datas: list[bytes]) -> float:
    # Cold caches: every timed run starts as a fresh process would.
    clear_caches()
    t0 = time.perf_counter()
    for data in datas:
        clean_article(article_from_bytes(data, "bench"))
    return time.perf_counter() - t0


def stages(datas: list[bytes], repeat: int) -> None:
    """Time each step on its own: the best of ``repeat`` passes per step (each pass starts cold)."""
    names = ("decode", "segment", "stats", "metadata", "duplicates", "boilerplate", "assemble")
    best = dict.fromkeys(names, float("inf"))
    clock = time.perf_counter
    for _ in range(repeat):
        clear_caches()  # as in run_all: every pass starts cold
        totals = dict.fromkeys(names, 0.0)
        for data in datas:
            t0 = clock()
            art = article_from_bytes(data, "bench")
            t1 = clock()
            blocks = segment(art.raw)
            t2 = clock()
            stats = block_stats(art.raw, blocks)
            t3 = clock()
            find_metadata(art.raw, blocks, stats)
            t4 = clock()
            find_duplicates(art.raw, blocks, stats.texts)
            t5 = clock()
            classify(art.raw, blocks, stats=stats)
            t6 = clock()
            art.blocks = blocks
            art.assemble()
            t7 = clock()
            for name, a, b in zip(names, (t0, t1, t2, t3, t4, t5, t6), (t1, t2, t3, t4, t5, t6, t7)):
                totals[name] += b - a
        for name in names:
            best[name] = min(best[name], totals[name])
    n = len(datas)
    total = sum(best.values())
    for name in names:
        share = best[name] / total if total else 0.0
        print(f"  {name:12s} {1e3 * best[name] / n:7.3f} ms/page  {share:6.1%}")
    print(f"  {'total':12s} {1e3 * total / n:7.3f} ms/page (the sum of each step's best pass)")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--eval", type=Path, default=ROOT.parent / "shared" / "eval")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--stages", action="store_true")
    ap.add_argument("--profile", action="store_true")
    a = ap.parse_args(argv)

    raw_dir = a.eval / "clean" / "aeb" / "raw"
    files = sorted(raw_dir.glob("*.txt")) if raw_dir.is_dir() else []
    if not files:
        print(f"bench_clean: no AEB raw pages under {raw_dir}; nothing to measure (skipped)")
        return 0
    datas = [f.read_bytes() for f in files]
    mb = sum(len(d) for d in datas) / 1e6
    load_model()  # load the model once, outside the timing (as the CLI does per process)
    run_all(datas[:20])  # warm up
    best = min(run_all(datas) for _ in range(max(1, a.repeat)))
    pps = len(datas) / best
    verdict = "OK" if pps >= TARGET else "BELOW TARGET"
    engine = "with the C speedups" if speedups is not None else "pure Python (C speedups not built or turned off)"
    print(
        f"bench_clean: {len(datas)} pages, {mb:.2f} MB, best of {a.repeat}: {best:.3f} s -> "
        f"{pps:,.0f} pages/s, {mb / best:.2f} MB/s, {engine} (target {TARGET:,.0f} pages/s: {verdict})"
    )
    if a.stages:
        stages(datas, a.repeat)
    if a.profile:
        import cProfile
        import pstats

        prof = cProfile.Profile()
        prof.enable()
        run_all(datas)
        prof.disable()
        pstats.Stats(prof).sort_stats("tottime").print_stats(20)
    return 0


if __name__ == "__main__":
    sys.exit(main())
