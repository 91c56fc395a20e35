"""The values the store hands out and takes in.

Those of the review log and the queue live in ``log_records``, imported only when the log
or the queue is first used: listing and counting decks never needs them, and defining
their classes adds to the start of every command. They can still be imported
from here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from datetime import date, datetime
from typing import TYPE_CHECKING, NamedTuple

from prepdeck.domain.cards import Card, Deck, Kind, Source
from prepdeck.srs import CardState

if TYPE_CHECKING:
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


def __getattr__(name: str) -> object:
    if name in _LOG_RECORDS:
        from prepdeck.store import log_records

        return getattr(log_records, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@dataclass(frozen=True, slots=True)
class StoredDeck:
    """An installed deck's metadata and settings."""

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
        return Deck(
            id=self.id if deck_id is None else deck_id,
            cards=tuple(cards),
            **{name: getattr(self, name) for name in _DECK_FIELDS},
        )


_DECK_FIELDS = tuple(field.name for field in fields(Deck) if field.name not in ("id", "cards"))
"""What a ``Deck`` holds beside its id and cards: title and metadata, kept in ``StoredDeck``."""


@dataclass(frozen=True, slots=True)
class StoredCard:
    """A card with its content as last installed, its flags and its schedule."""

    no: int
    deck_id: str
    card: Card
    position: int
    retired: bool
    suspended: bool
    buried_until: date | None
    schedule: CardState | None
    reps: int
    lapses: int

    @property
    def card_id(self) -> str:
        return self.card.id


class CardText(NamedTuple):
    """A card's text as stored, in ``cards`` and ``card_versions`` alike; its fields are
    those of ``Card`` by the same names."""

    kind: Kind
    prompt: str
    answer: str
    points: tuple[str, ...]
    followups: tuple[str, ...]
    tags: tuple[str, ...]
    seconds: int | None


class CardVersion(NamedTuple):
    """Text a card carried until a re-install replaced it."""

    replaced_at: datetime
    deck_version: str | None
    text: CardText


class DeckInstall(NamedTuple):
    """A deck to merge in, where it came from and the hash of its file."""

    deck: Deck
    source: str
    content_hash: str


class MergeReport(NamedTuple):
    """Card ids by what an install did to them.

    ``revived`` cards were retired and are back (their text updated, old text kept);
    ``changed`` cards were active and got new text. A card is in exactly one list, and
    a card that only moved within the file counts as unchanged.
    """

    deck_id: str
    created: bool
    added: tuple[str, ...]
    changed: tuple[str, ...]
    revived: tuple[str, ...]
    retired: tuple[str, ...]
    unchanged: tuple[str, ...]


class DeckCounts(NamedTuple):
    """``cards`` active; ``due`` reviewed and due (learning included); ``new`` never reviewed.

    Suspended and buried cards count in ``cards`` only.
    """

    cards: int = 0
    due: int = 0
    new: int = 0


class StateCounts(NamedTuple):
    """Active cards by the first that applies: suspended, buried, then their FSRS state.

    ``retired`` counts the retired cards beside them.
    """

    new: int = 0
    learning: int = 0
    review: int = 0
    relearning: int = 0
    suspended: int = 0
    buried: int = 0
    retired: int = 0

    @classmethod
    def total(cls, parts: Iterable[StateCounts]) -> StateCounts:
        """The counts of ``parts`` added state by state."""
        return cls(*(sum(column) for column in zip(cls(), *parts, strict=True)))


class RetentionCounts(NamedTuple):
    """Applied reviews of cards in review state beforehand, and those rated Hard or better."""

    reviews: int
    passed: int

    @property
    def share(self) -> float | None:
        return self.passed / self.reviews if self.reviews else None


class RecallGroup(NamedTuple):
    """The cards of one deck and kind, not retired, at one moment (``FigureQueries.recall``)."""

    deck_id: str
    kind: str
    cards: int
    unseen: int
    """Cards never reviewed: without a stability or a last review."""
    recall: float
    """FSRS's predicted recall of each of the other cards, summed."""


class WeakRow(NamedTuple):
    """A card among the weakest at a moment, with its predicted recall (0 if never reviewed)."""

    deck_id: str
    card_id: str
    prompt: str
    recall: float


class RecallFigures(NamedTuple):
    """Recall at one moment: per deck and kind, in that order, and the weakest cards."""

    groups: list[RecallGroup]
    weakest: list[WeakRow]
