"""A deck as an Anki package (``.apkg``), for ``deck export --format apkg``.

An Anki package is a zip of an SQLite collection whose schema Anki checks closely;
genanki writes it, and this module decides what goes in. Each card becomes one note of
the note type "prepdeck" (fields Prompt, Answer, Points, Kind, and MyAnswer when the
user's own answers go along). The ids Anki matches on are derived, never random: the
note's guid from the deck id and the card id, the Anki deck's id from the deck id, so a
second export of the same deck updates the notes an earlier one brought into Anki.
"""

from __future__ import annotations

import contextlib
import hashlib
import html
import itertools
import sqlite3
import tempfile
import time
import zipfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from prepdeck.domain.cards import Card, Deck
from prepdeck.formats.csv_deck import tag_word

Progress = Callable[[int, int], None]
"""Told how many cards are done out of how many there are."""

NOTE_TYPE = "prepdeck"
FIELDS = ("Prompt", "Answer", "Points", "Kind")
OWN_ANSWER_FIELD = "MyAnswer"

# Fixed ids: Anki knows a note type by its id, and one export after another must name the
# same one. The type with the user's answers has a field more, so it is a type of its own.
_NOTE_TYPE_ID = 1_733_402_117
_NOTE_TYPE_WITH_ANSWERS_ID = 1_733_402_118

_FRONT = '<div class="prompt">{{Prompt}}</div>'
_BACK = (
    "{{FrontSide}}<hr id=answer>"
    '<div class="answer">{{Answer}}</div>'
    '{{#Points}}<div class="points"><b>Key points</b><br>{{Points}}</div>{{/Points}}'
)
_OWN_ANSWER_BACK = (
    '{{#MyAnswer}}<div class="mine"><b>My answer</b><br>{{MyAnswer}}</div>{{/MyAnswer}}'
)
_STYLE = (
    ".card { font-family: sans-serif; font-size: 20px; text-align: left; }\n"
    ".points, .mine { margin-top: 1em; }\n"
)


def anki_deck_id(deck_id: str) -> int:
    """The Anki deck id of the deck ``deck_id``: the same on every export, and in the
    range Anki's own ids of this kind are drawn from."""
    digest = hashlib.sha256(f"prepdeck deck {deck_id}".encode()).digest()
    return (1 << 30) + int.from_bytes(digest[:4], "big") % (1 << 30)


def note_guid(deck_id: str, card_id: str) -> str:
    """The guid of the note a card becomes: a card keeps its note across exports."""
    import genanki

    guid: str = genanki.guid_for(deck_id, card_id)
    return guid


def as_html(text: str) -> str:
    """Plain text as an Anki field, which holds HTML: escaped, its line breaks kept."""
    return html.escape(text, quote=False).replace("\r\n", "\n").replace("\n", "<br>")


def write_apkg(
    deck: Deck,
    path: Path,
    *,
    own_answers: Mapping[str, str] | None = None,
    progress: Progress | None = None,
) -> None:
    """Write ``deck`` to ``path`` as an Anki package, with a MyAnswer field holding
    ``own_answers`` (card id to answer) when given. Written beside ``path`` first and
    renamed over it, so a failure leaves whatever was there. Raises OSError."""
    import genanki

    with_answers = own_answers is not None
    fields = [*FIELDS, OWN_ANSWER_FIELD] if with_answers else list(FIELDS)
    back = _BACK + (_OWN_ANSWER_BACK if with_answers else "")
    model = genanki.Model(
        _NOTE_TYPE_WITH_ANSWERS_ID if with_answers else _NOTE_TYPE_ID,
        f"{NOTE_TYPE} (with my answers)" if with_answers else NOTE_TYPE,
        fields=[{"name": name} for name in fields],
        templates=[{"name": "Card", "qfmt": _FRONT, "afmt": back}],
        css=_STYLE,
    )
    anki_deck = genanki.Deck(anki_deck_id(deck.id), deck.title, as_html(deck.description or ""))
    total = len(deck.cards)
    for done, card in enumerate(deck.cards, start=1):
        values = _field_values(card)
        if own_answers is not None:
            values.append(as_html(own_answers.get(card.id, "")))
        anki_deck.add_note(
            genanki.Note(
                model=model,
                fields=values,
                tags=[tag_word(tag) for tag in card.tags],
                guid=note_guid(deck.id, card.id),
            )
        )
        if progress is not None:
            progress(done, total)
    temporary = path.with_name(path.name + ".tmp")
    try:
        _write_package(genanki.Package(anki_deck), temporary)
        temporary.replace(path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()


def _write_package(package: Any, target: Path) -> None:
    """The package as Anki reads it: a zip holding the collection and an empty media list.

    genanki's own ``write_to_file`` leaves its SQLite file behind in the temporary
    folder on every call, and stores the zip uncompressed; this does neither."""
    timestamp = time.time()
    with tempfile.TemporaryDirectory(prefix="prepdeck-apkg-") as folder:
        database = Path(folder) / "collection.anki2"
        connection = sqlite3.connect(database)
        try:
            # Note and card ids count up from the time in milliseconds, as genanki's do.
            package.write_to_db(
                connection.cursor(), timestamp, itertools.count(int(timestamp * 1000))
            )
            connection.commit()
        finally:
            connection.close()
        with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.write(database, "collection.anki2")
            archive.writestr("media", "{}")


def _field_values(card: Card) -> list[str]:
    return [
        as_html(card.prompt),
        as_html(card.answer),
        "<br>".join(as_html(point) for point in card.points),
        card.kind.value,
    ]
