"""A progress report built by hand, as a home with a year of practice would give it: the
stats screen's tests show it without reading a log.

Every figure is worked out here from a fixed pattern, so a test can name what it expects.
"""

from __future__ import annotations

from datetime import date, timedelta

from prepdeck.reports.progress import (
    CALENDAR_DAYS,
    RECENT_DAYS,
    DayActivity,
    InterviewProgress,
    Progress,
    RetentionRow,
    WeakCard,
)
from prepdeck.reports.stats import DeckFigures, Stats
from prepdeck.store import StateCounts
from tests.tui.fakes import START

TODAY = START.date()
STREAK = 12
"""Days in a row with reviews, ending today; the day before them has none."""
REVIEWS_TODAY = 23
SECONDS_TODAY = 1_470.0
"""24m 30s: the home writes it ``24m``."""
DESIRED = 0.9
TRUE_RETENTION = 0.9134

WEAKEST = [
    WeakCard("tough-questions", "greatest-weakness", "What is your greatest weakness?", 0.12),
    WeakCard(
        "behavioural-questions",
        "failed-project",
        "Tell me about a project that failed and what you did about it.",
        0.19,
    ),
    WeakCard("company-needs", "on-call", "We need someone for the on-call rota.", 0.24),
    WeakCard("tough-questions", "gap-in-cv", "What were you doing during the gap in your CV?", 0.3),
    WeakCard(
        "behavioural-questions",
        "conflict-with-lead",
        "Tell me about a disagreement with your team lead.",
        0.33,
    ),
    WeakCard("tough-questions", "why-leave", "Why do you want to leave your current job?", 0.41),
    WeakCard("company-needs", "ticket-backlog", "Our ticket backlog keeps growing.", 0.47),
    WeakCard(
        "behavioural-questions", "learned-fast", "Tell me about learning something quickly.", 0.52
    ),
    WeakCard("tough-questions", "salary", "What salary are you expecting?", 0.58),
    WeakCard("company-needs", "documentation", "Nobody documents the network.", 0.61),
]


def reviews_on(day: date) -> int:
    """The reviews of ``day`` in the hand-built year: none on the day the streak began
    after, or on most Sundays; otherwise a count that rises and falls over the weeks."""
    back = (TODAY - day).days
    if back < STREAK:
        return REVIEWS_TODAY if back == 0 else 8 + (back * 7) % 29
    if back == STREAK or day.weekday() == 6 or back % 11 == 5:
        return 0
    return (back * 13) % 37 + (3 if back < 120 else 0)


def seconds_on(day: date) -> float:
    """The answer time of ``day``: 40 to 89 seconds a review, varying from day to day."""
    if day == TODAY:
        return SECONDS_TODAY
    return reviews_on(day) * (40.0 + (day.toordinal() * 17) % 50)


def calendar() -> list[DayActivity]:
    days = [TODAY - timedelta(days=back) for back in range(CALENDAR_DAYS - 1, -1, -1)]
    return [DayActivity(day, reviews_on(day), seconds_on(day)) for day in days]


FORECAST = [
    31,
    14,
    9,
    12,
    7,
    18,
    5,
    11,
    6,
    9,
    4,
    13,
    8,
    3,
    10,
    6,
    2,
    7,
    9,
    5,
    3,
    8,
    4,
    6,
    2,
    5,
    7,
    3,
    4,
    6,
]
STATES = StateCounts(
    new=412, learning=6, review=538, relearning=3, suspended=4, buried=2, retired=7
)


def _figures(calendar_days: list[DayActivity]) -> Stats:
    per_deck = [
        DeckFigures(
            deck_id="tough-questions",
            reviews_total=2_104,
            reviews_today=11,
            time_today_s=702.0,
            streak_days=STREAK,
            due_now=14,
            new_available=4,
            true_retention=0.94,
            forecast=[value // 2 for value in FORECAST],
            states=StateCounts(new=90, learning=2, review=210, relearning=1),
        ),
    ]
    return Stats(
        reviews_total=sum(day.reviews for day in calendar_days) + 1_250,
        reviews_today=REVIEWS_TODAY,
        time_today_s=SECONDS_TODAY,
        streak_days=STREAK,
        due_now=FORECAST[0],
        new_available=10,
        true_retention=TRUE_RETENTION,
        forecast=FORECAST,
        states=STATES,
        per_deck=per_deck,
    )


def hand_built_progress(weakest: list[WeakCard] | None = None) -> Progress:
    """The report of a home practised for a year; ``weakest`` in place of the made-up
    weakest cards (a drill test needs cards its home holds)."""
    days = calendar()
    at = START.replace(hour=14, minute=0)
    return Progress(
        today=TODAY,
        figures=_figures(days),
        calendar=days,
        recent=days[-RECENT_DAYS:],
        desired_retention=DESIRED,
        retention_by_deck=[
            RetentionRow("behavioural-questions", 212, 183),
            RetentionRow("company-needs", 64, 60),
            RetentionRow("tough-questions", 301, 284),
        ],
        retention_by_kind=[
            RetentionRow("question", 398, 365),
            RetentionRow("scenario", 115, 102),
            RetentionRow("company-need", 64, 60),
        ],
        weakest=WEAKEST if weakest is None else weakest,
        interviews=[
            InterviewProgress("Acme Networks", at + timedelta(days=2), 0.63, 240, 31),
            InterviewProgress("Northwind IT", at + timedelta(days=9), 0.48, 198, 0),
        ],
    )
