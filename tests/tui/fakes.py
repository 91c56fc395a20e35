"""A session and a timer small enough to reason about, for driving the screens in tests."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from prepdeck.clock import FixedClock
from prepdeck.domain.cards import Card, Kind
from prepdeck.domain.spoken import SpokenAnswer, count_fillers, count_words
from prepdeck.domain.stories import Story
from prepdeck.errors import SpeechError
from prepdeck.formats.wav import Sound
from prepdeck.srs.state import Rating

START = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)

INTERVALS: dict[Rating, str] = {
    Rating.AGAIN: "1m",
    Rating.HARD: "10m",
    Rating.GOOD: "2d",
    Rating.EASY: "9d",
}


@dataclass(frozen=True)
class FakeShown:
    no: int
    deck_id: str
    deck_title: str
    card: Card
    is_new: bool
    is_leech: bool = False


@dataclass(frozen=True)
class FakeSummary:
    done: int
    seconds: float
    grades: dict[Rating, int]
    next_due: datetime | None
    due_now: int = 0


@dataclass(frozen=True)
class GradeCall:
    card_id: str
    rating: Rating
    points_hit: int | None
    duration_ms: int | None
    draft: str | None
    spoken: SpokenAnswer | None = None


@dataclass
class FakeSession:
    """Walks a list of cards in order and records every call the screen makes."""

    cards: list[Card]
    deck_title: str = "Behavioural basics"
    next_due: datetime | None = START + timedelta(days=2)
    queue: list[int] = field(default_factory=list)
    revealed: bool = False
    graded: list[GradeCall] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    buried: list[str] = field(default_factory=list)
    suspended: list[str] = field(default_factory=list)
    reveals: int = 0
    own_answers: dict[str, str] = field(default_factory=dict)
    """Card id to the user's own answer."""
    # Each step the session can take back: the queue before it, and the grade it added.
    history: list[tuple[list[int], GradeCall | None]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.queue = list(range(len(self.cards)))

    @property
    def current(self) -> FakeShown | None:
        if not self.queue:
            return None
        index = self.queue[0]
        return FakeShown(index + 1, "basics", self.deck_title, self.cards[index], index % 2 == 0)

    @property
    def done(self) -> int:
        return len(self.graded)

    @property
    def left(self) -> int:
        """Cards after the current one, as the real session counts them."""
        return max(0, len(self.queue) - 1)

    @property
    def can_undo(self) -> bool:
        return bool(self.history)

    def _current_card(self) -> Card:
        shown = self.current
        assert shown is not None, "the screen called the session with no card shown"
        return shown.card

    @property
    def own_answer(self) -> str | None:
        shown = self.current
        if shown is None or not self.revealed:
            return None
        return self.own_answers.get(shown.card.id)

    @property
    def linked_stories(self) -> tuple[Story, ...]:
        return ()

    def keep_own_answer(self, text: str) -> str | None:
        card_id = self._current_card().id
        if text.strip():
            self.own_answers[card_id] = text.strip()
        else:
            self.own_answers.pop(card_id, None)
        return self.own_answers.get(card_id)

    def reveal(self) -> dict[Rating, str]:
        self._current_card()
        self.revealed = True
        self.reveals += 1
        return dict(INTERVALS)

    def grade(
        self,
        rating: Rating,
        *,
        points_hit: int | None = None,
        duration_ms: int | None = None,
        draft: str | None = None,
        spoken: SpokenAnswer | None = None,
    ) -> None:
        assert self.revealed, "graded before the answer was revealed"
        call = GradeCall(self._current_card().id, rating, points_hit, duration_ms, draft, spoken)
        self.history.append((list(self.queue), call))
        self.graded.append(call)
        self.queue.pop(0)
        self.revealed = False

    def undo(self) -> bool:
        """Takes back the last grade, skip, bury or suspend; its card is current again."""
        if not self.history:
            return False
        queue, call = self.history.pop()
        if call is not None:
            self.graded.remove(call)
        self.queue = queue
        self.revealed = False
        return True

    def _step(self, into: list[str]) -> None:
        into.append(self._current_card().id)
        self.history.append((list(self.queue), None))
        self.revealed = False

    def skip(self) -> None:
        self._step(self.skipped)
        self.queue.append(self.queue.pop(0))

    def bury(self) -> None:
        self._step(self.buried)
        self.queue.pop(0)

    def suspend(self) -> None:
        self._step(self.suspended)
        self.queue.pop(0)

    def summary(self) -> FakeSummary:
        grades = {rating: 0 for rating in Rating}
        for call in self.graded:
            grades[call.rating] += 1
        seconds = sum((call.duration_ms or 0) for call in self.graded) / 1000
        return FakeSummary(len(self.graded), seconds, grades, self.next_due)

    def plan_note(self) -> str:
        return ""


class FakeTimer:
    """A monotonic clock that moves only when a test advances it."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def fixed_clock() -> FixedClock:
    return FixedClock(START)


def sample_cards() -> list[Card]:
    return [
        Card(
            id="why-hire-you",
            prompt="Why should we hire you?",
            answer="Because I ship: three launches last year, each measured.",
            points=("A concrete result", "Tie it to their need", "Keep it under a minute"),
            followups=("What would your manager say?",),
            seconds=90,
        ),
        Card(
            id="late-train",
            kind=Kind.SCENARIO,
            prompt="Your train is cancelled an hour before the interview.",
            answer="Call the recruiter at once, offer a video call or a new time.",
            points=("Call early", "Offer options"),
        ),
        Card(
            id="scale-need",
            kind=Kind.COMPANY_NEED,
            prompt="They need someone to scale the data platform.",
            answer="The migration I led from cron jobs to a streaming pipeline.",
        ),
    ]


@dataclass
class FakeRecorder:
    """A microphone that heard ``seconds`` of sound, or none at all (``missing``)."""

    seconds: float = 4.0
    missing: str | None = None
    started: int = 0
    stopped: int = 0

    def start(self) -> None:
        if self.missing is not None:
            raise SpeechError(self.missing)
        self.started += 1

    def stop(self) -> Sound:
        self.stopped += 1
        return Sound(bytes(int(self.seconds * 16_000) * 2))


@dataclass
class FakeSpeech:
    """Hears ``transcript`` in whatever is recorded; no device, no engine."""

    transcript: str = "I tied the result to their needs, um, you know"
    recorder_made: FakeRecorder = field(default_factory=FakeRecorder)
    heard: list[str] = field(default_factory=list)

    def recorder(self) -> FakeRecorder:
        return self.recorder_made

    def hear(self, sound: Sound, *, name: str) -> SpokenAnswer:
        self.heard.append(name)
        return SpokenAnswer(
            transcript=self.transcript,
            seconds=sound.seconds,
            words=count_words(self.transcript),
            fillers=count_fillers(self.transcript),
        )
