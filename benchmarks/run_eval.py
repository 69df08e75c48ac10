"""Score newsreader on the development sets in ../shared/eval with their own scorers.

Usage: python benchmarks/run_eval.py [--eval DIR] [clean dedup ner quotes html]

Runs the real CLI (`newsreader clean` / `newsreader annotate`) into a fresh
temporary directory per set and prints each scorer's summary line.  Exits 0
with a message when the development data is not present.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_EVAL = ROOT.parent / "shared" / "eval"


def cli(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "reader", *args], check=False, stderr=subprocess.DEVNULL)


def score(script: Path, *args: str) -> str:
    out = subprocess.run([sys.executable, str(script), *args], capture_output=True, text=True)
    lines = out.stdout.strip().splitlines()
    return lines[-1] if lines else out.stderr.strip()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--eval", type=Path, default=DEFAULT_EVAL)
    ap.add_argument("sets", nargs="*", default=["clean", "dedup", "ner", "quotes"])
    args = ap.parse_args()
    e = args.eval
    if not e.is_dir():
        print(f"development data not found at {e}: nothing to score")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        if "clean" in args.sets:
            t = time.perf_counter()
            cli("clean", *map(str, sorted((e / "clean/aeb/raw").glob("*.txt"))), "--format", "json", "--no-annotate", "-o", str(out / "clean"))
            print(f"clean/aeb (raw text): {score(e / 'score_clean.py', str(e / 'clean/aeb/manifest.json'), str(out / 'clean'))}  [{time.perf_counter() - t:.1f}s]")
        if "html" in args.sets:
            t = time.perf_counter()
            cli("clean", *map(str, sorted((e / "clean/aeb/html").glob("*.html.gz"))), "--format", "json", "--no-annotate", "-o", str(out / "html"))
            print(f"clean/aeb (HTML): {score(e / 'score_clean.py', str(e / 'clean/aeb/manifest.json'), str(out / 'html'))}  [{time.perf_counter() - t:.1f}s]")
        if "dedup" in args.sets:
            cli("clean", *map(str, sorted((e / "dedup/aeb/docs").glob("*.txt"))), "--format", "json", "--no-annotate", "-o", str(out / "dedup"))
            print(f"dedup/aeb: {score(e / 'score_dedup.py', str(e / 'dedup/aeb'), str(out / 'dedup'))}")
        if "ner" in args.sets:
            for s in ("gum-news", "uner-pud", "conll2003-valid"):
                cli("annotate", *map(str, sorted((e / "ner" / s / "docs").glob("*.txt"))), "--format", "json", "-o", str(out / s))
                print(f"ner/{s}: {score(e / 'score_ner.py', str(e / 'ner' / s), str(out / s))}")
        if "quotes" in args.sets:
            cli("annotate", *map(str, sorted((e / "quotes/polnear-dev/docs").glob("*.txt"))), "--format", "json", "-o", str(out / "quotes"))
            print(f"quotes/polnear-dev: {score(e / 'score_quotes.py', str(e / 'quotes/polnear-dev'), str(out / 'quotes'))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
