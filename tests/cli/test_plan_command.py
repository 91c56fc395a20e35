"""``prepdeck plan``: the days to an interview, as a table and as CONTRACT.md's JSON."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

from tests.cli.conftest import assert_user_error, run_json
from tests.cli.helpers import run_prepdeck


def add_interview(home: Path, *decks: str) -> None:
    options = [part for deck in decks for part in ("--deck", deck)]
    done = run_prepdeck("interview", "add", "Acme", "--at", "in 5 days", *options, home=home)
    assert done.returncode == 0, done.stderr


def day_seconds(home: Path, plan: dict[str, Any]) -> list[float]:
    """Each day's planned time, from each card's ``seconds`` (60 when it has none): two
    showings the day a card is first met, one later. Every card is new in a new home."""
    timed: dict[tuple[str, str], int] = {}
    for deck_id in {card["deck_id"] for day in plan["days"] for card in day["cards"]}:
        shown = run_json("deck", "show", deck_id, "--json", home=home)
        timed.update({(deck_id, card["id"]): card["seconds"] or 60 for card in shown["cards"]})
    met: set[tuple[str, str]] = set()
    totals = []
    for day in plan["days"]:
        total = 0.0
        for card in day["cards"]:
            key = (card["deck_id"], card["card_id"])
            total += timed[key] * (1 if key in met else 2)
            met.add(key)
        totals.append(total)
    return totals


def test_json_has_the_contracts_keys_and_every_day_to_the_interview(
    isolated_home: Path,
) -> None:
    add_interview(isolated_home, "tough-questions")
    plan = run_json(
        "plan", "--interview", "acme", "--minutes-per-day", "20", "--json", home=isolated_home
    )
    assert list(plan) == [
        "at",
        "minutes_per_day",
        "days",
        "expected_recall_with_plan",
        "expected_recall_without_plan",
    ]
    assert plan["minutes_per_day"] == 20
    [interview] = run_json("interview", "list", "--json", home=isolated_home)
    assert plan["at"][:16] != "" and len(plan["days"]) == 5
    first = date.fromisoformat(plan["days"][0]["date"])
    assert [day["date"] for day in plan["days"]] == [
        (first + timedelta(days=offset)).isoformat() for offset in range(5)
    ]
    for day in plan["days"]:
        assert list(day) == ["date", "cards"]
        for card in day["cards"]:
            assert list(card) == ["deck_id", "card_id"]
            assert card["deck_id"] == "tough-questions"
    for seconds in day_seconds(isolated_home, plan):
        assert 0 < seconds <= 20 * 60
    assert 0 < plan["expected_recall_without_plan"] < plan["expected_recall_with_plan"] <= 1
    assert interview["name"] == "Acme"


def test_the_budget_defaults_to_the_setting(isolated_home: Path) -> None:
    add_interview(isolated_home)
    plan = run_json("plan", "--interview", "Acme", "--json", home=isolated_home)
    assert plan["minutes_per_day"] == 15
    (isolated_home / "config.toml").write_text("minutes_per_day = 4\n")
    plan = run_json("plan", "--interview", "Acme", "--json", home=isolated_home)
    assert plan["minutes_per_day"] == 4
    assert all(seconds <= 4 * 60 for seconds in day_seconds(isolated_home, plan))


def test_the_table_says_what_each_day_holds(isolated_home: Path) -> None:
    add_interview(isolated_home, "contingency-scenarios")
    done = run_prepdeck("plan", "--interview", "Acme", home=isolated_home)
    assert done.returncode == 0, done.stderr
    for label in ("Expected recall, plan followed", "Expected recall, ordinary drill", "Days"):
        assert label in done.stdout
    assert "Cards  New  Reviews  Minutes" in done.stdout
    assert "prepdeck drill" in done.stdout


def test_bad_requests_get_one_line_and_exit_1(isolated_home: Path) -> None:
    assert_user_error(run_prepdeck("plan", home=isolated_home), "--interview is required")
    assert_user_error(
        run_prepdeck("plan", "--interview", "Nobody", home=isolated_home),
        'no interview named "Nobody"',
    )
    add_interview(isolated_home)
    for minutes in ("0", "601"):
        assert_user_error(
            run_prepdeck(
                "plan", "--interview", "Acme", "--minutes-per-day", minutes, home=isolated_home
            ),
            "--minutes-per-day must be 1-600",
        )
    (isolated_home / "config.toml").write_text("minutes_per_day = 0\n")
    assert_user_error(
        run_prepdeck("plan", "--interview", "Acme", home=isolated_home),
        "config.toml: minutes_per_day: must be 1-600",
    )


def test_a_budget_too_small_for_any_card_says_so(isolated_home: Path) -> None:
    add_interview(isolated_home, "tough-questions")
    done = run_prepdeck("plan", "--interview", "Acme", "--minutes-per-day", "1", home=isolated_home)
    assert done.returncode == 0, done.stderr
    assert "No review fits in 1 min a day" in done.stdout
    assert "--minutes-per-day" in done.stdout
