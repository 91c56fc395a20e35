"""CSV decks: ``deck import FILE.csv`` and ``deck export --format csv``."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from prepdeck.domain.cards import Card, Kind
from prepdeck.domain.ids import derive_card_id
from prepdeck.errors import DeckError
from prepdeck.formats.csv_deck import dump_csv, join_list, read_csv_cards, split_list
from prepdeck.formats.deck.loader import load_deck
from prepdeck.library.imported_ids import file_deck_id
from prepdeck.paths import locations
from prepdeck.services import open_services
from prepdeck.srs import Rating
from tests.cli.conftest import (
    BUNDLED_DECKS,
    Reviewer,
    WriteFile,
    assert_user_error,
    deck_ids,
    earlier_today,
    export_rows,
)
from tests.cli.helpers import run_prepdeck

# --- reading ---------------------------------------------------------------------------


def test_a_spreadsheet_file_reads_as_cards() -> None:
    text = (
        "\ufeffPrompt,Answer,Points,Tags,Kind\r\n"
        '"Why us, and why now?","Two lines:\nfirst\r\nsecond",'
        '" Fit ; timing ;; growth ",star  culture,scenario\r\n'
        ",,,,\r\n"
        "Plain,Yes,,,\r\n"
    )

    cards = read_csv_cards(text.removeprefix("\ufeff"), "cards.csv")

    first, second = cards
    assert first == Card(
        id=derive_card_id("Why us, and why now?"),
        prompt="Why us, and why now?",
        answer="Two lines:\nfirst\r\nsecond",
        kind=Kind.SCENARIO,
        points=("Fit", "timing", "growth"),
        tags=("star", "culture"),
    )
    assert not first.explicit_id
    assert (second.prompt, second.answer, second.points, second.kind) == (
        "Plain",
        "Yes",
        (),
        Kind.QUESTION,
    )


@pytest.mark.parametrize(
    "items",
    [("a; b", "c"), ("C:\\Users", "ends in \\"), ("\\;", "\\\\;"), ("plain",), ()],
)
def test_points_with_semicolons_and_backslashes_read_back(items: tuple[str, ...]) -> None:
    assert split_list(join_list(items)) == items


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("answer,tags\nyes,x\n", "cards.csv:1:1: the header has no 'prompt' column"),
        ("prompt,answer,ponts\nq,a,x\n", "cards.csv:1:15: unknown column 'ponts'; did you mean"),
        ('prompt,answer,kind\nq,a,\n"q2",a,questoin\n', "cards.csv:3:8: unknown kind"),
        ('prompt,answer\n"first\nline",a\n  ,a\n', "cards.csv:4:1: prompt is empty"),
        (
            "prompt,answer\nSame  question,a\nOther,b\nSame question ,c\n",
            "cards.csv:4:1: duplicate card id derived from the prompt 'c-",
        ),
        ("prompt;answer\nq;a\n", "cards.csv:1:1: the header is one column"),
        ("prompt,answer,my_answer\nq,a,mine\n", "cards.csv:1:15: column 'my_answer'"),
        ('prompt,answer\n"q,a\n', "cards.csv:2:1: not readable as CSV"),
        ("prompt,answer\n", "cards.csv:1:1: no cards"),
    ],
    ids=[
        "missing-column",
        "unknown-column",
        "bad-kind",
        "empty-prompt",
        "duplicate-prompt",
        "semicolons",
        "own-answers",
        "unclosed-quote",
        "header-only",
    ],
)
def test_each_problem_is_one_located_line(text: str, expected: str) -> None:
    with pytest.raises(DeckError) as caught:
        read_csv_cards(text, "cards.csv")

    assert len(caught.value.lines) == 1, caught.value.lines
    assert caught.value.lines[0].startswith(expected), caught.value.lines


@pytest.mark.parametrize(
    ("name", "deck_id"),
    [
        ("Interview Questions (2024).csv", "interview-questions-2024"),
        ("my-cards.csv", "imported-my-cards"),
        ("___.csv", "imported"),
        ("Café.csv", "cafe"),
    ],
)
def test_the_deck_id_comes_from_the_file_name(name: str, deck_id: str) -> None:
    assert file_deck_id(Path(name)) == deck_id


# --- the command -----------------------------------------------------------------------


def test_a_refused_file_writes_nothing(isolated_home: Path, write_file: WriteFile) -> None:
    path = write_file("questions.csv", "prompt,answer,kind\nGood,Yes,\nBad,No,nonsense\n")

    done = run_prepdeck("deck", "import", str(path), home=isolated_home)

    assert_user_error(done, f"{path}:3:8: unknown kind 'nonsense'")
    assert len(done.stderr.splitlines()) == 1
    assert "questions" not in deck_ids(isolated_home, "--all")


def test_other_files_are_a_one_line_error(isolated_home: Path, write_file: WriteFile) -> None:
    path = write_file("deck.yaml", "prepdeck: 1\n")

    done = run_prepdeck("deck", "import", str(path), home=isolated_home)

    assert_user_error(done, "prepdeck deck install")
    assert len(done.stderr.splitlines()) == 1


def test_a_reimport_that_changes_an_answer_keeps_history(
    isolated_home: Path, write_file: WriteFile, reviewer: Reviewer
) -> None:
    rows = "prompt,answer\nWhy this job?,Growth.\nYour weakness?,Delegating.\n"
    path = write_file("Job Questions.csv", rows)
    first = run_prepdeck("deck", "import", str(path), home=isolated_home)
    assert first.stdout == "imported job-questions: 2 added, 0 changed, 0 retired, 0 unchanged\n"
    card_id = derive_card_id("Why this job?")
    reviewer.grade("job-questions", card_id, Rating.GOOD, earlier_today(reviewer.zone))

    path.write_text(rows.replace("Growth.", '"Growth, and the team."'), encoding="utf-8")
    again = run_prepdeck("deck", "import", str(path), "--id", "job-questions", home=isolated_home)

    assert again.stderr == ""
    assert again.stdout == "updated job-questions: 0 added, 1 changed, 0 retired, 1 unchanged\n"
    assert [row["card_id"] for row in export_rows(isolated_home)] == [card_id]
    cards = {item.card.id: item.card for item in reviewer.home.library.cards("job-questions")}
    assert cards[card_id].answer == "Growth, and the team."


def test_export_then_import_gives_the_same_cards(isolated_home: Path, tmp_path: Path) -> None:
    # This deck has points holding semicolons, the separator's own character.
    target = tmp_path / "network.csv"
    exported = run_prepdeck(
        "deck",
        "export",
        "it-network-technician",
        "--format",
        "csv",
        "-o",
        str(target),
        home=isolated_home,
    )
    assert exported.returncode == 0, exported.stderr

    imported = run_prepdeck("deck", "import", str(target), home=isolated_home)

    assert imported.returncode == 0, imported.stderr
    original = load_deck(BUNDLED_DECKS / "it-network-technician.yaml").deck
    assert original is not None
    with open_services(locations(isolated_home)) as services:
        copy = tuple(item.card for item in services.library.cards("network"))
    assert copy == original.cards


def test_own_answers_go_in_a_column_only_when_asked(isolated_home: Path) -> None:
    answered = load_deck(BUNDLED_DECKS / "company-needs.yaml").deck
    assert answered is not None
    card_id = answered.cards[0].id
    assert run_prepdeck("deck", "list", home=isolated_home).returncode == 0
    with open_services(locations(isolated_home)) as services:
        services.answers.set("company-needs", card_id, "My own words.")

    plain = run_prepdeck("deck", "export", "company-needs", "--format", "csv", home=isolated_home)
    mine = run_prepdeck(
        "deck",
        "export",
        "company-needs",
        "--format",
        "csv",
        "--with-my-answers",
        home=isolated_home,
    )

    assert plain.returncode == 0 and mine.returncode == 0, (plain.stderr, mine.stderr)
    assert "My own words." not in plain.stdout
    assert "my_answer" not in plain.stdout.splitlines()[0]
    rows = list(csv.DictReader(io.StringIO(mine.stdout)))
    assert rows[0]["my_answer"] == "My own words."
    assert rows[0]["answer"] == answered.cards[0].answer
    assert {row["my_answer"] for row in rows[1:]} == {""}


def test_dump_writes_every_column() -> None:
    card = Card("a", "Q", "A", Kind.COMPANY_NEED, ("p",), ("f1", "f2"), ("two words",), 90)

    header, row = list(csv.reader(io.StringIO(dump_csv((card,)))))

    assert dict(zip(header, row, strict=True)) == {
        "id": "a",
        "prompt": "Q",
        "answer": "A",
        "points": "p",
        "tags": "two_words",
        "kind": "company-need",
        "followups": "f1; f2",
        "seconds": "90",
    }
