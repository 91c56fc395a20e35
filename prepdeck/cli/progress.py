"""A progress bar on standard error for the long imports and exports.

Only a person at a terminal is shown one, and only for work large enough to be waited
on: a script reading standard error gets no redrawn lines.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

LARGE = 1_000
"""Rows or cards from which the work is shown as it goes."""


@contextmanager
def progress_bar(description: str) -> Iterator[Callable[[int, int], None] | None]:
    """A callback telling a bar how much of the work is done out of how much, or None
    when standard error is no terminal."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(description, total=None, visible=False)

        def advance(done: int, total: int) -> None:
            # A hundredth at a time: updating the bar for every row costs more than the row.
            if total >= LARGE and (done % (total // 100) == 0 or done == total):
                bar.update(task, completed=done, total=total, visible=True)

        yield advance
