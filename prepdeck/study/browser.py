"""The card browser's reading side: search the installed cards, read one and its history."""

from __future__ import annotations

from datetime import date, datetime

from prepdeck.clock import Clock
from prepdeck.domain.days import app_day
from prepdeck.srs import SrsScheduler
from prepdeck.store import Review, Store, StoredCard
from prepdeck.store.search import CardHit, CardStatus, SearchResult, parse_query
from prepdeck.study.cards import CardActions

__all__ = ["CardBrowser", "CardHit", "CardStatus", "Review", "SearchResult", "StoredCard"]


class CardBrowser:
    """Searches and reads cards; ``actions`` changes them."""

    __slots__ = ("_clock", "_day_start_hour", "_store", "actions", "scheduler")

    def __init__(
        self, store: Store, scheduler: SrsScheduler, clock: Clock, *, day_start_hour: int
    ) -> None:
        self._store = store
        self._clock = clock
        self._day_start_hour = day_start_hour
        self.scheduler = scheduler
        """Forecasts a card's recall and next intervals."""
        self.actions = CardActions(store, clock, day_start_hour=day_start_hour)

    def today(self) -> date:
        return app_day(self._clock.now(), self._day_start_hour)

    def now(self) -> datetime:
        return self._clock.now()

    def search(self, text: str, *, now: datetime) -> SearchResult:
        """The cards matching the search line ``text`` at ``now`` (see
        ``prepdeck.store.search``); a line that does not parse raises ``QueryError``."""
        today = app_day(now, self._day_start_hour)
        return self._store.cards.search(parse_query(text), now=now, today=today)

    def find(self, deck_id: str, card_id: str) -> StoredCard | None:
        return self._store.cards.find(deck_id, card_id)

    def history(self, deck_id: str, card_id: str) -> list[Review]:
        """The card's reviews, oldest first."""
        return self._store.reviews.of_card(deck_id, card_id)

    def deck_title(self, deck_id: str) -> str:
        """The title of the deck ``deck_id``; its id if it is not installed."""
        deck = self._store.decks.find(deck_id)
        return deck.title if deck is not None else deck_id
