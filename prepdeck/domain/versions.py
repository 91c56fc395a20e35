"""Comparing deck versions (``MAJOR.MINOR.PATCH``, see docs/deck-format.md)."""

from __future__ import annotations

from packaging.version import InvalidVersion, Version


def is_older_version(candidate: str | None, current: str | None) -> bool:
    """Whether deck version ``candidate`` comes before ``current``.

    A version that is missing, or that cannot be read as one, counts as older than any
    readable version and the same as any other such: a deck with a readable version
    always replaces one without, and is never replaced by one.
    """
    current_version = _parsed(current)
    if current_version is None:
        return False
    candidate_version = _parsed(candidate)
    return candidate_version is None or candidate_version < current_version


def _parsed(version: str | None) -> Version | None:
    if version is None:
        return None
    try:
        return Version(version)
    except InvalidVersion:
        return None
