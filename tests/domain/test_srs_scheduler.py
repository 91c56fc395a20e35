"""The FSRS wrapper gives exactly what the fsrs package computes, in our own types."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import fsrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prepdeck.srs import CardState, Rating, SrsScheduler, State, is_lapse

START = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)

# A review history: ratings with the wait before each review (seconds to months).
histories = st.lists(
    st.tuples(
        st.sampled_from(list(Rating)),
        st.integers(min_value=1, max_value=200 * 86_400),
    ),
    min_size=1,
    max_size=12,
)


def fsrs_card(number: int, state: CardState | None, now: datetime) -> fsrs.Card:
    if state is None:
        return fsrs.Card(card_id=number, due=now)
    return fsrs.Card(
        card_id=number,
        state=fsrs.State(int(state.state)),
        step=state.step,
        stability=state.stability,
        difficulty=state.difficulty,
        due=state.due,
        last_review=state.last_review,
    )


def as_state(card: fsrs.Card) -> CardState:
    return CardState(
        state=State(int(card.state)),
        step=card.step,
        stability=card.stability,
        difficulty=card.difficulty,
        due=card.due,
        last_review=card.last_review,
    )


def walk(history: list[tuple[Rating, int]]) -> list[tuple[Rating, datetime]]:
    moments = []
    now = START
    for rating, wait in history:
        now += timedelta(seconds=wait)
        moments.append((rating, now))
    return moments


@settings(max_examples=60, deadline=None)
@given(histories)
def test_outcomes_equal_what_fsrs_computes_at_every_step(history: list[tuple[Rating, int]]) -> None:
    ours = SrsScheduler(enable_fuzzing=False)
    theirs = fsrs.Scheduler(enable_fuzzing=False)
    state: CardState | None = None
    for rating, now in walk(history):
        outcomes = ours.outcomes(42, state, now)
        card = fsrs_card(42, state, now)
        expected = {
            choice: as_state(theirs.review_card(card, fsrs.Rating(int(choice)), now)[0])
            for choice in Rating
        }
        assert outcomes == expected
        state = outcomes[rating]


def test_review_applies_the_outcome_its_rating_shows() -> None:
    scheduler = SrsScheduler(enable_fuzzing=False)
    state = scheduler.review(7, None, Rating.GOOD, START)
    later = START + timedelta(days=3)
    outcomes = scheduler.outcomes(7, state, later)
    for rating in Rating:
        assert scheduler.review(7, state, rating, later) == outcomes[rating]


def test_a_new_card_enters_learning_and_easy_graduates_it() -> None:
    outcomes = SrsScheduler(enable_fuzzing=False).outcomes(1, None, START)
    assert outcomes[Rating.AGAIN].state == State.LEARNING
    assert outcomes[Rating.AGAIN].due == START + timedelta(minutes=1)
    assert outcomes[Rating.GOOD].due == START + timedelta(minutes=10)
    assert outcomes[Rating.EASY].state == State.REVIEW
    assert all(outcome.last_review == START for outcome in outcomes.values())


def test_fuzzed_outcomes_stay_within_a_few_days_of_the_plain_interval() -> None:
    random.seed(3)
    plain = SrsScheduler(enable_fuzzing=False)
    fuzzed = SrsScheduler(enable_fuzzing=True)
    state = plain.review(5, None, Rating.EASY, START)
    now = START + timedelta(days=20)
    expected = plain.outcomes(5, state, now)[Rating.GOOD].due - now
    seen = {fuzzed.outcomes(5, state, now)[Rating.GOOD].due - now for _ in range(40)}
    assert len(seen) > 1, "fuzzing changed nothing"
    assert all(abs(wait - expected) <= expected * 0.2 for wait in seen)


@settings(max_examples=40, deadline=None)
@given(histories, st.integers(min_value=0, max_value=400 * 86_400))
def test_retrievability_matches_fsrs(history: list[tuple[Rating, int]], wait: int) -> None:
    ours = SrsScheduler(desired_retention=0.85, enable_fuzzing=False)
    theirs = fsrs.Scheduler(desired_retention=0.85, enable_fuzzing=False)
    states = ours.replay(3, walk(history))
    at = walk(history)[-1][1] + timedelta(seconds=wait)
    expected = theirs.get_card_retrievability(fsrs_card(3, states[-1], at), at)
    assert ours.retrievability(states[-1], at) == pytest.approx(expected, abs=0, rel=0)


def test_a_card_never_reviewed_has_no_retrievability() -> None:
    assert SrsScheduler().retrievability(None, START) == 0.0


@settings(max_examples=60, deadline=None)
@given(histories)
def test_replay_equals_reviewing_one_by_one(history: list[tuple[Rating, int]]) -> None:
    scheduler = SrsScheduler(enable_fuzzing=True)
    one_by_one = []
    state: CardState | None = None
    plain = SrsScheduler(enable_fuzzing=False)
    for rating, now in walk(history):
        state = plain.review(9, state, rating, now)
        one_by_one.append(state)
    # The fuzzing scheduler replays without fuzz: the same history gives the same states.
    assert scheduler.replay(9, walk(history)) == one_by_one


def test_times_in_other_zones_are_converted_and_naive_ones_refused() -> None:
    scheduler = SrsScheduler(enable_fuzzing=False)
    paris = START.astimezone(timezone(timedelta(hours=1)))
    state = scheduler.review(1, None, Rating.EASY, paris)
    assert state.last_review == START
    assert state.last_review.tzinfo is UTC
    with pytest.raises(ValueError, match="naive"):
        scheduler.review(1, None, Rating.GOOD, datetime(2026, 11, 25, 9, 0))


def test_our_card_number_reaches_fsrs_and_no_clock_is_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    numbers: list[int | None] = []
    real_card = fsrs.Card

    def spying_card(card_id: int | None = None, **fields: Any) -> fsrs.Card:
        numbers.append(card_id)
        assert fields.get("due") is not None, "fsrs would read the clock for the due time"
        return real_card(card_id, **fields)

    monkeypatch.setattr(fsrs, "Card", spying_card)
    monkeypatch.setattr("time.sleep", lambda _: pytest.fail("fsrs invented a card id"))
    scheduler = SrsScheduler()
    state = scheduler.review(12345, None, Rating.GOOD, START)
    scheduler.outcomes(12345, state, START + timedelta(minutes=10))
    scheduler.replay(12345, [(Rating.GOOD, START)])
    assert numbers and set(numbers) == {12345}


def test_desired_retention_outside_zero_to_one_is_refused() -> None:
    with pytest.raises(ValueError, match="retention"):
        SrsScheduler(desired_retention=1.0)
    assert SrsScheduler(desired_retention=0.8).desired_retention == 0.8


def test_a_lapse_is_again_on_a_card_in_review() -> None:
    scheduler = SrsScheduler(enable_fuzzing=False)
    learning = scheduler.review(1, None, Rating.GOOD, START)
    review = scheduler.review(1, None, Rating.EASY, START)
    assert is_lapse(Rating.AGAIN, review)
    assert not is_lapse(Rating.HARD, review)
    assert not is_lapse(Rating.AGAIN, learning)
    assert not is_lapse(Rating.AGAIN, None)
