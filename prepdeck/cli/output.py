"""Printing results: one JSON document for scripts, rich tables for people.

rich is imported only on the human path, so ``--json`` stays light.
"""

from __future__ import annotations

import errno
import json
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from prepdeck.errors import PrepdeckError

if TYPE_CHECKING:
    from rich.console import Console


class UnwritableFile(PrepdeckError):
    """The file a command was asked to write (``-o FILE``) cannot be written."""

    located = True

    def __init__(self, path: str, error: OSError) -> None:
        super().__init__(f"{path}: cannot be written ({error.strerror or error})")


def print_json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _console(width: int | None = None) -> Console:
    """A rich console that leaves a closed standard output to the CLI's one handler."""
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            # rich's own answer exits 1, the code of a user error; the CLI ends every
            # command whose reader left the same way instead.
            self.quiet = True
            raise BrokenPipeError(errno.EPIPE, "standard output closed")

    return _Console(width=width)


def print_table(
    title: str | None, columns: Sequence[str], rows: Sequence[Sequence[Any]], *, empty: str = ""
) -> None:
    from rich.table import Table
    from rich.text import Text

    console = _console()
    if not rows and empty:
        console.print(Text(empty))
        return
    table = Table(title=title, title_justify="left", show_edge=False, pad_edge=False)
    for index, column in enumerate(columns):
        numeric = column.lower() in {"cards", "due", "new", "new today", "reviews", "count"}
        # The first column holds ids: cut, they would be mistyped; wrapped, they stay usable.
        table.add_column(
            column, justify="right" if numeric else "left", no_wrap=index == 0 and not numeric
        )
    for row in rows:
        # Deck text is shown literally: Text() never interprets [markup].
        table.add_row(*(Text("" if cell is None else str(cell)) for cell in row))
    console.print(table)


def print_pairs(pairs: Sequence[tuple[str, Any]]) -> None:
    from rich.table import Table
    from rich.text import Text

    rows = [(key, "" if value is None else str(value)) for key, value in pairs]
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for key, value in rows:
        table.add_row(Text(key), Text(value))
    # Values such as paths are printed whole, never cut to the width of a terminal or of
    # the 80 columns rich assumes for a pipe: the terminal wraps a long line, intact.
    needed = max(
        (len(key) + 2 + max(map(len, value.splitlines() or [""])) for key, value in rows),
        default=0,
    )
    console = _console()
    if needed > console.width:
        console = _console(width=needed)
    console.print(table)
