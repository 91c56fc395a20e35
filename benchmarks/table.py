"""The rows of the benchmark table: a figure, its floor or peer, their ratio, the target.

``benchmarks/run.py`` measures; this module only turns figures into rows, prints them as
a Markdown table and says whether every target is met. It holds no timing of its own, so
its logic is tested with made-up figures (``tests/test_benchmarks_table.py``).
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from benchmarks.timing import p99


@dataclass(frozen=True, slots=True)
class Row:
    """One case of the table. ``met`` is None for a figure shown without a target."""

    case: str
    prepdeck: str
    floor: str
    ratio: float | None
    target: str
    met: bool | None


def ms(seconds: float) -> str:
    """A duration given in seconds, in the unit that reads best."""
    if seconds >= 1.0:
        return f"{seconds:.2f} s"
    if seconds >= 0.01:
        return f"{seconds * 1000:.0f} ms"
    if seconds >= 0.001:
        return f"{seconds * 1000:.2f} ms"
    return f"{seconds * 1000:.3f} ms"


def spread(samples: Sequence[float]) -> str:
    """The median and p99 of ``samples`` (seconds), as every row shows the two."""
    return f"median {ms(statistics.median(samples))}, p99 {ms(p99(samples))}"


def shown_p99_row(
    case: str, measured: Sequence[float], floor: Sequence[float], *, floor_name: str
) -> Row:
    """A figure shown with no target: ``measured`` beside ``floor``, each by its median
    and p99, with the ratio of the p99s."""
    return Row(
        case=f"{case} (shown, no target)",
        prepdeck=spread(measured),
        floor=f"{floor_name}: {spread(floor)}",
        ratio=p99(measured) / p99(floor),
        target="—",
        met=None,
    )


def ratio_row(
    case: str,
    measured: Sequence[float],
    floor: Sequence[float],
    *,
    floor_name: str,
    at_most: float,
) -> Row:
    """Target: the median of ``measured`` at most ``at_most`` times the floor's median.
    Both in seconds."""
    median, floor_median = statistics.median(measured), statistics.median(floor)
    ratio = median / floor_median
    return Row(
        case=case,
        prepdeck=f"median {ms(median)}",
        floor=f"{floor_name}: median {ms(floor_median)}",
        ratio=ratio,
        target=f"<= {at_most:g}x",
        met=ratio <= at_most,
    )


def megabytes(value: float) -> str:
    return f"{value:.0f} MB"


def limit_row(
    case: str,
    measured: Sequence[float],
    *,
    statistic: str,
    below: float | None = None,
    at_most: float | None = None,
    floor: Sequence[float] | None = None,
    floor_name: str = "",
    also: str = "",
    unit: Callable[[float], str] = ms,
) -> Row:
    """Target: the ``statistic`` ("median", "p99" or "max") of ``measured`` under ``below``
    or at most ``at_most`` (exactly one of them; seconds unless ``unit`` says otherwise).
    The floor, if any, is shown with the ratio of the same statistic, for scale; ``also``
    is shown after it."""
    if (below is None) == (at_most is None):
        raise ValueError("give exactly one of below and at_most")
    value = _statistic(measured, statistic)
    if below is not None:
        met, target = value < below, f"{statistic} < {unit(below)}"
    else:
        assert at_most is not None
        met, target = value <= at_most, f"{statistic} <= {unit(at_most)}"
    shown_floor, ratio = "—", None
    if floor is not None:
        floor_value = _statistic(floor, statistic)
        shown_floor = f"{floor_name}: {statistic} {unit(floor_value)}"
        if statistic == "p99":
            shown_floor = f"{floor_name}: median {unit(statistics.median(floor))}, p99 " + (
                unit(floor_value)
            )
        ratio = value / floor_value
    if also:
        shown_floor = also if shown_floor == "—" else f"{shown_floor}; {also}"
    shown = f"{statistic} {unit(value)}"
    if statistic == "p99":  # the median beside it tells noise from steady cost
        shown = f"median {unit(statistics.median(measured))}, {shown}"
    return Row(case, shown, shown_floor, ratio, target, met)


def p99_ratio_row(
    case: str,
    measured: Sequence[float],
    floor: Sequence[float],
    *,
    floor_name: str,
    at_most: float,
    peer: Sequence[float] | None = None,
    peer_name: str = "",
) -> Row:
    """Target: the p99 of ``measured`` at most ``at_most`` times the floor's p99; a peer,
    if any, is shown beside the floor (median and p99) with no part in the target."""
    value, floor_value = p99(measured), p99(floor)
    ratio = value / floor_value
    shown = f"{floor_name}: p99 {ms(floor_value)}"
    if peer is not None:
        shown += f"; {peer_name}: {spread(peer)}"
    return Row(
        case=case,
        prepdeck=spread(measured),
        floor=shown,
        ratio=ratio,
        target=f"p99 <= {at_most:g}x the floor's p99",
        met=ratio <= at_most,
    )


def _statistic(values: Sequence[float], statistic: str) -> float:
    if statistic == "median":
        return statistics.median(values)
    if statistic == "p99":
        return p99(values)
    if statistic == "max":
        return max(values)
    raise ValueError(f"unknown statistic {statistic!r}")


def verdict(met: bool | None) -> str:
    return "—" if met is None else ("met" if met else "MISSED")


def markdown(rows: Sequence[Row]) -> str:
    """The rows as a Markdown table, one line each."""
    lines = [
        "| case | prepdeck | floor / peer, same run | ratio | target | verdict |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for row in rows:
        ratio = "—" if row.ratio is None or math.isnan(row.ratio) else f"{row.ratio:.2f}x"
        lines.append(
            f"| {row.case} | {row.prepdeck} | {row.floor} | {ratio} | {row.target} | "
            f"{verdict(row.met)} |"
        )
    return "\n".join(lines)


def exit_code(rows: Sequence[Row]) -> int:
    """1 when any target is missed, else 0."""
    return 1 if any(row.met is False for row in rows) else 0
