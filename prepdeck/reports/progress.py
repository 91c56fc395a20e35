"""The progress report: everything the stats screen shows and ``prepdeck stats`` prints
for people, read in one go so that a figure shown in two places is one figure.

``figures`` is the ``stats`` report (the keys of ``stats --json``, meanings in the user
guide); the rest adds what a person reads at a glance: a year of days, the last month,
retention by deck and by kind against the desired retention, the weakest cards now, and
readiness for each interview ahead.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from prepdeck.domain.cards import Kind
from prepdeck.domain.days import app_day
from prepdeck.domain.spoken import words_per_minute
from prepdeck.prep.interviews import Interviews
from prepdeck.prep.readiness import interview_readiness, readiness
from prepdeck.reports.stats import RETENTION_WINDOW, Stats, compute_stats

if TYPE_CHECKING:
    from prepdeck.clock import Clock
    from prepdeck.config import Config
    from prepdeck.srs.scheduler import ForgettingCurve
    from prepdeck.store import RetentionCounts, Store

CALENDAR_DAYS = 365
"""The calendar heatmap's span: a year of app days, ending today."""
RECENT_DAYS = 30
"""The span of the reviews and minutes per day."""
WEAKEST_SHOWN = 10
SPOKEN_WEEKS = 8
"""The span of pace and fillers per week: the last eight weeks with spoken answers."""


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
class SpokenWeek:
    """The answers spoken in the drill in one week (from its Monday, in app days)."""

    week: date
    answers: int
    seconds: float
    words: int
    fillers: int

    @property
    def wpm(self) -> int | None:
        return words_per_minute(self.words, self.seconds)

    @property
    def fillers_per_minute(self) -> float | None:
        return self.fillers * 60 / self.seconds if self.seconds > 0 else None


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
    spoken: list[SpokenWeek] = field(default_factory=list)
    """Weeks with spoken answers among the last ``SPOKEN_WEEKS``, oldest first; none
    until the user has answered out loud."""


def compute_progress(
    store: Store,
    config: Config,
    clock: Clock,
    curve: ForgettingCurve,
    *,
    deck_id: str | None = None,
) -> Progress:
    """The progress report now; ``deck_id`` narrows it to one deck.

    Each part is a query or two over indexes, never the whole log read into Python:
    the days are one GROUP BY over the review log's app day, retention the rule of
    ``stats`` (``true_retention``) per deck and per kind, and the weakest cards and the
    interviews' readiness the rule of ``prep.readiness``.

    With ``deck_id``: ``figures`` as ``stats --deck``; the days and both retentions count
    that deck's reviews only (a removed deck's too, as its activity happened); the
    weakest cards are that deck's (none when it is removed). The interviews stay as they
    are: each is measured over its own decks, whatever deck is shown.
    """
    figures = compute_stats(store, config, clock, deck_id=deck_id)
    now = clock.now()
    today = app_day(now, config.day_start_hour)
    first = today - timedelta(days=CALENDAR_DAYS - 1)
    activity = store.figures.daily_activity(first, deck_id=deck_id)
    calendar = []
    for offset in range(CALENDAR_DAYS):
        day = first + timedelta(days=offset)
        reviews, milliseconds = activity.get(day, (0, 0))
        calendar.append(DayActivity(day, reviews, milliseconds / 1000))
    since = now - RETENTION_WINDOW
    by_deck = store.figures.retention_by_deck(since)
    if deck_id is not None:
        by_deck = {deck_id: by_deck[deck_id]} if deck_id in by_deck else {}
    by_kind = store.figures.retention_by_kind(since, deck_id=deck_id)
    kinds = [kind.value for kind in Kind]
    weakest = readiness(
        store,
        curve,
        now,
        deck_ids=None if deck_id is None else [deck_id],
        limit=WEAKEST_SHOWN,
        reviewed_only=True,
    ).weakest
    spoken = _spoken_weeks(store, today, deck_id)
    upcoming = Interviews(store, clock).upcoming()
    measured = interview_readiness(store, curve, upcoming)
    return Progress(
        today=today,
        figures=figures,
        calendar=calendar,
        recent=calendar[-RECENT_DAYS:],
        desired_retention=config.desired_retention,
        retention_by_deck=_rows(sorted(by_deck.items())),
        retention_by_kind=_rows(sorted(by_kind.items(), key=lambda item: _place(kinds, item[0]))),
        weakest=[
            WeakCard(card.deck_id, card.card_id, card.prompt, card.retrievability)
            for card in weakest
        ],
        interviews=[
            InterviewProgress(
                name=interview.name,
                at=interview.at,
                expected_recall=measured[interview.name].expected_recall,
                cards=measured[interview.name].cards,
                unseen=measured[interview.name].unseen,
            )
            for interview in upcoming
        ],
        spoken=spoken,
    )


def _spoken_weeks(store: Store, today: date, deck_id: str | None) -> list[SpokenWeek]:
    this_week = today - timedelta(days=today.weekday())
    first = this_week - timedelta(weeks=SPOKEN_WEEKS - 1)
    weeks: dict[date, list[float]] = {}
    for day, (answers, seconds, words, fillers) in store.figures.spoken_by_day(
        first, deck_id=deck_id
    ).items():
        totals = weeks.setdefault(day - timedelta(days=day.weekday()), [0, 0.0, 0, 0])
        for index, value in enumerate((answers, seconds, words, fillers)):
            totals[index] += value
    return [
        SpokenWeek(week, int(totals[0]), totals[1], int(totals[2]), int(totals[3]))
        for week, totals in sorted(weeks.items())
    ]


def _rows(counts: list[tuple[str, RetentionCounts]]) -> list[RetentionRow]:
    return [RetentionRow(label, part.reviews, part.passed) for label, part in counts]


def _place(kinds: list[str], kind: str) -> tuple[int, str]:
    """Where ``kind`` sorts: in the order of ``Kind``, then any other by name."""
    return (kinds.index(kind), kind) if kind in kinds else (len(kinds), kind)
