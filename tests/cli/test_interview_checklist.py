"""``prepdeck interview checklist``: the day-of checklist as text to tick on paper and as
one JSON document; an unknown interview is one line and exit 1."""

from __future__ import annotations

from datetime import datetime, tzinfo
from pathlib import Path

from tests.cli.conftest import assert_user_error, run_json
from tests.cli.helpers import run_prepdeck

FUTURE = "2099-12-10T14:00"
HEADINGS = [
    "Your pitch",
    "Their needs and your bridges",
    "If something goes wrong",
    "Questions to ask them",
]


def add_acme(home: Path) -> None:
    done = run_prepdeck(
        "interview", "add", "Acme", "--at", FUTURE, "--note", "onsite, 3 rounds", home=home
    )
    assert done.returncode == 0, done.stderr
    done = run_prepdeck("interview", "need", "Acme", "Kafka at scale", home=home)
    assert done.returncode == 0, done.stderr


def test_the_text_has_its_headings_in_order_and_a_box_per_item(isolated_home: Path) -> None:
    add_acme(isolated_home)
    done = run_prepdeck("interview", "checklist", "acme", home=isolated_home)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "Acme · Thu 10 Dec 2099 14:00"
    assert "Note: onsite, 3 rounds" in lines
    found = [line for line in lines if line in HEADINGS]
    assert found == HEADINGS
    boxes = [line for line in lines if line.startswith("[ ] ")]
    # The pitch card and two tagged pitch, one need, four contingencies, eight questions.
    assert len(boxes) == 16
    assert "16 items to go over; tick each when it is ready." in lines
    assert boxes[:2] == [
        "[ ] Tell me about yourself: your 60-second pitch.",
        "[ ] Tell me about yourself.",
    ]
    # Until the user writes theirs, the pitch card says how.
    pitch_text = " ".join(lines[lines.index(boxes[0]) + 1 : lines.index(boxes[1])])
    assert "Not in your own words yet." in pitch_text
    assert "prepdeck answers import FILE" in pitch_text
    assert "[ ] Kafka at scale" in boxes
    assert [box for box in boxes if "Travel" in box or "video call" in box] == [
        "[ ] Travel delay",
        "[ ] The video call failing",
    ]
    assert any(line.startswith("    Nothing written yet. ") for line in lines)
    # Piped, lines are wrapped to 80 columns, under the box they belong to.
    assert max(len(line) for line in lines) <= 80
    assert all(line == "" or line[0] != " " or line.startswith("    ") for line in lines)


def test_json_has_the_documented_shape(isolated_home: Path, local_zone: tzinfo) -> None:
    add_acme(isolated_home)
    document = run_json("interview", "checklist", "Acme", "--json", home=isolated_home)
    assert list(document) == [
        "interview",
        "at",
        "note",
        "deck_id",
        "pitch",
        "needs",
        "contingencies",
        "questions",
    ]
    assert document["interview"] == "Acme"
    assert datetime.fromisoformat(document["at"]).isoformat() == "2099-12-10T14:00:00+05:30"
    assert document["note"] == "onsite, 3 rounds"
    assert document["deck_id"] == "my-interview-acme"
    assert [card["card_id"] for card in document["pitch"]] == [
        "pitch",
        "tell-me-about-yourself",
        "anything-else-to-add",
    ]
    assert set(document["pitch"][0]) == {
        "deck_id",
        "card_id",
        "prompt",
        "points",
        "answer",
        "own_answer",
    }
    assert document["pitch"][0]["deck_id"] == "my-pitch"
    assert document["pitch"][0]["own_answer"] is None
    [need] = document["needs"]
    assert need["need"] == "Kafka at scale" and need["bridge"] is None
    assert need["deck_id"] == "my-interview-acme" and need["card_id"]
    contingencies = document["contingencies"]
    assert [c["title"] for c in contingencies] == [
        "Travel delay",
        "Interviewer late or swapped",
        "A question you never heard",
        "The video call failing",
    ]
    for contingency in contingencies:
        assert set(contingency) == {"title", "cards", "reminder"}
        assert 1 <= len(contingency["cards"]) <= 3 and contingency["reminder"]
        for card in contingency["cards"]:
            assert set(card) == {"deck_id", "card_id", "prompt", "points"}
    questions = document["questions"]
    assert 1 <= len(questions) <= 8
    assert set(questions[0]) == {"deck_id", "card_id", "question"}


def test_the_pitch_shows_the_own_answer_imported(isolated_home: Path, tmp_path: Path) -> None:
    add_acme(isolated_home)
    answers = tmp_path / "answers.yaml"
    answers.write_text(
        "- deck_id: my-pitch\n  card_id: pitch\n  answer: I keep networks up.\n",
        encoding="utf-8",
    )
    done = run_prepdeck("answers", "import", str(answers), home=isolated_home)
    assert done.returncode == 0, done.stderr
    document = run_json("interview", "checklist", "Acme", "--json", home=isolated_home)
    assert document["pitch"][0]["own_answer"] == "I keep networks up."
    shown = run_prepdeck("interview", "checklist", "Acme", home=isolated_home).stdout
    assert "    I keep networks up." in shown and "Not in your own words" not in shown


def test_sections_without_cards_print_their_reminder(isolated_home: Path) -> None:
    done = run_prepdeck(
        "interview", "add", "Globex", "--at", FUTURE, "--deck", "tough-questions",
        home=isolated_home,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    shown = run_prepdeck("interview", "checklist", "Globex", home=isolated_home).stdout
    assert "No needs written for it yet" in shown
    assert "    Leave early, keep their number to hand" in shown
    document = run_json("interview", "checklist", "Globex", "--json", home=isolated_home)
    assert document["needs"] == []
    assert all(c["cards"] == [] for c in document["contingencies"])


def test_an_unknown_interview_is_one_line_and_exit_1(isolated_home: Path) -> None:
    for arguments in (("Nobody",), ("Nobody", "--json")):
        done = run_prepdeck("interview", "checklist", *arguments, home=isolated_home)
        assert_user_error(done, 'prepdeck: no interview named "Nobody"')
        assert len(done.stderr.splitlines()) == 1
