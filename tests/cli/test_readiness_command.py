"""``prepdeck readiness`` as a real subprocess: recall at a moment, in JSON and for people."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from prepdeck.srs import Rating, SrsScheduler
from tests.cli.conftest import Reviewer, assert_user_error, bundled_card_ids, run_json
from tests.cli.helpers import run_prepdeck

KEYS = ["at", "cards", "unseen", "expected_recall", "weakest", "per_deck", "per_kind"]


def test_recall_at_a_moment_matches_fsrs_and_falls_later(
    reviewer: Reviewer, isolated_home: Path
) -> None:
    reviewed = bundled_card_ids("tough-questions")[0]
    reviewed_at = datetime.now(UTC) - timedelta(days=3)
    state = reviewer.grade("tough-questions", reviewed, Rating.GOOD, reviewed_at)
    reviewer.home.close()
    at = datetime.now(UTC) + timedelta(days=5)
    report = run_json(
        "readiness", "--json", "--at", at.isoformat(), "--limit", "1000", home=isolated_home
    )
    assert list(report) == KEYS
    assert datetime.fromisoformat(report["at"]) == at
    assert report["unseen"] == report["cards"] - 1
    [seen] = [card for card in report["weakest"] if card["retrievability"] > 0]
    assert seen["card_id"] == reviewed and seen["deck_id"] == "tough-questions"
    expected = SrsScheduler(enable_fuzzing=False).retrievability(state, at)
    assert abs(seen["retrievability"] - expected) < 1e-4
    assert report["weakest"][-1] == seen  # the weakest first: never-reviewed cards at 0
    later = (at + timedelta(days=60)).isoformat()
    assert (
        run_json("readiness", "--json", "--at", later, home=isolated_home)["expected_recall"]
        < (report["expected_recall"])
    )


def test_a_time_that_cannot_be_read_is_one_line_and_exit_1(isolated_home: Path) -> None:
    done = run_prepdeck("readiness", "--at", "next thursday-ish", home=isolated_home)
    assert_user_error(done, 'cannot read "next thursday-ish" as a time')
    assert not (isolated_home / "prepdeck.sqlite3").exists()  # nothing written
    assert_user_error(run_prepdeck("readiness", "--limit", "-1", home=isolated_home), "--limit")


def test_people_read_the_mean_by_deck_and_the_weakest(isolated_home: Path) -> None:
    done = run_prepdeck("readiness", "--limit", "2", home=isolated_home)
    assert done.returncode == 0, done.stderr
    for text in ("Expected recall", "By deck", "By kind", "Weakest", "tough-questions"):
        assert text in done.stdout


def test_at_an_interview_its_decks_and_own_needs_count(isolated_home: Path) -> None:
    added = run_prepdeck(
        "interview",
        "add",
        "Acme",
        "--at",
        "2099-03-01 14:00",
        "--deck",
        "tough-questions",
        home=isolated_home,
    )
    assert added.returncode == 0, added.stderr
    assert (
        run_prepdeck("interview", "need", "acme", "VPN support", home=isolated_home).returncode == 0
    )
    report = run_json("readiness", "--interview", "ACME", "--json", home=isolated_home)
    assert datetime.fromisoformat(report["at"]).year == 2099
    assert set(report["per_deck"]) == {"tough-questions", "my-interview-acme"}
    assert report["per_kind"]["company-need"] == 0.0
    assert_user_error(
        run_prepdeck("readiness", "--interview", "Nobody", home=isolated_home),
        'no interview named "Nobody"',
    )
    assert_user_error(
        run_prepdeck("readiness", "--interview", "Acme", "--at", "now", home=isolated_home),
        "not both",
    )
