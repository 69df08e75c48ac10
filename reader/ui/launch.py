"""Starting the reader: the inputs are read (and the first article cleaned) before Textual loads.

``newsreader [PATH ...]`` lands in :func:`run`.  It starts the preloader on a
thread first and only then imports the app (Textual is most of the start-up
time), so reading and cleaning the first article overlaps Textual's import
and start-up instead of following them.

``newsreader -`` reads one article from standard input first; when stdin is
not a terminal the app then takes its keys from the controlling terminal
(``/dev/tty`` is reopened as file descriptor 0).
"""

from __future__ import annotations

import os
import sys

#: How ``-`` appears among the paths.
STDIN = "-"


def read_stdin_article(paths: list[str]) -> list[str]:
    """If ``-`` is among ``paths``: read stdin into a temporary file and put its path there instead.

    A file, not an Article in memory: the library, the workers and export all
    take paths.  The file lives in a private temporary directory, removed at exit.
    """
    if STDIN not in paths:
        return paths
    import atexit
    import shutil
    import tempfile

    data = sys.stdin.buffer.read()
    folder = tempfile.mkdtemp(prefix="newsreader-stdin-")
    atexit.register(shutil.rmtree, folder, True)
    name = "stdin.html" if data.lstrip()[:15].lower().startswith((b"<!doctype html", b"<html")) else "stdin.txt"
    path = os.path.join(folder, name)
    with open(path, "wb") as fh:
        fh.write(data)
    return [path if p == STDIN else p for p in paths]


def reattach_terminal() -> bool:
    """Make fd 0 the terminal again after stdin was a pipe (the TUI reads its keys from fd 0).

    Returns False when there is no terminal to read keys from.
    """
    if sys.stdin is not None and sys.stdin.isatty():
        return True
    try:
        fd = os.open("/dev/tty", os.O_RDONLY)
    except OSError:
        return False
    os.dup2(fd, 0)
    os.close(fd)
    sys.stdin = open(0, encoding="utf-8", errors="replace", closefd=False)  # noqa: SIM115 - lives as long as the app
    return True


def start_process_helpers() -> None:
    """Start multiprocessing's resource tracker now, while stderr is still the real one.

    The library indexer runs in worker processes; starting them from inside the app fails
    ("bad value(s) in fds_to_keep") because Textual replaces ``sys.stderr`` with an object
    without a file descriptor, and the tracker hands its child ``sys.stderr.fileno()``.
    """
    try:
        from multiprocessing import resource_tracker

        resource_tracker.ensure_running()
    except Exception:  # noqa: BLE001 - the indexer falls back to one process
        pass


def start(paths: list[str], ner: str | None = None, config=None):
    """The app for ``paths`` with its preloader already running (for the CLI and the start-up benchmark)."""
    from reader.ui.preload import Preload, sample_paths

    paths = list(paths) or sample_paths()
    preload = Preload(paths, ner)  # reads and cleans while the next import runs
    if any(os.path.isdir(p) for p in paths):
        start_process_helpers()
    from reader.ui.app import make_app

    return make_app(paths, ner, config, preload=preload)


def run(paths: list[str], ner: str | None = None) -> int:
    paths = list(paths)
    if STDIN in paths:
        paths = read_stdin_article(paths)
        if not reattach_terminal():
            print("newsreader: no terminal to read keys from (stdin was a pipe and /dev/tty cannot be opened)",
                  file=sys.stderr)
            return 2
    app = start(paths, ner)
    result = app.run()
    if app.return_code not in (None, 0):
        return app.return_code
    return int(result or 0)
