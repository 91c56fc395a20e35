"""``deck export --format apkg``: packages that Anki's own engine imports.

The packages are built once for the module, and each is imported into a fresh Anki
collection, as a user's Anki would take it.
"""

from __future__ import annotations

import html
import json
import sqlite3
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from prepdeck.domain.cards import Deck
from prepdeck.formats.apkg_writer import anki_deck_id, note_guid
from prepdeck.formats.deck.loader import load_deck
from prepdeck.paths import locations
from prepdeck.services import open_services
from tests.cli.conftest import BUNDLED_DECKS
from tests.cli.helpers import run_prepdeck

anki_collection = pytest.importorskip("anki.collection")

DECK_ID = "it-network-technician"
"""A bundled deck whose text holds what HTML must escape (``<``, ``&``) and tags."""


@dataclass(frozen=True)
class AnkiNote:
    guid: str
    note_type: str
    fields: dict[str, str]
    tags: tuple[str, ...]
    deck: str


def read_into_anki(package: Path, folder: Path) -> list[AnkiNote]:
    """The notes of ``package`` once Anki has imported it into a new collection."""
    collection = anki_collection.Collection(str(folder / "collection.anki2"))
    try:
        collection.import_anki_package(
            anki_collection.ImportAnkiPackageRequest(
                package_path=str(package),
                options=anki_collection.ImportAnkiPackageOptions(),
            )
        )
        notes = []
        for note_id in collection.find_notes(""):
            note = collection.get_note(note_id)
            card = collection.get_card(note.card_ids()[0])
            note_type = note.note_type()
            assert note_type is not None
            notes.append(
                AnkiNote(
                    guid=note.guid,
                    note_type=note_type["name"],
                    fields=dict(note.items()),
                    tags=tuple(note.tags),
                    deck=collection.decks.name(card.did),
                )
            )
        return notes
    finally:
        collection.close()


@dataclass(frozen=True)
class Exports:
    deck: Deck
    own_answer: tuple[str, str]
    plain: list[AnkiNote]
    again: list[AnkiNote]
    with_answers: list[AnkiNote]
    packages: tuple[Path, Path]
    """The first two exports, alike."""


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> Exports:
    home = tmp_path_factory.mktemp("home")
    deck = load_deck(BUNDLED_DECKS / f"{DECK_ID}.yaml").deck
    assert deck is not None
    assert run_prepdeck("deck", "list", home=home).returncode == 0
    answered = deck.cards[0].id
    with open_services(locations(home)) as services:
        services.answers.set(DECK_ID, answered, "Mine: <first> & then the rest.")
    packages: list[Path] = []

    def exported(name: str, *flags: str) -> list[AnkiNote]:
        package = tmp_path_factory.mktemp(name) / "deck.apkg"
        done = run_prepdeck(
            "deck", "export", DECK_ID, "--format", "apkg", "-o", str(package), *flags, home=home
        )
        assert done.returncode == 0, done.stderr
        assert done.stdout == f"wrote {DECK_ID} ({len(deck.cards)} cards) to {package}\n"
        # Written beside its name first, then renamed: nothing else is left behind.
        assert [path.name for path in package.parent.iterdir()] == ["deck.apkg"]
        packages.append(package)
        return read_into_anki(package, tmp_path_factory.mktemp(f"{name}-anki"))

    return Exports(
        deck=deck,
        own_answer=(answered, "Mine: <first> & then the rest."),
        plain=exported("plain"),
        again=exported("again"),
        with_answers=exported("mine", "--with-my-answers"),
        packages=(packages[0], packages[1]),
    )


def plain_text(field: str) -> str:
    """An Anki field read back as the text it was written from."""
    return html.unescape(field.replace("<br>", "\n"))


def test_anki_imports_every_card_as_a_note(exports: Exports) -> None:
    by_guid = {note.guid: note for note in exports.plain}
    deck = exports.deck

    assert len(exports.plain) == len(deck.cards)
    for card in deck.cards:
        note = by_guid[note_guid(deck.id, card.id)]
        assert note.note_type == "prepdeck"
        assert list(note.fields) == ["Prompt", "Answer", "Points", "Kind"]
        assert plain_text(note.fields["Prompt"]) == card.prompt
        assert plain_text(note.fields["Answer"]) == card.answer
        assert plain_text(note.fields["Points"]).split("\n") == list(card.points)
        assert note.fields["Kind"] == card.kind.value
        assert sorted(note.tags) == sorted(card.tags)
        assert note.deck == deck.title


def test_a_second_export_has_the_same_notes(exports: Exports) -> None:
    assert exports.again == exports.plain
    # Anki files a deck by its id and name, and matches notes by their guids.
    assert packaged_deck_ids(exports.packages[0]) == packaged_deck_ids(exports.packages[1])
    assert anki_deck_id(exports.deck.id) in packaged_deck_ids(exports.packages[0])


def packaged_deck_ids(package: Path) -> set[int]:
    """The ids of the decks in a package's collection, read as Anki's schema holds them."""
    folder = package.parent / "unpacked"
    with zipfile.ZipFile(package) as archive:
        archive.extract("collection.anki2", folder)
    connection = sqlite3.connect(folder / "collection.anki2")
    try:
        (decks,) = connection.execute("SELECT decks FROM col").fetchone()
    finally:
        connection.close()
    return {int(deck_id) for deck_id in json.loads(decks)}


def test_own_answers_go_along_only_when_asked(exports: Exports) -> None:
    card_id, answer = exports.own_answer
    guid = note_guid(exports.deck.id, card_id)
    answers = {note.guid: note.fields.get("MyAnswer") for note in exports.with_answers}

    assert all("Mine:" not in str(note.fields) for note in exports.plain)
    assert plain_text(answers.pop(guid) or "") == answer
    assert set(answers.values()) == {""}
    # The deck's own answers stay as they were beside the user's.
    plain = {note.guid: note.fields["Answer"] for note in exports.plain}
    assert {note.guid: note.fields["Answer"] for note in exports.with_answers} == plain
