"""Two writers on one home: every grade kept once, each built on the one before it."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from itertools import pairwise
from pathlib import Path

import pytest

from prepdeck.clock import FixedClock
from prepdeck.paths import locations
from prepdeck.srs import Rating, State
from prepdeck.store import connect
from prepdeck.store.db import TEST_PRAGMAS_VARIABLE
from prepdeck.study.session import Session
from tests.cli.conftest import BUNDLED_DECKS
from tests.cli.helpers import run_prepdeck
from tests.reliability.grader import SCHEDULER
from tests.reliability.homes import (
    assert_schedules_replay,
    integrity,
    logged_ids,
    new_database,
    start_grader,
)

GRADES = 150
"""Grades each process makes, all on the same four cards."""


def test_two_processes_grading_the_same_cards_both_finish_and_lose_nothing(
    tmp_path: Path,
) -> None:
    path = new_database(tmp_path)
    graders = [start_grader(path, seed, GRADES, together=True) for seed in (1, 2)]
    try:
        for grader in graders:
            assert grader.stdout is not None and grader.stdout.readline() == "ready\n"
        # Both start at once, so their transactions interleave.
        for grader in graders:
            assert grader.stdin is not None
            grader.stdin.write("go\n")
            grader.stdin.flush()
        printed = [grader.communicate(timeout=60)[0].split() for grader in graders]
    finally:
        for grader in graders:
            grader.kill()
    assert [grader.returncode for grader in graders] == [0, 0]
    assert [len(ids) for ids in printed] == [GRADES, GRADES]

    logged = logged_ids(path)
    assert sorted(logged) == sorted(printed[0] + printed[1])
    # In the order the log was written, the two processes took turns: not all of one's
    # grades, then all of the other's.
    first = set(printed[0])
    writers = [review_id in first for review_id in logged]
    assert sum(a != b for a, b in pairwise(writers)) >= 2
    assert_schedules_replay(path)
    assert integrity(path) == "ok"


def test_a_drill_grading_a_card_another_window_graded_builds_on_that_grade(
    tmp_path: Path,
) -> None:
    path = new_database(tmp_path)
    now = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    with (
        connect(path, backups_dir=tmp_path / "backups") as first_store,
        connect(path, backups_dir=tmp_path / "backups") as second_store,
    ):
        first_clock, second_clock = FixedClock(now), FixedClock(now)
        first = Session(first_store, SCHEDULER, first_clock)
        second = Session(second_store, SCHEDULER, second_clock)
        assert first.current is not None and second.current is not None
        assert first.current.card.id == second.current.card.id == "c0"
        number = first.current.no
        first.reveal()  # shown, then left on screen while the other window grades
        second_clock.advance(timedelta(minutes=1))
        second.grade(Rating.GOOD)
        first_clock.advance(timedelta(minutes=2, seconds=1))
        first.grade(Rating.AGAIN)

        log = first_store.reviews.of_card("basics", "c0")
        assert [r.rating for r in log] == [Rating.GOOD, Rating.AGAIN]
        good = SCHEDULER.review(number, None, Rating.GOOD, now + timedelta(minutes=1))
        # Shown before the other grade was written, it is logged just after that grade
        # (times are kept to the microsecond) and worked out from the schedule it left.
        just_after = now + timedelta(minutes=1, microseconds=1)
        assert log[1].reviewed_at == just_after
        assert log[1].before == log[0].after == good
        again = SCHEDULER.review(number, good, Rating.AGAIN, just_after)
        assert log[1].after == again
        assert first_store.cards.get("basics", "c0").schedule == again
        assert_schedules_replay(path)

        # The session goes on from what was committed: the card's step, a minute after the
        # other window's grade, is over, so the card is back at once.
        assert again.state is State.LEARNING and again.due == just_after + timedelta(minutes=1)
        assert first.current is not None and first.current.card.id == "c0"
        assert first.current.schedule == again
        # Undo takes back this window's grade only: the other window's stays.
        first.undo()
        assert first_store.cards.get("basics", "c0").schedule == good
        assert first.current is not None and first.current.card.id == "c0"
        assert first.current.schedule == good


def test_a_database_locked_past_the_timeout_is_reported_in_one_line(
    isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened = run_prepdeck("stats", home=isolated_home)  # makes the database
    assert opened.returncode == 0, opened.stderr
    holder = sqlite3.connect(locations(isolated_home).database, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another prepdeck, in the middle of a write
    monkeypatch.setenv(TEST_PRAGMAS_VARIABLE, "busy_timeout=50")
    try:
        done = run_prepdeck(
            "deck",
            "install",
            "--replace",
            str(BUNDLED_DECKS / "tough-questions.yaml"),
            home=isolated_home,
        )
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    assert "is busy: another prepdeck is writing to it" in lines[0]
