"""Daily limits: how many new cards and reviews today's queue may still hand out."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, NamedTuple, Protocol

if TYPE_CHECKING:
    # A protocol for the type checker only: nothing checks a deck against it at run time.
    class DeckCaps(Protocol):
        """A deck's own caps; None follows the global ones."""

        @property
        def id(self) -> str: ...
        @property
        def new_per_day(self) -> int | None: ...
        @property
        def reviews_per_day(self) -> int | None: ...


class Allowance(NamedTuple):
    """What is left today: ``new_by_deck`` already respects the global new cap."""

    new_by_deck: dict[str, int]
    new_left: int
    reviews_by_deck: dict[str, int]
    reviews_left: int

    @property
    def new_available(self) -> int:
        return min(self.new_left, sum(self.new_by_deck.values()))


def daily_allowance(
    decks: Iterable[DeckCaps],
    *,
    new_cards: Mapping[str, int] | None,
    new_introduced: Mapping[str, int],
    reviews_done: Mapping[str, int],
    new_per_day: int,
    reviews_per_day: int,
) -> Allowance:
    """Each deck's share of today's caps.

    The global caps bound the whole day across decks; a deck's own limit can only lower
    its share. ``new_cards`` counts each deck's cards never reviewed; None leaves the shares
    unbounded by them (for a queue, whose query stops when a deck has no more).
    """
    new_left = max(0, new_per_day - sum(new_introduced.values()))
    reviews_left = max(0, reviews_per_day - sum(reviews_done.values()))
    new_by_deck: dict[str, int] = {}
    reviews_by_deck: dict[str, int] = {}
    for deck in decks:
        own_new = new_per_day if deck.new_per_day is None else min(deck.new_per_day, new_per_day)
        deck_new_left = max(0, own_new - new_introduced.get(deck.id, 0))
        share = min(deck_new_left, new_left)
        new_by_deck[deck.id] = share if new_cards is None else min(new_cards.get(deck.id, 0), share)
        own_reviews = (
            reviews_per_day
            if deck.reviews_per_day is None
            else min(deck.reviews_per_day, reviews_per_day)
        )
        reviews_by_deck[deck.id] = min(
            max(0, own_reviews - reviews_done.get(deck.id, 0)), reviews_left
        )
    return Allowance(new_by_deck, new_left, reviews_by_deck, reviews_left)
