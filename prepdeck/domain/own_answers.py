"""What is kept of an answer the user writes for a card."""

from __future__ import annotations


def clean_answer(text: str) -> str:
    """``text`` without the blank lines and spaces around it, which an editor or a YAML
    block adds; what is left empty means no answer."""
    return text.strip()
