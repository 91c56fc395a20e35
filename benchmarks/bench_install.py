"""Installing a big deck, and opening the home again once it is installed.

* install -- ``prepdeck deck install`` of a 10,000-card deck (``make_big_deck.py``) into
  a fresh home, as a whole process, interleaved round for round with the floor: a
  process loading the same file with ``yaml.load(CSafeLoader)``, as in
  ``bench_validate.py`` (whose measuring this is; ``deck validate`` is timed in the same
  rounds). Each round's home is new, its bundled decks brought in by a
  first command before the clock starts, so the figure is the deck's install alone.
  Target: a median ratio of at most 1.2.
* re-open -- a home holding a 100,000-card deck (``--big-cards``; a lean one, each card
  an id, a prompt and a one-sentence answer, to stay under a deck file's limits),
  installed untimed; then ``open_services`` on it, what every command and the app do
  first (the config read, the database opened, the bundled decks checked), and its
  close, in this process.
  Target: a median under 0.2 s. The floor is loading that deck's file with CSafeLoader,
  also in this process: what opening would cost if it read the deck again.

Run: ``python -m benchmarks.bench_install [--rounds N] [--runs N] [--big-cards N]``;
exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import yaml

from benchmarks.bench_validate import FLOOR, INSTALL, measure
from benchmarks.make_big_deck import write_deck
from prepdeck.paths import locations
from prepdeck.services import open_services

INSTALL_TARGET = 1.2
REOPEN_TARGET_S = 0.2


def command_env(root: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(root / "pycache")
    return env


def measure_install(deck: Path, root: Path, rounds: int) -> dict[str, list[float]]:
    """Seconds per run, interleaved, of the floor, ``deck validate`` and the install into
    a fresh home (``bench_validate.measure``)."""
    return measure(deck, rounds, command_env(root), install_root=root)


def install_home(deck: Path, home: Path, root: Path) -> float:
    """Install ``deck`` into a new home at ``home``, as the command does; seconds taken."""
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "prepdeck", "deck", "install", str(deck)],
        check=True,
        env=dict(command_env(root), PREPDECK_HOME=str(home)),
        stdout=subprocess.DEVNULL,
    )
    return time.perf_counter() - started


def measure_reopen(deck: Path, home: Path, runs: int, floor_runs: int) -> dict[str, list[float]]:
    """Seconds per ``open_services`` + close of ``home``, and per in-process CSafeLoader
    load of ``deck`` (the floor)."""
    where = locations(home)
    with open_services(where):  # warm: the modules imported, the file cache filled
        pass
    reopen: list[float] = []
    for _ in range(runs):
        started = time.perf_counter()
        with open_services(where):
            pass
        reopen.append(time.perf_counter() - started)
    floor: list[float] = []
    for _ in range(floor_runs):
        started = time.perf_counter()
        with deck.open("rb") as stream:
            yaml.load(stream, Loader=yaml.CSafeLoader)
        floor.append(time.perf_counter() - started)
    return {"reopen": reopen, "floor": floor}


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7, help="rounds of the install")
    parser.add_argument("--runs", type=int, default=21, help="runs of the re-open")
    parser.add_argument("--big-cards", type=int, default=100_000)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        deck = root / "big.yaml"
        write_deck(deck, 10_000)
        timings = measure_install(deck, root, options.rounds)
        big = root / "bigger.yaml"
        write_deck(big, options.big_cards, lean=True)
        took = install_home(big, root / "big-home", root)
        print(f"installed {options.big_cards:,} cards in {took:.1f} s (untimed)")
        reopened = measure_reopen(big, root / "big-home", options.runs, 2)
    floor, install = statistics.median(timings[FLOOR]), statistics.median(timings[INSTALL])
    install_met = install / floor <= INSTALL_TARGET
    print(
        f"{INSTALL}: median {install * 1000:.0f} ms, floor {floor * 1000:.0f} ms, ratio "
        f"{install / floor:.2f} ({'meets' if install_met else 'MISSES'} the "
        f"{INSTALL_TARGET} target)"
    )
    reopen = statistics.median(reopened["reopen"])
    reopen_met = reopen < REOPEN_TARGET_S
    print(
        f"re-open: median {reopen * 1000:.0f} ms, floor (CSafeLoader of the deck) "
        f"{statistics.median(reopened['floor']) * 1000:.0f} ms "
        f"({'meets' if reopen_met else 'MISSES'} the < {REOPEN_TARGET_S} s target)"
    )
    return 0 if install_met and reopen_met else 1


if __name__ == "__main__":
    sys.exit(main())
