"""Interviews: unique names, times ahead, their decks, and their own personal deck."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from prepdeck.clock import FixedClock
from prepdeck.domain.cards import Card, Kind
from prepdeck.domain.ids import is_valid_id
from prepdeck.errors import InterviewError, NotFoundError, PrepdeckError
from prepdeck.prep.interviews import (
    Interviews,
    interview_deck_id,
    is_upcoming,
    need_prompt,
    need_text,
)
from prepdeck.store import Store, connect

NOW = datetime(2026, 12, 3, 10, 0, tzinfo=UTC)
LATER = NOW + timedelta(days=7)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with connect(tmp_path / "db.sqlite3", backups_dir=tmp_path / "backups") as opened:
        for deck_id in ("behaviour", "system-design"):
            card = Card(id="first", prompt=f"A {deck_id} question?", answer="An answer.")
            opened.decks.append_card(deck_id, deck_id.title(), card, source="file", now=NOW)
        yield opened


@pytest.fixture
def interviews(store: Store) -> Interviews:
    return Interviews(store, FixedClock(NOW))


def test_an_interview_is_kept_with_its_time_decks_and_note(interviews: Interviews) -> None:
    added = interviews.add("Acme  Corp", LATER, decks=["behaviour"], note=" onsite ")
    assert added.name == "Acme Corp"
    assert added.deck_id == "my-interview-acme-corp"
    [listed] = interviews.all()
    assert listed == added
    assert (listed.at, listed.decks, listed.all_decks, listed.note) == (
        LATER,
        ("behaviour",),
        False,
        "onsite",
    )


def test_no_deck_named_means_every_active_deck_at_the_time_of_use(
    interviews: Interviews, store: Store
) -> None:
    interviews.add("Acme", LATER)
    interviews.add("Globex", LATER + timedelta(days=1))
    interviews.need("Globex", "Kafka")
    # my-pitch came with the first interview, holding the pitch card.
    assert interviews.get("acme").decks == ("behaviour", "my-pitch", "system-design")
    card = Card(id="x", prompt="Later?", answer="")
    store.decks.append_card("later-deck", "Later", card, source="file", now=NOW)
    acme = interviews.get("ACME")
    assert acme.all_decks
    assert acme.decks == ("behaviour", "later-deck", "my-pitch", "system-design")
    assert "my-interview-globex" in interviews.get("globex").decks


def test_names_are_unique_whatever_their_case(interviews: Interviews) -> None:
    interviews.add("Acme", LATER)
    with pytest.raises(InterviewError, match='named "Acme" exists already'):
        interviews.add("ACME", LATER)
    assert len(interviews.all()) == 1


@pytest.mark.parametrize("at", [NOW, NOW - timedelta(minutes=1)])
def test_a_time_not_ahead_is_refused(interviews: Interviews, at: datetime) -> None:
    with pytest.raises(InterviewError, match="in the past"):
        interviews.add("Acme", at)
    assert interviews.all() == []


def test_an_unknown_or_removed_deck_is_refused_and_nothing_written(
    interviews: Interviews, store: Store
) -> None:
    with pytest.raises(NotFoundError, match="no installed deck 'nope'"):
        interviews.add("Acme", LATER, decks=["behaviour", "nope"])
    store.decks.remove("behaviour")
    with pytest.raises(NotFoundError, match="'behaviour'"):
        interviews.add("Acme", LATER, decks=["behaviour"])
    assert interviews.all() == []


def test_a_blank_name_is_refused(interviews: Interviews) -> None:
    with pytest.raises(InterviewError):
        interviews.add("  ", LATER)


def test_a_need_is_an_empty_answered_company_need_card_in_the_personal_deck(
    interviews: Interviews, store: Store
) -> None:
    interviews.add("Acme", LATER)
    card = interviews.need("acme", "  Kafka at scale. ")
    assert card.prompt == "They need Kafka at scale: what have you done that shows it?"
    assert (card.answer, card.kind) == ("", Kind.COMPANY_NEED)
    [stored] = store.decks.cards("my-interview-acme")
    assert stored.card.prompt == card.prompt
    with pytest.raises(PrepdeckError, match="already has this prompt"):
        interviews.need("Acme", "kafka at scale")
    with pytest.raises(InterviewError, match="empty"):
        interviews.need("Acme", "  ")


def test_unknown_interviews_are_named_in_the_refusal(interviews: Interviews) -> None:
    for act in (lambda: interviews.need("Nope", "x"), lambda: interviews.remove("Nope")):
        with pytest.raises(NotFoundError, match='no interview named "Nope"'):
            act()


def test_remove_hides_the_personal_deck_and_a_new_interview_takes_it_up_again(
    interviews: Interviews, store: Store
) -> None:
    interviews.add("Acme", LATER)
    interviews.need("Acme", "Kafka")
    interviews.remove("ACME")
    assert interviews.all() == []
    deck = store.decks.find("my-interview-acme")
    assert deck is not None and deck.removed
    assert len(store.decks.cards("my-interview-acme")) == 1
    again = interviews.add("Acme", LATER)
    assert again.deck_id == "my-interview-acme"
    # Back with the interview at once, before any new need: its cards are drilled again.
    deck = store.decks.find("my-interview-acme")
    assert deck is not None and not deck.removed
    assert [card.prompt for card in interviews.needs("Acme")] == [need_prompt("Kafka")]
    interviews.need("Acme", "Go")
    assert len(store.decks.cards("my-interview-acme")) == 2


def test_a_remove_before_any_need_leaves_no_deck(interviews: Interviews, store: Store) -> None:
    interviews.add("Acme", LATER)
    interviews.remove("acme")
    assert store.decks.find("my-interview-acme") is None


def test_two_names_of_one_slug_get_two_decks(interviews: Interviews) -> None:
    first = interviews.add("Acme!", LATER)
    second = interviews.add("Acme?", LATER)
    assert (first.deck_id, second.deck_id) == ("my-interview-acme", "my-interview-acme-2")


@given(
    name=st.text(min_size=1, max_size=200),
    taken=st.lists(st.text("abc-", max_size=5).map(lambda s: "my-interview-" + s), max_size=5),
)
def test_the_personal_deck_id_is_always_a_free_valid_personal_id(
    name: str, taken: list[str]
) -> None:
    deck_id = interview_deck_id(name, taken)
    assert is_valid_id(deck_id)
    assert deck_id.startswith("my-interview-")
    assert deck_id not in taken


def test_a_long_name_is_cut_to_the_id_length() -> None:
    deck_id = interview_deck_id("Acme " * 40, ["my-interview-" + "-".join(["acme"] * 10)])
    assert len(deck_id) <= 64 and is_valid_id(deck_id)


def test_upcoming_and_past_split_at_the_interviews_time(store: Store) -> None:
    clock = FixedClock(NOW)
    interviews = Interviews(store, clock)
    interviews.add("Soon", NOW + timedelta(hours=1))
    interviews.add("Later", LATER)
    interviews.add("Sooner", NOW + timedelta(minutes=5))
    assert [one.name for one in interviews.upcoming()] == ["Sooner", "Soon", "Later"]
    assert interviews.past() == []
    # At its very time an interview is no longer to come.
    clock.set(NOW + timedelta(hours=1))
    assert [one.name for one in interviews.upcoming()] == ["Later"]
    assert [one.name for one in interviews.past()] == ["Soon", "Sooner"]
    assert is_upcoming(LATER, clock.now()) and not is_upcoming(clock.now(), clock.now())
    assert {one.name for one in interviews.all()} == {"Soon", "Later", "Sooner"}


def test_the_needs_are_the_cards_of_its_own_deck(interviews: Interviews, store: Store) -> None:
    interviews.add("Acme", LATER)
    assert interviews.needs("acme") == []
    interviews.need("Acme", "Kafka at scale")
    interviews.need("Acme", "a calm on-call")
    needs = interviews.needs("ACME")
    assert [need_text(card.prompt) for card in needs] == ["Kafka at scale", "a calm on-call"]
    assert {card.kind for card in needs} == {Kind.COMPANY_NEED}
    with pytest.raises(NotFoundError):
        interviews.needs("Globex")


def test_a_need_prompt_reads_back_as_its_need() -> None:
    assert need_text(need_prompt("Kafka")) == "Kafka"
    # A prompt edited into something else is shown as it is.
    assert need_text("What would you bring to Acme?") == "What would you bring to Acme?"
    assert need_text(need_prompt(" ")) == need_prompt(" ")
