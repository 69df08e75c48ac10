"""The UI's Textual-free modules stay Textual-free (the preloader runs before Textual loads)."""

from __future__ import annotations

import subprocess
import sys


def test_preload_layout_docs_do_not_import_textual():
    code = (
        "import sys\n"
        "import reader.ui.preload, reader.ui.layout, reader.ui.docs, reader.ui.config\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(bad)\n"
        "raise SystemExit(1 if bad else 0)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], check=False, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stdout + out.stderr


def test_opening_a_text_file_loads_no_html_code():
    """Start-up: the loader registry is lazy (the HTML loader imports on first use)."""
    code = (
        "import sys\n"
        "from reader.ui.preload import read_inputs\n"
        "entries, _ = read_inputs(['sample_articles/01_harbour_bridge_reopens.txt'])\n"
        "assert entries and entries[0].article is not None\n"
        "bad = sorted(m for m in ('reader.load.html', 'lxml', 'trafilatura') if m in sys.modules)\n"
        "print(bad)\n"
        "raise SystemExit(1 if bad else 0)\n"
    )
    root = __import__("pathlib").Path(__file__).resolve().parent.parent
    out = subprocess.run([sys.executable, "-c", code], check=False, capture_output=True, text=True, timeout=60, cwd=root)
    assert out.returncode == 0, out.stdout + out.stderr


def test_lazy_loader_suffixes_match_the_loaders():
    from reader.load import HTML_SUFFIXES, RECORD_SUFFIXES, html, records

    assert set(HTML_SUFFIXES) == set(html.suffixes())
    assert set(RECORD_SUFFIXES) == set(records.JSON_SUFFIXES + records.JSONL_SUFFIXES)
