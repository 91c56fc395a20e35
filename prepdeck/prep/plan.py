"""The plan to the day: which card to review on which day so that the mean recall at the
interview is as high as a daily time budget allows.

Plain arithmetic over whole days, no database (``prep.planning`` reads the cards). Day
``0`` is now; day ``i`` is the same time ``i`` days later; the interview is ``horizon``
whole days after now. A card's recall at the interview is FSRS's forgetting curve after
the whole days between its last review and the interview, as readiness counts it.

The method (``docs/planning.md`` gives the reasoning):

- **Expected recall with a set of review days.** At each planned review the card is
  recalled with the chance FSRS predicts for that day, and graded Good; otherwise it
  lapses, is graded Again and relearnt at its step. Both branches are followed to the
  interview and weighed by their chances, so the figure is an expectation, not the
  outcome of one guessed path. A new card's first review teaches it (two Good grades,
  the first meeting and its learning step).
- **Greedy by lift per minute.** Every card is offered every day it may be reviewed; the
  review that lifts the expected mean recall at the interview most per minute of the day
  it takes goes in first, while that day has the minutes; then that card's offers are
  worked out again. A day full takes no more. A lift smaller than ``MIN_LIFT`` is not
  worth a review: reviews too early to matter wait for a later day or never happen.
- **The ordinary drill** on the same budget is modelled for comparison: each day, due
  cards (weakest first) then new ones under the daily new-card cap, until the minutes
  run out, each reviewed card assumed recalled to find when it falls due again.

A ``PlanCache`` keeps every card's offers between plans of the same horizon, so the plan
worked out again after one review costs only the cards that changed.
"""

from __future__ import annotations

import heapq
import random
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from prepdeck.srs.memory import Memory, MemoryModel

MIN_LIFT = 0.005
"""The least rise in a card's expected recall at the interview that a review must bring
to be planned: half a percentage point."""

MAX_REVIEWS = 4
"""Reviews of one card planned before the interview at most: beyond that the lift of
another is tiny, and each one doubles the branches its expectation follows."""

REVIEW_REACH = 2
"""Reviewed cards considered, at most, per review the whole budget holds: the weakest at
the interview."""

NEW_CARD_SHOWINGS = 2
"""A new card takes two showings on its first day: the first meeting and the learning
step that follows it in the same drill."""

DRILL_RUNS = 32
"""Runs of the ordinary drill averaged for the figure without a plan."""

DRILL_CARD_RUNS = 8_000
MIN_DRILL_RUNS = 4
"""Fewer runs over many cards: ``DRILL_CARD_RUNS`` cards run in all, never fewer than
``MIN_DRILL_RUNS`` runs."""

_ROOM = 1e-9
"""Seconds of slack when a review is fitted into what is left of a day."""


class PlanCard(NamedTuple):
    """One card as the planner sees it."""

    no: int
    """The store's card number: what identifies the card in a plan."""
    memory: Memory | None
    """None for a card never reviewed."""
    since: int
    """Whole days from its last review to now (0 for a new card)."""
    to_interview: int
    """Whole days from its last review to the interview (for a new card: unused)."""
    seconds: float
    """One showing of the card."""
    first_day: int = 0
    """The first day it may be reviewed: later than 0 while it is buried."""
    due_day: int | None = None
    """The day the ordinary drill first shows it (0: due now); None for a new card."""
    learning: bool = False
    """In a learning or relearning step: the ordinary drill shows it before the others."""


class Layout(NamedTuple):
    """The review days chosen for each card, by day."""

    days: list[list[int]]
    """For each day, the card numbers to review, the best use of the minutes first."""
    seconds: list[float]
    """For each day, the seconds its reviews are planned to take."""
    expected_recall: float
    """The mean over the cards of the expected recall at the interview, the plan kept."""


def expected_recall(model: MemoryModel, card: PlanCard, days: Sequence[int], horizon: int) -> float:
    """The expected recall at the interview of ``card`` reviewed on ``days`` (ascending)."""
    if card.memory is None:
        if not days:
            return 0.0
        first = days[0]
        return _expect(model, model.learn(), -first, horizon - first, days, 1, horizon)
    return _expect(model, card.memory, card.since, card.to_interview, days, 0, horizon)


