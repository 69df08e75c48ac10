"""The reader on a big library, in a real app run: first paint, fully indexed, peak memory.

usage: python benchmarks/bench_ui_library.py LIBDIR [--n 10000] [--jobs N] [--size 120x40]

LIBDIR is made with benchmarks/make_library.py if it does not exist yet (it needs ../shared/eval).
The app runs headless in a fresh process (``newsreader LIBDIR`` as the CLI starts it, through
``reader.ui.launch.start``) and prints:

* **first paint**: wall clock from spawning the process to the first frame showing the library
  list and the first article (both panes);
* **fully indexed**: until the background indexer has summarised every entry and grouped the
  story clusters (the list's size / removed / entities / cluster columns all filled);
* **peak RSS**: of the reader process, and of the largest indexing worker process (the UI keeps
  only summaries; articles are loaded for the few being read).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PROBE = r"""
import json, resource, sys, time
from reader.ui.config import Config
from reader.ui.launch import start
libdir, jobs, width, height, t_spawn = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5])
app = start([libdir], config=Config())
app.index_jobs = None if jobs == "auto" else int(jobs)
out = {}
def shown():
    if "first_paint" in out:
        return
    out["first_paint"] = time.time() - t_spawn
    out["entries"] = len(app.entries)
    out["rss_at_first_paint_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out["first_title"] = app.entries[app.current].title if app.current >= 0 else None
    out["library_rows"] = len(app.library.order)
    app.set_interval(0.05, check)
def check():
    if "indexed" in app.timings and "indexed" not in out:
        out["indexed"] = time.time() - t_spawn
        out["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        out["worker_rss_mb"] = app.lib.worker_peak_rss_mb if app.lib is not None else 0
        out["clusters"] = sum(1 for members in app.lib.clusters.values() if len(members) > 1)
        out["failed"] = sum(1 for e in app.entries if e.error)
        app.exit()
app.article_shown = shown
app.run(headless=True, size=(width, height))
print(json.dumps(out), flush=True)
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("libdir", type=Path)
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--jobs", default="auto", help="indexing worker processes (auto: all cores for a big library)")
    ap.add_argument("--size", default="120x40")
    args = ap.parse_args()
    if not args.libdir.exists():
        print(f"making {args.n} articles in {args.libdir} ...", flush=True)
        subprocess.run(
            [sys.executable, str(ROOT / "benchmarks" / "make_library.py"), str(args.libdir), "--n", str(args.n)],
            check=True,
        )
    width, height = (int(x) for x in args.size.split("x"))
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}  # as an installed program runs
    env["PYTHONPYCACHEPREFIX"] = os.path.join(tempfile.gettempdir(), "newsreader-bench-pycache")
    # warm the bytecode cache and the file cache with a small run first
    subprocess.run([sys.executable, "-c", "import reader.ui.app, reader.library.index"], env=env, check=True)
    t_spawn = time.time()
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, str(args.libdir), args.jobs, str(width), str(height), repr(t_spawn)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=3600,
        check=False,
    )
    if proc.returncode != 0:
        raise SystemExit(proc.stderr[-4000:])
    import json

    out = json.loads(proc.stdout.strip().splitlines()[-1])
    print(f"library: {args.libdir} ({out['entries']} entries), headless {width}x{height}, jobs={args.jobs}")
    print(f"first paint (library + first article): {out['first_paint'] * 1000:8.0f} ms   (goal <= 1000 ms)")
    print(f"fully indexed (summaries + clusters):   {out['indexed']:8.1f} s")
    print(f"peak RSS: reader {out['rss_mb']:.0f} MB (at first paint {out['rss_at_first_paint_mb']:.0f} MB), "
          f"largest indexing worker {out['worker_rss_mb']:.0f} MB   (goal <= 400 MB)")
    print(f"story clusters with copies: {out['clusters']}; entries that failed: {out['failed']}")


if __name__ == "__main__":
    main()
