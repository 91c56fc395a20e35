"""Deck format 1 as frozen values: what a deck file means once it has been checked.

The values themselves (``Card``, ``Deck``, ``Source``) are defined in ``card_values`` when
one of them is first asked for from here: the home's first frame reads the card kinds and
the personal deck's id but no card, and each frozen dataclass adds to every start.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from prepdeck.domain.card_values import Card as Card
    from prepdeck.domain.card_values import Deck as Deck
    from prepdeck.domain.card_values import Source as Source

FORMAT_VERSION = 1


class Kind(StrEnum):
    QUESTION = "question"
    SCENARIO = "scenario"
    COMPANY_NEED = "company-need"


PERSONAL_DECK_ID = "my-cards"
"""The personal deck of the cards the user writes (``library.personal``)."""
PERSONAL_DECK_TITLE = "My cards"


def is_personal_deck_id(deck_id: str) -> bool:
    """``my-*`` ids are reserved for the user's own decks."""
    return deck_id == "my" or deck_id.startswith("my-")


_VALUES = frozenset({"Card", "Deck", "Source"})


def __getattr__(name: str) -> object:
    if name in _VALUES:
        from prepdeck.domain import card_values

        return getattr(card_values, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
