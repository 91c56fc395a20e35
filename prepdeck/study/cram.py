"""Cram: the cards weakest at one moment (an interview), drilled before it comes.

A cram is a drill with another queue and, by default, another effect. Its cards are those
of its decks ranked at the moment ``at``: the interview's own needs first, then the
scenarios, then every other card still below the desired recall at ``at``, weakest first
(cards never reviewed count 0, so they lead). No daily cap holds new cards back. A cram
for the interview the daily drill plans for deals today's cards of that plan right after
the interview's needs.

By default a grade is logged as a cram review, not applied: the card's schedule stays
exactly as it was, so a night of cramming cannot wreck the long-term plan. The session
keeps, in memory, the schedule each grade would have given (``memory``), both to grade a
card again from it and to tell how much recall at ``at`` the cram gained. With
``reschedule`` on, a grade is applied like a drill's. Either way a card graded Again
comes back a few cards later, and Hard a little later; Good and Easy are done with.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

from prepdeck.clock import Clock
from prepdeck.domain.cram import CramTarget
from prepdeck.domain.days import app_day
from prepdeck.srs import CardState, Rating, SrsScheduler
from prepdeck.store import CramKey, CramScope, QueueCard, ReviewMode, Store
from prepdeck.study.session import DrillCard, Session, SessionSummary, _Step

PAGE = 40
"""Cards read from the database at a time: a cram rarely gets through more."""

LOW_WATER = 5
"""When fewer cards than this wait, the next page is read."""

COMES_BACK_AFTER: dict[Rating, int] = {Rating.AGAIN: 3, Rating.HARD: 8}
"""How many cards later a card graded so is shown again in the same cram."""

UNAPPLIED_LABELS: dict[Rating, str] = {
    Rating.AGAIN: "again soon",
    Rating.HARD: "later",
    Rating.GOOD: "done",
    Rating.EASY: "done",
}
"""What each grade does to the card when the schedule is kept: only this cram changes."""


class _Memory(NamedTuple):
    latest: CardState
    """The schedule the card's latest grade of this cram gave, applied or not."""
    stored: CardState | None
    """The schedule the store holds for it: the latest applied grade's, or its own."""


class Measured(NamedTuple):
    """Readiness as the store holds it now: how many cards, and their mean recall."""

    cards: int
    expected_recall: float


@dataclass(frozen=True, slots=True)
class ReadinessChange:
    """Expected recall at the cram's moment over its decks, before and after it."""

    at: datetime
    cards: int
    before: float
    after: float


@dataclass(frozen=True, slots=True)
class CramSummary(SessionSummary):
    readiness: ReadinessChange | None
    """None when the decks hold no card."""
    applied: int
    """Grades of this cram that changed a schedule."""


