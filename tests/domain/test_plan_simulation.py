"""The plan against a simulated learner whose recall follows FSRS.

A population of cards, some new and some reviewed before, 14 days before an interview,
15 minutes a day. The learner recalls a card with the chance FSRS gives it at that
moment; a recalled card is graded Good, a forgotten one Again and then Good at its
relearning step; a new card is met, graded Good, and graded Good again at its learning
step. Each card's recall at the interview is read from FSRS's own scheduler.

Two claims are checked over many runs: following the plan ends with a higher mean recall
at the interview than the ordinary drill on the same budget, and the figures the planner
predicts for both match what the simulation gives, within ``TOLERANCE``.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import fsrs
import pytest

from prepdeck.prep.plan import (
    NEW_CARD_SHOWINGS,
    Layout,
    PlanCard,
    lay_out,
    ordinary_drill,
)
from prepdeck.srs.memory import Memory
from prepdeck.srs.scheduler import SrsScheduler

NOW = datetime(2026, 5, 4, 9, 0, tzinfo=UTC)
INTERVIEW = NOW + timedelta(days=14, hours=5)
HORIZON = 14
DAYS = 15
BUDGET_SECONDS = 15 * 60.0
RUNS = 40
TOLERANCE = 0.02
"""How far the predicted mean recall at the interview may be from the simulated one."""

STEP = timedelta(minutes=10)


@dataclass
class SimCard:
    plan: PlanCard
    fsrs_card: fsrs.Card | None


def population(seed: int = 7) -> list[SimCard]:
    """60 new cards and 60 reviewed ones, of mixed strength and age."""
    chance = random.Random(seed)
    cards: list[SimCard] = []
    for no in range(1, 61):
        cards.append(SimCard(PlanCard(no, None, 0, 0, 60.0), None))
    for no in range(61, 121):
        stability = chance.choice([0.5, 1.5, 3.0, 6.0, 15.0, 40.0])
        difficulty = chance.uniform(3.0, 8.0)
        ago = chance.randint(1, 30)
        last = NOW - timedelta(days=ago, hours=2)
        due = last + timedelta(days=max(1, round(stability)))
        card = fsrs.Card(
            card_id=no,
            state=fsrs.State.Review,
            step=None,
            stability=stability,
            difficulty=difficulty,
            due=due,
            last_review=last,
        )
        waiting = due - NOW
        due_day = 0 if waiting <= timedelta(0) else -(-waiting // timedelta(days=1))
        cards.append(
            SimCard(
                PlanCard(
                    no,
                    Memory(stability, difficulty),
                    since=(NOW - last) // timedelta(days=1),
                    to_interview=(INTERVIEW - last) // timedelta(days=1),
                    seconds=60.0,
                    due_day=due_day,
                ),
                card,
            )
        )
    return cards


class Learner:
    """Reviews cards through fsrs, recalling each with the chance FSRS predicts."""

    def __init__(self, seed: int) -> None:
        self.chance = random.Random(seed)
        self.scheduler = fsrs.Scheduler(desired_retention=0.9, enable_fuzzing=False)

    def review(self, card: fsrs.Card | None, no: int, at: datetime) -> fsrs.Card:
        scheduler = self.scheduler
        if card is None:
            met, _ = scheduler.review_card(fsrs.Card(card_id=no, due=at), fsrs.Rating.Good, at)
            learned, _ = scheduler.review_card(met, fsrs.Rating.Good, at + STEP)
            return learned
        recall = scheduler.get_card_retrievability(card, at)
        if self.chance.random() < recall:
            return scheduler.review_card(card, fsrs.Rating.Good, at)[0]
        lapsed, _ = scheduler.review_card(card, fsrs.Rating.Again, at)
        return scheduler.review_card(lapsed, fsrs.Rating.Good, at + STEP)[0]

    def recall_at_interview(self, cards: Sequence[fsrs.Card | None]) -> float:
        total = sum(
            0.0 if card is None else self.scheduler.get_card_retrievability(card, INTERVIEW)
            for card in cards
        )
        return total / len(cards)


def follow(layout: Layout, cards: list[SimCard], learner: Learner) -> float:
    """The mean recall at the interview after reviewing each day's planned cards."""
    by_no = {card.plan.no: index for index, card in enumerate(cards)}
    state: list[fsrs.Card | None] = [card.fsrs_card for card in cards]
    for day, numbers in enumerate(layout.days):
        at = NOW + timedelta(days=day)
        for no in numbers:
            index = by_no[no]
            state[index] = learner.review(state[index], no, at)
    return learner.recall_at_interview(state)


