"""``prepdeck cram`` refuses what it cannot cram for before any screen opens: one line on
stderr, exit 1, nothing reviewed."""

from __future__ import annotations

from pathlib import Path

from tests.cli.conftest import assert_user_error
from tests.cli.helpers import run_prepdeck


def test_a_time_that_cannot_be_read_writes_nothing(isolated_home: Path) -> None:
    done = run_prepdeck("cram", "--until", "14", home=isolated_home)
    assert_user_error(done, '"14"')
    assert not (isolated_home / "prepdeck.sqlite3").exists()


def test_an_interview_and_a_time_together_are_refused(isolated_home: Path) -> None:
    done = run_prepdeck(
        "cram", "--interview", "Acme", "--until", "tomorrow 9:00", home=isolated_home
    )
    assert_user_error(done, "give --interview or --until, not both")
    assert not (isolated_home / "prepdeck.sqlite3").exists()


def test_what_cannot_be_crammed_is_one_line_and_no_review(isolated_home: Path) -> None:
    assert_user_error(run_prepdeck("cram", "--interview", "Nobody", home=isolated_home), "Nobody")
    assert_user_error(
        run_prepdeck("cram", "--deck", "no-such-deck", home=isolated_home), "no-such-deck"
    )
    done = run_prepdeck("cram", "--until", "2020-01-01 09:00", home=isolated_home)
    assert_user_error(done, "not ahead of now")
    exported = run_prepdeck("reviews", "export", home=isolated_home)
    assert exported.returncode == 0 and exported.stdout.strip() == ""


def test_a_paused_deck_is_named_with_the_way_to_resume_it(isolated_home: Path) -> None:
    assert run_prepdeck("deck", "pause", "tough-questions", home=isolated_home).returncode == 0
    done = run_prepdeck("cram", "--deck", "tough-questions", home=isolated_home)
    assert_user_error(done, "prepdeck deck resume tough-questions")


def test_help_lists_the_options(isolated_home: Path) -> None:
    done = run_prepdeck("cram", "--help", home=isolated_home)
    assert done.returncode == 0
    for option in (
        "--interview",
        "--deck",
        "--tag",
        "--kind",
        "--until",
        "--minutes",
        "--reschedule",
    ):
        assert option in done.stdout
