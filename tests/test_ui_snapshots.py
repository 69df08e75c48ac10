"""Snapshots of the main layouts (pytest-textual-snapshot; update with --snapshot-update)."""

from __future__ import annotations

from pathlib import Path

from reader.ui.app import make_app
from reader.ui.config import Config

SEED = Path(__file__).resolve().parent.parent / "sample_articles" / "000_9cec1556c653d704.txt"


def seed_app():
    app = make_app([str(SEED)], config=Config())
    app.animation_level = "none"
    return app


async def settle(pilot) -> None:
    for _ in range(4):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


def test_side_by_side_120x40(snap_compare):
    assert snap_compare(seed_app(), terminal_size=(120, 40), run_before=settle)


def test_stacked_80x24(snap_compare):
    assert snap_compare(seed_app(), terminal_size=(80, 24), run_before=settle)


def test_removed_blocks_and_ghost_120x40(snap_compare):
    async def to_the_end(pilot) -> None:
        await settle(pilot)
        await pilot.press("G")
        await pilot.pause()

    assert snap_compare(seed_app(), terminal_size=(120, 40), run_before=to_the_end)


def test_removed_only_80x24(snap_compare):
    async def removed_only(pilot) -> None:
        await settle(pilot)
        await pilot.press("d", "j", "j")
        await pilot.pause()

    assert snap_compare(seed_app(), terminal_size=(80, 24), run_before=removed_only)


def test_help_80x24(snap_compare):
    async def help_screen(pilot) -> None:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()

    assert snap_compare(seed_app(), terminal_size=(80, 24), run_before=help_screen)


def test_entity_and_quote_panels_120x40(snap_compare):
    async def panels(pilot) -> None:
        await settle(pilot)
        await pilot.press("p", "w", "o", "o")
        await pilot.pause()

    assert snap_compare(seed_app(), terminal_size=(120, 40), run_before=panels)
