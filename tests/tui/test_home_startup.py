"""Start-up errors: a bad config or a database that cannot be opened is a message screen
with what to do and `q` to quit — never a traceback."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from textual.widgets import Static

import prepdeck.launch
from prepdeck.cli import main
from prepdeck.cli.open_app import run_app
from prepdeck.errors import ConfigError, PrepdeckError, StoreError
from prepdeck.paths import locations
from prepdeck.services import open_services
from prepdeck.store.db import store_error
from prepdeck.tui.app import PrepdeckApp, make_app
from prepdeck.tui.screens.message import MessageScreen
from tests.tui.homes import SIZE


def home_dir() -> Path:
    return Path(os.environ["PREPDECK_HOME"])


def shown(app: PrepdeckApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def real_error() -> PrepdeckError:
    """What opening the home raises now."""
    with pytest.raises(PrepdeckError) as caught:
        open_services(sync_bundled=False)
    return caught.value


def busy_error(tmp_path: Path) -> StoreError:
    """The error SQLite gives while another connection holds the database's write lock."""
    path = tmp_path / "held.sqlite3"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN EXCLUSIVE")
    other = sqlite3.connect(path, timeout=0)
    try:
        with pytest.raises(sqlite3.OperationalError) as caught:
            other.execute("SELECT * FROM t")
        return store_error(caught.value, path)
    finally:
        other.close()
        holder.close()


async def test_a_bad_config_is_a_message_screen_and_q_quits_with_1() -> None:
    (home_dir() / "config.toml").write_text("day_start_hour = 99\n", encoding="utf-8")
    error = real_error()
    assert isinstance(error, ConfigError)
    app = make_app(startup_error=error, where=locations())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, MessageScreen)
        assert shown(app, "#message-title") == "prepdeck cannot read its settings"
        assert shown(app, "#message-text") == "config.toml: day_start_hour: must be 0-23"
        assert str(home_dir() / "config.toml") in shown(app, "#message-steps")
        assert shown(app, "#message-hint") == "Press q to quit."
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 1


async def test_a_damaged_database_is_a_message_screen_naming_its_newest_backup() -> None:
    with open_services() as services:
        backup = services.backups.take()
    database = home_dir() / "prepdeck.sqlite3"
    database.write_bytes(b"this is not a database, only words " * 40)
    for side in ("-wal", "-shm"):
        Path(f"{database}{side}").unlink(missing_ok=True)
    error = real_error()
    assert isinstance(error, StoreError)
    app = make_app(startup_error=error, where=locations())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert shown(app, "#message-title") == "prepdeck cannot open its database"
        message = shown(app, "#message-text")
        assert "damaged or not a prepdeck database" in message
        # The advice is given once, in the steps: the backup and the command.
        assert "backup" not in message
        steps = shown(app, "#message-steps").replace("\n", " ")
        assert "newest backup" in steps
        assert f"prepdeck restore {backup}" in " ".join(steps.split())
        await pilot.press("escape")
        await pilot.pause()
    assert app.return_code == 1


async def test_a_locked_database_says_to_close_the_other_prepdeck(tmp_path: Path) -> None:
    app = make_app(startup_error=busy_error(tmp_path), where=locations())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "is busy" in shown(app, "#message-text")
        assert "Close the other prepdeck" in shown(app, "#message-steps")


def test_bare_prepdeck_shows_the_error_in_the_app_then_exits_1(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    (home_dir() / "config.toml").write_text("new_per_day = -1\n", encoding="utf-8")
    ran: list[PrepdeckError | None] = []

    def run(self: PrepdeckApp, *args: object, **kwargs: object) -> None:
        ran.append(self.shown_error)

    monkeypatch.setattr(PrepdeckApp, "run", run)
    assert run_app() == 1
    [error] = ran
    assert str(error) == "config.toml: new_per_day: must be 0-10000"


def test_prepdeck_drill_prints_the_error_in_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    (home_dir() / "config.toml").write_text("new_per_day = -1\n", encoding="utf-8")
    with pytest.raises(SystemExit) as done:
        main(["drill"])
    assert done.value.code == 1
    captured = capsys.readouterr()
    assert captured.err == "config.toml: new_per_day: must be 0-10000\n"
    assert captured.out == ""


def test_drilling_a_paused_deck_says_it_is_paused(capsys: pytest.CaptureFixture[str]) -> None:
    with open_services() as home:
        home._store.decks.set_paused("tough-questions", True)
    with pytest.raises(SystemExit) as done:
        main(["drill", "--deck", "tough-questions"])
    assert done.value.code == 1
    captured = capsys.readouterr()
    assert captured.err == (
        "prepdeck: deck 'tough-questions' is paused; to drill it, resume it: "
        "prepdeck deck resume tough-questions (or p on the home screen)\n"
    )


def test_the_paused_deck_message_names_the_users_pause_key(
    capsys: pytest.CaptureFixture[str],
) -> None:
    (home_dir() / "config.toml").write_text('[keymap]\npause = "x"\n', encoding="utf-8")
    with open_services() as home:
        home._store.decks.set_paused("tough-questions", True)
    with pytest.raises(SystemExit):
        main(["drill", "--deck", "tough-questions"])
    assert "(or x on the home screen)" in capsys.readouterr().err


def test_the_command_exits_1_after_the_start_up_error_screen(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The whole command, not run_app alone: the app's status must reach the process's.
    (home_dir() / "config.toml").write_text("new_per_day = -1\n", encoding="utf-8")
    monkeypatch.setattr(PrepdeckApp, "run", lambda self, *args, **kwargs: None)
    with pytest.raises(SystemExit) as done:
        main([])
    assert done.value.code == 1


def test_the_bare_console_script_exits_1_after_the_start_up_error_screen(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    (home_dir() / "config.toml").write_text("new_per_day = -1\n", encoding="utf-8")
    monkeypatch.setattr(PrepdeckApp, "run", lambda self, *args, **kwargs: None)
    monkeypatch.setattr("sys.argv", ["prepdeck"])
    with pytest.raises(SystemExit) as done:
        prepdeck.launch.main()
    assert done.value.code == 1


def test_the_bare_console_script_logs_a_crash_instead_of_a_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def crash(self: PrepdeckApp, *args: object, **kwargs: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(PrepdeckApp, "run", crash)
    monkeypatch.setattr("sys.argv", ["prepdeck"])
    with pytest.raises(SystemExit) as done:
        prepdeck.launch.main()
    assert done.value.code == 2
    message = capsys.readouterr().err
    assert message.startswith("prepdeck: internal error; details in ")
    log = Path(message.removeprefix("prepdeck: internal error; details in ").strip())
    assert "RuntimeError: a bug" in log.read_text(encoding="utf-8")


def test_a_refused_pause_key_is_not_the_one_the_message_names(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # a already drills all decks on the home: the entry is refused, p still pauses.
    (home_dir() / "config.toml").write_text('[keymap]\npause = "a"\n', encoding="utf-8")
    with open_services() as home:
        home._store.decks.set_paused("tough-questions", True)
    with pytest.raises(SystemExit):
        main(["drill", "--deck", "tough-questions"])
    assert "(or p on the home screen)" in capsys.readouterr().err
