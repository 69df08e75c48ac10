"""The optional config file (keymap, theme): read, never written."""

from __future__ import annotations

from pathlib import Path

from reader.ui.config import config_path, load_config


def test_config_path_honours_environment(monkeypatch, tmp_path: Path):
    monkeypatch.setenv("NEWSREADER_CONFIG", str(tmp_path / "c.toml"))
    assert config_path() == tmp_path / "c.toml"


def test_missing_config_is_empty_and_not_created(tmp_path: Path):
    path = tmp_path / "nope" / "config.toml"
    cfg = load_config(path)
    assert cfg.keymap == {} and cfg.theme is None and cfg.error is None
    assert not path.exists() and not path.parent.exists()


def test_keymap_and_theme_are_read(tmp_path: Path):
    path = tmp_path / "config.toml"
    path.write_text('theme = "nord"\n\n[keymap]\nblock-next = "down,j,ctrl+n"\nquit = 3\n', encoding="utf-8")
    cfg = load_config(path)
    assert cfg.theme == "nord"
    assert cfg.keymap == {"block-next": "down,j,ctrl+n"}  # non-strings ignored


def test_broken_config_reports_one_line(tmp_path: Path):
    path = tmp_path / "config.toml"
    path.write_text("theme = \n", encoding="utf-8")
    cfg = load_config(path)
    assert cfg.error and "\n" not in cfg.error and cfg.keymap == {}
