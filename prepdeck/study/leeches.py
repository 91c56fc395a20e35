"""Finding the leeches to show (the rule itself is ``prepdeck.domain.leeches``)."""

from __future__ import annotations

from collections.abc import Iterable

from prepdeck.domain.leeches import LEECH_LAPSES
from prepdeck.store import Store
from prepdeck.store.cards import LapsedCard

__all__ = ["LapsedCard", "find_leeches", "still_drilled"]


def find_leeches(store: Store) -> list[LapsedCard]:
    """Leeches of decks not removed: those still drilled first, most lapses first."""
    lapsed = store.cards.lapsed(at_least=LEECH_LAPSES)
    # The store orders by lapses; a stable sort keeps that order within each group.
    return sorted(lapsed, key=lambda card: card.suspended)


def still_drilled(leeches: Iterable[LapsedCard]) -> int:
    """How many leeches are not suspended: the ones that still cost time every day."""
    return sum(1 for card in leeches if not card.suspended)
