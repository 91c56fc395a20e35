"""How far away a moment is, in the words a person would use: ``in 2 days 3 h``.

Each unit is counted whole (floored), so a countdown never claims more time than is
left: 2 h 59 min reads ``in 2 h 59 min``, never ``in 3 h``. Past a week the hours no
longer matter and are left out; past the moment the same words count back (``2 days
ago``).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from prepdeck.domain.plural import plural

_MINUTE = timedelta(minutes=1)


def _span(delta: timedelta) -> str:
    """``delta`` (not negative, a minute or more) in days and hours or hours and minutes."""
    minutes = int(delta // _MINUTE)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    if days >= 7:
        return plural(days, "day")
    if days:
        return plural(days, "day") + (f" {hours} h" if hours else "")
    if hours:
        return f"{hours} h" + (f" {minutes} min" if minutes else "")
    return f"{minutes} min"


def countdown(at: datetime, now: datetime) -> str:
    """How long until ``at``: ``in 2 days 3 h``, ``in 5 h 20 min``, ``in 12 min``,
    ``in under a minute``; once ``at`` has come, ``just now`` for a minute, then
    ``3 h ago``."""
    if at > now:
        left = at - now
        return "in under a minute" if left < _MINUTE else f"in {_span(left)}"
    gone = now - at
    return "just now" if gone < _MINUTE else f"{_span(gone)} ago"


def countdown_changes_in(at: datetime, now: datetime) -> timedelta:
    """How soon ``countdown(at, now)`` reads differently: when the time left (or gone)
    crosses its next whole minute. Zero when it changes the instant after ``now``; a
    caller redrawing a moment after the wait is never more than that moment out of
    date."""
    if at > now:
        return (at - now) % _MINUTE
    return _MINUTE - (now - at) % _MINUTE
