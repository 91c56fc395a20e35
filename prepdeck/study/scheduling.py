"""The one place an FSRS scheduler is built: the desired retention of the config and the
parameter set in force in the database (FSRS's defaults until the user optimises).

Every path that schedules a card (drill, cram, readiness, the plan, the replays of an
import, a sync and an optimisation) takes its scheduler from here, so one set of
parameters is in force at a time; a test fails if a scheduler is built anywhere else.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from prepdeck.config import Config

if TYPE_CHECKING:
    from prepdeck.srs import SrsScheduler
    from prepdeck.store import Store


def scheduler_for(
    config: Config, parameters: Sequence[float] | None, *, fuzzing: bool = True
) -> SrsScheduler:
    """FSRS at the config's desired retention with ``parameters`` (None: the defaults);
    ``fuzzing=False`` for replays, which must give the same schedules every time."""
    from prepdeck.srs import SrsScheduler

    return SrsScheduler(
        config.desired_retention,
        enable_fuzzing=fuzzing,
        parameters=None if parameters is None else tuple(parameters),
    )


def scheduler_in_force(store: Store, config: Config, *, fuzzing: bool = True) -> SrsScheduler:
    """The scheduler of the parameter set in force in ``store``'s database."""
    in_force = store.parameters.in_force()
    return scheduler_for(config, None if in_force is None else in_force.parameters, fuzzing=fuzzing)
