"""Saving config.toml: what is written reads back equal, and nothing bad is ever written."""

from __future__ import annotations

import tempfile
import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prepdeck.config import Config, config_text, load_config, save_config
from prepdeck.errors import ConfigError

# Any text a TOML string can hold: quotes, backslashes, control characters, non-ASCII.
TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=12)

CONFIGS = st.builds(
    Config,
    desired_retention=st.floats(0.70, 0.99, allow_nan=False),
    new_per_day=st.integers(0, 10_000),
    reviews_per_day=st.integers(0, 100_000),
    day_start_hour=st.integers(0, 23),
    minutes_per_day=st.integers(1, 600),
    theme=TEXT.map(str.strip).filter(bool),
    keymap=st.dictionaries(TEXT, TEXT.filter(str.strip), max_size=4),
    serve_token=st.none() | st.from_regex(r"[A-Za-z0-9_-]{16,50}", fullmatch=True),
    # Named, as hypothesis fills every field of a named tuple it is not given.
    speech_model=st.none(),
    keep_audio=st.booleans(),
    sync_remote=st.none(),
)


@settings(max_examples=200, deadline=None)
@given(config=CONFIGS)
def test_every_valid_config_reads_back_equal(config: Config) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "config.toml"
        save_config(path, config)
        assert load_config(path) == config
        assert [p.name for p in Path(folder).iterdir()] == ["config.toml"]


def test_the_file_is_plain_toml_with_every_key() -> None:
    config = Config(
        desired_retention=0.85,
        new_per_day=5,
        minutes_per_day=25,
        theme='with "quotes" and \\',
        keymap={"reveal": "r", "odd key.name": "ctrl+x"},
        serve_token="a-token-for-the-browser",
    )
    data = tomllib.loads(config_text(config))
    assert data == {
        "desired_retention": 0.85,
        "new_per_day": 5,
        "reviews_per_day": 200,
        "day_start_hour": 4,
        "minutes_per_day": 25,
        "theme": 'with "quotes" and \\',
        "serve_token": "a-token-for-the-browser",
        "keymap": {"reveal": "r", "odd key.name": "ctrl+x"},
    }


def test_no_keymap_table_when_there_is_no_keymap() -> None:
    lines = config_text(Config()).splitlines()
    assert "[keymap]" not in lines
    assert "[keymap]" in config_text(Config(keymap={"reveal": "r"})).splitlines()


def test_saving_replaces_the_old_file(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("new_per_day = 3\n# a comment\n", encoding="utf-8")
    save_config(path, Config(new_per_day=7))
    assert load_config(path).new_per_day == 7
    assert sorted(p.name for p in tmp_path.iterdir()) == ["config.toml"]


def test_a_missing_home_directory_is_created(tmp_path: Path) -> None:
    path = tmp_path / "new-home" / "config.toml"
    save_config(path, Config(day_start_hour=6))
    assert load_config(path).day_start_hour == 6


@pytest.mark.parametrize(
    ("config", "message"),
    [
        (Config(day_start_hour=24), "config.toml: day_start_hour: must be 0-23"),
        (Config(desired_retention=0.5), "config.toml: desired_retention: must be 0.70-0.99"),
        (Config(new_per_day=-1), "config.toml: new_per_day: must be 0-10000"),
        (Config(theme="  "), "config.toml: theme: must be a theme name"),
        (Config(theme=" padded "), "config.toml: theme: must not start or end with a space"),
        (Config(keymap={"reveal": " "}), "config.toml: keymap: reveal: must be a key name"),
    ],
)
def test_a_value_the_app_would_refuse_is_never_written(
    tmp_path: Path, config: Config, message: str
) -> None:
    path = tmp_path / "config.toml"
    path.write_text("new_per_day = 3\n", encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        save_config(path, config)
    assert str(raised.value).startswith(message)
    assert path.read_text(encoding="utf-8") == "new_per_day = 3\n"
    assert [p.name for p in tmp_path.iterdir()] == ["config.toml"]


def test_a_file_that_cannot_be_written_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.mkdir()  # a directory where the file should go: the rename fails
    with pytest.raises(ConfigError) as raised:
        save_config(path, Config())
    assert str(raised.value).startswith("config.toml: cannot be saved (")
    assert "\n" not in str(raised.value)
    assert [p.name for p in tmp_path.iterdir()] == ["config.toml"]
