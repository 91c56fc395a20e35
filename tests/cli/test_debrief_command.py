"""``prepdeck interview debrief``, ``followups`` and ``dismiss``: after the interview."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from prepdeck.clock import FixedClock
from prepdeck.domain.days import app_day
from prepdeck.paths import locations
from prepdeck.services import open_services
from tests.cli.conftest import DAY_START_HOUR, assert_user_error, earlier_today, run_json
from tests.cli.helpers import run_prepdeck

FUTURE = "2099-12-10T14:00"


def add_past_interview(
    home: Path, name: str, days_ago: float = 0, at: datetime | None = None
) -> datetime:
    """An interview ``days_ago`` days before now (or at ``at``), added when it was still
    ahead."""
    at = at or datetime.now(UTC) - timedelta(days=days_ago)
    with open_services(
        locations(home), clock=FixedClock(at - timedelta(days=1)), sync_bundled=False
    ) as services:
        services.interviews.add(name, at)
    return at


def test_a_debrief_turns_each_surprise_into_a_card_of_the_interviews_deck(
    isolated_home: Path,
) -> None:
    add_past_interview(isolated_home, "Acme", 0.5)
    done = run_prepdeck(
        "interview", "debrief", "acme", "--surprise", "Why  leave your job?",
        "--surprise", "How would you shard it?", "--went-well", "the design part",
        "--to-change", "shorter stories", home=isolated_home,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout == "debrief saved for Acme: 2 cards added to my-interview-acme\n"
    shown = run_json("deck", "show", "my-interview-acme", "--json", home=isolated_home)
    assert [(card["prompt"], card["kind"], card["answer"]) for card in shown["cards"]] == [
        ("Why leave your job?", "question", ""),
        ("How would you shard it?", "question", ""),
    ]
    # Again: a surprise already a card is not added twice; the texts are kept.
    again = run_prepdeck(
        "interview", "debrief", "Acme", "--surprise", "why leave your job?",
        "--surprise", "Salary?", home=isolated_home,
    )  # fmt: skip
    assert again.stdout == "debrief saved for Acme: 1 card added to my-interview-acme\n"
    with open_services(locations(isolated_home), sync_bundled=False) as services:
        kept = services.debriefs.get("Acme")
    assert kept is not None
    assert kept.surprises == ("Why leave your job?", "How would you shard it?", "Salary?")
    assert (kept.went_well, kept.to_change) == ("the design part", "shorter stories")
    # The surprises are drilled like any card: the deck is in the list with them.
    [deck] = [row for row in run_json("deck", "list", "--json", home=isolated_home)
              if row["id"] == "my-interview-acme"]  # fmt: skip
    assert deck["cards"] == 3


def test_followups_lists_those_due_the_earliest_first_until_dismissed(
    isolated_home: Path,
) -> None:
    assert run_json("interview", "followups", "--json", home=isolated_home) == []
    acme = add_past_interview(isolated_home, "Acme", 9)
    globex = add_past_interview(isolated_home, "Globex", 4)
    # Earlier today: its thank-you is for tomorrow.
    add_past_interview(isolated_home, "Initech", at=earlier_today(UTC))
    acme_day = app_day(acme, DAY_START_HOUR)
    globex_day = app_day(globex, DAY_START_HOUR)
    assert run_json("interview", "followups", "--json", home=isolated_home) == [
        {"interview": "Acme", "kind": "thank-you", "due": str(acme_day + timedelta(days=1))},
        {"interview": "Globex", "kind": "thank-you", "due": str(globex_day + timedelta(days=1))},
        {"interview": "Acme", "kind": "check-in", "due": str(acme_day + timedelta(days=7))},
    ]
    table = run_prepdeck("interview", "followups", home=isolated_home)
    assert "Acme" in table.stdout and "check-in" in table.stdout

    done = run_prepdeck("interview", "dismiss", "ACME", "thank-you", home=isolated_home)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "dismissed the thank-you reminder of Acme\n"
    listed = run_json("interview", "followups", "--json", home=isolated_home)
    assert [(row["interview"], row["kind"]) for row in listed] == [
        ("Globex", "thank-you"),
        ("Acme", "check-in"),
    ]
    # A removed interview has no reminders.
    assert run_prepdeck("interview", "remove", "Globex", home=isolated_home).returncode == 0
    listed = run_json("interview", "followups", "--json", home=isolated_home)
    assert [(row["interview"], row["kind"]) for row in listed] == [("Acme", "check-in")]
    empty = run_prepdeck("interview", "dismiss", "Acme", "check-in", home=isolated_home)
    assert empty.returncode == 0
    assert run_prepdeck("interview", "followups", home=isolated_home).stdout == (
        "No follow-ups due.\n"
    )


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (
            ("debrief", "Ahead", "--surprise", "Why?"),
            "prepdeck: Ahead is still ahead: a debrief is for after the interview",
        ),
        (("debrief", "Acme"), "prepdeck: the debrief is empty"),
        (("debrief", "Globex", "--surprise", "Why?"), 'prepdeck: no interview named "Globex"'),
        (
            ("dismiss", "Acme", "note"),
            "prepdeck: unknown follow-up 'note': use thank-you or check-in",
        ),
        (
            ("dismiss", "Ahead", "thank-you"),
            "prepdeck: Ahead is still ahead: there is nothing to follow up yet",
        ),
        (("dismiss", "Globex", "check-in"), 'prepdeck: no interview named "Globex"'),
    ],
)
def test_refusals_are_one_line_exit_1_and_write_nothing(
    isolated_home: Path, arguments: tuple[str, ...], message: str
) -> None:
    add_past_interview(isolated_home, "Acme", 2)
    added = run_prepdeck("interview", "add", "Ahead", "--at", FUTURE, home=isolated_home)
    assert added.returncode == 0, added.stderr
    done = run_prepdeck("interview", *arguments, home=isolated_home)
    assert_user_error(done, message)
    assert len(done.stderr.strip().splitlines()) == 1
    decks = [row["id"] for row in run_json("deck", "list", "--json", home=isolated_home)]
    assert not [deck for deck in decks if deck.startswith("my-interview-")]
    assert len(run_json("interview", "followups", "--json", home=isolated_home)) == 1
