"""Deck and card ids: the pattern they follow and the stable id of an id-less card."""

from __future__ import annotations

import re
import unicodedata

ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
ID_MAX_LENGTH = 64
_WHITESPACE_RUN = re.compile(r"\s+")


def is_valid_id(value: str) -> bool:
    return len(value) <= ID_MAX_LENGTH and ID_PATTERN.fullmatch(value) is not None


def normalize_prompt(prompt: str) -> str:
    """NFC, trimmed, whitespace runs collapsed: what a derived id is computed from."""
    return _WHITESPACE_RUN.sub(" ", unicodedata.normalize("NFC", prompt)).strip()


def prompt_key(prompt: str) -> str:
    """What two prompts share when they ask the same thing: the normalized prompt, case
    folded. Deck validation and the personal deck judge repeated prompts by it alike."""
    return normalize_prompt(prompt).casefold()


def derive_card_id(prompt: str) -> str:
    """The id of a card written without one, stable under whitespace edits."""
    # hashlib is imported here, on the first card written without an id: loading it loads
    # OpenSSL, and most starts (the app's first frame among them) derive no id.
    import hashlib

    digest = hashlib.sha256(normalize_prompt(prompt).encode("utf-8")).hexdigest()
    return "c-" + digest[:10]


def slug(text: str, *, max_length: int = ID_MAX_LENGTH) -> str:
    """The ASCII letters and digits of ``text`` in lower case, words joined by single
    dashes, cut to ``max_length``: the id a title or a file name gives (empty when
    nothing of it is ASCII)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text.lower()))[:max_length].rstrip("-")
