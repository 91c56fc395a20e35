"""A row of values as a one-line bar chart, each value a block of eight heights."""

from __future__ import annotations

import math
from collections.abc import Sequence

BLOCKS = "▁▂▃▄▅▆▇█"


def bar_text(values: Sequence[float]) -> str:
    """One character per value, scaled to the largest: ``█`` for it, ``▁`` for the
    smallest above zero, a space for zero, so an empty day never looks like a short one."""
    top = max(values, default=0)
    if top <= 0:
        return " " * len(values)
    steps = len(BLOCKS)
    return "".join(
        " " if value <= 0 else BLOCKS[min(steps, math.ceil(value / top * steps)) - 1]
        for value in values
    )
