"""Regular expressions compiled on first use.

Compiling a pattern costs 0.1-0.5 ms; a page needs only some of the rare ones
(the guarded keyword rules, credit lines, datelines), and start-up should not
pay for the rest.  A :class:`LazyPattern` compiles on its first use and then
binds the compiled pattern's methods on itself, so later calls cost what
calls on the compiled pattern cost.
"""

from __future__ import annotations

import re
from typing import Any

_BOUND = (
    "search",
    "match",
    "fullmatch",
    "sub",
    "subn",
    "split",
    "findall",
    "finditer",
    "flags",
    "groups",
    "groupindex",
)


class LazyPattern:
    """``re.compile(pattern, flags)``, done when the pattern is first used."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self._flags = flags

    def __getattr__(self, name: str) -> Any:
        # Only called for attributes not set yet: the first use.
        if name.startswith("__"):
            raise AttributeError(name)
        compiled = re.compile(self.pattern, self._flags)
        for attr in _BOUND:
            setattr(self, attr, getattr(compiled, attr))
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r}, {self._flags!r})"
