"""What the user may do to one card, wherever it is shown: suspend, bury, reset.

The drill, the card browser, the leech list and the home all act on cards through these,
so "until tomorrow" and the rest mean the same everywhere.
"""

from __future__ import annotations

from prepdeck.clock import Clock
from prepdeck.domain.days import tomorrow
from prepdeck.store import Store, StoredCard

__all__ = ["CardActions", "StoredCard"]


class CardActions:
    """Changes to one card's flags and schedule, by deck id and card id."""

    __slots__ = ("_clock", "_day_start_hour", "_store")

    def __init__(self, store: Store, clock: Clock, *, day_start_hour: int) -> None:
        self._store = store
        self._clock = clock
        self._day_start_hour = day_start_hour

    def get(self, deck_id: str, card_id: str) -> StoredCard:
        """The card as stored now; ``NotFoundError`` if there is none."""
        return self._store.cards.get(deck_id, card_id)

    def find(self, deck_id: str, card_id: str) -> StoredCard | None:
        return self._store.cards.find(deck_id, card_id)

    def set_suspended(self, deck_id: str, card_id: str, suspended: bool) -> None:
        """Keep a card out of every queue, or bring it back; its schedule is untouched."""
        self._store.cards.set_suspended(deck_id, card_id, suspended)

    def bury(self, deck_id: str, card_id: str) -> None:
        """Hide a card until the next app day starts."""
        until = tomorrow(self._clock.now(), self._day_start_hour)
        self._store.cards.bury(deck_id, card_id, until)

    def unbury(self, deck_id: str, card_id: str) -> None:
        self._store.cards.unbury(deck_id, card_id)

    def reset(self, deck_id: str, card_id: str) -> None:
        """Make a card new again; its reviews stay in the log."""
        self._store.cards.reset(deck_id, card_id, now=self._clock.now())
