"""An interview's plan: its cards read from the store, laid out by ``prep.plan``.

The days of a plan are app days, from today to the last one with time before the
interview. Minutes become reviews through each card's ``seconds``, else the user's median
review time (once ``MIN_TIMED_REVIEWS`` give it), else ``DEFAULT_SECONDS``. Today has
what is left of its minutes after the cards already reviewed today, each counted as the
plan counts it (a card met for the first time, two showings), so a plan worked out again
mid-drill never gives a day more than its budget.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import NamedTuple

from prepdeck.domain.days import app_day
from prepdeck.errors import InterviewError
from prepdeck.prep.interviews import Interview, is_upcoming
from prepdeck.prep.plan import (
    NEW_CARD_SHOWINGS,
    PlanCache,
    PlanCard,
    lay_out,
    ordinary_drill,
    within_reach,
)
from prepdeck.srs import CardState, State
from prepdeck.srs.memory import Memory, MemoryModel
from prepdeck.store import Store
from prepdeck.store.queue import PlanRow

DEFAULT_SECONDS = 60
"""A review's time when neither the card nor the user's past reviews say."""

MIN_TIMED_REVIEWS = 10
"""Reviews with a time the user's median needs before it stands in for a card's time: a
median of one or two quick answers would crowd a day with cards."""

_DAY = timedelta(days=1)


class PlannedCard(NamedTuple):
    deck_id: str
    card_id: str


class PlannedDay(NamedTuple):
    date: str
    """The app day, ``YYYY-MM-DD``."""
    cards: list[PlannedCard]


class Plan(NamedTuple):
    """The plan as ``plan --json`` prints it."""

    at: str
    """The interview's time, ISO 8601 with its offset."""
    minutes_per_day: int
    days: list[PlannedDay]
    expected_recall_with_plan: float
    expected_recall_without_plan: float


@dataclass(frozen=True, slots=True)
class InterviewPlan:
    """A plan and what a screen says about it besides."""

    interview: str
    plan: Plan
    cards: int
    """Cards the plan covers: the interview's decks, neither retired nor suspended."""
    minutes: list[float]
    """Minutes planned for each day of ``plan.days``."""
    new: list[int]
    """For each day, how many of its cards are met for the first time."""
    today: list[int]
    """The numbers of today's cards, the best use of the minutes first."""

    @property
    def cards_today(self) -> int:
        return len(self.today)

    @property
    def minutes_today(self) -> float:
        return self.minutes[0] if self.minutes else 0.0


class Budget(NamedTuple):
    minutes_per_day: int
    new_per_day: int
    reviews_per_day: int
    day_start_hour: int


