"""Decks and review histories written straight into a store, for tests of what is read
back from them (catch-up, readiness)."""

from __future__ import annotations

from datetime import datetime, timedelta

from prepdeck.domain.cards import Card, Deck, Kind
from prepdeck.srs import Rating, SrsScheduler
from prepdeck.store import ImportedReview, Store

UNFUZZED = SrsScheduler(enable_fuzzing=False)


def install(
    store: Store, deck_id: str, count: int, *, now: datetime, kind: Kind = Kind.QUESTION
) -> list[str]:
    """A deck of ``count`` cards ``c0``, ``c1``, ... installed long before ``now``."""
    cards = tuple(
        Card(id=f"c{index}", prompt=f"{deck_id} prompt {index}?", answer="A.", kind=kind)
        for index in range(count)
    )
    store.decks.install(
        Deck(id=deck_id, title=deck_id.title(), cards=cards),
        source="file",
        content_hash=deck_id,
        now=now - timedelta(days=400),
    )
    return [card.id for card in cards]


def review(store: Store, deck_id: str, card_id: str, *when: tuple[Rating, datetime]) -> None:
    """Reviews of one card, replayed without fuzz; each day is the UTC date."""
    store.reviews.import_reviews(
        [ImportedReview(deck_id, card_id, rating, at) for rating, at in when],
        scheduler=UNFUZZED,
        day_of=lambda moment: moment.date(),
    )
