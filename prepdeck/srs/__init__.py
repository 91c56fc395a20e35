"""Spaced-repetition scheduling (FSRS): card states, ratings, outcomes and replays."""

from __future__ import annotations

from typing import TYPE_CHECKING

from prepdeck.srs.intervals import format_interval, interval_label, wait_until
from prepdeck.srs.state import CardState, Rating, State, is_lapse

if TYPE_CHECKING:
    from prepdeck.srs.scheduler import SrsScheduler, as_utc

__all__ = [
    "CardState",
    "Rating",
    "SrsScheduler",
    "State",
    "as_utc",
    "format_interval",
    "interval_label",
    "is_lapse",
    "wait_until",
]

_SCHEDULER_NAMES = frozenset({"SrsScheduler", "as_utc"})


def __getattr__(name: str) -> object:
    # fsrs is imported on first use only: the store reads CardState and Rating from here,
    # and commands that only read the database never schedule a card.
    if name in _SCHEDULER_NAMES:
        from prepdeck.srs import scheduler

        return getattr(scheduler, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
