"""``deck export``: an installed deck as a deck file that ``deck install`` takes back.

A personal deck (``my-*``) cannot go out under its own id, which installs refuse, nor with
cards still waiting for an answer, which only personal decks may hold. It goes out under
an id of the user's choosing or one derived from its own, without those cards.

The user's own answers stay out unless asked for; then each answered card goes out with
the user's answer in place of the deck's (a deck file has one ``answer`` per card, and a
field of its own for them would be refused by the loader).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from prepdeck.domain.cards import Card, Deck, is_personal_deck_id
from prepdeck.domain.ids import is_valid_id
from prepdeck.errors import ExportError
from prepdeck.store import StoredDeck

SHAREABLE_FALLBACK_ID = "mine"
"""The id of a personal deck whose own id is nothing but the reserved prefix."""


@dataclass(frozen=True, slots=True)
class Export:
    """The deck to write, and what was changed on the way so that it can be installed."""

    deck: Deck
    renamed_from: str | None
    """The personal deck's own id, when the deck goes out under one derived from it."""
    left_out: tuple[str, ...]
    """Ids of the cards without an answer, which a deck to install may not hold."""


def shareable_id(deck_id: str) -> str:
    """The id a personal deck goes out under when none is chosen: its own, unreserved."""
    return deck_id.removeprefix("my-") if deck_id != "my" else SHAREABLE_FALLBACK_ID


def checked_export_id(new_id: str) -> str:
    """``new_id`` when ``deck install`` would take a deck under it; else ExportError."""
    if not is_valid_id(new_id):
        raise ExportError(
            f"'{new_id}' is not a deck id: lowercase letters and digits in words joined "
            "by single hyphens, at most 64 characters"
        )
    if is_personal_deck_id(new_id):
        raise ExportError(
            f"'{new_id}' is reserved: ids starting with 'my-' belong to personal decks, "
            "which installs refuse"
        )
    return new_id


def prepare_export(
    stored: StoredDeck,
    cards: Sequence[Card],
    *,
    new_id: str | None = None,
    own_answers: Mapping[str, str] | None = None,
) -> Export:
    """``stored`` with ``cards`` as a deck an install takes back, under ``new_id`` when
    given; ``own_answers`` (card id to answer) replace the answers of those cards."""
    active = tuple(cards)
    if own_answers:
        active = tuple(
            replace(card, answer=own_answers[card.id]) if card.id in own_answers else card
            for card in active
        )
    renamed_from: str | None = None
    left_out: tuple[str, ...] = ()
    if new_id is not None:
        deck_id = checked_export_id(new_id)
    elif is_personal_deck_id(stored.id):
        deck_id = shareable_id(stored.id)
        renamed_from = stored.id
    else:
        deck_id = stored.id
    if is_personal_deck_id(stored.id):
        left_out = tuple(card.id for card in active if not _has_answer(card))
        active = tuple(card for card in active if _has_answer(card))
        if not active:
            raise ExportError(
                f"{stored.id} has no card with an answer yet: a deck to share needs an "
                "answer on every card"
            )
    deck = stored.as_deck(active, deck_id=deck_id)
    return Export(deck, renamed_from, left_out)


def _has_answer(card: Card) -> bool:
    return bool(card.answer.strip())
