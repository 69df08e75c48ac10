"""The optional C speedups of the cleaning engine, or ``None``.

``_speedups.c`` repeats the hot loops of :mod:`reader.clean.features` (and the
model in :mod:`reader.clean.boilerplate`) in C, with the same results.  It is
built at install time when a C compiler is at hand; without it, or with the
environment variable ``NEWSREADER_PURE_PYTHON`` set (to compare the two), the
Python code runs.
"""

from __future__ import annotations

import os
from types import ModuleType

speedups: ModuleType | None
try:
    from reader.clean import _speedups as speedups  # type: ignore[attr-defined,no-redef]
except ImportError:  # not built
    speedups = None
if os.environ.get("NEWSREADER_PURE_PYTHON"):
    speedups = None
