"""``deck list --json`` and ``stats --json`` run without click (``prepdeck.cli.quick``):
only for command lines of flags click would read the same way, and with the same output."""

from __future__ import annotations

from pathlib import Path

import pytest

from prepdeck.cli import main
from prepdeck.cli.quick import COMPLETION_VARIABLE, quick_command, run_quick


@pytest.mark.parametrize(
    "words",
    [
        ["deck", "list", "--json"],
        ["deck", "list", "--all", "--json"],
        ["deck", "list", "--json", "--all"],
        ["stats", "--json"],
    ],
)
def test_flag_only_json_lines_skip_click(words: list[str]) -> None:
    assert quick_command(words) is not None


@pytest.mark.parametrize(
    "words",
    [
        ["deck", "list"],
        ["deck", "list", "--all"],
        ["deck", "list", "--json", "--json"],
        ["deck", "list", "--json", "--help"],
        ["deck", "list", "--json", "-h"],
        ["deck", "list", "--json", "extra"],
        ["deck", "--json", "list"],
        ["deck", "show", "--json"],
        ["stats"],
        ["stats", "--json", "--all"],
        ["stats", "--json", "--deck", "company-needs"],
        ["stats", "--deck=company-needs", "--json"],
        ["--version"],
        ["locate", "--json"],
    ],
)
def test_every_other_line_goes_through_click(words: list[str]) -> None:
    assert quick_command(words) is None


def test_shell_completion_goes_through_click(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(COMPLETION_VARIABLE, "bash_complete")
    assert quick_command(["stats", "--json"]) is None


def test_quick_and_click_print_the_same(
    isolated_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (isolated_home / "config.toml").write_text('[keymap]\nrevael = "v"\n', encoding="utf-8")
    warning = "config.toml: keymap: revael: unknown action, ignored; did you mean reveal?\n"
    for words in (
        ["deck", "list", "--json"],
        ["deck", "list", "--json", "--all"],
        ["stats", "--json"],
    ):
        main(words)
        by_click = capsys.readouterr()
        command = quick_command(words)
        assert command is not None
        run_quick(command)
        quick = capsys.readouterr()
        assert quick.out.startswith(("[\n  {\n", "{\n")), quick.out
        assert (quick.out, quick.err) == (by_click.out, by_click.err)
        assert quick.err == warning


def test_a_user_error_ends_a_quick_command_as_any_other(
    isolated_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (isolated_home / "config.toml").write_text("day_start_hour = 99\n", encoding="utf-8")
    command = quick_command(["stats", "--json"])
    assert command is not None

    with pytest.raises(SystemExit) as exited:
        run_quick(command)

    assert exited.value.code == 1
    assert capsys.readouterr() == ("", "config.toml: day_start_hour: must be 0-23\n")
