"""The catch-up plan: an overdue backlog spread over the days at the cap, weakest first."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from prepdeck.srs import Rating, SrsScheduler
from prepdeck.store import Store, connect
from prepdeck.study.catch_up import OverdueCard, catch_up_plan, plan_catch_up
from tests.domain.histories import install as install_deck
from tests.domain.histories import review

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
TODAY = date(2026, 11, 25)
SCHEDULER = SrsScheduler(enable_fuzzing=False)


def backlog(count: int, deck_id: str = "deck") -> list[OverdueCard]:
    """``count`` cards, weakest first: recall rises from 0 towards 1."""
    return [OverdueCard(deck_id, index / max(1, count)) for index in range(count)]


def test_a_backlog_today_takes_is_not_behind() -> None:
    plan = plan_catch_up(backlog(30), today=TODAY, cap=200, done_today=20)
    assert not plan.behind
    assert [(day.day, day.cards) for day in plan.days] == [(TODAY, 30)]
    assert plan.left_today == 180


def test_the_backlog_spreads_over_days_at_the_cap_weakest_first() -> None:
    plan = plan_catch_up(backlog(450), today=TODAY, cap=200, done_today=50)
    assert plan.behind
    assert [(day.day, day.cards) for day in plan.days] == [
        (TODAY, 150),
        (TODAY + timedelta(days=1), 200),
        (TODAY + timedelta(days=2), 100),
    ]
    first, second, third = plan.days
    assert first.lowest_recall == 0.0
    assert first.highest_recall < second.lowest_recall
    assert second.highest_recall < third.lowest_recall
    assert plan.days[-1].day == TODAY + timedelta(days=2)


def test_a_deck_limit_holds_its_cards_back_while_others_use_the_room() -> None:
    cards = backlog(25, "slow") + backlog(5, "quick")
    plan = plan_catch_up(cards, today=TODAY, cap=20, deck_caps={"slow": 10})
    assert [day.cards for day in plan.days] == [15, 10, 5]
    assert plan.deck_limited == ("slow",)


def test_reviews_done_today_count_against_the_deck_limit_too() -> None:
    plan = plan_catch_up(
        backlog(12, "slow"),
        today=TODAY,
        cap=100,
        deck_caps={"slow": 10},
        done_today=8,
        done_today_by_deck={"slow": 8},
    )
    assert [day.cards for day in plan.days] == [2, 10]


def test_todays_share_is_what_today_takes_of_the_backlog() -> None:
    assert plan_catch_up(backlog(450), today=TODAY, cap=200, done_today=50).today_share == 150
    used_up = plan_catch_up(backlog(40), today=TODAY, cap=20, done_today=20)
    assert used_up.today_share == 0 and used_up.days[0].day == TODAY + timedelta(days=1)
    held = plan_catch_up(backlog(5, "slow"), today=TODAY, cap=20, deck_caps={"slow": 0})
    assert held.today_share == 0


def test_a_cap_of_zero_plans_nothing() -> None:
    plan = plan_catch_up(backlog(7), today=TODAY, cap=0)
    assert plan.days == ()
    assert plan.unplanned == 7
    assert plan.behind


def test_cards_beyond_the_horizon_are_counted_not_planned() -> None:
    plan = plan_catch_up(backlog(100), today=TODAY, cap=1, horizon_days=10)
    assert len(plan.days) == 10
    assert plan.unplanned == 90


def test_nothing_overdue_is_nothing_to_catch_up() -> None:
    plan = plan_catch_up([], today=TODAY, cap=200)
    assert (plan.overdue, plan.days, plan.behind) == (0, (), False)


@given(
    decks=st.lists(st.sampled_from(["a", "b", "c"]), max_size=300),
    cap=st.integers(min_value=0, max_value=50),
    limit_a=st.integers(min_value=0, max_value=60),
    done=st.integers(min_value=0, max_value=60),
)
def test_every_card_is_planned_once_within_the_limits(
    decks: list[str], cap: int, limit_a: int, done: int
) -> None:
    cards = [OverdueCard(deck, index / 1000) for index, deck in enumerate(decks)]
    plan = plan_catch_up(
        cards,
        today=TODAY,
        cap=cap,
        deck_caps={"a": limit_a},
        done_today=done,
        horizon_days=400,
    )
    assert sum(day.cards for day in plan.days) + plan.unplanned == len(cards)
    for day in plan.days:
        allowed = cap - (done if day.day == TODAY else 0)
        assert 0 < day.cards <= allowed
    stuck = decks.count("a") if limit_a == 0 else 0
    if cap > 0:
        # At least one card a day from tomorrow on: 300 cards fit well within 400 days.
        assert plan.unplanned == stuck
    else:
        assert plan.unplanned == len(cards)


def test_within_one_deck_no_day_holds_a_weaker_card_than_an_earlier_day() -> None:
    plan = plan_catch_up(backlog(90), today=TODAY, cap=25, done_today=7)
    for earlier, later in zip(plan.days, plan.days[1:], strict=False):
        assert earlier.highest_recall < later.lowest_recall


# -- from the store ----------------------------------------------------------------------


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with connect(tmp_path / "db.sqlite3", backups_dir=tmp_path / "backups") as opened:
        yield opened


def graduate(store: Store, deck_id: str, card_id: str, days_ago: int) -> None:
    """Two good reviews a day apart, long ago: a card in review state, overdue now."""
    start = NOW - timedelta(days=days_ago)
    review(store, deck_id, card_id, (Rating.GOOD, start), (Rating.GOOD, start + timedelta(days=1)))


def test_the_plan_reads_overdue_review_cards_weakest_first(store: Store) -> None:
    ids = install_deck(store, "deck", 6, now=NOW)
    # Longer ago is weaker: c0 was last seen earliest.
    for offset, card_id in enumerate(ids[:5]):
        graduate(store, "deck", card_id, days_ago=200 - offset * 20)
    review(store, "deck", ids[5], (Rating.AGAIN, NOW - timedelta(minutes=30)))

    plan = catch_up_plan(store, SCHEDULER, now=NOW, today=TODAY, reviews_per_day=2)

    assert plan.overdue == 5
    assert plan.learning == 1
    assert [day.cards for day in plan.days] == [2, 2, 1]
    first, second, third = plan.days
    assert first.highest_recall <= second.lowest_recall <= third.lowest_recall
    assert 0 < first.lowest_recall < third.highest_recall < 1


def test_paused_decks_and_the_decks_own_limit_shape_the_plan(store: Store) -> None:
    for deck_id in ("kept", "paused"):
        for card_id in install_deck(store, deck_id, 4, now=NOW):
            graduate(store, deck_id, card_id, days_ago=100)
    store.decks.set_paused("paused", True)
    store.decks.set_limits("kept", new_per_day=None, reviews_per_day=1)

    plan = catch_up_plan(store, SCHEDULER, now=NOW, today=TODAY, reviews_per_day=50)

    assert plan.overdue == 4
    assert [day.cards for day in plan.days] == [1, 1, 1, 1]
    assert plan.deck_limited == ("kept",)


def test_the_domain_module_loads_no_ui_library() -> None:
    probe = (
        "import sys, prepdeck.study.catch_up, prepdeck.study.leeches, prepdeck.reports.today; "
        "print(','.join(m for m in ('textual', 'click', 'rich') if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == ""
