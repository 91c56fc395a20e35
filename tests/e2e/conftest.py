"""End-to-end tests: the package installed into a fresh venv, driven in a real terminal."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent.parent


@pytest.fixture(scope="session")
def installed_prepdeck(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The ``prepdeck`` script of a fresh venv holding a normal (not editable) install."""
    venv = tmp_path_factory.mktemp("venv")
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    done = subprocess.run(
        [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", str(REPO)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return venv / "bin" / "prepdeck"


@dataclass
class Terminal:
    """One tmux session running one command at 80x24."""

    name: str

    def screen(self) -> str:
        done = subprocess.run(
            ["tmux", "capture-pane", "-p", "-t", self.name],
            capture_output=True,
            text=True,
            check=False,
        )
        return done.stdout

    def keys(self, *keys: str) -> None:
        for key in keys:
            subprocess.run(["tmux", "send-keys", "-t", self.name, key], check=True)
            time.sleep(0.15)

    def wait_for(self, text: str, seconds: float = 30) -> str:
        """The screen once it shows ``text``; a hang guard, not a timing assertion."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            shown = self.screen()
            if text in shown:
                return shown
            time.sleep(0.2)
        raise AssertionError(f"never showed {text!r}; the screen was:\n{self.screen()}")

    def pid(self) -> int:
        done = subprocess.run(
            ["tmux", "display-message", "-p", "-t", self.name, "#{pane_pid}"],
            capture_output=True,
            text=True,
            check=True,
        )
        return int(done.stdout.strip())

    def alive(self) -> bool:
        return (
            subprocess.run(
                ["tmux", "has-session", "-t", self.name], capture_output=True, check=False
            ).returncode
            == 0
        )


@pytest.fixture
def terminal(isolated_home: Path) -> Iterator[Callable[..., Terminal]]:
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed; the terminal tests drive the app through it")
    started: list[Terminal] = []

    def start(*command: str, env: dict[str, str] | None = None) -> Terminal:
        name = f"prepdeck-test-{os.getpid()}-{len(started)}"
        variables = {"PREPDECK_HOME": str(isolated_home), "TERM": "xterm-256color"}
        variables.update(env or {})
        exports = " ".join(f"{key}='{value}'" for key, value in variables.items())
        # exec: the pane's process is prepdeck itself, so its pid can be killed.
        shell = f"exec env {exports} {' '.join(command)}"
        subprocess.run(
            ["tmux", "new-session", "-d", "-s", name, "-x", "80", "-y", "24", shell],
            check=True,
        )
        subprocess.run(["tmux", "set-option", "-t", name, "remain-on-exit", "on"], check=False)
        terminal = Terminal(name)
        started.append(terminal)
        return terminal

    yield start
    for terminal in started:
        subprocess.run(["tmux", "kill-session", "-t", terminal.name], check=False)
