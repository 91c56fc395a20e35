"""``deck import FILE.apkg``: an Anki package turned into prepdeck decks, merged in as a
local deck file is, and, when asked, its review log replayed by prepdeck's FSRS.

Each non-empty Anki deck becomes one prepdeck deck. A note becomes one card, with the
id ``a-`` and 10 hex digits of the sha256 of the note's guid, so importing a newer export
of the same notes merges into the same cards and keeps their history. The first field
is the prompt and the second the answer (the later non-empty fields when the second is
empty); a note whose first field holds cloze deletions asks its text with each deletion
hidden and answers with the text whole, then its second field. A note belongs to the deck
of its first card, and only that card's reviews are its history: the other cards of the
note (a reversed card, another deletion) are other questions prepdeck has no card for.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from prepdeck.clock import Clock
from prepdeck.domain.cards import Card, Deck, is_personal_deck_id
from prepdeck.domain.ids import ID_MAX_LENGTH, is_valid_id, slug
from prepdeck.domain.sources import DeckSource, may_update
from prepdeck.errors import PrepdeckError
from prepdeck.formats.apkg import (
    AnkiCollection,
    AnkiNote,
    cloze_answer,
    cloze_question,
    fields_to_text,
    has_cloze,
    read_package,
)
from prepdeck.library.imported_ids import checked_id, file_deck_id
from prepdeck.library.install import CheckedDeck, merge_all_checked
from prepdeck.store import ImportReport, MergeReport, Store

if TYPE_CHECKING:
    from prepdeck.store.log_records import ImportedReview

ImportProgress = Callable[[str, int, int], None]
"""Told the step under way ("notes", then "history" when asked for), how much of it is
done and its size. The notes are counted twice: read, then written."""

_CARD_ID_PREFIX = "a-"
_CHUNK = 1000


@dataclass(frozen=True, slots=True)
class AnkiImport:
    """What an import did: each deck's merge, the notes left out, and the history."""

    merges: tuple[MergeReport, ...]
    skipped_notes: int
    """Notes without text on one side once their HTML was turned into text."""
    history: ImportReport | None
    """The review log's import, when it was asked for."""


def deck_ids(prefix: str, paths: Sequence[str]) -> dict[str, str]:
    """The prepdeck id of each Anki deck path of one package.

    A package of one deck gives its deck ``prefix`` itself. With several, each is
    ``prefix-<slug of its full path>``, the prefix left out when the slug starts with it
    already (``spanish`` and ``Spanish::Verbs`` give ``spanish-verbs``); two paths with
    the same slug are told apart by ``-2``, ``-3``.
    """
    if len(paths) == 1:
        return {paths[0]: checked_id(prefix)}
    ids: dict[str, str] = {}
    taken: set[str] = set()
    for path in paths:
        path_slug = slug(path)
        if path_slug == prefix or path_slug.startswith(f"{prefix}-"):
            base = path_slug
        else:
            base = f"{prefix}-{path_slug}" if path_slug else prefix
        base = checked_id(base[:ID_MAX_LENGTH].rstrip("-"))
        candidate, number = base, 1
        while candidate in taken:
            number += 1
            suffix = f"-{number}"
            candidate = base[: ID_MAX_LENGTH - len(suffix)].rstrip("-") + suffix
        taken.add(candidate)
        ids[path] = candidate
    return ids


def card_id_of(guid: str) -> str:
    """A note's card id: stable across exports of the same note."""
    return _CARD_ID_PREFIX + hashlib.sha256(guid.encode("utf-8")).hexdigest()[:10]


def tags_of(note: AnkiNote) -> tuple[str, ...]:
    """The note's tags as slugs (``Level::One`` is ``level-one``), each once."""
    return _slugged_tags(note.tags)


@functools.lru_cache(maxsize=4096)
def _slugged_tags(tags: tuple[str, ...]) -> tuple[str, ...]:
    # A package has few sets of tags, each on many notes: each set is slugged once.
    return tuple(dict.fromkeys(found for found in map(slug, tags) if found))


def card_of(note: AnkiNote, texts: Sequence[str] | None = None) -> Card | None:
    """The prompt and answer of a note (``texts``: its fields as text, when known);
    None when one of them has no text."""
    fields = texts if texts is not None else fields_to_text(note.fields)
    if not fields:
        return None
    first, rest = fields[0], fields[1:]
    if has_cloze(first):
        prompt = cloze_question(first)
        answer = "\n\n".join(part for part in (cloze_answer(first), *rest[:1]) if part)
    else:
        prompt = first
        answer = rest[0] if rest and rest[0] else "\n\n".join(part for part in rest if part)
    if not prompt or not answer:
        return None
    return Card(id=card_id_of(note.guid), prompt=prompt, answer=answer, tags=tags_of(note))


class _Converted(NamedTuple):
    """One Anki deck's notes as cards."""

    cards: list[Card]
    owners: list[tuple[int, str, str]]
    """Each Anki card that carries a note's history: (Anki card, card id, note guid)."""
    skipped: int


def _notes_by_deck(collection: AnkiCollection) -> tuple[dict[int, list[AnkiNote]], dict[int, int]]:
    """Each Anki deck's notes, in the collection's order, and each note's first card."""
    first_cards = {anki.note_id: (anki.id, anki.deck_id) for anki in collection.cards}
    by_deck: dict[int, list[AnkiNote]] = {}
    for note in collection.notes:
        first = first_cards.get(note.id)
        if first is not None:
            by_deck.setdefault(first[1], []).append(note)
    return by_deck, {note: card for note, (card, _) in first_cards.items()}


