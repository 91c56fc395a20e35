"""Time the daily backup on a home of 100,000 cards, and the grades made while it runs.

The app takes its daily backup in a thread after the first frame, on a connection of
its own; the user may be grading by then. This measures, on a throw-away home built as
``bench_grade`` builds it (100,000 cards, 30 % with four past reviews):

* backup -- one backup through SQLite's backup API (what the app runs), against a floor:
  a plain file copy of the same database after a checkpoint. Reported as a ratio.
* grades -- 300 grades through ``Session`` (FSRS, the commit, the next card) with no
  backup running, then 300 more while backups run back to back in another thread, side
  by side. Target: the p99 of a grade during a backup stays under one frame (16 ms), so
  no grade waits for it in a way a user could see.

Run: ``python benchmarks/bench_backup.py [--cards N] [--grades N]``; exits 1 when the
target is missed.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

from benchmarks.bench_grade import NOW, give_history, install_decks
from benchmarks.timing import p99
from prepdeck.clock import FixedClock
from prepdeck.srs import Rating, SrsScheduler
from prepdeck.store import connect
from prepdeck.store.backups import copy_database
from prepdeck.study.session import Session

FRAME_MS = 16.0


def time_grades(path: Path, backups: Path, grades: int) -> list[float]:
    with connect(path, backups_dir=backups) as store:
        session = Session(
            store, SrsScheduler(), FixedClock(NOW), new_per_day=0, reviews_per_day=100_000
        )
        times: list[float] = []
        while session.current is not None and len(times) < grades:
            started = time.perf_counter()
            session.reveal()
            session.grade(Rating.GOOD)
            times.append((time.perf_counter() - started) * 1000)
        return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=100_000)
    parser.add_argument("--grades", type=int, default=300)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        path, backups = folder / "bench.sqlite3", folder / "backups"
        with connect(path, backups_dir=backups) as store:
            install_decks(store, options.cards, 20)
        give_history(path, 0.3)
        with connect(path, backups_dir=backups) as store:
            store.checkpoint()
            size_mb = path.stat().st_size / 1e6
            copies, floors = [], []
            for round_number in range(5):
                started = time.perf_counter()
                shutil.copyfile(path, folder / f"floor-{round_number}.sqlite3")
                floors.append(time.perf_counter() - started)
                started = time.perf_counter()
                copy_database(store._db.connection, backups / f"copy-{round_number}.sqlite3")
                copies.append(time.perf_counter() - started)
        backup_s, floor_s = statistics.median(copies), statistics.median(floors)
        print(
            f"backup of {size_mb:.0f} MB: {backup_s * 1000:.0f} ms median; "
            f"file copy (floor) {floor_s * 1000:.0f} ms; ratio {backup_s / floor_s:.2f}x"
        )

        idle = time_grades(path, backups, options.grades)
        stop = threading.Event()
        taken = 0

        def keep_backing_up() -> None:
            nonlocal taken
            with connect(path, backups_dir=backups) as other:
                while not stop.is_set():
                    copy_database(other._db.connection, backups / "running.sqlite3")
                    taken += 1

        runner = threading.Thread(target=keep_backing_up)
        runner.start()
        try:
            busy = time_grades(path, backups, options.grades)
        finally:
            stop.set()
            runner.join()
    for label, values in (("grades, no backup", idle), ("grades, backup running", busy)):
        print(f"{label:>24}: p50 {statistics.median(values):6.2f} ms  p99 {p99(values):6.2f} ms")
    print(f"{'backups taken meanwhile':>24}: {taken}")
    ratio = p99(busy) / p99(idle)
    met = p99(busy) < FRAME_MS
    print(
        f"p99 during a backup / p99 without: {ratio:.2f}x; target p99 < {FRAME_MS:.0f} ms: "
        f"{'met' if met else 'MISSED'}"
    )
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
