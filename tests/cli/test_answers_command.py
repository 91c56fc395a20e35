"""``prepdeck answers export|import`` and ``deck export --with-my-answers``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import yaml

from tests.cli.conftest import WriteFile, assert_user_error, deck_yaml
from tests.cli.helpers import run_prepdeck

ANSWERS = """\
- deck_id: star
  card_id: conflict
  answer: |
    I asked what each of them needed.
    Then we agreed on the facts.
- deck_id: star
  card_id: ask
  answer: "yes"
"""


def home_with_deck(home: Path, write_file: WriteFile, name: str = "star.yaml") -> None:
    deck = write_file(name, deck_yaml("star", ["conflict", "ask", "plain"], title="Stars"))
    done = run_prepdeck("deck", "install", str(deck), home=home)
    assert done.returncode == 0, done.stderr


def imported(home: Path, path: Path) -> str:
    done = run_prepdeck("answers", "import", str(path), home=home)
    assert done.returncode == 0, done.stderr
    return done.stdout


def exported(home: Path, *args: str) -> str:
    done = run_prepdeck("answers", "export", *args, home=home)
    assert (done.returncode, done.stderr) == (0, ""), done.stderr
    return done.stdout


def test_answers_go_out_and_back_in_through_yaml(
    isolated_home: Path, new_home: Callable[[], Path], write_file: WriteFile
) -> None:
    home_with_deck(isolated_home, write_file)
    assert exported(isolated_home) == "[]\n"
    assert imported(isolated_home, write_file("mine.yaml", ANSWERS)) == "imported 2 answers\n"
    text = exported(isolated_home)
    assert yaml.safe_load(text) == [
        {"deck_id": "star", "card_id": "ask", "answer": "yes"},
        {
            "deck_id": "star",
            "card_id": "conflict",
            "answer": "I asked what each of them needed.\nThen we agreed on the facts.",
        },
    ]
    other = new_home()
    home_with_deck(other, write_file, "again.yaml")
    assert imported(other, write_file("out.yaml", text)) == "imported 2 answers\n"
    assert exported(other) == text


def test_markdown_has_a_section_per_deck_and_each_prompt_as_a_heading(
    isolated_home: Path, write_file: WriteFile
) -> None:
    home_with_deck(isolated_home, write_file)
    imported(isolated_home, write_file("mine.yaml", ANSWERS))
    assert exported(isolated_home, "--format", "markdown") == (
        "# My answers\n"
        "\n## Stars (star)\n"
        "\n### Question ask?\n\nyes\n"
        "\n### Question conflict?\n\n"
        "I asked what each of them needed.\nThen we agreed on the facts.\n"
    )


def test_a_bad_answers_file_is_refused_at_its_place_and_nothing_is_written(
    isolated_home: Path, write_file: WriteFile
) -> None:
    home_with_deck(isolated_home, write_file)
    shape = write_file("shape.yaml", "- deck_id: star\n  card_id: conflict\n")
    assert_user_error(
        run_prepdeck("answers", "import", str(shape), home=isolated_home),
        f"{shape}:1:3: missing answer",
    )
    unknown = write_file(
        "unknown.yaml",
        "- {deck_id: star, card_id: conflict, answer: Mine.}\n"
        "- {deck_id: star, card_id: nope, answer: Lost.}\n",
    )
    done = run_prepdeck("answers", "import", str(unknown), home=isolated_home)
    assert_user_error(done)
    assert done.stderr == f"{unknown}:2:3: deck star has no card nope\n"
    missing = run_prepdeck("answers", "import", str(unknown) + ".gone", home=isolated_home)
    assert_user_error(missing, "no such file")
    assert exported(isolated_home) == "[]\n"


def test_deck_export_leaves_own_answers_out_unless_asked(
    isolated_home: Path, write_file: WriteFile
) -> None:
    home_with_deck(isolated_home, write_file)
    imported(isolated_home, write_file("mine.yaml", ANSWERS))

    def answers_of(*flags: str) -> dict[str, str]:
        done = run_prepdeck("deck", "export", "star", *flags, home=isolated_home)
        assert done.returncode == 0, done.stderr
        return {card["id"]: card["answer"] for card in yaml.safe_load(done.stdout)["cards"]}

    assert answers_of() == {
        "conflict": "Answer conflict.",
        "ask": "Answer ask.",
        "plain": "Answer plain.",
    }
    assert answers_of("--with-my-answers") == {
        "conflict": "I asked what each of them needed.\nThen we agreed on the facts.",
        "ask": "yes",
        "plain": "Answer plain.",
    }
    # What goes out installs again: the answers are where the format has room for them.
    out = write_file("out.yaml", "")
    done = run_prepdeck(
        "deck", "export", "star", "--with-my-answers", "-o", str(out), home=isolated_home
    )
    assert done.returncode == 0, done.stderr
    assert run_prepdeck("deck", "validate", str(out), home=isolated_home).returncode == 0
