"""The figures of ``prepdeck stats``, with the meanings CONTRACT.md gives them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from prepdeck.days import day_end
from prepdeck.home import Home
from prepdeck.overview import today_allowance
from prepdeck.store import DeckCounts, RetentionCounts, StateCounts

FORECAST_DAYS = 30
RETENTION_WINDOW = timedelta(days=30)


def streak(days_with_reviews: Sequence[date], today: date) -> int:
    """Consecutive days with a review ending today — or yesterday while today has none."""
    days = set(days_with_reviews)
    start = today if today in days else today - timedelta(days=1)
    count = 0
    while start - timedelta(days=count) in days:
        count += 1
    return count


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
    """Overall figures and one entry per deck; ``deck_id`` narrows both to one deck."""
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
    active = [deck for deck in decks if not deck.removed]
    shown = [deck for deck in active if deck_id is None or deck.id == deck_id]

    def figures_for(ids: list[str], *, scoped: str | None) -> Figures:
        live = [deck.id for deck in active if deck.id in ids and not deck.paused]
        kept = RetentionCounts(
            sum(retention.get(i, RetentionCounts(0, 0)).reviews for i in ids),
            sum(retention.get(i, RetentionCounts(0, 0)).passed for i in ids),
        )
        new_available = allowance.new_by_deck.get(scoped, 0) if scoped else allowance.new_available
        return Figures(
            reviews_total=sum(totals.get(i, 0) for i in ids),
            reviews_today=sum(today_figures.get(i, (0, 0))[0] for i in ids),
            time_today_s=sum(today_figures.get(i, (0, 0))[1] for i in ids) / 1000,
            streak_days=streak(
                store.figures.review_days(deck_id=scoped, since=today - timedelta(days=3650)),
                today,
            ),
            due_now=sum(counts.get(i, DeckCounts()).due for i in live),
            new_available=new_available,
            true_retention=kept.share,
            forecast=store.figures.due_forecast(ends, deck_ids=live) if live else [0] * len(ends),
            states=store.figures.state_counts(today, deck_id=scoped)
            if scoped
            else _sum_states([store.figures.state_counts(today, deck_id=i) for i in ids]),
        )

    overall_ids = [deck.id for deck in shown]
    if deck_id is None:
        overall = figures_for(overall_ids, scoped=None)
        # Reviews of removed decks still count in the totals and the streak.
        overall = _with_history(overall, totals, today_figures)
    else:
        overall = figures_for(overall_ids, scoped=deck_id)
    per_deck = [
        {"deck_id": deck.id, **figures_for([deck.id], scoped=deck.id).to_json()} for deck in shown
    ]
    return {**overall.to_json(), "per_deck": per_deck}


def _with_history(
    figures: Figures, totals: dict[str, int], today_figures: dict[str, tuple[int, int]]
) -> Figures:
    return Figures(
        reviews_total=sum(totals.values()),
        reviews_today=sum(value[0] for value in today_figures.values()),
        time_today_s=sum(value[1] for value in today_figures.values()) / 1000,
        streak_days=figures.streak_days,
        due_now=figures.due_now,
        new_available=figures.new_available,
        true_retention=figures.true_retention,
        forecast=figures.forecast,
        states=figures.states,
    )


def _sum_states(parts: list[StateCounts]) -> StateCounts:
    return StateCounts(
        new=sum(p.new for p in parts),
        learning=sum(p.learning for p in parts),
        review=sum(p.review for p in parts),
        relearning=sum(p.relearning for p in parts),
        suspended=sum(p.suspended for p in parts),
        buried=sum(p.buried for p in parts),
        retired=sum(p.retired for p in parts),
    )
