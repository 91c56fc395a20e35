"""The user's own memory model: FSRS parameters fitted to their review log, the figures
that show what the fit gained, applying it (every card replayed) and undoing it, and the
desired retention that costs least.

The figures are computed here, from the fsrs package's predictions, the same way for the
set in force and for the fitted one: for each review a whole day or more after the card's
review before (the reviews a fit learns from), the recall predicted from the card's state
before it, against what happened (recalled: any rating but Again).

- **log loss**: the mean of ``-log p`` over recalled reviews and ``-log(1 - p)`` over
  forgotten ones (``p`` kept within 1e-6 of 0 and 1); lower is better;
- **RMSE**: the root of the mean of ``(p - y)²``, ``y`` 1 for recalled and 0 for
  forgotten, per review (not FSRS's binned RMSE); lower is better.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from prepdeck.clock import Clock
from prepdeck.config import Config
from prepdeck.errors import NotEnoughReviewsError
from prepdeck.store import Store
from prepdeck.study.scheduling import scheduler_for

if TYPE_CHECKING:
    from prepdeck.srs import SrsScheduler
    from prepdeck.srs.fit import RetentionAdvice
    from prepdeck.store.parameters import ParameterSet

Progress = Callable[[int, int], None]
"""Told the cards replayed so far out of how many."""

_CLIP = 1e-6

LOWEST_RETENTION = 0.70
HIGHEST_RETENTION = 0.99
"""The desired retentions config.toml accepts, the range a suggestion stays in."""

GROWTH_TO_OFFER = 0.5
"""The settings screen offers a new fit once the log has grown by this share since the
last one."""


@dataclass(frozen=True, slots=True)
class Fit:
    """A fit: the parameters, the figures of the set in force (before) and of the fitted
    set (after) on the same reviews, and whether it was applied."""

    parameters: tuple[float, ...]
    reviews_used: int
    log_loss_before: float
    log_loss_after: float
    rmse_before: float
    rmse_after: float
    applied: bool
    cards_replayed: int
    better: bool
    """Whether the fitted set predicts the reviews better (lower log loss) than the set
    in force; one that does not is never applied."""


@dataclass(frozen=True, slots=True)
class ModelStatus:
    """What the settings screen shows of the memory model."""

    in_force: ParameterSet | None
    """The fitted set in force, or None for FSRS's defaults."""
    applied_reviews: int
    """Reviews in the log now that changed a schedule."""

    @property
    def worth_fitting(self) -> bool:
        """The log has grown by half since the last fit, or there was none and the log
        may be long enough."""
        from prepdeck.srs.fit import MIN_REVIEWS

        if self.in_force is None:
            return self.applied_reviews >= MIN_REVIEWS
        grown = self.applied_reviews - self.in_force.log_reviews
        return grown >= GROWTH_TO_OFFER * max(self.in_force.log_reviews, 1)


def recall_figures(predictions: Sequence[tuple[float, bool]]) -> tuple[float, float]:
    """Log loss and RMSE of recall predictions, each a (predicted recall, recalled) pair
    (see the module's docstring); (0.0, 0.0) for none."""
    if not predictions:
        return 0.0, 0.0
    loss = 0.0
    squares = 0.0
    for predicted, recalled in predictions:
        p = min(max(predicted, _CLIP), 1.0 - _CLIP)
        loss -= math.log(p) if recalled else math.log(1.0 - p)
        squares += (predicted - (1.0 if recalled else 0.0)) ** 2
    count = len(predictions)
    return loss / count, math.sqrt(squares / count)


class Optimizer:
    """Fits, applies and undoes FSRS parameter sets over one home's log."""

    __slots__ = ("_clock", "_config", "_store")

    def __init__(self, store: Store, config: Config, clock: Clock) -> None:
        self._store = store
        self._config = config
        self._clock = clock

    def status(self) -> ModelStatus:
        parameters = self._store.parameters
        return ModelStatus(parameters.in_force(), parameters.applied_reviews())

    def fit(self, *, apply: bool, progress: Progress | None = None) -> Fit:
        """Fit parameters to the applied reviews of the log and measure them against the
        set in force; with ``apply``, put them in force and replay every card, unless
        they predict no better. NotEnoughReviewsError when the log is too short."""
        from prepdeck.srs.fit import MIN_REVIEWS, fit_parameters, predicted_reviews
        from prepdeck.srs.scheduler import DEFAULT_WEIGHTS, check_parameters, recall_predictions
        from prepdeck.store.parameters import ParameterSet

        parameters = self._store.parameters
        histories = list(parameters.histories())
        used = predicted_reviews(histories)
        if used < MIN_REVIEWS:
            missing = MIN_REVIEWS - used
            raise NotEnoughReviewsError(
                f"optimize: {used} reviews to learn from, {missing} more needed "
                f"(a fit needs {MIN_REVIEWS} reviews made a day or more after the card's "
                "review before)",
                missing=missing,
            )
        in_force = parameters.in_force()
        current = DEFAULT_WEIGHTS if in_force is None else in_force.parameters
        fitted = check_parameters(fit_parameters(histories))
        loss_before, rmse_before = recall_figures(recall_predictions(current, histories))
        loss_after, rmse_after = recall_figures(recall_predictions(fitted, histories))
        better = loss_after < loss_before
        replayed = 0
        if apply and better:
            replayed = parameters.apply(
                ParameterSet(
                    fitted,
                    self._clock.now(),
                    used,
                    parameters.applied_reviews(),
                    loss_before,
                    loss_after,
                    rmse_before,
                    rmse_after,
                ),
                self._replayer,
                progress,
            )
        return Fit(
            fitted,
            used,
            loss_before,
            loss_after,
            rmse_before,
            rmse_after,
            applied=apply and better,
            cards_replayed=replayed,
            better=better,
        )

    def undo(self, progress: Progress | None = None) -> ParameterSet | None:
        """Put back the set the last fit replaced and replay every card; returns the set
        now in force (None: the defaults)."""
        return self._store.parameters.undo(self._clock.now(), self._replayer, progress)

    def retention(self) -> RetentionAdvice:
        """The desired retention that costs the least review time per card remembered
        with the parameter set in force, and a year at the configured one beside it."""
        from prepdeck.srs.fit import advise_retention

        config = self._config
        parameters = self._store.parameters
        in_force = parameters.in_force()
        if in_force is None:
            from prepdeck.srs.scheduler import DEFAULT_WEIGHTS

            weights: Sequence[float] = DEFAULT_WEIGHTS
        else:
            weights = in_force.parameters
        return advise_retention(
            weights,
            current=config.desired_retention,
            cards=parameters.studied_cards(),
            new_per_day=config.new_per_day,
            reviews_per_day=config.reviews_per_day,
            lowest=LOWEST_RETENTION,
            highest=HIGHEST_RETENTION,
        )

    def _replayer(self, parameters: Sequence[float] | None) -> SrsScheduler:
        return scheduler_for(self._config, parameters, fuzzing=False)
