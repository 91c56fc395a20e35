"""Cram: the cards weakest at an interview's time, without touching the schedule unless
asked to."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import fsrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prepdeck.clock import FixedClock
from prepdeck.domain.cards import Kind
from prepdeck.domain.cram import CramRequest
from prepdeck.errors import InterviewError, MomentError, NotFoundError, PrepdeckError
from prepdeck.paths import locations
from prepdeck.services import Services, open_services
from prepdeck.srs import Rating
from prepdeck.store import CramScope, ReviewMode, Store
from prepdeck.store.queue import _cram_scope
from prepdeck.study.cram import CramSession
from tests.domain.histories import UNFUZZED, install, review
from tests.domain.query_plans import plans_of_queries

NOW = datetime(2026, 12, 3, 10, 0, tzinfo=UTC)
CURVE = UNFUZZED.forgetting_curve()
INTERVIEW_AT = NOW + timedelta(days=2, hours=4)


@pytest.fixture
def home(tmp_path: Path) -> Iterator[Services]:
    with open_services(
        locations(tmp_path), clock=FixedClock(NOW), sync_bundled=False, fuzzing=False
    ) as services:
        yield services


def _store(home: Services) -> Store:
    return home._store


def _seen(home: Services, deck_id: str, card_id: str, days_ago: float, *more: Rating) -> None:
    """One Good review ``days_ago``, then ``more`` a day apart after it."""
    at = NOW - timedelta(days=days_ago)
    history = [(Rating.GOOD, at)] + [
        (rating, at + timedelta(days=index + 1)) for index, rating in enumerate(more)
    ]
    review(_store(home), deck_id, card_id, *history)


def _all_cards(session: CramSession) -> list[tuple[str, str]]:
    """Every card the cram shows, skipping through them all."""
    shown = []
    while session.current is not None:
        card = session.current
        shown.append((card.deck_id, card.card.id))
        session.reveal()
        session.grade(Rating.GOOD)
    return shown


def _schedules(home: Services) -> dict[tuple[str, str], object]:
    rows = _store(home)._db.rows(
        "SELECT deck_id, card_id, state, step, stability, difficulty, due, last_review, "
        "reps, lapses FROM cards"
    )
    return {(row[0], row[1]): tuple(row[2:]) for row in rows}


def test_needs_first_then_scenarios_then_the_weakest_at_the_interview(home: Services) -> None:
    store = _store(home)
    install(store, "questions", 4, now=NOW)
    install(store, "contingency", 2, now=NOW, kind=Kind.SCENARIO)
    # c0 fresh, c1 a month old, c2 a week old, c3 never seen: weakest first is c3, c1, c2.
    _seen(home, "questions", "c0", 3.5, Rating.GOOD, Rating.GOOD)
    _seen(home, "questions", "c1", 30)
    _seen(home, "questions", "c2", 7)
    _seen(home, "contingency", "c0", 2, Rating.EASY)
    home.interviews.add("Acme", INTERVIEW_AT)
    home.interviews.need("Acme", "Kafka")
    session = home.new_cram(CramRequest(interview="Acme"))
    assert session.target.interview == "Acme" and session.target.at == INTERVIEW_AT
    order = _all_cards(session)
    needs_deck = home.interviews.get("Acme").deck_id
    assert order[0][0] == needs_deck
    assert order[1:3] == [("contingency", "c1"), ("contingency", "c0")]
    # The pitch card the interview brought is never seen either, so among the weakest.
    assert ("my-pitch", "pitch") in order[3:]
    weak = [card for card in order[3:] if card[0] != "my-pitch"]
    assert weak[:3] == [("questions", "c3"), ("questions", "c1"), ("questions", "c2")]
    # c0 is strong at the interview: not dealt at all.
    assert ("questions", "c0") not in order


def test_new_cards_are_dealt_without_the_daily_cap(home: Services) -> None:
    install(_store(home), "big", 30, now=NOW)
    home.use_config(home.config._replace(new_per_day=2))
    session = home.new_cram(CramRequest(until=NOW + timedelta(days=1)))
    assert session.left + 1 == 30
    assert len(_all_cards(session)) == 30


def test_a_cram_without_reschedule_changes_no_schedule(home: Services) -> None:
    store = _store(home)
    install(store, "questions", 5, now=NOW)
    for index in range(4):
        _seen(home, "questions", f"c{index}", 10 * (index + 1))
    before = _schedules(home)
    session = home.new_cram(CramRequest(until=INTERVIEW_AT))
    ratings = [Rating.AGAIN, Rating.HARD, Rating.GOOD, Rating.EASY, Rating.GOOD]
    while session.current is not None:
        session.reveal()
        session.grade(ratings[session.done % len(ratings)])
    assert _schedules(home) == before
    logged = [r for r in store.reviews.all() if r.mode is ReviewMode.CRAM]
    assert logged and all(not r.applied for r in logged)
    # A kept review logs the unchanged schedule on both sides.
    assert all(r.after == r.before for r in logged)


def test_with_reschedule_each_grade_is_applied_as_fsrs_computes_it(home: Services) -> None:
    store = _store(home)
    install(store, "questions", 2, now=NOW)
    _seen(home, "questions", "c0", 12)
    session = home.new_cram(CramRequest(until=INTERVIEW_AT, reschedule=True))
    seen = {}
    while session.current is not None:
        card = session.current
        before = store.cards.get(card.deck_id, card.card.id).schedule
        session.reveal()
        session.grade(Rating.GOOD)
        seen[card.card.id] = before
    scheduler = fsrs.Scheduler(enable_fuzzing=False, desired_retention=0.9)
    for card_id, before in seen.items():
        after = store.cards.get("questions", card_id).schedule
        assert after is not None
        if before is None:
            expected_card = fsrs.Card(card_id=1, due=NOW)
        else:
            expected_card = fsrs.Card(
                card_id=1,
                state=fsrs.State(before.state.value),
                step=before.step,
                stability=before.stability,
                difficulty=before.difficulty,
                due=before.due,
                last_review=before.last_review,
            )
        expected, _ = scheduler.review_card(expected_card, fsrs.Rating.Good, NOW)
        assert after.stability == pytest.approx(expected.stability)
        assert after.difficulty == pytest.approx(expected.difficulty)
        assert after.due == expected.due
    logged = [r for r in store.reviews.all() if r.mode is ReviewMode.CRAM]
    assert len(logged) == 2 and all(r.applied for r in logged)


def test_again_comes_back_a_few_cards_later_and_good_is_done(home: Services) -> None:
    install(_store(home), "questions", 10, now=NOW)
    session = home.new_cram(CramRequest(until=INTERVIEW_AT))
    first = session.current
    assert first is not None
    assert session.reveal()[Rating.AGAIN] == "again soon"
    session.grade(Rating.AGAIN)
    shown: list[str] = []
    while session.current is not None and len(shown) < 4:
        shown.append(session.current.card.id)
        session.reveal()
        session.grade(Rating.GOOD)
    assert shown[3] == first.card.id and first.card.id not in shown[:3]


def test_readiness_before_and_after_counts_what_kept_grades_would_give(
    home: Services,
) -> None:
    install(_store(home), "questions", 4, now=NOW)
    _seen(home, "questions", "c0", 20)
    before = home.readiness(INTERVIEW_AT).expected_recall
    session = home.new_cram(CramRequest(until=INTERVIEW_AT))
    for _ in range(2):
        session.reveal()
        session.grade(Rating.GOOD)
    change = session.summary().readiness
    assert change is not None
    assert change.before == pytest.approx(before, abs=1e-4)
    assert change.after > change.before
    # Nothing was applied: the store's readiness is still the one before.
    assert home.readiness(INTERVIEW_AT).expected_recall == pytest.approx(before, abs=1e-4)
    # Undo takes the gain back.
    session.undo()
    session.undo()
    undone = session.summary().readiness
    assert undone is not None and undone.after == pytest.approx(change.before, abs=1e-4)


def test_readiness_change_agrees_when_grades_are_applied(home: Services) -> None:
    install(_store(home), "questions", 3, now=NOW)
    _seen(home, "questions", "c1", 15)
    before = home.readiness(INTERVIEW_AT).expected_recall
    session = home.new_cram(CramRequest(until=INTERVIEW_AT, reschedule=True))
    session.reveal()
    session.grade(Rating.GOOD)
    session.reschedule = False
    session.reveal()
    session.grade(Rating.EASY)
    change = session.summary().readiness
    assert change is not None and change.before == pytest.approx(before, abs=2e-4)
    assert session.summary().applied == 1


@settings(max_examples=20, deadline=None)
@given(ratings=st.lists(st.sampled_from(list(Rating)), min_size=1, max_size=12))
def test_kept_cram_never_changes_the_store_whatever_the_grades(
    tmp_path_factory: pytest.TempPathFactory, ratings: list[Rating]
) -> None:
    path = tmp_path_factory.mktemp("home")
    with open_services(
        locations(path), clock=FixedClock(NOW), sync_bundled=False, fuzzing=False
    ) as services:
        install(_store(services), "questions", 3, now=NOW)
        _seen(services, "questions", "c0", 9)
        before = _schedules(services)
        session = services.new_cram(CramRequest(until=INTERVIEW_AT))
        for rating in ratings:
            if session.current is None:
                break
            session.reveal()
            session.grade(rating)
        assert _schedules(services) == before


def test_no_interview_and_no_time_means_the_next_interview(home: Services) -> None:
    install(_store(home), "questions", 1, now=NOW)
    home.interviews.add("Later", INTERVIEW_AT + timedelta(days=3))
    home.interviews.add("Sooner", INTERVIEW_AT)
    assert home.new_cram(CramRequest()).target.interview == "Sooner"


def test_with_no_interview_ahead_the_cram_ranks_cards_now(home: Services) -> None:
    install(_store(home), "questions", 1, now=NOW)
    target = home.new_cram(CramRequest()).target
    assert (target.interview, target.at, target.deck_ids) == (None, NOW, None)


def test_kind_tag_and_deck_narrow_the_cram(home: Services) -> None:
    store = _store(home)
    install(store, "questions", 3, now=NOW)
    install(store, "contingency", 2, now=NOW, kind=Kind.SCENARIO)
    session = home.new_cram(CramRequest(until=INTERVIEW_AT, kind="scenario"))
    assert {deck for deck, _ in _all_cards(session)} == {"contingency"}
    session = home.new_cram(CramRequest(until=INTERVIEW_AT, deck_ids=("questions",)))
    assert {deck for deck, _ in _all_cards(session)} == {"questions"}


def test_tag_filter(home: Services) -> None:
    store = _store(home)
    install(store, "questions", 2, now=NOW)
    store._db.rows("UPDATE cards SET tags = '[\"sql\"]' WHERE card_id = 'c1'")
    session = home.new_cram(CramRequest(until=INTERVIEW_AT, tag="sql"))
    assert _all_cards(session) == [("questions", "c1")]


def test_refusals(home: Services) -> None:
    install(_store(home), "questions", 1, now=NOW)
    with pytest.raises(NotFoundError):
        home.new_cram(CramRequest(interview="Nobody"))
    with pytest.raises(NotFoundError):
        home.new_cram(CramRequest(deck_ids=("missing",)))
    with pytest.raises(MomentError, match="not ahead"):
        home.new_cram(CramRequest(until=NOW - timedelta(hours=1)))
    with pytest.raises(PrepdeckError, match="not both"):
        home.new_cram(CramRequest(interview="x", until=INTERVIEW_AT))
    home.interviews.add("Past", NOW + timedelta(hours=1))
    home.clock.set(NOW + timedelta(hours=2))  # type: ignore[attr-defined]
    with pytest.raises(InterviewError, match="nothing left to cram"):
        home.new_cram(CramRequest(interview="Past"))


def test_many_cards_are_read_a_page_at_a_time(home: Services) -> None:
    install(_store(home), "big", 200, now=NOW)
    session = home.new_cram(CramRequest(until=INTERVIEW_AT))
    assert session.left == 199
    order = _all_cards(session)
    assert len(order) == len(set(order)) == 200


def test_cards_never_reviewed_come_with_the_decks_taking_turns(home: Services) -> None:
    store = _store(home)
    install(store, "alpha", 3, now=NOW)
    install(store, "beta", 2, now=NOW)
    session = home.new_cram(CramRequest(until=INTERVIEW_AT))
    assert _all_cards(session) == [
        ("alpha", "c0"),
        ("beta", "c0"),
        ("alpha", "c1"),
        ("beta", "c1"),
        ("alpha", "c2"),
    ]


def test_the_cram_reads_indexes_not_the_cards(
    home: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = _store(home)
    install(store, "questions", 60, now=NOW)
    install(store, "contingency", 3, now=NOW, kind=Kind.SCENARIO)
    for index in range(50):
        _seen(home, "questions", f"c{index}", 30)
    scope = CramScope(
        at=INTERVIEW_AT,
        today=NOW.date(),
        deck_ids=None,
        weak_from=0.0,
        reviewed_before=NOW,
    )
    with plans_of_queries(store, monkeypatch) as plans:
        store.queue.cram(scope, limit=80)
    ranked = [plan for plan in plans if any("cards_memory" in step for step in plan)]
    unseen = [plan for plan in plans if any("cards_new" in step for step in plan)]
    assert ranked and unseen
    for where, parameters in (_cram_scope(scope, part) for part in (1, 2, 3)):
        plan = _store(home)._db.rows(
            f"EXPLAIN QUERY PLAN SELECT count(*) FROM cards {where}", parameters
        )
        assert any("COVERING INDEX cards_memory" in row[3] for row in plan), plan


def test_toggling_with_the_answer_shown_applies_what_fsrs_gives_from_the_store(
    home: Services,
) -> None:
    store = _store(home)
    install(store, "questions", 1, now=NOW)
    _seen(home, "questions", "c0", 30)
    stored = store.cards.get("questions", "c0").schedule
    session = home.new_cram(CramRequest(until=INTERVIEW_AT))
    session.reveal()
    session.grade(Rating.AGAIN)  # kept: only this cram remembers it
    session.reveal()
    session.reschedule = True
    session.reveal()
    session.grade(Rating.GOOD)
    expected = UNFUZZED.outcomes(1, stored, NOW)[Rating.GOOD]
    after = store.cards.get("questions", "c0").schedule
    assert after is not None and after.stability == pytest.approx(expected.stability)


def test_readiness_change_after_an_applied_then_a_kept_grade_of_one_card(
    home: Services,
) -> None:
    store = _store(home)
    install(store, "questions", 1, now=NOW)
    _seen(home, "questions", "c0", 30)
    before = home.readiness(INTERVIEW_AT).expected_recall
    session = home.new_cram(CramRequest(until=INTERVIEW_AT, reschedule=True))
    session.reveal()
    session.grade(Rating.AGAIN)
    session.reschedule = False
    session.reveal()
    session.grade(Rating.GOOD)
    change = session.summary().readiness
    assert change is not None
    assert change.before == pytest.approx(before, abs=2e-4)
    [memory] = session._memory.values()
    assert change.after == pytest.approx(CURVE.recall_at(memory.latest, INTERVIEW_AT), abs=2e-4)


def test_a_refused_undo_keeps_the_cram_memory_in_step(home: Services) -> None:
    store = _store(home)
    install(store, "questions", 3, now=NOW)
    session = home.new_cram(CramRequest(until=INTERVIEW_AT, reschedule=True))
    first = session.current
    assert first is not None
    session.reveal()
    session.grade(Rating.GOOD)
    second = session.current
    assert second is not None
    session.reveal()
    session.grade(Rating.GOOD)
    # Another window resets the second card: its grade can no longer be taken back.
    store.cards.reset(second.deck_id, second.card.id, now=NOW)
    with pytest.raises(PrepdeckError):
        session.undo()
    # The next undo takes back the first card's grade; the second's stays, applied.
    assert session.undo()
    assert list(session._memory) == [second.no] and session.applied == 1
