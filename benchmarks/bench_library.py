"""Library at scale: first paint, full index, peak memory, story clusters, batch speed-up.

usage: python benchmarks/bench_library.py LIBDIR [--n 10000] [--rows 40] [--jobs 2] [--skip-batch] [--format json]
                                            [--repeat 1]

LIBDIR is made with benchmarks/make_library.py if it does not exist yet.  Prints:

* **time to first paint** of the engine (the reader UI's own figure: bench_ui_library.py): the time, in a fresh
  process and including imports, until ``reader.library`` has listed the folder, the first article is fully
  processed (cleaned + annotated) and the first ``--rows`` entries have summaries (what the list shows);
* **time to a fully indexed library**: ``Library.index_iter(jobs)`` over the rest, clusters included;
* **peak RSS**: of the library process, and of the largest indexing worker;
* **cluster precision / recall**: pairwise, against the copies make_library.py planted (.truth.json);
* **clean --jobs 1 vs --jobs N**: wall time, CPU time of the parent and of the workers, and whether the
  outputs are byte-identical.  On a machine shared with other work the wall-clock speed-up understates the
  real one; the CPU figures show how much is serial (parent) work.
"""

from __future__ import annotations

import argparse
import filecmp
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

LIBRARY_PROBE = r"""
import json, resource, sys, time
t0 = time.perf_counter()
from reader.library.index import Library
lib = Library.open([sys.argv[1]])
t_open = time.perf_counter() - t0
lib.article(0)
t_first = time.perf_counter() - t0
for i in range(min(int(sys.argv[2]), len(lib))):
    lib.summarize(i)
t_rows = time.perf_counter() - t0
t1 = time.perf_counter()
for done, total in lib.index_iter(jobs=int(sys.argv[3])):
    pass
t_full = time.perf_counter() - t1
me = resource.getrusage(resource.RUSAGE_SELF)
kids = resource.getrusage(resource.RUSAGE_CHILDREN)
truth = json.load(open(sys.argv[1] + "/.truth.json"))
labels = {e.name: e.cluster for e in lib.entries}
print(json.dumps({
    "n": len(lib), "open": t_open, "first": t_first, "rows": t_rows, "full": t_full,
    "rss_mb": me.ru_maxrss / 1024, "worker_rss_mb": max(kids.ru_maxrss / 1024, lib.worker_peak_rss_mb),
    "errors": sum(1 for e in lib.entries if e.error),
    "truth": truth, "labels": labels,
    "clusters": sum(1 for m in lib.clusters.values() if len(m) > 1),
}))
"""

CLEAN_PROBE = r"""
import resource, sys, time
from reader.cli import main
t = time.perf_counter()
rc = main(sys.argv[1:])
wall = time.perf_counter() - t
me = resource.getrusage(resource.RUSAGE_SELF)
kids = resource.getrusage(resource.RUSAGE_CHILDREN)
print(f"{wall} {me.ru_utime + me.ru_stime} {kids.ru_utime + kids.ru_stime} {rc}")
"""


def pairs(groups: dict) -> set[tuple[str, str]]:
    out = set()
    for members in groups.values():
        members = sorted(members)
        for i in range(len(members)):
            for j in range(i + 1, len(members)):
                out.add((members[i], members[j]))
    return out


def by_label(mapping: dict) -> dict:
    groups: dict = {}
    for name, label in mapping.items():
        groups.setdefault(label, []).append(name)
    return groups


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("libdir")
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--rows", type=int, default=40)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--format", default="json")
    ap.add_argument("--skip-batch", action="store_true")
    ap.add_argument("--repeat", type=int, default=1, help="alternate the clean runs this many times; best of each")
    args = ap.parse_args()
    lib = Path(args.libdir)
    if not (lib / ".truth.json").exists():
        subprocess.run(
            [sys.executable, str(ROOT / "benchmarks" / "make_library.py"), str(lib), "--n", str(args.n)], check=True
        )
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))

    out = subprocess.run(
        [sys.executable, "-c", LIBRARY_PROBE, str(lib), str(args.rows), str(args.jobs)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    r = json.loads(out.stdout.strip().splitlines()[-1])
    truth_pairs = pairs(by_label(r["truth"]))
    pred_pairs = pairs(by_label(r["labels"]))
    tp = len(truth_pairs & pred_pairs)
    precision = tp / len(pred_pairs) if pred_pairs else 1.0
    recall = tp / len(truth_pairs) if truth_pairs else 1.0
    print(f"library: {r['n']} articles in {lib} ({r['errors']} errors)")
    print(f"  listed (Library.open):                          {r['open']:.2f} s")
    print(f"  first paint (listed + first article processed): {r['first']:.2f} s   [reader.library; the reader UI: bench_ui_library.py]")
    print(f"  + first {args.rows} summaries:                        {r['rows']:.2f} s")
    print(f"  fully indexed (index_iter, jobs={args.jobs}, +clusters): {r['full']:.1f} s more")
    print(f"  peak RSS: library process {r['rss_mb']:.0f} MB, largest worker {r['worker_rss_mb']:.0f} MB")
    print(
        f"  clusters: {r['clusters']} multi-article clusters; pairwise P {precision:.3f} R {recall:.3f} "
        f"({tp} of {len(truth_pairs)} planted pairs, {len(pred_pairs)} predicted)"
    )
    if args.skip_batch:
        return
    times: dict[int, tuple[float, float, float]] = {}
    same = True
    with tempfile.TemporaryDirectory(prefix="bench-lib-") as tmp:
        for rep in range(args.repeat):
            for jobs in (1, args.jobs):
                outdir = Path(tmp) / f"jobs{jobs}"
                shutil.rmtree(outdir, ignore_errors=True)
                cmd = ["clean", str(lib), "-o", str(outdir), "--format", args.format, "--jobs", str(jobs)]
                res = subprocess.run(
                    [sys.executable, "-c", CLEAN_PROBE, *cmd], capture_output=True, text=True, env=env, check=False
                )
                wall, parent, kids, rc = (float(x) for x in res.stdout.split())
                print(
                    f"clean --format {args.format} --jobs {jobs} (run {rep + 1}): {wall:.1f} s wall; "
                    f"CPU parent {parent:.1f} s, workers {kids:.1f} s (rc {rc:.0f})"
                )
                if jobs not in times or wall < times[jobs][0]:
                    times[jobs] = (wall, parent, kids)
            one, many = Path(tmp) / "jobs1", Path(tmp) / f"jobs{args.jobs}"
            names = sorted(p.name for p in one.iterdir())
            _, mismatch, errors = filecmp.cmpfiles(one, many, names, shallow=False)
            same = same and names == sorted(p.name for p in many.iterdir()) and not mismatch and not errors
    w1, w2 = times[1][0], times[args.jobs][0]
    total_cpu = times[1][1] + times[1][2]
    ideal = total_cpu / (times[args.jobs][2] / args.jobs + times[args.jobs][1]) if times[args.jobs][2] else 0.0
    print(
        f"speed-up --jobs {args.jobs} vs --jobs 1 (best of {args.repeat}): {w1 / w2:.2f}x wall-clock; "
        f"outputs byte-identical: {same}"
    )
    print(
        f"  (CPU-bound estimate on {args.jobs} idle cores: {ideal:.2f}x = "
        f"jobs-1 CPU / (workers' CPU / {args.jobs} + parent CPU))"
    )


if __name__ == "__main__":
    main()
