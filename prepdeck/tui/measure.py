"""Readiness of interviews and the plan to the next, worked out by worker threads so a
screen is drawn at once.

Readiness reads every card of the decks an interview covers: on a large home that takes
long enough to hold up a frame. A screen starts ``measure_readiness`` and is sent
``ReadinessMeasured`` when it is done; each measure carries the number it was started
with, so a screen can drop one overtaken by a later measure.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from textual.dom import DOMNode
from textual.message import Message

from prepdeck.errors import PrepdeckError

if TYPE_CHECKING:
    from prepdeck.prep.interviews import Interview
    from prepdeck.prep.planning import InterviewPlan
    from prepdeck.prep.readiness import Readiness
    from prepdeck.services import Services


class ReadinessMeasured(Message):
    """The readiness of the interviews a measure was started for, or why there is none."""

    def __init__(
        self,
        request: int,
        readiness: Mapping[str, Readiness],
        error: PrepdeckError | None = None,
    ) -> None:
        super().__init__()
        self.request = request
        """The number the measure was started with."""
        self.readiness = readiness
        """Interview name to its readiness at its time."""
        self.error = error


def measure_readiness(
    node: DOMNode, services: Services, interviews: Sequence[Interview], request: int
) -> None:
    """Measure ``interviews`` in a thread, on a connection of its own, and post the result
    to ``node``; a measure still running for ``node`` is cancelled."""
    chosen = tuple(interviews)

    def work() -> None:
        try:
            readiness = services.interview_readiness_apart(chosen)
        except PrepdeckError as error:
            node.post_message(ReadinessMeasured(request, {}, error))
        else:
            node.post_message(ReadinessMeasured(request, readiness))

    node.run_worker(work, thread=True, exclusive=True, group="readiness", name="readiness")


class PlanMeasured(Message):
    """The plan to the interview a measure was started for, or why there is none."""

    def __init__(
        self, request: int, plan: InterviewPlan | None, error: PrepdeckError | None = None
    ) -> None:
        super().__init__()
        self.request = request
        self.plan = plan
        self.error = error


def measure_plan(node: DOMNode, services: Services, interview: Interview, request: int) -> None:
    """Work out the plan to ``interview`` in a thread and post it to ``node``; a plan
    still being worked out for ``node`` is cancelled."""

    def work() -> None:
        try:
            plan = services.plan_apart(interview)
        except PrepdeckError as error:
            node.post_message(PlanMeasured(request, None, error))
        else:
            node.post_message(PlanMeasured(request, plan))

    node.run_worker(work, thread=True, exclusive=True, group="plan", name="plan")
