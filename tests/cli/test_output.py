"""How human output is laid out at a terminal, printed in-process to a fake one."""

from __future__ import annotations

import io
import re
from contextlib import redirect_stdout

import pytest

from prepdeck.cli.output import print_pairs


class Terminal(io.StringIO):
    """Standard output as an interactive terminal would present it."""

    def isatty(self) -> bool:
        return True


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> Terminal:
    """A terminal 40 columns wide; redirect stdout to it in the test itself, since output
    capture takes standard output back before each test runs."""
    monkeypatch.setenv("COLUMNS", "40")
    monkeypatch.setenv("TERM", "xterm")
    return Terminal()


def shown(terminal: Terminal) -> list[str]:
    """The lines on the screen, styles (bold names) left out."""
    return re.sub(r"\x1b\[[0-9;]*m", "", terminal.getvalue()).splitlines()


def test_long_text_wraps_under_its_value_and_a_path_stays_whole(terminal: Terminal) -> None:
    path = "/home/someone/" + "deep-folder/" * 5 + "prepdeck.sqlite3"

    with redirect_stdout(terminal):
        print_pairs([("Description", "a sentence of short words " * 3), ("Path", path)])

    assert shown(terminal) == [
        "Description  a sentence of short words a",
        "             sentence of short words a",
        "             sentence of short words",
        f"Path         {path}",
    ]
