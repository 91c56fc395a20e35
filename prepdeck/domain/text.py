"""Text shown in one line: error messages, table cells, a card's prompt in a list."""

from __future__ import annotations


def one_line(text: str, width: int | None = None) -> str:
    """``text`` on one line: each run of whitespace, line breaks included, becomes one
    space and the ends are trimmed. Past ``width`` characters it is cut, its last kept
    character an ellipsis."""
    line = " ".join(text.split())
    if width is None or len(line) <= width:
        return line
    return line[: width - 1] + "…"
