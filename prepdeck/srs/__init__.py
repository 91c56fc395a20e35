"""Spaced-repetition scheduling (FSRS): card states, ratings, outcomes and replays."""

from __future__ import annotations

from prepdeck.srs.intervals import format_interval, interval_label
from prepdeck.srs.scheduler import SrsScheduler, as_utc
from prepdeck.srs.state import CardState, Rating, State, is_lapse

__all__ = [
    "CardState",
    "Rating",
    "SrsScheduler",
    "State",
    "as_utc",
    "format_interval",
    "interval_label",
    "is_lapse",
]
