"""The deck a command names, among those installed and not removed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from prepdeck.errors import NotFoundError

if TYPE_CHECKING:
    from prepdeck.store import Store, StoredDeck


def installed_deck(store: Store, deck_id: str) -> StoredDeck:
    """The deck ``deck_id``; a removed deck is no more to act on than one never installed."""
    found = store.decks.find(deck_id)
    if found is None or found.removed:
        raise NotFoundError(f"no installed deck '{deck_id}'; see: prepdeck deck list")
    return found
