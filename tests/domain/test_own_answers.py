"""Own answers: kept by the card's identity, across deck updates, and in and out of files."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from prepdeck.clock import FixedClock
from prepdeck.errors import AnswersFileError, NotFoundError
from prepdeck.formats.answers import read_answers_file
from prepdeck.library.decks import Library
from prepdeck.library.install import prepare_install
from prepdeck.prep.answers import OwnAnswers
from prepdeck.store import Store, connect

NOW = datetime(2026, 12, 4, 9, 0, tzinfo=UTC)

DECK_V1 = """\
prepdeck: 1
id: basics
title: Basics
version: 1.0.0
cards:
  - id: conflict
    prompt: Tell me about a conflict.
    answer: Listen first.
  - id: weakness
    prompt: Your weakness?
    answer: Name a real one.
"""

# The same cards, their text rewritten and one card gone.
DECK_V2 = """\
prepdeck: 1
id: basics
title: Basics
version: 1.1.0
cards:
  - id: conflict
    prompt: Describe a disagreement with a colleague.
    answer: Listen, then agree on facts.
"""


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with connect(tmp_path / "db.sqlite3", backups_dir=tmp_path / "backups") as opened:
        yield opened


@pytest.fixture
def library(store: Store, tmp_path: Path) -> Library:
    library = Library(store, FixedClock(NOW))
    install(library, tmp_path, DECK_V1)
    return library


@pytest.fixture
def answers(store: Store, library: Library) -> OwnAnswers:
    return OwnAnswers(store, FixedClock(NOW))


def install(library: Library, folder: Path, text: str) -> None:
    path = folder / "basics.yaml"
    path.write_text(text, encoding="utf-8")
    library.merge(prepare_install(str(path)))


def test_set_overwrites_and_an_empty_answer_deletes(answers: OwnAnswers) -> None:
    assert answers.get("basics", "conflict") is None
    assert answers.set("basics", "conflict", "  I asked what they needed.\n\n") == (
        "I asked what they needed."
    )
    answers.set("basics", "conflict", "I listened, then we agreed on facts.")
    assert answers.get("basics", "conflict") == "I listened, then we agreed on facts."
    assert answers.set("basics", "conflict", " \n ") is None
    assert answers.get("basics", "conflict") is None
    assert answers.all() == []


def test_an_answer_needs_an_installed_card(answers: OwnAnswers) -> None:
    with pytest.raises(NotFoundError, match="no card nope in deck basics"):
        answers.set("basics", "nope", "Text")


def test_an_answer_is_kept_across_an_update_that_rewrites_its_card(
    answers: OwnAnswers, library: Library, tmp_path: Path
) -> None:
    answers.set("basics", "conflict", "My own words.")
    answers.set("basics", "weakness", "I over-prepare.")
    install(library, tmp_path, DECK_V2)
    [card] = library.cards("basics")
    assert card.card.prompt == "Describe a disagreement with a colleague."
    assert answers.get("basics", "conflict") == "My own words."
    # A retired card keeps its answer too, for when it comes back.
    assert answers.get("basics", "weakness") == "I over-prepare."


def test_purging_a_deck_deletes_its_answers_and_removing_keeps_them(
    answers: OwnAnswers, library: Library, tmp_path: Path
) -> None:
    answers.set("basics", "conflict", "Mine.")
    library.remove("basics")
    assert answers.get("basics", "conflict") == "Mine."
    library.remove("basics", purge=True)
    assert answers.get("basics", "conflict") is None


def test_answers_go_out_and_come_back_through_a_yaml_file(
    answers: OwnAnswers, store: Store, tmp_path: Path
) -> None:
    answers.set("basics", "weakness", "no")
    answers.set("basics", "conflict", "First line.\nSecond line: with a colon.")
    text = answers.export_yaml()
    assert text.index("conflict") < text.index("weakness")
    store.answers.save_many([("basics", "conflict", ""), ("basics", "weakness", "")], at=NOW)
    path = tmp_path / "answers.yaml"
    path.write_text(text, encoding="utf-8")
    assert answers.import_file(str(path)) == 2
    assert answers.get("basics", "conflict") == "First line.\nSecond line: with a colon."
    # YAML would read a bare no as false; the file keeps the word.
    assert answers.get("basics", "weakness") == "no"


def test_markdown_has_a_section_per_deck_and_a_heading_per_card(answers: OwnAnswers) -> None:
    answers.set("basics", "conflict", "Mine.")
    assert answers.export_markdown() == (
        "# My answers\n\n## Basics (basics)\n\n### Tell me about a conflict.\n\nMine.\n"
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- deck_id: basics\n  card_id: conflict\n", ":1:3: missing answer"),
        ("deck_id: basics\n", ":1:1: expected a list of answers"),
        ("- [basics, conflict]\n", ":1:3: expected an answer"),
        ("- deck_id: basics\n  card_id: conflict\n  answer: x\n  note: y\n", ":4:3: unknown field"),
        ("- deck_id: basics\n  card_id: conflict\n  answer: [x]\n", ":3:11: answer must be text"),
        ("- deck_id: basics\n  card_id: [oops\n", ":3:1: YAML syntax error"),
        ("", ":1:1: empty file"),
    ],
)
def test_a_badly_shaped_file_is_refused_at_its_place(
    tmp_path: Path, text: str, message: str
) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(AnswersFileError) as refused:
        read_answers_file(str(path))
    assert str(refused.value).startswith(f"{path}{message}"), str(refused.value)


def test_an_import_naming_a_card_not_installed_writes_nothing(
    answers: OwnAnswers, tmp_path: Path
) -> None:
    path = tmp_path / "answers.yaml"
    path.write_text(
        "- {deck_id: basics, card_id: conflict, answer: Mine.}\n"
        "- {deck_id: basics, card_id: gone, answer: Lost.}\n"
        "- {deck_id: other, card_id: x, answer: Lost.}\n",
        encoding="utf-8",
    )
    with pytest.raises(AnswersFileError) as refused:
        answers.import_file(str(path))
    assert str(refused.value).splitlines() == [
        f"{path}:2:3: deck basics has no card gone",
        f"{path}:3:3: deck other is not installed",
    ]
    assert answers.all() == []


def test_a_card_named_twice_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "answers.yaml"
    path.write_text(
        "- {deck_id: basics, card_id: conflict, answer: A}\n"
        "- {deck_id: basics, card_id: conflict, answer: B}\n",
        encoding="utf-8",
    )
    with pytest.raises(AnswersFileError, match="named twice \\(first at line 1\\)"):
        read_answers_file(str(path))


def test_a_named_pipe_is_refused_without_waiting_on_it(tmp_path: Path) -> None:
    import os

    pipe = tmp_path / "answers.yaml"
    os.mkfifo(pipe)
    with pytest.raises(AnswersFileError, match="is a named pipe, not an answers file"):
        read_answers_file(str(pipe))
