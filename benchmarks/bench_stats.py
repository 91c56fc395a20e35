"""Time ``prepdeck stats --json`` and the stats screen's report on a year of heavy use.

Builds a throw-away home: 20 decks of 5,000 cards (100,000), two thirds of them reviewed,
and 1,000,000 reviews spread over the last 365 days, each with its app day and its states
before and after, written with plain SQL (running the scheduler for each would take an
hour and measure nothing of interest). One interview is ahead, over every deck. Then:

* ``prepdeck stats --json`` as a whole process, interleaved round for round with two
  floors: ``python -c "import yaml, fsrs, sqlite3"`` (the libraries prepdeck cannot do
  without) and the same process also running one ``SELECT count(*)`` over the log.
  Target: a median under 1 s.
* ``Services.progress()``, what the stats screen reads, in this process on an open home,
  interleaved with a floor of one ``SELECT day, count(*) FROM reviews GROUP BY day``.
  Target: a p99 under 500 ms (the screen opens in under half a second).

Run: ``python -m benchmarks.bench_stats [--rounds N] [--runs N] [--reviews N]``; exits 1
when a target is missed.
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.bench_grade import install_decks
from benchmarks.bench_grade import interleaved as interleaved_calls
from benchmarks.bench_grade import report as report_calls
from benchmarks.timing import interleaved, report
from prepdeck.config import Config
from prepdeck.domain.days import app_day
from prepdeck.paths import locations
from prepdeck.services import open_services
from prepdeck.store import connect
from prepdeck.store.codec import day_text, time_text, unix_ms

COMMAND_TARGET_S = 1.0
REPORT_TARGET_MS = 500.0
FLOOR = 'floor: python -c "import yaml, fsrs, sqlite3"'
COUNT = "floor + one SELECT count(*) over the log"
MEASURED = "prepdeck stats --json"
NOW = datetime.now(UTC)
DAY_START_HOUR = Config().day_start_hour


def give_year(path: Path, reviews: int, reviewed_share: float = 2 / 3) -> None:
    """Schedules for a share of the cards and ``reviews`` reviews of them over a year."""
    rng = random.Random(11)
    connection = sqlite3.connect(path, isolation_level=None)
    cards = connection.execute("SELECT no, deck_id, card_id FROM cards").fetchall()
    reviewed = rng.sample(cards, int(len(cards) * reviewed_share))
    schedules = []
    for no, _, _ in reviewed:
        stability = min(3650.0, max(0.5, rng.lognormvariate(3.0, 1.2)))
        last_review = NOW - timedelta(days=rng.uniform(0, 60))
        due = last_review + timedelta(days=max(1, round(stability)))
        schedules.append(
            (
                stability,
                rng.uniform(1, 10),
                time_text(due),
                time_text(last_review),
                unix_ms(last_review),
                no,
            )
        )

    def log() -> Iterator[tuple[object, ...]]:
        for number in range(reviews):
            _, deck_id, card_id = reviewed[number % len(reviewed)]
            # The first pass over the cards meets each for the first time.
            first = number < len(reviewed)
            at = NOW - timedelta(seconds=rng.uniform(0, 365 * 86400))
            state_before = None if first else rng.choice((2, 2, 2, 2, 2, 2, 1, 3))
            rating = rng.choice((1, 3, 3, 3, 4))
            yield (
                f"{number:032x}",
                deck_id,
                card_id,
                rating,
                time_text(at),
                day_text(app_day(at, DAY_START_HOUR)),
                rng.randint(4_000, 90_000),
                state_before,
                3 if rating == 1 and state_before == 2 else 2,
            )

    started = time.perf_counter()
    connection.execute("BEGIN")
    connection.executemany(
        "UPDATE cards SET state = 2, stability = ?, difficulty = ?, due = ?, last_review = ?, "
        "last_review_ms = ?, reps = 4 WHERE no = ?",
        schedules,
    )
    connection.executemany(
        "INSERT INTO reviews (review_id, deck_id, card_id, rating, reviewed_at, day, mode, "
        "applied, duration_ms, state_before, state) VALUES (?, ?, ?, ?, ?, ?, 'drill', 1, ?, ?, ?)",
        log(),
    )
    connection.execute("COMMIT")
    connection.execute("ANALYZE")
    connection.close()
    elapsed = time.perf_counter() - started
    print(f"wrote {reviews:,} reviews of {len(reviewed):,} cards in {elapsed:.1f} s")


def build_home(home: Path, cards: int, reviews: int) -> None:
    """The home described above, at ``home`` (a new directory)."""
    where = locations(home)
    home.mkdir()
    with connect(where.database, backups_dir=where.backups) as store:
        install_decks(store, cards, 20)
    give_year(where.database, reviews)


def command_env(home: Path, scratch: Path) -> dict[str, str]:
    """The environment of the commands timed: the home, compiled bytecode."""
    env = dict(os.environ, PREPDECK_HOME=str(home))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(scratch / "pycache")
    return env


def measure_command(home: Path, scratch: Path, rounds: int) -> dict[str, list[float]]:
    """Seconds per run, interleaved, of the two floors and ``stats --json`` on ``home``."""
    env = command_env(home, scratch)
    prepdeck = [sys.executable, "-m", "prepdeck"]
    # The first runs bring in the bundled decks and take the day's backup, as any
    # first command of a day would; an interview ahead gives readiness work to do.
    at = (NOW + timedelta(days=10)).strftime("%Y-%m-%d %H:%M")
    for argv in (["interview", "add", "Bench", "--at", at], ["stats", "--json"]):
        subprocess.run([*prepdeck, *argv], check=True, env=env, stdout=subprocess.DEVNULL)
    count = (
        "import yaml, fsrs, sqlite3; "
        f"sqlite3.connect({str(locations(home).database)!r}).execute("
        "'SELECT count(*) FROM reviews').fetchone()"
    )
    commands = {
        FLOOR: [sys.executable, "-c", "import yaml, fsrs, sqlite3"],
        COUNT: [sys.executable, "-c", count],
        MEASURED: [*prepdeck, "stats", "--json"],
    }
    return interleaved(commands, rounds, env)


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--cards", type=int, default=100_000)
    parser.add_argument("--reviews", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=11, help="runs of each command")
    parser.add_argument("--runs", type=int, default=21, help="runs of the report")
    parser.add_argument("--home", help="build the home here and keep it (a new directory)")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        home = Path(arguments.home or Path(scratch) / "home")
        where = locations(home)
        build_home(home, arguments.cards, arguments.reviews)
        print(f"-- whole processes, {arguments.rounds} rounds")
        timings = measure_command(home, Path(scratch), arguments.rounds)
        ratios = report(timings, FLOOR)
        command_s = statistics.median(timings[MEASURED])
        command_met = command_s < COMMAND_TARGET_S
        print(
            f"{MEASURED}: median {command_s * 1000:.0f} ms, floor x{ratios[MEASURED]:.2f}, "
            f"count floor x{ratios[MEASURED] / ratios[COUNT]:.2f} "
            f"({'meets' if command_met else 'MISSES'} the {COMMAND_TARGET_S:.0f} s target)"
        )

        print(f"-- the stats screen's report, in process, {arguments.runs} runs")
        raw = sqlite3.connect(where.database)
        with open_services(where, sync_bundled=False) as services:
            samples = interleaved_calls(
                {
                    "floor": lambda: raw.execute(
                        "SELECT day, count(*) FROM reviews GROUP BY day"
                    ).fetchall(),
                    "progress": services.progress,
                    "stats": services.stats,
                },
                arguments.runs,
            )
        raw.close()
        report_calls("floor: GROUP BY day over the log", samples["floor"])
        report_calls("stats (the figures alone)", samples["stats"], floor=samples["floor"])
        report_met = report_calls(
            "Services.progress()",
            samples["progress"],
            floor=samples["floor"],
            target=REPORT_TARGET_MS,
        )
    return 0 if command_met and report_met else 1


if __name__ == "__main__":
    sys.exit(main())
