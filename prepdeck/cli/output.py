"""Printing results: one JSON document for scripts, rich tables for people.

rich is imported only on the human path, so ``--json`` stays light.
"""

from __future__ import annotations

import errno
import json
import sys
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console


def output_option(
    help_text: str = "File to write (default: standard output).",
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """``-o``/``--output FILE``, as every command that writes a file takes it."""
    # Imported here: the quick commands (``quick``) print JSON without loading click.
    import click

    return click.option(
        "-o", "--output", type=click.Path(dir_okay=False), metavar="FILE", help=help_text
    )


def write_output(text: str, output: str | None) -> None:
    """``text`` to standard output, or to the file ``output`` in one step: written beside
    it under a temporary name, then renamed over it, so a failure leaves the old file."""
    if output is None:
        sys.stdout.write(text)
        return
    from pathlib import Path

    from prepdeck.errors import UnwritableFile

    target = Path(output)
    temporary = target.with_name(target.name + ".tmp")
    try:
        temporary.write_text(text, encoding="utf-8")
        temporary.replace(target)
    except OSError as error:
        raise UnwritableFile(output, error) from None


def json_time(moment: datetime | None) -> str | None:
    """A time as the JSON of every command writes it: UTC, to the microsecond."""
    return None if moment is None else moment.astimezone(UTC).isoformat(timespec="microseconds")


def print_json(value: Any) -> None:
    # In one piece: json.dump hands the stream each of its hundreds of fragments in turn.
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2) + "\n")


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


MIN_WRAP_WIDTH = 20
"""Below this many columns for a value, wrapping would leave a word or two a line."""

NUMERIC_COLUMNS = frozenset({"cards", "due", "new", "new today", "reviews", "count"})
"""Columns whose figures are right-aligned, so that their digits line up."""


def print_table(
    title: str | None, columns: Sequence[str], rows: Sequence[Sequence[Any]], *, empty: str = ""
) -> None:
    """A table for people at a terminal; piped, plain columns with one row to a line."""
    cells = [["" if cell is None else str(cell) for cell in row] for row in rows]
    if not cells and empty:
        _print_lines([empty])
        return
    if not sys.stdout.isatty():
        # A reader of a pipe (grep, a pager, a file) wants each row whole on one line,
        # not cut or wrapped to the 80 columns rich assumes there.
        _print_lines(_plain_columns(title, columns, cells))
        return
    from rich.table import Table
    from rich.text import Text

    table = Table(title=title, title_justify="left", show_edge=False, pad_edge=False)
    for index, column in enumerate(columns):
        numeric = column.lower() in NUMERIC_COLUMNS
        # The first column holds ids: cut, they would be mistyped; wrapped, they stay usable.
        table.add_column(
            column, justify="right" if numeric else "left", no_wrap=index == 0 and not numeric
        )
    for row in cells:
        # Deck text is shown literally: Text() never interprets [markup].
        table.add_row(*(Text(cell) for cell in row))
    _console().print(table)


def _plain_columns(
    title: str | None, columns: Sequence[str], rows: Sequence[Sequence[str]]
) -> list[str]:
    """Columns two spaces apart, numbers right-aligned, no line ending in a space."""
    from rich.cells import cell_len

    table = [list(columns), *([" ".join(cell.split()) for cell in row] for row in rows)]
    widths = [max(cell_len(row[index]) for row in table) for index in range(len(columns))]
    lines = [] if title is None else [title]
    for row in table:
        parts = []
        for index, cell in enumerate(row):
            padding = " " * (widths[index] - cell_len(cell))
            numeric = columns[index].lower() in NUMERIC_COLUMNS
            parts.append(padding + cell if numeric else cell + padding)
        lines.append("  ".join(parts).rstrip())
    return lines


def print_pairs(pairs: Sequence[tuple[str, Any]]) -> None:
    """Names and values side by side, a value of several lines kept under its first.

    At a terminal, long text wraps at spaces under its value; a word longer than the
    line, such as a path, is never cut, and the terminal wraps it whole. Piped, each
    line of a value is printed as it is.
    """
    from rich.text import Text

    width = max((len(key) for key, _ in pairs), default=0)
    indent = " " * (width + 2)
    console = _console()
    room = console.width - len(indent) if sys.stdout.isatty() else None
    for key, value in pairs:
        lines = _value_lines("" if value is None else str(value), room)
        first = Text.assemble((key.ljust(width), "bold"), "  ", lines[0])
        first.rstrip()
        console.print(first, soft_wrap=True)
        for line in lines[1:]:
            console.print(Text((indent + line).rstrip()), soft_wrap=True)


def _value_lines(value: str, room: int | None) -> list[str]:
    import textwrap

    lines = value.splitlines() or [""]
    if room is None or room < MIN_WRAP_WIDTH:
        return lines
    wrapped: list[str] = []
    for line in lines:
        wrapped.extend(
            textwrap.wrap(line, room, break_long_words=False, break_on_hyphens=False) or [""]
        )
    return wrapped


def print_lines(lines: Sequence[str]) -> None:
    """Lines of plain text, as they are: never read as markup, never wrapped."""
    _print_lines(lines)


def _print_lines(lines: Sequence[str]) -> None:
    from rich.text import Text

    console = _console()
    for line in lines:
        # Text as it is: never read as markup, never wrapped.
        console.print(Text(line), soft_wrap=True)
