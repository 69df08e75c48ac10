"""Time from process start to the first paint of the seed article, next to a bare two-pane Textual app.

The bare app is two focusable, scrollable panes holding the seed's text with a
Header and Footer: what a two-pane reader costs in Textual before any of ours.
Both run headless in fresh processes, interleaved, N times; the figure is the
median of (wall clock at first paint - wall clock just before spawning).

    .venv/bin/python benchmarks/bench_ui_startup.py [N]
"""

from __future__ import annotations

import os
import statistics
import subprocess
import tempfile
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "sample_articles" / "000_9cec1556c653d704.txt"

READER = f"""
import time
from reader.ui.config import Config
from reader.ui.launch import start  # what `newsreader FILE` runs: the preloader starts before Textual loads
app = start([{str(SEED)!r}], config=Config())
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
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Footer, Header, Static
TEXT = open({str(SEED)!r}, encoding="utf-8").read()
class Bare(App):
    CSS = "VerticalScroll {{ width: 1fr; height: 1fr; border: round $accent; }}"
    def compose(self):
        yield Header()
        with Horizontal():
            with VerticalScroll():  # a pane you can focus and scroll, like the reader's
                yield Static(TEXT)
            with VerticalScroll():
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

#: The barest variant: two plain Statics (nothing to focus or scroll).
BARE_STATIC = f"""
import time
from textual.app import App
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Footer, Header, Static
TEXT = open({str(SEED)!r}, encoding="utf-8").read()
class Bare(App):
    CSS = "Static {{ width: 1fr; height: 1fr; border: round $accent; }}"
    def compose(self):
        yield Header()
        with Horizontal():
            yield Static(TEXT)  # not focusable: no focus change, no second frame
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


#: Both apps run with compiled bytecode, as an installed program does.  With PYTHONDONTWRITEBYTECODE
#: set (as in some shells here) only the reader's own sources would be recompiled on every start
#: (Textual's .pyc files come with its wheel): ~40 ms that no user pays.  The cache goes to a
#: private prefix, not into the repository.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
ENV["PYTHONPYCACHEPREFIX"] = os.path.join(tempfile.gettempdir(), "newsreader-bench-pycache")


def once(code: str, name: str = "") -> float:
    start = time.time()
    out = subprocess.run(
        [sys.executable, "-c", code], check=False, capture_output=True, text=True, timeout=60, cwd=ROOT, env=ENV
    )
    if out.returncode != 0:
        raise SystemExit(out.stderr)
    painted, rss_kb = out.stdout.strip().splitlines()[-1].split()
    PEAK[name] = max(PEAK.get(name, 0), int(rss_kb))
    return float(painted) - start


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    for _ in range(2):
        once(BARE), once(BARE_STATIC), once(READER)  # warm the file cache and the bytecode
    reader, bare, static = [], [], []
    for _ in range(n):
        bare.append(once(BARE, "bare"))
        static.append(once(BARE_STATIC, "static"))
        reader.append(once(READER, "reader"))
    r, b, st = statistics.median(reader), statistics.median(bare), statistics.median(static)
    print(f"runs: {n} each (headless, 120x40, median; min in brackets)")
    print(f"bare two-pane Textual app (scrollable panes): {b * 1000:7.0f} ms  [{min(bare) * 1000:.0f}]")
    print(f"barer still (two plain Statics):              {st * 1000:7.0f} ms  [{min(static) * 1000:.0f}]")
    print(f"newsreader, seed article:                     {r * 1000:7.0f} ms  [{min(reader) * 1000:.0f}]")
    print(f"ratio: {r / b:.2f}x the scrollable bare app, {r / st:.2f}x the plain one (goal <= 1.25x)")
    print(f"peak memory (max RSS): bare {PEAK['bare'] / 1024:.0f} MB, newsreader {PEAK['reader'] / 1024:.0f} MB")


if __name__ == "__main__":
    main()
