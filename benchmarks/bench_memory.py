"""The most memory the TUI holds on a home of 100,000 cards: its peak resident set size.

The home's database is built as ``bench_grade`` builds it (20 decks of 5,000 cards, 30 %
with months of history); the bundled decks come in on the first start, as for a user.
The real ``prepdeck`` then runs in a tmux session of 120 x 40, as a user would run it:
the home's first frame, then ``a`` (drill every deck; the catch-up plan accepted, the
history ending days before today), ``--grades`` cards revealed and
graded Good, back to the home, and the stats screen. The figure is the kernel's high-water
mark of the process's resident memory (``VmHWM`` in ``/proc/PID/status``), read before it
quits. For scale, the same figure of a bare Textual app showing one ``Static``.

Target: under 300 MB. Linux only (``/proc``); needs tmux.

Run: ``python -m benchmarks.bench_memory [--cards N] [--grades N]``; exits 1 when the
target is missed.
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.bench_grade import give_history, install_decks
from benchmarks.bench_startup import FLOOR_APP, tmux
from prepdeck.paths import locations
from prepdeck.store import connect
from prepdeck.tui.screens.stats import READING

TARGET_MB = 300.0
TIMEOUT_SECONDS = 120.0
STATS_TEXT = "Statistics"


def build_home(home: Path, cards: int) -> None:
    where = locations(home)
    home.mkdir(parents=True)
    with connect(where.database, backups_dir=where.backups) as store:
        install_decks(store, cards, 20)
    give_history(where.database, 0.3)


def peak_mb(pid: int) -> float:
    """The process's high-water mark of resident memory, in MB (10^6 bytes)."""
    for line in Path(f"/proc/{pid}/status").read_text(encoding="utf-8").splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024 / 1e6
    raise RuntimeError(f"no VmHWM for process {pid}")


def wait_for(session: str, *texts: str) -> str:
    """The first of ``texts`` on the screen, once one shows."""
    started = time.perf_counter()
    while time.perf_counter() - started < TIMEOUT_SECONDS:
        screen = tmux("capture-pane", "-p", "-t", session).stdout
        for text in texts:
            if text in screen:
                return text
        time.sleep(0.05)
    raise RuntimeError(f"none of {texts!r} showed; the screen:\n{screen}")


def wait_gone(session: str, text: str) -> None:
    started = time.perf_counter()
    while time.perf_counter() - started < TIMEOUT_SECONDS:
        if text not in tmux("capture-pane", "-p", "-t", session).stdout:
            return
        time.sleep(0.05)
    raise RuntimeError(f"{text!r} stayed on the screen")


def start(argv: Sequence[str], env: dict[str, str], session: str) -> int:
    """Start ``argv`` in a new 120 x 40 tmux session; its process id."""
    exports = " ".join(f"{key}={shlex.quote(value)}" for key, value in env.items())
    command = f"exec env -u PYTHONDONTWRITEBYTECODE {exports} {shlex.join(argv)}"
    started = tmux("new-session", "-d", "-s", session, "-x", "120", "-y", "40", command)
    if started.returncode != 0:
        raise RuntimeError(f"tmux could not start {shlex.join(argv)}: {started.stderr}")
    return int(tmux("display-message", "-p", "-t", session, "#{pane_pid}").stdout.strip())


def keys(session: str, *pressed: str, pause: float = 0.15) -> None:
    for key in pressed:
        tmux("send-keys", "-t", session, key)
        time.sleep(pause)


def measure(root: Path, home: Path, grades: int) -> dict[str, float]:
    """Peak resident MB of "floor" (the bare app) and "prepdeck" (the session above) on
    ``home`` (built by ``build_home``), with scratch files under ``root``."""
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": os.environ.get("HOME", str(root)),
        "TERM": "xterm-256color",
        "PREPDECK_HOME": str(home),
        "PYTHONPYCACHEPREFIX": str(root / "pycache"),
    }
    floor_script = root / "floor.py"
    floor_script.write_text(FLOOR_APP, encoding="utf-8")
    session = f"prepdeck-memory-{os.getpid()}"
    figures: dict[str, float] = {}
    # A session that outlives the measured ones keeps the tmux server up (see
    # bench_startup).
    keeper = f"{session}-keeper"
    tmux("new-session", "-d", "-s", keeper, "sleep 3600")
    try:
        try:
            pid = start([sys.executable, str(floor_script)], env, session)
            wait_for(session, "Benchmark deck")
            figures["floor"] = peak_mb(pid)
        finally:
            tmux("kill-session", "-t", session)
        try:
            pid = start([str(Path(sys.executable).parent / "prepdeck")], env, session)
            wait_for(session, "Bench 19")
            keys(session, "a")
            # The history ends days before today: the catch-up plan comes first.
            if wait_for(session, "Question", "Catch-up") == "Catch-up":
                keys(session, "Enter")
                wait_for(session, "Question")
            for _ in range(grades):
                keys(session, "Space", "3")
            keys(session, "q")
            wait_for(session, "Session ended")
            keys(session, "q")
            wait_for(session, "Bench 19")
            keys(session, "s")
            wait_for(session, STATS_TEXT)
            wait_gone(session, READING)
            figures["prepdeck"] = peak_mb(pid)
        finally:
            tmux("kill-session", "-t", session)
    finally:
        tmux("kill-session", "-t", keeper)
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--cards", type=int, default=100_000)
    parser.add_argument("--grades", type=int, default=50)
    arguments = parser.parse_args()
    if shutil.which("tmux") is None:
        print("tmux is not installed; this benchmark needs a real terminal", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as scratch:
        build_home(Path(scratch) / "home", arguments.cards)
        figures = measure(Path(scratch), Path(scratch) / "home", arguments.grades)
    met = figures["prepdeck"] < TARGET_MB
    print(f"floor: bare Textual app, one Static   peak RSS {figures['floor']:6.1f} MB")
    print(
        f"prepdeck: home, {arguments.grades} grades, stats   peak RSS "
        f"{figures['prepdeck']:6.1f} MB ({'meets' if met else 'MISSES'} the < {TARGET_MB:.0f} MB "
        "target)"
    )
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
