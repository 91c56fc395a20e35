"""The drill: today's queue, reveal, grade, undo — plain Python that the TUI only renders.

Every grade is written to the database in one transaction before the next card is
returned, so a crash loses at most the grade in flight.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from enum import Enum

from prepdeck.clock import Clock
from prepdeck.domain.cards import Card, Kind
from prepdeck.domain.days import app_day, day_end
from prepdeck.domain.leeches import is_leech
from prepdeck.domain.limits import Allowance, daily_allowance
from prepdeck.domain.own_answers import clean_answer
from prepdeck.domain.spoken import SpokenAnswer
from prepdeck.domain.stories import Story
from prepdeck.srs import CardState, Rating, SrsScheduler, State, interval_label
from prepdeck.store import QueueCard, ReviewMode, Store, StoredDeck
from prepdeck.study.cards import CardActions

EARLY_WINDOW = timedelta(minutes=20)
"""When nothing else is left, cards due within this window are shown early."""


@dataclass(frozen=True, slots=True)
class DrillCard:
    """The card on screen, with the schedule its outcomes are computed from."""

    no: int
    deck_id: str
    deck_title: str
    card: Card
    schedule: CardState | None
    lapses: int

    @property
    def is_new(self) -> bool:
        return self.schedule is None

    @property
    def is_leech(self) -> bool:
        return is_leech(self.lapses)


@dataclass(frozen=True, slots=True)
class SessionSummary:
    done: int
    seconds: float
    grades: dict[Rating, int]
    next_due: datetime | None
    """When the next card falls due after now."""
    due_now: int
    """Cards of the session's decks due now, as the home counts them: any left means the
    next card is due now, whenever the one after falls due."""


def suggest_grade(points_hit: int, points_total: int) -> Rating | None:
    """None hit: Again; under half: Hard; half or more: Good. None for a card without points."""
    if points_total <= 0:
        return None
    if points_hit <= 0:
        return Rating.AGAIN
    if points_hit * 2 < points_total:
        return Rating.HARD
    return Rating.GOOD


class _Step(Enum):
    GRADE = "grade"
    SKIP = "skip"
    BURY = "bury"
    SUSPEND = "suspend"


@dataclass(slots=True)
class _Undo:
    step: _Step
    card: DrillCard
    review_id: str | None = None
    rating: Rating | None = None
    duration_ms: int = 0
    stand_ins: tuple[int, ...] = ()
    """New cards let in to take the slot of a new card buried or suspended."""


@dataclass(slots=True)
class _Queue:
    """What is left: ``main`` (due, then new), cards back from a learning step, skipped ones."""

    main: deque[QueueCard] = field(default_factory=deque)
    learning: list[tuple[datetime, QueueCard]] = field(default_factory=list)
    skipped: deque[QueueCard] = field(default_factory=deque)

    def discard(self, no: int) -> None:
        self.main = deque(card for card in self.main if card.no != no)
        self.learning = [entry for entry in self.learning if entry[1].no != no]
        self.skipped = deque(card for card in self.skipped if card.no != no)

    def __len__(self) -> int:
        return len(self.main) + len(self.learning) + len(self.skipped)


class Session:
    """One sitting of the daily drill over the chosen decks (all when none are named)."""

    def __init__(
        self,
        store: Store,
        scheduler: SrsScheduler,
        clock: Clock,
        *,
        day_start_hour: int = 4,
        new_per_day: int = 10,
        reviews_per_day: int = 200,
        deck_ids: Sequence[str] | None = None,
        mode: ReviewMode = ReviewMode.DRILL,
        first_card: tuple[str, str] | None = None,
    ) -> None:
        """``first_card`` (deck id, card id) is shown first, due or not, then today's queue."""
        self._store = store
        self._cards = CardActions(store, clock, day_start_hour=day_start_hour)
        self._scheduler = scheduler
        self._clock = clock
        self._day_start_hour = day_start_hour
        self._new_per_day = new_per_day
        self._reviews_per_day = reviews_per_day
        self._deck_ids = list(deck_ids) if deck_ids else None
        self._mode = mode
        self._titles: dict[str, str] = {}
        self._queue = _Queue()
        self._undo: list[_Undo] = []
        self._outcomes: dict[Rating, CardState] | None = None
        self._revealed_at: datetime | None = None
        self.current: DrillCard | None = None
        self.own_answer: str | None = None
        """The user's own answer to the current card, read when it is revealed."""
        self.linked_stories: tuple[Story, ...] = ()
        """The stories linked to the current card (by id), read when it is revealed."""
        self.done = 0
        self.grades: dict[Rating, int] = dict.fromkeys(Rating, 0)
        self.answer_ms = 0
        self._build()
        if first_card is None:
            self._advance()
        else:
            self._show_first(*first_card)

    # -- state -------------------------------------------------------------------------

    @property
    def revealed(self) -> bool:
        return self._outcomes is not None

    @property
    def left(self) -> int:
        """Cards still waiting after the current one (a count, never the cards), learning
        steps due later today included."""
        return len(self._queue)

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    # -- actions -----------------------------------------------------------------------

    def reveal(self) -> dict[Rating, str]:
        """Compute the four outcomes once; the labels say the wait each grade gives."""
        card = self._require_card()
        if self._outcomes is None:
            now = self._clock.now()
            self._outcomes = self._scheduler.outcomes(card.no, self._memory_of(card), now)
            self._revealed_at = now
            # Read here, not when the card is dealt: one probe of the primary key, and only
            # for cards the user gets to see the answer of.
            self.own_answer = self._store.answers.find(card.deck_id, card.card.id)
            self.linked_stories = tuple(self._store.stories.stories_of(card.deck_id, card.card.id))
        assert self._revealed_at is not None
        return {
            rating: interval_label(outcome, self._revealed_at)
            for rating, outcome in self._outcomes.items()
        }

    def keep_own_answer(self, text: str) -> str | None:
        """Keep ``text`` as the user's own answer to the current card (empty: delete it);
        returns the answer now kept."""
        card = self._require_card()
        kept = clean_answer(text)
        self._store.answers.save(card.deck_id, card.card.id, kept, at=self._clock.now())
        self.own_answer = kept or None
        return self.own_answer

    def grade(
        self,
        rating: Rating,
        *,
        points_hit: int | None = None,
        duration_ms: int | None = None,
        draft: str | None = None,
        spoken: SpokenAnswer | None = None,
    ) -> None:
        """Commit the review and the card's new schedule, then move to the next card.

        The outcome shown was worked out from the schedule the card had when it was dealt.
        Should another window have graded the card since, the grade is worked out again
        from the schedule the store holds when it is written, and the session goes on
        from what was committed.
        """
        card = self._require_card()
        if self._outcomes is None:
            self.reveal()
        assert self._outcomes is not None and self._revealed_at is not None
        shown = self._outcomes[rating]
        reviewed_at = self._revealed_at
        points_total = len(card.card.points) if points_hit is not None else None
        applies = self._applies()
        recorded = self._store.reviews.record(
            card.deck_id,
            card.card.id,
            rating=rating,
            reviewed_at=reviewed_at,
            day=app_day(reviewed_at, self._day_start_hour),
            outcome=self._outcome_from(card, rating, shown, reviewed_at) if applies else None,
            mode=self._mode,
            applied=applies,
            duration_ms=duration_ms,
            points_hit=points_hit,
            points_total=points_total,
            draft=draft or None,
            spoken=spoken,
        )
        if recorded.before != card.schedule:
            card = replace(card, schedule=recorded.before)
        outcome = recorded.after if applies and recorded.after is not None else shown
        self._undo.append(
            _Undo(_Step.GRADE, card, recorded.review_id, rating, max(0, duration_ms or 0))
        )
        self.done += 1
        self.grades[rating] += 1
        self.answer_ms += max(0, duration_ms or 0)
        self._after_grade(card, rating, outcome, recorded.reviewed_at)
        self._advance()

    def _outcome_from(
        self, card: DrillCard, rating: Rating, shown: CardState, shown_at: datetime
    ) -> Callable[[CardState | None, datetime], CardState]:
        """The schedule a grade gives, from the one the card holds when it is written: the
        outcome shown (its fuzz included) while that is still the schedule the card was
        dealt with, else the grade worked out again from the one found."""
        dealt = card.schedule

        def outcome(stored: CardState | None, reviewed_at: datetime) -> CardState:
            if stored == dealt and reviewed_at == shown_at:
                return shown
            return self._scheduler.review(card.no, stored, rating, reviewed_at)

        return outcome

    def skip(self) -> None:
        """Leave the card for later in this session."""
        card = self._require_card()
        self._queue.skipped.append(QueueCard(card.no, card.deck_id, card.card.id, card.schedule))
        self._undo.append(_Undo(_Step.SKIP, card))
        self._advance()

    def bury(self) -> None:
        """Hide the card until tomorrow."""
        card = self._require_card()
        self._cards.bury(card.deck_id, card.card.id)
        self._undo.append(_Undo(_Step.BURY, card, stand_ins=self._free_slot(card)))
        self._advance()

    def suspend(self) -> None:
        """Keep the card out of every queue until it is unsuspended."""
        card = self._require_card()
        self._cards.set_suspended(card.deck_id, card.card.id, True)
        self._undo.append(_Undo(_Step.SUSPEND, card, stand_ins=self._free_slot(card)))
        self._advance()

    def undo(self) -> bool:
        """Take back the last step of this session; the card it touched is shown again."""
        if not self._undo:
            return False
        last = self._undo.pop()
        card = last.card
        if last.step is _Step.GRADE:
            assert last.review_id is not None and last.rating is not None
            self._store.reviews.undo(last.review_id)
            self.done -= 1
            self.grades[last.rating] -= 1
            self.answer_ms -= last.duration_ms
        elif last.step is _Step.BURY:
            self._cards.unbury(card.deck_id, card.card.id)
        elif last.step is _Step.SUSPEND:
            self._cards.set_suspended(card.deck_id, card.card.id, False)
        self._queue.discard(card.no)
        # The card back takes its slot back from the cards let in for it.
        for no in last.stand_ins:
            self._queue.discard(no)
        current = self.current
        # The card on screen waits behind the one undone, unless it is that same card
        # (back from a learning step or a skip) or one let in for it: it must not be
        # queued twice, nor beyond the day's new cards.
        if current is not None and current.no != card.no and current.no not in last.stand_ins:
            self._queue.main.appendleft(
                QueueCard(current.no, current.deck_id, current.card.id, current.schedule)
            )
        self._show(QueueCard(card.no, card.deck_id, card.card.id, card.schedule))
        return True

    def plan_note(self) -> str:
        """What is left of a plan to an interview this drill follows; "" for none."""
        return ""

    def summary(self) -> SessionSummary:
        now = self._clock.now()
        counts = self._store.figures.deck_counts(now, app_day(now, self._day_start_hour))
        return SessionSummary(
            done=self.done,
            seconds=self.answer_ms / 1000,
            grades=dict(self.grades),
            next_due=self._store.queue.next_due(now, deck_ids=self._deck_ids),
            due_now=sum(counts[deck.id].due for deck in self._live_decks() if deck.id in counts),
        )

    # -- the queue ---------------------------------------------------------------------

    # -- what a cram changes (see ``study.cram``) -------------------------------------------

    def _applies(self) -> bool:
        """Whether a grade changes the card's schedule: always, in a drill."""
        return True

    def _memory_of(self, card: DrillCard) -> CardState | None:
        """The schedule a grade's outcomes are computed from: the card's own, in a drill."""
        return card.schedule

    def _after_grade(
        self, card: DrillCard, rating: Rating, outcome: CardState, reviewed_at: datetime
    ) -> None:
        """Queue the card again when its new schedule brings it back today."""
        if self._comes_back_today(outcome, reviewed_at):
            self._queue.learning.append(
                (outcome.due, QueueCard(card.no, card.deck_id, card.card.id, outcome))
            )

    def _require_card(self) -> DrillCard:
        if self.current is None:
            raise RuntimeError("the session has no card left")
        return self.current

    def _comes_back_today(self, outcome: CardState, reviewed_at: datetime) -> bool:
        if outcome.state is State.REVIEW:
            return False
        today = app_day(reviewed_at, self._day_start_hour)
        return outcome.due < day_end(today, self._day_start_hour)

    def _live_decks(self) -> list[StoredDeck]:
        """The decks this session draws from: those chosen (all when none were), not
        removed or paused."""
        return [
            deck
            for deck in self._store.decks.installed()
            if not deck.paused and (self._deck_ids is None or deck.id in self._deck_ids)
        ]

    def allowance(self) -> Allowance:
        """What today's limits still allow in the decks this session draws from."""
        now = self._clock.now()
        today = app_day(now, self._day_start_hour)
        decks = self._live_decks()
        self._titles = {deck.id: deck.title for deck in decks}
        # The new-card counts are left out: the new query stops at each deck's share
        # anyway, and counting a big deck's new cards would cost more than the whole queue.
        return daily_allowance(
            decks,
            new_cards=None,
            new_introduced=self._store.figures.new_introduced(today),
            reviews_done=self._store.figures.reviews_done(today),
            new_per_day=self._new_per_day,
            reviews_per_day=self._reviews_per_day,
        )

    def _build(self) -> None:
        now = self._clock.now()
        today = app_day(now, self._day_start_hour)
        allowance = self.allowance()
        live = list(self._titles)
        if not live:
            return
        self._take_learning(today, live)
        self._queue.main.extend(self._due_reviews(now, today, live, allowance))
        new_cards = self._store.queue.new(
            today, limit=allowance.new_left, deck_ids=live, deck_limits=allowance.new_by_deck
        )
        self._queue.main.extend(self._interleave_kinds(new_cards))

    def _take_learning(self, today: date, live: list[str]) -> None:
        """Queue today's cards mid-step of the ``live`` decks, each for when it is due."""
        # Cards mid-step are finished whatever the review cap: stopping halfway wastes
        # them. Those due later today come back when due, as this session's own steps do.
        end = day_end(today, self._day_start_hour)
        for card in self._store.queue.learning(end, today, deck_ids=live):
            assert card.schedule is not None
            self._queue.learning.append((card.schedule.due, card))

    def _free_slot(self, card: DrillCard) -> tuple[int, ...]:
        """Once a new card is put away, let in the next one today's new limit allows, so
        the card goes as if it had never been dealt; the numbers of the cards let in."""
        if not card.is_new:
            return ()
        today = app_day(self._clock.now(), self._day_start_hour)
        allowance = self.allowance()
        waiting = {entry.no for entry in (*self._queue.main, *self._queue.skipped)}
        waiting_new = sum(
            entry.schedule is None for entry in (*self._queue.main, *self._queue.skipped)
        )
        dealt = self._store.queue.new(
            today,
            limit=allowance.new_left,
            deck_ids=self._deck_ids,
            deck_limits=allowance.new_by_deck,
        )
        let_in = [entry for entry in dealt if entry.no not in waiting][
            : max(0, allowance.new_left - waiting_new)
        ]
        self._queue.main.extend(let_in)
        return tuple(entry.no for entry in let_in)

    def _due_reviews(
        self, now: datetime, today: date, live: list[str], allowance: Allowance
    ) -> list[QueueCard]:
        """The weakest due review cards that today's caps allow: the global one and each
        deck's own."""
        wanted = allowance.reviews_left
        if wanted <= 0:
            return []
        # Usually the weakest ``wanted`` cards are the answer. Only when a deck's own cap
        # turns some away can more be needed: then ask again for twice as many.
        limit = wanted
        while True:
            due = self._store.queue.due_reviews(now, today, deck_ids=live, limit=limit)
            taken: list[QueueCard] = []
            left = dict(allowance.reviews_by_deck)
            for card in due:
                if left.get(card.deck_id, 0) > 0:
                    taken.append(card)
                    left[card.deck_id] -= 1
                    if len(taken) == wanted:
                        return taken
            if len(due) < limit:
                return taken
            limit *= 2

    def _show_first(self, deck_id: str, card_id: str) -> None:
        # Shown at once, ahead of any learning step due: it is the card the user chose.
        stored = self._store.cards.get(deck_id, card_id)
        self._queue.discard(stored.no)
        self._show(QueueCard(stored.no, deck_id, card_id, stored.schedule))

    def _interleave_kinds(self, cards: list[QueueCard]) -> list[QueueCard]:
        """Within each deck's cards, alternate questions, scenarios and company needs, each
        kind in file order. Each deck keeps the places the queue dealt it, so the decks
        still take turns."""
        kinds = self._store.cards.kinds([card.no for card in cards])
        by_deck: dict[str, dict[Kind, deque[QueueCard]]] = {}
        for card in cards:
            by_kind = by_deck.setdefault(card.deck_id, {kind: deque() for kind in Kind})
            by_kind[kinds.get(card.no, Kind.QUESTION)].append(card)
        mixed = {deck_id: deque(_alternate(by_kind)) for deck_id, by_kind in by_deck.items()}
        return [mixed[card.deck_id].popleft() for card in cards]

    def _advance(self) -> None:
        """Show the next card: a learning step now due, the main queue, skipped cards,
        then — when nothing else is left — a learning step due soon."""
        self._outcomes = None
        self._revealed_at = None
        now = self._clock.now()
        queue = self._queue
        queue.learning.sort(key=lambda entry: (entry[0], entry[1].no))
        if queue.learning and queue.learning[0][0] <= now:
            self._show(queue.learning.pop(0)[1])
        elif queue.main:
            self._show(queue.main.popleft())
        elif queue.skipped:
            self._show(queue.skipped.popleft())
        elif queue.learning and queue.learning[0][0] <= now + EARLY_WINDOW:
            self._show(queue.learning.pop(0)[1])
        else:
            self.current = None

    def _show(self, entry: QueueCard) -> None:
        self._outcomes = None
        self._revealed_at = None
        self.own_answer = None
        self.linked_stories = ()
        stored = self._store.cards.get(entry.deck_id, entry.card_id)
        if stored.retired or stored.suspended:
            # Changed under us (another window, a re-install): move on instead of showing it.
            self._advance()
            return
        if entry.deck_id not in self._titles:
            self._titles[entry.deck_id] = self._store.decks.get(entry.deck_id).title
        self.current = DrillCard(
            no=stored.no,
            deck_id=entry.deck_id,
            deck_title=self._titles[entry.deck_id],
            card=stored.card,
            schedule=stored.schedule,
            lapses=stored.lapses,
        )


def _alternate(by_kind: dict[Kind, deque[QueueCard]]) -> list[QueueCard]:
    """One card of each kind in turn, until every kind is used up."""
    mixed: list[QueueCard] = []
    while any(by_kind.values()):
        for kind in Kind:
            if by_kind[kind]:
                mixed.append(by_kind[kind].popleft())
    return mixed
