"""The figures of ``prepdeck stats``, with the meanings CONTRACT.md gives them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import TypeVar

from prepdeck.domain.days import STREAK_LOOKBACK, day_end, streak
from prepdeck.reports.overview import today_allowance
from prepdeck.services import Home
from prepdeck.store import DeckCounts, RetentionCounts, StateCounts

FORECAST_DAYS = 30
RETENTION_WINDOW = timedelta(days=30)

_V = TypeVar("_V")


@dataclass(frozen=True, slots=True)
class Figures:
    reviews_total: int
    reviews_today: int
    time_today_s: float
    streak_days: int
    due_now: int
    new_available: int
    true_retention: float | None
    forecast: list[int]
    states: StateCounts

    def to_json(self) -> dict[str, object]:
        states = self.states
        return {
            "reviews_total": self.reviews_total,
            "reviews_today": self.reviews_today,
            "time_today_s": round(self.time_today_s, 3),
            "streak_days": self.streak_days,
            "due_now": self.due_now,
            "new_available": self.new_available,
            "true_retention": (
                None if self.true_retention is None else round(self.true_retention, 4)
            ),
            "forecast": self.forecast,
            "states": {
                "new": states.new,
                "learning": states.learning,
                "review": states.review,
                "relearning": states.relearning,
                "suspended": states.suspended,
                "buried": states.buried,
                "retired": states.retired,
            },
        }


def compute_stats(home: Home, *, deck_id: str | None = None) -> dict[str, object]:
    """Overall figures and one entry per deck; ``deck_id`` narrows both to one deck.

    Two kinds of figure, each with its own rule:

    - Activity (``reviews_total``, ``reviews_today``, ``time_today_s``, ``streak_days``,
      ``true_retention``) counts every review in the log: reviews of removed decks
      happened, so they stay in the totals, the streak and the retention. With
      ``deck_id``, it is that deck's reviews, even when the deck is removed.
    - Cards (``due_now``, ``new_available``, ``forecast``, ``states``) count only decks
      that are not removed, as the drill and ``deck list`` do: a removed deck holds no
      card to study, so its card figures are zero. ``due_now``, ``new_available`` and
      ``forecast`` also leave out paused decks; ``states`` keeps them.

    ``per_deck`` lists the decks that are not removed (with ``deck_id``, that deck, removed
    or not), so the overall activity may exceed the sum over ``per_deck``.
    """
    store = home.store
    now = home.clock.now()
    today = home.today()
    decks = store.decks.installed(include_removed=True)
    if deck_id is not None:
        store.decks.get(deck_id)  # an unknown id is a clear error, not empty figures
    counts = store.figures.deck_counts(now, today)
    allowance = today_allowance(home, decks, counts)
    totals = store.figures.review_totals()
    today_figures = store.figures.day_figures(today)
    retention = store.figures.retention_by_deck(now - RETENTION_WINDOW)
    ends = [
        day_end(today + timedelta(days=offset), home.config.day_start_hour)
        for offset in range(FORECAST_DAYS)
    ]
    active = {deck.id for deck in decks if not deck.removed}
    live = [deck.id for deck in decks if not deck.removed and not deck.paused]

    def figures_for(scope: str | None) -> Figures:
        """The figures of one deck, or of everything when ``scope`` is None."""

        def of_scope(values: dict[str, _V]) -> list[_V]:
            if scope is None:
                return list(values.values())
            return [values[scope]] if scope in values else []

        kept = of_scope(retention)
        today_done = of_scope(today_figures)
        studied = live if scope is None else [i for i in live if i == scope]
        if scope is None:
            states = store.figures.state_counts(today)
        elif scope in active:
            states = store.figures.state_counts(today, deck_id=scope)
        else:
            states = StateCounts()
        return Figures(
            reviews_total=sum(of_scope(totals)),
            reviews_today=sum(count for count, _ in today_done),
            time_today_s=sum(ms for _, ms in today_done) / 1000,
            streak_days=streak(
                store.figures.review_days(deck_id=scope, since=today - STREAK_LOOKBACK), today
            ),
            due_now=sum(counts.get(i, DeckCounts()).due for i in studied),
            new_available=(
                allowance.new_available if scope is None else allowance.new_by_deck.get(scope, 0)
            ),
            true_retention=RetentionCounts(
                sum(part.reviews for part in kept), sum(part.passed for part in kept)
            ).share,
            forecast=(
                store.figures.due_forecast(ends, deck_ids=studied) if studied else [0] * len(ends)
            ),
            states=states,
        )

    shown = [
        deck.id for deck in decks if deck.id == deck_id or (deck_id is None and deck.id in active)
    ]
    per_deck = [{"deck_id": shown_id, **figures_for(shown_id).to_json()} for shown_id in shown]
    return {**figures_for(deck_id).to_json(), "per_deck": per_deck}
