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
