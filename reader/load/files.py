"""Finding article files: paths and directories, walked safely.

Directories are walked recursively in sorted order, hidden entries skipped,
symlinked directories followed at most once (no loops).  Problems are
reported as one-line errors, never raised, so the rest still loads.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

#: Extensions read as text articles (plus files with no extension).
TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown"})
#: Files larger than this are read only up to this size (with a note).
MAX_BYTES = 16 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Found:
    """A path to load, or an error about a path (``error`` set)."""

    path: Path
    error: str | None = None


def is_candidate(path: Path) -> bool:
    """Would a directory walk load this file?"""
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return True
    from reader.load import handles

    return handles(path) or (suffix == "" and not path.name.startswith("."))


def _walk(root: Path, seen: set[tuple[int, int]]) -> Iterator[Found]:
    try:
        st = root.stat()
    except OSError as exc:
        yield Found(root, f"cannot read directory: {exc.strerror or exc}")
        return
    key = (st.st_dev, st.st_ino)
    if key in seen:
        yield Found(root, "directory loop: already visited, skipped")
        return
    seen.add(key)
    try:
        entries = sorted(os.scandir(root), key=lambda e: e.name)
    except OSError as exc:
        yield Found(root, f"cannot list directory: {exc.strerror or exc}")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        try:
            if entry.is_dir(follow_symlinks=True):
                yield from _walk(path, seen)
                continue
            if not entry.is_file(follow_symlinks=True):
                if entry.is_symlink() and not path.exists():
                    yield Found(path, "broken symbolic link")
                continue  # FIFOs, sockets, devices: not articles
        except OSError as exc:
            yield Found(path, f"cannot read: {exc.strerror or exc}")
            continue
        if is_candidate(path):
            yield Found(path)


def discover(paths: Iterable[str | Path]) -> Iterator[Found]:
    """Expand files and directories into the files to load, in order."""
    seen: set[tuple[int, int]] = set()
    for raw in paths:
        path = Path(raw)
        try:
            st = path.stat()
        except FileNotFoundError:
            if path.is_symlink():
                yield Found(path, "broken symbolic link")
            else:
                yield Found(path, "no such file or directory")
            continue
        except (OSError, ValueError) as exc:  # (ValueError: a NUL byte in the path)
            yield Found(path, f"cannot read: {getattr(exc, 'strerror', None) or exc}")
            continue
        if stat.S_ISDIR(st.st_mode):
            yield from _walk(path, seen)
        elif stat.S_ISREG(st.st_mode):
            yield Found(path)
        else:
            yield Found(path, "not a regular file (FIFO, socket or device)")


def read_bytes(path: Path, limit: int = MAX_BYTES) -> tuple[bytes, bool]:
    """Read at most ``limit`` bytes; returns (data, truncated)."""
    try:
        st = path.stat()
        if not stat.S_ISREG(st.st_mode):
            raise OSError("not a regular file")
        with open(path, "rb") as fh:
            data = fh.read(limit + 1)
    except PermissionError:
        from reader.errors import LoadError

        raise LoadError("permission denied") from None
    except IsADirectoryError:
        from reader.errors import LoadError

        raise LoadError("is a directory") from None
    except (OSError, ValueError) as exc:  # (ValueError: a NUL byte in the path)
        from reader.errors import LoadError

        raise LoadError(f"cannot read: {getattr(exc, 'strerror', None) or exc}") from None
    if len(data) > limit:
        return data[:limit], True
    return data, False
