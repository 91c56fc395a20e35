"""Time building a cram's queue over 100,000 cards: the cards weakest at an interview.

Builds the same throw-away database as ``bench_grade.py`` (20 decks of 5,000 cards, 30 %
reviewed), then opens a cram for a moment three days ahead, interleaved run for run with
its peer: opening the daily drill on the same cards. The cram ranks every card in scope
at the moment; the drill reads its index ranges. Target: p99 under 50 ms.

Run: ``python -m benchmarks.bench_cram [--cards N] [--runs N]``; exits 1 when the target
is missed.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from datetime import timedelta
from pathlib import Path

from benchmarks.bench_grade import NOW, give_history, install_decks, interleaved, report
from prepdeck.clock import FixedClock
from prepdeck.domain.cram import CramTarget
from prepdeck.srs import SrsScheduler
from prepdeck.store import Store, connect
from prepdeck.study.cram import CramSession, Measured
from prepdeck.study.session import Session

TARGET_MS = 50.0


def measure(store: Store, runs: int) -> dict[str, list[float]]:
    """Milliseconds per run, interleaved: "drill" (the peer) and "cram"."""
    scheduler = SrsScheduler(enable_fuzzing=False)
    clock = FixedClock(NOW)
    target = CramTarget(at=NOW + timedelta(days=3))
    return interleaved(
        {
            "drill": lambda: Session(store, scheduler, clock),
            "cram": lambda: CramSession(
                store,
                scheduler,
                clock,
                target=target,
                measure=lambda: Measured(0, 0.0),
                desired_retention=0.9,
            ),
        },
        runs,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--cards", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=30)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "bench.sqlite3"
        with connect(path, backups_dir=Path(directory) / "backups") as store:
            install_decks(store, options.cards, 20)
        give_history(path, reviewed_share=0.3)
        with connect(path, backups_dir=Path(directory) / "backups") as store:
            samples = measure(store, options.runs)
    report("peer: open the daily drill", samples["drill"])
    met = report(
        f"open a cram, {options.cards:,} cards",
        samples["cram"],
        floor=samples["drill"],
        target=TARGET_MS,
    )
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
