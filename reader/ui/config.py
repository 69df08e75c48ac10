"""The optional config file: keymap and theme.

``$NEWSREADER_CONFIG`` or ``<user config dir>/newsreader/config.toml``::

    theme = "nord"

    [keymap]            # binding id = keys (see the help screen, ?)
    block-next = "down,j,ctrl+n"
    quit = "q,ctrl+d"

The reader only reads this file; it never writes it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

APP_NAME = "newsreader"


@dataclass(slots=True)
class Config:
    keymap: dict[str, str] = field(default_factory=dict)
    theme: str | None = None
    path: Path | None = None
    error: str | None = None


def config_path() -> Path:
    env = os.environ.get("NEWSREADER_CONFIG")
    if env:
        return Path(env)
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False) / "config.toml"


def load_config(path: Path | None = None) -> Config:
    """Read the config file; a missing file is an empty config, a broken one says why."""
    path = path or config_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Config(path=path)
    except (OSError, UnicodeDecodeError) as exc:
        return Config(path=path, error=f"{path}: {exc}")
    import tomllib  # only when there is a file to parse

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return Config(path=path, error=f"{path}: {exc}")
    keymap = data.get("keymap", {})
    theme = data.get("theme")
    cfg = Config(path=path)
    if isinstance(keymap, dict):
        cfg.keymap = {str(k): str(v) for k, v in keymap.items() if isinstance(v, str)}
    if isinstance(theme, str):
        cfg.theme = theme
    return cfg
