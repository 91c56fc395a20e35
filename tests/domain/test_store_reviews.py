"""The review log: a grade is one transaction, undo restores the exact schedule before it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from prepdeck.domain.cards import Card, Deck
from prepdeck.errors import NotFoundError, RefusedError
from prepdeck.srs import CardState, Rating, SrsScheduler, State
from prepdeck.store import RetentionCounts, Review, ReviewMode, Store, connect

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
TODAY = date(2026, 11, 25)
SCHEDULER = SrsScheduler(enable_fuzzing=False)
DECK = Deck(
    id="basics",
    title="Basics",
    cards=tuple(Card(id=name, prompt=f"{name}?", answer="Yes.") for name in ("a", "b", "c")),
)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with connect(tmp_path / "db.sqlite3", backups_dir=tmp_path / "backups") as opened:
        opened.decks.install(DECK, source="file", content_hash="h", now=NOW)
        yield opened


def grade(
    store: Store,
    card_id: str,
    rating: Rating,
    at: datetime,
    *,
    mode: ReviewMode = ReviewMode.DRILL,
    applied: bool = True,
    duration_ms: int | None = 1000,
) -> tuple[str, CardState]:
    """What the drill does: outcomes at reveal, then the chosen one recorded."""
    current = store.cards.get("basics", card_id)
    outcomes = SCHEDULER.outcomes(current.no, current.schedule, at)
    recorded = store.reviews.record(
        "basics",
        card_id,
        rating=rating,
        reviewed_at=at,
        day=at.date(),
        outcome=lambda *_: outcomes[rating],
        mode=mode,
        applied=applied,
        duration_ms=duration_ms,
        points_hit=1,
        points_total=2,
        draft="my draft",
    )
    return recorded.review_id, outcomes[rating]


def logged(store: Store, review_id: str) -> Review | None:
    """The review ``review_id`` as the log gives it back, or None when it holds none."""
    found = [review for review in store.reviews.all() if review.review_id == review_id]
    assert len(found) <= 1
    return found[0] if found else None


def undo_latest(store: Store, deck_id: str, card_id: str) -> Review | None:
    """Undo a card's latest review, as the drill's undo does; None when it has none."""
    log = store.reviews.of_card(deck_id, card_id)
    return store.reviews.undo(log[-1].review_id) if log else None


def test_record_applies_the_outcome_and_logs_every_field(store: Store) -> None:
    review_id, outcome = grade(store, "a", Rating.GOOD, NOW)

    assert len(review_id) == 32 and int(review_id, 16) >= 0
    card = store.cards.get("basics", "a")
    assert card.schedule == outcome and card.reps == 1 and card.lapses == 0
    review = logged(store, review_id)
    assert review is not None
    assert (review.deck_id, review.card_id, review.rating) == ("basics", "a", Rating.GOOD)
    assert (review.reviewed_at, review.day, review.mode, review.applied) == (
        NOW,
        TODAY,
        ReviewMode.DRILL,
        True,
    )
    assert (review.duration_ms, review.points_hit, review.points_total) == (1000, 1, 2)
    assert review.before is None and review.after == outcome and review.draft == "my draft"


def test_a_cram_review_not_applied_leaves_the_schedule_and_logs_it_unchanged(
    store: Store,
) -> None:
    _, first = grade(store, "a", Rating.EASY, NOW)
    review_id, _ = grade(
        store, "a", Rating.AGAIN, NOW + timedelta(hours=2), mode=ReviewMode.CRAM, applied=False
    )

    card = store.cards.get("basics", "a")
    assert card.schedule == first and card.reps == 1 and card.lapses == 0
    review = logged(store, review_id)
    assert review is not None and not review.applied
    assert review.before == review.after == first


def test_a_cram_review_of_a_new_card_logs_no_schedule(store: Store) -> None:
    review_id, _ = grade(store, "b", Rating.GOOD, NOW, mode=ReviewMode.CRAM, applied=False)
    review = logged(store, review_id)
    assert review is not None and review.before is None and review.after is None
    assert store.cards.get("basics", "b").schedule is None


def test_lapses_count_again_on_a_card_in_review(store: Store) -> None:
    grade(store, "a", Rating.EASY, NOW)
    grade(store, "a", Rating.AGAIN, NOW + timedelta(days=10))
    card = store.cards.get("basics", "a")
    assert (card.reps, card.lapses) == (2, 1)
    assert card.schedule is not None and card.schedule.state == State.RELEARNING


def test_undo_restores_the_exact_schedule_counts_and_log(store: Store) -> None:
    grade(store, "a", Rating.EASY, NOW)
    before = store.cards.get("basics", "a")
    log_before = store.reviews.of_card("basics", "a")
    review_id, _ = grade(store, "a", Rating.AGAIN, NOW + timedelta(days=10))

    undone = store.reviews.undo(review_id)

    assert undone.review_id == review_id and undone.rating == Rating.AGAIN
    assert store.cards.get("basics", "a") == before
    assert store.reviews.of_card("basics", "a") == log_before
    assert logged(store, review_id) is None


def test_undo_of_a_first_review_makes_the_card_new_again(store: Store) -> None:
    grade(store, "c", Rating.GOOD, NOW)
    undone = undo_latest(store, "basics", "c")
    assert undone is not None and undone.before is None
    card = store.cards.get("basics", "c")
    assert card.schedule is None and card.reps == 0
    assert undo_latest(store, "basics", "c") is None


def test_a_session_undoes_its_reviews_newest_first(store: Store) -> None:
    session = [
        grade(store, card_id, Rating.GOOD, NOW + timedelta(minutes=i))[0]
        for i, card_id in enumerate("abc")
    ]
    session.append(grade(store, "a", Rating.GOOD, NOW + timedelta(minutes=10))[0])
    while session:
        store.reviews.undo(session.pop())
    assert store.figures.review_totals() == {}
    assert all(c.schedule is None and c.reps == 0 for c in store.decks.cards("basics"))


def test_only_the_latest_review_of_a_card_can_be_undone(store: Store) -> None:
    first, _ = grade(store, "a", Rating.GOOD, NOW)
    grade(store, "a", Rating.GOOD, NOW + timedelta(minutes=10))
    with pytest.raises(RefusedError, match="later review"):
        store.reviews.undo(first)
    assert len(store.reviews.of_card("basics", "a")) == 2


def test_undo_is_refused_once_the_card_was_reset(store: Store) -> None:
    review_id, _ = grade(store, "a", Rating.GOOD, NOW)
    store.cards.reset("basics", "a", now=NOW + timedelta(hours=1))
    with pytest.raises(RefusedError, match="changed since"):
        store.reviews.undo(review_id)
    assert store.cards.get("basics", "a").schedule is None


def test_a_grade_builds_on_the_schedule_read_when_it_is_written(store: Store) -> None:
    card = store.cards.get("basics", "a")
    shown = SCHEDULER.outcomes(card.no, None, NOW)  # the grade bar of a second window
    _, first = grade(store, "a", Rating.GOOD, NOW)  # the first window grades the card
    later = NOW + timedelta(minutes=1)
    seen: list[CardState | None] = []

    def outcome(before: CardState | None, at: datetime) -> CardState:
        seen.append(before)
        return SCHEDULER.review(card.no, before, Rating.EASY, at)

    recorded = store.reviews.record(
        "basics", "a", rating=Rating.EASY, reviewed_at=later, day=TODAY, outcome=outcome
    )

    assert seen == [first] and recorded.before == first
    assert recorded.after == SCHEDULER.review(card.no, first, Rating.EASY, later)
    assert recorded.after != shown[Rating.EASY]
    assert store.cards.get("basics", "a").schedule == recorded.after
    assert store.cards.get("basics", "a").reps == 2
    log = store.reviews.of_card("basics", "a")
    assert [(r.before, r.after) for r in log] == [(None, first), (first, recorded.after)]


def test_a_grade_shown_before_another_is_logged_just_after_that_one_and_on_its_day(
    store: Store,
) -> None:
    number = store.cards.get("basics", "a").no
    shown_at = datetime(2026, 11, 25, 3, 59, tzinfo=UTC)  # before a 04:00 day start
    elsewhere_at = shown_at + timedelta(minutes=2)  # the next app day
    store.reviews.record(
        "basics",
        "a",
        rating=Rating.GOOD,
        reviewed_at=elsewhere_at,
        day=TODAY,
        outcome=lambda before, at: SCHEDULER.review(number, before, Rating.GOOD, at),
    )
    recorded = store.reviews.record(
        "basics",
        "a",
        rating=Rating.HARD,
        reviewed_at=shown_at,
        day=TODAY - timedelta(days=1),
        outcome=lambda before, at: SCHEDULER.review(number, before, Rating.HARD, at),
    )
    just_after = elsewhere_at + timedelta(microseconds=1)
    assert recorded.reviewed_at == just_after
    log = store.reviews.of_card("basics", "a")
    assert [(r.rating, r.reviewed_at, r.day) for r in log] == [
        (Rating.GOOD, elsewhere_at, TODAY),
        (Rating.HARD, just_after, TODAY),
    ]
    replayed = SCHEDULER.replay(number, [(r.rating, r.reviewed_at) for r in log])
    assert store.cards.get("basics", "a").schedule == replayed[-1]


def scheduled(number: int, rating: Rating) -> Callable[[CardState | None, datetime], CardState]:
    """The outcome a grade builds on the schedule it reads, at the moment it is logged."""
    return lambda before, at: SCHEDULER.review(number, before, rating, at)


@pytest.mark.parametrize("second_shown", [NOW, NOW - timedelta(seconds=30)])
def test_two_windows_grading_a_card_at_once_log_it_as_replay_and_undo_read_it(
    tmp_path: Path, second_shown: datetime
) -> None:
    # Review ids are random: over several cards, a log ordered by them rather than by
    # the grades' order would replay some pairs the other way round.
    with connect(tmp_path / "db.sqlite3", backups_dir=tmp_path / "backups") as store:
        many = Deck(
            id="basics",
            title="Basics",
            cards=tuple(Card(id=f"c{n}", prompt=f"{n}?", answer="Yes.") for n in range(12)),
        )
        store.decks.install(many, source="file", content_hash="h", now=NOW)
        for card in many.cards:
            number = store.cards.get("basics", card.id).no
            for rating, at in ((Rating.GOOD, NOW), (Rating.AGAIN, second_shown)):
                last = store.reviews.record(
                    "basics",
                    card.id,
                    rating=rating,
                    reviewed_at=at,
                    day=TODAY,
                    outcome=scheduled(number, rating),
                ).review_id
            stored = store.cards.get("basics", card.id).schedule
            assert store.reviews.of_card("basics", card.id)[-1].review_id == last
            store.reviews.replay([("basics", card.id)], scheduler=SCHEDULER)
            assert store.cards.get("basics", card.id).schedule == stored
            assert store.reviews.undo(last).rating == Rating.AGAIN


def test_a_review_not_applied_logs_the_schedule_read_when_it_is_written(store: Store) -> None:
    _, first = grade(store, "a", Rating.GOOD, NOW)
    recorded = store.reviews.record(
        "basics",
        "a",
        rating=Rating.AGAIN,
        reviewed_at=NOW,
        day=TODAY,
        outcome=None,
        mode=ReviewMode.CRAM,
        applied=False,
    )
    assert recorded.before == recorded.after == first
    assert store.reviews.of_card("basics", "a")[-1].before == first
    assert store.cards.get("basics", "a").schedule == first
    with pytest.raises(ValueError, match="needs the schedule after"):
        store.reviews.record(
            "basics", "b", rating=Rating.GOOD, reviewed_at=NOW, day=TODAY, outcome=None
        )
    assert store.figures.review_totals() == {"basics": 2}


def test_unknown_cards_and_reviews_are_reported(store: Store) -> None:
    outcome = SCHEDULER.review(1, None, Rating.GOOD, NOW)
    for applied in (True, False):
        with pytest.raises(NotFoundError, match="'zzz'"):
            store.reviews.record(
                "basics",
                "zzz",
                rating=Rating.GOOD,
                reviewed_at=NOW,
                day=TODAY,
                outcome=lambda *_: outcome,
                applied=applied,
            )
    with pytest.raises(NotFoundError, match="no review"):
        store.reviews.undo("0" * 32)
    assert store.figures.review_totals() == {}


def test_log_queries_for_stats_and_export(store: Store) -> None:
    yesterday = NOW - timedelta(days=1)
    grade(store, "b", Rating.GOOD, NOW + timedelta(hours=1), duration_ms=4000)
    grade(store, "a", Rating.EASY, yesterday, duration_ms=None)
    grade(store, "a", Rating.GOOD, NOW, duration_ms=2000)

    assert [(r.card_id, r.reviewed_at) for r in store.reviews.all()] == [
        ("a", yesterday),
        ("a", NOW),
        ("b", NOW + timedelta(hours=1)),
    ]
    assert [r.card_id for r in store.reviews.all() if r.day == TODAY] == ["a", "b"]
    assert store.figures.day_figures(yesterday.date()) == {"basics": (1, 0)}
    assert store.figures.day_figures(TODAY) == {"basics": (2, 6000)}
    assert store.figures.review_days() == [TODAY, yesterday.date()]
    assert store.figures.review_days(since=TODAY) == [TODAY]
    assert store.figures.review_totals() == {"basics": 3}
    assert store.reviews.of_card("basics", "a")[-1].reviewed_at == NOW


def test_true_retention_counts_applied_reviews_of_cards_in_review(store: Store) -> None:
    assert store.figures.retention_by_deck(NOW - timedelta(days=30)) == {}
    assert RetentionCounts(0, 0).share is None
    grade(store, "a", Rating.EASY, NOW - timedelta(days=40))
    grade(store, "a", Rating.GOOD, NOW - timedelta(days=20))  # review state: counts, passed
    grade(store, "b", Rating.EASY, NOW - timedelta(days=20))  # new before: left out
    grade(store, "b", Rating.AGAIN, NOW - timedelta(days=5))  # review state: counts, failed
    grade(store, "a", Rating.AGAIN, NOW, mode=ReviewMode.CRAM, applied=False)  # not applied

    counts = store.figures.retention_by_deck(NOW - timedelta(days=30))["basics"]

    assert (counts.reviews, counts.passed, counts.share) == (2, 1, 0.5)
    assert store.figures.retention_by_deck(NOW - timedelta(days=10))["basics"].reviews == 1