@dataclass(slots=True)
class Planner:
    """Plans for interviews over one store; keeps each card's offers between plans, so
    a plan worked out again after a review costs only the cards that changed."""

    store: Store
    model: MemoryModel
    budget: Budget
    cache: PlanCache = field(default_factory=PlanCache)
    _rows: list[PlanRow] = field(default_factory=list)
    _rows_of: tuple[tuple[str, ...], date] | None = None
    """The decks and the day ``_rows`` were read for."""

    def plan(
        self,
        interview: Interview,
        now: datetime,
        *,
        baseline: bool = True,
        changed: Sequence[int] | None = None,
    ) -> InterviewPlan:
        """The plan for ``interview`` as things stand at ``now``; ``baseline=False``
        leaves the ordinary drill's figure out (0.0), for a drill that only needs the
        days. ``changed`` names the only cards changed since the last plan of this
        planner (the drill knows which card it graded), so only those are read again."""
        if not is_upcoming(interview.at, now):
            raise InterviewError(
                f"interview '{interview.name}' was on "
                f"{interview.at.astimezone():%a %d %b %Y %H:%M}: there is nothing left to plan"
            )
        budget = self.budget
        horizon = (interview.at - now) // _DAY
        day_count = horizon + 1 if now + horizon * _DAY < interview.at else horizon
        today = app_day(now, budget.day_start_hour)
        rows = self._read_rows(interview.studied_decks, today, changed)
        median_ms, timed = self.store.figures.median_review_ms()
        trusted = median_ms is not None and timed >= MIN_TIMED_REVIEWS
        default_seconds = median_ms / 1000 if trusted and median_ms else DEFAULT_SECONDS
        every_card = [_plan_card(row, now, interview.at, today, default_seconds) for row in rows]
        per_day = budget.minutes_per_day * 60.0
        # Today's reviews count as the plan counts them, so a quick answer does not let
        # in more cards than the day holds, and a learning step still to come is paid.
        spent_today = sum(
            (seconds or default_seconds) * (NEW_CARD_SHOWINGS if met else 1)
            for seconds, met in self.store.figures.cards_reviewed(today)
        )
        capacity = [per_day] * day_count
        if capacity:
            capacity[0] = max(0.0, per_day - spent_today)
        reach = within_reach(self.model, every_card, capacity)
        layout = lay_out(
            self.model,
            reach.cards,
            horizon=horizon,
            capacity=capacity,
            cache=self.cache,
            left_out=reach.left_out,
            left_out_recall=reach.left_out_recall,
        )
        without = 0.0
        if baseline:
            introduced = sum(self.store.figures.new_introduced(today).values())
            without = ordinary_drill(
                self.model,
                reach.cards,
                horizon=horizon,
                capacity=capacity,
                new_per_day=budget.new_per_day,
                new_left_today=max(0, budget.new_per_day - introduced),
                reviews_per_day=budget.reviews_per_day,
                left_out=reach.left_out,
                left_out_recall=reach.left_out_recall,
            )
        by_no = {row.no: row for row in rows}
        met: set[int] = set()
        new = []
        for numbers in layout.days:
            first = [no for no in numbers if by_no[no].schedule is None and no not in met]
            met.update(first)
            new.append(len(first))
        days = [
            PlannedDay(
                date=(today + timedelta(days=offset)).isoformat(),
                cards=[PlannedCard(by_no[no].deck_id, by_no[no].card_id) for no in numbers],
            )
            for offset, numbers in enumerate(layout.days)
        ]
        plan = Plan(
            at=interview.at.isoformat(),
            minutes_per_day=budget.minutes_per_day,
            days=days,
            expected_recall_with_plan=round(layout.expected_recall, 4),
            expected_recall_without_plan=round(without, 4),
        )
        return InterviewPlan(
            interview=interview.name,
            plan=plan,
            cards=len(every_card),
            minutes=[round(seconds / 60, 1) for seconds in layout.seconds],
            new=new,
            today=list(layout.days[0]) if layout.days else [],
        )

    def _read_rows(
        self, deck_ids: tuple[str, ...], today: date, changed: Sequence[int] | None
    ) -> list[PlanRow]:
        queue = self.store.queue
        if changed is None or self._rows_of != (deck_ids, today):
            self._rows = queue.plannable(deck_ids)
            self._rows_of = (deck_ids, today)
            return self._rows
        fresh = {row.no: row for row in queue.plannable(deck_ids, numbers=list(changed))}
        gone = set(changed) - set(fresh)
        self._rows = [fresh.get(row.no, row) for row in self._rows if row.no not in gone]
        return self._rows


def _plan_card(
    row: PlanRow,
    now: datetime,
    at: datetime,
    today: date,
    default_seconds: float,
) -> PlanCard:
    seconds = float(row.seconds) if row.seconds else default_seconds
    first_day = (row.buried_until - today).days if row.buried_until is not None else 0
    schedule = row.schedule
    memory = _memory(schedule)
    if memory is None or schedule is None or schedule.last_review is None:
        return PlanCard(row.no, None, 0, 0, seconds, max(0, first_day))
    last = schedule.last_review
    waiting = schedule.due - now
    due_day = 0 if waiting <= timedelta(0) else -(-waiting // _DAY)
    return PlanCard(
        row.no,
        memory,
        since=(now - last) // _DAY,
        to_interview=(at - last) // _DAY,
        seconds=seconds,
        first_day=max(0, first_day),
        due_day=due_day,
        learning=schedule.state is not State.REVIEW,
    )


def _memory(schedule: CardState | None) -> Memory | None:
    if schedule is None or schedule.stability is None or schedule.difficulty is None:
        return None
    return Memory(schedule.stability, schedule.difficulty)