def _expect(
    model: MemoryModel,
    memory: Memory,
    since_at_zero: int,
    to_interview: int,
    days: Sequence[int],
    next_index: int,
    horizon: int,
) -> float:
    """Expected recall at the interview from ``memory``; ``since_at_zero + day`` whole
    days pass from the last review to a review on ``day``, ``to_interview`` to the
    interview; the reviews left are ``days[next_index:]``."""
    if next_index == len(days):
        return model.recall(memory.stability, to_interview)
    day = days[next_index]
    chance = model.recall(memory.stability, since_at_zero + day)
    after = horizon - day
    kept = _expect(
        model, model.recalled(memory, chance), -day, after, days, next_index + 1, horizon
    )
    lost = _expect(model, model.lapsed(memory, chance), -day, after, days, next_index + 1, horizon)
    return chance * kept + (1 - chance) * lost


class _Offers(NamedTuple):
    """What adding one more review on each day would do for one card."""

    value: float
    """Expected recall at the interview with the reviews already planned."""
    ranked: tuple[tuple[float, int, float], ...]
    """The reviews worth offering, as (lift per second, day, seconds), best first."""


@dataclass(slots=True)
class PlanCache:
    """Each card's offers, by its memory and the reviews already planned for it; valid
    for one horizon and one model, and emptied when either changes."""

    horizon: int = -1
    day_count: int = -1
    model: MemoryModel | None = None
    offers: dict[tuple[PlanCard, tuple[int, ...]], _Offers] = field(default_factory=dict)

    def for_plan(self, model: MemoryModel, horizon: int, day_count: int) -> None:
        if (model, horizon, day_count) != (self.model, self.horizon, self.day_count):
            self.offers.clear()
            self.model, self.horizon, self.day_count = model, horizon, day_count


def lay_out(
    model: MemoryModel,
    cards: Sequence[PlanCard],
    *,
    horizon: int,
    capacity: Sequence[float],
    cache: PlanCache | None = None,
    left_out: int = 0,
    left_out_recall: float = 0.0,
) -> Layout:
    """The review days of ``cards`` that give the highest mean expected recall at the
    interview, ``horizon`` whole days away, with at most ``capacity[i]`` seconds of
    reviews on day ``i``. ``left_out`` more cards, left as they are, count in the mean
    with ``left_out_recall``, their summed recall at the interview."""
    day_count = len(capacity)
    cache = cache if cache is not None else PlanCache()
    cache.for_plan(model, horizon, day_count)
    left = list(capacity)
    planned: list[list[int]] = [[] for _ in cards]
    worth: dict[tuple[int, int], float] = {}
    """Lift per second of each review planned, by (card index, day): the order of a day."""
    offers = [_offers_of(model, card, (), horizon, day_count, cache) for card in cards]
    # Each card has one offer in the heap at a time: the best of its ranked offers not
    # yet passed over (``cursor``) whose day still has the time.
    cursor = [0] * len(cards)
    heap: list[tuple[float, int, int, float]] = []
    for index in range(len(cards)):
        _push_best(heap, index, offers[index], cursor, left)
    while heap:
        rate, index, day, cost = heapq.heappop(heap)
        card = cards[index]
        days = planned[index]
        if left[day] + _ROOM < cost:
            # The day filled since this offer was made: the card's next best day instead.
            cursor[index] += 1
            _push_best(heap, index, offers[index], cursor, left)
            continue
        left[day] -= cost
        if card.memory is None and days and day < days[0]:
            # The day it was to be met becomes an ordinary review, one showing.
            left[days[0]] += card.seconds * (NEW_CARD_SHOWINGS - 1)
        days.append(day)
        days.sort()
        worth[index, day] = -rate
        offers[index] = _offers_of(model, card, tuple(days), horizon, day_count, cache)
        cursor[index] = 0
        _push_best(heap, index, offers[index], cursor, left)
    by_day: list[list[tuple[float, int]]] = [[] for _ in range(day_count)]
    spent = [0.0] * day_count
    for index, days in enumerate(planned):
        card = cards[index]
        for position, day in enumerate(days):
            by_day[day].append((-worth[index, day], card.no))
            showings = NEW_CARD_SHOWINGS if card.memory is None and position == 0 else 1
            spent[day] += card.seconds * showings
    total = left_out_recall + sum(offers[index].value for index in range(len(cards)))
    counted = len(cards) + left_out
    return Layout(
        days=[[no for _, no in sorted(day)] for day in by_day],
        seconds=spent,
        expected_recall=total / counted if counted else 0.0,
    )


