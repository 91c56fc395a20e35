"""``deck import FILE.csv``: a spreadsheet of cards, checked whole, then merged in as a
deck installed from a local file, so importing the file again keeps each card's history.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from prepdeck.clock import Clock
from prepdeck.domain.cards import Deck
from prepdeck.domain.sources import DeckSource
from prepdeck.errors import DeckError, DeckFileError, FileError, RefusedError
from prepdeck.formats.bounded import read_bounded
from prepdeck.formats.csv_deck import Progress, read_csv_cards
from prepdeck.formats.deck.loader import MAX_DECK_BYTES
from prepdeck.library.export import checked_export_id
from prepdeck.library.imported_ids import file_deck_id
from prepdeck.library.install import CheckedDeck, merge_checked
from prepdeck.store import MergeReport, Store

"""Put in front of a file name's slug that is no deck id to install: reserved or empty."""


@dataclass(frozen=True, slots=True)
class CsvImport:
    """What an import did: the deck it wrote to and the merge's counts."""

    deck: Deck
    report: MergeReport


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
    target = checked_export_id(deck_id) if deck_id is not None else file_deck_id(path)
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
