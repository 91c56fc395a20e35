"""The plan to an interview, read from a real home: its days, its budget, its figures,
and the drill and the cram that follow it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import fsrs
import pytest

from benchmarks.plan_simulation import Learner
from prepdeck.clock import FixedClock
from prepdeck.domain.cards import Card, Deck
from prepdeck.domain.cram import CramRequest
from prepdeck.errors import InterviewError, NotFoundError
from prepdeck.paths import locations
from prepdeck.prep.plan import NEW_CARD_SHOWINGS
from prepdeck.prep.planning import InterviewPlan
from prepdeck.services import Services, open_services
from prepdeck.srs import CardState, Rating
from prepdeck.study.planned import PlannedSession
from prepdeck.study.session import Session
from tests.domain.histories import install, review
from tests.domain.test_plan_simulation import TOLERANCE

NOW = datetime(2026, 12, 3, 10, 0, tzinfo=UTC)
"""A Thursday morning; the app day starts at 04:00 UTC here."""


@pytest.fixture
def home(tmp_path: Path) -> Iterator[Services]:
    with open_services(
        locations(tmp_path), clock=FixedClock(NOW), sync_bundled=False, fuzzing=False
    ) as services:
        store = services._store
        install(store, "questions", 40, now=NOW)
        install(store, "other", 10, now=NOW)
        for index in range(10):
            met = NOW - timedelta(days=index + 2)
            # Met, then Good again at its learning step: in review, as a drilled card is.
            review(
                store,
                "questions",
                f"c{index}",
                (Rating.GOOD, met),
                (Rating.GOOD, met + timedelta(minutes=10)),
            )
        yield services


def clock(home: Services) -> FixedClock:
    assert isinstance(home.clock, FixedClock)
    return home.clock


def planned_seconds(home: Services, result: InterviewPlan, showing: float = 60) -> list[float]:
    """Each day's seconds, worked out afresh from the cards: ``showing`` seconds a
    showing, two for a card met for the first time."""
    met: set[tuple[str, str]] = set()
    seconds = []
    for day in result.plan.days:
        total = 0.0
        for card in day.cards:
            key = (card.deck_id, card.card_id)
            new = home._store.cards.get(*key).schedule is None and key not in met
            met.add(key)
            total += showing * (NEW_CARD_SHOWINGS if new else 1)
        seconds.append(total)
    return seconds


def test_the_days_run_from_today_to_the_last_before_the_interview(home: Services) -> None:
    home.interviews.add("Acme", NOW + timedelta(days=5, hours=2), decks=["questions"])
    result = home.plan("Acme")
    assert [day.date for day in result.plan.days] == [
        (date(2026, 12, 3) + timedelta(days=offset)).isoformat() for offset in range(6)
    ]
    assert result.plan.at == (NOW + timedelta(days=5, hours=2)).isoformat()
    assert result.plan.minutes_per_day == 15
    # Its decks only: the interview's and its own (empty) deck of needs.
    decks = {card.deck_id for day in result.plan.days for card in day.cards}
    assert decks == {"questions"}
    assert result.cards == 40


def test_an_interview_earlier_in_the_day_than_now_leaves_its_own_day_out(
    home: Services,
) -> None:
    home.interviews.add("Early", NOW + timedelta(days=3, hours=-2))
    assert len(home.plan("Early").plan.days) == 3


def test_no_day_holds_more_minutes_than_the_budget(home: Services) -> None:
    home.interviews.add("Acme", NOW + timedelta(days=9))
    for minutes in (3, 7, 15):
        result = home.plan("Acme", minutes_per_day=minutes)
        seconds = planned_seconds(home, result)
        assert all(total <= minutes * 60 for total in seconds)
        assert [round(total / 60, 1) for total in seconds] == result.minutes
        # The budget is used: each day but the last holds at least one card.
        assert all(day.cards for day in result.plan.days)


def test_a_cards_own_time_and_then_the_users_median_count(home: Services) -> None:
    store = home._store
    store.decks.install(
        Deck(
            id="long",
            title="Long",
            cards=tuple(
                Card(id=f"l{index}", prompt=f"Long {index}?", answer="A.", seconds=300)
                for index in range(6)
            ),
        ),
        source="file",
        content_hash="long",
        now=NOW - timedelta(days=1),
    )
    home.interviews.add("Long", NOW + timedelta(days=3, hours=1), decks=["long"])
    # Ten minutes a day hold one new card of 5 minutes (two showings), no more.
    result = home.plan("Long", minutes_per_day=10)
    assert [len(day.cards) for day in result.plan.days] == [1, 1, 1, 1]
    home.interviews.add("Short", NOW + timedelta(days=3), decks=["other"])
    # Fewer than ten timed reviews: a minute stands in for a card without a time.
    session = home.new_session(["other"])
    assert session.current is not None
    session.grade(Rating.GOOD, duration_ms=20_000)
    result = home.plan("Short", minutes_per_day=10)
    assert result.minutes == [round(s / 60, 1) for s in planned_seconds(home, result)]
    # From ten on, their median does: 20 s, and a card met today takes two showings.
    for _ in range(9):
        assert session.current is not None
        session.grade(Rating.GOOD, duration_ms=20_000)
    result = home.plan("Short", minutes_per_day=10)
    assert result.minutes == [round(s / 60, 1) for s in planned_seconds(home, result, showing=20)]
    assert planned_seconds(home, result, showing=20)[0] <= 600 - 10 * 40


def test_the_plan_beats_the_ordinary_drill_and_says_by_how_much(home: Services) -> None:
    home.interviews.add("Acme", NOW + timedelta(days=14))
    result = home.plan("Acme", minutes_per_day=10)
    assert 0 < result.plan.expected_recall_without_plan < result.plan.expected_recall_with_plan
    assert result.plan.expected_recall_with_plan <= 1


def test_with_no_time_left_today_the_plan_starts_tomorrow(home: Services) -> None:
    home.interviews.add("Acme", NOW + timedelta(days=4), decks=["other"])
    session = home.new_session(["other"])
    for _ in range(8):
        assert session.current is not None
        session.grade(Rating.GOOD, duration_ms=1_000)
    # Four new cards met today: 4 x 2 minutes, more than 5 minutes a day allow.
    result = home.plan("Acme", minutes_per_day=5)
    assert result.plan.days[0].cards == []
    assert result.today == []
    assert result.plan.days[1].cards


def test_a_past_or_unknown_interview_cannot_be_planned(home: Services) -> None:
    home.interviews.add("Acme", NOW + timedelta(hours=1))
    clock(home).advance(timedelta(hours=2))
    with pytest.raises(InterviewError, match="nothing left to plan"):
        home.plan("Acme")
    with pytest.raises(NotFoundError):
        home.plan("Nobody")


def test_the_drill_over_every_deck_follows_the_plan_and_plans_again(home: Services) -> None:
    home.interviews.add("Acme", NOW + timedelta(days=6), decks=["questions"])
    home.use_config(home.config._replace(minutes_per_day=6))
    session = home.new_session()
    assert isinstance(session, PlannedSession)
    graded = 0
    while session.current is not None:
        # What is left is today's of the plan worked out afresh, the card on screen first
        # (or a learning step back first, when one is).
        fresh = home.plan("Acme").today
        waiting = [session.current.no, *(card.no for card in session._queue.main)]
        if session.current.no in fresh:
            assert waiting == fresh
        else:
            assert waiting[1:] == fresh
        session.grade(Rating.GOOD, duration_ms=5_000)
        graded += 1
        assert graded < 40, "the drill must end"
    # Today's minutes are spent, counted as the plan counts them.
    assert home.plan("Acme").today == []
    spent = sum(
        60 * (NEW_CARD_SHOWINGS if met else 1)
        for _, met in home._store.figures.cards_reviewed(NOW.date())
    )
    assert 0 < spent <= 6 * 60


def test_an_undone_grade_and_a_buried_card_are_planned_from_the_store_again(
    home: Services,
) -> None:
    home.interviews.add("Acme", NOW + timedelta(days=6), decks=["questions"])
    home.use_config(home.config._replace(minutes_per_day=10))
    session = home.new_session()
    assert isinstance(session, PlannedSession) and session.current is not None
    first = session.current.no
    session.grade(Rating.GOOD, duration_ms=5_000)
    assert session.undo()
    assert session.current is not None and session.current.no == first
    session.bury()
    assert session.current is not None
    session.grade(Rating.GOOD, duration_ms=5_000)
    # What the drill deals next is what a plan read afresh from the store says.
    waiting = [card.no for card in session._queue.main]
    fresh = home.plan("Acme").today
    assert session.current is not None
    assert [session.current.no, *waiting] == fresh or waiting == fresh
    assert first not in fresh


def _ids(home: Services, no: int) -> tuple[str, str]:
    row = home._store._db.one("SELECT deck_id, card_id FROM cards WHERE no = ?", (no,))
    assert row is not None
    return str(row[0]), str(row[1])


def test_a_lapse_is_planned_again_when_it_is_worth_it(home: Services) -> None:
    home.interviews.add("Acme", NOW + timedelta(days=1, hours=1), decks=["questions"])
    home.use_config(home.config._replace(minutes_per_day=30))
    session = home.new_session()
    assert isinstance(session, PlannedSession)
    assert session.current is not None
    first = session.current.no
    session.grade(Rating.AGAIN, duration_ms=5_000)
    # Forgotten, it comes back through its learning step, not dropped.
    assert first in {entry.no for _, entry in session._queue.learning}
    assert first not in {card.no for card in session._queue.main}


def test_a_drill_of_chosen_decks_or_without_an_interview_is_the_ordinary_one(
    home: Services,
) -> None:
    assert not isinstance(home.new_session(), PlannedSession)
    home.interviews.add("Acme", NOW + timedelta(days=6))
    chosen = home.new_session(["questions"])
    assert type(chosen) is Session


def test_the_cram_for_the_planned_interview_deals_todays_cards_after_its_needs(
    home: Services,
) -> None:
    home.interviews.add("Acme", NOW + timedelta(days=6), decks=["questions"])
    home.interviews.need("Acme", "Kafka")
    today = home.plan("Acme").today
    cram = home.new_cram(CramRequest(interview="Acme"))
    first = [cram.current.deck_id if cram.current else None] + [
        card.no for card in list(cram._queue.main)[: len(today) - 1]
    ]
    assert first[0] == "my-interview-acme"
    planned_after_need = [no for no in today if _ids(home, no)[0] != "my-interview-acme"]
    assert first[1:] == planned_after_need[: len(first) - 1]
    # Each card once, however the cram's own order ranks it.
    dealt = [card.no for card in cram._queue.main]
    assert len(dealt) == len(set(dealt))
    # A cram narrowed to a kind or a tag keeps its own order.
    narrowed = home.new_cram(CramRequest(interview="Acme", kind="question"))
    assert narrowed.planned == frozenset()


def test_the_figure_plan_predicts_is_what_following_it_gives(home: Services) -> None:
    """The plan read from a real home, followed by a learner whose recall follows FSRS
    (``benchmarks/plan_simulation.py``): the mean recall at the interview matches the
    figure ``plan --json`` prints, within the simulation test's tolerance."""
    interview = home.interviews.add("Acme", NOW + timedelta(days=6, hours=3), decks=["questions"])
    result = home.plan("Acme", minutes_per_day=8)
    rows = home._store.queue.plannable(interview.studied_decks)
    assert len(rows) == result.cards
    number = {(row.deck_id, row.card_id): row.no for row in rows}
    start = {row.no: _fsrs_card(row.no, row.schedule) for row in rows}
    runs = 40
    total = 0.0
    for seed in range(runs):
        learner = Learner(seed)
        state = dict(start)
        for offset, day in enumerate(result.plan.days):
            for card in day.cards:
                no = number[card.deck_id, card.card_id]
                state[no] = learner.review(state[no], no, NOW + timedelta(days=offset))
        total += learner.mean_recall(list(state.values()), interview.at)
    assert result.plan.expected_recall_with_plan == pytest.approx(total / runs, abs=TOLERANCE)


def _fsrs_card(no: int, schedule: CardState | None) -> fsrs.Card | None:
    if schedule is None:
        return None
    return fsrs.Card(
        card_id=no,
        state=fsrs.State(int(schedule.state)),
        step=schedule.step,
        stability=schedule.stability,
        difficulty=schedule.difficulty,
        due=schedule.due,
        last_review=schedule.last_review,
    )
