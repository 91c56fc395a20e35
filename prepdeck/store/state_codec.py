"""How a card's schedule is written into its six SQLite columns and read back (see
``codec``, where these names are imported from)."""

from __future__ import annotations

from datetime import datetime

from prepdeck.srs import CardState, State
from prepdeck.store.codec import time_text, unix_ms

StateColumns = tuple[int | None, int | None, float | None, float | None, str | None, str | None]
"""A schedule as its six columns: state, step, stability, difficulty, due, last_review."""

NEW_CARD_COLUMNS: StateColumns = (None, None, None, None, None, None)

STATE_BY_NUMBER = {int(state): state for state in State}
"""``State`` by number: a dict lookup rather than a call of the enum, once per due card
(docs/architecture.md, "Hot paths")."""


def state_columns(state: CardState | None) -> StateColumns:
    if state is None:
        return NEW_CARD_COLUMNS
    return (
        int(state.state),
        state.step,
        state.stability,
        state.difficulty,
        time_text(state.due),
        None if state.last_review is None else time_text(state.last_review),
    )


def last_review_ms(state: CardState | None) -> int | None:
    """The ``cards.last_review_ms`` column that goes with ``state``."""
    if state is None or state.last_review is None:
        return None
    return unix_ms(state.last_review)


def state_from_columns(
    state: int | None,
    step: int | None,
    stability: float | None,
    difficulty: float | None,
    due: str | None,
    last_review: str | None,
) -> CardState | None:
    """The schedule stored in six columns; ``None`` when they describe a new card."""
    if state is None or due is None:
        return None
    # Positional: the queue builds thousands (docs/architecture.md, "Hot paths").
    return CardState(
        STATE_BY_NUMBER[state],
        step,
        stability,
        difficulty,
        datetime.fromisoformat(due),
        None if last_review is None else datetime.fromisoformat(last_review),
    )
