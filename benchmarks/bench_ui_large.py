"""The reader on a generated 5 MB article: first paint, page-down cost, peak memory.

    .venv/bin/python benchmarks/bench_ui_large.py [MEGABYTES]

Prints:
- cleaning time (the core, in the worker; not a UI figure),
- first paint: from handing the cleaned article to the two panes (wrap both
  texts, lay out, render the visible lines) to the frame after it,
- page down: mean cost of one page down in the raw pane, with the clean pane
  kept aligned, measured two ways: the widget work (scroll, sync, render the
  visible lines of both panes) and a full Pilot round trip (key, refresh),
- peak memory (max RSS) of the process.
"""

from __future__ import annotations

import asyncio
import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

WORDS = [
    "the",
    "council",
    "said",
    "minister",
    "market",
    "growth",
    "report",
    "according",
    "river",
    "bridge",
    "harbour",
    "village",
    "police",
    "court",
    "election",
    "vote",
    "budget",
    "school",
    "hospital",
    "farmers",
    "wheat",
    "prices",
    "record",
    "season",
    "officials",
    "spokesperson",
    "statement",
    "announced",
    "tuesday",
    "analysts",
    "expected",
    "energy",
    "company",
    "shares",
    "investors",
]


def generate(megabytes: float, seed: int = 7) -> str:
    rng = random.Random(seed)
    parts = ["A generated article for the reader benchmark"]
    size = 0
    paragraphs: list[str] = []
    while size < megabytes * 1_000_000:
        n = rng.randint(40, 160)
        para = " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."
        if paragraphs and rng.random() < 0.05:
            para = rng.choice(paragraphs[-50:])  # a duplicate
        elif rng.random() < 0.03:
            para = "Most popular stories\n\n- " + "\n- ".join(
                " ".join(rng.choice(WORDS) for _ in range(8)) for _ in range(5)
            )
        paragraphs.append(para)
        parts.append(para)
        size += len(para) + 2
    return "\n\n".join(parts) + "\n"


async def measure(path: Path) -> None:
    from reader.ui.app import make_app
    from reader.ui.config import Config

    app = make_app([str(path)], config=Config(), preload=False)
    app.animation_level = "none"
    t_start = time.perf_counter()
    async with app.run_test(size=(160, 50)) as pilot:
        while app.timings.get("painted") is None or app.prepared is None:
            await app.workers.wait_for_complete()
            await pilot.pause()
        t = app.timings
        article = app.prepared.article
        raw, clean = app.raw_view, app.clean_view
        print(
            f"article: {len(article.raw) / 1e6:.1f} MB, {len(article.blocks)} blocks, "
            f"{raw.line_count} raw lines / {clean.line_count} clean lines at this width"
        )
        if "preview_painted" in t:
            print(
                f"open -> raw text painted (shown while the core cleans): "
                f"{(t['preview_painted'] - t['open']) * 1000:7.0f} ms  (goal <= 500 ms)"
            )
        print(f"open -> cleaned (core, worker thread): {(t['ready'] - t['open']):7.2f} s")
        print(f"open -> cleaned article painted: {(t['painted'] - t['open']):7.2f} s")
        print(f"first paint (cleaned article -> frame): {(t['painted'] - t['ready']) * 1000:7.0f} ms  (goal <= 500 ms)")

        # widget work of a page down: scroll, sync the other pane, render both panes' visible lines
        raw.focus()
        await pilot.pause()
        costs = []
        for _ in range(60):
            t0 = time.perf_counter()
            raw.action_page_down()
            app._sync_from(raw)
            for view in (raw, clean):
                for y in range(view.scrollable_content_region.height):
                    view.render_line(y)
            costs.append(time.perf_counter() - t0)
        print(
            f"page down, widget work (both panes): mean {statistics.mean(costs) * 1000:5.1f} ms, "
            f"max {max(costs) * 1000:5.1f} ms over {len(costs)}  (goal <= 30 ms)"
        )
        # key to screen: from pressing the key to the last frame the app wrote for it
        shown: list[float] = []
        display = app._display

        def recording_display(screen, update) -> None:
            display(screen, update)
            shown.append(time.perf_counter())

        app._display = recording_display  # type: ignore[method-assign]
        latencies = []
        frames = []
        for _ in range(30):
            shown.clear()
            t0 = time.perf_counter()
            await pilot.press("pagedown")
            await pilot.pause()
            if shown:
                latencies.append(shown[-1] - t0)
                frames.append(len(shown))
        app._display = display  # type: ignore[method-assign]
        print(
            f"page down, key -> last frame written (incl. Textual's frame pacing): "
            f"mean {statistics.mean(latencies) * 1000:5.1f} ms, median {statistics.median(latencies) * 1000:5.1f} ms, "
            f"{statistics.mean(frames):.1f} frames per key"
        )
        rounds = []
        for _ in range(30):
            t0 = time.perf_counter()
            await pilot.press("pagedown")
            await pilot.pause()
            rounds.append(time.perf_counter() - t0)
        print(
            f"page down, Pilot round trip (key -> messages -> refresh, includes Pilot's idle waits): "
            f"mean {statistics.mean(rounds) * 1000:5.1f} ms"
        )
        t0 = time.perf_counter()
        await pilot.resize_terminal(90, 40)
        await pilot.pause()
        print(f"resize 160 -> 90 columns (rewrap both panes): {(time.perf_counter() - t0) * 1000:5.0f} ms")
    print(f"whole run: {time.perf_counter() - t_start:.1f} s")


STARTUP = """
import sys, time
from reader.ui.app import make_app
from reader.ui.config import Config
app = make_app([sys.argv[1]], config=Config())
def preview():
    print("raw", time.time(), flush=True)
original = app._preview_painted
def preview_painted():
    original()
    preview()
app._preview_painted = preview_painted
def shown():
    print("clean", time.time(), flush=True)
    app.exit()
app.article_shown = shown
app.run(headless=True, size=(160, 50))
"""


def from_process_start(path: Path) -> None:
    """The whole path as the CLI takes it: a fresh process, the preloader, the workers."""
    import subprocess

    start = time.time()
    out = subprocess.run(
        [sys.executable, "-c", STARTUP, str(path)], check=False, capture_output=True, text=True, timeout=300
    )
    marks = dict(line.split() for line in out.stdout.splitlines() if line.strip())
    if "raw" in marks:
        print(f"process start -> raw text painted: {(float(marks['raw']) - start) * 1000:7.0f} ms  (goal <= 500 ms)")
    if "clean" in marks:
        print(f"process start -> cleaned article painted: {float(marks['clean']) - start:7.2f} s")
    if out.returncode:
        print(out.stderr[-2000:])


def main() -> None:
    megabytes = float(sys.argv[1]) if len(sys.argv) > 1 else 5.0
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "large.txt"
        path.write_text(generate(megabytes), encoding="utf-8")
        from_process_start(path)
        asyncio.run(measure(path))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (max RSS): {peak:.0f} MB")


if __name__ == "__main__":
    main()
