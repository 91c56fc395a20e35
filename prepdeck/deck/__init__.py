"""Deck format 1: the model, the safe loader, the validator and the writer."""

from __future__ import annotations

from typing import TYPE_CHECKING

from prepdeck.deck.model import Card, Deck, Kind, Source

if TYPE_CHECKING:
    from prepdeck.deck.loader import LoadResult, load_deck, load_deck_bytes

__all__ = ["Card", "Deck", "Kind", "LoadResult", "Source", "load_deck", "load_deck_bytes"]

_LOADER_NAMES = frozenset({"LoadResult", "load_deck", "load_deck_bytes"})


def __getattr__(name: str) -> object:
    # The loader (and PyYAML under it) is imported on first use only: commands that read
    # the database import prepdeck.deck.model, which runs this file, and parse no deck.
    if name in _LOADER_NAMES:
        from prepdeck.deck import loader

        return getattr(loader, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
