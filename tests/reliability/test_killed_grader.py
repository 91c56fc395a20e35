"""A grading process killed at random moments: the database stays sound and keeps every
grade it acknowledged."""

from __future__ import annotations

import random
import select
import time
from pathlib import Path

from tests.reliability.homes import (
    assert_schedules_replay,
    integrity,
    logged_ids,
    new_database,
    start_grader,
)

KILLS = 50
SEED = 20261204
STARTED_WITHIN = 20.0
"""Seconds a grader may take to print its first grade: a hang guard, not a speed limit."""


def test_a_grader_killed_at_random_moments_keeps_every_acknowledged_grade(
    tmp_path: Path,
) -> None:
    path = new_database(tmp_path)
    rng = random.Random(SEED)
    acknowledged: list[str] = []
    for kill in range(KILLS):
        grader = start_grader(path, seed=rng.randrange(2**32), count=0)
        assert grader.stdout is not None
        try:
            ready, _, _ = select.select([grader.stdout], [], [], STARTED_WITHIN)
            assert ready, f"kill {kill}: no grade within {STARTED_WITHIN} s"
            # Anywhere from the first grade to a few dozen on: inside a transaction, in a
            # commit, between two, or in a checkpoint.
            time.sleep(rng.uniform(0, 0.03))
        finally:
            grader.kill()
        printed, _ = grader.communicate(timeout=STARTED_WITHIN)
        assert grader.returncode == -9, f"kill {kill}: the grader stopped by itself"
        # A line cut short by the kill was never acknowledged.
        acknowledged += [line for line in printed.splitlines(keepends=True) if line[-1:] == "\n"]
        assert integrity(path) == "ok", f"after kill {kill}"
        kept = set(logged_ids(path))
        lost = [line.strip() for line in acknowledged if line.strip() not in kept]
        assert not lost, f"after kill {kill}: acknowledged grades lost: {lost}"
    assert len(acknowledged) >= KILLS
    assert_schedules_replay(path)
