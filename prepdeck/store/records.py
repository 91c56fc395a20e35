"""The values the store hands out and takes in.

Only the installed deck and its counts are defined here: the home's first frame and
``deck list`` read nothing else. Those of the review log and the queue live in
``log_records``, those of cards, installs and statistics in ``card_records``; each is
imported when one of its names is first asked for, since defining their classes adds to
the start of every command. They can still be imported from here.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from prepdeck.domain.cards import Card, Deck, Source
    from prepdeck.store.card_records import CardText as CardText
    from prepdeck.store.card_records import CardVersion as CardVersion
    from prepdeck.store.card_records import DeckInstall as DeckInstall
    from prepdeck.store.card_records import MergeReport as MergeReport
    from prepdeck.store.card_records import RecallFigures as RecallFigures
    from prepdeck.store.card_records import RecallGroup as RecallGroup
    from prepdeck.store.card_records import RetentionCounts as RetentionCounts
    from prepdeck.store.card_records import StateCounts as StateCounts
    from prepdeck.store.card_records import StoredCard as StoredCard
    from prepdeck.store.card_records import WeakRow as WeakRow
    from prepdeck.store.log_records import CramKey as CramKey
    from prepdeck.store.log_records import CramScope as CramScope
    from prepdeck.store.log_records import ImportedReview as ImportedReview
    from prepdeck.store.log_records import ImportReport as ImportReport
    from prepdeck.store.log_records import QueueCard as QueueCard
    from prepdeck.store.log_records import Review as Review
    from prepdeck.store.log_records import ReviewMode as ReviewMode

_LOG_RECORDS = frozenset(
    {"CramKey", "CramScope", "ImportReport", "ImportedReview", "QueueCard", "Review", "ReviewMode"}
)
_CARD_RECORDS = frozenset(
    {
        "CardText",
        "CardVersion",
        "DeckInstall",
        "MergeReport",
        "RecallFigures",
        "RecallGroup",
        "RetentionCounts",
        "StateCounts",
        "StoredCard",
        "WeakRow",
    }
)
LAZY_RECORDS = {
    **dict.fromkeys(_LOG_RECORDS, "prepdeck.store.log_records"),
    **dict.fromkeys(_CARD_RECORDS, "prepdeck.store.card_records"),
}
"""The names defined on first use, by the module that defines them."""


def lazy_record(module_name: str, name: str) -> object:
    """``name`` of ``LAZY_RECORDS``, its module imported now; ``AttributeError`` (naming
    ``module_name``) for any other name."""
    module = LAZY_RECORDS.get(name)
    if module is None:
        raise AttributeError(f"module {module_name!r} has no attribute {name!r}")
    from importlib import import_module

    return getattr(import_module(module), name)


def __getattr__(name: str) -> object:
    return lazy_record(__name__, name)


class StoredDeck(NamedTuple):
    """An installed deck's metadata and settings.

    A named tuple rather than a frozen dataclass: the home's first frame lists the decks,
    and a dataclass of sixteen fields costs every start several times as much to define.
    Nothing unpacks or indexes it; like a dataclass it compares and hashes by its fields.
    """

    id: str
    title: str
    description: str | None
    author: str | None
    license: str | None
    version: str | None
    tags: tuple[str, ...]
    based_on: tuple[Source, ...]
    source: str
    content_hash: str
    removed: bool
    paused: bool
    new_per_day: int | None
    reviews_per_day: int | None
    installed_at: datetime
    updated_at: datetime

    def as_deck(self, cards: Sequence[Card], *, deck_id: str | None = None) -> Deck:
        """The deck as a deck file holds it, with ``cards``, under ``deck_id`` when given.

        Each other field of ``Deck`` is this deck's field of the same name."""
        from dataclasses import fields

        from prepdeck.domain.cards import Deck

        # What a ``Deck`` holds beside its id and cards: title and metadata.
        kept = (field.name for field in fields(Deck) if field.name not in ("id", "cards"))
        return Deck(
            id=self.id if deck_id is None else deck_id,
            cards=tuple(cards),
            **{name: getattr(self, name) for name in kept},
        )


class DeckCounts(NamedTuple):
    """``cards`` active; ``due`` reviewed and due (learning included); ``new`` never reviewed.

    Suspended and buried cards count in ``cards`` only.
    """

    cards: int = 0
    due: int = 0
    new: int = 0
