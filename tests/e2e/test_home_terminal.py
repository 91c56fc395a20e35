"""The installed ``prepdeck`` in a real terminal: it opens on the home, and `q` leaves it."""

from __future__ import annotations

import shlex
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

from tests.e2e.conftest import Terminal


def pane_dead(terminal: Terminal) -> bool:
    done = subprocess.run(
        ["tmux", "display-message", "-p", "-t", terminal.name, "#{pane_dead}"],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip() == "1"


def test_the_home_shows_a_bundled_deck_and_q_quits_cleanly(
    installed_prepdeck: Path, terminal: Callable[..., Terminal], tmp_path: Path
) -> None:
    # A shell around prepdeck writes its exit status down: this tmux does not keep the
    # status of a dead pane. The pane dies when the shell ends, right after prepdeck.
    status_file = tmp_path / "status"
    script = f'"$0"; echo $? > {shlex.quote(str(status_file))}'
    home = terminal("sh", "-c", shlex.quote(script), str(installed_prepdeck))
    home.wait_for("Tough questions")
    # The frame may be caught halfway through its drawing; the tiles follow at once.
    assert "Traceback" not in home.wait_for("due now")
    home.keys("q")
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and not pane_dead(home):
        time.sleep(0.2)
    assert pane_dead(home), home.screen()
    assert status_file.read_text().strip() == "0"
    assert "Traceback" not in home.screen()
