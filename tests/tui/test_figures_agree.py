"""Every screen reads the same figure the same way: what the home says is due or new is
what the drill, the summary, the browser and ``deck list`` say."""

from __future__ import annotations

from prepdeck.tui.screens.drill import DrillScreen
from prepdeck.tui.screens.home import HomeScreen
from tests.tui.homes import SIZE, home_app, open_test_home, text, tile


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