def _convert(
    notes: Sequence[AnkiNote], first_card: dict[int, int], tick: Callable[[int], None]
) -> _Converted:
    """The notes of one deck as cards; ``tick`` is told how many are done so far."""
    converted = _Converted([], [], 0)
    skipped = 0
    for first in range(0, len(notes), _CHUNK):
        tick(first)
        chunk = notes[first : first + _CHUNK]
        # Converted a thousand notes at a time: see ``fields_to_text``.
        texts = fields_to_text([field for note in chunk for field in note.fields])
        end = 0
        for note in chunk:
            start, end = end, end + len(note.fields)
            card = card_of(note, texts[start:end])
            if card is None:
                skipped += 1
                continue
            converted.cards.append(card)
            converted.owners.append((first_card[note.id], card.id, note.guid))
    return converted._replace(skipped=skipped)


def import_package(
    store: Store,
    clock: Clock,
    path: Path,
    *,
    deck_id: str | None,
    with_history: bool,
    import_reviews: Callable[[list[ImportedReview]], ImportReport],
    progress: ImportProgress | None = None,
    shown: str | None = None,
) -> AnkiImport:
    """Read the package at ``path`` and merge each of its non-empty decks in, as a local
    deck file would be; with ``with_history``, hand its review log to ``import_reviews``.

    ``deck_id`` is the id of a package's one deck, or the prefix of its several decks'
    ids (see ``deck_ids``); by default the file name's slug. Nothing is written when the
    package cannot be read or a deck it would write came from elsewhere.
    """
    where = shown if shown is not None else str(path)
    if deck_id is not None and not is_valid_id(deck_id):
        raise PrepdeckError(
            f"deck import: {deck_id!r} is not a deck id: lower-case letters and digits, "
            "words joined by single dashes, at most 64 characters"
        )
    if deck_id is not None and is_personal_deck_id(deck_id):
        raise PrepdeckError(
            f"deck import: {deck_id!r} starts with 'my-', which is kept for personal decks"
        )
    collection = read_package(path, with_reviews=with_history, shown=where)
    by_deck, first_card = _notes_by_deck(collection)
    paths = {number: collection.decks.get(number, f"Deck {number}") for number in by_deck}
    ordered = sorted(by_deck, key=lambda number: paths[number].casefold())
    ids = deck_ids(
        deck_id if deck_id is not None else file_deck_id(path),
        [paths[number] for number in ordered],
    )
    for number in ordered:
        existing = store.decks.find(ids[paths[number]])
        if existing is not None and not may_update(existing.source, DeckSource.FILE):
            raise PrepdeckError(
                f"{where}: would import into deck '{ids[paths[number]]}', which is "
                f"installed from {existing.source}; choose another id with --id"
            )
    content_hash = _file_hash(path)
    total = sum(len(notes) for notes in by_deck.values())
    # Reading the notes and writing their cards take about as long as each other: the
    # work told to ``progress`` is each note read, then each note's deck written.
    checked: list[CheckedDeck] = []
    notes_of: list[int] = []
    card_of_anki: dict[int, tuple[str, str, str]] = {}
    skipped = done = 0
    for number in ordered:

        def tick(in_deck: int, before: int = done) -> None:
            if progress is not None:
                progress("notes", before + in_deck, 2 * total)

        converted = _convert(by_deck[number], first_card, tick)
        done += len(by_deck[number])
        skipped += converted.skipped
        if not converted.cards:
            continue
        deck = Deck(
            id=ids[paths[number]],
            title=paths[number],
            cards=tuple(converted.cards),
            description=f"Imported from the Anki deck {paths[number]}.",
        )
        checked.append(CheckedDeck(deck, DeckSource.FILE, content_hash))
        notes_of.append(len(by_deck[number]))
        for anki_card, card_id, guid in converted.owners:
            card_of_anki[anki_card] = (deck.id, card_id, guid)
    if not checked:
        raise PrepdeckError(f"{where}: no notes with text to import")

    def written(decks: int) -> None:
        if progress is not None:
            progress("notes", 2 * total - sum(notes_of[decks:]), 2 * total)

    merges = merge_all_checked(store, clock, checked, written=written)
    history = None
    if with_history:
        if progress is not None:
            progress("history", 0, 1)
        history = import_reviews(_review_rows(collection, card_of_anki))
    return AnkiImport(tuple(merges), skipped, history)


def _review_rows(
    collection: AnkiCollection, card_of_anki: dict[int, tuple[str, str, str]]
) -> list[ImportedReview]:
    from prepdeck.srs import Rating
    from prepdeck.store.log_records import ImportedReview

    rows: list[ImportedReview] = []
    for review in collection.reviews:
        # Entries written by hand (rescheduled, forgotten, set due) are no answer.
        if not 1 <= review.ease <= 4 or review.type > 3:
            continue
        owner = card_of_anki.get(review.card_id)
        if owner is None:
            continue
        deck_id, card_id, guid = owner
        rows.append(
            ImportedReview(
                deck_id=deck_id,
                card_id=card_id,
                rating=Rating(review.ease),
                reviewed_at=datetime.fromtimestamp(review.id / 1000, UTC),
                review_id=_review_id(guid, review.id),
                duration_ms=max(0, review.time_ms),
            )
        )
    return rows


def _review_id(guid: str, moment_ms: int) -> str:
    """The same review imported twice has the same id, so the second is a duplicate."""
    return hashlib.sha256(f"anki-review:{guid}:{moment_ms}".encode()).hexdigest()[:32]


def _file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        while chunk := file.read(2**20):
            digest.update(chunk)
    return digest.hexdigest()
