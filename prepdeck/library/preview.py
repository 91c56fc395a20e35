"""A look inside a deck a source offers, before it is installed.

An index says what a deck is called, its version and its licence, but not how many cards
it holds or which works it is based on: only the deck file does. The preview downloads
it, checks it against the index's sha256 and validates it exactly as an install would,
then keeps only those figures. Nothing is written, so it needs no database and may run
on any thread.
"""

from __future__ import annotations

from dataclasses import dataclass

from prepdeck.domain.reuse import reuse_notes
from prepdeck.library.fetch import Progress
from prepdeck.library.install import prepare_offered
from prepdeck.library.sources import Offered


@dataclass(frozen=True, slots=True)
class DeckPreview:
    """What the deck file of an offer holds, as far as choosing it goes."""

    deck_id: str
    source: str
    sha256: str
    """The index's sha256 of the file previewed: a new version is a new preview."""
    cards: int
    reuse: list[str]
    """One line per limit on reusing the deck: its licence's, then its sources'."""


def preview_offered(offer: Offered, *, progress: Progress | None = None) -> DeckPreview:
    """Download and validate the deck ``offer`` names; raises what an install would."""
    checked = prepare_offered(offer.entry, offer.source, progress=progress)
    deck = checked.deck
    return DeckPreview(
        deck_id=deck.id,
        source=offer.source,
        sha256=offer.entry.sha256,
        cards=len(deck.cards),
        reuse=reuse_notes(deck),
    )
