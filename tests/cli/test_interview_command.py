"""``prepdeck interview ...``: add, list, need and remove, and the one-line refusals."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, tzinfo
from pathlib import Path

import pytest

from tests.cli.conftest import assert_user_error, run_json
from tests.cli.helpers import run_prepdeck

FUTURE = "2099-12-10T14:00"


def test_add_then_list_prints_local_times_with_their_offset(
    isolated_home: Path, local_zone: tzinfo
) -> None:
    done = run_prepdeck(
        "interview", "add", "Acme Corp", "--at", FUTURE, "--deck", "company-needs",
        "--deck", "tough-questions", "--note", "onsite, 3 rounds", home=isolated_home,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "my-interview-acme-corp" in done.stdout
    assert run_json("interview", "list", "--json", home=isolated_home) == [
        {
            "name": "Acme Corp",
            "at": "2099-12-10T14:00:00+05:30",
            "decks": ["company-needs", "tough-questions"],
            "note": "onsite, 3 rounds",
            "deck_id": "my-interview-acme-corp",
        }
    ]


def test_no_deck_named_lists_every_active_deck(isolated_home: Path) -> None:
    assert (
        run_prepdeck("interview", "add", "Acme", "--at", FUTURE, home=isolated_home).returncode == 0
    )
    [listed] = run_json("interview", "list", "--json", home=isolated_home)
    installed = [row["id"] for row in run_json("deck", "list", "--json", home=isolated_home)]
    assert listed["decks"] == installed and installed
    table = run_prepdeck("interview", "list", home=isolated_home)
    assert f"all active: {installed[0]}, {installed[1]}" in table.stdout


def test_a_relative_time_is_read_in_local_time(isolated_home: Path, local_zone: tzinfo) -> None:
    done = run_prepdeck("interview", "add", "Acme", "--at", "tomorrow 9:30", home=isolated_home)
    assert done.returncode == 0, done.stderr
    [listed] = run_json("interview", "list", "--json", home=isolated_home)
    at = datetime.fromisoformat(listed["at"])
    assert at.utcoffset() == timedelta(hours=5, minutes=30)
    assert (at.hour, at.minute) == (9, 30)
    assert at.date() == datetime.now(local_zone).date() + timedelta(days=1)


def test_a_need_becomes_a_company_need_card_in_the_interviews_deck(isolated_home: Path) -> None:
    run_prepdeck("interview", "add", "Acme", "--at", FUTURE, home=isolated_home)
    done = run_prepdeck("interview", "need", "ACME", "Kafka at scale", home=isolated_home)
    assert done.returncode == 0, done.stderr
    shown = run_json("deck", "show", "my-interview-acme", "--json", home=isolated_home)
    [card] = shown["cards"]
    assert card["prompt"] == "They need Kafka at scale: what have you done that shows it?"
    assert (card["kind"], card["answer"]) == ("company-need", "")


def test_remove_hides_the_deck_and_keeps_its_cards(isolated_home: Path) -> None:
    run_prepdeck("interview", "add", "Acme", "--at", FUTURE, home=isolated_home)
    run_prepdeck("interview", "need", "Acme", "Go", home=isolated_home)
    done = run_prepdeck("interview", "remove", "acme", home=isolated_home)
    assert done.returncode == 0, done.stderr
    assert run_json("interview", "list", "--json", home=isolated_home) == []
    every = run_json("deck", "list", "--json", "--all", home=isolated_home)
    [deck] = [row for row in every if row["id"] == "my-interview-acme"]
    assert deck["removed"] and deck["cards"] == 1


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (
            ("add", "Globex", "--at", "14"),
            'prepdeck: cannot read "14" as a time; write e.g. 2026-12-10 14:00, '
            "tomorrow 14:00, fri 9:30 or in 3 days",
        ),
        (
            ("add", "Globex", "--at", "next thursday-ish"),
            'prepdeck: cannot read "next thursday-ish" as a time',
        ),
        (("add", "Globex", "--at", "2001-01-01 10:00"), "is in the past"),
        (("add", "Globex"), "prepdeck: interview add: --at is required"),
        (("add", "ACME", "--at", FUTURE), 'prepdeck: an interview named "Acme" exists already'),
        (("add", "Globex", "--at", FUTURE, "--deck", "nope"), "no installed deck 'nope'"),
        (("need", "Globex", "Go"), 'prepdeck: no interview named "Globex"'),
        (("remove", "Globex"), 'prepdeck: no interview named "Globex"'),
    ],
)
def test_bad_input_is_one_line_exit_1_and_writes_nothing(
    isolated_home: Path, arguments: tuple[str, ...], message: str
) -> None:
    run_prepdeck("interview", "add", "Acme", "--at", FUTURE, home=isolated_home)
    before = run_json("interview", "list", "--json", home=isolated_home)
    done = run_prepdeck("interview", *arguments, home=isolated_home)
    assert_user_error(done, message)
    assert len(done.stderr.splitlines()) == 1
    assert run_json("interview", "list", "--json", home=isolated_home) == before
    decks = json.loads(run_prepdeck("deck", "list", "--json", "--all", home=isolated_home).stdout)
    assert not [row for row in decks if row["id"].startswith("my-interview-")]
