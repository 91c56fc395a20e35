"""The SQLite database: decks, cards, the review log, the queue and the counts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from prepdeck.store.db import LATEST_VERSION
from prepdeck.store.records import DeckCounts, StoredDeck, lazy_record
from prepdeck.store.store import Store, connect

if TYPE_CHECKING:
    from prepdeck.store.card_records import (
        CardText,
        CardVersion,
        DeckInstall,
        MergeReport,
        RetentionCounts,
        StateCounts,
        StoredCard,
    )
    from prepdeck.store.log_records import (
        CramKey,
        CramScope,
        ImportedReview,
        ImportReport,
        QueueCard,
        Review,
        ReviewMode,
    )

__all__ = [
    "LATEST_VERSION",
    "CardText",
    "CardVersion",
    "CramKey",
    "CramScope",
    "DeckCounts",
    "DeckInstall",
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


def __getattr__(name: str) -> object:
    # The values of the review log, of cards and of statistics are built on first use
    # (see ``records``).
    return lazy_record(__name__, name)
