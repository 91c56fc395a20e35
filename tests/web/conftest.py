"""``prepdeck serve`` run for real: a subprocess on a free port of this machine, with a
known token, over the test's own home."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import pytest

TOKEN = "test-token-0123456789abcdef"
STARTUP_GUARD = 60.0
"""Seconds a server is given to print its address; a hang guard, not a timing check."""
STOP_GUARD = 30.0
INTERRUPTED = 130
"""How every command ends on Ctrl+C, prepdeck serve included."""


@dataclass
class Served:
    """A running ``prepdeck serve``."""

    process: subprocess.Popen[str]
    url: str
    """The address it printed, token included."""
    lines: list[str] = field(default_factory=list)
    """What it printed on stdout up to the address."""

    @property
    def base(self) -> str:
        """The address without its token."""
        return self.url.split("?", 1)[0]

    @property
    def websocket(self) -> str:
        return self.base.replace("http://", "ws://", 1) + "ws"

    def stop(self, number: signal.Signals = signal.SIGINT) -> tuple[int, str, str]:
        """Ctrl+C (or ``number``), as a user in its terminal would; its exit status and
        the rest of its output."""
        if self.process.poll() is None:
            self.process.send_signal(number)
        try:
            out, err = self.process.communicate(timeout=STOP_GUARD)
        except subprocess.TimeoutExpired:
            self.process.kill()
            out, err = self.process.communicate()
            raise AssertionError(f"prepdeck serve did not stop on Ctrl+C:\n{err}") from None
        return self.process.returncode, out, err


def start_serve(home: Path, *arguments: str) -> Served:
    """Start ``prepdeck serve ARGUMENTS`` on ``home``; returns once it printed its address."""
    process = subprocess.Popen(
        [sys.executable, "-m", "prepdeck", "serve", *arguments],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=dict(os.environ, PREPDECK_HOME=str(home), NO_COLOR="1"),
    )
    assert process.stdout is not None
    found: list[str] = []
    # Read in a thread, so a server that never prints is stopped by the guard below.
    reader = threading.Thread(target=_read_until_url, args=(process.stdout, found), daemon=True)
    reader.start()
    reader.join(STARTUP_GUARD)
    url = next((m.group(0) for line in found if (m := re.search(r"http://\S+", line))), None)
    if url is None:
        process.kill()
        _, err = process.communicate()
        raise AssertionError(f"prepdeck serve printed no address: {found}\n{err}")
    return Served(process, url, found)


def _read_until_url(stream: IO[str], found: list[str]) -> None:
    for line in stream:
        found.append(line)
        if "http://" in line:
            return


@contextmanager
def holding_the_home(home: Path) -> Iterator[None]:
    """Another prepdeck holding the home's database open, as the app in a terminal does."""
    holder = (
        "import sys\n"
        "from prepdeck.services import open_services\n"
        "with open_services():\n"
        "    print('open', flush=True)\n"
        "    sys.stdin.read()\n"
    )
    with subprocess.Popen(
        [sys.executable, "-c", holder],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=dict(os.environ, PREPDECK_HOME=str(home)),
    ) as process:
        assert process.stdin is not None
        assert process.stdout is not None
        try:
            assert process.stdout.readline() == "open\n"
            yield
        finally:
            process.stdin.close()
            process.wait(timeout=STOP_GUARD)


@pytest.fixture
def serve(isolated_home: Path) -> Iterator[Callable[..., Served]]:
    """Start servers on the test's home; each is stopped after the test."""
    started: list[Served] = []

    def start(*arguments: str) -> Served:
        served = start_serve(isolated_home, *arguments)
        started.append(served)
        return served

    yield start
    for served in started:
        if served.process.poll() is None:
            served.stop()


@pytest.fixture
def served(serve: Callable[..., Served]) -> Served:
    """A server on a free port of this machine, with the known token."""
    return serve("--port", "0", "--token", TOKEN)
