"""A bug inside the running app ends it like a bug anywhere else: one line on stderr
naming a crash log, exit 2, never a traceback on the terminal."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import prepdeck.launch
from prepdeck.cli.open_app import run_app
from prepdeck.errors import AppCrashed
from prepdeck.tui.app import PrepdeckApp
from prepdeck.tui.screens.message import MessageScreen
from tests.tui.homes import SIZE

CRASH_PREFIX = "prepdeck: internal error; details in "


def _run_headless(monkeypatch: pytest.MonkeyPatch) -> None:
    run = PrepdeckApp.run

    def headless(self: PrepdeckApp, *args: Any, **kwargs: Any) -> None:
        run(self, headless=True, size=SIZE)

    monkeypatch.setattr(PrepdeckApp, "run", headless)


def _break_on_mount(monkeypatch: pytest.MonkeyPatch, owner: type[Any]) -> None:
    def broken(self: object) -> None:
        raise RuntimeError("a bug in the app")

    monkeypatch.setattr(owner, "on_mount", broken)


def test_a_bug_in_the_app_is_logged_and_exits_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _run_headless(monkeypatch)
    _break_on_mount(monkeypatch, PrepdeckApp)
    monkeypatch.setattr("sys.argv", ["prepdeck"])
    with pytest.raises(SystemExit) as done:
        prepdeck.launch.main()
    assert done.value.code == 2
    out, err = capsys.readouterr()
    # The one line is all the terminal gets: the traceback is in the log only.
    assert err.startswith(CRASH_PREFIX) and err.count("\n") == 1
    assert "Traceback" not in out
    log = Path(err.removeprefix(CRASH_PREFIX).strip())
    report = log.read_text(encoding="utf-8")
    assert "RuntimeError" in report and "a bug in the app" in report


def test_a_crash_on_a_wide_terminal_keeps_each_line_of_its_report_whole(
    monkeypatch: pytest.MonkeyPatch, isolated_home: Path
) -> None:
    message = "a bug whose message is long: " + "word " * 60
    run = PrepdeckApp.run

    def wide(self: PrepdeckApp, *args: Any, **kwargs: Any) -> None:
        run(self, headless=True, size=(250, 50))

    def broken(self: object) -> None:
        raise RuntimeError(message)

    monkeypatch.setattr(PrepdeckApp, "run", wide)
    monkeypatch.setattr(PrepdeckApp, "on_mount", broken)
    with pytest.raises(AppCrashed) as crashed:
        run_app()
    assert f"RuntimeError: {message.strip()}" in " ".join(crashed.value.report.split())


def test_a_bug_on_the_start_up_error_screen_is_a_crash_too(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], isolated_home: Path
) -> None:
    (isolated_home / "config.toml").write_text("new_per_day = -1\n", encoding="utf-8")
    _run_headless(monkeypatch)
    _break_on_mount(monkeypatch, MessageScreen)
    with pytest.raises(AppCrashed) as crashed:
        run_app()
    assert "a bug in the app" in crashed.value.report
    assert capsys.readouterr().err == ""


def test_the_app_without_a_bug_has_no_crash_report(
    monkeypatch: pytest.MonkeyPatch, isolated_home: Path
) -> None:
    # The start-up error screen, quit at once: exit 1, and nothing to log.
    (isolated_home / "config.toml").write_text("new_per_day = -1\n", encoding="utf-8")
    run = PrepdeckApp.run
    apps: list[PrepdeckApp] = []

    async def quit_at_once(pilot: Any) -> None:
        await pilot.pause()
        await pilot.press("q")

    def headless(self: PrepdeckApp, *args: Any, **kwargs: Any) -> None:
        apps.append(self)
        run(self, headless=True, size=SIZE, auto_pilot=quit_at_once)

    monkeypatch.setattr(PrepdeckApp, "run", headless)
    assert run_app() == 1
    assert apps[0].return_code == 1
    assert apps[0].crash_report is None
