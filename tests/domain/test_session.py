"""The drill session: queue order, learning steps, undo, bury, suspend, commits."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from prepdeck.clock import FixedClock
from prepdeck.domain.cards import Card, Deck, Kind
from prepdeck.domain.spoken import SpokenAnswer
from prepdeck.srs import Rating, SrsScheduler, State
from prepdeck.store import ImportedReview, Store, connect
from prepdeck.study.session import Session, suggest_grade

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
SCHEDULER = SrsScheduler(enable_fuzzing=False)


def card(card_id: str, kind: Kind = Kind.QUESTION, points: int = 0) -> Card:
    return Card(
        id=card_id,
        prompt=f"Prompt {card_id}?",
        answer=f"Answer {card_id}.",
        kind=kind,
        points=tuple(f"point {n}" for n in range(points)),
    )


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "db.sqlite3"


@pytest.fixture
def store(db_path: Path, tmp_path: Path) -> Iterator[Store]:
    with connect(db_path, backups_dir=tmp_path / "backups") as opened:
        yield opened


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


def install(store: Store, deck_id: str, cards: list[Card]) -> None:
    deck = Deck(id=deck_id, title=deck_id.title(), cards=tuple(cards))
    store.decks.install(deck, source="file", content_hash=deck_id, now=NOW)


def review_history(
    store: Store, deck_id: str, card_id: str, *steps: tuple[Rating, datetime]
) -> None:
    store.reviews.import_reviews(
        [ImportedReview(deck_id, card_id, rating, at) for rating, at in steps],
        scheduler=SCHEDULER,
        day_of=lambda moment: moment.date(),
    )


def session(store: Store, clock: FixedClock, **limits: int) -> Session:
    return Session(store, SCHEDULER, clock, **limits)  # type: ignore[arg-type]


def drain(drill: Session) -> list[str]:
    seen: list[str] = []
    while drill.current is not None:
        seen.append(drill.current.card.id)
        drill.grade(Rating.EASY)
    return seen


def test_due_cards_come_first_weakest_first_then_new_cards(store: Store, clock: FixedClock) -> None:
    install(store, "deck", [card("fresh-1"), card("strong"), card("weak"), card("fresh-2")])
    # Both reviewed long ago; "weak" was last seen earlier, so its retrievability is lower.
    review_history(store, "deck", "strong", (Rating.GOOD, NOW - timedelta(days=30)))
    review_history(store, "deck", "weak", (Rating.GOOD, NOW - timedelta(days=60)))
    drill = session(store, clock)
    assert drill.current is not None and drill.current.card.id == "weak"
    assert not drill.current.is_new
    assert drain(drill)[:4] == ["weak", "strong", "fresh-1", "fresh-2"]


def test_new_cards_interleave_kinds(store: Store, clock: FixedClock) -> None:
    install(
        store,
        "deck",
        [
            card("q1"),
            card("q2"),
            card("q3"),
            card("s1", Kind.SCENARIO),
            card("s2", Kind.SCENARIO),
            card("n1", Kind.COMPANY_NEED),
        ],
    )
    assert drain(session(store, clock)) == ["q1", "s1", "n1", "q2", "s2", "q3"]


def test_daily_new_limit_holds_across_sessions(store: Store, clock: FixedClock) -> None:
    install(store, "deck", [card(f"c{n}") for n in range(8)])
    first = session(store, clock, new_per_day=3)
    assert drain(first) == ["c0", "c1", "c2"]
    again = session(store, clock, new_per_day=3)
    assert again.current is None
    clock.advance(timedelta(days=1))
    tomorrow = session(store, clock, new_per_day=3)
    assert tomorrow.current is not None and tomorrow.current.card.id == "c3"


def test_a_failed_card_comes_back_within_the_session(store: Store, clock: FixedClock) -> None:
    install(store, "deck", [card("hard-one"), card("other")])
    drill = session(store, clock)
    assert drill.current is not None and drill.current.card.id == "hard-one"
    labels = drill.reveal()
    assert labels[Rating.AGAIN] == "1m"
    drill.grade(Rating.AGAIN)
    assert drill.current is not None and drill.current.card.id == "other"
    drill.grade(Rating.EASY)
    # Nothing else is left: the learning step due in a minute is shown early.
    assert drill.current is not None and drill.current.card.id == "hard-one"
    assert drill.current.schedule is not None
    assert drill.current.schedule.state is State.LEARNING


def test_a_learning_step_due_now_comes_before_the_rest(store: Store, clock: FixedClock) -> None:
    install(store, "deck", [card("a"), card("b"), card("c")])
    drill = session(store, clock)
    drill.grade(Rating.AGAIN)  # "a" is due again in one minute
    clock.advance(timedelta(minutes=2))
    drill.grade(Rating.EASY)  # "b"
    assert drill.current is not None and drill.current.card.id == "a"


def test_steps_beyond_the_early_window_end_the_session(store: Store, clock: FixedClock) -> None:
    install(store, "deck", [card("only")])
    drill = session(store, clock)
    drill.grade(Rating.AGAIN)
    assert drill.current is not None  # back after one minute, shown early
    drill.grade(Rating.GOOD)  # the next step is ten minutes away: still within 20
    assert drill.current is not None
    drill.grade(Rating.GOOD)  # graduates to review: due in days
    assert drill.current is None


def test_grade_is_committed_before_the_next_card(
    store: Store, clock: FixedClock, db_path: Path
) -> None:
    install(store, "deck", [card("a"), card("b")])
    drill = session(store, clock)
    drill.reveal()
    drill.grade(Rating.GOOD, points_hit=0, duration_ms=4200, draft="my words")
    assert drill.current is not None and drill.current.card.id == "b"
    other = sqlite3.connect(db_path)
    try:
        rows = other.execute("SELECT card_id, rating, duration_ms, draft FROM reviews").fetchall()
        state = other.execute("SELECT state FROM cards WHERE card_id = 'a'").fetchone()
    finally:
        other.close()
    assert rows == [("a", 3, 4200, "my words")]
    assert state == (int(State.LEARNING),)


def test_a_spoken_answer_is_kept_with_its_review_and_undone_with_it(
    store: Store, clock: FixedClock, db_path: Path
) -> None:
    install(store, "deck", [card("a"), card("b")])
    drill = session(store, clock)
    drill.reveal()
    spoken = SpokenAnswer("I listened, um, first", 3.5, 4, 1, "20261125T090000-deck-a.wav")
    drill.grade(Rating.GOOD, duration_ms=4200, spoken=spoken)
    other = sqlite3.connect(db_path)
    try:
        rows = other.execute(
            "SELECT r.card_id, s.transcript, s.seconds, s.words, s.fillers, s.audio "
            "FROM spoken_answers s JOIN reviews r USING (review_id)"
        ).fetchall()
    finally:
        other.close()
    assert rows == [("a", "I listened, um, first", 3.5, 4, 1, "20261125T090000-deck-a.wav")]
    assert drill.undo()
    other = sqlite3.connect(db_path)
    try:
        assert other.execute("SELECT count(*) FROM spoken_answers").fetchone() == (0,)
    finally:
        other.close()


def test_the_applied_schedule_is_the_one_shown_at_reveal(store: Store, clock: FixedClock) -> None:
    install(store, "deck", [card("a"), card("b")])
    drill = session(store, clock)
    drill.reveal()
    clock.advance(timedelta(minutes=3))  # grading later must not change the outcome
    drill.grade(Rating.GOOD)
    expected = SCHEDULER.outcomes(store.cards.get("deck", "a").no, None, NOW)[Rating.GOOD]
    assert store.cards.get("deck", "a").schedule == expected


def test_undo_restores_the_exact_prior_state(store: Store, clock: FixedClock) -> None:
    install(store, "deck", [card("a"), card("b")])
    review_history(store, "deck", "a", (Rating.GOOD, NOW - timedelta(days=20)))
    before = store.cards.get("deck", "a")
    drill = session(store, clock)
    assert drill.current is not None and drill.current.card.id == "a"
    drill.grade(Rating.AGAIN)
    assert store.cards.get("deck", "a").schedule != before.schedule
    assert drill.undo()
    assert drill.current is not None and drill.current.card.id == "a"
    after = store.cards.get("deck", "a")
    assert after.schedule == before.schedule
    assert (after.reps, after.lapses) == (before.reps, before.lapses)
    assert len(store.reviews.of_card("deck", "a")) == 1
    assert drill.done == 0 and drill.grades[Rating.AGAIN] == 0


def test_undo_goes_back_several_steps(store: Store, clock: FixedClock) -> None:
    install(store, "deck", [card("a"), card("b"), card("c")])
    drill = session(store, clock)
    drill.grade(Rating.GOOD)
    drill.grade(Rating.HARD)
    assert drill.undo() and drill.current is not None and drill.current.card.id == "b"
    assert drill.undo() and drill.current is not None and drill.current.card.id == "a"
    assert not drill.undo()
    assert store.figures.review_totals() == {}
    assert drain(drill)[:3] == ["a", "b", "c"]


def test_bury_hides_until_tomorrow(store: Store, clock: FixedClock) -> None:
    install(store, "deck", [card("a"), card("b")])
    drill = session(store, clock)
    drill.bury()
    assert drill.current is not None and drill.current.card.id == "b"
    assert session(store, clock).current is not None
    assert [c for c in drain(session(store, clock))] == ["b"]
    clock.advance(timedelta(days=1))
    assert session(store, clock).current is not None
    assert session(store, clock).current.card.id == "a"  # type: ignore[union-attr]


def test_suspend_keeps_a_card_out_until_undone(store: Store, clock: FixedClock) -> None:
    install(store, "deck", [card("a"), card("b")])
    drill = session(store, clock)
    drill.suspend()
    assert store.cards.get("deck", "a").suspended
    clock.advance(timedelta(days=3))
    assert drain(session(store, clock)) == ["b"]
    drill.undo()
    assert not store.cards.get("deck", "a").suspended


@pytest.mark.parametrize("put_away", [Session.bury, Session.suspend])
def test_a_new_card_put_away_frees_its_slot_for_the_next(
    store: Store, clock: FixedClock, put_away: Callable[[Session], None]
) -> None:
    install(store, "deck", [card(f"c{n}") for n in range(5)])
    drill = session(store, clock, new_per_day=3)
    put_away(drill)
    assert drill.left + 1 == 3
    assert drain(drill) == ["c1", "c2", "c3"]
    assert session(store, clock, new_per_day=3).current is None


@pytest.mark.parametrize("put_away", [Session.bury, Session.suspend])
def test_undoing_a_put_away_takes_the_slot_back(
    store: Store, clock: FixedClock, put_away: Callable[[Session], None]
) -> None:
    install(store, "one", [card(f"a{n}") for n in range(3)])
    install(store, "two", [card(f"b{n}") for n in range(3)])
    drill = session(store, clock, new_per_day=3)
    put_away(drill)
    drill.grade(Rating.EASY)
    assert drill.undo() and drill.undo()
    assert drain(drill) == ["a0", "b0", "a1"]


def test_skip_shows_the_card_after_the_rest(store: Store, clock: FixedClock) -> None:
    install(store, "deck", [card("a"), card("b"), card("c")])
    drill = session(store, clock)
    drill.skip()
    assert drain(drill) == ["b", "c", "a"]


def test_deck_choice_limits_the_queue(store: Store, clock: FixedClock) -> None:
    install(store, "one", [card("a")])
    install(store, "two", [card("b")])
    drill = Session(store, SCHEDULER, clock, deck_ids=["two"])
    assert drain(drill) == ["b"]


def test_summary_counts_grades_and_time(store: Store, clock: FixedClock) -> None:
    install(store, "deck", [card("a"), card("b")])
    drill = session(store, clock)
    drill.grade(Rating.GOOD, duration_ms=30_000)
    drill.grade(Rating.EASY, duration_ms=15_000)
    summary = drill.summary()
    assert summary.done == 2
    assert summary.seconds == 45
    assert summary.grades[Rating.GOOD] == 1 and summary.grades[Rating.EASY] == 1
    assert summary.next_due is not None and summary.next_due > NOW


@pytest.mark.parametrize(
    ("hit", "total", "expected"),
    [
        (0, 4, Rating.AGAIN),
        (1, 4, Rating.HARD),
        (2, 4, Rating.GOOD),
        (4, 4, Rating.GOOD),
        (1, 3, Rating.HARD),
        (2, 3, Rating.GOOD),
        (0, 0, None),
    ],
)
def test_suggested_grade(hit: int, total: int, expected: Rating | None) -> None:
    assert suggest_grade(hit, total) == expected


def test_a_chosen_card_comes_first_even_when_not_due(store: Store, clock: FixedClock) -> None:
    install(store, "deck", [card("a"), card("b"), card("later")])
    review_history(store, "deck", "later", (Rating.EASY, NOW - timedelta(hours=1)))
    drill = Session(store, SCHEDULER, clock, first_card=("deck", "later"))
    assert drain(drill) == ["later", "a", "b"]


def test_the_review_cap_holds_across_decks(store: Store, clock: FixedClock) -> None:
    # Four decks with three due cards each, and a global cap of five reviews a day: the
    # decks' shares together must not exceed it.
    for deck_number in range(4):
        deck_id = f"deck-{deck_number}"
        install(store, deck_id, [card(f"c{n}") for n in range(3)])
        for n in range(3):
            review_history(
                store, deck_id, f"c{n}", (Rating.EASY, NOW - timedelta(days=20 + n + deck_number))
            )
    drill = session(store, clock, reviews_per_day=5, new_per_day=0)
    assert len(drain(drill)) == 5
    assert session(store, clock, reviews_per_day=5, new_per_day=0).current is None


def test_a_decks_own_review_cap_leaves_room_for_the_weakest_of_the_others(
    store: Store, clock: FixedClock
) -> None:
    install(store, "capped", [card(f"c{n}") for n in range(4)])
    install(store, "open", [card(f"o{n}") for n in range(2)])
    # The capped deck's cards are the weakest of all, so they fill the first fetch.
    for n in range(4):
        review_history(store, "capped", f"c{n}", (Rating.EASY, NOW - timedelta(days=90 + n)))
    for n in range(2):
        review_history(store, "open", f"o{n}", (Rating.EASY, NOW - timedelta(days=30 + n)))
    store.decks.set_limits("capped", new_per_day=None, reviews_per_day=1)
    seen = drain(session(store, clock, reviews_per_day=3, new_per_day=0))
    assert seen == ["c3", "o1", "o0"]


def test_undo_of_a_card_back_from_a_step_does_not_queue_it_twice(
    store: Store, clock: FixedClock
) -> None:
    install(store, "deck", [card("a"), card("b")])
    drill = session(store, clock)
    drill.grade(Rating.GOOD)  # "a"
    drill.grade(Rating.AGAIN)  # "b": nothing else is left, so it is shown again early
    assert drill.current is not None and drill.current.card.id == "b"
    left_before = drill.left
    assert drill.undo()
    assert drill.current is not None and drill.current.card.id == "b"
    assert drill.current.is_new
    assert drill.left == left_before
    seen = drain(drill)
    assert seen.count("b") == 1


def test_undo_of_a_skip_of_the_last_card_does_not_queue_it_twice(
    store: Store, clock: FixedClock
) -> None:
    install(store, "deck", [card("only")])
    drill = session(store, clock)
    drill.skip()
    assert drill.current is not None and drill.current.card.id == "only"
    assert drill.undo()
    assert drill.left == 0
    assert drain(drill) == ["only"]


def test_a_learning_step_left_by_an_earlier_session_comes_back(
    store: Store, clock: FixedClock
) -> None:
    install(store, "deck", [card("stepped"), card("other")])
    first = session(store, clock)
    first.grade(Rating.AGAIN)  # "stepped" is due again in a minute
    # The user quits and opens a new session ten seconds later.
    clock.advance(timedelta(seconds=10))
    second = session(store, clock)
    assert second.current is not None and second.current.card.id == "other"
    second.grade(Rating.EASY)
    # Nothing else is left, and the step is due within the early window.
    assert second.current is not None and second.current.card.id == "stepped"


def test_a_learning_step_due_later_today_waits_for_its_time(
    store: Store, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Without an early window, a step one minute away is "later today".
    monkeypatch.setattr("prepdeck.study.session.EARLY_WINDOW", timedelta(0))
    install(store, "deck", [card("stepped")])
    session(store, clock).grade(Rating.AGAIN)
    clock.advance(timedelta(seconds=10))
    later = session(store, clock)
    assert later.current is None
    assert later.left == 1
    clock.advance(timedelta(minutes=1))
    due_now = session(store, clock)
    assert due_now.current is not None and due_now.current.card.id == "stepped"
