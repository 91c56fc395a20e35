"""Shared helpers: time whole commands side by side and report ratios against a floor."""

from __future__ import annotations

import math
import statistics
import subprocess
import time
from collections.abc import Mapping, Sequence


def time_command(argv: Sequence[str], env: dict[str, str] | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(argv, check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def interleaved(
    commands: Mapping[str, Sequence[str]], rounds: int, env: dict[str, str] | None = None
) -> dict[str, list[float]]:
    """Run every command once per round, in turn, so machine noise falls on all alike."""
    timings: dict[str, list[float]] = {name: [] for name in commands}
    for argv in commands.values():  # warm the file cache and .pyc files first
        time_command(argv, env)
    for _ in range(rounds):
        for name, argv in commands.items():
            timings[name].append(time_command(argv, env))
    return timings


def report(timings: dict[str, list[float]], floor: str) -> dict[str, float]:
    """Print median and p99 per command and their ratios to the floor's; return the
    median ratios."""
    base = statistics.median(timings[floor])
    base_p99 = p99(timings[floor])
    ratios: dict[str, float] = {}
    for name, values in timings.items():
        median = statistics.median(values)
        ratios[name] = median / base
        print(
            f"{name:<44} median {median * 1000:7.1f} ms  ratio {ratios[name]:.2f}   "
            f"p99 {p99(values) * 1000:7.1f} ms  ratio {p99(values) / base_p99:.2f}"
        )
    return ratios


def p99(values: Sequence[float]) -> float:
    """The 99th percentile, nearest rank: the largest value of fewer than 100 samples."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(len(ordered) * 0.99) - 1)]
