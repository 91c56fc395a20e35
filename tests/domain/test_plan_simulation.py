"""The plan against a simulated learner whose recall follows FSRS (the simulation is
``benchmarks/plan_simulation.py``, which also prints the table of ``docs/planning.md``).

14 days before an interview, 15 minutes a day, 60 new cards and 60 reviewed ones. Over
40 runs of the learner: following the plan ends with a higher mean recall at the
interview than the ordinary drill on the same budget, and the figures the planner
predicts for both match the simulation's within ``TOLERANCE``.
"""

from __future__ import annotations

import pytest

from benchmarks.plan_simulation import Figures, Setting, population, simulate
from prepdeck.prep.plan import NEW_CARD_SHOWINGS, Layout, lay_out, within_reach
from prepdeck.srs.scheduler import SrsScheduler

SETTING = Setting(days=14, minutes=15, new=60, reviewed=60)
RUNS = 40
TOLERANCE = 0.02
"""How far a predicted mean recall at the interview may be from the simulated one: the
sampling error of 40 runs is a few thousandths; the rest is what the drill's model
leaves out (a lapse's exact due time)."""


@pytest.fixture(scope="module")
def figures() -> Figures:
    return simulate(SETTING, RUNS)


def test_following_the_plan_beats_the_ordinary_drill(figures: Figures) -> None:
    assert figures.simulated_plan > figures.simulated_drill + 0.05


def test_the_plans_prediction_matches_the_simulation(figures: Figures) -> None:
    assert figures.predicted_plan == pytest.approx(figures.simulated_plan, abs=TOLERANCE)


def test_the_ordinary_drills_prediction_matches_the_simulation(figures: Figures) -> None:
    assert figures.predicted_drill == pytest.approx(figures.simulated_drill, abs=TOLERANCE)


def test_no_day_holds_more_minutes_than_the_budget() -> None:
    model = SrsScheduler(0.9, enable_fuzzing=False).memory_model()
    plans = [card.plan for card in population(SETTING, seed=11)]
    capacity = SETTING.capacity
    capacity[0] = 200.0
    layout = lay_out(model, plans, horizon=SETTING.days, capacity=capacity)
    by_no = {card.no: card for card in plans}
    for day, numbers in enumerate(layout.days):
        seconds = sum(
            by_no[no].seconds
            * (
                NEW_CARD_SHOWINGS
                if by_no[no].memory is None and _first_day(layout, no) == day
                else 1
            )
            for no in numbers
        )
        assert seconds == pytest.approx(layout.seconds[day])
        assert seconds <= capacity[day] + 1e-6


def _first_day(layout: Layout, no: int) -> int:
    return next(day for day, numbers in enumerate(layout.days) if no in numbers)


def test_a_big_homes_strong_cards_are_left_as_they_are_and_still_counted() -> None:
    model = SrsScheduler(0.9, enable_fuzzing=False).memory_model()
    plans = [card.plan for card in population(Setting(days=3, minutes=2, new=5, reviewed=200))]
    capacity = [120.0] * 4
    reach = within_reach(model, plans, capacity)
    # Two minutes a day for four days hold eight reviews: the planner takes the 16
    # weakest reviewed cards and the four new ones two minutes could ever meet.
    assert len([card for card in reach.cards if card.memory is not None]) == 16
    assert len([card for card in reach.cards if card.memory is None]) == 4
    assert reach.left_out == len(plans) - 20
    at_interview = {
        card.no: model.recall(card.memory.stability, card.to_interview)
        for card in plans
        if card.memory is not None
    }
    chosen = {card.no for card in reach.cards}
    weakest_left = min(recall for no, recall in at_interview.items() if no not in chosen)
    assert all(at_interview[no] <= weakest_left for no in chosen if no in at_interview)
    assert reach.left_out_recall == pytest.approx(
        sum(recall for no, recall in at_interview.items() if no not in chosen)
    )
    # The mean still counts every card: those left alone with their recall at the end.
    layout = lay_out(
        model,
        reach.cards,
        horizon=3,
        capacity=capacity,
        left_out=reach.left_out,
        left_out_recall=reach.left_out_recall,
    )
    untouched = sum(at_interview.values()) / len(plans)
    assert untouched < layout.expected_recall < 1
