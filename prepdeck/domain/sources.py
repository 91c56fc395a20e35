"""Where an installed deck came from, as the database records it."""

from __future__ import annotations

from enum import StrEnum


class DeckSource(StrEnum):
    """The fixed sources of a deck. A deck installed from the web records its URL instead,
    so a stored source is either one of these or an http(s) URL."""

    BUNDLED = "bundled"
    """Shipped with prepdeck and kept up to date by it."""
    PERSONAL = "personal"
    """Written inside prepdeck, a card at a time."""
    FILE = "file"
    """Installed from a local deck file."""


def may_update(installed_from: str, new_source: str) -> bool:
    """Whether a deck installed from ``installed_from`` may be updated from ``new_source``
    without being asked to: a local file updates a deck from a local file, a URL or index
    its own deck, and nothing else (taking over needs ``--replace``)."""
    return installed_from == new_source
