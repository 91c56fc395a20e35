"""FSRS's memory formulas in whole days, for looking ahead over many cards at once.

The planner asks, thousands of times per plan, what one review on some day would leave of
a card's recall at the interview. Going through the fsrs package for each question would
copy a card object and read clocks every time; these are the same formulas, written for
that question alone and held to the package's results by a property test. They cover
the three things a planned review can do:

- ``learn``: a new card met for the first time and graded Good, then Good again at its
  learning step the same day (the drill shows it again after the step), which leaves it
  in review;
- ``recalled``: a card in review recalled after some whole days, graded Good;
- ``lapsed``: the same card forgotten, graded Again, then Good at its relearning step.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import NamedTuple

_MIN_STABILITY = 0.001
_MIN_DIFFICULTY = 1.0
_MAX_DIFFICULTY = 10.0
_GOOD = 3
_AGAIN = 1
_EASY = 4


class Memory(NamedTuple):
    """A card's memory as FSRS models it: days of stability and difficulty 1-10."""

    stability: float
    difficulty: float


class MemoryModel:
    """The formulas of one FSRS parameter set (21 weights, FSRS-6)."""

    __slots__ = (
        "_decay",
        "_factor",
        "_forget_scale",
        "_learned",
        "_recall_scale",
        "_retention_days",
        "_short_term_good",
        "_w",
    )

    def __init__(self, parameters: Sequence[float], desired_retention: float) -> None:
        w = tuple(float(weight) for weight in parameters)
        if len(w) != 21:
            raise ValueError(f"FSRS-6 needs 21 parameters, not {len(w)}")
        self._w = w
        self._decay: float = -w[20]
        self._factor: float = 0.9 ** (1 / self._decay) - 1
        self._recall_scale = math.exp(w[8])
        self._forget_scale = math.exp(w[17] * w[18])
        self._short_term_good = math.exp(w[17] * w[18])
        # Days of stability per day of interval at the desired retention.
        self._retention_days: float = (desired_retention ** (1 / self._decay) - 1) / self._factor
        first = Memory(
            max(w[_GOOD - 1], _MIN_STABILITY), self._clamp(self._initial_difficulty(_GOOD))
        )
        self._learned = self._step_good(first)

    # -- what a review does ---------------------------------------------------------------

    def recall(self, stability: float, days: int) -> float:
        """Predicted recall after ``days`` whole days since the last review."""
        return float((1 + self._factor * (days if days > 0 else 0) / stability) ** self._decay)

    def learn(self) -> Memory:
        """A new card after its first meeting and its learning step, both graded Good."""
        return self._learned

    def recalled(self, memory: Memory, recall: float) -> Memory:
        """After a review graded Good at ``recall``, a day or more since the last one."""
        w = self._w
        stability, difficulty = memory
        grown = stability * (
            1
            + self._recall_scale
            * (11 - difficulty)
            * stability ** -w[9]
            * (math.exp((1 - recall) * w[10]) - 1)
        )
        return Memory(max(grown, _MIN_STABILITY), self._next_difficulty(difficulty, _GOOD))

    def lapsed(self, memory: Memory, recall: float) -> Memory:
        """After a review graded Again at ``recall``, then Good at the relearning step."""
        w = self._w
        stability, difficulty = memory
        long_term = (
            w[11]
            * difficulty ** -w[12]
            * ((stability + 1) ** w[13] - 1)
            * math.exp((1 - recall) * w[14])
        )
        forgotten = max(min(long_term, stability / self._forget_scale), _MIN_STABILITY)
        return self._step_good(Memory(forgotten, self._next_difficulty(difficulty, _AGAIN)))

    def interval_days(self, stability: float) -> int:
        """The days FSRS waits before the next review at the desired retention, unfuzzed."""
        return max(1, round(stability * self._retention_days))

    # -- the parts -------------------------------------------------------------------------

    def _step_good(self, memory: Memory) -> Memory:
        """A Good grade at a learning or relearning step, the same day: short-term
        stability, which a Good grade never lowers."""
        w = self._w
        stability, difficulty = memory
        increase = max(self._short_term_good * stability ** -w[19], 1.0)
        return Memory(
            max(stability * increase, _MIN_STABILITY), self._next_difficulty(difficulty, _GOOD)
        )

    def _initial_difficulty(self, rating: int) -> float:
        return self._w[4] - math.exp(self._w[5] * (rating - 1)) + 1

    def _next_difficulty(self, difficulty: float, rating: int) -> float:
        w = self._w
        change = -(w[6] * (rating - 3))
        damped = difficulty + (10.0 - difficulty) * change / 9.0
        reverted = w[7] * self._initial_difficulty(_EASY) + (1 - w[7]) * damped
        return self._clamp(reverted)

    @staticmethod
    def _clamp(difficulty: float) -> float:
        return min(max(difficulty, _MIN_DIFFICULTY), _MAX_DIFFICULTY)
