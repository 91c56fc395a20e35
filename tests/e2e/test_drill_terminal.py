"""The installed ``prepdeck drill`` in a real terminal: grades survive a SIGKILL."""

from __future__ import annotations

import json
import os
import signal
import subprocess
from collections.abc import Callable
from pathlib import Path

from tests.e2e.conftest import Terminal


def test_grades_survive_a_kill(
    installed_prepdeck: Path, terminal: Callable[..., Terminal], isolated_home: Path
) -> None:
    drill = terminal(str(installed_prepdeck), "drill")
    drill.wait_for("show the answer")
    drill.keys("Space")
    drill.wait_for("Again")
    drill.keys("3")
    drill.wait_for("1 done")
    drill.keys("Space")
    drill.wait_for("Again")
    drill.keys("4")
    drill.wait_for("2 done")

    os.kill(drill.pid(), signal.SIGKILL)

    exported = subprocess.run(
        [str(installed_prepdeck), "reviews", "export"],
        capture_output=True,
        text=True,
        env=dict(os.environ, PREPDECK_HOME=str(isolated_home)),
        timeout=60,
        check=True,
    )
    rows = [json.loads(line) for line in exported.stdout.splitlines()]
    assert [row["rating"] for row in rows] == [3, 4]
    assert all(row["mode"] == "drill" and row["applied"] for row in rows)
    assert all(row["duration_ms"] is not None and row["duration_ms"] >= 0 for row in rows)
