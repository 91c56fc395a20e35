"""Importing a review log: duplicates skipped, cards replayed without fuzz."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from prepdeck.domain.cards import Card, Deck
from prepdeck.domain.days import app_day
from prepdeck.errors import RefusedError, RowProblems
from prepdeck.formats.review_log import EARLIEST, LATEST, parse_review
from prepdeck.srs import Rating, SrsScheduler
from prepdeck.store import ImportedReview, ReviewMode, Store, connect

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
SCHEDULER = SrsScheduler(enable_fuzzing=True)
PLAIN = SrsScheduler(enable_fuzzing=False)
DECK = Deck(
    id="basics",
    title="Basics",
    cards=tuple(Card(id=name, prompt=f"{name}?", answer="Yes.") for name in ("a", "b")),
)


def day_of(moment: datetime) -> date:
    """The app day with a 4 o'clock day start, in UTC for these tests."""
    return (moment - timedelta(hours=4)).date()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with connect(tmp_path / "db.sqlite3", backups_dir=tmp_path / "backups") as opened:
        opened.decks.install(DECK, source="file", content_hash="h", now=NOW)
        yield opened


def imported(
    card_id: str,
    rating: Rating,
    at: datetime,
    *,
    mode: ReviewMode = ReviewMode.DRILL,
    applied: bool | None = None,
    review_id: str | None = None,
) -> ImportedReview:
    return ImportedReview(
        deck_id="basics",
        card_id=card_id,
        rating=rating,
        reviewed_at=at,
        mode=mode,
        applied=applied,
        review_id=review_id,
    )


def test_imported_reviews_are_replayed_into_the_card(store: Store) -> None:
    times = [NOW, NOW + timedelta(minutes=10), NOW + timedelta(days=3)]
    ratings = [Rating.GOOD, Rating.GOOD, Rating.HARD]
    report = store.reviews.import_reviews(
        [imported("a", r, t) for r, t in zip(ratings, times, strict=True)],
        scheduler=SCHEDULER,
        day_of=day_of,
    )

    assert (report.added, report.duplicates, report.unknown_rows, report.replayed_cards) == (
        3,
        0,
        0,
        1,
    )
    expected = PLAIN.replay(
        store.cards.get("basics", "a").no, list(zip(ratings, times, strict=True))
    )
    card = store.cards.get("basics", "a")
    assert card.schedule == expected[-1] and card.reps == 3
    log = store.reviews.of_card("basics", "a")
    assert [r.after for r in log] == expected
    assert [r.before for r in log] == [None, *expected[:-1]]
    assert [r.day for r in log] == [date(2026, 11, 25)] * 2 + [date(2026, 11, 28)]


def test_an_import_merges_with_reviews_already_logged(store: Store) -> None:
    card = store.cards.get("basics", "a")
    local = PLAIN.review(card.no, None, Rating.AGAIN, NOW + timedelta(minutes=5))
    store.reviews.record(
        "basics",
        "a",
        rating=Rating.AGAIN,
        reviewed_at=NOW + timedelta(minutes=5),
        day=NOW.date(),
        outcome=lambda *_: local,
    )
    store.reviews.import_reviews(
        [imported("a", Rating.GOOD, NOW), imported("a", Rating.EASY, NOW + timedelta(days=1))],
        scheduler=SCHEDULER,
        day_of=day_of,
    )

    history = [
        (Rating.GOOD, NOW),
        (Rating.AGAIN, NOW + timedelta(minutes=5)),
        (Rating.EASY, NOW + timedelta(days=1)),
    ]
    expected = PLAIN.replay(card.no, history)
    assert store.cards.get("basics", "a").schedule == expected[-1]
    assert [r.rating for r in store.reviews.of_card("basics", "a")] == [r for r, _ in history]
    # The log stays consistent with the card, so the newest review can still be undone.
    store.reviews.undo(store.reviews.of_card("basics", "a")[-1].review_id)
    assert store.cards.get("basics", "a").schedule == expected[1]


def test_duplicates_are_skipped_by_review_id_or_by_card_and_time(store: Store) -> None:
    rows = [
        imported("a", Rating.GOOD, NOW, review_id="AB" * 16),
        imported("a", Rating.GOOD, NOW + timedelta(days=2)),
    ]
    store.reviews.import_reviews(rows, scheduler=SCHEDULER, day_of=day_of)
    again = [
        imported("a", Rating.EASY, NOW + timedelta(days=9), review_id="ab" * 16),  # same id
        imported("a", Rating.HARD, NOW + timedelta(days=2)),  # same card and time, no id
        imported("b", Rating.HARD, NOW + timedelta(days=2)),  # another card: new
    ]

    report = store.reviews.import_reviews(again, scheduler=SCHEDULER, day_of=day_of)

    assert (report.added, report.duplicates, report.replayed_cards) == (1, 2, 1)
    assert "ab" * 16 in [r.review_id for r in store.reviews.all()]
    assert [r.rating for r in store.reviews.of_card("basics", "a")] == [Rating.GOOD, Rating.GOOD]


def test_rows_for_cards_not_installed_are_skipped_and_named(store: Store) -> None:
    rows = [
        imported("zzz", Rating.GOOD, NOW),
        imported("zzz", Rating.GOOD, NOW + timedelta(days=1)),
        ImportedReview(deck_id="other", card_id="a", rating=Rating.GOOD, reviewed_at=NOW),
    ]
    report = store.reviews.import_reviews(rows, scheduler=SCHEDULER, day_of=day_of)
    assert (report.added, report.unknown_rows) == (0, 3)
    assert report.unknown_cards == (("basics", "zzz"), ("other", "a"))


