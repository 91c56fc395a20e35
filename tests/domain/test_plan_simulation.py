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
from prepdeck.prep.plan import NEW_CARD_SHOWINGS, Layout, lay_out
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
