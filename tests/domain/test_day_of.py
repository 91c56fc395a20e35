"""The day-of checklist of one interview, on a home with the bundled decks: its pitch,
its needs and their bridges, the four contingencies, the questions to ask, and the decks
and cards it leaves out."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from prepdeck.clock import FixedClock
from prepdeck.domain.cards import Card, Deck, Kind
from prepdeck.errors import NotFoundError
from prepdeck.prep.day_of import (
    MOST_QUESTIONS,
    MOST_SCENARIOS,
    NO_BRIDGE,
    SECTIONS,
    DayOfChecklist,
)
from prepdeck.prep.interviews import is_interview_day
from prepdeck.services import Services, open_services

NOW = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)
LATER_TODAY = NOW + timedelta(hours=4)
TITLES = [
    "Travel delay",
    "Interviewer late or swapped",
    "A question you never heard",
    "The video call failing",
]


@pytest.fixture
def home() -> Iterator[Services]:
    with open_services(clock=FixedClock(NOW)) as opened:
        yield opened


def card_ids(checklist: DayOfChecklist) -> dict[str, list[str]]:
    return {
        contingency.title: [card.card_id for card in contingency.cards]
        for contingency in checklist.contingencies
    }


def test_an_interview_on_every_deck_gets_every_section_in_order(home: Services) -> None:
    home.interviews.add("Acme", LATER_TODAY, note="onsite, 3 rounds")
    home.interviews.need("Acme", "Kafka at scale")
    checklist = home.day_of("acme")
    assert (checklist.interview, checklist.at, checklist.note) == (
        "Acme",
        LATER_TODAY,
        "onsite, 3 rounds",
    )
    assert [card.card_id for card in checklist.pitch] == [
        "pitch",
        "tell-me-about-yourself",
        "anything-else-to-add",
    ]
    [_, pitch, _] = checklist.pitch
    assert pitch.prompt == "Tell me about yourself." and pitch.points and pitch.answer
    [need] = checklist.needs
    assert (need.deck_id, need.need, need.bridge) == ("my-interview-acme", "Kafka at scale", "")
    # Deck order, at most three scenarios a section.
    assert card_ids(checklist) == {
        "Travel delay": [
            "traffic-running-late",
            "late-by-own-fault",
            "flight-delayed-evening-before",
        ],
        "Interviewer late or swapped": [
            "interviewer-running-late",
            "interviewer-no-show",
            "different-interviewer",
        ],
        "A question you never heard": [
            "question-you-cannot-answer",
            "mind-goes-blank",
            "realise-earlier-answer-wrong",
        ],
        "The video call failing": ["video-call-drops", "video-no-audio", "video-link-fails"],
    }
    assert [c.title for c in checklist.contingencies] == TITLES == [s.title for s in SECTIONS]
    for contingency in checklist.contingencies:
        assert all(card.points for card in contingency.cards)
    assert len(checklist.questions) == MOST_QUESTIONS
    assert checklist.questions[0].question == (
        "Stops listing qualifications and asks what the role is meant to fix"
    )
    keys = checklist.keys
    assert len(keys) == len(set(keys)) == 3 + 1 + 4 + MOST_QUESTIONS


def test_a_need_without_an_answer_says_so_and_one_with_an_answer_is_its_bridge(
    home: Services,
) -> None:
    home.interviews.add("Acme", LATER_TODAY)
    home.interviews.need("Acme", "Kafka at scale")
    written = Card(
        id="on-call",
        prompt="They need on-call cover: what have you done that shows it?",
        answer="  A year on the weekend rota; I cut the pages by half.  ",
        kind=Kind.COMPANY_NEED,
    )
    home._store.decks.append_card(
        "my-interview-acme", "Interview: Acme", written, source="personal", now=NOW
    )
    first, second = home.day_of("Acme").needs
    assert (first.need, first.bridge, first.bridge_text) == ("Kafka at scale", "", NO_BRIDGE)
    assert "nothing written yet" in NO_BRIDGE.lower()
    assert second.need == "on-call cover"
    assert (
        second.bridge
        == second.bridge_text
        == "A year on the weekend rota; I cut the pages by half."
    )


def test_sections_without_a_card_keep_their_reminder(home: Services) -> None:
    home.interviews.add("Acme", LATER_TODAY, decks=["tough-questions"])
    checklist = home.day_of("Acme")
    assert checklist.needs == ()
    assert [c.title for c in checklist.contingencies] == TITLES
    for contingency in checklist.contingencies:
        assert contingency.cards == ()
        assert contingency.reminder and "\n" not in contingency.reminder
    # Questions come from the decks it is about only.
    assert {question.card_id for question in checklist.questions} == {
        "any-questions-for-us",
        "question-for-panel-about-culture",
    }


def test_paused_removed_decks_and_suspended_cards_are_left_out(home: Services) -> None:
    home.interviews.add(
        "Acme", LATER_TODAY, decks=["tough-questions", "contingency-scenarios", "interview-formats"]
    )
    before = card_ids(home.day_of("Acme"))
    assert before["Travel delay"] and before["The video call failing"]
    home.library.set_paused("contingency-scenarios", True)
    home.library.remove("tough-questions")
    checklist = home.day_of("Acme")
    # The user's own pitch card stays: it is in no deck the interview names.
    assert [card.card_id for card in checklist.pitch] == ["pitch"]
    left = {card.deck_id for contingency in checklist.contingencies for card in contingency.cards}
    assert left == {"interview-formats"}
    home.library.set_paused("contingency-scenarios", False)
    home._store.cards.set_suspended("contingency-scenarios", "traffic-running-late", True)
    again = card_ids(home.day_of("Acme"))
    assert again["Travel delay"] == [
        "late-by-own-fault",
        "flight-delayed-evening-before",
        "flight-cancelled",
    ]


def test_the_interviews_own_deck_removed_leaves_no_needs(home: Services) -> None:
    home.interviews.add("Acme", LATER_TODAY)
    home.interviews.need("Acme", "Kafka at scale")
    home.library.remove("my-interview-acme")
    assert home.day_of("Acme").needs == ()


def test_an_unknown_interview_is_not_found(home: Services) -> None:
    with pytest.raises(NotFoundError, match='no interview named "Nobody"'):
        home.day_of("Nobody")


def test_tags_match_whatever_their_case_and_cards_keep_the_decks_order(home: Services) -> None:
    cards = (
        Card(id="intro", prompt="Your sixty seconds?", answer="Me.", tags=("Pitch",)),
        Card(
            id="train",
            prompt="The train is cancelled.",
            answer="Call them.",
            kind=Kind.SCENARIO,
            points=("Call first",),
            tags=("TRAVEL",),
        ),
        Card(id="no-points", prompt="What would you ask?", answer="", tags=("questions-to-ask",)),
    )
    home._store.decks.install(
        Deck(id="aaa-mine", title="Mine", cards=cards), source="file", content_hash="x", now=NOW
    )
    home.interviews.add("Acme", LATER_TODAY, decks=["aaa-mine", "contingency-scenarios"])
    checklist = home.day_of("Acme")
    assert [card.card_id for card in checklist.pitch] == ["pitch", "intro"]
    travel = card_ids(checklist)["Travel delay"]
    assert travel[0] == "train" and len(travel) == MOST_SCENARIOS
    # A card without points is asked by its prompt.
    assert checklist.questions[0].question == "What would you ask?"


def test_a_large_deck_without_the_tags_keeps_it_quick(home: Services) -> None:
    cards = tuple(
        Card(id=f"c{number}", prompt=f"Question {number}?", answer="Answer.", tags=("drill",))
        for number in range(10_000)
    )
    home._store.decks.install(
        Deck(id="big", title="Big", cards=cards), source="file", content_hash="x", now=NOW
    )
    home.interviews.add("Acme", LATER_TODAY)
    started = time.perf_counter()
    checklist = home.day_of("Acme")
    took = time.perf_counter() - started
    assert checklist.pitch
    # Generous for a slow machine: reading every card into Python took several times this.
    assert took < 1.0, took


@pytest.mark.parametrize(
    ("at", "expected"),
    [
        (NOW + timedelta(hours=4), True),
        # Before the day start hour (4:00) the app day is still today's.
        (datetime(2026, 11, 26, 3, 30, tzinfo=UTC), True),
        (datetime(2026, 11, 26, 4, 30, tzinfo=UTC), False),
        (NOW, False),  # its time has come
        (NOW - timedelta(hours=1), False),
    ],
)
def test_the_interview_day_is_the_app_day_of_an_interview_still_to_come(
    at: datetime, expected: bool
) -> None:
    assert is_interview_day(at, NOW, 4) is expected
