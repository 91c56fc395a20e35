"""Leeches: cards failed so often that drilling them once more is not going to help.

A leech is a card rated Again at least ``LEECH_FAILURES`` times since it was last reset,
in any mode. It is flagged, never acted on by itself: the user either suspends it or
writes their own version of it, in their own words.
"""

from __future__ import annotations

from collections.abc import Iterable

from prepdeck.store import Store
from prepdeck.store.cards import FailedCard

LEECH_FAILURES = 4
"""Ratings of Again that make a card a leech."""


def is_leech(failures: int) -> bool:
    return failures >= LEECH_FAILURES


def find_leeches(store: Store) -> list[FailedCard]:
    """Leeches of decks not removed: those still drilled first, most failures first."""
    failed = store.cards.failed(at_least=LEECH_FAILURES)
    # The store orders by failures; a stable sort keeps that order within each group.
    return sorted(failed, key=lambda card: card.suspended)


def still_drilled(leeches: Iterable[FailedCard]) -> int:
    """How many leeches are not suspended: the ones that still cost time every day."""
    return sum(1 for card in leeches if not card.suspended)
