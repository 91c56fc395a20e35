"""``prepdeck stats`` as a real subprocess: the figures mean what docs/user-guide.md says."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, tzinfo
from pathlib import Path
from typing import Any

from prepdeck.domain.days import day_end, day_start
from prepdeck.srs import Rating
from prepdeck.store import ReviewMode
from tests.cli.conftest import (
    BUNDLED_DECKS,
    DAY_START_HOUR,
    Reviewer,
    WriteFile,
    assert_user_error,
    bundled_card_ids,
    earlier_today,
    in_app_day,
    run_json,
    today_in,
)
from tests.cli.helpers import run_prepdeck

FIGURES = {
    "reviews_total",
    "reviews_today",
    "time_today_s",
    "streak_days",
    "due_now",
    "new_available",
    "true_retention",
    "forecast",
    "states",
}
STATES = ["new", "learning", "review", "relearning", "suspended", "buried", "retired"]
BUNDLED_DECKS_USED = ("company-needs", "contingency-scenarios", "interview-collateral")
BUNDLED = {path.stem: len(bundled_card_ids(path.stem)) for path in BUNDLED_DECKS.glob("*.yaml")}


def stats(home: Path, *args: str) -> dict[str, Any]:
    figures = run_json("stats", "--json", *args, home=home)
    assert isinstance(figures, dict)
    return figures


def per_deck(figures: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {row["deck_id"]: row for row in figures["per_deck"]}


def test_stats_on_a_new_home_installs_the_bundled_decks_first(isolated_home: Path) -> None:
    figures = stats(isolated_home)

    assert set(figures) >= FIGURES | {"per_deck"}
    assert {key: figures[key] for key in FIGURES - {"forecast", "states"}} == {
        "reviews_total": 0,
        "reviews_today": 0,
        "time_today_s": 0,
        "streak_days": 0,
        "due_now": 0,
        "new_available": 10,
        "true_retention": None,
    }
    assert figures["forecast"] == [0] * 30
    assert all(type(value) is int for value in figures["forecast"])
    total = sum(BUNDLED.values())
    assert figures["states"] == {name: total if name == "new" else 0 for name in STATES}
    decks = per_deck(figures)
    assert sorted(decks) == sorted(BUNDLED)
    for deck_id, row in decks.items():
        assert set(row) >= FIGURES
        assert row["states"]["new"] == BUNDLED[deck_id]
        assert (row["new_available"], row["true_retention"]) == (10, None)
    assert (isolated_home / "prepdeck.sqlite3").is_file()


def test_today_time_and_streaks_follow_app_days(
    isolated_home: Path, local_zone: tzinfo, write_file: WriteFile
) -> None:
    today = today_in(local_zone)
    start = day_start(today, DAY_START_HOUR, local_zone)
    cn, cs, ic = (bundled_card_ids(name) for name in BUNDLED_DECKS_USED)

    def row(deck: str, card: str, at: datetime, **rest: Any) -> str:
        fields = {"deck_id": deck, "card_id": card, "rating": 3}
        return json.dumps({**fields, "reviewed_at": at.astimezone(UTC).isoformat(), **rest})

    rows = [
        # Today: a minute after the day starts (the day before in UTC), and a cram review.
        row("company-needs", cn[0], start + timedelta(minutes=1), duration_ms=1500),
        row("company-needs", cn[1], earlier_today(local_zone), duration_ms=2500, mode="cram"),
        # A minute before today's start is yesterday, though today's local date.
        row("company-needs", cn[2], start - timedelta(minutes=1), duration_ms=4000),
        row("contingency-scenarios", cs[0], in_app_day(today - timedelta(days=1), local_zone)),
        row("contingency-scenarios", cs[0], in_app_day(today - timedelta(days=2), local_zone)),
        row("interview-collateral", ic[0], in_app_day(today - timedelta(days=4), local_zone)),
    ]
    path = write_file("reviews.jsonl", "\n".join(rows) + "\n")
    done = run_prepdeck("reviews", "import", str(path), home=isolated_home)
    assert done.returncode == 0, done.stderr

    figures = stats(isolated_home)

    assert (figures["reviews_total"], figures["reviews_today"]) == (6, 2)
    assert figures["time_today_s"] == 4.0
    assert figures["streak_days"] == 3  # today, yesterday, the day before; not 4 days ago
    decks = per_deck(figures)
    assert [decks["company-needs"][key] for key in ("reviews_today", "streak_days")] == [2, 2]
    assert decks["company-needs"]["time_today_s"] == 4.0
    # No review yet today: the streak still counts up to yesterday.
    assert [decks["contingency-scenarios"][key] for key in ("reviews_today", "streak_days")] == [
        0,
        2,
    ]
    assert decks["interview-collateral"]["streak_days"] == 0
    assert decks["interview-collateral"]["reviews_total"] == 1


def test_true_retention_due_now_and_forecast(reviewer: Reviewer, isolated_home: Path) -> None:
    now = datetime.now(UTC)
    cn, cs, ic = (bundled_card_ids(name) for name in BUNDLED_DECKS_USED)
    day = timedelta(days=1)
    grade = reviewer.grade
    # company-needs: one pass and one lapse of cards in review state count.
    grade("company-needs", cn[0], Rating.EASY, now - 25 * day)  # new: not counted
    grade("company-needs", cn[0], Rating.GOOD, now - 5 * day)  # pass
    grade("company-needs", cn[1], Rating.EASY, now - 28 * day)
    grade("company-needs", cn[1], Rating.AGAIN, now - 6 * day)  # lapse
    grade("company-needs", cn[1], Rating.GOOD, now - 6 * day + timedelta(minutes=10))  # relearning
    grade("company-needs", cn[2], Rating.EASY, now - 20 * day)
    grade(
        "company-needs", cn[2], Rating.AGAIN, now - 3 * day, mode=ReviewMode.CRAM, applied=False
    )  # not applied: not counted
    # contingency-scenarios: Hard is a pass.
    grade("contingency-scenarios", cs[0], Rating.EASY, now - 20 * day)
    grade("contingency-scenarios", cs[0], Rating.HARD, now - 2 * day)
    # interview-collateral: a lapse more than 30 days ago is outside the window.
    grade("interview-collateral", ic[0], Rating.EASY, now - 45 * day)
    grade("interview-collateral", ic[0], Rating.AGAIN, now - 35 * day)

    figures = stats(isolated_home)

    assert figures["true_retention"] == round(2 / 3, 4)
    decks = per_deck(figures)
    assert decks["company-needs"]["true_retention"] == 0.5
    assert decks["contingency-scenarios"]["true_retention"] == 1.0
    assert decks["interview-collateral"]["true_retention"] is None
    assert decks["tough-questions"]["true_retention"] is None

    # due_now and the forecast, from the schedules the reviews left.
    today = today_in(reviewer.zone)
    ends = [day_end(today + offset * day, DAY_START_HOUR, reviewer.zone) for offset in range(30)]
    expected_forecast = [0] * 30
    expected_due = 0
    reviewed = [
        *(("company-needs", card) for card in cn[:3]),
        ("contingency-scenarios", cs[0]),
        ("interview-collateral", ic[0]),
    ]
    for deck_id, card_id in reviewed:
        schedule = reviewer.home._store.cards.get(deck_id, card_id).schedule
        assert schedule is not None
        expected_due += schedule.due <= now
        for index, end in enumerate(ends):
            if schedule.due <= end:
                expected_forecast[index] += 1
                break
    assert expected_due >= 1  # the relearning card of interview-collateral is overdue
    assert figures["due_now"] == expected_due
    assert figures["forecast"] == expected_forecast
    assert figures["forecast"][0] >= expected_due  # overdue cards are due today
    listed = run_json("deck", "list", "--json", home=isolated_home)
    assert figures["due_now"] == sum(row["due"] for row in listed)
    assert figures["states"]["relearning"] == 1
    assert figures["reviews_total"] == 11

    # A removed deck's cards are no longer due, but its reviews still happened.
    assert (
        run_prepdeck("deck", "remove", "interview-collateral", home=isolated_home).returncode == 0
    )
    after = stats(isolated_home)
    assert after["due_now"] == expected_due - 1
    assert "interview-collateral" not in per_deck(after)
    assert after["reviews_total"] == 11


def test_new_available_follows_the_global_daily_limit(
    reviewer: Reviewer, isolated_home: Path
) -> None:
    (isolated_home / "config.toml").write_text("new_per_day = 3\n", encoding="utf-8")
    cn = bundled_card_ids("company-needs")
    at = earlier_today(reviewer.zone)
    reviewer.grade("company-needs", cn[0], Rating.EASY, at, duration_ms=3000)
    # A cram review that was not applied introduces nothing.
    reviewer.grade("company-needs", cn[1], Rating.GOOD, at, mode=ReviewMode.CRAM, applied=False)

    figures = stats(isolated_home)
    listed = run_json("deck", "list", "--json", home=isolated_home)

    assert figures["new_available"] == 2
    assert {row["id"]: row["new_today"] for row in listed} == {deck: 2 for deck in BUNDLED}
    assert all(row["new_available"] == 2 for row in figures["per_deck"])
    assert (figures["reviews_today"], figures["time_today_s"]) == (2, 4.0)
    assert (figures["states"]["review"], figures["streak_days"]) == (1, 1)
    company = next(row for row in listed if row["id"] == "company-needs")
    assert (company["cards"], company["new"]) == (
        BUNDLED["company-needs"],
        BUNDLED["company-needs"] - 1,
    )


def test_stats_for_one_deck(reviewer: Reviewer, isolated_home: Path) -> None:
    cn = bundled_card_ids("company-needs")
    cs = bundled_card_ids("contingency-scenarios")
    at = earlier_today(reviewer.zone)
    reviewer.grade("company-needs", cn[0], Rating.GOOD, at)
    reviewer.grade("contingency-scenarios", cs[0], Rating.GOOD, at)

    whole = stats(isolated_home)
    one = stats(isolated_home, "--deck", "company-needs")
    unknown = run_prepdeck("stats", "--deck", "no-such-deck", "--json", home=isolated_home)

    assert whole["reviews_today"] == 2
    assert [row["deck_id"] for row in one["per_deck"]] == ["company-needs"]
    expected = {key: value for key, value in per_deck(whole)["company-needs"].items()}
    expected.pop("deck_id")
    assert {key: value for key, value in one.items() if key != "per_deck"} == expected
    assert one["reviews_today"] == 1
    assert_user_error(unknown, "no-such-deck")


def test_stats_human_output(reviewer: Reviewer, isolated_home: Path) -> None:
    now = datetime.now(UTC)
    cn = bundled_card_ids("company-needs")
    reviewer.grade("company-needs", cn[0], Rating.EASY, now - timedelta(days=20))
    reviewer.grade("company-needs", cn[0], Rating.GOOD, now - timedelta(days=2), duration_ms=None)
    reviewer.grade(
        "company-needs", cn[1], Rating.EASY, earlier_today(reviewer.zone), duration_ms=95_000
    )

    done = run_prepdeck("stats", home=isolated_home)

    assert done.returncode == 0, done.stderr
    lines = {" ".join(line.split()) for line in done.stdout.splitlines()}
    assert "Reviews today 1" in lines
    assert "Time today 1m 35s" in lines
    assert "Streak 1 day" in lines
    assert "True retention (30 days) 100% (desired 90%)" in lines
    assert "Reviews in all 3" in lines
    assert "Last 30 days 3 reviews on 3 days, 1m 36s" in lines
    # The heatmap reads without colour: shades are characters, with their legend.
    assert "less · ░ ▒ ▓ █ more (reviews a day, last 26 weeks)" in lines
    assert any(line.startswith(("Mon ", "Wed ", "Fri ")) and "·" in line for line in lines)
    # The deck's row: one review of a card in review state in the window, kept.
    row = next(line for line in lines if line.startswith("company-needs "))
    assert row.endswith(" 100% of 1")
    assert "Retention by kind (desired 90%)" in lines
    assert "company-need 1 100% of 1" in lines
    # The weakest card now: the one reviewed two days ago, before the one of today.
    printed = done.stdout.splitlines()
    weakest = [line for line in printed if line.startswith("company-needs/")]
    assert [line.split()[0] for line in weakest] == [
        f"company-needs/{cn[0]}",
        f"company-needs/{cn[1]}",
    ]


def test_activity_counts_every_review_and_cards_only_active_decks(
    reviewer: Reviewer, isolated_home: Path
) -> None:
    now = datetime.now(UTC)
    day = timedelta(days=1)
    cn = bundled_card_ids("company-needs")
    cs = bundled_card_ids("contingency-scenarios")
    # company-needs, removed below: a lapse in the window, then a review today.
    reviewer.grade("company-needs", cn[0], Rating.EASY, now - 20 * day, duration_ms=1000)
    reviewer.grade("company-needs", cn[0], Rating.AGAIN, now - 5 * day, duration_ms=1000)
    reviewer.grade(
        "company-needs", cn[0], Rating.GOOD, earlier_today(reviewer.zone), duration_ms=7000
    )
    # contingency-scenarios stays: one pass in the window.
    reviewer.grade("contingency-scenarios", cs[0], Rating.EASY, now - 20 * day, duration_ms=1000)
    reviewer.grade("contingency-scenarios", cs[0], Rating.GOOD, now - 3 * day, duration_ms=1000)
    before = stats(isolated_home)
    assert run_prepdeck("deck", "remove", "company-needs", home=isolated_home).returncode == 0

    whole = stats(isolated_home)
    removed = stats(isolated_home, "--deck", "company-needs")
    kept = stats(isolated_home, "--deck", "contingency-scenarios")

    # Activity: every review in the log, the removed deck's included.
    activity = ("reviews_total", "reviews_today", "time_today_s", "streak_days", "true_retention")
    assert [whole[key] for key in activity] == [5, 1, 7.0, 1, 0.5]
    assert [whole[key] for key in activity] == [before[key] for key in activity]
    assert [removed[key] for key in activity] == [3, 1, 7.0, 1, 0.0]
    assert [kept[key] for key in activity] == [2, 0, 0, 0, 1.0]
    # Cards: only decks not removed; a removed deck has none to study.
    assert (removed["due_now"], removed["new_available"]) == (0, 0)
    assert removed["forecast"] == [0] * 30
    assert removed["states"] == dict.fromkeys(STATES, 0)
    gone = per_deck(before)["company-needs"]["states"]
    assert sum(gone.values()) == BUNDLED["company-needs"]
    assert whole["states"] == {name: before["states"][name] - gone[name] for name in STATES}
    assert whole["forecast"] == kept["forecast"]
    # per_deck: the decks not removed, or the one deck asked for, removed or not.
    assert "company-needs" not in per_deck(whole)
    assert per_deck(whole)["contingency-scenarios"] == {
        "deck_id": "contingency-scenarios",
        **{key: value for key, value in kept.items() if key != "per_deck"},
    }
    assert removed["per_deck"] == [
        {"deck_id": "company-needs", **{k: v for k, v in removed.items() if k != "per_deck"}}
    ]


def test_stats_shows_pace_and_fillers_per_week_once_answers_are_spoken(
    reviewer: Reviewer, isolated_home: Path
) -> None:
    card = bundled_card_ids("tough-questions")[0]
    at = earlier_today(reviewer.zone)
    reviewer.grade("tough-questions", card, Rating.GOOD, at)
    before = run_prepdeck("stats", home=isolated_home)
    assert before.returncode == 0, before.stderr
    assert "Spoken answers per week" not in before.stdout
    keys = list(stats(isolated_home))
    with reviewer.home._store._db.write() as connection:
        connection.execute(
            "INSERT INTO spoken_answers VALUES (?, 'um, I listened first', 30, 70, 6, NULL)",
            (reviewer.recorded[-1],),
        )
    after = run_prepdeck("stats", home=isolated_home)
    assert after.returncode == 0, after.stderr
    assert "Spoken answers per week" in after.stdout
    assert "140 wpm" in after.stdout
    assert "6 (12.0 a minute)" in after.stdout
    # The contract's keys stay as they are.
    assert list(stats(isolated_home)) == keys
