"""A debrief as read and as saved (see ``debrief``, where these are imported from)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from prepdeck.domain.cards import Card


class Debrief(NamedTuple):
    interview: str
    """The interview's name, as shown."""
    written_at: datetime
    surprises: tuple[str, ...]
    went_well: str
    to_change: str
    """What the user would do differently."""


class SavedDebrief(NamedTuple):
    debrief: Debrief
    added: tuple[Card, ...]
    """The cards written for surprises not asked before, in the order given."""
    deck_id: str
