"""The values the review log and the queue hand out and take in (see ``records``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import NamedTuple

from prepdeck.srs import CardState, Rating


class ReviewMode(StrEnum):
    DRILL = "drill"
    CRAM = "cram"


class QueueCard(NamedTuple):
    """A card the queue offers, with what FSRS needs to schedule and rank it.

    A named tuple, like ``CardState``: the queue builds one per due card.
    """

    no: int
    deck_id: str
    card_id: str
    schedule: CardState | None


class CramKey(NamedTuple):
    """Where a card stands in a cram's order: its group (0 the interview's needs, 1
    scenarios, 2 the rest), its weakness (whole days since the last review per day of
    stability, higher first) and its number, which breaks ties."""

    group: int
    weakness: float
    no: int


class CramScope(NamedTuple):
    """The cards a cram draws from, and the moment they are ranked at."""

    at: datetime
    """The moment recall is predicted for: the interview's time."""
    today: date
    """Today's date by the day start hour: cards buried until later are left out."""
    deck_ids: tuple[str, ...] | None
    """The decks, or None for every deck neither removed nor paused (these two are
    always left out)."""
    weak_from: float
    """Whole days since the last review per day of stability from which a card counts
    as weak: below the desired recall at ``at``."""
    reviewed_before: datetime
    """Cards reviewed since are left out: the session that reviewed them tracks them."""
    first_deck: str | None = None
    kind: str | None = None
    tag: str | None = None


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

    ``applied`` None means the default: true for drill, false for cram.
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