def drill(cards: list[SimCard], learner: Learner, *, new_per_day: int = 10) -> float:
    """The ordinary drill, run for real: each day the due cards, weakest first, then new
    cards in order under the daily cap, until the day's minutes run out."""
    state: list[fsrs.Card | None] = [card.fsrs_card for card in cards]
    unseen = [index for index, card in enumerate(cards) if card.fsrs_card is None]
    for day in range(DAYS):
        at = NOW + timedelta(days=day)
        left = BUDGET_SECONDS
        due = [
            (card, index) for index, card in enumerate(state) if card is not None and card.due <= at
        ]
        due.sort(key=lambda pair: learner.scheduler.get_card_retrievability(pair[0], at))
        for _, index in due:
            if left < cards[index].plan.seconds:
                break
            state[index] = learner.review(state[index], cards[index].plan.no, at)
            left -= cards[index].plan.seconds
        allowed = new_per_day
        while unseen and allowed and left >= cards[unseen[0]].plan.seconds * NEW_CARD_SHOWINGS:
            index = unseen.pop(0)
            state[index] = learner.review(None, cards[index].plan.no, at)
            left -= cards[index].plan.seconds * NEW_CARD_SHOWINGS
            allowed -= 1
    return learner.recall_at_interview(state)


def mean_over_runs(run: Callable[[Learner], float]) -> float:
    return sum(run(Learner(seed)) for seed in range(RUNS)) / RUNS


@pytest.fixture(scope="module")
def figures() -> dict[str, float]:
    cards = population()
    model = SrsScheduler(0.9, enable_fuzzing=False).memory_model()
    plans = [card.plan for card in cards]
    capacity = [BUDGET_SECONDS] * DAYS
    layout = lay_out(model, plans, horizon=HORIZON, capacity=capacity)
    baseline = ordinary_drill(
        model,
        plans,
        horizon=HORIZON,
        capacity=capacity,
        new_per_day=10,
        new_left_today=10,
        reviews_per_day=200,
    )
    return {
        "predicted_plan": layout.expected_recall,
        "predicted_drill": baseline,
        "simulated_plan": mean_over_runs(lambda learner: follow(layout, cards, learner)),
        "simulated_drill": mean_over_runs(lambda learner: drill(cards, learner)),
    }


def test_following_the_plan_beats_the_ordinary_drill(figures: dict[str, float]) -> None:
    assert figures["simulated_plan"] > figures["simulated_drill"] + 0.05


def test_the_plans_prediction_matches_the_simulation(figures: dict[str, float]) -> None:
    assert figures["predicted_plan"] == pytest.approx(figures["simulated_plan"], abs=TOLERANCE)


def test_the_ordinary_drills_prediction_matches_the_simulation(
    figures: dict[str, float],
) -> None:
    assert figures["predicted_drill"] == pytest.approx(figures["simulated_drill"], abs=TOLERANCE)


def test_no_day_holds_more_minutes_than_the_budget() -> None:
    model = SrsScheduler(0.9, enable_fuzzing=False).memory_model()
    plans = [card.plan for card in population(seed=11)]
    capacity = [BUDGET_SECONDS] * DAYS
    capacity[0] = 200.0
    layout = lay_out(model, plans, horizon=HORIZON, capacity=capacity)
    by_no = {card.no: card for card in plans}
    for day, numbers in enumerate(layout.days):
        first_meetings = {
            no for no in numbers if by_no[no].memory is None and _first_day(layout, no) == day
        }
        seconds = sum(
            by_no[no].seconds * (NEW_CARD_SHOWINGS if no in first_meetings else 1) for no in numbers
        )
        assert seconds == pytest.approx(layout.seconds[day])
        assert seconds <= capacity[day] + 1e-6


def _first_day(layout: Layout, no: int) -> int:
    return next(day for day, numbers in enumerate(layout.days) if no in numbers)
