"""Batch cleaning: --jobs N gives byte-identical outputs to --jobs 1."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import TOPIC_WORDS, random_story


def run(*args):
    return subprocess.run(
        [sys.executable, "-m", "reader", *map(str, args)], capture_output=True, text=True, timeout=300, check=False
    )


@pytest.fixture
def folder(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    para = "The {n} story of the day: the council met on Tuesday and voted to extend the tram line by {n} stations."
    for i in range(24):
        story = random_story(i, 120, TOPIC_WORDS[:14])
        (src / f"{i:03d}.txt").write_text(f"Headline {i}\n\n" + story + "\n")
    (src / "copy.txt").write_text((src / "003.txt").read_text().replace("Headline 3", "Headline 3 (updated)"))
    (src / "feed.jsonl").write_text(
        "\n".join(json.dumps({"title": f"R{i}", "text": para.format(n=100 + i)}) for i in range(3)) + "\n"
    )
    (src / "bad.jsonl").write_text("{oops\n")
    return src


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_jobs_2_is_byte_identical_to_jobs_1(tmp_path, folder, fmt):
    one, two = tmp_path / "one", tmp_path / "two"
    r1 = run("clean", folder, "--format", fmt, "-o", one, "--jobs", "1")
    r2 = run("clean", folder, "--format", fmt, "-o", two, "--jobs", "2")
    assert r1.returncode == r2.returncode == 1  # bad.jsonl
    assert r1.stderr == r2.stderr
    names = sorted(p.name for p in one.iterdir())
    assert names == sorted(p.name for p in two.iterdir())
    assert len(names) == 28
    for name in names:
        assert (one / name).read_bytes() == (two / name).read_bytes(), name


def test_cluster_ids_in_json(tmp_path, folder):
    out = tmp_path / "out"
    r = run("clean", folder, "--format", "json", "-o", out, "--jobs", "2", "--no-annotate")
    assert r.returncode == 1
    clusters = {p.stem: json.loads(p.read_text())["cluster"] for p in out.iterdir()}
    assert clusters["003"] == clusters["copy"]
    assert len({clusters[f"{i:03d}"] for i in range(24)}) == 24


def test_jsonl_stream_identical_across_jobs(tmp_path, folder):
    r1 = run("clean", folder, "--format", "jsonl", "--jobs", "1", "--no-annotate")
    r2 = run("clean", folder, "--format", "jsonl", "--jobs", "2", "--no-annotate")
    assert r1.stdout == r2.stdout and len(r1.stdout.splitlines()) == 28
