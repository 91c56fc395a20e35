"""Deck format 1: the model, the safe loader, the validator and the writer."""

from __future__ import annotations

from prepdeck.deck.loader import LoadResult, load_deck, load_deck_bytes
from prepdeck.deck.model import Card, Deck, Kind, Source

__all__ = ["Card", "Deck", "Kind", "LoadResult", "Source", "load_deck", "load_deck_bytes"]
