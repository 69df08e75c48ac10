"""The reader app, driven through Textual's Pilot on real files.

Animations are off and the tests wait on the app's workers (never sleep).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.export import render
from reader.ui.app import NewsReaderApp, make_app, sample_paths
from reader.ui.config import Config
from reader.ui.doc_view import DocView
from reader.ui.screens.export import ExportScreen
from reader.ui.screens.help import HelpScreen

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "sample_articles" / "000_9cec1556c653d704.txt"

PARA_A = (
    "The harbour authority said on Monday that the repaired bridge would carry traffic again from next week, "
    "after fourteen months of work on its corroded steel supports."
)
PARA_B = (
    "Engineers replaced more than four hundred rivets and repainted the whole span, the authority said, "
    "and the final inspection found no further defects in the structure."
)
PARA_C = (
    "Local shop owners welcomed the news, saying the closure had cut the number of customers crossing "
    "from the northern suburbs by almost half during the busiest months."
)


def app_for(*paths: Path | str) -> NewsReaderApp:
    app = make_app([str(p) for p in paths], config=Config())
    app.animation_level = "none"
    return app


async def settle(app: NewsReaderApp, pilot) -> None:
    """Wait for the workers (and the messages they post) to finish."""
    for _ in range(4):
        await app.workers.wait_for_complete()
        await pilot.pause()


def screen_text(app: NewsReaderApp) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


@pytest.fixture
def dup_article(tmp_path: Path) -> Path:
    """A small article with a duplicate in the middle: A, B, A again, C."""
    path = tmp_path / "dup_middle.txt"
    path.write_text(f"Harbour bridge reopens\n\n{PARA_A}\n\n{PARA_B}\n\n{PARA_A}\n\n{PARA_C}\n", encoding="utf-8")
    return path


def assert_aligned(src: DocView, dst: DocView) -> None:
    """The destination's cursor block starts on the source's cursor row when it can scroll there."""
    row = src.cursor_row()
    line = dst.first_line(dst.cursor)
    want = line - row
    if 0 <= want <= dst.max_scroll_y:
        assert dst.cursor_row() == row
    else:
        top = int(dst.scroll_y)
        assert top <= line < top + dst.scrollable_content_region.height


def removed_keys(app: NewsReaderApp) -> list[int]:
    return [b.key for b in app.raw_view.blocks if b.style == "removed"]


def block_text(view: DocView, pos: int) -> str:
    b = view.blocks[pos]
    return view.text[b.start : b.end]


# -- opening ----------------------------------------------------------------


async def test_opens_bundled_samples_without_paths():
    app = make_app([], config=Config())
    app.animation_level = "none"
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        samples = sample_paths()
        names = {Path(p).name for p in samples}
        # every bundled article, not only *.txt: the Markdown one and the one without an extension too
        assert {"06_budget_explainer.md", "08_council_vote_noext"} <= names
        assert "SOURCES.md" not in names and "__init__.py" not in names
        assert len(app.entries) >= len(samples)
        assert {Path(e.path).name for e in app.entries} == names
        assert not any(e.error for e in app.entries)
        assert app.current == 0 and app.prepared is not None
        assert app.raw_view.text == app.prepared.article.raw
        assert app.prepared.article.title and app.prepared.article.title in app.clean_view.text
        # the background indexer summarised every entry (titles, share removed, entity counts)
        assert all(e.info.indexed for e in app.entries)
        assert all(e.info.removed_share is not None and e.info.entities is not None for e in app.entries)
        assert not app.index_progress
        text = screen_text(app)
        assert "Library" in text and "Raw" in text and "Clean" in text


async def test_seed_duplicates_and_boilerplate_are_removed_in_raw_and_absent_in_clean():
    app = app_for(SEED)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        raw, clean = app.raw_view, app.clean_view
        article = app.prepared.article
        removed = {b.key: b for b in raw.blocks if b.style == "removed"}
        dups = [k for k in removed if article.blocks[k].reason.kind == "duplicate"]
        boiler = [k for k in removed if article.blocks[k].reason.kind == "boilerplate"]
        assert len(dups) >= 3 and len(boiler) >= 5
        for k in dups:
            assert removed[k].badge == f"dup of ¶{article.blocks[k].reason.of}"
        for marker in ("Legal Disclaimer", "Most popular stories", "United States Lubricants", "No comment"):
            assert marker in raw.text
            assert marker not in clean.text
            pos = raw.block_at_offset(raw.text.index(marker))
            assert raw.blocks[pos].style == "removed"
        assert raw.text.count("Meeting in the Great Hall") == 2
        assert clean.text.count("Meeting in the Great Hall") == 1
        # the title block is marked as such in the raw pane and heads the clean pane
        assert raw.blocks[0].style == "title" and clean.blocks[0].style == "title"
        # the bottom of the raw pane shows the removed blocks with their badges, dimmed
        raw.focus()
        await pilot.press("G")
        await pilot.pause()
        text = screen_text(app)
        assert "link list" in text and "comments" in text
        assert "removed:" in text  # the status line's full reason
        dimmed = raw.get_component_rich_style("docview--removed", partial=True)
        assert dimmed.dim or dimmed.color is not None


async def test_synced_cursor_raw_to_clean_across_removed_block(dup_article: Path):
    app = app_for(dup_article)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        raw, clean = app.raw_view, app.clean_view
        article = app.prepared.article
        dup = [b.index for b in article.blocks if b.reason and b.reason.kind == "duplicate"]
        assert len(dup) == 1
        raw.focus()
        seen = []
        for _ in range(len(raw.blocks) - 1):
            await pilot.press("j")
            await pilot.pause()
            key = raw.cursor_key
            seen.append(key)
            if article.blocks[key].kept:
                assert clean.cursor_key == key
                assert clean.ghost is None
                # anchored on blocks: the two cursor blocks start on the same row
                assert_aligned(raw, clean)
            elif key == dup[0]:
                assert clean.cursor == -1
                after, label = clean.ghost
                assert clean.key_at(after) == key - 1  # where it would have been: after B
                assert f"¶{key}" in label
                assert f"¶{key}" in screen_text(app)
        assert dup[0] in seen
        # and back up across it
        for _ in range(len(raw.blocks)):
            await pilot.press("k")
        await pilot.pause()
        assert raw.cursor == 0 and clean.cursor == 0


async def test_synced_cursor_clean_to_raw_skips_removed_blocks(dup_article: Path):
    app = app_for(dup_article)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        raw, clean = app.raw_view, app.clean_view
        await pilot.press("tab")  # library -> raw -> clean: tab cycles panes
        while app.focused is not clean:
            await pilot.press("tab")
        keys = []
        for _ in range(len(clean.blocks)):
            await pilot.press("j")
            await pilot.pause()
            keys.append(clean.cursor_key)
            assert raw.cursor_key == clean.cursor_key
        kept = [k for k in keys if k is not None and k >= 0]
        article = app.prepared.article
        dup = next(b.index for b in article.blocks if b.reason and b.reason.kind == "duplicate")
        assert dup not in kept and dup - 1 in kept and dup + 1 in kept  # jumped across the removed block
        await pilot.press("k")
        await pilot.pause()
        assert raw.cursor_key == clean.cursor_key == dup - 1


async def test_alignment_on_a_long_article_with_many_removed_blocks(tmp_path: Path):
    paras = [f"Paragraph {i}: " + " ".join(f"word{i}x{j}" for j in range(40 + (i % 5) * 15)) + "." for i in range(40)]
    parts = ["A long article for alignment"]
    for i, para in enumerate(paras):
        parts.append(para)
        if i % 3 == 2:
            parts.append(paras[i - 1])  # a duplicate every third paragraph
    path = tmp_path / "long.txt"
    path.write_text("\n\n".join(parts) + "\n", encoding="utf-8")
    app = app_for(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        raw, clean = app.raw_view, app.clean_view
        raw.focus()
        removed = 0
        for _ in range(45):
            await pilot.press("j")
            await pilot.pause()
            if raw.blocks[raw.cursor].style == "kept":
                assert clean.cursor_key == raw.cursor_key
                assert_aligned(raw, clean)
            else:
                removed += 1
                line = clean.ghost_line(clean.ghost[0])
                assert (
                    line - int(clean.scroll_y) == raw.cursor_row()
                    or not 0 <= line - raw.cursor_row() <= clean.max_scroll_y
                )
        assert removed >= 10
        await pilot.press("tab")
        for _ in range(10):
            await pilot.press("k")
            await pilot.pause()
            assert raw.cursor_key == clean.cursor_key
            assert_aligned(clean, raw)
        # paging keeps the panes on the same block
        await pilot.press("pagedown")
        await pilot.pause()
        assert raw.cursor_key == clean.cursor_key
        assert_aligned(clean, raw)


async def test_duplicate_jumps_to_original():
    app = app_for(SEED)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        raw = app.raw_view
        article = app.prepared.article
        dup = next(b for b in article.blocks if b.reason and b.reason.kind == "duplicate")
        raw.focus()
        while raw.cursor_key != dup.index:
            await pilot.press("j")
        await pilot.pause()
        assert "duplicate of block" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert raw.cursor_key == dup.reason.of
        assert app.clean_view.cursor_key == dup.reason.of


async def test_article_switching_with_brackets(dup_article: Path):
    app = app_for(SEED, dup_article)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert app.current == 0 and "Xi Jinping" in app.raw_view.text
        await pilot.press("right_square_bracket")
        await settle(app, pilot)
        assert app.current == 1 and app.raw_view.text.startswith("Harbour bridge reopens")
        assert app.library.current == 1
        await pilot.press("left_square_bracket")
        await settle(app, pilot)
        assert app.current == 0 and "Xi Jinping" in app.raw_view.text
        # switching fast: only the last article shows
        for _ in range(5):
            await pilot.press("right_square_bracket")
        await settle(app, pilot)
        assert app.current == 1 and app.prepared.article is app.entries[1].article


async def test_search_highlights_both_panes_and_steps():
    app = app_for(SEED)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        raw, clean = app.raw_view, app.clean_view
        await pilot.press("slash")
        await pilot.press(*"putin")
        await pilot.press("enter")
        await pilot.pause()
        n_raw, n_clean = raw.text.lower().count("putin"), clean.text.lower().count("putin")
        assert len(raw.layer_spans("search")) == n_raw > n_clean == len(clean.layer_spans("search")) > 0
        assert f"{n_raw} raw / {n_clean} clean" in screen_text(app)
        assert app.focused is raw
        first = app.search_index["raw"]
        await pilot.press("n")
        await pilot.pause()
        assert app.search_index["raw"] == first + 1
        start, _ = app.search_hits["raw"][first + 1]
        assert raw.cursor == raw.block_at_offset(start)
        assert raw.layer_spans("search-current")[0].start == start
        await pilot.press("N")
        await pilot.pause()
        assert app.search_index["raw"] == first
        await pilot.press("escape")
        await pilot.pause()
        assert app.search_query == "" and not raw.layer_spans("search")


async def test_help_screen_lists_binding_ids():
    app = app_for(SEED)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        for binding_id in ("search", "jump-original", "removed-only", "export", "entity-next"):
            assert binding_id in text
        ids = {row[3] for row in app.screen.rows}
        assert {"block-next", "entity-panel", "quote-panel", "highlights", "entity-filter"} <= ids
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)


async def test_palette_command_shows_removed_only():
    app = app_for(SEED)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"show removed only")
        await pilot.pause(0.3)  # the palette searches in a worker of its own
        await app.workers.wait_for_complete()
        await pilot.press("enter")
        await pilot.pause()
        assert app.removed_only
        raw = app.raw_view
        shown = [p for p in range(len(raw.blocks)) if raw.is_shown(p)]
        assert shown and all(raw.blocks[p].style != "kept" for p in shown)
        await pilot.press("d")
        await pilot.pause()
        assert not app.removed_only and all(raw.is_shown(p) for p in range(len(raw.blocks)))


async def test_export_to_temp_dir_refuses_existing_and_inputs(tmp_path: Path, dup_article: Path):
    app = app_for(dup_article)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ExportScreen)
        from textual.widgets import Input, Select, Static

        screen.query_one("#export-format", Select).value = "json"
        await pilot.pause()
        target = tmp_path / "out" / "article.json"
        screen.query_one("#export-path", Input).value = str(target)
        await pilot.press("enter")
        await pilot.pause()
        assert target.read_text(encoding="utf-8") == render(app.prepared.article, "json")
        assert not isinstance(app.screen, ExportScreen)

        # an existing file: refused until confirmed
        target.write_text("keep me", encoding="utf-8")
        await pilot.press("ctrl+s")
        await pilot.pause()
        screen = app.screen
        screen.query_one("#export-path", Input).value = str(target)
        await pilot.press("enter")
        await pilot.pause()
        assert target.read_text(encoding="utf-8") == "keep me"
        assert "exists" in str(screen.query_one("#export-message", Static).render())
        await pilot.press("enter")  # confirm
        await pilot.pause()
        assert target.read_text(encoding="utf-8") == render(app.prepared.article, "text")

        # the input file itself: always refused
        before = dup_article.read_bytes()
        await pilot.press("ctrl+s")
        await pilot.pause()
        screen = app.screen
        screen.query_one("#export-path", Input).value = str(dup_article)
        await pilot.press("enter")
        await pilot.press("enter")
        await pilot.pause()
        assert dup_article.read_bytes() == before
        assert "input file" in str(screen.query_one("#export-message", Static).render())
        await pilot.press("escape")


async def test_export_to_an_impossible_path_is_refused_not_a_crash(tmp_path: Path, dup_article: Path):
    """A name too long for the file system, a NUL byte, a path through a file: one-line refusals."""
    from textual.widgets import Input, Static

    app = app_for(dup_article)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        for target, why in [
            (str(tmp_path / ("x" * 300 + ".json")), "File name too long"),
            (str(tmp_path / "nul\x00.json"), "null"),
            (str(dup_article / "under-a-file.json"), "cannot write"),
        ]:
            await pilot.press("ctrl+s")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, ExportScreen)
            screen.query_one("#export-path", Input).value = target
            await pilot.press("enter")
            await pilot.pause()
            assert app.is_running and app.screen is screen
            assert why in str(screen.query_one("#export-message", Static).render())
            await pilot.press("escape")
            await pilot.pause()
        assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in [dup_article] if p.parent == tmp_path)


async def test_open_a_path_the_file_system_refuses(tmp_path: Path, dup_article: Path):
    """Open (palette) with a NUL byte in the path: listed with its error (it added nothing before)."""
    app = app_for(dup_article)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        app.load_more([str(tmp_path / "nul\x00.txt")])
        await settle(app, pilot)
        assert app.is_running and [e.error for e in app.entries] == [None, "cannot read: embedded null byte"]


async def test_bad_file_in_library_and_app_stays_responsive(tmp_path: Path, dup_article: Path):
    bad = tmp_path / "garbage.txt"
    bad.write_bytes(b"\x00\x01\xff\xfe\x00binary\x00" * 50)
    missing = tmp_path / "missing.txt"
    app = app_for(bad, missing, dup_article)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        errors = [e for e in app.entries if e.error]
        assert len(errors) == 2
        # opened the first good one (the files are listed first, unreadable paths after them)
        assert app.entries[app.current].name == dup_article.name and app.prepared is not None
        text = screen_text(app)
        assert "garbage.txt" in text and "missing.txt" in text
        good = app.current
        missing_at = next(i for i, e in enumerate(app.entries) if e.name == "missing.txt")
        app.open_entry(missing_at)  # onto a failed entry
        await settle(app, pilot)
        assert app.prepared is None and "no such file" in app.raw_view.text.lower()
        app.open_entry(next(i for i, e in enumerate(app.entries) if e.name == "garbage.txt"))
        await settle(app, pilot)
        assert app.prepared is None and "garbage.txt" in app.raw_view.text
        await pilot.press("j")  # still responsive
        await pilot.pause()
        app.open_entry(good)
        await settle(app, pilot)
        assert app.prepared is not None and app.raw_view.text.startswith("Harbour bridge")
        await pilot.press("j")
        await pilot.pause()
        assert app.raw_view.cursor == 1


async def test_resize_keeps_cursor_block_in_view():
    app = app_for(SEED)
    async with app.run_test(size=(200, 40)) as pilot:
        await settle(app, pilot)
        raw, clean = app.raw_view, app.clean_view
        raw.focus()
        for _ in range(4):
            await pilot.press("j")
        await pilot.pause()
        key = raw.cursor_key
        for width in (60, 200):
            await pilot.resize_terminal(width, 40)
            await pilot.pause()
            for view in (raw, clean):
                assert view.cursor_key == key
                first, top = view.first_line(view.cursor), int(view.scroll_y)
                height = view.scrollable_content_region.height
                assert top <= first < top + height, (width, view.id)


async def test_narrow_terminal_stacks_panes_and_hides_library():
    app = app_for(SEED)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        raw, clean = app.raw_view, app.clean_view
        assert not app._library_shown()
        assert raw.region.y < clean.region.y and raw.region.x == clean.region.x
        assert raw.region.right <= 80 and clean.region.bottom <= 24
        await pilot.press("l")
        await pilot.pause()
        assert app.library.display and app.library.region.right <= raw.region.x


async def test_control_characters_are_shown_as_placeholders(tmp_path: Path):
    path = tmp_path / "controls.txt"
    path.write_text(f"Bell and escape\n\n{PARA_A} \x1b[31mred\x07 done.\n\n{PARA_B}\n", encoding="utf-8")
    app = app_for(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        raw = app.raw_view
        rendered = [raw.render_line(y) for y in range(raw.scrollable_content_region.height)]
        text = "".join(strip.text for strip in rendered)
        assert "\x1b" not in text and "\x07" not in text
        assert "␛[31mred␇" in text


async def test_file_names_are_data_not_markup_nor_control_characters(tmp_path: Path):
    """A file name is shown as it is: markup in it is not read ("[@click=app.quit]"), its control
    characters and undecodable bytes are placeholders, and it stays on one line."""
    import os

    name = os.fsdecode(b"x[b]y[@click=app.quit]\nz\x1b[31m\xff.txt")
    path = tmp_path / name
    path.write_text(f"{PARA_A}\n\n{PARA_B}\n", encoding="utf-8")
    app = app_for(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        shown = "x[b]y[@click=app.quit]␊z␛[31m\ufffd.txt"
        assert app.sub_title == shown
        text = screen_text(app)
        assert "Raw · x[b]y[@click=app.quit]␊z" in text  # (the pane's title, cut to its width)
        assert "\x1b" not in text and "\udcff" not in text and "\\udcff" not in text
        rows = [line for line in text.splitlines() if "x[b]y" in line]
        assert rows and all(len(line) == 120 for line in rows)  # (the library's row keeps its width)


async def test_typed_text_is_data_not_markup(dup_article: Path):
    """A search, a library filter and an export path are shown as typed: "[/b]" (a closing tag
    with nothing to close) stopped the reader when it went into a notification or a border."""
    app = app_for(dup_article)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", *"[/b]", "enter")  # no match: a notification says so
        await pilot.pause()
        assert app.is_running and any("No match for “[/b]”" in n.message for n in app._notifications)
        app.notify("a \x1b[2J name")
        await pilot.pause()
        assert any(n.message == "a ␛[2J name" for n in app._notifications)
        app.library.focus()
        await pilot.press("f", *"[/]", "enter")  # the filter is shown in the library's border
        await pilot.pause()
        assert app.is_running and "“[/]”" in screen_text(app)
        await pilot.press("escape")
        await pilot.press("ctrl+s")  # export, to a path that exists
        await pilot.pause()
        from textual.widgets import Input, Static

        screen = app.screen
        target = dup_article.parent / "[" / "i]taken.txt"  # (its path holds "[/i]")
        target.parent.mkdir()
        target.write_text("already here", encoding="utf-8")
        screen.query_one("#export-path", Input).value = str(target)
        await pilot.press("enter")
        await pilot.pause()
        assert app.is_running and "[/i]taken.txt exists" in str(screen.query_one("#export-message", Static).render())


async def test_control_characters_in_quotes_never_reach_the_terminal(tmp_path: Path):
    """The quote panel and the status line show article text too: an escape sequence in a quote
    is a placeholder there as in the panes (it changed the terminal's colours before)."""
    path = tmp_path / "quote.txt"
    path.write_text(
        f"Council backs tram plan\n\n{PARA_A}\n\n"
        '"We have waited \x1b[31mlong\x1b[0m enough for this line," said Mayor Ana Ruiz on Tuesday.\n\n'
        f"{PARA_B}\n",
        encoding="utf-8",
    )
    app = app_for(path)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("w")  # the quote panel
        await settle(app, pilot)
        panel_text = screen_text(app)
        assert "waited ␛[31mlong" in panel_text and "\x1b" not in panel_text
        from rich.text import Text

        from reader.ui.app import StatusLine

        status = app.screen.query_one("#status", StatusLine)
        status.show(Text("section header: \x1b]0;title\x1b\\ x"))
        assert "\x1b" not in status.text.plain and "␛]0;title␛\\ x" in status.text.plain


async def test_copy_block_uses_clipboard(dup_article: Path):
    app = app_for(dup_article)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        app.raw_view.focus()
        await pilot.press("j", "y")
        await pilot.pause()
        assert app.clipboard == PARA_A


async def test_keymap_from_config_remaps_binding(dup_article: Path):
    app = make_app([str(dup_article)], config=Config(keymap={"block-next": "x"}))
    app.animation_level = "none"
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        app.raw_view.focus()
        await pilot.press("x")
        await pilot.pause()
        assert app.raw_view.cursor == 1


async def test_theme_change_restyles_views():
    app = app_for(SEED)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        raw = app.raw_view
        before = raw.get_component_rich_style("docview--badge-removed", partial=True)
        line_before = list(raw.render_line(0))
        app.theme = "textual-light" if app.theme != "textual-light" else "nord"
        await pilot.pause()
        after = raw.get_component_rich_style("docview--badge-removed", partial=True)
        assert before != after
        assert list(raw.render_line(0)) != line_before  # cached strips were dropped


async def test_mouse_selection_text_comes_from_the_document(dup_article: Path):
    from textual.geometry import Offset
    from textual.selection import Selection

    app = app_for(dup_article)
    async with app.run_test(size=(80, 40)) as pilot:
        await settle(app, pilot)
        clean = app.clean_view
        pos = clean.position_of(2)  # the second kept paragraph (B), wrapped over lines
        first, last = clean.first_line(pos), clean.last_line(pos)
        assert last > first
        text, _ = clean.get_selection(Selection(Offset(0, first), Offset(10_000, last)))
        assert text == PARA_B  # soft wraps do not leak into the copy


async def test_clean_spans_show_in_both_panes(dup_article: Path):
    app = app_for(dup_article)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        article = app.prepared.article
        start = article.clean.index("Engineers")
        app.show_clean_spans("entities", [(start, start + len("Engineers"), "docview--entity-org")])
        (raw_span,) = app.raw_view.layer_spans("entities")
        (clean_span,) = app.clean_view.layer_spans("entities")
        assert article.raw[raw_span.start : raw_span.end] == "Engineers"
        assert app.clean_view.text[clean_span.start : clean_span.end] == "Engineers"


async def test_open_file_from_palette_adds_to_library(tmp_path: Path, dup_article: Path):
    other = tmp_path / "second.txt"
    other.write_text(f"Second article\n\n{PARA_C}\n", encoding="utf-8")
    app = app_for(dup_article)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        app.action_open_file()
        await pilot.pause()
        from textual.widgets import Input

        app.screen.query_one("#prompt-input", Input).value = str(other)
        await pilot.press("enter")
        await settle(app, pilot)
        assert len(app.entries) == 2 and app.current == 1
        assert app.raw_view.text.startswith("Second article")


async def test_big_article_shows_raw_text_while_cleaning(tmp_path: Path):
    from reader.ui.messages import RawPreview
    from reader.ui.preload import PREVIEW_CHARS

    paras = [f"Paragraph {i}. " + PARA_A.replace("bridge", f"bridge {i}") for i in range(PREVIEW_CHARS // 150)]
    path = tmp_path / "big.txt"
    path.write_text("A big article\n\n" + "\n\n".join(paras) + "\n", encoding="utf-8")
    app = app_for(path)
    seen: list = []
    async with app.run_test(size=(120, 40), message_hook=seen.append) as pilot:
        await settle(app, pilot)
        previews = [m for m in seen if isinstance(m, RawPreview)]
        assert previews and previews[0].layout.width > 0
        assert app.prepared is not None and app.raw_view.blocks  # then the cleaned article replaced it
        assert "preview_painted" in app.timings and app.timings["preview"] <= app.timings["ready"]


async def test_moving_on_from_a_ghost_in_the_clean_pane(dup_article: Path):
    app = app_for(dup_article)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        raw, clean = app.raw_view, app.clean_view
        article = app.prepared.article
        dup = next(b.index for b in article.blocks if b.reason and b.reason.kind == "duplicate")
        raw.focus()
        while raw.cursor_key != dup:
            await pilot.press("j")
        assert clean.cursor == -1 and clean.ghost is not None
        app.action_focus_pane(1)  # to the clean pane
        await pilot.pause()
        assert app.focused is clean
        await pilot.press("j")
        await pilot.pause()
        assert clean.cursor_key == dup + 1 == raw.cursor_key and clean.ghost is None


# -- entities and quotes (issue 4) ---------------------------------------------


def layer_texts(view: DocView, layer: str, component: str | None = None) -> list[str]:
    return [
        " ".join(view.text[s.start : s.end].split())
        for s in view.layer_spans(layer)
        if component is None or s.component == component
    ]


def status_text(app: NewsReaderApp) -> str:
    return app._reader.query_one("#status").text.plain


async def test_seed_entities_and_quotes_highlighted_in_both_panes():
    app = app_for(SEED)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert app.spans is not None  # annotated in the worker, cached on the entry
        assert app.entries[0].spans is app.spans
        for view in (app.raw_view, app.clean_view):
            components = {s.component for s in view.layer_spans("entities")}
            assert {"docview--entity-per", "docview--entity-loc", "docview--entity-misc"} <= components
            per = layer_texts(view, "entities", "docview--entity-per")
            assert "Vladimir Putin" in per and "Xi Jinping" in per
            assert "Beijing" in layer_texts(view, "entities", "docview--entity-loc")
            quotes = layer_texts(view, "quotes", "docview--quote")
            assert "“long-time friend”" in quotes
            assert any(q.startswith("“unprecedentedly high level") for q in quotes)
        # the raw pane shows the same words as the clean pane, mapped through the clean map
        assert sorted(layer_texts(app.raw_view, "entities")) == sorted(layer_texts(app.clean_view, "entities"))
        # colours come from the component classes (a per-type style differs from plain text)
        clean = app.clean_view
        assert clean.get_component_rich_style("docview--entity-per") != clean.get_component_rich_style(
            "docview--entity-loc"
        )


async def test_quote_over_paragraphs_skips_removed_blocks_in_raw_pane(dup_article: Path):
    from reader.ui.annotations import CleanToRaw

    app = app_for(dup_article)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        article = app.prepared.article
        start, end = article.clean.index("Engineers"), article.clean.index("Local shop") + 10
        pieces = CleanToRaw(article).pieces(start, end)
        assert len(pieces) == 2  # B, then C: the duplicate of A between them is not painted
        dup = next(b for b in article.blocks if b.reason is not None and b.reason.kind == "duplicate")
        assert all(e <= dup.start or s >= dup.end for s, e in pieces)
        assert article.raw[pieces[0][0] : pieces[0][1]].startswith("Engineers")
        assert article.raw[pieces[1][0] : pieces[1][1]] == "Local shop"


async def select_group(app: NewsReaderApp, pilot, name: str) -> int:
    await pilot.press("p")
    await pilot.pause()
    panel = app._panels[0]
    assert panel is not None and panel.has_focus
    index = next(i for i, g in enumerate(panel._shown) if g.name == name)
    panel.highlighted = index
    await pilot.press("enter")
    await pilot.pause()
    return panel._shown[index].id


async def test_selecting_putin_highlights_all_his_mentions_in_both_panes():
    app = app_for(SEED)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        group = await select_group(app, pilot, "Vladimir Putin")
        assert app.entity_group == group
        mentions = [e for e in app.prepared.article.entities if e.group == group]
        assert len(mentions) == 3
        for view in (app.raw_view, app.clean_view):
            texts = layer_texts(view, "entity-selected")
            assert len(texts) == 3 and all("Putin" in t for t in texts)
        assert "Vladimir Putin ×3" in status_text(app)
        # Enter on the selected group clears the selection
        await pilot.press("enter")
        await pilot.pause()
        assert app.entity_group is None
        assert app.clean_view.layer_spans("entity-selected") == []


async def test_entity_steps_move_the_cursor_and_sync_the_other_pane():
    app = app_for(SEED)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        group = await select_group(app, pilot, "Vladimir Putin")
        mentions = sorted((e.start, e.end) for e in app.prepared.article.entities if e.group == group)
        await pilot.press("tab")  # from the panel back to... a pane
        app.clean_view.focus()
        await pilot.press("g")
        await pilot.pause()
        seen = []
        shift = app.spans.header_len
        for _ in range(3):
            await pilot.press("e")
            await pilot.pause()
            clean, raw = app.clean_view, app.raw_view
            (mark,) = clean.layer_spans("mark")
            assert "Putin" in clean.text[mark.start : mark.end]
            block = clean.blocks[clean.cursor]
            assert block.start <= mark.start < block.end  # the cursor is on the mention's block
            assert raw.cursor_key == clean.cursor_key  # the raw pane followed
            (raw_mark,) = raw.layer_spans("mark")
            assert "Putin" in raw.text[raw_mark.start : raw_mark.end]
            seen.append(mark.start - shift)
        assert seen == [s for s, _ in mentions]
        assert "3/3" in status_text(app)
        await pilot.press("E")
        await pilot.pause()
        (mark,) = app.clean_view.layer_spans("mark")
        assert mark.start - shift == mentions[1][0]
        # from the raw pane too
        app.raw_view.focus()
        await pilot.press("g", "e")
        await pilot.pause()
        raw = app.raw_view
        (raw_mark,) = raw.layer_spans("mark")
        assert raw.blocks[raw.cursor].start <= raw_mark.start < raw.blocks[raw.cursor].end
        assert app.clean_view.cursor_key == raw.cursor_key


async def test_quote_steps_move_the_cursor_sync_and_show_the_speaker():
    app = app_for(SEED)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        quotes = app.spans.quotes
        assert len(quotes) >= 5
        app.raw_view.focus()
        await pilot.press("g")
        keys = []
        for i in range(len(quotes)):
            await pilot.press("o")
            await pilot.pause()
            raw, clean = app.raw_view, app.clean_view
            (mark,) = raw.layer_spans("mark")
            assert raw.blocks[raw.cursor].start <= mark.start < raw.blocks[raw.cursor].end
            assert clean.cursor_key == raw.cursor_key
            assert f"({i + 1}/{len(quotes)})" in status_text(app)
            keys.append(raw.cursor_key)
        assert keys == sorted(keys)
        # the pronoun speaker is resolved: “more just and rational...” was said by "He" = Xi Jinping
        target = next(i for i, q in enumerate(quotes) if "more just and rational" in q.text)
        while app._mark[1] != target:
            await pilot.press("O")
            await pilot.pause()
        assert "Xi Jinping (“He”)" in status_text(app)
        # o after the last quote wraps to the first
        await pilot.press("G", "o")
        await pilot.pause()
        assert app._mark[1] == 0


async def test_quote_panel_enter_jumps_to_the_quote():
    app = app_for(SEED)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("w")
        await pilot.pause()
        panel = app._panels[1]
        assert panel.has_focus and panel.option_count == len(app.spans.quotes)
        last = len(app.spans.quotes) - 1
        panel.highlighted = last
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.focused, DocView)
        view = app.focused
        (mark,) = view.layer_spans("mark")
        assert "unprecedentedly" in view.text[mark.start : mark.end]
        assert app._other(view).cursor_key == view.cursor_key
        assert "Vladimir Putin" in status_text(app)


async def test_highlights_toggle_off_and_on():
    app = app_for(SEED)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await select_group(app, pilot, "Xi Jinping")
        before = {
            v.id: (len(v.layer_spans("entities")), len(v.layer_spans("quotes"))) for v in (app.raw_view, app.clean_view)
        }
        assert all(e and q for e, q in before.values())
        await pilot.press("h")
        await pilot.pause()
        for view in (app.raw_view, app.clean_view):
            for layer in ("entities", "quotes", "entity-selected", "mark"):
                assert view.layer_spans(layer) == []
        assert "highlights off" in status_text(app)
        await pilot.press("e")  # still navigates, without painting
        await pilot.pause()
        assert app.clean_view.layer_spans("mark") == []
        await pilot.press("h")
        await pilot.pause()
        after = {
            v.id: (len(v.layer_spans("entities")), len(v.layer_spans("quotes"))) for v in (app.raw_view, app.clean_view)
        }
        assert after == before
        assert len(app.clean_view.layer_spans("entity-selected")) == 3


async def test_entity_panel_type_filter():
    app = app_for(SEED)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("p")
        await pilot.pause()
        panel = app._panels[0]
        assert not app._library_shown()  # 120 columns: the panel takes the library's place
        assert panel.highlighted == 0  # Enter works at once
        total = panel.option_count
        await pilot.press("t")  # PER
        await pilot.pause()
        assert panel.type_filter == "PER" and {g.label for g in panel._shown} == {"PER"}
        assert panel.option_count < total
        await pilot.press("t", "t", "t", "t")  # ORG, LOC, MISC, all
        await pilot.pause()
        assert panel.type_filter is None and panel.option_count == total
        await pilot.press("p")  # again on the focused panel: hidden
        await pilot.pause()
        assert not panel.display and isinstance(app.focused, DocView)
        assert app._library_shown()  # and the library is back


# -- libraries (issue 5) -------------------------------------------------------


def test_library_rows_render_without_an_app_loop():
    from reader.ui.library import human_size

    assert human_size(999) == "999B" and human_size(2863) == "2.9K" and human_size(43_000_000) == "43M"


async def test_jsonl_file_opens_as_a_library_of_records(tmp_path: Path):
    import json

    path = tmp_path / "feed.jsonl"
    records = [
        {"title": "Harbour bridge reopens", "text": f"{PARA_A}\n\n{PARA_B}", "url": "https://example.com/a"},
        {"title": "Shops welcome the news", "text": PARA_C},
        {"title": "Third record", "body": f"{PARA_B}\n\n{PARA_C}"},
    ]
    lines = [json.dumps(r) for r in records]
    lines.insert(2, "{not json")  # a malformed line: reported, the other records load
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    app = app_for(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert len(app.entries) == 4
        good = [e for e in app.entries if not e.error]
        assert [e.title for e in good] == [r["title"] for r in records]
        assert all(e.name.startswith("feed.jsonl #") for e in app.entries)
        bad = [e for e in app.entries if e.error]
        assert len(bad) == 1 and "3" in bad[0].name
        assert app.current == 0 and app.raw_view.text.startswith(PARA_A[:20]) or PARA_A[:20] in app.raw_view.text
        await pilot.press("right_square_bracket")
        await settle(app, pilot)
        assert PARA_C in app.clean_view.text
        text = screen_text(app)
        assert "Library (4)" in text and "Shops welcome the news" in text


@pytest.fixture
def story_folder(tmp_path: Path) -> Path:
    """Four articles: one story in two syndicated copies, and two other stories."""
    folder = tmp_path / "lib"
    folder.mkdir()
    story = f"{PARA_A}\n\n{PARA_B}\n\n{PARA_C}\n"
    (folder / "a_wire.txt").write_text(f"Harbour bridge reopens\n\n{story}", encoding="utf-8")
    (folder / "b_copy.txt").write_text(
        f"Bridge back in service, says authority\n\nBy Staff\n\n{story}", encoding="utf-8"
    )
    (folder / "c_other.txt").write_text(
        "Council approves the new library budget\n\n"
        "The city council approved the budget for the new central library on Tuesday evening, "
        "after a debate that lasted almost four hours and drew a large crowd of residents.\n\n"
        "Construction is expected to begin next spring and to take about two years.\n",
        encoding="utf-8",
    )
    (folder / "d_zebra.txt").write_text(
        "Zebra crossing repainted\n\nWorkers repainted the zebra crossing outside the primary school "
        "on Friday, weeks after parents had asked the council to make it more visible.\n",
        encoding="utf-8",
    )
    return folder


async def test_folder_library_filter_sort_clusters_and_copies(story_folder: Path):
    from reader.ui.screens.copies import CopiesScreen

    app = app_for(story_folder)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(app, pilot)
        lib = app.library
        assert len(app.entries) == 4 and lib.order == [0, 1, 2, 3]
        # indexed in the background: summaries and story clusters
        infos = [e.info for e in app.entries]
        assert all(i.removed_share is not None and i.entities is not None for i in infos)
        assert infos[0].cluster == infos[1].cluster and infos[0].cluster_size == 2
        assert infos[2].cluster_size == 1
        assert "×2" in screen_text(app)
        # the fuzzy filter narrows the list as you type
        await pilot.press("f")
        await pilot.pause()
        for ch in "zebr":
            await pilot.press(ch)
        await pilot.pause()
        assert [app.entries[i].name for i in lib.order] == ["d_zebra.txt"]
        assert "Library (1/4)" in screen_text(app)
        await pilot.press("ctrl+a", "ctrl+k")  # clear the filter box
        await pilot.pause()
        assert len(lib.order) == 4
        await pilot.press("enter")  # back to the list
        # sort by share removed (r cycles name -> date -> removed)
        app.library.focus()
        await pilot.press("r", "r")
        await pilot.pause()
        assert app.library_sort == "removed"
        shares = [app.entries[i].info.removed_share for i in lib.order]
        assert shares == sorted(shares)
        await pilot.press("R")
        await pilot.pause()
        shares = [app.entries[i].info.removed_share for i in lib.order]
        assert shares == sorted(shares, reverse=True)
        # open a copy from the list, then the other copies side by side
        lib.highlighted = lib.row_of(0)
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.current == 0
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CopiesScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        columns = list(app.screen.query(DocView))
        assert len(columns) == 2
        assert "Bridge back in service" in columns[1].text and PARA_B in columns[1].text
        assert "Harbour bridge reopens" in columns[0].text
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, CopiesScreen)


async def test_a_file_that_breaks_the_json_parser_does_not_stop_the_reader(tmp_path: Path, dup_article: Path):
    """Started as `newsreader` starts (the preloader reads the inputs while Textual loads): a JSON
    file nested deeper than Python's recursion limit is listed with its error, the rest opens."""
    from reader.ui.launch import start

    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    app = start([str(deep), str(dup_article)], config=Config())
    app.animation_level = "none"
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        errors = [e for e in app.entries if e.error]
        assert [e.path for e in errors] == [str(deep)] and "nested too deeply" in errors[0].error
        assert app.entries[app.current].name == dup_article.name and app.prepared is not None
        assert "deep.json" in screen_text(app)
        await pilot.press("j")  # still responsive
