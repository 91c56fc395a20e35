"""Reading a file the user names, whatever it turns out to be: never waiting on a pipe or
a device, never reading past a size limit. Each format's reader turns the problem into
its own error, with the path in front."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from prepdeck.errors import DeckFileError


def read_bounded(path: str | Path, *, limit: int, what: str) -> bytes:
    """The bytes of the file at ``path``, at most ``limit`` of them; ``what`` names the
    file expected ("a deck file"). Raises ``DeckFileError`` with the problem, to follow
    ``PATH: ``."""
    try:
        # Opened without waiting: opening a named pipe would otherwise block until
        # something writes to it.
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(descriptor, "rb") as file:
            facts = os.fstat(file.fileno())
            if stat.S_ISDIR(facts.st_mode):
                raise DeckFileError(f"is a directory, not {what}")
            if not stat.S_ISREG(facts.st_mode):
                # A pipe or a device could block or never end.
                raise DeckFileError(f"is {_kind_of_file(facts.st_mode)}, not {what}")
            if facts.st_size > limit:
                raise DeckFileError(_too_large(facts.st_size, limit))
            # Read one byte past the limit: a file that grew since the check is caught too.
            data = file.read(limit + 1)
    except IsADirectoryError:
        raise DeckFileError(f"is a directory, not {what}") from None
    except FileNotFoundError:
        raise DeckFileError("no such file") from None
    except OSError as error:
        raise DeckFileError(f"cannot be read ({error.strerror or error})") from None
    if len(data) > limit:
        raise DeckFileError(_too_large(len(data), limit))
    return data


def _kind_of_file(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _too_large(size: int, limit: int) -> str:
    # Rounded up, so a file just over the limit never reads as the limit itself.
    megabytes = -(-size // 2**20)
    return f"file too large ({megabytes} MB; the limit is {limit // 2**20} MB)"
