"""How an interview's time and readiness are written, the same on the home and on the
interviews screen: a figure shown on both reads the same on both."""

from __future__ import annotations

from datetime import datetime, timedelta

from prepdeck.domain.cards import Kind

KIND_NAMES: dict[str, str] = {
    Kind.QUESTION: "question",
    Kind.SCENARIO: "scenario",
    Kind.COMPANY_NEED: "company need",
}


def percent(share: float) -> str:
    """A readiness (0 to 1) as a whole percentage: ``41%``."""
    return f"{share:.0%}"


def when(at: datetime) -> str:
    """Local time, to the minute: ``Fri 04 Dec 14:00``."""
    return f"{at.astimezone():%a %d %b %H:%M}"


def when_in_full(at: datetime) -> str:
    """Local time with the year: ``Fri 04 Dec 2026 14:00``."""
    return f"{at.astimezone():%a %d %b %Y %H:%M}"


def when_this_week(at: datetime, now: datetime) -> str | None:
    """``Fri 14:00`` while the weekday alone names the day (less than six days ahead);
    else None."""
    if not now < at < now + timedelta(days=6):
        return None
    return f"{at.astimezone():%a %H:%M}"
