"""Fitting FSRS parameters to a review log, and the retention that costs least, through the
Rust FSRS optimiser's Python bindings (``fsrs_rs_python``): the one module that imports them.

The optimiser learns from items: one per review to predict, holding the card's reviews up
to and including it, each with its rating and the whole days since the review before (0
for the first). Days are counted as the fsrs package counts them, in whole 24-hour
periods since the last review, so the fitted weights mean the same to both.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from typing import NamedTuple

import fsrs_rs_python

from prepdeck.srs.state import Rating

MIN_REVIEWS = 400
"""Reviews a fit needs to predict: with fewer, the optimiser falls back on its defaults or
fits the first stabilities alone, and the figures would mean little."""

_DAY = timedelta(days=1)

History = Sequence[tuple[Rating, datetime]]
"""One card's applied reviews, in time order, from new."""


def day_gaps(history: History) -> list[tuple[int, int]]:
    """Each review's rating with the whole days since the review before (0 for the first)."""
    gaps: list[tuple[int, int]] = []
    last: datetime | None = None
    for rating, reviewed_at in history:
        gaps.append((int(rating), 0 if last is None else max(0, (reviewed_at - last) // _DAY)))
        last = reviewed_at
    return gaps


def predicted_reviews(histories: Iterable[History]) -> int:
    """How many reviews a fit learns from: those a whole day or more after the card's
    review before."""
    return sum(1 for history in histories for _, days in day_gaps(history)[1:] if days > 0)


def fit_parameters(histories: Iterable[History]) -> tuple[float, ...]:
    """The FSRS-6 weights that best predict ``histories`` (log loss); the optimiser's
    defaults when there is too little to learn from. The optimiser always starts from its
    own defaults, whatever set is in force."""
    items: list[fsrs_rs_python.FSRSItem] = []
    for history in histories:
        reviews: list[fsrs_rs_python.FSRSReview] = []
        for index, (rating, days) in enumerate(day_gaps(history)):
            reviews.append(fsrs_rs_python.FSRSReview(rating, days))
            if index > 0 and days > 0:
                items.append(fsrs_rs_python.FSRSItem(list(reviews)))
    model = fsrs_rs_python.FSRS(fsrs_rs_python.DEFAULT_PARAMETERS)
    return tuple(float(weight) for weight in model.compute_parameters(items))


class RetentionChoice(NamedTuple):
    """A desired retention, and what a year of reviews at it costs and leaves."""

    desired_retention: float
    seconds: float
    """Review time over the simulated year."""
    remembered: float
    """Cards expected to be recalled at its end."""

    @property
    def seconds_per_card(self) -> float:
        return self.seconds / self.remembered if self.remembered else float("inf")


class RetentionAdvice(NamedTuple):
    current: RetentionChoice
    suggested: RetentionChoice


SIMULATED_DAYS = 365
SIMULATION_SEED = 2026


def advise_retention(
    parameters: Sequence[float],
    *,
    current: float,
    cards: int,
    new_per_day: int,
    reviews_per_day: int,
    lowest: float,
    highest: float,
) -> RetentionAdvice:
    """The desired retention, from ``lowest`` to ``highest``, that costs the least review
    time per card remembered over a simulated year of ``cards`` cards under the daily
    limits, by the optimiser's simulator; and the same year at ``current``."""
    config = fsrs_rs_python.default_simulator_config()
    config.deck_size = max(cards, 1)
    config.learn_span = SIMULATED_DAYS
    config.learn_limit = new_per_day
    config.review_limit = reviews_per_day
    weights = list(parameters)
    best = float(fsrs_rs_python.optimal_retention(config, weights))
    best = round(min(max(best, lowest), highest), 2)

    def simulated(retention: float) -> RetentionChoice:
        result = fsrs_rs_python.simulate(weights, retention, config, SIMULATION_SEED)
        remembered = result.memorized_cnt_per_day[-1] if result.memorized_cnt_per_day else 0.0
        return RetentionChoice(retention, float(sum(result.cost_per_day)), float(remembered))

    return RetentionAdvice(simulated(current), simulated(best))
