"""Time from process start to the first paint of the seed article, next to a bare two-pane Textual app.

Both run headless in fresh processes, interleaved, N times; the figure is the
median of (wall clock at first paint - wall clock just before spawning).

    .venv/bin/python benchmarks/bench_ui_startup.py [N]
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "sample_articles" / "000_9cec1556c653d704.txt"

READER = f"""
import time
from reader.ui.app import make_app
from reader.ui.config import Config
app = make_app([{str(SEED)!r}], config=Config())
def shown():
    import resource
    print(time.time(), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, flush=True)
    app.exit()
app.article_shown = shown
app.run(headless=True, size=(120, 40))
"""

BARE = f"""
import time
from textual.app import App
from textual.containers import Horizontal
from textual.widgets import Footer, Header, Static
TEXT = open({str(SEED)!r}, encoding="utf-8").read()
class Bare(App):
    CSS = "Static {{ width: 1fr; height: 1fr; border: round $accent; }}"
    def compose(self):
        yield Header()
        with Horizontal():
            yield Static(TEXT)
            yield Static(TEXT)
        yield Footer()
    def on_mount(self):
        self.call_after_refresh(self.done)
    def done(self):
        import resource
        print(time.time(), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, flush=True)
        self.exit()
Bare().run(headless=True, size=(120, 40))
"""


PEAK: dict[str, int] = {}


def once(code: str, name: str = "") -> float:
    start = time.time()
    out = subprocess.run(
        [sys.executable, "-c", code], check=False, capture_output=True, text=True, timeout=60, cwd=ROOT
    )
    if out.returncode != 0:
        raise SystemExit(out.stderr)
    painted, rss_kb = out.stdout.strip().splitlines()[-1].split()
    PEAK[name] = max(PEAK.get(name, 0), int(rss_kb))
    return float(painted) - start


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    once(BARE), once(READER)  # warm the file cache and the bytecode
    reader, bare = [], []
    for _ in range(n):
        bare.append(once(BARE, "bare"))
        reader.append(once(READER, "reader"))
    r, b = statistics.median(reader), statistics.median(bare)
    print(f"runs: {n} each (headless, 120x40, median; min in brackets)")
    print(f"bare two-pane Textual app: {b * 1000:7.0f} ms  [{min(bare) * 1000:.0f}]")
    print(f"newsreader, seed article:  {r * 1000:7.0f} ms  [{min(reader) * 1000:.0f}]")
    print(f"ratio: {r / b:.2f}x (goal <= 1.25x)")
    print(f"peak memory (max RSS): bare {PEAK['bare'] / 1024:.0f} MB, newsreader {PEAK['reader'] / 1024:.0f} MB")


if __name__ == "__main__":
    main()
