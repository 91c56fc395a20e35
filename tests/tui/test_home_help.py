"""Help lists every key of the screen it is opened over; the command palette runs commands."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import Static

from prepdeck.tui.app import PrepdeckApp
from prepdeck.tui.dialogs.help import HelpScreen
from prepdeck.tui.keys import bindings_of
from prepdeck.tui.screens.drill import DrillScreen
from prepdeck.tui.screens.home import HomeScreen
from prepdeck.tui.screens.summary import SummaryScreen
from tests.tui.conftest import Build
from tests.tui.homes import SIZE, home_app, open_test_home


def help_rows(app: PrepdeckApp) -> dict[str, str]:
    """What each key does, to the keys that do it, as the help shows them."""
    assert isinstance(app.screen, HelpScreen)
    return {
        str(row.query_one(".help-text", Static).render()): str(
            row.query_one(".help-key", Static).render()
        )
        for row in app.screen.query(".help-row")
    }


def help_titles(app: PrepdeckApp) -> list[str]:
    return [str(title.render()) for title in app.screen.query(".help-title")]


def described(bindings: list[Binding]) -> set[str]:
    """What the first binding of each id says it does: bindings sharing an id share a row."""
    first: dict[str, str] = {}
    for binding in bindings:
        text = binding.tooltip or binding.description
        first.setdefault(binding.id or binding.action, text)
    return set(first.values())


async def test_help_on_the_home_lists_every_key_of_the_home() -> None:
    home = open_test_home('[keymap]\nleeches = "v"\n')
    with home:
        app = home_app(home)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("question_mark")
            await pilot.pause()
            rows = help_rows(app)
            assert described(bindings_of(HomeScreen.BINDINGS)) <= set(rows)
            assert rows["Drill the selected deck"] == "⏎, d"
            assert rows["Cards you keep failing: suspend them or write your own"] == "v"
            assert rows["Next deck"] == "↓, j"
            assert rows["Commands"] == "^p"
            assert rows["Quit prepdeck"] == "q"
            assert help_titles(app) == ["Home", "Deck list", "Everywhere"]
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)


async def test_help_on_the_drill_groups_its_keys_and_lists_all_point_keys(build: Build) -> None:
    app, _, _ = build()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        rows = help_rows(app)
        assert help_titles(app) == ["Answer", "Grade", "Card", "Session", "Everywhere"]
        expected = described(bindings_of(DrillScreen.BINDINGS))
        # The sixteen point keys share one row.
        points = {text for text in expected if text.startswith("Tick or untick key point")}
        assert len(points) == 16
        assert expected - points <= set(rows)
        assert rows["Tick or untick key point 1–16"] == "a s f g h j k l w e t y i o p z"


async def test_help_on_the_summary_lists_its_keys(build: Build) -> None:
    app, _, _ = build()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space", "3", "q")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("question_mark")
        await pilot.pause()
        rows = help_rows(app)
        assert rows["Take back the last step"] == "u"
        assert rows["Leave the drill"] == "q, esc, ⏎"


async def test_the_palette_starts_a_drill_of_one_deck() -> None:
    home = open_test_home()
    with home:
        app = home_app(home)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("ctrl+p")
            await pilot.pause()
            await pilot.press(*"Drill Tough questions")
            await pilot.pause(0.3)
            await pilot.press("enter")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, DrillScreen)
            shown = screen.session.current
            assert shown is not None and shown.deck_id == "tough-questions"


async def test_the_palette_and_t_toggle_the_theme_for_this_run_only() -> None:
    home = open_test_home('theme = "nord"\n')
    with home:
        app = home_app(home)
        async with app.run_test(size=SIZE) as pilot:
            assert app.theme == "nord"
            await pilot.press("ctrl+p")
            await pilot.pause()
            await pilot.press(*"light theme")
            await pilot.pause(0.3)
            await pilot.press("enter")
            await pilot.pause()
            assert app.theme == "textual-light"
            await pilot.press("t")
            await pilot.pause()
            # Back to the dark theme the user chose, not just any dark theme.
            assert app.theme == "nord"
    assert 'theme = "nord"' in home.locations.config.read_text(encoding="utf-8")


async def test_help_on_the_browser_lists_each_key_once() -> None:
    # Suspend and unsuspend share `s` under one id, as bury and unbury share `b`.
    home = open_test_home()
    with home:
        app = home_app(home)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("slash")
            await pilot.pause()
            app.screen.set_focus(None)
            await pilot.press("question_mark")
            await pilot.pause()
            rows = help_rows(app)
            assert rows["Suspend the card (out of every queue), or unsuspend it"] == "s"
            assert rows["Bury the card until tomorrow, or unbury it"] == "b"