class CramSession(Session):
    """A cram over ``target``; ``measure`` reads readiness at ``target.at`` over its decks
    from the store, for the summary."""

    def __init__(
        self,
        store: Store,
        scheduler: SrsScheduler,
        clock: Clock,
        *,
        target: CramTarget,
        measure: Callable[[], Measured],
        desired_retention: float,
        day_start_hour: int = 4,
        reschedule: bool = False,
        planned: Sequence[int] = (),
    ) -> None:
        self.target = target
        self.planned = frozenset(planned)
        self._planned_order = tuple(planned)
        """Today's cards of the plan to the interview, dealt after its needs and before
        the weakest."""
        self._reschedule = reschedule
        self._curve = scheduler.forgetting_curve()
        self._measure = measure
        started = clock.now()
        self._scope = CramScope(
            at=target.at,
            today=app_day(started, day_start_hour),
            deck_ids=target.deck_ids,
            weak_from=self._curve.weak_from(desired_retention),
            reviewed_before=started,
            first_deck=target.needs_deck,
            kind=target.kind,
            tag=target.tag,
        )
        self._last_key: CramKey | None = None
        self._undealt = 0
        self._first: dict[int, CardState | None] = {}
        """Each graded card's schedule before its first grade of this cram."""
        self._memory: dict[int, _Memory] = {}
        """Each graded card's schedule after its latest grade, and the one the store
        holds for it now."""
        self._memory_steps: list[tuple[int, _Memory | None, bool]] = []
        """For each grade, what ``_memory`` held for its card before it, and whether the
        grade was applied: what undo restores."""
        self.applied = 0
        super().__init__(
            store,
            scheduler,
            clock,
            day_start_hour=day_start_hour,
            deck_ids=target.deck_ids,
            mode=ReviewMode.CRAM,
        )

    @property
    def reschedule(self) -> bool:
        """Whether a grade changes the card's schedule; the cram screen may toggle it."""
        return self._reschedule

    @reschedule.setter
    def reschedule(self, value: bool) -> None:
        self._reschedule = value
        # Outcomes already worked out start from the schedule of the other mode: a
        # revealed card is worked out again from the right one.
        self._outcomes = None
        self._revealed_at = None

    @property
    def left(self) -> int:
        """Cards still to come after the current one, those not read yet included."""
        return super().left + self._undealt

    def reveal(self) -> dict[Rating, str]:
        labels = super().reveal()
        return labels if self.reschedule else dict(UNAPPLIED_LABELS)

    def undo(self) -> bool:
        grade = bool(self._undo) and self._undo[-1].step is _Step.GRADE
        try:
            undone = super().undo()
        finally:
            # The session drops the step even when the store refuses to take the grade
            # back: this memory of it goes too, so the two stay in step.
            if grade:
                no, kept, applied = self._memory_steps.pop()
        if grade and undone:
            self.applied -= applied
            if kept is None:
                del self._memory[no]
                del self._first[no]
            else:
                self._memory[no] = kept
        return undone

    def summary(self) -> CramSummary:
        totals = super().summary()
        return CramSummary(
            done=totals.done,
            seconds=totals.seconds,
            grades=totals.grades,
            next_due=totals.next_due,
            due_now=totals.due_now,
            readiness=self.readiness_change(),
            applied=self.applied,
        )

    def readiness_change(self) -> ReadinessChange | None:
        """Readiness before this cram and after it. The store holds the schedules of
        applied grades; for the others, what each grade would have given stands in."""
        measured = self._measure()
        if measured.cards == 0:
            return None
        stored_gain = kept_gain = 0.0
        for no, memory in self._memory.items():
            stored = self._recall(memory.stored)
            stored_gain += stored - self._recall(self._first[no])
            kept_gain += self._recall(memory.latest) - stored
        now = measured.expected_recall
        return ReadinessChange(
            at=self.target.at,
            cards=measured.cards,
            before=_share(now - stored_gain / measured.cards),
            after=_share(now + kept_gain / measured.cards),
        )

    # -- the hooks of ``Session`` --------------------------------------------------------

    def _applies(self) -> bool:
        return self.reschedule

    def _memory_of(self, card: DrillCard) -> CardState | None:
        # An applied grade starts from the stored schedule, so a replay of the log gives
        # the same one; a kept one from what this cram's earlier grades would have given.
        if self.reschedule or card.no not in self._memory:
            return card.schedule
        return self._memory[card.no].latest

    def _after_grade(
        self, card: DrillCard, rating: Rating, outcome: CardState, reviewed_at: datetime
    ) -> None:
        applied = self.reschedule
        before = self._memory.get(card.no)
        self._memory_steps.append((card.no, before, applied))
        self._first.setdefault(card.no, card.schedule)
        # The card comes with the schedule the store held when the grade was written.
        stored = outcome if applied else card.schedule
        self._memory[card.no] = _Memory(outcome, stored)
        self.applied += applied
        gap = COMES_BACK_AFTER.get(rating)
        if gap is not None:
            schedule = outcome if applied else card.schedule
            entry = QueueCard(card.no, card.deck_id, card.card.id, schedule)
            self._queue.main.insert(min(gap, len(self._queue.main)), entry)

    def _build(self) -> None:
        needs = self.target.needs_deck
        planned = [
            card
            for card in self._store.queue.by_numbers(self._planned_order)
            if card.deck_id != needs
        ]
        self.planned = frozenset(card.no for card in planned)
        self._undealt = max(0, self._store.queue.cram_size(self._scope) - len(planned))
        self._deal()
        # The interview's needs still lead; today's planned cards follow them.
        main = self._queue.main
        leading = 0
        while leading < len(main) and main[leading].deck_id == needs:
            leading += 1
        for offset, card in enumerate(planned):
            main.insert(leading + offset, card)

    def _deal(self) -> None:
        page = self._store.queue.cram(self._scope, after=self._last_key, limit=PAGE)
        if page:
            self._last_key = page[-1][1]
        self._queue.main.extend(card for card, _ in page if card.no not in self.planned)
        # A short page is the last: cards may have left the scope since it was counted.
        self._undealt = 0 if len(page) < PAGE else max(0, self._undealt - len(page))

    def _advance(self) -> None:
        if self._undealt and len(self._queue.main) < LOW_WATER:
            self._deal()
        super()._advance()

    def _free_slot(self, card: DrillCard) -> tuple[int, ...]:
        # No daily cap to honour: the next card in line simply follows.
        return ()

    def _recall(self, schedule: CardState | None) -> float:
        return self._curve.recall_at(schedule, self.target.at)


def _share(value: float) -> float:
    return round(min(1.0, max(0.0, value)), 4)
