"""The daily drill while an interview is coming: today's cards of its plan.

With an interview ahead, the drill over every deck shows what the plan to it gives today
(``prep.planning``), the best use of the minutes first, instead of the due and new cards
of the ordinary drill. Cards mid-step come back as in any drill. After each grade the
plan is worked out again from the card's new schedule and what is left of today's
minutes, and the cards still to come are today's of that plan: a lapse can bring a card
back for another look, and a day's budget is never overrun. On a home so big that a plan
takes more than ``REPLAN_SECONDS``, that happens after a lapse and when today's cards run
out, so the next card is never kept waiting.
"""

from __future__ import annotations

import time
from datetime import date, datetime

from prepdeck.clock import Clock
from prepdeck.domain.days import app_day
from prepdeck.domain.plural import plural
from prepdeck.prep.interviews import Interview
from prepdeck.prep.planning import InterviewPlan, Planner
from prepdeck.srs import CardState, Rating, SrsScheduler
from prepdeck.store import Store
from prepdeck.study.session import DrillCard, Session

REPLAN_SECONDS = 0.1
"""A plan worked out within this is worked out again after every grade."""


class PlannedSession(Session):
    """A drill of today's cards of the plan to ``interview``."""

    def __init__(
        self,
        store: Store,
        scheduler: SrsScheduler,
        clock: Clock,
        *,
        planner: Planner,
        interview: Interview,
        day_start_hour: int = 4,
    ) -> None:
        self.planner = planner
        self.interview = interview
        self._changed: list[int] = []
        """Cards graded since the plan was last worked out."""
        self._last_cost = 0.0
        """Seconds the last plan took to work out."""
        self.last_plan: InterviewPlan | None = None
        """The plan as last worked out: what the summary says of the days ahead."""
        super().__init__(store, scheduler, clock, day_start_hour=day_start_hour)

    def _build(self) -> None:
        now = self._clock.now()
        today = app_day(now, self._day_start_hour)
        decks = self._live_decks()
        self._titles = {deck.id: deck.title for deck in decks}
        if not decks:
            return
        self._take_learning(today, list(self._titles))
        self._follow_plan(now)

    def _after_grade(
        self, card: DrillCard, rating: Rating, outcome: CardState, reviewed_at: datetime
    ) -> None:
        super()._after_grade(card, rating, outcome, reviewed_at)
        self._changed.append(card.no)
        # A plan that takes long to work out (a home of many thousands of reviewed cards)
        # is worked out again only when it matters: after a lapse, which the plan did
        # not count on, and when today's cards run out. Otherwise after every grade.
        quick = self._last_cost <= REPLAN_SECONDS
        if quick or rating is Rating.AGAIN or not self._queue.main:
            self._follow_plan(self._clock.now(), changed=self._changed)
            self._changed = []

    def _follow_plan(self, now: datetime, *, changed: list[int] | None = None) -> None:
        """Make the cards still to come today's of the plan as it stands at ``now``."""
        if not self.interview.at > now:
            self._queue.main.clear()
            return
        started = time.perf_counter()
        self.last_plan = self.planner.plan(self.interview, now, baseline=False, changed=changed)
        planned = self.last_plan.today
        self._last_cost = time.perf_counter() - started
        waiting = {entry.no for _, entry in self._queue.learning}
        waiting.update(entry.no for entry in self._queue.skipped)
        if self.current is not None:
            waiting.add(self.current.no)
        fresh = [no for no in planned if no not in waiting]
        self._queue.main.clear()
        self._queue.main.extend(self._store.queue.by_numbers(fresh))

    def plan_note(self) -> str:
        """What is left of the plan: today's cards not done, or the next day that has
        some."""
        plan = self.last_plan
        if plan is None:
            return ""
        waiting = len(self._queue.main) + (self.current is not None)
        if waiting:
            return f"{plural(waiting, 'card')} of today's plan to {self.interview.name} left"
        later = next((day for day in plan.plan.days[1:] if day.cards), None)
        if later is None:
            return f"nothing to review before {self.interview.name} in the daily minutes"
        day = date.fromisoformat(later.date)
        return f"today's done; next {plural(len(later.cards), 'card')} on {day:%a %d %b}"

    def undo(self) -> bool:
        undone = super().undo()
        if undone and self.current is not None:
            # Its schedule is back to what it was: the plan reads it again next time.
            self._changed.append(self.current.no)
        return undone

    def _free_slot(self, card: DrillCard) -> tuple[int, ...]:
        # The plan decides what comes next; no new card is let in for one put away. The
        # card buried or suspended is read again by the next plan.
        self._changed.append(card.no)
        return ()
