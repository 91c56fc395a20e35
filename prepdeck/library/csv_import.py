"""``deck import FILE.csv``: a spreadsheet of cards, checked whole, then merged in as a
deck installed from a local file, so importing the file again keeps each card's history.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from prepdeck.clock import Clock
from prepdeck.domain.cards import Deck, is_personal_deck_id
from prepdeck.domain.ids import ID_MAX_LENGTH, is_valid_id
from prepdeck.domain.sources import DeckSource
from prepdeck.errors import DeckError, DeckFileError, FileError, RefusedError
from prepdeck.formats.bounded import read_bounded
from prepdeck.formats.csv_deck import Progress, read_csv_cards
from prepdeck.formats.deck.loader import MAX_DECK_BYTES
from prepdeck.library.export import checked_export_id
from prepdeck.library.install import CheckedDeck, merge_checked
from prepdeck.store import MergeReport, Store

IMPORTED_PREFIX = "imported-"
"""Put in front of a file name's slug that is no deck id to install: reserved or empty."""

_NOT_ID = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True, slots=True)
class CsvImport:
    """What an import did: the deck it wrote to and the merge's counts."""

    deck: Deck
    report: MergeReport


def import_deck_id(path: Path) -> str:
    """The deck id a file is imported under when none is given: its name's slug, with
    ``imported-`` in front when the slug is reserved or no valid id."""
    folded = unicodedata.normalize("NFKD", path.stem).encode("ascii", "ignore").decode()
    slug = _NOT_ID.sub("-", folded.lower()).strip("-")
    if slug and is_valid_id(slug) and not is_personal_deck_id(slug):
        return slug
    slug = slug[: ID_MAX_LENGTH - len(IMPORTED_PREFIX)].strip("-")
    return IMPORTED_PREFIX + slug if slug else IMPORTED_PREFIX.rstrip("-")


def import_csv(
    store: Store,
    clock: Clock,
    path: Path,
    *,
    deck_id: str | None = None,
    progress: Progress | None = None,
) -> CsvImport:
    """Read the CSV deck at ``path`` and merge it into the deck ``deck_id`` (default: from
    the file name). Every problem of the file is reported, and nothing is written, unless
    it has none. A deck that exists keeps its title and details; a new one is titled
    after the file."""
    shown = str(path)
    target = checked_export_id(deck_id) if deck_id is not None else import_deck_id(path)
    try:
        data = read_bounded(path, limit=MAX_DECK_BYTES, what="a CSV file")
    except DeckFileError as error:
        raise FileError(f"{shown}: {error.message}") from None
    try:
        # utf-8-sig: a spreadsheet's "CSV UTF-8" starts with a byte order mark.
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise DeckError([f"{shown}: not UTF-8 text (byte {error.start + 1})"]) from None
    cards = read_csv_cards(text, shown, progress=progress)
    existing = store.decks.find(target)
    if existing is not None and existing.source != DeckSource.FILE:
        raise RefusedError(
            f"deck '{target}' exists and was not installed from a file; import into "
            "another deck with --id NEW-ID"
        )
    if existing is not None:
        deck = existing.as_deck(cards)
    else:
        deck = Deck(id=target, title=path.stem.strip() or target, cards=cards)
    checked = CheckedDeck(deck, DeckSource.FILE, hashlib.sha256(data).hexdigest())
    return CsvImport(deck, merge_checked(store, clock, checked))
