"""FSRS scheduling through the fsrs package: the one module of prepdeck that imports it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, NamedTuple

import fsrs
from fsrs.scheduler import DEFAULT_PARAMETERS

from prepdeck.srs.state import CardState, Rating, State

if TYPE_CHECKING:
    from prepdeck.srs.memory import MemoryModel

DEFAULT_WEIGHTS: tuple[float, ...] = tuple(float(weight) for weight in DEFAULT_PARAMETERS)
"""FSRS-6's default parameters (21 weights): in force until the user fits their own."""

_RATINGS = tuple(Rating)
_TO_FSRS_RATING = {rating: fsrs.Rating(int(rating)) for rating in Rating}
_TO_FSRS_STATE = {state: fsrs.State(int(state)) for state in State}
_FROM_FSRS_STATE = {fsrs.State(int(state)): state for state in State}


def as_utc(moment: datetime) -> datetime:
    """``moment`` in UTC; fsrs refuses any other zone, and a naive time is ambiguous."""
    tzinfo = moment.tzinfo
    if tzinfo is UTC:
        return moment
    if tzinfo is None or tzinfo.utcoffset(moment) is None:
        raise ValueError(f"naive datetime {moment.isoformat()}: a timezone is required")
    return moment.astimezone(UTC)


class SrsScheduler:
    """Reviews cards with FSRS at one desired retention.

    Cards are identified by the integer card number the store gives them, so fsrs never
    invents an id from the clock. One fsrs scheduler is built per setting and reused.
    """

    __slots__ = ("_replayer", "_scheduler")

    def __init__(
        self,
        desired_retention: float = 0.9,
        *,
        enable_fuzzing: bool = True,
        parameters: Sequence[float] | None = None,
    ) -> None:
        if not 0.0 < desired_retention < 1.0:
            raise ValueError(f"desired retention must be between 0 and 1, not {desired_retention}")
        weights = tuple(parameters) if parameters is not None else DEFAULT_PARAMETERS
        self._scheduler = fsrs.Scheduler(
            parameters=weights,
            desired_retention=desired_retention,
            enable_fuzzing=enable_fuzzing,
        )
        # Replays must give the same result every time, so they never fuzz.
        self._replayer = (
            fsrs.Scheduler(
                parameters=weights,
                desired_retention=desired_retention,
                enable_fuzzing=False,
            )
            if enable_fuzzing
            else self._scheduler
        )

    @property
    def desired_retention(self) -> float:
        return float(self._scheduler.desired_retention)

    @property
    def parameters(self) -> tuple[float, ...]:
        """The 21 FSRS weights these schedules follow."""
        return tuple(float(weight) for weight in self._scheduler.parameters)

    def outcomes(
        self, card_number: int, state: CardState | None, now: datetime
    ) -> dict[Rating, CardState]:
        """The schedule each rating would give, computed together when the answer is shown.

        The caller commits the one chosen, so the wait printed on a button is the wait
        applied, fuzz included.
        """
        now = as_utc(now)
        card = _to_fsrs_card(card_number, state, now)
        review_card = self._scheduler.review_card
        return {
            rating: _from_fsrs_card(review_card(card, _TO_FSRS_RATING[rating], now)[0])
            for rating in _RATINGS
        }

    def review(
        self, card_number: int, state: CardState | None, rating: Rating, now: datetime
    ) -> CardState:
        """The schedule after one review with ``rating`` at ``now``."""
        now = as_utc(now)
        card = _to_fsrs_card(card_number, state, now)
        reviewed, _ = self._scheduler.review_card(card, _TO_FSRS_RATING[rating], now)
        return _from_fsrs_card(reviewed)

    def retrievability(self, state: CardState | None, now: datetime) -> float:
        """The predicted chance of recall at ``now``; 0.0 for a card never reviewed."""
        if state is None:
            return 0.0
        now = as_utc(now)
        card = _to_fsrs_card(0, state, now)
        return float(self._scheduler.get_card_retrievability(card, now))

    def forgetting_curve(self) -> ForgettingCurve:
        """The curve these parameters give recall over time: the same formula FSRS
        applies to one card, for computing it over many cards at once."""
        decay = -float(self._scheduler.parameters[20])
        return ForgettingCurve(factor=0.9 ** (1 / decay) - 1, decay=decay)

    def memory_model(self) -> MemoryModel:
        """These parameters' memory formulas in whole days, for the planner."""
        from prepdeck.srs.memory import MemoryModel

        return MemoryModel(self._scheduler.parameters, self.desired_retention)

    def replay(
        self, card_number: int, reviews: Iterable[tuple[Rating, datetime]]
    ) -> list[CardState]:
        """The schedule after each review of a card that starts new, without fuzz.

        ``reviews`` must be in time order; the result has one state per review.
        """
        card = fsrs.Card(card_id=card_number, due=datetime.fromtimestamp(0, UTC))
        review_card = self._replayer.review_card
        states: list[CardState] = []
        for rating, reviewed_at in reviews:
            card, _ = review_card(card, _TO_FSRS_RATING[rating], as_utc(reviewed_at))
            states.append(_from_fsrs_card(card))
        return states