class Reach(NamedTuple):
    """The cards worth working on, out of all of an interview's."""

    cards: list[PlanCard]
    left_out: int
    """Cards left as they are: new ones beyond what the whole budget could meet, and on
    a big home, reviewed ones strong at the interview."""
    left_out_recall: float
    """Their recall at the interview, summed (0 for each new one)."""


def within_reach(model: MemoryModel, cards: Sequence[PlanCard], capacity: Sequence[float]) -> Reach:
    """``cards`` less those no plan or drill would reach, in their order.

    Of new cards alike (same length, same first day), only as many as the whole budget
    could meet, the first in order: they are all the planner could choose among, and the
    ordinary drill meets new cards in order, so both give the same figures without the
    others. Of reviewed cards, when there are more than ``REVIEW_REACH`` times the
    reviews the whole budget holds, those weakest at the interview: a big home's strong
    cards would be offered only to lose, and working out their offers would take seconds.
    """
    total = sum(capacity)
    taken: dict[tuple[float, int], int] = {}
    kept: list[PlanCard] = []
    reviewed: list[tuple[float, int]] = []
    shortest = 0.0
    for card in cards:
        if card.memory is None:
            group = (card.seconds, card.first_day)
            reach = int(total // (card.seconds * NEW_CARD_SHOWINGS)) if card.seconds > 0 else 0
            if taken.get(group, 0) >= reach:
                continue
            taken[group] = taken.get(group, 0) + 1
        else:
            recall = model.recall(card.memory.stability, card.to_interview)
            reviewed.append((recall, len(kept)))
            shortest = card.seconds if len(reviewed) == 1 else min(shortest, card.seconds)
        kept.append(card)
    reach = int(REVIEW_REACH * total // shortest) if shortest > 0 else len(reviewed)
    if len(reviewed) <= reach:
        return Reach(kept, len(cards) - len(kept), 0.0)
    reviewed.sort()
    strong = reviewed[reach:]
    dropped = {position for _, position in strong}
    chosen = [card for position, card in enumerate(kept) if position not in dropped]
    return Reach(chosen, len(cards) - len(chosen), sum(recall for recall, _ in strong))


def _cost(card: PlanCard, days: Sequence[int], day: int) -> float:
    """Seconds a review on ``day`` takes that day: a new card's first, two showings."""
    first = card.memory is None and (not days or day < days[0])
    return card.seconds * (NEW_CARD_SHOWINGS if first else 1)


def _push_best(
    heap: list[tuple[float, int, int, float]],
    index: int,
    offers: _Offers,
    cursor: list[int],
    left: Sequence[float],
) -> None:
    """Offer the card's best review that still fits its day, if one is worth it."""
    ranked = offers.ranked
    at = cursor[index]
    while at < len(ranked):
        rate, day, cost = ranked[at]
        if left[day] + _ROOM >= cost:
            heapq.heappush(heap, (-rate, index, day, cost))
            break
        at += 1
    cursor[index] = at


def _offers_of(
    model: MemoryModel,
    card: PlanCard,
    days: tuple[int, ...],
    horizon: int,
    day_count: int,
    cache: PlanCache,
) -> _Offers:
    # Cards alike but for their number have the same offers: new cards of one length.
    key = (card._replace(no=0), days)
    found = cache.offers.get(key)
    if found is not None:
        return found
    value = expected_recall(model, card, days, horizon)
    ranked: list[tuple[float, int, float]] = []
    if len(days) < MAX_REVIEWS:
        # A card reviewed less than a day ago gains nothing FSRS counts from another look.
        first = max(card.first_day, 0 if card.memory is None else max(0, 1 - card.since))
        taken = set(days)
        for day in range(first, day_count):
            if day in taken:
                continue
            with_day = tuple(sorted((*days, day)))
            lift = expected_recall(model, card, with_day, horizon) - value
            if lift >= MIN_LIFT:
                cost = _cost(card, days, day)
                ranked.append((lift / cost, day, cost))
    # Best first; of equal rates, the later day, where the review is fresher at the end.
    ranked.sort(key=lambda offer: (-offer[0], -offer[1]))
    offers = _Offers(value, tuple(ranked))
    cache.offers[key] = offers
    return offers


def ordinary_drill(
    model: MemoryModel,
    cards: Sequence[PlanCard],
    *,
    horizon: int,
    capacity: Sequence[float],
    new_per_day: int,
    new_left_today: int,
    reviews_per_day: int,
    runs: int = DRILL_RUNS,
    left_out: int = 0,
    left_out_recall: float = 0.0,
) -> float:
    """The mean recall at the interview that the ordinary daily drill would give on the
    same budget: ``runs`` drills of a learner whose recall follows FSRS, averaged.

    Which card the drill shows next depends on what was forgotten (a lapse comes back
    sooner and takes time from new cards), so no single path stands for it; the runs
    draw their chances from a fixed seed, and the figure is the same every time.
    """
    if not cards:
        return 0.0
    chance = random.Random(0)
    # A big home's drill is run fewer times: its mean over many cards varies less.
    runs = max(MIN_DRILL_RUNS, min(runs, DRILL_CARD_RUNS // len(cards)))
    total = 0.0
    for _ in range(runs):
        total += _one_drill(
            model,
            cards,
            chance,
            horizon=horizon,
            capacity=capacity,
            new_per_day=new_per_day,
            new_left_today=new_left_today,
            reviews_per_day=reviews_per_day,
        )
    return (total / runs + left_out_recall) / (len(cards) + left_out)


def _one_drill(
    model: MemoryModel,
    cards: Sequence[PlanCard],
    chance: random.Random,
    *,
    horizon: int,
    capacity: Sequence[float],
    new_per_day: int,
    new_left_today: int,
    reviews_per_day: int,
) -> float:
    """The summed recall at the interview after one run of the ordinary drill."""
    memory: list[Memory | None] = [card.memory for card in cards]
    # Days from the last review to day 0 (negative once reviewed in the run).
    since = [card.since for card in cards]
    waiting: list[tuple[int, bool, int]] = []
    """(due day, not in a step, card index): the reviewed cards, soonest due first."""
    for index, card in enumerate(cards):
        if card.memory is not None and card.due_day is not None:
            heapq.heappush(waiting, (card.due_day, not card.learning, index))
    reviewed = [False] * len(cards)
    unseen = deque(index for index, card in enumerate(cards) if card.memory is None)
    for day, seconds in enumerate(capacity):
        left = seconds
        due: list[tuple[bool, float, int]] = []
        while waiting and waiting[0][0] <= day:
            _, settled, index = heapq.heappop(waiting)
            card_memory = memory[index]
            assert card_memory is not None
            due.append((settled, model.recall(card_memory.stability, since[index] + day), index))
        # Steps first, then the weakest: the order the drill shows them in.
        due.sort()
        shown = 0
        for position, (settled, recall, index) in enumerate(due):
            card = cards[index]
            if shown >= reviews_per_day or left + _ROOM < card.seconds:
                # The day is over: the rest of its queue is still due tomorrow.
                for later_settled, _, later in due[position:]:
                    heapq.heappush(waiting, (day + 1, later_settled, later))
                break
            if since[index] + day < 1 or day < card.first_day:
                heapq.heappush(waiting, (day + 1, settled, index))
                continue
            card_memory = memory[index]
            assert card_memory is not None
            if chance.random() < recall:
                card_memory = model.recalled(card_memory, recall)
            else:
                card_memory = model.lapsed(card_memory, recall)
            memory[index] = card_memory
            since[index] = -day
            reviewed[index] = True
            heapq.heappush(waiting, (day + model.interval_days(card_memory.stability), True, index))
            left -= card.seconds
            shown += 1
        allowed = new_left_today if day == 0 else new_per_day
        while unseen and allowed > 0:
            index = unseen[0]
            card = cards[index]
            cost = card.seconds * NEW_CARD_SHOWINGS
            if left + _ROOM < cost:
                break
            unseen.popleft()
            allowed -= 1
            memory[index] = learned = model.learn()
            since[index] = -day
            heapq.heappush(waiting, (day + model.interval_days(learned.stability), True, index))
            left -= cost
    total = 0.0
    for index, card in enumerate(cards):
        card_memory = memory[index]
        if card_memory is None:
            continue
        days = (
            horizon + since[index] if reviewed[index] or card.memory is None else card.to_interview
        )
        total += model.recall(card_memory.stability, days)
    return total
