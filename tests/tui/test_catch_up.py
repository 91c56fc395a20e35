"""The catch-up view: opened by itself once when the cap cannot take what is due, or on `c`."""

from __future__ import annotations

from datetime import timedelta

from textual.widgets import DataTable

from prepdeck.srs import Rating
from prepdeck.tui.app import PrepdeckApp
from prepdeck.tui.screens.catch_up import CatchUpScreen
from prepdeck.tui.screens.drill import DrillScreen
from prepdeck.tui.screens.home import HomeScreen
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


def plan_rows(app: PrepdeckApp) -> list[list[str]]:
    table = app.screen.query_one("#catch-up-days", DataTable)
    return [[cell.plain for cell in table.get_row_at(i)] for i in range(table.row_count)]


async def test_the_plan_opens_by_itself_once_and_spreads_the_backlog_at_the_cap() -> None:
    home = open_test_home("reviews_per_day = 3\n")
    install_bundled(home)
    make_overdue(home, "tough-questions", 7)
    with home:
        app = home_app(home)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, CatchUpScreen)
            about = text(app, "#catch-up-about")
            assert "7 cards are overdue" in about
            assert "cap of 3 reviews a day (3 left today)" in about
            assert "take 3 days" in about
            rows = plan_rows(app)
            assert [row[:2] for row in rows] == [
                ["Today (Wed 25 Nov)", "3"],
                ["Tomorrow (Thu 26 Nov)", "3"],
                ["Fri 27 Nov", "1"],
            ]
            # Weakest first: each day's chances of recall sit below the next day's.
            lows = [int(row[2].split("%")[0]) for row in rows]
            assert lows == sorted(lows)

            await pilot.press("q")
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)
            assert "7 cards are due now; today's drill takes 3 of them" in text(app, "#home-hint")
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)  # once a run, not on every return

            await pilot.press("c")
            await pilot.pause()
            assert isinstance(app.screen, CatchUpScreen)
            await pilot.press("enter")
            await pilot.pause()
            drill = app.screen
            assert isinstance(drill, DrillScreen)
            # Today's share of the backlog, then the new cards.
            assert drill.session.left + 1 == 3 + 10


async def test_a_home_within_the_cap_opens_on_the_home() -> None:
    home = open_test_home()
    install_bundled(home)
    make_overdue(home, "tough-questions", 7)
    with home:
        app = home_app(home)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)
            await pilot.press("c")
            await pilot.pause()
            assert isinstance(app.screen, CatchUpScreen)
            assert text(app, "#catch-up-about").startswith(
                "7 cards due for review; today's drill takes them all"
            )
            assert not app.screen.query_one("#catch-up-days").display


async def test_cards_mid_step_do_not_count_against_the_review_cap() -> None:
    # The drill finishes learning steps whatever the cap: three reviews due under a cap of
    # three, and two cards mid-step, is not behind.
    home = open_test_home("reviews_per_day = 3\n")
    install_bundled(home)
    make_overdue(home, "tough-questions", 3)
    for card in home._store.decks.cards("company-needs")[:2]:
        review(home, "company-needs", card.card_id, (Rating.AGAIN, START - timedelta(hours=1)))
    with home:
        app = home_app(home)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)
            assert tile(app, "due-now") == "5"
            assert "today's drill takes" not in text(app, "#home-hint")


async def test_drilling_todays_share_with_no_reviews_left_says_so() -> None:
    # Three reviews a day, all done today: today's share of the backlog is nothing, and
    # enter must not open a drill of new cards in its place.
    home = open_test_home("reviews_per_day = 3\n")
    install_bundled(home)
    reviewed = make_overdue(home, "tough-questions", 7)
    for card_id in reviewed[:3]:
        review(home, "tough-questions", card_id, (Rating.GOOD, START - timedelta(hours=1)))
    make_overdue(home, "company-needs", 4)
    with home:
        app = home_app(home)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, CatchUpScreen)
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, CatchUpScreen)
            [notice] = list(app._notifications)
            assert notice.message.startswith("No reviews left today")
            assert notice.message.endswith("The overdue cards start on Thu 26 Nov.")
