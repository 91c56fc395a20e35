"""What the drill screen needs from a session, so the screen can be tested without a database.

The real implementation is ``prepdeck.study.session.Session`` (with ``DrillCard`` and
``SessionSummary``); these protocols name only the parts the TUI reads and calls, so the
screens type-check against it and against a small fake alike.
"""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from prepdeck.domain.cards import Card
from prepdeck.srs.state import Rating


class ShownCard(Protocol):
    """The card a session is showing, with where it comes from."""

    @property
    def no(self) -> int: ...
    @property
    def deck_id(self) -> str: ...
    @property
    def deck_title(self) -> str: ...
    @property
    def card(self) -> Card: ...
    @property
    def is_new(self) -> bool: ...
    @property
    def is_leech(self) -> bool: ...


class SessionTotals(Protocol):
    """What a session did, for the summary screen."""

    @property
    def done(self) -> int: ...
    @property
    def seconds(self) -> float: ...
    @property
    def grades(self) -> dict[Rating, int]: ...
    @property
    def next_due(self) -> datetime | None: ...
    @property
    def due_now(self) -> int: ...


class DrillSession(Protocol):
    """The drill state machine the screen renders and forwards keys to."""

    @property
    def current(self) -> ShownCard | None: ...
    @property
    def revealed(self) -> bool: ...
    @property
    def done(self) -> int: ...
    @property
    def left(self) -> int: ...
    @property
    def can_undo(self) -> bool: ...

    def reveal(self) -> dict[Rating, str]: ...
    def grade(
        self,
        rating: Rating,
        *,
        points_hit: int | None = None,
        duration_ms: int | None = None,
        draft: str | None = None,
    ) -> None: ...
    def undo(self) -> bool: ...
    def skip(self) -> None: ...
    def bury(self) -> None: ...
    def suspend(self) -> None: ...
    def summary(self) -> SessionTotals: ...


class CramStarter(Protocol):
    """What a screen asks of the app to cram for an interview."""

    def start_cram(self, *, interview: str | None = None) -> bool:
        """Open a cram for ``interview`` (the next one when None); whether it opened."""
        ...
