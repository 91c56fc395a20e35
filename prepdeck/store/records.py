"""The values the store hands out and takes in."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from prepdeck.deck.model import Card, Kind, Source
from prepdeck.srs import CardState, Rating


class ReviewMode(StrEnum):
    DRILL = "drill"
    CRAM = "cram"


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


@dataclass(frozen=True, slots=True)
class CardVersion:
    """Text a card carried until a re-install replaced it."""

    replaced_at: datetime
    deck_version: str | None
    kind: Kind
    prompt: str
    answer: str
    points: tuple[str, ...]
    followups: tuple[str, ...]
    tags: tuple[str, ...]
    seconds: int | None


@dataclass(frozen=True, slots=True)
class MergeReport:
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


@dataclass(frozen=True, slots=True)
class QueueCard:
    """A card the queue offers, with what FSRS needs to schedule and rank it."""

    no: int
    deck_id: str
    card_id: str
    schedule: CardState | None


@dataclass(frozen=True, slots=True)
class DeckCounts:
    """``cards`` active; ``due`` reviewed and due (learning included); ``new`` never reviewed.

    Suspended and buried cards count in ``cards`` only.
    """

    cards: int = 0
    due: int = 0
    new: int = 0


@dataclass(frozen=True, slots=True)
class StateCounts:
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


@dataclass(frozen=True, slots=True)
class Review:
    """One row of the review log; ``before``/``after`` are the schedules around it."""

    review_id: str
    deck_id: str
    card_id: str
    rating: Rating
    reviewed_at: datetime
    day: date
    mode: ReviewMode
    applied: bool
    duration_ms: int | None
    points_hit: int | None
    points_total: int | None
    before: CardState | None
    after: CardState | None
    draft: str | None


@dataclass(frozen=True, slots=True)
class ImportedReview:
    """A review read from an export; FSRS fields are not taken, the replay computes them.

    ``applied`` None means the contract default: true for drill, false for cram.
    """

    deck_id: str
    card_id: str
    rating: Rating
    reviewed_at: datetime
    mode: ReviewMode = ReviewMode.DRILL
    applied: bool | None = None
    review_id: str | None = None
    duration_ms: int | None = None
    points_hit: int | None = None
    points_total: int | None = None
    draft: str | None = None


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What a review import did; ``unknown_cards`` are the (deck id, card id) pairs of
    skipped rows naming no installed card."""

    added: int
    duplicates: int
    unknown_rows: int
    unknown_cards: tuple[tuple[str, str], ...]
    replayed_cards: int


@dataclass(frozen=True, slots=True)
class DayTotal:
    day: date
    reviews: int
    duration_ms: int


@dataclass(frozen=True, slots=True)
class RetentionCounts:
    """Applied reviews of cards in review state beforehand, and those rated Hard or better."""

    reviews: int
    passed: int

    @property
    def share(self) -> float | None:
        return self.passed / self.reviews if self.reviews else None
