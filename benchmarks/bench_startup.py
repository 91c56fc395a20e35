"""Start-up of the bare ``prepdeck`` to the first frame of its home, in a real terminal.

The home holds the bundled decks and a generated 10,000-card deck ("Benchmark deck",
written by ``make_big_deck.py`` and installed with ``prepdeck deck install``). Each run
starts the command in a fresh tmux session of 80 x 24 and polls ``capture-pane`` until
that deck's title is on screen; the clock runs from just before the session is created.
Polls are 20 ms apart: on a small machine a tighter loop of ``tmux`` processes takes the
CPU from the app it is timing (at 5 ms the bare floor took three times as long).

The floor is a bare Textual app — one ``Static`` showing the same title — started the
same way with the same Python: the cost of Python, Textual and a terminal, which no
Textual app can go below. Runs alternate between the two (interleaved rounds), so noise
on the machine falls on both alike; medians are compared. Target: prepdeck at most 1.15x
the floor (raised from 1.3x by the benchmark table, ``run.py``). Every process reads
compiled bytecode, written once by warm-up runs under a private ``PYTHONPYCACHEPREFIX``.

Run: ``python benchmarks/bench_startup.py [--rounds N]``; needs tmux; exits 1 when the
target is missed.
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.make_big_deck import write_deck
from benchmarks.timing import p99

TITLE = "Benchmark deck"
TARGET = 1.15
POLL_SECONDS = 0.02
TIMEOUT_SECONDS = 60.0

FLOOR_APP = f"""
from textual.app import App
from textual.widgets import Static


class Floor(App[None]):
    def compose(self):
        yield Static({TITLE!r})


Floor().run()
"""


def tmux(*arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["tmux", *arguments], capture_output=True, text=True, check=False)


def time_to_text(argv: Sequence[str], env: dict[str, str], session: str) -> float:
    """Seconds from starting ``argv`` in a new 80 x 24 tmux session to ``TITLE`` on screen."""
    exports = " ".join(f"{key}={shlex.quote(value)}" for key, value in env.items())
    # The tmux server passes on the environment it started with: a PYTHONDONTWRITEBYTECODE
    # there would make every run compile from source.
    command = f"exec env -u PYTHONDONTWRITEBYTECODE {exports} {shlex.join(argv)}"
    start = time.perf_counter()
    started = tmux("new-session", "-d", "-s", session, "-x", "80", "-y", "24", command)
    if started.returncode != 0:
        raise RuntimeError(f"tmux could not start {shlex.join(argv)}: {started.stderr}")
    try:
        while time.perf_counter() - start < TIMEOUT_SECONDS:
            if TITLE in tmux("capture-pane", "-p", "-t", session).stdout:
                return time.perf_counter() - start
            time.sleep(POLL_SECONDS)
        raise RuntimeError(f"{shlex.join(argv)} never showed {TITLE!r}")
    finally:
        tmux("kill-session", "-t", session)


FLOOR = "floor: bare Textual app, one Static"
MEASURED = "prepdeck (home, first frame)"


def measure(root: Path, cards: int, rounds: int) -> dict[str, list[float]]:
    """Seconds to the first frame, interleaved, of the floor and of ``prepdeck`` on a home
    built under ``root``: the bundled decks and a ``cards``-card deck. Needs tmux."""
    prepdeck_script = Path(sys.executable).parent / "prepdeck"
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": os.environ.get("HOME", str(root)),
        "TERM": "xterm-256color",
        "PREPDECK_HOME": str(root / "home"),
        "PYTHONPYCACHEPREFIX": str(root / "pycache"),
    }
    deck = root / "big.yaml"
    write_deck(deck, cards)
    # The install brings in the bundled decks first, as any first command does.
    subprocess.run(
        [str(prepdeck_script), "deck", "install", str(deck)],
        check=True,
        env={
            **{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
            **env,
        },
        stdout=subprocess.DEVNULL,
    )
    floor_script = root / "floor.py"
    floor_script.write_text(FLOOR_APP, encoding="utf-8")
    commands = {FLOOR: [sys.executable, str(floor_script)], MEASURED: [str(prepdeck_script)]}
    session = f"prepdeck-bench-{os.getpid()}"
    # A session that outlives the measured ones keeps the tmux server up: a server
    # shutting down as the next session starts makes that start fail.
    keeper = f"{session}-keeper"
    tmux("new-session", "-d", "-s", keeper, "sleep 3600")
    try:
        for argv in commands.values():  # warm the file cache and write the bytecode
            for _ in range(2):
                time_to_text(argv, env, session)
        timings: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(rounds):
            for name, argv in commands.items():
                timings[name].append(time_to_text(argv, env, session))
    finally:
        tmux("kill-session", "-t", keeper)
    return timings


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--cards", type=int, default=10_000)
    arguments = parser.parse_args()
    if shutil.which("tmux") is None:
        print("tmux is not installed; this benchmark needs a real terminal", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as scratch:
        timings = measure(Path(scratch), arguments.cards, arguments.rounds)
    base = statistics.median(timings[FLOOR])
    print(f"{arguments.rounds} interleaved rounds, 80 x 24 tmux, {arguments.cards} cards + bundled")
    for name, values in timings.items():
        median = statistics.median(values)
        print(
            f"{name:<40} median {median * 1000:7.1f} ms  p99 {p99(values) * 1000:7.1f} ms  "
            f"ratio {median / base:.2f}"
        )
    ratio = statistics.median(timings[MEASURED]) / base
    verdict = "ok" if ratio <= TARGET else "MISSED"
    print(
        f"floor {base * 1000:.1f} ms; prepdeck / floor = {ratio:.2f} (target <= {TARGET}) {verdict}"
    )
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
