"""How values are written into SQLite columns and read back.

Times are text in one fixed shape, ``2026-11-25T10:29:03.123456+00:00`` (UTC, always six
digits of microseconds), so sorting the text sorts the times and indexes on time columns
work with plain comparisons. Lists are JSON text.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta

from prepdeck.srs import CardState, State

StateColumns = tuple[int | None, int | None, float | None, float | None, str | None, str | None]
"""A schedule as its six columns: state, step, stability, difficulty, due, last_review."""

NEW_CARD_COLUMNS: StateColumns = (None, None, None, None, None, None)

STATE_BY_NUMBER = {int(state): state for state in State}
"""``State`` by number: a dict lookup rather than a call of the enum, once per due card
(docs/architecture.md, "Hot paths")."""

_UNIX_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MILLISECOND = timedelta(milliseconds=1)


def new_review_id() -> str:
    """32 random hex digits: unique across machines, so merged logs never collide."""
    return os.urandom(16).hex()


def time_text(moment: datetime) -> str:
    """``moment`` in the stored shape; naive datetimes are refused."""
    if moment.tzinfo is not UTC:
        # Imported here: the scheduler module loads fsrs, which reading the store does
        # not need, and the clock's times are already UTC.
        from prepdeck.srs.scheduler import as_utc

        moment = as_utc(moment)
    return moment.isoformat(timespec="microseconds")


def unix_ms(moment: datetime) -> int:
    """Whole milliseconds since the Unix epoch (rounded down)."""
    return (moment - _UNIX_EPOCH) // _MILLISECOND


def parse_time(text: str) -> datetime:
    return datetime.fromisoformat(text)


def day_text(day: date) -> str:
    return day.isoformat()


def parse_day(text: str) -> date:
    return date.fromisoformat(text)


_JSON_ESCAPED = re.compile(r'[\x00-\x1f"\\]')
"""What ``json.dumps`` escapes in a string when it may write any Unicode."""


def list_text(values: Sequence[str]) -> str:
    """A list of texts as JSON, as ``json.dumps(..., ensure_ascii=False)`` writes it.

    An install writes three lists per card, mostly empty or of plain words, for which
    the json module's machinery took a tenth of the whole install of a large deck."""
    if not values:
        return "[]"
    if _JSON_ESCAPED.search(" ".join(values)) is None:
        return '["' + '", "'.join(values) + '"]'
    return json.dumps(list(values), ensure_ascii=False)


def parse_list(text: str) -> tuple[str, ...]:
    values = json.loads(text)
    return tuple(str(value) for value in values)


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
