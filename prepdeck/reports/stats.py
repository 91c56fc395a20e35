"""The figures of ``prepdeck stats``, with the meanings docs/user-guide.md gives them."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import timedelta
from typing import Any, TypeVar

from prepdeck.clock import Clock
from prepdeck.config import Config
from prepdeck.domain.days import STREAK_LOOKBACK, app_day, day_end, streak
from prepdeck.reports.overview import today_allowance
from prepdeck.store import DeckCounts, RetentionCounts, StateCounts, Store

FORECAST_DAYS = 30
RETENTION_WINDOW = timedelta(days=30)

_V = TypeVar("_V")


@dataclass(frozen=True)
class ScopeFigures:
    """The figures of everything, or of one deck; the keys of ``stats --json``."""

    reviews_total: int
    reviews_today: int
    time_today_s: float
    """Rounded to the millisecond."""
    streak_days: int
    due_now: int
    new_available: int
    true_retention: float | None
    """Rounded to four places; None before any review in the window."""
    forecast: list[int]
    states: StateCounts


@dataclass(frozen=True)
class _OfDeck:
    deck_id: str


@dataclass(frozen=True)
class DeckFigures(ScopeFigures, _OfDeck):
    """One deck's figures, its id first."""


@dataclass(frozen=True)
class Stats(ScopeFigures):
    """The overall figures, then one entry per deck."""

    per_deck: list[DeckFigures]


def compute_stats(
    store: Store, config: Config, clock: Clock, *, deck_id: str | None = None
) -> Stats:
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
    now = clock.now()
    today = app_day(now, config.day_start_hour)
    decks = store.decks.installed(include_removed=True)
    if deck_id is not None:
        store.decks.get(deck_id)  # an unknown id is a clear error, not empty figures
    counts = store.figures.deck_counts(now, today)
    allowance = today_allowance(store, config, today, decks, counts)
    totals = store.figures.review_totals()
    today_figures = store.figures.day_figures(today)
    retention = store.figures.retention_by_deck(now - RETENTION_WINDOW)
    ends = [
        day_end(today + timedelta(days=offset), config.day_start_hour)
        for offset in range(FORECAST_DAYS)
    ]
    active = {deck.id for deck in decks if not deck.removed}
    by_state = store.figures.state_counts_by_deck(today)
    live = [deck.id for deck in decks if not deck.removed and not deck.paused]

    def figures_for(scope: str | None) -> ScopeFigures:
        """The figures of one deck, or of everything when ``scope`` is None."""

        def of_scope(values: dict[str, _V]) -> list[_V]:
            if scope is None:
                return list(values.values())
            return [values[scope]] if scope in values else []

        kept = of_scope(retention)
        today_done = of_scope(today_figures)
        studied = live if scope is None else [i for i in live if i == scope]
        if scope is None:
            states = StateCounts.total(by_state[i] for i in active if i in by_state)
        elif scope in active:
            states = by_state.get(scope, StateCounts())
        else:
            states = StateCounts()
        return ScopeFigures(
            reviews_total=sum(of_scope(totals)),
            reviews_today=sum(count for count, _ in today_done),
            time_today_s=round(sum(ms for _, ms in today_done) / 1000, 3),
            streak_days=streak(
                store.figures.review_days(deck_id=scope, since=today - STREAK_LOOKBACK), today
            ),
            due_now=sum(counts.get(i, DeckCounts()).due for i in studied),
            new_available=(
                allowance.new_available if scope is None else allowance.new_by_deck.get(scope, 0)
            ),
            true_retention=_rounded(
                RetentionCounts(
                    sum(part.reviews for part in kept), sum(part.passed for part in kept)
                ).share
            ),
            forecast=(
                store.figures.due_forecast(ends, deck_ids=studied) if studied else [0] * len(ends)
            ),
            states=states,
        )

    shown = [
        deck.id for deck in decks if deck.id == deck_id or (deck_id is None and deck.id in active)
    ]
    per_deck = [
        DeckFigures(deck_id=shown_id, **_values(figures_for(shown_id))) for shown_id in shown
    ]
    return Stats(**_values(figures_for(deck_id)), per_deck=per_deck)


def _values(figures: ScopeFigures) -> dict[str, Any]:
    """The fields of ``figures`` by name, as they are (``asdict`` would copy them)."""
    return {field.name: getattr(figures, field.name) for field in fields(ScopeFigures)}


def _rounded(share: float | None) -> float | None:
    return None if share is None else round(share, 4)
