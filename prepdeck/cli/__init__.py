"""The ``prepdeck`` command line: a click group whose bare invocation opens the app.

The group lives in ``root``; this package imports nothing of click, so that the bare
``prepdeck`` (see ``prepdeck.launch``) can open the app through ``open_app`` without
loading the command line.
"""

from __future__ import annotations

from prepdeck.cli.guard import (
    EXIT_INTERNAL_ERROR,
    EXIT_INTERRUPTED,
    EXIT_STDOUT_CLOSED,
    EXIT_USER_ERROR,
)

__all__ = [
    "EXIT_INTERNAL_ERROR",
    "EXIT_INTERRUPTED",
    "EXIT_STDOUT_CLOSED",
    "EXIT_USER_ERROR",
    "main",
]


def main(argv: list[str] | None = None) -> None:
    """Run the CLI: user errors exit 1 in one line each, bugs exit 2 with a log file."""
    from prepdeck.cli.root import main as run

    run(argv)