def test_cram_rows_default_to_not_applied_and_leave_the_schedule(store: Store) -> None:
    rows = [
        imported("a", Rating.EASY, NOW),
        imported("a", Rating.AGAIN, NOW + timedelta(hours=1), mode=ReviewMode.CRAM),
        imported("a", Rating.AGAIN, NOW + timedelta(hours=2), mode=ReviewMode.CRAM, applied=True),
    ]
    store.reviews.import_reviews(rows, scheduler=SCHEDULER, day_of=day_of)

    log = store.reviews.of_card("basics", "a")
    assert [r.applied for r in log] == [True, False, True]
    assert log[1].before == log[1].after == log[0].after
    number = store.cards.get("basics", "a").no
    expected = PLAIN.replay(number, [(Rating.EASY, NOW), (Rating.AGAIN, NOW + timedelta(hours=2))])
    assert store.cards.get("basics", "a").schedule == expected[-1]
    assert store.cards.get("basics", "a").reps == 2


def test_a_reset_card_replays_only_reviews_after_the_reset(store: Store) -> None:
    store.reviews.import_reviews(
        [imported("a", Rating.EASY, NOW)], scheduler=SCHEDULER, day_of=day_of
    )
    store.cards.reset("basics", "a", now=NOW + timedelta(days=1))
    later = NOW + timedelta(days=2)
    store.reviews.import_reviews(
        [imported("a", Rating.GOOD, later)], scheduler=SCHEDULER, day_of=day_of
    )

    number = store.cards.get("basics", "a").no
    assert (
        store.cards.get("basics", "a").schedule == PLAIN.replay(number, [(Rating.GOOD, later)])[-1]
    )
    assert store.cards.get("basics", "a").reps == 1


def test_a_malformed_review_id_refuses_the_whole_import(store: Store) -> None:
    rows = [imported("a", Rating.GOOD, NOW), imported("b", Rating.GOOD, NOW, review_id="xyz")]
    with pytest.raises(RefusedError, match="'xyz'"):
        store.reviews.import_reviews(rows, scheduler=SCHEDULER, day_of=day_of)
    assert store.figures.review_totals() == {}


reviews = st.lists(
    st.tuples(
        st.sampled_from(list(Rating)),
        st.integers(min_value=0, max_value=60 * 86_400),
        st.booleans(),
    ),
    min_size=1,
    max_size=10,
)


@settings(max_examples=30, deadline=None)
@given(reviews, st.integers(min_value=0, max_value=10))
def test_importing_in_any_split_and_order_gives_one_replay(
    rows: list[tuple[Rating, int, bool]], split: int
) -> None:
    history = [
        imported("a", rating, NOW + timedelta(seconds=offset), applied=applied)
        for rating, offset, applied in rows
    ]
    with (
        tempfile.TemporaryDirectory() as scratch,
        connect(Path(scratch) / "db.sqlite3", backups_dir=Path(scratch)) as store,
    ):
        store.decks.install(DECK, source="file", content_hash="h", now=NOW)
        # Two imports, the second one repeating everything and listed backwards.
        store.reviews.import_reviews(history[:split], scheduler=SCHEDULER, day_of=day_of)
        store.reviews.import_reviews(history[::-1], scheduler=SCHEDULER, day_of=day_of)

        log = store.reviews.of_card("basics", "a")
        distinct = sorted({row.reviewed_at for row in history})
        assert [r.reviewed_at for r in log] == distinct
        applied = [(r.rating, r.reviewed_at) for r in log if r.applied]
        number = store.cards.get("basics", "a").no
        expected = PLAIN.replay(number, applied)
        card = store.cards.get("basics", "a")
        assert card.schedule == (expected[-1] if expected else None)
        assert card.reps == len(expected)
        assert [r.after for r in log if r.applied] == expected


offsets = st.builds(
    lambda minutes: timezone(timedelta(minutes=minutes)),
    st.integers(min_value=-(23 * 60 + 59), max_value=23 * 60 + 59),
)
"""The offsets ISO 8601 can write: whole minutes, under a day."""


@settings(max_examples=60, deadline=None)
@given(
    st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30), timezones=offsets),
    st.integers(min_value=0, max_value=23),
)
@example(LATEST, 23)
@example(EARLIEST, 23)
@example(datetime(9999, 12, 31, 23, 59, 59, tzinfo=timezone(timedelta(hours=-5))), 4)
def test_a_time_that_a_review_file_accepts_imports_and_replays(
    moment: datetime, day_start_hour: int
) -> None:
    row = {"deck_id": "basics", "card_id": "a", "rating": 4, "reviewed_at": moment.isoformat()}
    try:
        parsed = parse_review(row)
    except RowProblems as refused:
        assert refused.problems == [
            f"reviewed_at: '{moment.isoformat()}' is out of range: must be from 1970 to 9000 (UTC)"
        ]
        assert not EARLIEST <= moment <= LATEST
        return
    zone = moment.tzinfo
    # Reviews a day apart at the edge of the range, each adding its interval to its time.
    history = [
        parsed,
        *(
            ImportedReview("basics", "a", Rating.EASY, parsed.reviewed_at - timedelta(days=days))
            for days in (1, 2)
            if parsed.reviewed_at - timedelta(days=days) >= EARLIEST
        ),
    ]
    with (
        tempfile.TemporaryDirectory() as scratch,
        connect(Path(scratch) / "db.sqlite3", backups_dir=Path(scratch)) as store,
    ):
        store.decks.install(DECK, source="file", content_hash="h", now=NOW)
        report = store.reviews.import_reviews(
            history,
            scheduler=PLAIN,
            day_of=lambda at: app_day(at, day_start_hour, zone),
        )
        assert report.added == len(history)
        assert store.cards.get("basics", "a").schedule is not None
