"""The planner's memory formulas give what fsrs itself gives for the same reviews."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import fsrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prepdeck.srs.memory import Memory, MemoryModel
from prepdeck.srs.scheduler import SrsScheduler

START = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def _fsrs() -> fsrs.Scheduler:
    return fsrs.Scheduler(desired_retention=0.9, enable_fuzzing=False)


def _model() -> MemoryModel:
    return SrsScheduler(0.9, enable_fuzzing=False).memory_model()


def test_learning_a_new_card_matches_two_good_grades_at_its_steps() -> None:
    scheduler = _fsrs()
    card = fsrs.Card(card_id=1, due=START)
    card, _ = scheduler.review_card(card, fsrs.Rating.Good, START)
    card, _ = scheduler.review_card(card, fsrs.Rating.Good, card.due)
    assert card.state is fsrs.State.Review
    learned = _model().learn()
    assert learned.stability == pytest.approx(card.stability, rel=1e-12)
    assert learned.difficulty == pytest.approx(card.difficulty, rel=1e-12)


def _in_review(stability: float, difficulty: float, last: datetime) -> fsrs.Card:
    return fsrs.Card(
        card_id=1,
        state=fsrs.State.Review,
        step=None,
        stability=stability,
        difficulty=difficulty,
        due=last + timedelta(days=1),
        last_review=last,
    )


@settings(max_examples=200, deadline=None)
@given(
    stability=st.floats(0.05, 400.0),
    difficulty=st.floats(1.0, 10.0),
    days=st.integers(1, 400),
)
def test_a_recalled_review_matches_fsrs(stability: float, difficulty: float, days: int) -> None:
    scheduler = _fsrs()
    at = START + timedelta(days=days, hours=1)
    expected, _ = scheduler.review_card(
        _in_review(stability, difficulty, START), fsrs.Rating.Good, at
    )
    model = _model()
    recall = model.recall(stability, days)
    assert recall == pytest.approx(
        scheduler.get_card_retrievability(_in_review(stability, difficulty, START), at),
        rel=1e-12,
    )
    got = model.recalled(Memory(stability, difficulty), recall)
    assert got.stability == pytest.approx(expected.stability, rel=1e-9)
    assert got.difficulty == pytest.approx(expected.difficulty, rel=1e-9)
    assert model.interval_days(got.stability) == (expected.due - at).days


@settings(max_examples=200, deadline=None)
@given(
    stability=st.floats(0.05, 400.0),
    difficulty=st.floats(1.0, 10.0),
    days=st.integers(1, 400),
)
def test_a_lapse_and_its_relearning_step_match_fsrs(
    stability: float, difficulty: float, days: int
) -> None:
    scheduler = _fsrs()
    at = START + timedelta(days=days, hours=1)
    card, _ = scheduler.review_card(_in_review(stability, difficulty, START), fsrs.Rating.Again, at)
    assert card.state is fsrs.State.Relearning
    card, _ = scheduler.review_card(card, fsrs.Rating.Good, card.due)
    assert card.state is fsrs.State.Review
    model = _model()
    got = model.lapsed(Memory(stability, difficulty), model.recall(stability, days))
    assert got.stability == pytest.approx(card.stability, rel=1e-9)
    assert got.difficulty == pytest.approx(card.difficulty, rel=1e-9)


def test_fitted_parameters_are_used() -> None:
    weights = list(fsrs.scheduler.DEFAULT_PARAMETERS)
    weights[2] = 5.0
    model = SrsScheduler(0.9, parameters=weights).memory_model()
    assert model.learn().stability > _model().learn().stability


def test_a_parameter_set_of_the_wrong_size_is_refused() -> None:
    with pytest.raises(ValueError, match="21 parameters"):
        MemoryModel([0.1] * 19, 0.9)
