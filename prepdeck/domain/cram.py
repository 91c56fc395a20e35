"""What a cram is asked for, and what it is for once the request is read."""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple


class CramRequest(NamedTuple):
    """A cram as the user asks for it: ``prepdeck cram``'s options, or "cram now"."""

    interview: str | None = None
    deck_ids: tuple[str, ...] = ()
    kind: str | None = None
    tag: str | None = None
    until: datetime | None = None
    """The moment to be ready at, when not an interview's."""
    reschedule: bool = False


class CramTarget(NamedTuple):
    """What a cram is for and what it draws from."""

    at: datetime
    """The moment recall is ranked for: the interview's time, or the one asked for."""
    interview: str | None = None
    """The interview's name, when the cram is for one."""
    deck_ids: tuple[str, ...] | None = None
    """Its decks; None for every deck neither removed nor paused."""
    needs_deck: str | None = None
    """The interview's own deck of needs, dealt first."""
    kind: str | None = None
    tag: str | None = None
