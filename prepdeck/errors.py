"""The errors prepdeck reports to users: one line each, never a traceback."""

from __future__ import annotations


class PrepdeckError(Exception):
    """A problem the user can act on; the CLI prints it and exits 1."""

    located = False
    """True when each line already starts with the file it is about (``PATH:`` or
    ``PATH:LINE:COL:``), so the CLI prints it without a program prefix."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class DeckError(PrepdeckError):
    """A deck file was refused; ``lines`` holds one ``PATH:LINE:COL: message`` per problem."""

    located = True

    def __init__(self, lines: list[str]) -> None:
        super().__init__("\n".join(lines))
        self.lines = lines


class ConfigError(PrepdeckError):
    """``config.toml`` holds a value prepdeck cannot use; each line starts with the file."""

    located = True


class FileError(PrepdeckError):
    """A file named by the user cannot be used; the message starts with its path."""

    located = True


class StoreError(PrepdeckError):
    """The database cannot be opened, read or written.

    ``problem`` is what went wrong; the message adds ``advice``, what to do, when the
    error knows it. The CLI prints the message in one line; the start-up screen shows the
    problem alone above its own list of steps, so the advice is not given twice.
    """

    def __init__(self, problem: str, *, advice: str | None = None) -> None:
        super().__init__(problem if advice is None else f"{problem}; {advice}")
        self.problem = problem
        self.advice = advice


class NotFoundError(PrepdeckError):
    """An id the user named does not exist."""
