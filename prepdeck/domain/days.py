"""App days: a review belongs to the local date of (time - day start hour)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta, tzinfo


def app_day(moment: datetime, day_start_hour: int, zone: tzinfo | None = None) -> date:
    """The app day of ``moment``: before the start hour, it still counts as the day before."""
    local = moment.astimezone(zone)
    return (local - timedelta(hours=day_start_hour)).date()


def day_start(day: date, day_start_hour: int, zone: tzinfo | None = None) -> datetime:
    """When ``day`` begins, in UTC: the first moment ``app_day`` puts in it."""
    naive = datetime.combine(day, time(hour=day_start_hour))
    # Without a zone, astimezone() takes the machine's, with that date's DST offset.
    local = naive.astimezone() if zone is None else naive.replace(tzinfo=zone)
    guess = local.astimezone(UTC)
    before, after = ((guess + shift).astimezone(zone).utcoffset() for shift in _AROUND)
    if before == after or before is None or after is None:
        return guess
    # A DST change near the start hour: on the day the clocks go forward past it, that
    # hour never shows, and the day begins when the clocks jump; on the day they go back
    # over it, it shows twice, and the day begins the first time. Of the moments the
    # offsets before and after the change give, the earlier one in the day is its start.
    starts = ((naive - offset).replace(tzinfo=UTC) for offset in (before, after))
    return min(
        (start for start in starts if app_day(start, day_start_hour, zone) >= day), default=guess
    )


_AROUND = (-timedelta(hours=3), timedelta(hours=3))
"""How far either side of a day's start a change of UTC offset is looked for: DST changes
move the clocks an hour or two."""


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
