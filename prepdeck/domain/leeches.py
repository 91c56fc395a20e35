"""Leeches: cards forgotten so often that drilling them once more is not going to help.

A card's failures are its lapses: the times it was rated Again while in review state,
that is after it had been learnt, in a review that changed its schedule, since its
progress was last reset. The store keeps that count on each card (``StoredCard.lapses``,
kept by ``prepdeck.srs.is_lapse``), so the leech list, the card browser and the drill
all read the same number. Agains while a card is still being learnt are not lapses:
failing a card you have just met is how it gets learnt.

A leech is a card with ``LEECH_LAPSES`` lapses or more. It is flagged, never acted on by
itself: the user either suspends it or writes their own version of it, in their own words.
"""

from __future__ import annotations

LEECH_LAPSES = 4
"""Lapses that make a card a leech."""

LEECH_SQL = f"lapses >= {LEECH_LAPSES}"
"""The rule as a condition on the ``cards`` table (the threshold written out, so SQLite
sees a constant)."""


def is_leech(lapses: int) -> bool:
    return lapses >= LEECH_LAPSES
