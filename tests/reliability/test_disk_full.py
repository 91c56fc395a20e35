"""A full disk: the grade that does not fit is refused with a plain message, and every
grade made before it is kept.

The disk fills up through the store's test hook (``TEST_PRAGMAS_VARIABLE``): the database
may not grow past the pages it has, as on a disk with no room left.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from prepdeck.clock import FixedClock
from prepdeck.errors import StoreError
from prepdeck.srs import Rating
from prepdeck.store import Store, connect
from prepdeck.store.db import TEST_PRAGMAS_VARIABLE
from prepdeck.study.session import Session
from prepdeck.tui.app import make_app
from prepdeck.tui.screens.drill import DrillScreen
from tests.reliability.grader import SCHEDULER
from tests.reliability.homes import INSTALLED, integrity, new_database
from tests.tui.fakes import FakeTimer

MOST_GRADES = 500
"""A hang guard: the disk is full long before this many grades."""

FULL = "database or disk is full"


@pytest.fixture
def full_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A database on a disk with no room for one more page; ``room_again`` lifts that."""
    path = new_database(tmp_path)
    raw = sqlite3.connect(path)
    pages = raw.execute("PRAGMA page_count").fetchone()[0]
    raw.close()
    monkeypatch.setenv(TEST_PRAGMAS_VARIABLE, f"max_page_count={pages}")
    return path


def room_again() -> None:
    del os.environ[TEST_PRAGMAS_VARIABLE]


def open_store(path: Path) -> Store:
    return connect(path, backups_dir=path.parent / "backups")


def kept_grades(path: Path) -> list[tuple[str, Rating]]:
    """Each review's card and grade, read afresh with room on the disk again, in the
    order they were given (the session's clock stands still, so a card graded again is
    logged just after its last grade, not after the other cards' grades between)."""
    with open_store(path) as store:
        rows = store._db.rows("SELECT card_id, rating FROM reviews ORDER BY id")
    return [(card_id, Rating(rating)) for card_id, rating in rows]


def test_a_grade_past_a_full_disk_is_refused_and_the_earlier_ones_kept(full_disk: Path) -> None:
    with open_store(full_disk) as store:
        session = Session(store, SCHEDULER, FixedClock(INSTALLED))
        graded: list[tuple[str, Rating]] = []
        with pytest.raises(StoreError) as refused:
            for number in range(MOST_GRADES):
                assert session.current is not None
                shown = session.current.card.id
                rating = Rating.AGAIN if number % 3 else Rating.HARD
                session.grade(rating)
                graded.append((shown, rating))
        assert graded, "the disk was full before the first grade"
        message = str(refused.value)
        assert message.startswith(f"cannot write database {full_disk}") and FULL in message
        assert "\n" not in message
        # The session is where it was: the grade refused can be made again.
        assert session.current is not None and session.done == len(graded)
    room_again()
    assert kept_grades(full_disk) == graded
    assert integrity(full_disk) == "ok"


async def test_the_drill_reports_a_full_disk_and_keeps_running(full_disk: Path) -> None:
    with open_store(full_disk) as store:
        app = make_app(
            lambda: Session(store, SCHEDULER, FixedClock(INSTALLED)),
            clock=FixedClock(INSTALLED),
            monotonic=FakeTimer(),
        )
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, DrillScreen)
            session = app.screen.session
            for _ in range(MOST_GRADES):
                await pilot.press("space", "1")
                errors = [n for n in app._notifications if n.severity == "error"]
                if errors:
                    break
            [notice] = errors
            assert FULL in notice.message
            assert isinstance(app.screen, DrillScreen) and app.is_running
            done = session.done
    room_again()
    assert len(kept_grades(full_disk)) == done > 0
    assert integrity(full_disk) == "ok"
