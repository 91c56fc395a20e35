"""What the drill screen needs from a session, so the screen can be tested without a database.

The real implementation is ``prepdeck.study.session.Session`` (with ``DrillCard`` and
``SessionSummary``); these protocols name only the parts the TUI reads and calls, so the
screens type-check against it and against a small fake alike.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    # Named in annotations only: the app's first frame needs none of these modules, and
    # the drill loads nothing of speech until it records.
    from prepdeck.domain.cards import Card
    from prepdeck.domain.spoken import SpokenAnswer
    from prepdeck.domain.stories import Story
    from prepdeck.formats.wav import Sound
    from prepdeck.speech.recorder import Recorder
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
    @property
    def own_answer(self) -> str | None:
        """The user's own answer to the current card, once it is revealed."""
        ...

    @property
    def linked_stories(self) -> Sequence[Story]:
        """The stories linked to the current card, once it is revealed."""
        ...

    def reveal(self) -> dict[Rating, str]: ...
    def keep_own_answer(self, text: str) -> str | None: ...
    def grade(
        self,
        rating: Rating,
        *,
        points_hit: int | None = None,
        duration_ms: int | None = None,
        draft: str | None = None,
        spoken: SpokenAnswer | None = None,
    ) -> None: ...
    def undo(self) -> bool: ...
    def skip(self) -> None: ...
    def bury(self) -> None: ...
    def suspend(self) -> None: ...
    def summary(self) -> SessionTotals: ...
    def plan_note(self) -> str: ...


class DrillSpeech(Protocol):
    """What the drill needs to hear a spoken answer: a recorder and a transcriber.

    The real one is ``prepdeck.study.rehearse.Rehearse``; tests hand in a fake, since a
    test machine has no microphone.
    """

    def recorder(self) -> Recorder: ...

    def hear(self, sound: Sound, *, name: str) -> SpokenAnswer:
        """Transcribe ``sound`` (called in a worker thread), keeping it as ``name`` if
        the settings say so."""
        ...
