"""The progress report: everything the stats screen shows and ``prepdeck stats`` prints
for people, read in one go so that a figure shown in two places is one figure.

``figures`` is the ``stats`` report (the keys of ``stats --json``, meanings in the user
guide); the rest adds what a person reads at a glance: a year of days, the last month,
retention by deck and by kind against the desired retention, the weakest cards now, and
readiness for each interview ahead.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from prepdeck.reports.stats import Stats

CALENDAR_DAYS = 365
"""The calendar heatmap's span: a year of app days, ending today."""
RECENT_DAYS = 30
"""The span of the reviews and minutes per day."""
WEAKEST_SHOWN = 10


@dataclass(frozen=True, slots=True)
class DayActivity:
    """One app day of the log: every review of that day, any mode."""

    day: date
    reviews: int
    seconds: float
    """Time spent answering, from the reviews' durations."""


@dataclass(frozen=True, slots=True)
class RetentionRow:
    """True retention of one deck or one kind over the retention window (``stats``'s
    meaning): applied reviews of cards that were in review beforehand, and how many of
    them were rated 2 or higher."""

    label: str
    """A deck id, or a card kind (``question``, ``scenario``, ``company-need``)."""
    reviews: int
    passed: int

    @property
    def rate(self) -> float | None:
        return self.passed / self.reviews if self.reviews else None


@dataclass(frozen=True, slots=True)
class WeakCard:
    """A card among the weakest now: the lowest predicted recall (retrievability)."""

    deck_id: str
    card_id: str
    prompt: str
    recall: float


@dataclass(frozen=True, slots=True)
class InterviewProgress:
    """Readiness for one interview ahead, at its time, over the cards it studies."""

    name: str
    at: datetime
    expected_recall: float
    cards: int
    unseen: int


@dataclass(frozen=True, slots=True)
class Progress:
    today: date
    figures: Stats
    calendar: list[DayActivity]
    """Every app day of the last ``CALENDAR_DAYS`` ending today, oldest first, days
    without a review included (as zeros)."""
    recent: list[DayActivity]
    """The last ``RECENT_DAYS`` of ``calendar``."""
    desired_retention: float
    retention_by_deck: list[RetentionRow]
    """Decks with reviews in the window, by deck id."""
    retention_by_kind: list[RetentionRow]
    """Kinds with reviews in the window, in the order of ``Kind``."""
    weakest: list[WeakCard]
    """Up to ``WEAKEST_SHOWN`` reviewed cards of active decks, weakest first."""
    interviews: list[InterviewProgress]
    """Upcoming interviews, soonest first."""
