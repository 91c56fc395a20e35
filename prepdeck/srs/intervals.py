"""Short labels for the wait an outcome gives, as shown on the grade buttons, and for the
wait until a card falls due."""

from __future__ import annotations

import math
from datetime import datetime, timedelta

from prepdeck.srs.state import CardState

_MINUTE = 60.0
_HOUR = 60 * _MINUTE
_DAY = 24 * _HOUR
# An average Gregorian month and year, so "3mo" and "1.2y" read as a calendar would.
_MONTH_DAYS = 365.2425 / 12
_YEAR_DAYS = 365.2425


def _nearest(value: float) -> int:
    # Halves always round up; round() would turn 4.5 days into 4 but 5.5 days into 6.
    return math.floor(value + 0.5)


def format_interval(wait: timedelta) -> str:
    """``1m``, ``10m``, ``5h``, ``2d``, ``9d``, ``3mo``, ``1.2y``; ``now`` when not positive.

    Each unit is used only while its rounded count stays below the next unit, so a wait
    of 59.7 minutes reads ``1h`` rather than ``60m``.
    """
    seconds = wait.total_seconds()
    if seconds <= 0:
        return "now"
    minutes = max(1, _nearest(seconds / _MINUTE))
    if minutes < 60:
        return f"{minutes}m"
    hours = _nearest(seconds / _HOUR)
    if hours < 24:
        return f"{hours}h"
    days = _nearest(seconds / _DAY)
    if days < 31:
        return f"{days}d"
    months = _nearest(days / _MONTH_DAYS)
    if months < 12:
        return f"{months}mo"
    years = round(days / _YEAR_DAYS, 1)
    return f"{years:.1f}".removesuffix(".0") + "y"


def interval_label(outcome: CardState, now: datetime) -> str:
    """The label of the wait from ``now`` until ``outcome`` falls due."""
    return format_interval(outcome.due - now)


def wait_until(due: datetime, now: datetime) -> str:
    """``in 3d`` while ``due`` is ahead; ``now`` once it has come, for a minute; then
    ``2d ago``.

    A card is due once ``due <= now``, as every figure counts it, and only then: a card
    due in thirty seconds reads ``in 1m`` here as everywhere, never ``now``.
    """
    if due > now:
        return f"in {format_interval(due - now)}"
    if now - due < timedelta(minutes=1):
        return "now"
    return f"{format_interval(now - due)} ago"
