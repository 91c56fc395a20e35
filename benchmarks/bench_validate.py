"""``prepdeck deck validate`` of a 10,000-card deck against a bare CSafeLoader load.

Both are whole processes, run in turn. The target is a ratio of medians of at most 0.5
(raised from 1.0 by the benchmark table, ``run.py``).

Run: ``python benchmarks/bench_validate.py [ROUNDS]``; exits 1 when the target is missed.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.make_big_deck import write_deck
from benchmarks.timing import interleaved, report, time_command

TARGET = 0.5
FLOOR = "floor: python -c yaml.load(CSafeLoader)"
MEASURED = "prepdeck deck validate"
INSTALL = "prepdeck deck install, fresh home"


def yaml_floor(deck: Path) -> list[str]:
    """A process loading ``deck`` with libyaml's C loader, building the Python objects."""
    bare = "import yaml; yaml.load(open(%r, 'rb'), Loader=yaml.CSafeLoader)" % str(deck)  # noqa: UP031
    return [sys.executable, "-c", bare]


def measure(
    deck: Path, rounds: int, env: dict[str, str] | None = None, *, install_root: Path | None = None
) -> dict[str, list[float]]:
    """Seconds per run of the floor and of ``deck validate``, interleaved. With
    ``install_root``, each round also times ``deck install`` of the deck into a fresh home
    under it (see ``bench_install``), beside the same floor."""
    commands = {
        FLOOR: yaml_floor(deck),
        MEASURED: [sys.executable, "-m", "prepdeck", "deck", "validate", str(deck)],
    }
    if install_root is None:
        return interleaved(commands, rounds, env)
    install = [sys.executable, "-m", "prepdeck", "deck", "install", str(deck)]

    def fresh_home(number: int) -> dict[str, str]:
        """A new home, its bundled decks brought in (untimed) as by any first command."""
        home = dict(env or os.environ, PREPDECK_HOME=str(install_root / f"install-{number}"))
        subprocess.run(
            [sys.executable, "-m", "prepdeck", "deck", "list", "--json"],
            check=True,
            env=home,
            stdout=subprocess.DEVNULL,
        )
        return home

    timings: dict[str, list[float]] = {FLOOR: [], MEASURED: [], INSTALL: []}
    for argv in commands.values():  # warm the file cache and the bytecode
        time_command(argv, env)
    time_command(install, fresh_home(-1))
    for number in range(rounds):
        for name, argv in commands.items():
            timings[name].append(time_command(argv, env))
        timings[INSTALL].append(time_command(install, fresh_home(number)))
    return timings


def main() -> int:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    with tempfile.TemporaryDirectory() as scratch:
        deck = Path(scratch) / "big.yaml"
        write_deck(deck, 10_000)
        size_mb = deck.stat().st_size / 1e6
        print(f"deck: 10,000 cards, {size_mb:.1f} MB, {rounds} rounds")
        ratios = report(measure(deck, rounds), FLOOR)
        verdict = "meets" if ratios[MEASURED] <= TARGET else "MISSES"
        print(f"validate/floor = {ratios[MEASURED]:.2f} ({verdict} the {TARGET} target)")
    return 0 if ratios[MEASURED] <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
