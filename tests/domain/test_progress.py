"""The progress report over a review log of known shape: each figure checked by hand."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from prepdeck.clock import FixedClock
from prepdeck.domain.cards import Kind
from prepdeck.domain.days import app_day
from prepdeck.paths import locations
from prepdeck.reports.progress import (
    CALENDAR_DAYS,
    RECENT_DAYS,
    DayActivity,
    Progress,
    RetentionRow,
)
from prepdeck.services import Services, open_services
from prepdeck.srs import Rating
from prepdeck.store import ImportedReview
from tests.domain.histories import UNFUZZED, install
from tests.domain.query_plans import plans_of_queries

NOW = datetime(2026, 12, 3, 10, 0, tzinfo=UTC)
TODAY = date(2026, 12, 3)
DAY_START_HOUR = 4
JUST_BEFORE = datetime(2026, 12, 3, 3, 59, tzinfo=UTC)
"""A minute before the day starts: still yesterday's app day."""
JUST_AFTER = datetime(2026, 12, 3, 4, 0, tzinfo=UTC)

LOG = [
    # Easy graduates a new card at once, so each later review is of a card in review.
    ("questions", "c0", Rating.EASY, NOW - timedelta(days=60), 10_000),
    ("questions", "c0", Rating.GOOD, NOW - timedelta(days=10), 20_000),  # kept
    ("questions", "c0", Rating.AGAIN, JUST_BEFORE, 30_000),  # lost
    ("questions", "c1", Rating.EASY, NOW - timedelta(days=60), 10_000),
    ("questions", "c1", Rating.HARD, JUST_AFTER, 4_000),  # kept: Hard counts as recalled
    ("questions", "c2", Rating.EASY, NOW - timedelta(days=40), 10_000),
    ("questions", "c2", Rating.GOOD, NOW - timedelta(days=31), 10_000),  # out of the window
    ("scenes", "c0", Rating.EASY, NOW - timedelta(days=60), 10_000),
    ("scenes", "c0", Rating.AGAIN, NOW - timedelta(days=3), 6_000),  # lost
    ("scenes", "c0", Rating.GOOD, NOW - timedelta(days=2), 5_000),  # was relearning: no
]


@pytest.fixture
def home(tmp_path: Path) -> Iterator[Services]:
    with open_services(
        locations(tmp_path), clock=FixedClock(NOW), sync_bundled=False, fuzzing=False
    ) as services:
        store = services._store
        install(store, "questions", 4, now=NOW)
        install(store, "scenes", 2, now=NOW, kind=Kind.SCENARIO)
        store.reviews.import_reviews(
            [
                ImportedReview(deck, card, rating, at, duration_ms=ms)
                for deck, card, rating, at, ms in LOG
            ],
            scheduler=UNFUZZED,
            day_of=lambda moment: app_day(moment, DAY_START_HOUR),
        )
        yield services


def days_with_reviews(progress: Progress) -> dict[date, tuple[int, float]]:
    return {day.day: (day.reviews, day.seconds) for day in progress.calendar if day.reviews}


def test_a_year_of_days_splits_at_the_day_start_hour(home: Services) -> None:
    progress = home.progress()

    assert progress.today == TODAY
    assert len(progress.calendar) == CALENDAR_DAYS
    assert progress.calendar[0].day == TODAY - timedelta(days=CALENDAR_DAYS - 1)
    assert progress.calendar[-1].day == TODAY
    assert [day.day for day in progress.calendar] == sorted({d.day for d in progress.calendar})
    assert days_with_reviews(progress) == {
        date(2026, 10, 4): (3, 30.0),
        date(2026, 10, 24): (1, 10.0),
        date(2026, 11, 2): (1, 10.0),
        date(2026, 11, 23): (1, 20.0),
        date(2026, 11, 30): (1, 6.0),
        date(2026, 12, 1): (1, 5.0),
        date(2026, 12, 2): (1, 30.0),  # 03:59 on the 3rd
        date(2026, 12, 3): (1, 4.0),  # 04:00 on the 3rd
    }
    assert progress.calendar[-3] == DayActivity(date(2026, 12, 1), 1, 5.0)
    assert progress.calendar[-4] == DayActivity(date(2026, 11, 30), 1, 6.0)
    assert progress.calendar[-5] == DayActivity(date(2026, 11, 29), 0, 0.0)
    assert progress.recent == progress.calendar[-RECENT_DAYS:]
    assert progress.figures == home.stats()
    assert progress.figures.streak_days == 4  # 30 Nov to 3 Dec


def test_retention_by_deck_and_kind_counts_reviews_of_cards_in_review(home: Services) -> None:
    progress = home.progress()

    assert progress.desired_retention == home.config.desired_retention
    assert progress.retention_by_deck == [
        RetentionRow("questions", reviews=3, passed=2),
        RetentionRow("scenes", reviews=1, passed=0),
    ]
    assert progress.retention_by_kind == [
        RetentionRow("question", reviews=3, passed=2),
        RetentionRow("scenario", reviews=1, passed=0),
    ]
    assert progress.figures.true_retention == round(2 / 4, 4)


