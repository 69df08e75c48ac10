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
