"""The plan on screen: the home's line says the drill follows it, the drill deals today's
cards of it, and the line moves on as they are done."""

from __future__ import annotations

from datetime import UTC, datetime

from textual.pilot import Pilot

from prepdeck.domain.plural import plural
from prepdeck.services import Services
from prepdeck.tui.app import PrepdeckApp
from prepdeck.tui.screens.drill import DrillScreen
from prepdeck.tui.screens.home import HomeScreen
from prepdeck.tui.screens.summary import SummaryScreen
from prepdeck.tui.widgets.plan_line import PlanLine
from tests.tui.homes import home_app, home_screen, install_bundled, open_test_home, text

# The tests' clock starts on Wednesday 25 November 2026, 10:00 UTC.
ACME_AT = datetime(2026, 11, 30, 14, 0, tzinfo=UTC)
WIDE = (100, 30)


def planned_home() -> Services:
    home = open_test_home("minutes_per_day = 6\n")
    install_bundled(home)
    home.interviews.add("Acme", ACME_AT, decks=["tough-questions"])
    return home


async def settle(app: PrepdeckApp, pilot: Pilot[None]) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()


def plan_line(app: PrepdeckApp) -> PlanLine:
    return home_screen(app).query_one(PlanLine)


async def test_the_home_says_the_drill_follows_the_plan_with_the_plans_figures() -> None:
    with planned_home() as home:
        app = home_app(home)
        async with app.run_test(size=WIDE) as pilot:
            await settle(app, pilot)
            result = home.plan("Acme")
            shown = plan_line(app).text()
            minutes = f"{result.minutes_today:g} min"
            assert shown.startswith(f"Drill follows the plan to Acme: {result.cards_today} card")
            assert minutes in shown
            with_plan = f"{result.plan.expected_recall_with_plan:.0%}"
            without = f"{result.plan.expected_recall_without_plan:.0%}"
            assert f"recall at it {with_plan} (ordinary drill {without})" in shown


async def test_a_narrow_home_keeps_the_count_of_todays_cards() -> None:
    with planned_home() as home:
        app = home_app(home)
        async with app.run_test(size=(60, 15)) as pilot:
            await settle(app, pilot)
            shown = plan_line(app).text()
            assert len(shown) <= 58
            assert f"{home.plan('Acme').cards_today} card" in shown


async def test_no_interview_no_line() -> None:
    home = open_test_home()
    with home:
        install_bundled(home)
        app = home_app(home)
        async with app.run_test(size=WIDE) as pilot:
            await settle(app, pilot)
            assert plan_line(app).has_class("-none")


async def test_drilling_all_decks_deals_todays_planned_cards_and_the_line_moves_on() -> None:
    with planned_home() as home:
        planned = home.plan("Acme")
        first = planned.plan.days[0].cards[0]
        app = home_app(home)
        async with app.run_test(size=WIDE) as pilot:
            await settle(app, pilot)
            await pilot.press("a")
            await pilot.pause()
            assert isinstance(app.screen, DrillScreen)
            prompt = home._store.cards.get(first.deck_id, first.card_id).card.prompt
            assert text(app, "#prompt") == prompt
            # Each planned card, then its learning step: until today's plan is done.
            for _ in range(2 * planned.cards_today):
                assert isinstance(app.screen, DrillScreen)
                await pilot.press("space", "3")
                await pilot.pause()
            assert isinstance(app.screen, SummaryScreen)
            await pilot.press("q")
            await settle(app, pilot)
            assert isinstance(app.screen, HomeScreen)
            assert "nothing left today; next" in plan_line(app).text()
        # Every grade landed, on the cards the plan named.
        reviewed = {(r.deck_id, r.card_id) for r in home._store.reviews.all()}
        assert reviewed == {(card.deck_id, card.card_id) for card in planned.plan.days[0].cards}


async def test_the_summary_says_when_the_plan_asks_for_more() -> None:
    with planned_home() as home:
        planned = home.plan("Acme")
        app = home_app(home)
        async with app.run_test(size=WIDE) as pilot:
            await settle(app, pilot)
            await pilot.press("a")
            await pilot.pause()
            # One card, then leave: the rest of today's plan is still to do.
            await pilot.press("space", "3", "q")
            await pilot.pause()
            assert isinstance(app.screen, SummaryScreen)
            values = [str(value.render()) for value in app.screen.query(".summary-value")]
            left = plural(planned.cards_today - 1, "card")
            assert f"{left} of today's plan to Acme left" in values