def check_parameters(parameters: Sequence[float]) -> tuple[float, ...]:
    """``parameters`` as a tuple of 21 floats, or ValueError when fsrs would refuse them."""
    weights = tuple(float(weight) for weight in parameters)
    if len(weights) != len(DEFAULT_WEIGHTS):
        raise ValueError(f"FSRS-6 needs {len(DEFAULT_WEIGHTS)} parameters, not {len(weights)}")
    fsrs.Scheduler(parameters=weights, enable_fuzzing=False)
    return weights


Recalled = tuple[float, bool]
"""The recall predicted before a review, and whether the review was a recall (not Again)."""


def recall_predictions(
    parameters: Sequence[float], histories: Iterable[Sequence[tuple[Rating, datetime]]]
) -> list[Recalled]:
    """What ``parameters`` predict of each review a whole day or more after the card's
    review before it, from the card's state before it, and what happened.

    Each history is one card's applied reviews in time order, from new. Reviews on the
    same day as the one before are left out: fsrs predicts certain recall for them.
    """
    replayer = fsrs.Scheduler(parameters=tuple(parameters), enable_fuzzing=False)
    review_card = replayer.review_card
    recall = replayer.get_card_retrievability
    again = Rating.AGAIN
    found: list[Recalled] = []
    for number, history in enumerate(histories):
        card = fsrs.Card(card_id=number + 1, due=datetime.fromtimestamp(0, UTC))
        last: datetime | None = None
        for rating, reviewed_at in history:
            moment = as_utc(reviewed_at)
            if last is not None and moment - last >= _DAY:
                found.append((float(recall(card, moment)), rating != again))
            card, _ = review_card(card, _TO_FSRS_RATING[rating], moment)
            last = moment
    return found


_DAY = timedelta(days=1)


class ForgettingCurve(NamedTuple):
    """FSRS's power forgetting curve: recall after ``days`` whole days since the last
    review is ``(1 + factor * days / stability) ** decay``."""

    factor: float
    decay: float

    def recall(self, stability: float, elapsed_days: int) -> float:
        return float((1 + self.factor * max(0, elapsed_days) / stability) ** self.decay)

    def recall_at(self, state: CardState | None, at: datetime) -> float:
        """Recall of a card with schedule ``state`` at ``at``: 0 when never reviewed."""
        if state is None or state.stability is None or state.last_review is None:
            return 0.0
        elapsed = (as_utc(at) - as_utc(state.last_review)) // timedelta(days=1)
        return self.recall(state.stability, elapsed)

    def weak_from(self, recall: float) -> float:
        """Days since the last review per day of stability at which recall falls to
        ``recall``: a card that far along or further is below it."""
        return float((recall ** (1 / self.decay) - 1) / self.factor)


def _to_fsrs_card(card_number: int, state: CardState | None, now: datetime) -> fsrs.Card:
    if state is None:
        # A new card: fsrs's own defaults, with the due time given so it reads no clock.
        return fsrs.Card(card_id=card_number, due=now)
    return fsrs.Card(
        card_id=card_number,
        state=_TO_FSRS_STATE[state.state],
        step=state.step,
        stability=state.stability,
        difficulty=state.difficulty,
        due=as_utc(state.due),
        last_review=None if state.last_review is None else as_utc(state.last_review),
    )


def _from_fsrs_card(card: fsrs.Card) -> CardState:
    return CardState(
        _FROM_FSRS_STATE[card.state],
        card.step,
        card.stability,
        card.difficulty,
        card.due,
        card.last_review,
    )
