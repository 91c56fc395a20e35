"""What the home screen shows: the decks with their figures, and today's totals.

A lighter cousin of ``stats.compute_stats``: only what the home needs, from a handful of
indexed queries, because it is read before the first frame and after every drill. The
figures keep the meanings docs/user-guide.md gives them.
"""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

from prepdeck.clock import Clock
from prepdeck.config import Config
from prepdeck.domain.days import STREAK_LOOKBACK, app_day, streak
from prepdeck.reports.overview import DeckRow, read_overview
from prepdeck.store import Store


class TodayFigures(NamedTuple):
    """Today's totals and the deck list, as the home shows them."""

    decks: list[DeckRow]
    due_now: int
    """Due cards of decks neither removed nor paused."""
    new_available: int
    reviews_today: int
    time_today_s: float
    streak_days: int
    reviews_left: int
    """Reviews today's drill may still take under the daily cap (``reviews_per_day``)."""
    reviews_due: int
    """The due cards the cap applies to: ``due_now`` less those mid-step, which the
    drill finishes whatever the cap."""

    @property
    def drill_takes(self) -> int:
        """How many of the cards due now today's drill takes: those mid-step, whatever the
        cap, and as many reviews as the cap leaves room for."""
        return min(self.due_now, self.due_now - self.reviews_due + self.reviews_left)

    @property
    def behind(self) -> bool:
        """More reviews are due than today's cap lets the drill take: time to catch up."""
        return self.reviews_due > self.reviews_left

    def deck(self, deck_id: str) -> DeckRow | None:
        return next((row for row in self.decks if row.id == deck_id), None)


def today_figures(store: Store, config: Config, clock: Clock) -> TodayFigures:
    now = clock.now()
    today = app_day(now, config.day_start_hour)
    rows, allowance = read_overview(store, config, clock)
    # Reviews of removed decks still happened today: they count, as in `stats`.
    day = store.figures.day_figures(today).values()
    live = {row.id for row in rows if not row.paused}
    due_now = sum(row.due for row in rows if row.id in live)
    mid_step = store.figures.learning_due(now, today)
    return TodayFigures(
        decks=rows,
        due_now=due_now,
        reviews_due=due_now - sum(mid_step.get(deck_id, 0) for deck_id in live),
        new_available=allowance.new_available,
        reviews_today=sum(count for count, _ in day),
        time_today_s=sum(ms for _, ms in day) / 1000,
        streak_days=streak(store.figures.review_days(since=today - STREAK_LOOKBACK), today),
        reviews_left=allowance.reviews_left,
    )


def next_due(store: Store, now: datetime) -> datetime | None:
    """When the next card falls due after ``now``, of any deck drilled; None when none is
    scheduled."""
    return store.queue.next_due(now)
