"""Pictures of the home and its help at 80x24, reviewed by eye; time stands still in them.

Update after a deliberate change with ``pytest tests/tui --snapshot-update`` and look at
the new pictures before committing them.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from datetime import timedelta

import pytest

from prepdeck.services import Services
from prepdeck.srs import Rating
from prepdeck.store import ImportedReview
from tests.tui.fakes import START
from tests.tui.homes import REPLAY, home_app, install_bundled, make_leech, open_test_home

SnapCompare = Callable[..., bool]


@pytest.fixture(autouse=True)
def utc_and_colour(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    # Dates on the home must not depend on where the tests run, and the pictures are
    # worth more with the theme's colours in them.
    monkeypatch.setenv("TZ", "UTC")
    monkeypatch.delenv("NO_COLOR", raising=False)
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def lived_in(config: str | None = None) -> Services:
    """Bundled decks, a deck paused, one with its own limits, two days of reviews, a leech."""
    home = open_test_home(config)
    install_bundled(home)
    home._store.decks.set_paused("interview-collateral", True)
    home._store.decks.set_limits("company-needs", new_per_day=3, reviews_per_day=None)
    cards = home._store.decks.cards("tough-questions")
    home._store.reviews.import_reviews(
        [
            ImportedReview(
                "tough-questions",
                card.card_id,
                Rating.GOOD,
                START - timedelta(days=days, minutes=index),
                duration_ms=95_000,
            )
            for index, card in enumerate(cards[:3])
            for days in (1, 0)
        ],
        scheduler=REPLAY,
        day_of=lambda moment: moment.date(),
    )
    make_leech(home, "tough-questions", cards[5].card_id)
    return home


def test_home_with_a_history(snap_compare: SnapCompare) -> None:
    """Top bar with the date; tiles: 1 due (the leech, back in a learning step), 10 new
    today (yesterday's first reviews do not count), 3 reviews today taking 4m, a 2-day
    streak and 1 leech in warning colour; the hint; the decks by title with Collateral
    dimmed and marked paused, Company needs marked `new 3` with 3 new today; the footer."""
    with lived_in() as home:
        assert snap_compare(home_app(home), terminal_size=(80, 24))


def test_home_in_the_light_theme(snap_compare: SnapCompare) -> None:
    """The same home in textual-light: every part still readable."""
    with lived_in('theme = "textual-light"\n') as home:
        assert snap_compare(home_app(home), terminal_size=(80, 24))


def test_help_over_the_home(snap_compare: SnapCompare) -> None:
    """The key list over the home: Home keys, then the deck list's, then those that work
    everywhere, scrolled to the top with its border title Keys."""
    with lived_in() as home:
        assert snap_compare(home_app(home), press=["question_mark"], terminal_size=(80, 24))


def test_card_browser_on_a_search(snap_compare: SnapCompare) -> None:
    """The browser over the lived-in home, searched for `traffic`: the search box with its
    syntax line, the count of cards found, the table of deck, card, kind, state, due and
    prompt, and below it the first card's deck, id, kind, state, reviews and prompt."""
    with lived_in() as home:
        assert snap_compare(
            home_app(home), press=["slash", *"traffic", "enter"], terminal_size=(80, 24)
        )
