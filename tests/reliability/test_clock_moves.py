"""Clocks that jump: reviews across DST changes and a move between time zones keep their
order, their app days and the streak.

A review belongs to the local date of (time - day start hour), in the zone the machine is
in when it is written; the log keeps it in UTC order whatever the local clock says. The
zones are POSIX TZ rules, so the tests need no time-zone database.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from prepdeck.clock import FixedClock
from prepdeck.config import Config
from prepdeck.domain.cards import Card, Deck
from prepdeck.domain.days import app_day, day_end, day_start
from prepdeck.reports.stats import compute_stats
from prepdeck.srs import Rating
from prepdeck.store import Store, connect
from prepdeck.study.session import Session
from tests.reliability.grader import SCHEDULER

LONDON = "GMT0BST,M3.5.0/1,M10.5.0"
NEW_YORK = "EST5EDT,M3.2.0,M11.1.0"
CENTRAL_EUROPE_WINTER = "CET-1"
"""UTC+1 all year."""
EASTERN_WINTER = "EST5"
"""UTC-5 all year."""

DAY_START_HOUR = 4
DECK = Deck(
    id="basics",
    title="Basics",
    cards=tuple(Card(id=f"c{n}", prompt=f"Question {n}?", answer="Yes.") for n in range(30)),
)

SetZone = Callable[[str], None]


@pytest.fixture
def set_zone(monkeypatch: pytest.MonkeyPatch) -> Iterator[SetZone]:
    """Move the machine to a time zone; UTC again after the test."""

    def move(rule: str) -> None:
        monkeypatch.setenv("TZ", rule)
        time.tzset()

    yield move
    monkeypatch.undo()
    time.tzset()
    assert os.environ["TZ"] == "UTC"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with connect(tmp_path / "db.sqlite3", backups_dir=tmp_path / "backups") as opened:
        opened.decks.install(
            DECK, source="file", content_hash="0" * 64, now=datetime(2026, 1, 1, tzinfo=UTC)
        )
        yield opened


def local(*wall: int) -> datetime:
    """The moment the machine's clock shows ``wall`` (year, month, day, hour, minute), in
    UTC; in an hour the clocks go back over, the first time."""
    return datetime(*wall).astimezone(UTC)  # type: ignore[arg-type]


def grade_at(store: Store, moment: datetime) -> None:
    """A drill at ``moment`` grades the card it shows first."""
    session = Session(
        store, SCHEDULER, FixedClock(moment), day_start_hour=DAY_START_HOUR, new_per_day=30
    )
    assert session.current is not None
    session.grade(Rating.GOOD)


def streak_at(store: Store, moment: datetime) -> int:
    stats = compute_stats(store, Config(day_start_hour=DAY_START_HOUR), FixedClock(moment))
    return stats.streak_days


def assert_logged(store: Store, expected: list[tuple[datetime, date]]) -> None:
    """The log holds reviews at these moments, in this order, on these app days."""
    assert [(review.reviewed_at, review.day) for review in store.reviews.all()] == expected
    assert [moment for moment, _ in expected] == sorted(moment for moment, _ in expected)


def test_grades_across_the_london_dst_changes(store: Store, set_zone: SetZone) -> None:
    set_zone(LONDON)
    graded = [
        (local(2026, 3, 27, 21, 0), date(2026, 3, 27)),
        # The night the clocks go forward (01:00 GMT becomes 02:00 BST): before 04:00 it
        # is still the 28th, on either side of the jump.
        (local(2026, 3, 29, 0, 30), date(2026, 3, 28)),
        (local(2026, 3, 29, 3, 30), date(2026, 3, 28)),
        (local(2026, 3, 29, 4, 30), date(2026, 3, 29)),
        (local(2026, 3, 30, 8, 0), date(2026, 3, 30)),
    ]
    assert graded[1][0] == datetime(2026, 3, 29, 0, 30, tzinfo=UTC)
    assert graded[2][0] == datetime(2026, 3, 29, 2, 30, tzinfo=UTC)
    for moment, _ in graded:
        grade_at(store, moment)
    assert_logged(store, graded)
    assert streak_at(store, local(2026, 3, 30, 23, 0)) == 4
    # The next morning before 04:00 still counts as the 30th: the streak holds.
    assert streak_at(store, local(2026, 3, 31, 3, 59)) == 4

    # The night the clocks go back (02:00 BST becomes 01:00 GMT), 01:30 shows twice: the
    # second is an hour later, and the log keeps them in that order, both on the 24th.
    first_half_past_one = datetime(2026, 10, 25, 0, 30, tzinfo=UTC)
    second_half_past_one = datetime(2026, 10, 25, 1, 30, tzinfo=UTC)
    autumn = [
        (local(2026, 10, 24, 9, 0), date(2026, 10, 24)),
        (first_half_past_one, date(2026, 10, 24)),
        (second_half_past_one, date(2026, 10, 24)),
        (local(2026, 10, 25, 4, 30), date(2026, 10, 25)),
    ]
    assert first_half_past_one.astimezone().strftime("%H:%M %Z") == "01:30 BST"
    assert second_half_past_one.astimezone().strftime("%H:%M %Z") == "01:30 GMT"
    for moment, _ in autumn:
        grade_at(store, moment)
    assert_logged(store, graded + autumn)
    assert streak_at(store, local(2026, 10, 25, 12, 0)) == 2


def test_grades_across_the_new_york_dst_change_with_the_day_starting_in_the_skipped_hour(
    store: Store, set_zone: SetZone
) -> None:
    set_zone(NEW_YORK)
    hour = 2  # 02:00 never shows on 8 March 2026: the clocks go from 01:59 EST to 03:00 EDT
    moments = [
        datetime(2026, 3, 8, 6, 30, tzinfo=UTC),  # 01:30 EST: still the 7th
        datetime(2026, 3, 8, 7, 0, tzinfo=UTC),  # 03:00 EDT, the jump: the 8th begins
        datetime(2026, 3, 8, 7, 30, tzinfo=UTC),
    ]
    assert [app_day(moment, hour) for moment in moments] == [
        date(2026, 3, 7),
        date(2026, 3, 8),
        date(2026, 3, 8),
    ]
    # The day's start and end agree with the days reviews are put in.
    assert day_end(date(2026, 3, 7), hour) == day_start(date(2026, 3, 8), hour) == moments[1]
    for moment in moments:
        session = Session(store, SCHEDULER, FixedClock(moment), day_start_hour=hour, new_per_day=30)
        assert session.current is not None
        session.grade(Rating.GOOD)
    assert [review.day for review in store.reviews.all()] == [
        date(2026, 3, 7),
        date(2026, 3, 8),
        date(2026, 3, 8),
    ]


@pytest.mark.parametrize("rule", [LONDON, NEW_YORK])
def test_each_day_starts_at_the_first_moment_app_day_puts_in_it(
    rule: str, set_zone: SetZone
) -> None:
    set_zone(rule)
    for hour in range(5):
        for first in (date(2026, 3, 7), date(2026, 3, 28), date(2026, 10, 24), date(2026, 10, 31)):
            moment = day_start(first, hour)
            while moment < day_start(first + timedelta(days=3), hour):
                day = app_day(moment, hour)
                assert day_start(day, hour) <= moment < day_end(day, hour), (hour, moment)
                assert app_day(day_start(day, hour) - timedelta(microseconds=1), hour) < day
                moment += timedelta(minutes=30)


def test_a_move_from_utc_plus_1_to_utc_minus_5_keeps_the_streak(
    store: Store, set_zone: SetZone
) -> None:
    set_zone(CENTRAL_EUROPE_WINTER)
    before_the_flight = [
        (local(2026, 2, 2, 20, 0), date(2026, 2, 2)),
        (local(2026, 2, 3, 20, 0), date(2026, 2, 3)),
        (local(2026, 2, 4, 22, 0), date(2026, 2, 4)),
    ]
    for moment, _ in before_the_flight:
        grade_at(store, moment)
    assert streak_at(store, local(2026, 2, 4, 23, 0)) == 3

    set_zone(EASTERN_WINTER)
    # Landed: the clock shows six hours less, still the 4th, later in UTC than the last
    # review although its wall time is earlier.
    landed = local(2026, 2, 4, 18, 0)
    assert landed == datetime(2026, 2, 4, 23, 0, tzinfo=UTC)
    assert streak_at(store, landed) == 3
    after_the_flight = [
        (landed, date(2026, 2, 4)),
        # 01:00 on the 5th here is 06:00 UTC: before the day start, still the 4th.
        (local(2026, 2, 5, 1, 0), date(2026, 2, 4)),
        (local(2026, 2, 5, 20, 0), date(2026, 2, 5)),
        (local(2026, 2, 6, 23, 30), date(2026, 2, 6)),
    ]
    for moment, _ in after_the_flight:
        grade_at(store, moment)
    assert_logged(store, before_the_flight + after_the_flight)
    assert streak_at(store, local(2026, 2, 6, 23, 45)) == 5
    # 03:00 on the 7th belongs to the 6th: the streak still counts it as today.
    assert streak_at(store, local(2026, 2, 7, 3, 0)) == 5
    assert streak_at(store, local(2026, 2, 8, 12, 0)) == 0
