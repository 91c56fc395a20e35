"""``prepdeck deck import FILE.apkg``: packages built by Anki's own engine, modern and
legacy, with and without scheduling, imported and compared; hostile zips refused."""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path

import pytest

from prepdeck.errors import FileError
from prepdeck.formats import apkg
from prepdeck.services import open_services
from tests.anki_packages import BEHAVIORAL, NESTED, Built, build_packages
from tests.cli.conftest import assert_user_error, deck_ids, run_json
from tests.cli.helpers import run_prepdeck

pytest.importorskip("anki")


@pytest.fixture(scope="session")
def anki(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The packages, built once: Anki's engine takes a moment to start."""
    return build_packages(tmp_path_factory.mktemp("anki"))


def expected_ids(prefix: str) -> dict[str, str]:
    return {BEHAVIORAL: f"{prefix}-behavioral", NESTED: f"{prefix}-tech-python"}


@pytest.mark.parametrize("form", ["modern-s", "modern-n", "legacy-s", "legacy-n", "oldest-s"])
def test_every_form_of_package_gives_the_same_decks_and_cards(
    anki: Built, form: str, isolated_home: Path
) -> None:
    before = set(deck_ids(isolated_home))
    done = run_json("deck", "import", str(anki.packages[form]), "--json", home=isolated_home)
    ids = expected_ids(form)
    assert [deck["id"] for deck in done["decks"]] == [ids[BEHAVIORAL], ids[NESTED]]
    assert done["reviews"] is None
    assert set(deck_ids(isolated_home)) - before == set(ids.values())
    with open_services() as services:
        found = {
            (deck_id, item.card.id): item.card
            for deck_id in ids.values()
            for item in services.library.cards(deck_id)
        }
        assert services.library.get(ids[NESTED]).title == NESTED
        assert services.library.get(ids[NESTED]).source == "file"
    assert len(found) == len(anki.notes)
    for note in anki.notes:
        card = found[(ids[note.deck], note.card_id)]
        assert (card.prompt, card.answer, card.tags) == (note.prompt, note.answer, note.tags)


@pytest.mark.parametrize("form", ["modern-s", "legacy-s"])
def test_history_is_imported_replayed_and_merged_again_without_duplicates(
    anki: Built, form: str, isolated_home: Path
) -> None:
    package = str(anki.packages[form])
    done = run_json("deck", "import", package, "--with-history", "--json", home=isolated_home)
    assert done["reviews"] == {
        "added": anki.reviews,
        "duplicates": 0,
        "replayed_cards": len(anki.reviewed_card_ids),
    }
    deck_id = expected_ids(form)[BEHAVIORAL]
    with open_services() as services:
        cards = services.library.cards(deck_id)
    reviewed = {item.card.id for item in cards if item.schedule is not None}
    assert reviewed == anki.reviewed_card_ids
    assert sum(item.reps for item in cards) == anki.reviews

    again = run_json("deck", "import", package, "--with-history", "--json", home=isolated_home)
    assert again["reviews"]["added"] == 0
    assert again["reviews"]["duplicates"] == anki.reviews
    assert all(deck["unchanged"] == deck["added"] + deck["unchanged"] for deck in again["decks"])
    assert not any(deck["created"] for deck in again["decks"])


def test_one_deck_takes_the_file_name_or_the_id_given(anki: Built, isolated_home: Path) -> None:
    assert anki.single_deck is not None
    # "My Anki" slugs to a reserved id, so the import puts "imported-" in front.
    done = run_prepdeck("deck", "import", str(anki.single_deck), home=isolated_home)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("imported imported-my-anki: 3 added")
    named = run_json(
        "deck", "import", str(anki.single_deck), "--id", "why-me", "--json", home=isolated_home
    )
    assert [deck["id"] for deck in named["decks"]] == ["why-me"]


def test_several_decks_take_the_id_given_as_their_start(anki: Built, isolated_home: Path) -> None:
    done = run_json(
        "deck", "import", str(anki.packages["modern-n"]), "--id", "prep", "--json",
        home=isolated_home,
    )  # fmt: skip
    assert [deck["id"] for deck in done["decks"]] == ["prep-behavioral", "prep-tech-python"]


# -- refused files ----------------------------------------------------------------------


def zip_with(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def with_declared_size(path: Path, size: int) -> Path:
    """The zip with its one member's uncompressed size, in both headers, set to ``size``."""
    data = bytearray(path.read_bytes())
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = data.find(signature)
        struct.pack_into("<I", data, at + offset, size)
    path.write_bytes(bytes(data))
    return path


HOSTILE = {
    "traversal": ({"../evil": b"x", "collection.anki2": b"x"}, "unsafe entry name '../evil'"),
    "absolute": ({"/tmp/evil": b"x", "collection.anki2": b"x"}, "unsafe entry name '/tmp/evil'"),
    "no collection": ({"media": b"{}"}, "no collection inside"),
    "not a collection": ({"collection.anki21": b"not sqlite" * 100}, "not a readable Anki"),
    "not zstd": ({"collection.anki21b": b"not zstd" * 100}, "damaged Anki package"),
}


@pytest.mark.parametrize("case", [*HOSTILE, "huge", "not a zip"])
def test_a_refused_package_is_one_line_and_writes_nothing(
    case: str, tmp_path: Path, isolated_home: Path
) -> None:
    before = deck_ids(isolated_home)
    path = tmp_path / "hostile.apkg"
    if case == "not a zip":
        path.write_bytes(b"prepdeck: 1\nid: x\n")
        expected = "not a zip file"
    elif case == "huge":
        with_declared_size(zip_with(path, {"collection.anki21": b"x" * 64}), 0xFFFFFFF0)
        expected = "refused, its collection is 4096 MB (the limit is 1024 MB)"
    else:
        members, expected = HOSTILE[case]
        zip_with(path, members)
    done = run_prepdeck("deck", "import", str(path), home=isolated_home)
    assert_user_error(done, str(path), expected)
    assert len(done.stderr.strip().splitlines()) == 1
    assert deck_ids(isolated_home) == before
    assert not (tmp_path / "evil").exists()


def test_too_many_entries_are_refused_before_any_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(apkg, "MAX_ENTRIES", 3)
    path = zip_with(tmp_path / "many.apkg", {f"{n}": b"" for n in range(4)})
    with pytest.raises(FileError, match="refused, 4 entries in the package"):
        apkg.read_package(path, with_reviews=False)


def test_other_files_and_bad_ids_are_refused(
    anki: Built, tmp_path: Path, isolated_home: Path
) -> None:
    done = run_prepdeck("deck", "import", str(tmp_path / "notes.txt"), home=isolated_home)
    assert_user_error(done, "not an Anki package or CSV file")
    done = run_prepdeck("deck", "import", str(tmp_path / "deck.yaml"), home=isolated_home)
    assert_user_error(done, "is a deck file; install it with: prepdeck deck install")
    cards = tmp_path / "cards.csv"
    cards.write_text("prompt,answer\nWhy?,Because.\n", encoding="utf-8")
    done = run_prepdeck("deck", "import", str(cards), "--with-history", home=isolated_home)
    assert_user_error(done, "--with-history reads an Anki package's review log")
    package = str(anki.packages["modern-n"])
    for bad, message in (("Bad Id", "is not a deck id"), ("my-deck", "kept for personal")):
        done = run_prepdeck("deck", "import", package, "--id", bad, home=isolated_home)
        assert_user_error(done, message)


def test_a_deck_from_elsewhere_is_never_taken_over(anki: Built, isolated_home: Path) -> None:
    assert anki.single_deck is not None
    bundled = deck_ids(isolated_home)[0]
    done = run_prepdeck(
        "deck", "import", str(anki.single_deck), "--id", bundled, home=isolated_home
    )
    assert_user_error(done, f"would import into deck '{bundled}', which is installed from bundled")
    with open_services() as services:
        assert all(not item.card.id.startswith("a-") for item in services.library.cards(bundled))


def test_progress_counts_each_note_read_then_written_and_ends_whole(
    anki: Built, isolated_home: Path
) -> None:
    told: list[tuple[str, int, int]] = []
    with open_services() as services:
        services.import_anki(
            anki.packages["modern-s"],
            progress=lambda step, done, total: told.append((step, done, total)),
        )
    first = sum(1 for note in anki.notes if note.deck == BEHAVIORAL)
    second = sum(1 for note in anki.notes if note.deck == NESTED)
    work = 2 * (first + second)
    # Each deck's notes are read (told as each deck starts), then the decks are written
    # in one transaction (told as each is written).
    assert told == [
        ("notes", 0, work),
        ("notes", first, work),
        ("notes", work - second, work),
        ("notes", work, work),
    ]
