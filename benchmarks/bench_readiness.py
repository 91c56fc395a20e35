"""Time readiness over 100,000 cards: FSRS's predicted recall of every card at one moment.

Builds the same throw-away database as ``bench_grade.py`` (20 decks of 5,000 cards, 30 %
reviewed), then computes readiness a week ahead, interleaved run for run with its floor:
a bare SELECT of the same columns of every card, in Python, with no arithmetic. Target:
p99 under 100 ms.

With most cards never reviewed, the ten weakest are among those. ``--reviewed-share 1``
makes every card reviewed, so that every recall is computed and the weakest are ranked by
it; the target is set for the default data.

Run: ``python -m benchmarks.bench_readiness [--cards N] [--runs N] [--reviewed-share S]``;
exits 1 when the target is missed.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

from benchmarks.bench_grade import (
    NOW,
    give_history,
    install_decks,
    interleaved,
    median_and_p99,
    report,
)
from prepdeck.prep.readiness import readiness
from prepdeck.srs import SrsScheduler
from prepdeck.store import Store, connect

TARGET_MS = 100.0


def measure(store: Store, path: Path, at: datetime, runs: int) -> dict[str, list[float]]:
    """Milliseconds per run, interleaved: "floor" and "readiness" at ``at``."""
    curve = SrsScheduler().forgetting_curve()
    raw = sqlite3.connect(path)
    try:
        return interleaved(
            {
                "floor": lambda: raw.execute(
                    "SELECT deck_id, card_id, kind, stability, last_review_ms FROM cards"
                ).fetchall(),
                "readiness": lambda: readiness(store, curve, at),
            },
            runs,
        )
    finally:
        raw.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--cards", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--reviewed-share", type=float, default=0.3)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "bench.sqlite3"
        with connect(path, backups_dir=Path(directory) / "backups") as store:
            install_decks(store, options.cards, 20)
        give_history(path, reviewed_share=options.reviewed_share)
        with connect(path, backups_dir=Path(directory) / "backups") as store:
            samples = measure(store, path, NOW + timedelta(days=7), options.runs)
    report("floor: SELECT every card's columns", samples["floor"])
    met = report(
        f"readiness, {options.cards:,} cards",
        samples["readiness"],
        floor=samples["floor"],
        target=TARGET_MS,
    )
    (median, p99), (floor_median, floor_p99) = (
        median_and_p99(samples["readiness"]),
        median_and_p99(samples["floor"]),
    )
    print(f"readiness / floor: median {median / floor_median:.3f}, p99 {p99 / floor_p99:.3f}")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
