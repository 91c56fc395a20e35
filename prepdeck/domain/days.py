"""App days: a review belongs to the local date of (time - day start hour)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta, tzinfo


def app_day(moment: datetime, day_start_hour: int, zone: tzinfo | None = None) -> date:
    """The app day of ``moment``: before the start hour, it still counts as the day before."""
    local = moment.astimezone(zone)
    return (local - timedelta(hours=day_start_hour)).date()


def day_start(day: date, day_start_hour: int, zone: tzinfo | None = None) -> datetime:
    """When ``day`` begins, in UTC."""
    naive = datetime.combine(day, time(hour=day_start_hour))
    # Without a zone, astimezone() takes the machine's, with that date's DST offset.
    local = naive.astimezone() if zone is None else naive.replace(tzinfo=zone)
    return local.astimezone(UTC)


def tomorrow(moment: datetime, day_start_hour: int, zone: tzinfo | None = None) -> date:
    """The app day after that of ``moment``: what "until tomorrow" (a buried card) means."""
    return app_day(moment, day_start_hour, zone) + timedelta(days=1)


def day_end(day: date, day_start_hour: int, zone: tzinfo | None = None) -> datetime:
    """When ``day`` ends (the next day's start), in UTC."""
    return day_start(day + timedelta(days=1), day_start_hour, zone)


STREAK_LOOKBACK = timedelta(days=3650)
"""How far back the days with reviews are read to count a streak: ten years."""


def streak(days_with_reviews: Sequence[date], today: date) -> int:
    """Consecutive days with a review ending today — or yesterday while today has none."""
    days = set(days_with_reviews)
    start = today if today in days else today - timedelta(days=1)
    count = 0
    while start - timedelta(days=count) in days:
        count += 1
    return count
