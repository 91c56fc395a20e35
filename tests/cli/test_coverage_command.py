"""``prepdeck coverage``: its JSON, its lines for people, and its refusals."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from prepdeck.domain.cards import Card, Deck
from prepdeck.domain.sources import DeckSource
from prepdeck.paths import locations
from prepdeck.services import open_services
from tests.cli.conftest import assert_user_error, run_json
from tests.cli.helpers import run_prepdeck


@pytest.fixture
def home(isolated_home: Path) -> Path:
    """The deck star: conflict (tagged star, a story), ask (an answer), plain (neither);
    the interview Acme on it."""
    with open_services(locations(isolated_home)) as services:
        now = services.clock.now()
        services._store.decks.install(
            Deck(
                id="star",
                title="Stars",
                cards=(
                    Card("conflict", "A conflict?", "A.", tags=("star", "conflict")),
                    Card("ask", "Why us?", "A."),
                    Card("plain", "What is DNS?", "A."),
                ),
            ),
            source=DeckSource.FILE,
            content_hash="star",
            now=now,
        )
        story = services.stories.add(title="Hard talk", situation="S.", action="A.", result="R.")
        services.stories.link(story.id, "star/conflict")
        services.answers.set("star", "ask", "Because.")
        services.interviews.add("Acme", now + timedelta(days=2), decks=["star"])
    return isolated_home


def test_json_has_the_contracts_keys_and_every_uncovered_card(home: Path) -> None:
    assert run_json("coverage", "--deck", "star", "--json", home=home) == {
        "cards": 3,
        "with_answer": 1,
        "with_story": 1,
        "uncovered": [{"deck_id": "star", "card_id": "plain", "prompt": "What is DNS?"}],
    }


def test_people_read_the_figures_the_uncovered_cards_and_the_advice(home: Path) -> None:
    done = run_prepdeck("coverage", "--interview", "acme", home=home)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[:4] == [
        "Cards             3",
        "With your answer  1",
        "With a story      1",
        "With neither      1",
    ]
    assert "  star/plain  What is DNS?" in lines
    assert any(line.startswith("Your bank holds 1 story. 5 to 10 stories") for line in lines)
    # The one story question has a story, so none is named as likely without one.
    assert not any(line.startswith("Likely at") for line in lines)


def test_refusals_are_one_line(home: Path) -> None:
    both = run_prepdeck("coverage", "--deck", "star", "--interview", "Acme", home=home)
    assert_user_error(both, "coverage: give --interview or --deck, not both")
    assert_user_error(
        run_prepdeck("coverage", "--interview", "Nobody", "--json", home=home),
        'no interview named "Nobody"',
    )
    assert_user_error(
        run_prepdeck("coverage", "--deck", "nope", home=home), "no installed deck 'nope'"
    )
