"""Finding and reading files: directories, hidden files, loops, bad files."""

import os
import sys

import pytest

from reader.errors import LoadError
from reader.load import discover, load_path
from reader.load.files import read_bytes


def names(found):
    return [(f.path.name, f.error) for f in found]


def test_directories_are_walked_sorted_and_hidden_files_skipped(tmp_path):
    (tmp_path / "b.txt").write_text("B article.\n")
    (tmp_path / "a.md").write_text("A article.\n")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.text").write_text("C article.\n")
    (tmp_path / "noext").write_text("No extension.\n")
    (tmp_path / ".hidden.txt").write_text("secret\n")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("x\n")
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    found = list(discover([tmp_path]))
    assert [f.path.relative_to(tmp_path).as_posix() for f in found] == ["a.md", "b.txt", "noext", "sub/c.text"]
    assert all(f.error is None for f in found)


def test_directory_loop_is_reported_once_and_walk_finishes(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.txt").write_text("x\n")
    os.symlink(tmp_path, tmp_path / "a" / "loop")
    found = list(discover([tmp_path]))
    assert [f.path.name for f in found if f.error is None] == ["x.txt"]
    assert any(f.error and "loop" in f.error for f in found)


def test_broken_symlink_and_missing_path_are_errors(tmp_path):
    os.symlink(tmp_path / "nowhere.txt", tmp_path / "broken.txt")
    found = names(discover([tmp_path, tmp_path / "missing.txt"]))
    assert ("broken.txt", "broken symbolic link") in found
    assert ("missing.txt", "no such file or directory") in found


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifo_is_an_error_not_a_hang(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    found = names(discover([fifo]))
    assert found == [("pipe.txt", "not a regular file (FIFO, socket or device)")]
    assert names(discover([tmp_path])) == []  # skipped inside directories


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="root can read anything")
def test_unreadable_file_is_a_one_line_error(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text("x")
    path.chmod(0)
    with pytest.raises(LoadError, match="permission denied"):
        load_path(path)


def test_binary_file_is_not_a_text_article(tmp_path):
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\xff\xd8\xff\xe0" + bytes(range(256)) * 10)
    with pytest.raises(LoadError, match="not a text article"):
        load_path(path)


def test_huge_file_is_capped_with_a_note(tmp_path):
    path = tmp_path / "huge.txt"
    line = ("word " * 20 + "\n").encode()
    with open(path, "wb") as fh:
        for _ in range(200):
            fh.write(line * 1000)
    limit = 1_000_000
    data, truncated = read_bytes(path, limit=limit)
    assert truncated and len(data) == limit


def test_single_ten_megabyte_line_loads_and_cleans(tmp_path):
    from reader.clean import clean_article

    path = tmp_path / "oneline.txt"
    path.write_bytes(b"Repeated sentence of a long scraped line. " * 250_000)
    article = clean_article(load_path(path)[0])
    assert len(article.blocks) == 1


def test_input_files_are_never_modified(samples_dir, tmp_path):
    from reader.clean import clean_article
    from reader.load.samples import sample_paths

    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in sample_paths()}
    for p in before:
        clean_article(load_path(p)[0])
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in before} == before


def test_paths_the_file_system_refuses_are_one_line_errors(tmp_path):
    """A NUL byte (typed or pasted into the reader's Open prompt) or a name too long."""
    found = list(discover([str(tmp_path / "nul\x00.txt"), str(tmp_path / ("x" * 300 + ".txt"))]))
    assert [f.error for f in found] == ["cannot read: embedded null byte", "cannot read: File name too long"]
    with pytest.raises(LoadError, match="embedded null byte"):
        read_bytes(tmp_path / "nul\x00.txt")
