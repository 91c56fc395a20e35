"""config.toml: defaults, checks, and one clear line per bad value."""

from __future__ import annotations

from pathlib import Path

import pytest

from prepdeck.config import Config, load_config
from prepdeck.errors import ConfigError


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_missing_file_means_defaults(tmp_path: Path) -> None:
    config = load_config(tmp_path / "config.toml")
    assert config == Config()
    assert (config.desired_retention, config.new_per_day, config.reviews_per_day) == (
        0.90,
        10,
        200,
    )
    assert config.day_start_hour == 4


def test_values_are_read(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "desired_retention = 0.85\nnew_per_day = 5\nreviews_per_day = 50\nday_start_hour = 0\n"
        'theme = "textual-light"\n[keymap]\nreveal = "r"\n',
    )
    config = load_config(path)
    assert config.desired_retention == 0.85
    assert (config.new_per_day, config.reviews_per_day, config.day_start_hour) == (5, 50, 0)
    assert config.theme == "textual-light"
    assert config.keymap == {"reveal": "r"}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("day_start_hour = 24\n", "config.toml: day_start_hour: must be 0-23"),
        ("day_start_hour = '4'\n", "config.toml: day_start_hour: must be a whole number 0-23"),
        ("desired_retention = 0.5\n", "config.toml: desired_retention: must be 0.70-0.99"),
        ("new_per_day = -1\n", "config.toml: new_per_day: must be 0-10000"),
        ("new_per_dya = 3\n", "config.toml: new_per_dya: unknown key; did you mean new_per_day?"),
        ("keymap = 3\n", "config.toml: keymap: must be a table of action"),
        ("[keymap]\nreveal = 3\n", "config.toml: keymap: reveal: must be a key name in quotes"),
        ("day_start_hour = \n", "config.toml:1:18: "),
        ("serve_token = 12345678901234567\n", "config.toml: serve_token: must be text in quotes"),
        ("serve_token = 'short'\n", "config.toml: serve_token: must be at least 16 characters"),
        (
            "serve_token = 'has a space in it here'\n",
            "config.toml: serve_token: must be letters, digits, - and _ only",
        ),
        ("serve_token = 'tok?en=0123456789'\n", "config.toml: serve_token: must be letters"),
    ],
)
def test_bad_values_name_file_and_key(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ConfigError) as raised:
        load_config(_write(tmp_path, text))
    assert str(raised.value).startswith(message)


def test_every_bad_key_is_reported(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as raised:
        load_config(_write(tmp_path, "day_start_hour = 30\nnew_per_day = true\n"))
    assert len(str(raised.value).splitlines()) == 2


def test_serve_token_is_read(tmp_path: Path) -> None:
    assert load_config(tmp_path / "config.toml").serve_token is None
    path = _write(tmp_path, 'serve_token = "Kept-for_my-tablet-2026"\n')
    assert load_config(path).serve_token == "Kept-for_my-tablet-2026"
