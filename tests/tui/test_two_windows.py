"""Two copies of prepdeck on one home: settings saved in one are the ones the other uses."""

from __future__ import annotations

import os
from pathlib import Path

from textual.widgets import Input

from prepdeck.config import load_config
from prepdeck.tui.dialogs.settings import SettingsScreen
from tests.tui.homes import SIZE, home_app, open_test_home


def saved_by_the_other_copy(path: Path, text: str) -> None:
    """Write ``text`` in place, its date a second on: a file system that keeps whole
    seconds would otherwise show no change within the test's second."""
    path.write_text(text, encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))


async def test_settings_saved_in_one_copy_are_seen_by_the_other() -> None:
    first_home = open_test_home("new_per_day = 4\n")
    second_home = open_test_home()
    with first_home, second_home:
        first, second = home_app(first_home), home_app(second_home)
        async with first.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("comma")
            await pilot.pause()
            box = first.screen.query_one("#setting-new_per_day", Input)
            box.focus()
            box.value = ""
            await pilot.press(*"25", "ctrl+s")
            await pilot.pause()
            assert not isinstance(first.screen, SettingsScreen)
        async with second.run_test(size=SIZE) as pilot:
            await pilot.pause()
            # The form offers what is in the file now, not what this copy read at its start,
            # so saving here does not undo the other copy's change.
            await pilot.press("comma")
            await pilot.pause()
            assert second.screen.query_one("#setting-new_per_day", Input).value == "25"
            assert second_home.config.new_per_day == 25


async def test_a_drill_started_after_the_file_changed_uses_the_new_settings() -> None:
    home = open_test_home("day_start_hour = 4\n")
    with home:
        app = home_app(home)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            path = home.locations.config
            # As another copy would: a new file renamed over the old one.
            fresh = path.with_name("config.new")
            fresh.write_text("day_start_hour = 6\nnew_per_day = 2\n", encoding="utf-8")
            fresh.replace(path)
            await pilot.press("a")
            await pilot.pause()
            assert home.config.new_per_day == 2
            assert app.config.day_start_hour == 6
            assert "2 left" in str(app.screen.query_one("#card-progress").render())


async def test_a_broken_file_from_the_other_copy_is_reported_and_the_settings_kept() -> None:
    home = open_test_home("new_per_day = 4\n")
    with home:
        app = home_app(home)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            path = home.locations.config
            saved_by_the_other_copy(path, "new_per_day = -3\n")
            await pilot.press("comma")
            await pilot.pause()
            assert app.screen.query_one("#setting-new_per_day", Input).value == "4"
            messages = [n.message for n in app._notifications]
            assert any("config.toml: new_per_day: must be 0-10000" in m for m in messages)


async def test_saving_an_open_form_keeps_what_the_other_copy_saved_meanwhile() -> None:
    home = open_test_home('new_per_day = 4\n[keymap]\nskip = "k"\n')
    with home:
        app = home_app(home)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("comma")
            await pilot.pause()
            path = home.locations.config
            # The other copy saves while this form is open, and this window gets focus back.
            saved_by_the_other_copy(
                path, 'new_per_day = 7\nday_start_hour = 6\n[keymap]\nskip = "j"\n'
            )
            app.reload_changed_config()
            box = app.screen.query_one("#setting-reviews_per_day", Input)
            box.focus()
            box.value = ""
            await pilot.press(*"150", "ctrl+s")
            await pilot.pause()
            assert not isinstance(app.screen, SettingsScreen)
        saved = load_config(path)
        # Only the field typed here is this window's; the rest is the other copy's.
        assert (saved.reviews_per_day, saved.new_per_day, saved.day_start_hour) == (150, 7, 6)
        assert saved.keymap == {"skip": "j"}
        assert home.config == saved


async def test_a_retention_saved_by_the_other_copy_schedules_the_next_cards() -> None:
    home = open_test_home("desired_retention = 0.9\n")
    with home:
        app = home_app(home)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert home.scheduler.desired_retention == 0.9
            saved_by_the_other_copy(home.locations.config, "desired_retention = 0.8\n")
            app.reload_changed_config()
            assert home.scheduler.desired_retention == 0.8
