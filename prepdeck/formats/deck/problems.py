"""Problems found in a deck file, located by path, line and column (1-based)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

MAX_PROBLEMS = 200
"""Problems kept for one file: past this many, reading stops, since the rest would only
bury the first ones and cost time on a hostile file."""

STOPPED = f"too many problems; stopped after {MAX_PROBLEMS}; fix the ones above first"

# Characters that would break a report line or hide in a terminal: C0 and C1 controls,
# DEL, and the Unicode line and paragraph separators.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_QUOTED_MAX = 80


def _escape(match: re.Match[str]) -> str:
    character = match.group()
    return _ESCAPES.get(character) or f"\\u{ord(character):04x}"


def one_line(text: str) -> str:
    """``text`` with every control character and line break written as an escape."""
    return _UNPRINTABLE.sub(_escape, text)


def quote(value: str) -> str:
    """A value from the file, quoted for a message: on one line and of bounded length."""
    if len(value) > _QUOTED_MAX:
        value = value[: _QUOTED_MAX - 1] + "…"
    return f"'{one_line(value)}'"


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Problem:
    path: str
    line: int | None
    col: int | None
    severity: Severity
    message: str

    def __post_init__(self) -> None:
        # One problem is one line of output, whatever text a message quotes.
        if _UNPRINTABLE.search(self.message):
            object.__setattr__(self, "message", one_line(self.message))

    def format(self) -> str:
        """``PATH:LINE:COL: message``; warnings say so, file-wide problems omit the position."""
        path = one_line(self.path)
        where = path if self.line is None else f"{path}:{self.line}:{self.col}"
        prefix = "warning: " if self.severity is Severity.WARNING else ""
        return f"{where}: {prefix}{self.message}"

    def to_json(self) -> dict[str, object]:
        return {
            "line": self.line,
            "col": self.col,
            "severity": self.severity.value,
            "message": self.message,
        }
