"""The SQLite database: decks, cards, the review log, the queue and the counts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from prepdeck.store.records import (
    _LOG_RECORDS,
    CardText,
    CardVersion,
    DeckCounts,
    DeckInstall,
    MergeReport,
    RetentionCounts,
    StateCounts,
    StoredCard,
    StoredDeck,
)
from prepdeck.store.schema import LATEST_VERSION
from prepdeck.store.store import Store, connect

if TYPE_CHECKING:
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
    # The review log's values are built on first use (see ``records``).
    if name in _LOG_RECORDS:
        from prepdeck.store import log_records

        return getattr(log_records, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
