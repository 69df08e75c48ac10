"""The real CLI as a subprocess: `newsreader clean`, `--help`, `--version`, `python -m reader`."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from reader import __version__


def run(*args, input=None, cwd=None):
    return subprocess.run(
        [sys.executable, "-m", "reader", *map(str, args)],
        capture_output=True,
        text=True,
        input=input,
        cwd=cwd,
        timeout=120,
    )


def test_version_and_help():
    out = run("--version")
    assert out.returncode == 0 and out.stdout.strip() == f"newsreader {__version__}"
    out = run("--help")
    assert out.returncode == 0 and "newsreader clean" in out.stdout
    out = run("clean", "--help")
    assert out.returncode == 0 and "--format" in out.stdout


def test_clean_seed_json_contract(seed_path):
    out = run("clean", seed_path, "--format", "json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert set(data) >= {"source", "title", "byline", "published", "publisher", "text", "blocks", "entities", "quotes"}
    assert data["title"] == "Xi, Putin pledge to boost bilateral ties"
    paragraphs = data["text"].split("\n\n")
    assert len(paragraphs) == 4 and paragraphs[0].startswith("(MENAFN) Chinese President")
    raw = seed_path.read_text(encoding="utf-8")
    kinds = {}
    for block in data["blocks"]:
        assert raw[block["start"] : block["end"]] == block["text"]
        assert block["kept"] == (block["reason"] is None)
        if block["reason"]:
            kinds.setdefault(block["reason"]["kind"], []).append(block["reason"])
    assert len(kinds["duplicate"]) == 3
    assert all(r["score"] == 1.0 and isinstance(r["of"], int) for r in kinds["duplicate"])
    assert {r["category"] for r in kinds["boilerplate"]} == {"legal", "related", "comments"}
    assert kinds["title"] == [{"kind": "title", "description": "title"}]


def test_text_and_markdown_formats(seed_path):
    text = run("clean", seed_path).stdout
    assert text.startswith("Xi, Putin pledge to boost bilateral ties\n\n(MENAFN)")
    assert "Legal Disclaimer" not in text and "No comment" not in text
    md = run("clean", seed_path, "--format", "markdown").stdout
    assert md.startswith("# Xi, Putin pledge to boost bilateral ties\n")


def test_output_dir_gets_one_file_per_input(tmp_path, samples_dir):
    outdir = tmp_path / "out"
    out = run("clean", samples_dir, "--format", "json", "-o", outdir)
    assert out.returncode == 0, out.stderr
    written = sorted(p.name for p in outdir.iterdir())
    assert "000_9cec1556c653d704.json" in written
    assert "08_council_vote_noext.json" in written
    for p in outdir.iterdir():
        json.loads(p.read_text(encoding="utf-8"))


def test_never_writes_over_an_input(tmp_path):
    src = tmp_path / "story.txt"
    src.write_text("A headline\nA first paragraph of the story, long enough to be kept as body text here.\n")
    before = src.read_bytes()
    out = run("clean", src, "--format", "text", "-o", tmp_path)
    assert out.returncode == 0, out.stderr
    assert src.read_bytes() == before
    assert (tmp_path / "story-2.txt").exists()


def test_failures_are_one_line_each_and_the_rest_is_processed(tmp_path, seed_path):
    binary = tmp_path / "bad.txt"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    outdir = tmp_path / "out"
    out = run("clean", binary, seed_path, tmp_path / "missing.txt", "--format", "json", "-o", outdir)
    assert out.returncode == 1
    errors = out.stderr.strip().splitlines()
    assert len(errors) == 2
    assert "bad.txt: not a text article" in errors[0]
    assert "missing.txt: no such file or directory" in errors[1]
    assert (outdir / "000_9cec1556c653d704.json").exists()


def test_stdin(seed_text):
    out = run("clean", "-", "--format", "json", input=seed_text)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["title"] == "Xi, Putin pledge to boost bilateral ties"


def test_empty_file_is_not_an_error(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    out = run("clean", empty, "--format", "json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["blocks"] == [] and data["text"] == ""


def test_console_script_is_installed():
    exe = Path(sys.executable).with_name("newsreader")
    if not exe.exists():
        pytest.skip("console script not installed next to this Python")
    out = subprocess.run([str(exe), "--version"], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0 and __version__ in out.stdout


@pytest.mark.parametrize("engine", ["bogus", "spacy:no_such_pipeline"])
def test_unknown_entity_engine_is_a_one_line_error(engine, seed_path):
    out = run("annotate", seed_path, "--ner", engine)
    assert out.returncode == 2
    assert out.stderr.count("\n") == 1 and f"--ner {engine}" in out.stderr
    assert "Traceback" not in out.stderr
