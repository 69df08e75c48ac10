"""Random keys over a library of good and bad inputs: the reader keeps running.

Seeded, so a failure repeats.  The inputs are the bundled samples and the
kinds of bad input that stopped the reader before (deep JSON, markup and
control characters in names and quotes, binary data, an empty file).
"""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest

from reader.ui.app import make_app
from reader.ui.config import Config

KEYS = [*"jkgGbnNdwpeEoOtrRfc[]?/x"] + [
    "tab", "shift+tab", "enter", "escape", "space", "up", "down", "pageup", "pagedown", "home", "end",
    "ctrl+s", "ctrl+p", "left", "right", "backspace", "ctrl+a", "ctrl+k",
]  # fmt: skip


def bad_inputs(folder: Path) -> None:
    folder.mkdir()
    (folder / "deep.json").write_text("[" * 50_000 + "]" * 50_000, encoding="utf-8")
    (folder / "binary.txt").write_bytes(b"\x00\x01\xff" * 200)
    (folder / "empty.txt").write_bytes(b"")
    (folder / os.fsdecode(b"we\nird\x1b[31m\xff[b].txt")).write_text(
        "Council [/b] backs tram\n\n"
        '"We have waited \x1b[31mlong\x1b[0m enough [/i] for this," said Mayor Ana Ruiz on Tuesday in the city.\n',
        encoding="utf-8",
    )
    (folder / "cut.jsonl").write_text('{"title": "Cut \\ud83d", "text": "Half \\ud83d an emoji, and a sentence."}\n')


@pytest.mark.parametrize("seed", [1, 2])
async def test_random_keys_over_good_and_bad_inputs(tmp_path: Path, samples_dir: Path, seed: int, monkeypatch):
    monkeypatch.chdir(tmp_path)  # (random keys export: to a path under the current directory)
    bad_inputs(tmp_path / "bad")
    rng = random.Random(seed)
    app = make_app([str(samples_dir), str(tmp_path / "bad")], config=Config())
    app.animation_level = "none"
    async with app.run_test(size=(rng.choice([80, 140]), rng.choice([24, 40]))) as pilot:
        for _ in range(3):
            await app.workers.wait_for_complete()
            await pilot.pause()
        pressed = []
        for i in range(150):
            key = rng.choice(KEYS)
            pressed.append(key)
            await pilot.press(key)
            if i % 25 == 0:
                await pilot.pause()
            assert app.is_running, f"stopped after {pressed[-10:]}"
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.is_running
        assert not [w for w in app.workers if w.error is not None]
