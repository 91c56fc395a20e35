"""Every screen reads the same figure the same way: what the home says is due or new is
what the drill, the summary, the browser and ``deck list`` say."""

from __future__ import annotations

import re
from datetime import timedelta

from prepdeck.clock import FixedClock
from prepdeck.srs import Rating
from prepdeck.tui.app import PrepdeckApp
from prepdeck.tui.screens.browser import BrowserScreen
from prepdeck.tui.screens.catch_up import CatchUpScreen
from prepdeck.tui.screens.drill import DrillScreen
from prepdeck.tui.screens.home import HomeScreen
from prepdeck.tui.screens.summary import SummaryScreen
from tests.tui.fakes import START
from tests.tui.homes import (
    SIZE,
    home_app,
    install_bundled,
    make_overdue,
    open_test_home,
    review,
    text,
    tile,
)


async def test_a_new_card_buried_in_a_drill_frees_its_slot() -> None:
    home = open_test_home()
    with home:
        app = home_app(home)
        async with app.run_test(size=SIZE) as pilot:
            assert tile(app, "new-today") == "10"
            await pilot.press("a")
            await pilot.pause()
            assert isinstance(app.screen, DrillScreen)
            assert text(app, "#card-progress") == "0 done · 10 left"
            await pilot.press("b")
            await pilot.pause()
            assert text(app, "#card-progress") == "0 done · 10 left"
            await pilot.press("exclamation_mark")
            await pilot.pause()
            assert text(app, "#card-progress") == "0 done · 10 left"
            await pilot.press("q", "q")
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)
            assert tile(app, "new-today") == "10"


def due_in_its_sentence(app: PrepdeckApp) -> int:
    hint = text(app, "#home-hint")
    found = re.match(r"(\d+) cards are due now", hint)
    assert found is not None, hint
    return int(found.group(1))


async def test_the_homes_due_figure_is_the_one_in_its_sentence_and_in_deck_list() -> None:
    # Five reviews due under a cap of three, and two cards mid-step: behind, with seven due.
    home = open_test_home("reviews_per_day = 3\n")
    install_bundled(home)
    make_overdue(home, "tough-questions", 5)
    for card in home._store.decks.cards("company-needs")[:2]:
        review(home, "company-needs", card.card_id, (Rating.AGAIN, START - timedelta(hours=1)))
    with home:
        listed = sum(row.due for row in home.deck_overview())
        app = home_app(home)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, CatchUpScreen)  # opened by itself: behind
            await pilot.press("q")
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)
            assert int(tile(app, "due-now")) == due_in_its_sentence(app) == listed == 7
            assert "today's drill takes 5 of them" in text(app, "#home-hint")


async def test_a_summary_with_cards_still_due_says_they_are_due_now() -> None:
    home = open_test_home()
    install_bundled(home)
    make_overdue(home, "tough-questions", 3)
    # A card mid-step, due again in a few minutes: the next card to fall due.
    stepping = home._store.decks.cards("company-needs")[0].card_id
    review(home, "company-needs", stepping, (Rating.HARD, START - timedelta(minutes=1)))
    with home:
        app = home_app(home)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("a")
            await pilot.pause()
            assert isinstance(app.screen, DrillScreen)
            await pilot.press("q")
            await pilot.pause()
            assert isinstance(app.screen, SummaryScreen)
            values = [str(value.render()) for value in app.screen.query(".summary-value")]
            assert values[0] == "0"
            assert values[3] == "now (3 cards due)"


async def test_the_browser_and_the_home_say_the_same_wait_for_the_same_card() -> None:
    home = open_test_home("new_per_day = 0\n")
    install_bundled(home)
    # Failed 30 seconds ago: its one-minute step ends 30 seconds from now.
    failed = home._store.decks.cards("tough-questions")[0].card_id
    review(home, "tough-questions", failed, (Rating.AGAIN, START - timedelta(seconds=30)))
    with home:
        app = home_app(home)
        async with app.run_test(size=SIZE) as pilot:
            assert "The next card is due in 1m " in text(app, "#home-hint")
            await pilot.press("slash")
            await pilot.pause()
            browser = app.screen
            assert isinstance(browser, BrowserScreen)
            # The browser lists its first 200 hits: name the deck so the card is among them
            # whatever the other bundled decks hold.
            browser.search_box.focus()
            await pilot.press(*"deck:tough-questions", "enter")
            await pilot.pause()
            cell = browser.results.get_cell(f"tough-questions/{failed}", "due")
            assert str(cell) == "in 1m"


async def test_nothing_to_drill_with_cards_due_says_the_limits_hold_them_back() -> None:
    home = open_test_home("reviews_per_day = 0\nnew_per_day = 0\n")
    install_bundled(home)
    make_overdue(home, "tough-questions", 3)
    with home:
        app = home_app(home)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("q")  # the catch-up plan, opened by itself
            await pilot.press("a")
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)
            [notice] = list(app._notifications)
            assert notice.title == "Nothing to drill right now"
            assert notice.message == "3 cards are due, held back by today's review limits."
            assert tile(app, "due-now") == "3"


async def test_the_home_shows_a_card_falling_due_while_it_sits_on_screen() -> None:
    home = open_test_home()
    with home:
        install_bundled(home)
        # Failed a minute ago: back in a learning step that falls due in a few minutes.
        review(home, "tough-questions", "tell-me-about-yourself", (Rating.AGAIN, START))
        due_at = home._store.queue.next_due(home.clock.now())
        assert due_at is not None
        app = home_app(home)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, HomeScreen)
            assert tile(app, "due-now") == "0"
            # The home means to look again a moment after the card falls due, by itself.
            wait = (due_at - home.clock.now()).total_seconds()
            assert wait < screen.refresh_wait() <= wait + 2
            clock = home.clock
            assert isinstance(clock, FixedClock)
            clock.advance(timedelta(seconds=screen.refresh_wait()))
            await screen.refresh_on_time()
            await pilot.pause()
            assert tile(app, "due-now") == "1"
            # Nothing else falls due today: the next look is when the day turns.
            assert screen.refresh_wait() > 3600
