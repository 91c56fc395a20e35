"""The pitch card my-pitch/pitch: added with the first interview and never twice, left
as it is once there, and first in the pitch of every day-of checklist with the user's
own answer."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from prepdeck.clock import FixedClock
from prepdeck.domain.cards import Card
from prepdeck.domain.pitch import PITCH_CARD_ID, PITCH_DECK_ID, PITCH_DECK_TITLE, pitch_card
from prepdeck.domain.sources import DeckSource
from prepdeck.services import Services, open_services

NOW = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)
LATER_TODAY = NOW + timedelta(hours=4)


@pytest.fixture
def home() -> Iterator[Services]:
    with open_services(clock=FixedClock(NOW)) as opened:
        yield opened


def pitch_deck(home: Services) -> list[Card]:
    if home._store.decks.find(PITCH_DECK_ID) is None:
        return []
    return [stored.card for stored in home._store.decks.cards(PITCH_DECK_ID)]


def test_the_first_interview_adds_the_card_once(home: Services) -> None:
    assert pitch_deck(home) == []
    home.interviews.add("Acme", LATER_TODAY)
    assert pitch_deck(home) == [pitch_card()]
    home.interviews.add("Globex", LATER_TODAY + timedelta(days=1))
    home.day_of("Globex")
    assert pitch_deck(home) == [pitch_card()]
    assert pitch_card().seconds == 60 and 3 <= len(pitch_card().points) <= 5


def test_a_card_already_there_is_left_as_it_is(home: Services) -> None:
    mine = Card(id=PITCH_CARD_ID, prompt="My pitch, my way.", answer="Short.")
    home._store.decks.append_card(
        PITCH_DECK_ID, PITCH_DECK_TITLE, mine, source=DeckSource.PERSONAL, now=NOW
    )
    home.interviews.add("Acme", LATER_TODAY)
    assert pitch_deck(home) == [mine]
    assert home.day_of("Acme").pitch[0].prompt == "My pitch, my way."


def test_the_checklist_starts_with_it_and_shows_the_own_answer(home: Services) -> None:
    home.interviews.add("Acme", LATER_TODAY)
    # A home whose interview came before the card: the checklist brings it.
    home.library.remove(PITCH_DECK_ID, purge=True)
    first, *others = home.day_of("Acme").pitch
    assert (first.deck_id, first.card_id, first.own_answer) == (PITCH_DECK_ID, "pitch", None)
    assert first.is_pitch_card and first.answer == pitch_card().answer
    assert [card.card_id for card in others] == ["tell-me-about-yourself", "anything-else-to-add"]
    assert not any(card.is_pitch_card for card in others)
    home.answers.set(PITCH_DECK_ID, PITCH_CARD_ID, "  I build networks that stay up.  ")
    assert home.day_of("Acme").pitch[0].own_answer == "I build networks that stay up."
