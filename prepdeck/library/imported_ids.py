"""The id of a deck imported from a file that is no deck file (an Anki package, a CSV
file): the file name's slug, with ``imported-`` in front when it is reserved or no id."""

from __future__ import annotations

from pathlib import Path

from prepdeck.domain.cards import is_personal_deck_id
from prepdeck.domain.ids import ID_MAX_LENGTH, is_valid_id, slug

IMPORTED_PREFIX = "imported"
"""Put in front of an id that is reserved (``my-*``) or empty."""


def checked_id(candidate: str) -> str:
    """``candidate`` as an id an import may take: ``imported-`` in front of a reserved
    one, ``imported`` for an empty one, cut to the length of an id."""
    if not candidate:
        return IMPORTED_PREFIX
    if is_personal_deck_id(candidate) or not is_valid_id(candidate):
        candidate = f"{IMPORTED_PREFIX}-{candidate}"
    return candidate[:ID_MAX_LENGTH].rstrip("-")


def file_deck_id(path: Path) -> str:
    """The id a file's name gives: the slug of its name without the suffix."""
    return checked_id(slug(path.stem))
