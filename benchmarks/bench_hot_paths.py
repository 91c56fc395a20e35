"""The small choices on the queue's hot path, each against the plain alternative.

The daily queue builds one schedule per due card. Three choices keep that cheap: a named
tuple rather than a frozen dataclass, a dict lookup of the state rather than a call of
the enum, and positional arguments rather than keywords. This prints, for each, the time
per card of both ways and their ratio, measured side by side in one run.

    python -m benchmarks.bench_hot_paths [--number N] [--repeat R]
"""

from __future__ import annotations

import argparse
import timeit
from dataclasses import dataclass
from datetime import UTC, datetime

from prepdeck.srs.state import CardState, State
from prepdeck.store.codec import STATE_BY_NUMBER

DUE = datetime(2026, 12, 3, 9, 30, tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class FrozenState:
    state: State
    step: int | None
    stability: float | None
    difficulty: float | None
    due: datetime
    last_review: datetime | None


_NAMES = {
    "CardState": CardState,
    "FrozenState": FrozenState,
    "State": State,
    "STATE_BY_NUMBER": STATE_BY_NUMBER,
    "DUE": DUE,
    "REVIEW": State.REVIEW,
}


def _per_call(statement: str, number: int, repeat: int) -> float:
    """Microseconds per run of ``statement``: the best of ``repeat`` rounds."""
    best = min(timeit.repeat(statement, number=number, repeat=repeat, globals=_NAMES))
    return best / number * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--number", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=7)
    options = parser.parse_args()
    n, r = options.number, options.repeat
    cases = [
        (
            "schedule value",
            "CardState(REVIEW, None, 3.2, 5.1, DUE, DUE)",
            "FrozenState(REVIEW, None, 3.2, 5.1, DUE, DUE)",
            "named tuple",
            "frozen dataclass",
        ),
        ("state from its number", "STATE_BY_NUMBER[2]", "State(2)", "dict lookup", "enum call"),
        (
            "arguments",
            "CardState(REVIEW, None, 3.2, 5.1, DUE, DUE)",
            "CardState(state=REVIEW, step=None, stability=3.2, difficulty=5.1,"
            " due=DUE, last_review=DUE)",
            "positional",
            "keywords",
        ),
    ]
    print(f"{'case':<24}{'chosen':>22}  {'alternative':>26}{'ratio':>8}")
    for name, chosen, other, chosen_name, other_name in cases:
        # Interleaved, so a burst of load on the machine touches both sides alike.
        chosen_us = other_us = float("inf")
        for _ in range(3):
            chosen_us = min(chosen_us, _per_call(chosen, n, r))
            other_us = min(other_us, _per_call(other, n, r))
        print(
            f"{name:<24}{chosen_name:>12} {chosen_us:6.3f} µs  "
            f"{other_name:>16} {other_us:6.3f} µs{other_us / chosen_us:>7.2f}×"
        )


if __name__ == "__main__":
    main()
