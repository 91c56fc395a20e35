"""The SQLite database: decks, cards, the review log, the queue and the counts."""

from __future__ import annotations

from prepdeck.store.records import (
    CardVersion,
    DayTotal,
    DeckCounts,
    ImportedReview,
    ImportReport,
    MergeReport,
    QueueCard,
    RetentionCounts,
    Review,
    ReviewMode,
    StateCounts,
    StoredCard,
    StoredDeck,
)
from prepdeck.store.schema import LATEST_VERSION
from prepdeck.store.store import Store, connect

__all__ = [
    "LATEST_VERSION",
    "CardVersion",
    "DayTotal",
    "DeckCounts",
    "ImportReport",
    "ImportedReview",
    "MergeReport",
    "QueueCard",
    "RetentionCounts",
    "Review",
    "ReviewMode",
    "StateCounts",
    "Store",
    "StoredCard",
    "StoredDeck",
    "connect",
]
