"""The pitch card ``my-pitch/pitch``: added once the user prepares for an interview.

A home gets it the first time an interview is added, and a home whose interviews came
before the card did gets it when a day-of checklist is built; both go through
``ensure_pitch_card``. A home with no interview never gets it, so a fresh home's decks
and counts are only the bundled ones.

The card is added only when the deck has no card of its id. One already there, whatever
became of it, is left exactly as it is: its text may have been changed since, its
schedule is the user's, and a retired one was set aside on purpose. The user's own
version of the pitch is the card's own answer (``prep.answers``), never its text.
"""

from __future__ import annotations

from contextlib import suppress

from prepdeck.clock import Clock
from prepdeck.domain.pitch import PITCH_CARD_ID, PITCH_DECK_ID, PITCH_DECK_TITLE, pitch_card
from prepdeck.domain.sources import DeckSource
from prepdeck.errors import RefusedError
from prepdeck.store import Store, StoredCard

PITCH_REF = f"{PITCH_DECK_ID}/{PITCH_CARD_ID}"
"""How commands name the card: ``DECK/CARD``."""


def ensure_pitch_card(store: Store, clock: Clock) -> StoredCard:
    """The pitch card, added first (with its deck) if the deck has no card of its id."""
    found = store.cards.find(PITCH_DECK_ID, PITCH_CARD_ID)
    if found is not None:
        return found
    # Added by another window between the look and the write: that one stands.
    with suppress(RefusedError):
        store.decks.append_card(
            PITCH_DECK_ID,
            PITCH_DECK_TITLE,
            pitch_card(),
            source=DeckSource.PERSONAL,
            now=clock.now(),
        )
    return store.cards.get(PITCH_DECK_ID, PITCH_CARD_ID)
