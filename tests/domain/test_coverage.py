"""Coverage on a known set: which cards have an own answer, a story, or neither, in each
scope, and which cards ask for a story."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from prepdeck.clock import FixedClock
from prepdeck.domain.cards import Card, Deck
from prepdeck.domain.pitch import PITCH_CARD_ID, PITCH_DECK_ID, PITCH_PROMPT
from prepdeck.domain.sources import DeckSource
from prepdeck.errors import NotFoundError
from prepdeck.prep.coverage import UncoveredCard
from prepdeck.services import Services, open_services

NOW = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)

# File order differs from id order, so the listing's order shows which one it follows.
ALPHA = (
    Card("zeta", "Tell me about a conflict.", "A.", tags=("star", "conflict")),
    Card("yak", "Why this job?", "A."),
    Card("xray", "Tell me about a failure.", "A.", tags=("STAR", "failure")),
    Card("wolf", "Retired by the next version.", "A.", tags=("star",)),
    Card("vole", "What is a VLAN?", "A."),
    Card("ant", "Tell me about pressure.", "A.", tags=("star", "pressure")),
)


def install(
    services: Services, deck_id: str, cards: tuple[Card, ...], tags: tuple[str, ...] = ()
) -> None:
    deck = Deck(id=deck_id, title=deck_id.title(), cards=cards, tags=tags)
    services._store.decks.install(deck, source=DeckSource.FILE, content_hash=deck_id, now=NOW)


@pytest.fixture
def home() -> Iterator[Services]:
    """alpha: zeta (star, a story), yak (an answer), xray (STAR, both), wolf (retired, both),
    vole (neither), ant (star, neither); beta, tagged star as a deck: b1 (neither), b2 (an
    answer); gamma, paused: g1; the interview Acme on alpha, with one need; a story, whose
    card of my-stories has neither; an answer to a card never installed."""
    with open_services(sync_bundled=False, clock=FixedClock(NOW)) as services:
        install(services, "alpha", ALPHA)
        install(
            services,
            "beta",
            (Card("b1", "B one?", "A."), Card("b2", "B two?", "A.")),
            tags=("star",),
        )
        install(services, "gamma", (Card("g1", "G one?", "A."),))
        services.library.set_paused("gamma", True)
        story = services.stories.add(
            title="Late release", situation="S.", action="A.", result="R.", tags=("star",)
        )
        for ref in ("alpha/zeta", "alpha/xray", "alpha/wolf"):
            services.stories.link(story.id, ref)
        services._store.answers.save_many(
            [
                ("alpha", "yak", "Mine."),
                ("alpha", "xray", "Mine."),
                ("alpha", "wolf", "Mine."),
                ("beta", "b2", "Mine."),
                ("ghost", "x", "Mine."),
            ],
            at=NOW,
        )
        install(services, "alpha", tuple(card for card in ALPHA if card.id != "wolf"))
        services.interviews.add("Acme", NOW + timedelta(days=3), decks=["alpha"])
        services.interviews.need("Acme", "Kafka at scale")
        yield services


def need_id(services: Services) -> str:
    [need] = services.interviews.needs("Acme")
    return need.id


def test_every_active_deck_counts_the_active_cards_of_decks_not_paused(home: Services) -> None:
    report = home.coverage()
    # The pitch card came with the interview, in a deck of its own, and is not written yet.
    assert (report.cards, report.with_answer, report.with_story) == (9, 3, 2)
    assert report.uncovered == [
        UncoveredCard("alpha", "vole", "What is a VLAN?"),
        UncoveredCard("alpha", "ant", "Tell me about pressure."),
        UncoveredCard("beta", "b1", "B one?"),
        UncoveredCard(
            "my-interview-acme",
            need_id(home),
            "They need Kafka at scale: what have you done that shows it?",
        ),
        UncoveredCard(PITCH_DECK_ID, PITCH_CARD_ID, PITCH_PROMPT),
    ]
    assert report.uncovered_count == 5
    assert home.coverage(limit=1).uncovered == report.uncovered[:1]
    assert home.coverage(limit=1).uncovered_count == 5
    assert home.coverage().contract() == {
        "cards": 9,
        "with_answer": 3,
        "with_story": 2,
        "uncovered": [card._asdict() for card in report.uncovered],
    }


def test_an_interview_covers_its_decks_and_needs_and_a_deck_its_own(home: Services) -> None:
    interview = home.coverage(interview="acme")
    assert (interview.cards, interview.with_answer, interview.with_story) == (6, 2, 2)
    assert [card.card_id for card in interview.uncovered] == ["vole", "ant", need_id(home)]
    paused = home.coverage(deck_id="gamma")
    assert (paused.cards, paused.with_answer, paused.with_story) == (1, 0, 0)
    assert paused.uncovered == [UncoveredCard("gamma", "g1", "G one?")]
    with pytest.raises(NotFoundError, match="no interview named"):
        home.coverage(interview="Nobody")
    with pytest.raises(NotFoundError, match="no installed deck 'nope'"):
        home.coverage(deck_id="nope")
    with pytest.raises(NotFoundError, match="my-stories holds your stories"):
        home.coverage(deck_id="my-stories")


def test_story_questions_are_tagged_star_by_the_card_or_an_interviews_needs(
    home: Services,
) -> None:
    every = home.story_coverage()
    # A deck's own tag does not make its cards story questions (beta); the drill cards of
    # my-stories are never questions, though the story is tagged star.
    assert [(q.deck_id, q.card_id) for q in every.questions] == [
        ("alpha", "zeta"),
        ("alpha", "xray"),
        ("alpha", "ant"),
        ("my-interview-acme", need_id(home)),
    ]
    acme = home.story_coverage(interview="Acme")
    assert [story.id for story in acme.stories] == ["late-release"]
    by_card = {q.card_id: (q.answered, q.stories, q.covered) for q in acme.questions}
    assert by_card["zeta"] == (False, ("late-release",), True)
    assert by_card["xray"] == (True, ("late-release",), True)
    assert by_card["ant"] == (False, (), False)
    # The interview's own needs first: they are what it is about.
    assert [q.card_id for q in acme.without_story] == [need_id(home), "ant"]
    assert acme.themes_without_story() == ["pressure"]
    assert "5 to 10 stories" in acme.advice()
    assert "about pressure" in acme.advice()
