"""Pages per second: our HTML path next to trafilatura's ``extract`` on the same pages, in the same run.

usage: python benchmarks/bench_html.py [--rounds 3] [--html-dir ../shared/eval/clean/aeb/html] [--score]

"Our HTML path" is ``reader.load.html.article_from_html_bytes``: bytes -> charset -> parse -> visible-text
blocks -> page metadata -> trafilatura's main-content verdict (fast mode) -> DOM/text-engine reasons ->
duplicates -> assembled clean text.  The reference is ``trafilatura.extract(html_str, include_comments=False)``
(its defaults otherwise: the configuration measured at F1 0.960 on AEB), given the already-decoded string.
Rounds alternate the two so that machine load hits both alike; the best round of each is printed.

``--score`` also writes our JSON for every page and runs ../shared/eval/score_clean.py on it (F1 on AEB HTML).
"""

from __future__ import annotations

import argparse
import gzip
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"
sys.path.insert(0, str(ROOT))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--html-dir", default=str(EVAL / "clean" / "aeb" / "html"))
    ap.add_argument("--score", action="store_true")
    args = ap.parse_args()

    import trafilatura

    from reader.export import to_json
    from reader.load.html import article_from_html_bytes

    files = sorted(Path(args.html_dir).glob("*.html*"))
    if not files:
        sys.exit(f"no HTML pages in {args.html_dir} (see --html-dir)")
    pages = []
    for f in files:
        data = f.read_bytes()
        pages.append(gzip.decompress(data) if f.suffix == ".gz" else data)
    strings = [p.decode("utf-8", "replace") for p in pages]
    # Warm up both (imports, caches).
    article_from_html_bytes(pages[0], "warm-up")
    trafilatura.extract(strings[0], include_comments=False)

    ours, theirs = [], []
    for _ in range(args.rounds):
        t = time.perf_counter()
        for i, data in enumerate(pages):
            article_from_html_bytes(data, str(files[i]))
        ours.append(len(pages) / (time.perf_counter() - t))
        t = time.perf_counter()
        for s in strings:
            trafilatura.extract(s, include_comments=False)
        theirs.append(len(pages) / (time.perf_counter() - t))
    print(f"pages: {len(pages)}  rounds: {args.rounds}")
    print(
        f"newsreader HTML path (bytes -> classified article): {max(ours):.1f} pages/s  (rounds: {', '.join(f'{x:.1f}' for x in ours)})"
    )
    print(
        f"trafilatura.extract (str -> text):                  {max(theirs):.1f} pages/s  (rounds: {', '.join(f'{x:.1f}' for x in theirs)})"
    )
    print(f"ratio ours/trafilatura: {max(ours) / max(theirs):.2f}")

    if args.score:
        out = Path(tempfile.mkdtemp(prefix="bench-html-"))
        for i, data in enumerate(pages):
            stem = files[i].name.split(".")[0]
            (out / f"{stem}.json").write_text(to_json(article_from_html_bytes(data, str(files[i]))), encoding="utf-8")
        manifest = EVAL / "clean" / "aeb" / "manifest.json"
        res = subprocess.run(
            [sys.executable, str(EVAL / "score_clean.py"), str(manifest), str(out), "--bootstrap", "0"],
            capture_output=True,
            text=True,
            check=False,
        )
        print(res.stdout.strip().splitlines()[-1] if res.stdout else res.stderr)


if __name__ == "__main__":
    main()
