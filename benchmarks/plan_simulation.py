"""The plan against a simulated learner whose recall follows FSRS, in a few settings.

A population of cards, some new and some reviewed before, some days before an interview,
a daily budget. The learner recalls a card with the chance FSRS gives it at that moment;
a recalled card is graded Good, a forgotten one Again and then Good at its relearning
step; a new card is met, graded Good, and graded Good again at its learning step. Each
card's recall at the interview is read from the fsrs package's own scheduler, not from
the planner's formulas.

Two ways of spending the budget are run many times each: following the plan (its days
as laid out at the start) and the ordinary drill (due cards weakest first, then new
cards under the daily cap, until the day's minutes run out). The table printed is the
one in ``docs/planning.md``: for each setting, what the planner predicts and what the
simulation gives, for both.

Run: ``python -m benchmarks.plan_simulation [--runs N]``.
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import fsrs

from prepdeck.prep.plan import NEW_CARD_SHOWINGS, Layout, PlanCard, lay_out, ordinary_drill
from prepdeck.srs.memory import Memory
from prepdeck.srs.scheduler import SrsScheduler

NOW = datetime(2026, 5, 4, 9, 0, tzinfo=UTC)
STEP = timedelta(minutes=10)
_DAY = timedelta(days=1)


@dataclass(frozen=True)
class Setting:
    """Days to the interview, minutes a day, and the cards: new and reviewed."""

    days: int
    minutes: int
    new: int
    reviewed: int
    new_per_day: int = 10

    @property
    def interview(self) -> datetime:
        # Five hours after the time of day the learner drills: the last day counts.
        return NOW + timedelta(days=self.days, hours=5)

    @property
    def capacity(self) -> list[float]:
        return [self.minutes * 60.0] * (self.days + 1)

    def label(self) -> str:
        return (
            f"{self.days} days, {self.minutes} min a day, {self.new} new + {self.reviewed} reviewed"
        )


@dataclass
class SimCard:
    plan: PlanCard
    fsrs_card: fsrs.Card | None


def population(setting: Setting, seed: int = 7) -> list[SimCard]:
    """New cards, then reviewed ones of mixed strength and age."""
    chance = random.Random(seed)
    cards = [SimCard(PlanCard(no, None, 0, 0, 60.0), None) for no in range(1, setting.new + 1)]
    for no in range(setting.new + 1, setting.new + setting.reviewed + 1):
        stability = chance.choice([0.5, 1.5, 3.0, 6.0, 15.0, 40.0])
        difficulty = chance.uniform(3.0, 8.0)
        last = NOW - timedelta(days=chance.randint(1, 30), hours=2)
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
        plan = PlanCard(
            no,
            Memory(stability, difficulty),
            since=(NOW - last) // _DAY,
            to_interview=(setting.interview - last) // _DAY,
            seconds=60.0,
            due_day=0 if waiting <= timedelta(0) else -(-waiting // _DAY),
        )
        cards.append(SimCard(plan, card))
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
            return scheduler.review_card(met, fsrs.Rating.Good, at + STEP)[0]
        if self.chance.random() < scheduler.get_card_retrievability(card, at):
            return scheduler.review_card(card, fsrs.Rating.Good, at)[0]
        lapsed, _ = scheduler.review_card(card, fsrs.Rating.Again, at)
        return scheduler.review_card(lapsed, fsrs.Rating.Good, at + STEP)[0]

    def mean_recall(self, cards: list[fsrs.Card | None], at: datetime) -> float:
        total = sum(
            0.0 if card is None else self.scheduler.get_card_retrievability(card, at)
            for card in cards
        )
        return total / len(cards)


def follow(setting: Setting, layout: Layout, cards: list[SimCard], learner: Learner) -> float:
    """The mean recall at the interview after reviewing each day's planned cards."""
    by_no = {card.plan.no: index for index, card in enumerate(cards)}
    state = [card.fsrs_card for card in cards]
    for day, numbers in enumerate(layout.days):
        for no in numbers:
            index = by_no[no]
            state[index] = learner.review(state[index], no, NOW + day * _DAY)
    return learner.mean_recall(state, setting.interview)


def drill(setting: Setting, cards: list[SimCard], learner: Learner) -> float:
    """The ordinary drill, run for real on the same budget."""
    state = [card.fsrs_card for card in cards]
    unseen = [index for index, card in enumerate(cards) if card.fsrs_card is None]
    for day, budget in enumerate(setting.capacity):
        at = NOW + day * _DAY
        left = budget
        due = [
            (card, index) for index, card in enumerate(state) if card is not None and card.due <= at
        ]
        due.sort(key=lambda pair: learner.scheduler.get_card_retrievability(pair[0], at))
        for _, index in due:
            if left < cards[index].plan.seconds:
                break
            state[index] = learner.review(state[index], cards[index].plan.no, at)
            left -= cards[index].plan.seconds
        allowed = setting.new_per_day
        while unseen and allowed and left >= cards[unseen[0]].plan.seconds * NEW_CARD_SHOWINGS:
            index = unseen.pop(0)
            state[index] = learner.review(None, cards[index].plan.no, at)
            left -= cards[index].plan.seconds * NEW_CARD_SHOWINGS
            allowed -= 1
    return learner.mean_recall(state, setting.interview)


def mean_over_runs(run: Callable[[Learner], float], runs: int) -> float:
    return sum(run(Learner(seed)) for seed in range(runs)) / runs


@dataclass(frozen=True)
class Figures:
    predicted_plan: float
    simulated_plan: float
    predicted_drill: float
    simulated_drill: float


def simulate(setting: Setting, runs: int) -> Figures:
    cards = population(setting)
    model = SrsScheduler(0.9, enable_fuzzing=False).memory_model()
    plans = [card.plan for card in cards]
    layout = lay_out(model, plans, horizon=setting.days, capacity=setting.capacity)
    baseline = ordinary_drill(
        model,
        plans,
        horizon=setting.days,
        capacity=setting.capacity,
        new_per_day=setting.new_per_day,
        new_left_today=setting.new_per_day,
        reviews_per_day=10_000,
    )
    return Figures(
        predicted_plan=layout.expected_recall,
        simulated_plan=mean_over_runs(lambda one: follow(setting, layout, cards, one), runs),
        predicted_drill=baseline,
        simulated_drill=mean_over_runs(lambda one: drill(setting, cards, one), runs),
    )


SETTINGS = (
    Setting(days=14, minutes=15, new=60, reviewed=60),
    Setting(days=7, minutes=10, new=200, reviewed=0),
    Setting(days=14, minutes=30, new=40, reviewed=160),
    Setting(days=30, minutes=15, new=100, reviewed=200),
)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=40)
    options = parser.parse_args()
    print("| setting | plan, predicted | plan, simulated | drill, predicted | drill, simulated |")
    print("|---|---|---|---|---|")
    for setting in SETTINGS:
        figures = simulate(setting, options.runs)
        print(
            f"| {setting.label()} | {figures.predicted_plan:.3f} | {figures.simulated_plan:.3f} "
            f"| {figures.predicted_drill:.3f} | {figures.simulated_drill:.3f} |"
        )


if __name__ == "__main__":
    main()
