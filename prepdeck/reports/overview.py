"""The deck list with its figures: what ``deck list`` prints and the home screen shows."""

from __future__ import annotations

from typing import NamedTuple

from prepdeck.domain.cards import is_personal_deck_id
from prepdeck.domain.limits import Allowance, daily_allowance
from prepdeck.services import Home
from prepdeck.store import DeckCounts, StoredDeck


class DeckRow(NamedTuple):
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

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "title": self.title,
            "version": self.version,
            "license": self.license,
            "cards": self.cards,
            "due": self.due,
            "new": self.new,
            "new_today": self.new_today,
            "source": self.source,
            "removed": self.removed,
            "paused": self.paused,
        }


def today_allowance(
    home: Home, decks: list[StoredDeck], counts: dict[str, DeckCounts]
) -> Allowance:
    today = home.today()
    figures = home.store.figures
    return daily_allowance(
        [deck for deck in decks if not deck.removed and not deck.paused],
        new_cards={deck_id: count.new for deck_id, count in counts.items()},
        new_introduced=figures.new_introduced(today),
        reviews_done=figures.reviews_done(today),
        new_per_day=home.config.new_per_day,
        reviews_per_day=home.config.reviews_per_day,
    )


def deck_overview(home: Home, *, include_removed: bool = False) -> list[DeckRow]:
    """Installed decks by id; personal decks only once they hold cards."""
    decks = home.store.decks.installed(include_removed=True)
    counts = home.store.figures.deck_counts(home.clock.now(), home.today())
    allowance = today_allowance(home, decks, counts)
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
    return rows
