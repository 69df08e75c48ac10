"""The core never imports Textual: the UI renders what the core returns."""

import subprocess
import sys

CORE = [
    "reader",
    "reader.model",
    "reader.cli",
    "reader.errors",
    "reader.export",
    "reader.load",
    "reader.load.decode",
    "reader.load.files",
    "reader.load.samples",
    "reader.clean",
    "reader.clean.segment",
    "reader.clean.dedup",
    "reader.clean.boilerplate",
    "reader.clean.metadata",
    "reader.clean.pipeline",
    "reader.annotate",
]


def test_core_modules_do_not_import_textual():
    code = (
        "import importlib, sys\n"
        f"for name in {CORE!r}:\n"
        "    importlib.import_module(name)\n"
        "from reader.annotate import get_annotator\n"
        "from reader.clean import clean_text\n"
        "a = clean_text(open(sys.argv[1], encoding='utf-8').read())\n"
        "a.annotations = get_annotator()(a.clean)\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(','.join(bad))\n"
    )
    from conftest import SEED

    out = subprocess.run([sys.executable, "-c", code, str(SEED)], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_help_does_not_import_textual_or_engine():
    code = (
        "import sys\n"
        "from reader import cli\n"
        "try:\n"
        "    cli.main(['--help'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = [m for m in ('textual', 'rapidfuzz', 'reader.clean', 'ftfy') if m in sys.modules]\n"
        "print('HEAVY', ','.join(heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "HEAVY \n" in out.stdout or out.stdout.rstrip().endswith("HEAVY")
