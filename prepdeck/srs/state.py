"""The schedule of a reviewed card, as plain values that know nothing of the fsrs package."""

from __future__ import annotations

from datetime import datetime
from enum import IntEnum
from typing import NamedTuple


class State(IntEnum):
    """Where a reviewed card is in its schedule; the numbers are those of ``fsrs.State``."""

    LEARNING = 1
    REVIEW = 2
    RELEARNING = 3


class Rating(IntEnum):
    """How well an answer went; the numbers are those of ``fsrs.Rating``."""

    AGAIN = 1
    HARD = 2
    GOOD = 3
    EASY = 4


class CardState(NamedTuple):
    """The FSRS schedule of a card reviewed at least once.

    A card never reviewed has no schedule and is represented by ``None`` instead.
    Both datetimes are timezone-aware UTC.

    A named tuple rather than a frozen dataclass: the queue builds one per due card
    (docs/architecture.md, "Hot paths").
    """

    state: State
    step: int | None
    stability: float | None
    difficulty: float | None
    due: datetime
    last_review: datetime | None


def is_lapse(rating: Rating, before: CardState | None) -> bool:
    """A card in review state forgotten: what a card's lapse count counts."""
    return rating == Rating.AGAIN and before is not None and before.state == State.REVIEW
