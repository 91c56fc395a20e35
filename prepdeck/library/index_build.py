"""An index of the decks under a folder, for publishing them (``prepdeck index build``).

Every deck file under the folder is read as ``deck install`` reads it; the index lists
each deck with the hash of its file's bytes, so an installer can check that what it
downloaded is what was published. A deck with errors, one without a licence, or two
files with one deck id refuse the whole index: nothing half-true is published.
"""

from __future__ import annotations

import hashlib
from pathlib import Path, PurePosixPath
from typing import NamedTuple

from prepdeck.errors import DeckFileError
from prepdeck.formats.deck.loader import load_deck_bytes, read_deck_file
from prepdeck.formats.index import INDEX_FORMAT, IndexEntry

DECK_SUFFIXES = (".yaml", ".yml")


class BuiltIndex(NamedTuple):
    entries: list[IndexEntry]
    """By deck id."""
    problems: list[str]
    """One line each, ``PATH:LINE:COL: message`` where a place is known; none when the
    index may be written."""

    def as_document(self) -> dict[str, object]:
        """The index file's content: ``{prepdeck-index: 1, decks: [...]}``."""
        return {
            "prepdeck-index": INDEX_FORMAT,
            "decks": [entry._asdict() for entry in self.entries],
        }


def deck_files(directory: Path) -> list[Path]:
    """The deck files at any depth under ``directory``, in path order; hidden folders
    (``.git``) are left out."""
    return sorted(
        path
        for path in directory.rglob("*")
        if path.suffix in DECK_SUFFIXES
        and path.is_file()
        and not any(part.startswith(".") for part in path.relative_to(directory).parts)
    )


def build_index(directory: Path, *, base_url: str | None = None) -> BuiltIndex:
    """The index of the decks under ``directory``. Each entry's ``url`` is the file's path
    from ``directory`` (``/`` between folders), put after ``base_url`` when one is given;
    without it the URL is relative, read against the index's own URL."""
    entries: dict[str, tuple[IndexEntry, Path]] = {}
    problems: list[str] = []
    files = deck_files(directory)
    if not files:
        problems.append(f"{directory}: no deck files (*.yaml, *.yml) under it")
    for path in files:
        shown = str(path)
        try:
            data = read_deck_file(path)
        except DeckFileError as error:
            problems.append(f"{shown}: {error.message}")
            continue
        result = load_deck_bytes(data, shown)
        if result.errors or result.deck is None:
            problems.extend(problem.format() for problem in result.errors)
            continue
        deck = result.deck
        if not deck.license:
            problems.append(
                f"{shown}: no license: an index lists only decks that say how others may "
                "reuse them (add e.g. license: CC-BY-4.0)"
            )
            continue
        if deck.id in entries:
            problems.append(f"{shown}: deck id '{deck.id}' is also the id of {entries[deck.id][1]}")
            continue
        relative = PurePosixPath(*path.relative_to(directory).parts).as_posix()
        url = relative if base_url is None else f"{base_url.rstrip('/')}/{relative}"
        entry = IndexEntry(
            id=deck.id,
            title=deck.title,
            description=(deck.description or "").strip(),
            version=deck.version,
            url=url,
            sha256=hashlib.sha256(data).hexdigest(),
            license=deck.license,
            tags=list(deck.tags),
        )
        entries[deck.id] = (entry, path)
    ordered = [entries[deck_id][0] for deck_id in sorted(entries)]
    return BuiltIndex(ordered, problems)
