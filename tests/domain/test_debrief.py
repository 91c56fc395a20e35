"""Debriefs after an interview, their surprise cards, and the follow-ups to send."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from prepdeck.clock import FixedClock
from prepdeck.domain.cards import Kind
from prepdeck.errors import InterviewError, NotFoundError
from prepdeck.paths import locations
from prepdeck.prep.debrief import (
    Debriefs,
    FollowUpKind,
    clean_surprises,
)
from prepdeck.prep.interviews import Interviews
from prepdeck.services import open_services
from prepdeck.store import Store, connect

# Thursday 3 December 2026; the app day starts at 04:00 UTC.
ADDED = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
ACME_AT = datetime(2026, 12, 3, 14, 0, tzinfo=UTC)
AFTER = ACME_AT + timedelta(hours=3)
HOUR = 4
THANK_YOU_FROM = datetime(2026, 12, 4, HOUR, 0, tzinfo=UTC)
CHECK_IN_FROM = datetime(2026, 12, 10, HOUR, 0, tzinfo=UTC)
JUST = timedelta(microseconds=1)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with connect(tmp_path / "db.sqlite3", backups_dir=tmp_path / "backups") as opened:
        yield opened


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(ADDED)


@pytest.fixture
def interviews(store: Store, clock: FixedClock) -> Interviews:
    added = Interviews(store, clock)
    added.add("Acme", ACME_AT)
    return added


@pytest.fixture
def debriefs(store: Store, clock: FixedClock, interviews: Interviews) -> Debriefs:
    return Debriefs(store, clock, day_start_hour=HOUR, zone=UTC)


def kinds_due(debriefs: Debriefs, at: datetime) -> list[tuple[str, str]]:
    return [(one.interview, one.kind.value) for one in debriefs.due_follow_ups(at)]


# -- the debrief ---------------------------------------------------------------------------


def test_an_interview_still_ahead_refuses_a_debrief_until_its_very_time(
    debriefs: Debriefs, clock: FixedClock, store: Store
) -> None:
    clock.set(ACME_AT - JUST)
    with pytest.raises(InterviewError, match=r"^Acme is still ahead: a debrief is for after"):
        debriefs.save("acme", ["Why us?"], "", "")
    assert store.decks.find("my-interview-acme") is None
    assert debriefs.get("Acme") is None
    clock.set(ACME_AT)
    saved = debriefs.save("acme", ["Why us?"], "", "")
    assert [card.prompt for card in saved.added] == ["Why us?"]


def test_each_surprise_becomes_a_question_card_of_the_interviews_deck(
    debriefs: Debriefs, clock: FixedClock, store: Store
) -> None:
    clock.set(AFTER)
    saved = debriefs.save(
        "ACME",
        ["  Why   leave your job? ", "", "   ", "How would you shard it?", "why leave your JOB?"],
        " The system design part ",
        "Ask about the team first\n",
    )
    assert saved.deck_id == "my-interview-acme"
    assert [(card.prompt, card.answer, card.kind) for card in saved.added] == [
        ("Why leave your job?", "", Kind.QUESTION),
        ("How would you shard it?", "", Kind.QUESTION),
    ]
    stored = store.decks.cards("my-interview-acme")
    assert [one.card.prompt for one in stored] == ["Why leave your job?", "How would you shard it?"]
    assert saved.debrief == debriefs.get("acme")
    assert saved.debrief.surprises == ("Why leave your job?", "How would you shard it?")
    assert (saved.debrief.went_well, saved.debrief.to_change) == (
        "The system design part",
        "Ask about the team first",
    )
    assert saved.debrief.written_at == AFTER


def test_saving_again_adds_only_new_surprises_and_keeps_the_new_texts(
    debriefs: Debriefs, clock: FixedClock, interviews: Interviews, store: Store
) -> None:
    interviews.need("Acme", "Kafka")
    clock.set(AFTER)
    debriefs.save("Acme", ["Why us?"], "calm", "")
    clock.advance(timedelta(hours=1))
    again = debriefs.save(
        "Acme",
        ["WHY US?", "A tricky puzzle", "they need kafka: what have you done that shows it?"],
        "",
        "slower",
    )
    # A surprise some card of the deck already asks (a need's, here) is not a new card.
    assert [card.prompt for card in again.added] == ["A tricky puzzle"]
    assert len(store.decks.cards("my-interview-acme")) == 3
    kept = debriefs.get("Acme")
    assert kept is not None
    assert kept.surprises == (
        "WHY US?",
        "A tricky puzzle",
        "they need kafka: what have you done that shows it?",
    )
    assert (kept.went_well, kept.to_change, kept.written_at) == (
        "",
        "slower",
        AFTER + timedelta(hours=1),
    )


def test_amend_adds_surprises_to_those_kept_and_changes_only_the_texts_given(
    debriefs: Debriefs, clock: FixedClock
) -> None:
    clock.set(AFTER)
    debriefs.amend("Acme", ["Why us?"], went_well="calm")
    again = debriefs.amend("Acme", ["Salary?"], to_change="slower")
    assert [card.prompt for card in again.added] == ["Salary?"]
    assert again.debrief.surprises == ("Why us?", "Salary?")
    assert (again.debrief.went_well, again.debrief.to_change) == ("calm", "slower")


def test_an_empty_debrief_or_an_unknown_interview_is_refused(
    debriefs: Debriefs, clock: FixedClock
) -> None:
    clock.set(AFTER)
    with pytest.raises(InterviewError, match="the debrief is empty"):
        debriefs.save("Acme", [" ", ""], "  ", "\n")
    with pytest.raises(NotFoundError, match='no interview named "Globex"'):
        debriefs.save("Globex", ["Why?"], "", "")
    with pytest.raises(NotFoundError):
        debriefs.get("Globex")
    assert debriefs.get("Acme") is None


def test_surprises_are_cleaned_one_question_per_entry() -> None:
    assert clean_surprises(["a  b", " A B ", "", "c\td"]) == ("a b", "c d")


def test_surprise_cards_are_drilled_like_any_other_card(tmp_path: Path) -> None:
    where = locations(tmp_path / "home")
    clock = FixedClock(ADDED)
    with open_services(where, clock=clock, sync_bundled=False) as services:
        services.interviews.add("Acme", ACME_AT)
        clock.set(AFTER)
        services.debriefs.save("Acme", ["Why us?"], "", "")
        session = services.new_session(["my-interview-acme"])
        assert session.current is not None
        assert session.current.card.prompt == "Why us?"


# -- follow-ups ------------------------------------------------------------------------------


def test_a_thank_you_is_due_from_the_app_day_after_the_interview(debriefs: Debriefs) -> None:
    assert kinds_due(debriefs, AFTER) == []
    assert kinds_due(debriefs, THANK_YOU_FROM - JUST) == []
    assert kinds_due(debriefs, THANK_YOU_FROM) == [("Acme", "thank-you")]
    [due] = debriefs.due_follow_ups(THANK_YOU_FROM)
    assert (due.due, due.at) == (THANK_YOU_FROM.date(), ACME_AT)


def test_a_check_in_is_due_from_seven_app_days_after(debriefs: Debriefs) -> None:
    assert kinds_due(debriefs, CHECK_IN_FROM - JUST) == [("Acme", "thank-you")]
    assert kinds_due(debriefs, CHECK_IN_FROM) == [("Acme", "thank-you"), ("Acme", "check-in")]
    # Until dismissed, however long it has been.
    assert len(debriefs.due_follow_ups(CHECK_IN_FROM + timedelta(days=90))) == 2


def test_the_day_start_hour_decides_the_interviews_app_day(
    store: Store, clock: FixedClock, interviews: Interviews
) -> None:
    # At 02:00 it still belongs to the app day before: the thank-you is due that morning.
    late = datetime(2026, 12, 5, 2, 0, tzinfo=UTC)
    interviews.add("Night shift", late)
    early = Debriefs(store, clock, day_start_hour=HOUR, zone=UTC)
    morning = datetime(2026, 12, 5, HOUR, 0, tzinfo=UTC)
    assert ("Night shift", "thank-you") not in kinds_due(early, morning - JUST)
    assert ("Night shift", "thank-you") in kinds_due(early, morning)
    # With the day starting at midnight, it belongs to the 5th: due on the 6th.
    midnight = Debriefs(store, clock, day_start_hour=0, zone=UTC)
    assert ("Night shift", "thank-you") not in kinds_due(midnight, morning + timedelta(hours=12))
    assert ("Night shift", "thank-you") in kinds_due(midnight, datetime(2026, 12, 6, tzinfo=UTC))


def test_follow_ups_come_the_earliest_due_first(debriefs: Debriefs, interviews: Interviews) -> None:
    interviews.add("Globex", ACME_AT - timedelta(days=1))
    interviews.add("Initech", ACME_AT + timedelta(days=1))
    at = CHECK_IN_FROM + timedelta(days=1)
    assert kinds_due(debriefs, at) == [
        ("Globex", "thank-you"),
        ("Acme", "thank-you"),
        ("Initech", "thank-you"),
        ("Globex", "check-in"),
        ("Acme", "check-in"),
        ("Initech", "check-in"),
    ]


def test_a_dismissed_follow_up_stays_dismissed(
    debriefs: Debriefs, clock: FixedClock, store: Store
) -> None:
    clock.set(THANK_YOU_FROM)
    dismissed = debriefs.dismiss("ACME", "thank-you")
    assert (dismissed.interview, dismissed.kind, dismissed.due) == (
        "Acme",
        FollowUpKind.THANK_YOU,
        THANK_YOU_FROM.date(),
    )
    assert kinds_due(debriefs, THANK_YOU_FROM) == []
    assert kinds_due(debriefs, CHECK_IN_FROM + timedelta(days=30)) == [("Acme", "check-in")]
    # Again, or from another opening of the home: still dismissed, the first time kept.
    debriefs.dismiss("Acme", FollowUpKind.THANK_YOU)
    reopened = Debriefs(store, clock, day_start_hour=HOUR, zone=UTC)
    assert kinds_due(reopened, CHECK_IN_FROM) == [("Acme", "check-in")]
    # A check-in may be dismissed before it falls due: the note went out early.
    debriefs.dismiss("Acme", "check-in")
    assert kinds_due(debriefs, CHECK_IN_FROM + timedelta(days=30)) == []


def test_dismissing_is_refused_ahead_of_the_interview_or_for_an_unknown_kind(
    debriefs: Debriefs, clock: FixedClock
) -> None:
    with pytest.raises(InterviewError, match=r"^Acme is still ahead: there is nothing to follow"):
        debriefs.dismiss("Acme", "thank-you")
    clock.set(AFTER)
    with pytest.raises(InterviewError, match="unknown follow-up 'note': use thank-you or check-in"):
        debriefs.dismiss("Acme", "note")
    with pytest.raises(NotFoundError):
        debriefs.dismiss("Globex", "thank-you")


def test_a_removed_interview_has_no_reminders_and_comes_back_afresh(
    debriefs: Debriefs, clock: FixedClock, interviews: Interviews, store: Store
) -> None:
    clock.set(THANK_YOU_FROM)
    debriefs.save("Acme", ["Why us?"], "calm", "")
    debriefs.dismiss("Acme", "thank-you")
    interviews.remove("Acme")
    assert debriefs.due_follow_ups(CHECK_IN_FROM) == []
    assert store.debriefs.find("acme") is None
    # Added again, it is another interview: no debrief, every reminder to come; its deck
    # comes back with the surprise's card.
    again = ACME_AT + timedelta(days=30)
    interviews.add("Acme", again)
    assert debriefs.get("Acme") is None
    assert [one.card.prompt for one in store.decks.cards("my-interview-acme")] == ["Why us?"]
    assert debriefs.due_follow_ups(again - JUST) == []
    assert kinds_due(debriefs, again + timedelta(days=1)) == [("Acme", "thank-you")]
