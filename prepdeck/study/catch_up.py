"""Coming back after a break: how an overdue backlog spreads over the next days at the cap.

The daily drill takes due cards weakest first, at most ``reviews_per_day`` of them a day,
and a deck with its own lower limit at most that many. After a break more cards can be
due than one day takes; the plan here says which day takes how many, weakest first, so
the user sees the backlog end instead of a wall of cards.

Only cards in review state count against the cap (cards in a learning step are finished
whatever the cap, as the session does), so only they are planned; learning cards are
counted beside the plan. Cards that fall due in the coming days are not in the plan: it
answers "how long until the backlog I have now is gone".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from prepdeck.srs import State
from prepdeck.store import Store

if TYPE_CHECKING:
    from prepdeck.srs import SrsScheduler

HORIZON_DAYS = 365
"""Days planned at most; cards beyond are counted as unplanned."""


@dataclass(frozen=True, slots=True)
class OverdueCard:
    """A due card in review state: its deck, and its chance of recall now (0 to 1)."""

    deck_id: str
    recall: float


@dataclass(frozen=True, slots=True)
class CatchUpDay:
    """One app day of the plan: how many overdue cards it takes and how weak they are."""

    day: date
    cards: int
    lowest_recall: float
    highest_recall: float


@dataclass(frozen=True, slots=True)
class CatchUpPlan:
    """The backlog, the cap, and the days that clear it (only days that take cards)."""

    today: date
    overdue: int
    learning: int
    cap: int
    left_today: int
    days: tuple[CatchUpDay, ...]
    unplanned: int
    """Cards no day within ``HORIZON_DAYS`` takes: a cap or deck limit of 0, or the horizon."""
    deck_limited: tuple[str, ...] = field(default=())
    """Decks whose own limit is below the cap and holds their cards back."""

    @property
    def behind(self) -> bool:
        """More cards are overdue than today's drill will take."""
        return self.unplanned > 0 or any(day.day != self.today for day in self.days)

    @property
    def today_share(self) -> int:
        """The overdue cards today's drill takes: none once today's limits are used up."""
        return sum(day.cards for day in self.days if day.day == self.today)


@dataclass(slots=True)
class _Day:
    cards: int = 0
    lowest: float = 1.0
    highest: float = 0.0
    by_deck: dict[str, int] = field(default_factory=dict)


def plan_catch_up(
    overdue: Sequence[OverdueCard],
    *,
    today: date,
    cap: int,
    deck_caps: Mapping[str, int] | None = None,
    done_today: int = 0,
    done_today_by_deck: Mapping[str, int] | None = None,
    learning: int = 0,
    horizon_days: int = HORIZON_DAYS,
) -> CatchUpPlan:
    """Spread ``overdue`` (ranked weakest first) over the days from ``today`` on.

    Each day takes cards in the given order while the day is under ``cap`` and the card's
    deck under its own limit in ``deck_caps`` (a deck absent there has only the cap);
    ``done_today`` and ``done_today_by_deck`` are the reviews today already counted
    against them. A card skipped because its deck is full waits for the next day, as in
    the drill.
    """
    own_caps = dict(deck_caps or {})
    done_by_deck = dict(done_today_by_deck or {})
    days: list[_Day] = []
    first_open: dict[str, int] = {}
    unplanned = 0
    limited: set[str] = set()

    def deck_cap(deck_id: str) -> int:
        return min(cap, own_caps.get(deck_id, cap))

    def has_room(index: int, deck_id: str) -> bool:
        while len(days) <= index:
            days.append(_Day())
        day = days[index]
        global_left = cap - day.cards - (done_today if index == 0 else 0)
        deck_left = (
            deck_cap(deck_id)
            - day.by_deck.get(deck_id, 0)
            - (done_by_deck.get(deck_id, 0) if index == 0 else 0)
        )
        if global_left > 0 and deck_left <= 0 and deck_cap(deck_id) < cap:
            limited.add(deck_id)
        return global_left > 0 and deck_left > 0

    for card in overdue:
        # Room only ever shrinks, so a day full for a deck stays full: start each search
        # where the deck's last one ended.
        index = first_open.get(card.deck_id, 0)
        while index < horizon_days and not has_room(index, card.deck_id):
            index += 1
        first_open[card.deck_id] = index
        if index >= horizon_days:
            unplanned += 1
            continue
        day = days[index]
        day.cards += 1
        day.by_deck[card.deck_id] = day.by_deck.get(card.deck_id, 0) + 1
        day.lowest = min(day.lowest, card.recall)
        day.highest = max(day.highest, card.recall)

    return CatchUpPlan(
        today=today,
        overdue=len(overdue),
        learning=learning,
        cap=cap,
        left_today=max(0, cap - done_today),
        days=tuple(
            CatchUpDay(today + timedelta(days=index), day.cards, day.lowest, day.highest)
            for index, day in enumerate(days)
            if day.cards
        ),
        unplanned=unplanned,
        deck_limited=tuple(sorted(limited)),
    )


def catch_up_plan(
    store: Store,
    scheduler: SrsScheduler,
    *,
    now: datetime,
    today: date,
    reviews_per_day: int,
) -> CatchUpPlan:
    """The plan for the cards due now in decks neither removed nor paused."""
    due = store.queue.due(now, today)
    learning = 0
    overdue: list[OverdueCard] = []
    for card in due:
        schedule = card.schedule
        if schedule is None or schedule.state is not State.REVIEW:
            learning += 1
            continue
        overdue.append(OverdueCard(card.deck_id, scheduler.retrievability(schedule, now)))
    done = store.figures.reviews_done(today)
    return plan_catch_up(
        overdue,
        today=today,
        cap=reviews_per_day,
        deck_caps={
            deck.id: deck.reviews_per_day
            for deck in store.decks.installed()
            if deck.reviews_per_day is not None
        },
        done_today=sum(done.values()),
        done_today_by_deck=done,
        learning=learning,
    )
