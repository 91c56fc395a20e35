"""How every ``prepdeck`` command ends: user errors in one line and exit 1, bugs in a crash
log and exit 2, never a traceback. Free of click, so the bare ``prepdeck`` (the app) can
start without loading the command line."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import NoReturn

from prepdeck.errors import AppCrashed, PrepdeckError, StdoutClosed

EXIT_USER_ERROR = 1
EXIT_INTERNAL_ERROR = 2
EXIT_INTERRUPTED = 130
"""128 + SIGINT, what a shell reports for a command stopped with Ctrl-C."""
EXIT_STDOUT_CLOSED = 141
"""128 + SIGPIPE, what a shell reports for ``yes | head -1``: the reader left, nothing
went wrong, and a script can tell it from a user error (1)."""


@contextmanager
def guarded() -> Iterator[None]:
    """End the command the way every command ends on these errors (see the module)."""
    try:
        yield
    except (StdoutClosed, BrokenPipeError):
        silence_output()
        sys.exit(EXIT_STDOUT_CLOSED)
    except PrepdeckError as error:
        # A message that starts with the file it is about (PATH: or PATH:LINE:COL:) reads
        # as compilers and editors print it.
        prefix = "" if error.located else "prepdeck: "
        fail([f"{prefix}{line}" for line in str(error).splitlines() or ["error"]])
    except KeyboardInterrupt:
        sys.exit(EXIT_INTERRUPTED)
    except AppCrashed as crash:
        log = write_crash_log(crash.report)
        fail([f"prepdeck: internal error; details in {log}"], EXIT_INTERNAL_ERROR)
    except Exception:  # the last line of defence: log it, never show a traceback
        # traceback is imported only here: most commands never crash.
        import traceback

        log = write_crash_log(traceback.format_exc())
        fail([f"prepdeck: internal error; details in {log}"], EXIT_INTERNAL_ERROR)


def fail(lines: list[str], code: int = EXIT_USER_ERROR) -> NoReturn:
    """Print ``lines`` on stderr and exit ``code``, even when stderr's reader has left:
    the outcome is the error, only its message is lost."""
    try:
        for line in lines:
            print(line, file=sys.stderr, flush=True)
    except BrokenPipeError:
        silence_output()
    sys.exit(code)


def silence_output() -> None:
    # As the Python docs advise (signal module, "Note on SIGPIPE"): what is still
    # buffered goes to devnull, or the flush at exit would fail again, with a traceback.
    for stream in (sys.stdout, sys.stderr):
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, stream.fileno())
            os.close(devnull)
        except (OSError, ValueError):
            pass  # not a real file (tests capture it): nothing reaches a pipe at exit


def write_crash_log(details: str) -> str:
    from prepdeck.paths import locations

    try:
        logs = locations().logs
        logs.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
        path = logs / f"crash-{stamp}.log"
        path.write_text(details, encoding="utf-8")
        return str(path)
    except OSError:
        import tempfile

        with tempfile.NamedTemporaryFile(
            "w", prefix="prepdeck-crash-", suffix=".log", delete=False, encoding="utf-8"
        ) as handle:
            handle.write(details)
            return handle.name
