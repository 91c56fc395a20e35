"""The deck list with its figures: what ``deck list`` prints and the home screen shows."""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from prepdeck.clock import Clock
from prepdeck.config import Config
from prepdeck.domain.cards import is_personal_deck_id
from prepdeck.domain.days import app_day
from prepdeck.domain.limits import Allowance, daily_allowance
from prepdeck.store import DeckCounts, Store, StoredDeck


class DeckRow(NamedTuple):
    """One deck of the list; its fields are the keys of ``deck list --json``."""

    id: str
    title: str
    version: str | None
    license: str | None
    cards: int
    due: int
    new: int
    new_today: int
    source: str
    removed: bool
    paused: bool


class Overview(NamedTuple):
    """The deck list and what today's caps leave, read at one moment."""

    decks: list[DeckRow]
    allowance: Allowance


def today_allowance(
    store: Store,
    config: Config,
    today: date,
    decks: list[StoredDeck],
    counts: dict[str, DeckCounts],
) -> Allowance:
    """What today's caps leave to the decks neither removed nor paused."""
    figures = store.figures
    return daily_allowance(
        [deck for deck in decks if not deck.removed and not deck.paused],
        new_cards={deck_id: count.new for deck_id, count in counts.items()},
        new_introduced=figures.new_introduced(today),
        reviews_done=figures.reviews_done(today),
        new_per_day=config.new_per_day,
        reviews_per_day=config.reviews_per_day,
    )


def read_overview(
    store: Store, config: Config, clock: Clock, *, include_removed: bool = False
) -> Overview:
    """Installed decks by id, personal decks only once they hold cards, with today's
    allowance."""
    now = clock.now()
    today = app_day(now, config.day_start_hour)
    decks = store.decks.installed(include_removed=True)
    counts = store.figures.deck_counts(now, today)
    allowance = today_allowance(store, config, today, decks, counts)
    rows: list[DeckRow] = []
    for deck in decks:
        count = counts.get(deck.id, DeckCounts())
        if deck.removed and not include_removed:
            continue
        if is_personal_deck_id(deck.id) and count.cards == 0:
            continue
        rows.append(
            DeckRow(
                id=deck.id,
                title=deck.title,
                version=deck.version,
                license=deck.license,
                cards=count.cards,
                due=count.due,
                new=count.new,
                new_today=allowance.new_by_deck.get(deck.id, 0),
                source=deck.source,
                removed=deck.removed,
                paused=deck.paused,
            )
        )
    return Overview(rows, allowance)


def deck_overview(
    store: Store, config: Config, clock: Clock, *, include_removed: bool = False
) -> list[DeckRow]:
    """Installed decks by id; personal decks only once they hold cards."""
    return read_overview(store, config, clock, include_removed=include_removed).decks