def test_the_weakest_are_the_reviewed_cards_lowest_recall_first(home: Services) -> None:
    weakest = home.progress().weakest

    # c2 last seen 31 days ago, scenes' c0 two days after a lapse; the two of this
    # morning at 1.0 (no whole day since), tied, by deck then card id. Never seen: none.
    assert [(card.deck_id, card.card_id) for card in weakest] == [
        ("questions", "c2"),
        ("scenes", "c0"),
        ("questions", "c0"),
        ("questions", "c1"),
    ]
    assert [card.recall for card in weakest][2:] == [1.0, 1.0]
    # The same recall readiness gives each card at this moment.
    ranked = home.readiness(NOW, limit=10).weakest
    by_card = {(c.deck_id, c.card_id): c.retrievability for c in ranked}
    for card in weakest:
        assert by_card[(card.deck_id, card.card_id)] == card.recall
    assert weakest[0].prompt == f"{weakest[0].deck_id} prompt {weakest[0].card_id[1:]}?"


def test_interviews_come_soonest_first_with_readiness_at_their_time(home: Services) -> None:
    home.interviews.add("Later", NOW + timedelta(days=20), decks=["scenes"])
    home.interviews.add("Sooner", NOW + timedelta(days=2), decks=["questions"])

    interviews = home.progress().interviews

    assert [interview.name for interview in interviews] == ["Sooner", "Later"]
    measured = home.interview_readiness(home.interviews.upcoming())
    for interview in interviews:
        expected = measured[interview.name]
        assert interview.at == home.interviews.get(interview.name).at
        assert (interview.expected_recall, interview.cards, interview.unseen) == (
            expected.expected_recall,
            expected.cards,
            expected.unseen,
        )


def test_one_deck_narrows_days_retention_and_weakest_but_not_interviews(
    home: Services,
) -> None:
    home.interviews.add("Acme", NOW + timedelta(days=5))
    everything = home.progress()

    scenes = home.progress(deck_id="scenes")

    assert days_with_reviews(scenes) == {
        date(2026, 10, 4): (1, 10.0),
        date(2026, 11, 30): (1, 6.0),
        date(2026, 12, 1): (1, 5.0),
    }
    assert scenes.retention_by_deck == [RetentionRow("scenes", reviews=1, passed=0)]
    assert scenes.retention_by_kind == [RetentionRow("scenario", reviews=1, passed=0)]
    assert [(card.deck_id, card.card_id) for card in scenes.weakest] == [("scenes", "c0")]
    assert scenes.interviews == everything.interviews
    assert scenes.figures == home.stats(deck_id="scenes")


def test_the_log_is_read_through_its_indexes_never_its_rows(
    home: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = home._store
    since = NOW - timedelta(days=30)
    with plans_of_queries(store, monkeypatch) as plans:
        store.figures.daily_activity(TODAY - timedelta(days=364))
        store.figures.daily_activity(TODAY - timedelta(days=364), deck_id="scenes")
        store.figures.retention_by_deck(since)
        store.figures.retention_by_kind(since)
        store.figures.review_days(deck_id="scenes")
        store.figures.review_days()
    assert len(plans) == 6
    for plan in plans:
        # Every read of the log or of the cards is a covering index's: no row is read.
        reads = [step for step in plan if step.startswith(("SEARCH reviews", "SEARCH cards"))]
        assert not [step for step in plan if step.startswith(("SCAN reviews", "SCAN cards"))]
        assert reads and all("COVERING INDEX" in step for step in reads), plan


def test_no_spoken_answers_no_weeks_of_them(home: Services) -> None:
    assert home.progress().spoken == []


def test_pace_and_fillers_per_week_of_spoken_answers(home: Services) -> None:
    store = home._store
    spoken = {
        date(2026, 11, 23): (60.0, 140, 3),  # a Monday
        date(2026, 12, 1): (30.0, 80, 2),  # Tuesday of the week of 30 November
        date(2026, 12, 3): (90.0, 200, 1),
    }
    with store._db.write() as connection:
        for day, (seconds, words, fillers) in spoken.items():
            [review_id] = [
                row[0]
                for row in connection.execute(
                    "SELECT review_id FROM reviews WHERE day = ?", (day.isoformat(),)
                )
            ]
            connection.execute(
                "INSERT INTO spoken_answers VALUES (?, 'said', ?, ?, ?, NULL)",
                (review_id, seconds, words, fillers),
            )
    weeks = home.progress().spoken
    assert [
        (week.week, week.answers, week.seconds, week.words, week.fillers) for week in weeks
    ] == [
        (date(2026, 11, 23), 1, 60.0, 140, 3),
        (date(2026, 11, 30), 2, 120.0, 280, 3),
    ]
    assert [week.wpm for week in weeks] == [140, 140]
    assert [week.fillers_per_minute for week in weeks] == [3.0, 1.5]
    # One deck: only its reviews' answers (23 Nov and 3 Dec are of "questions").
    assert [week.answers for week in home.progress(deck_id="scenes").spoken] == [1]
