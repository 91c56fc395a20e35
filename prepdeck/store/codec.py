"""How values are written into SQLite columns and read back.

Times are text in one fixed shape, ``2026-11-25T10:29:03.123456+00:00`` (UTC, always six
digits of microseconds), so sorting the text sorts the times and indexes on time columns
work with plain comparisons. Lists are JSON text.

A schedule's columns are read and written by ``state_codec``, which needs the scheduler's
state types: its names are imported from here on first use, since the home's first frame
reads no schedule.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from prepdeck.store.state_codec import NEW_CARD_COLUMNS as NEW_CARD_COLUMNS
    from prepdeck.store.state_codec import STATE_BY_NUMBER as STATE_BY_NUMBER
    from prepdeck.store.state_codec import StateColumns as StateColumns
    from prepdeck.store.state_codec import last_review_ms as last_review_ms
    from prepdeck.store.state_codec import state_columns as state_columns
    from prepdeck.store.state_codec import state_from_columns as state_from_columns

_STATE_NAMES = frozenset(
    {
        "NEW_CARD_COLUMNS",
        "STATE_BY_NUMBER",
        "StateColumns",
        "last_review_ms",
        "state_columns",
        "state_from_columns",
    }
)

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
    import json

    return json.dumps(list(values), ensure_ascii=False)


def parse_list(text: str) -> tuple[str, ...]:
    """The texts of a JSON list of texts. The shape ``list_text`` writes without escapes
    is split as it was joined; any other is read by the json module, imported only then
    (the home's first frame reads the decks' tags, and each is in that shape)."""
    if text == "[]":
        return ()
    if len(text) > 3 and text[:2] == '["' and text[-2:] == '"]' and "\\" not in text:
        values = text[2:-2].split('", "')
        # Without a backslash no text holds a quote: one left over means another shape.
        if not any('"' in value for value in values):
            return tuple(values)
    import json

    return tuple(str(value) for value in json.loads(text))


def __getattr__(name: str) -> object:
    if name in _STATE_NAMES:
        from prepdeck.store import state_codec

        return getattr(state_codec, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
