"""Smoke test: the installed ``newsreader`` in a real terminal (tmux on a private socket)."""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

SEED = Path(__file__).resolve().parent.parent / "sample_articles" / "000_9cec1556c653d704.txt"
NEWSREADER = Path(sys.executable).parent / "newsreader"

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


class Tmux:
    def __init__(self, width: int, height: int, command: str) -> None:
        self.socket = f"nr-smoke-{uuid.uuid4().hex[:8]}"
        self.run("new-session", "-d", "-s", "nr", "-x", str(width), "-y", str(height), command)

    def run(self, *args: str) -> str:
        out = subprocess.run(
            ["tmux", "-L", self.socket, *args], check=False, capture_output=True, text=True, timeout=20
        )
        return out.stdout

    def keys(self, *keys: str) -> None:
        self.run("send-keys", "-t", "nr", *keys)

    def screen(self) -> str:
        return self.run("capture-pane", "-p", "-t", "nr")

    def wait_for(self, predicate, timeout: float = 20.0) -> str:
        deadline = time.monotonic() + timeout
        text = ""
        while time.monotonic() < deadline:
            text = self.screen()
            if predicate(text):
                return text
            time.sleep(0.1)
        raise AssertionError(f"timed out; screen was:\n{text}")

    def kill(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], check=False, capture_output=True, timeout=20)


@pytest.mark.skipif(not NEWSREADER.exists(), reason="newsreader is not installed in this environment")
def test_installed_reader_in_tmux(tmp_path: Path):
    status = tmp_path / "status"
    command = f"{shlex.quote(str(NEWSREADER))} {shlex.quote(str(SEED))}; echo $? > {shlex.quote(str(status))}"
    tmux = Tmux(120, 40, f"sh -c {shlex.quote(command)}")
    try:
        screen = tmux.wait_for(lambda s: "Raw" in s and "Clean" in s and "Xi Jinping" in s and "¶0" in s)
        # both panes show the seed's text
        raw_lines = [line for line in screen.splitlines() if "Chinese President Xi" in line]
        assert len(raw_lines) >= 1
        assert "Legal Disclaimer" not in screen.split("Clean", 1)[1].split("\n", 1)[0]
        # move: the status line follows the cursor
        tmux.keys("j")
        tmux.wait_for(lambda s: "¶1 kept" in s)
        tmux.keys("G")
        tmux.wait_for(lambda s: "removed:" in s and "comments" in s)
        # search
        tmux.keys("/")
        tmux.keys("-l", "Putin")
        tmux.keys("Enter")
        screen = tmux.wait_for(lambda s: "raw /" in s and "clean" in s)
        assert "“Putin”" in screen
        # quit
        tmux.keys("q")
        deadline = time.monotonic() + 20
        while not status.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert status.read_text().strip() == "0"
    finally:
        tmux.kill()


@pytest.mark.skipif(not NEWSREADER.exists(), reason="newsreader is not installed in this environment")
def test_stdin_article_while_keys_come_from_the_terminal(tmp_path: Path):
    """`... | newsreader -`: the article comes from the pipe, the keys from the terminal."""
    status = tmp_path / "status"
    command = (
        f"cat {shlex.quote(str(SEED))} | {shlex.quote(str(NEWSREADER))} -; echo $? > {shlex.quote(str(status))}"
    )
    tmux = Tmux(120, 40, f"sh -c {shlex.quote(command)}")
    try:
        tmux.wait_for(lambda s: "stdin" in s and "Xi Jinping" in s and "¶0" in s)
        tmux.keys("j")  # keys reach the app although stdin was a pipe
        tmux.wait_for(lambda s: "¶1 kept" in s)
        tmux.keys("o")  # annotations work on stdin input too
        tmux.wait_for(lambda s: "❝" in s)
        tmux.keys("q")
        deadline = time.monotonic() + 20
        while not status.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert status.read_text().strip() == "0"
    finally:
        tmux.kill()
