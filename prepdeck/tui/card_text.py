"""How a card's text is shown, the same in the drill and the card browser."""

from __future__ import annotations

NO_ANSWER = "(no answer yet)"
"""Shown for a card of a personal deck whose answer is still to be written."""


def shown_answer(answer: str) -> str:
    # Block scalars in YAML end with a newline; on screen it would only be a blank line.
    return answer.rstrip() or NO_ANSWER
