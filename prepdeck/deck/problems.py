"""Problems found in a deck file, located by path, line and column (1-based)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


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

    def format(self) -> str:
        """``PATH:LINE:COL: message``; warnings say so, file-wide problems omit the position."""
        where = self.path if self.line is None else f"{self.path}:{self.line}:{self.col}"
        prefix = "warning: " if self.severity is Severity.WARNING else ""
        return f"{where}: {prefix}{self.message}"

    def to_json(self) -> dict[str, object]:
        return {
            "line": self.line,
            "col": self.col,
            "severity": self.severity.value,
            "message": self.message,
        }
