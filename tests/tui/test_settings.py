"""The settings form: checked like config.toml at start-up, saved so it reloads the same."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.app import App
from textual.screen import Screen
from textual.widgets import Input, OptionList, Select, Static

from prepdeck.config import Config, load_config
from prepdeck.tui.dialogs.settings import SettingsScreen

SIZE = (80, 24)


class Host(App[None]):
    def __init__(self, make: Callable[[], Screen[Any]]) -> None:
        super().__init__()
        self._make = make
        self.dismissed: list[object] = []

    def on_mount(self) -> None:
        self.push_screen(self._make(), self.dismissed.append)


def settings_app(path: Path, config: Config) -> Host:
    return Host(lambda: SettingsScreen(path, config))


async def retype(pilot: Any, selector: str, text: str) -> None:
    box = pilot.app.screen.query_one(selector, Input)
    box.focus()
    box.value = ""
    await pilot.press(*text)


def error_text(app: App[None]) -> str:
    return str(app.screen.query_one("#settings-error", Static).render())


async def test_saved_settings_reload_the_same_and_come_back_to_the_app(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    # The form shows none of the keymap, the token of prepdeck serve, the speech model,
    # keeping recordings and the sync remote; all are kept.
    start = Config(
        keymap={"reveal": "r"},
        serve_token="kept-for-the-tablet-2026",
        speech_model="~/models/small.en",
        keep_audio=True,
        sync_remote="~/Sync/prepdeck",
    )
    app = settings_app(path, start)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await retype(pilot, "#setting-desired_retention", "0.85")
        await retype(pilot, "#setting-new_per_day", "25")
        await retype(pilot, "#setting-reviews_per_day", "150")
        await retype(pilot, "#setting-day_start_hour", "0")
        app.screen.query_one("#setting-theme", Select).value = "textual-light"
        await pilot.press("ctrl+s")
        await pilot.pause()
    expected = Config(
        desired_retention=0.85,
        new_per_day=25,
        reviews_per_day=150,
        day_start_hour=0,
        theme="textual-light",
        keymap={"reveal": "r"},
        serve_token="kept-for-the-tablet-2026",
        speech_model="~/models/small.en",
        keep_audio=True,
        sync_remote="~/Sync/prepdeck",
    )
    assert app.dismissed == [expected]
    assert load_config(path) == expected


async def test_the_theme_menu_offers_the_app_themes(tmp_path: Path) -> None:
    app = settings_app(tmp_path / "config.toml", Config())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        select: Select[str] = app.screen.query_one("#setting-theme", Select)
        assert select.value == "textual-dark"
        menu = select.query_one(OptionList)
        offered = {str(menu.get_option_at_index(i).prompt) for i in range(menu.option_count)}
        assert offered == set(app.available_themes)


async def test_an_unknown_theme_is_kept_selectable(tmp_path: Path) -> None:
    app = settings_app(tmp_path / "config.toml", Config(theme="my-own"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert load_config(tmp_path / "config.toml").theme == "my-own"


async def test_bad_values_show_the_config_message_and_save_nothing(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("new_per_day = 3\n", encoding="utf-8")
    app = settings_app(path, Config(new_per_day=3))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await retype(pilot, "#setting-day_start_hour", "24")
        await retype(pilot, "#setting-desired_retention", "lots")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
        assert error_text(app).splitlines() == [
            "config.toml: desired_retention: must be a number from 0.70 to 0.99",
            "config.toml: day_start_hour: must be 0-23",
        ]
        invalid = {w.id for w in app.screen.query(".setting Input") if w.has_class("-invalid")}
        assert invalid == {"setting-desired_retention", "setting-day_start_hour"}
        # Fixed, it saves, and the marks go.
        await retype(pilot, "#setting-desired_retention", "0.9")
        await retype(pilot, "#setting-day_start_hour", "5")
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert load_config(path).day_start_hour == 5
    assert app.dismissed == [Config(new_per_day=3, day_start_hour=5)]


async def test_a_fraction_where_a_whole_number_belongs_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    app = settings_app(path, Config())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await retype(pilot, "#setting-new_per_day", "2.5")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert error_text(app) == "config.toml: new_per_day: must be a whole number 0-10000"
    assert not path.exists()


async def test_escape_leaves_the_file_alone(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    app = settings_app(path, Config())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await retype(pilot, "#setting-new_per_day", "50")
        await pilot.press("escape")
        await pilot.pause()
    assert app.dismissed == [None]
    assert not path.exists()


def invalid_fields(app: App[None]) -> set[str | None]:
    return {w.id for w in app.screen.query(".setting Input") if w.has_class("-invalid")}


async def test_each_error_goes_as_soon_as_its_field_is_fixed(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    app = settings_app(path, Config())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await retype(pilot, "#setting-day_start_hour", "24")
        await retype(pilot, "#setting-desired_retention", "lots")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert len(error_text(app).splitlines()) == 2
        await retype(pilot, "#setting-desired_retention", "0.8")
        await pilot.pause()
        # Only the problem still there is named, before any save.
        assert error_text(app) == "config.toml: day_start_hour: must be 0-23"
        assert invalid_fields(app) == {"setting-day_start_hour"}
        await retype(pilot, "#setting-day_start_hour", "6")
        await pilot.pause()
        assert error_text(app) == ""
        assert invalid_fields(app) == set()
        assert isinstance(app.screen, SettingsScreen)
    # Checking as the user types never saves: only ctrl+s does.
    assert not path.exists()


# -- the memory model ---------------------------------------------------------------------


def model_line(app: App[None]) -> str:
    return str(app.screen.query_one("#settings-model", Static).render())


async def test_settings_offer_a_fit_and_apply_it_in_a_worker() -> None:
    from textual.widgets import Button

    from prepdeck.tui.app import PrepdeckApp
    from tests.domain.forgetful import forgetful_reviews
    from tests.domain.histories import install
    from tests.tui.homes import home_app, open_test_home

    with open_test_home() as home:
        card_ids = install(home._store, "star", 150, now=home.clock.now())
        home.reviews.import_reviews(forgetful_reviews("star", card_ids, reviews_per_card=8))
        app: PrepdeckApp = home_app(home)
        async with app.run_test(size=(100, 30)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            await pilot.press("comma")
            await pilot.pause()
            assert isinstance(app.screen, SettingsScreen)
            assert "FSRS's default parameters; your log holds 1,200 reviews" in model_line(app)
            app.screen.query_one("#settings-optimise", Button).press()
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            line = model_line(app)
            assert line.startswith("Applied your own parameters: log loss ")
            assert "150 cards rescheduled" in line
            assert not app.screen.query("#settings-optimise")
            in_force = home._store.parameters.in_force()
            assert in_force is not None
            # The app schedules with the new set from now on.
            assert home.scheduler.parameters == in_force.parameters
            await pilot.press("escape")
            await pilot.pause()
            await pilot.press("comma")
            await pilot.pause()
            # Reopened: the fit's date and gain, and no offer until the log grows by half.
            line = model_line(app)
            assert line.startswith("Memory model: fitted 2026-11-25 on ")
            assert "better)" in line
            assert not app.screen.query("#settings-optimise")
