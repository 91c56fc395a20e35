"""Reading a moment the user typed: an ISO date-time or the short forms people write.

Accepted, case and extra spaces aside (``TIME`` is ``14:00``, ``9:30``, ``2pm`` or
``9:30am``):

- ``2026-12-10T14:00`` or ``2026-12-10 14:00``, with or without an offset (``+01:00``,
  ``Z``); without one it is local time.
- ``today TIME`` and ``tomorrow TIME``.
- a weekday and a time, ``fri 9:30`` or ``friday 14:00``: the next such day. Today's
  weekday means today if that time is still ahead, else the same day next week.
- ``in N minutes``, ``in N hours``, ``in N days``, ``in N weeks``: counted from now, so
  ``in 3 days`` is three days from now at the current time of day.

Anything else is refused rather than guessed, with a message naming the text: a bare
``14`` (2 pm? the 14th?), a time without a day, a date without a time.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, tzinfo

from prepdeck.errors import MomentError

EXAMPLES = "2026-12-10 14:00, tomorrow 14:00, fri 9:30 or in 3 days"

WEEKDAYS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        (
            ("mon", "monday"),
            ("tue", "tues", "tuesday"),
            ("wed", "weds", "wednesday"),
            ("thu", "thur", "thurs", "thursday"),
            ("fri", "friday"),
            ("sat", "saturday"),
            ("sun", "sunday"),
        )
    )
    for name in names
}

_UNITS: dict[str, timedelta] = {
    "minute": timedelta(minutes=1),
    "hour": timedelta(hours=1),
    "day": timedelta(days=1),
    "week": timedelta(weeks=1),
}

_ISO = re.compile(r"\d{4}-\d{2}-\d{2}[t ]\d{1,2}:\d{2}.*")
_CLOCK_24 = re.compile(r"(\d{1,2}):(\d{2})")
_CLOCK_12 = re.compile(r"(\d{1,2})(?::(\d{2}))?\s*(am|pm)")
_DAY_AND_TIME = re.compile(r"([a-z]+)\s+(.+)")
_RELATIVE = re.compile(r"in\s+(\d{1,4})\s+(minute|hour|day|week)s?")


def _refused(text: str) -> MomentError:
    return MomentError(f'cannot read "{text}" as a time; write e.g. {EXAMPLES}')


def _clock(text: str) -> time | None:
    """The time of day ``text`` names (24-hour ``H:MM`` or 12-hour ``Hpm``), or None."""
    if match := _CLOCK_24.fullmatch(text):
        hour, minute = int(match[1]), int(match[2])
        if hour < 24 and minute < 60:
            return time(hour, minute)
        return None
    if match := _CLOCK_12.fullmatch(text):
        hour, minute = int(match[1]), int(match[2] or 0)
        if not 1 <= hour <= 12 or minute >= 60:
            return None
        return time(hour % 12 + (12 if match[3] == "pm" else 0), minute)
    return None


def _local(naive: datetime, zone: tzinfo | None) -> datetime:
    # Without a zone, astimezone() takes the machine's, with that date's DST offset.
    return naive.astimezone() if zone is None else naive.replace(tzinfo=zone)


def _at(day: date, clock: time, zone: tzinfo | None) -> datetime:
    return _local(datetime.combine(day, clock), zone)


def parse_moment(text: str, *, now: datetime, zone: tzinfo | None = None) -> datetime:
    """The moment ``text`` names, timezone-aware in ``zone``, or ``MomentError``.

    ``zone`` None is the machine's local time, with the offset in force on the day named.
    ``now`` (timezone-aware) anchors the relative forms; a moment in the past is
    returned as such: whether it is allowed is the caller's rule.
    """
    if now.tzinfo is None:
        raise ValueError("parse_moment needs a timezone-aware now")
    shown = " ".join(text.split())
    words = shown.lower()
    local_now = now.astimezone(zone)
    if _ISO.fullmatch(words):
        try:
            moment = datetime.fromisoformat(shown.upper().replace(" ", "T", 1))
            return _local(moment, zone) if moment.tzinfo is None else moment.astimezone(zone)
        except (ValueError, OverflowError):
            # OverflowError: a date at the end of the calendar, moved by its offset.
            raise _refused(shown) from None
    if match := _RELATIVE.fullmatch(words):
        try:
            return local_now + int(match[1]) * _UNITS[match[2]]
        except OverflowError:
            raise _refused(shown) from None
    if match := _DAY_AND_TIME.fullmatch(words):
        day_word, clock = match[1], _clock(match[2])
        if clock is None:
            raise _refused(shown)
        today = local_now.date()
        if day_word == "today":
            return _at(today, clock, zone)
        if day_word == "tomorrow":
            return _at(today + timedelta(days=1), clock, zone)
        if day_word in WEEKDAYS:
            ahead = (WEEKDAYS[day_word] - today.weekday()) % 7
            moment = _at(today + timedelta(days=ahead), clock, zone)
            return (
                moment
                if moment > local_now
                else _at(today + timedelta(days=ahead + 7), clock, zone)
            )
    raise _refused(shown)
