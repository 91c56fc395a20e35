"""The day-of checklist screen on a real home at a fixed time: opened from the interviews
screen on any day and from the home on the interview's day, ticked, left and opened again,
and read at a small, an ordinary and a wide terminal."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from textual.widgets import Static

from prepdeck.clock import FixedClock
from prepdeck.services import Services
from prepdeck.tui.app import PrepdeckApp
from prepdeck.tui.dialogs.help import HelpScreen
from prepdeck.tui.screens.day_of import DayOfScreen
from prepdeck.tui.screens.home import HomeScreen
from prepdeck.tui.screens.interviews import InterviewsScreen
from prepdeck.tui.widgets.checklist_item import ChecklistItem
from prepdeck.tui.widgets.next_interview import NextInterview
from tests.tui.fakes import START
from tests.tui.homes import home_app, home_screen, install_bundled, open_test_home
from tests.tui.test_guide_keys import footer_entries, guide_footer_words

# START is Wednesday 25 November 2026, 10:00 UTC (and the tests' local time is UTC).
TODAY_AT = START + timedelta(hours=4)
TOMORROW_AT = datetime(2026, 11, 26, 14, 0, tzinfo=UTC)
ITEMS = 16
"""The pitch card and two tagged pitch, one need, four contingencies and eight questions."""
PITCH = "Tell me about yourself: your 60-second pitch."
HEADINGS = [
    "Your pitch",
    "Their needs and your bridges",
    "If something goes wrong",
    "Questions to ask them",
]


def a_home(at: datetime = TODAY_AT) -> Services:
    home = open_test_home()
    install_bundled(home)
    home.interviews.add("Acme", at, note="onsite, 3 rounds")
    home.interviews.need("Acme", "Kafka at scale")
    return home


def checklist(app: PrepdeckApp) -> DayOfScreen:
    shown = app.screen
    assert isinstance(shown, DayOfScreen), f"expected the checklist, got {shown!r}"
    return shown


def count(app: PrepdeckApp) -> str:
    return str(checklist(app).query_one("#day-of-count", Static).render())


def focused_line(app: PrepdeckApp) -> str:
    item = app.focused
    assert isinstance(item, ChecklistItem)
    return item.line


async def test_the_interviews_screen_opens_the_checklist_and_keeps_its_ticks() -> None:
    with a_home(TOMORROW_AT) as home:
        app = home_app(home)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("i", "o")
            await pilot.pause()
            screen = checklist(app)
            assert screen.checklist.interview == "Acme"
            assert count(app) == f"0 of {ITEMS} ready"
            headings = [str(h.render()) for h in screen.query(".day-of-heading").results(Static)]
            assert headings == HEADINGS
            lines = [item.line for item in screen.items]
            assert lines[:4] == [
                PITCH,
                "Tell me about yourself.",
                "We are almost out of time. Is there anything else you would like us to know?",
                "Kafka at scale",
            ]
            assert lines[4:8] == [
                "Travel delay",
                "Interviewer late or swapped",
                "A question you never heard",
                "The video call failing",
            ]
            # The need without an answer says so.
            [need] = [item for item in screen.items if item.line == "Kafka at scale"]
            assert "Nothing written yet" in str(
                need.query_one(".checklist-details", Static).render()
            )
            # The pitch card says how to write one's own, with the keys to press.
            hint = str(screen.items[0].query_one(".checklist-details", Static).render())
            assert hint.startswith("Not in your own words yet. Drill My pitch from the home")
            assert "(select it, press ⏎)" in hint
            assert "press m to write yours" in hint
            assert focused_line(app) == PITCH
            await pilot.press("space")
            await pilot.pause()
            assert count(app) == f"1 of {ITEMS} ready"
            assert screen.items[0].ticked
            await pilot.press("end", "enter", "k", "space")
            await pilot.pause()
            assert count(app) == f"3 of {ITEMS} ready"
            # Untick the last one again.
            await pilot.press("j", "space")
            await pilot.pause()
            assert count(app) == f"2 of {ITEMS} ready"
            await pilot.press("q")
            await pilot.pause()
            assert isinstance(app.screen, InterviewsScreen)
            # Opened again later in the run, the ticks are as they were left.
            await pilot.press("o")
            await pilot.pause()
            assert count(app) == f"2 of {ITEMS} ready"
            assert [item.ticked for item in checklist(app).items][:2] == [True, False]
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, InterviewsScreen)


async def test_the_home_opens_the_checklist_on_the_interviews_day() -> None:
    with a_home() as home:
        app = home_app(home)
        async with app.run_test(size=(100, 30)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            line = home_screen(app).query_one(NextInterview)
            today = line.text().splitlines()[1]
            assert today.startswith("It is today. o opens its checklist")
            await pilot.press("o")
            await pilot.pause()
            assert checklist(app).checklist.interview == "Acme"
            await pilot.press("q")
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)


async def test_on_another_day_the_home_key_says_there_is_no_interview_today() -> None:
    with a_home(TOMORROW_AT) as home:
        app = home_app(home)
        async with app.run_test(size=(100, 30)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            line = home_screen(app).query_one(NextInterview)
            assert len(line.text().splitlines()) == 1
            await pilot.press("o")
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)
            [notice] = [n for n in app._notifications if n.title == "No checklist for today"]
            assert notice.message.startswith("No interview today. On the interviews screen (i)")
            # The next day has come: the line and the key follow.
            clock = home.clock
            assert isinstance(clock, FixedClock)
            clock.set(datetime(2026, 11, 26, 8, 0, tzinfo=UTC))
            await home_screen(app).refresh_figures()
            await pilot.pause()
            assert "It is today" in line.text()
            await pilot.press("o")
            await pilot.pause()
            assert checklist(app).checklist.interview == "Acme"


async def test_a_long_item_is_read_to_its_end_before_the_next_is_selected() -> None:
    with a_home() as home:
        app = home_app(home)
        async with app.run_test(size=(60, 15)) as pilot:
            await pilot.press("o")
            await pilot.pause()
            screen = checklist(app)
            first, long = screen.items[:2]
            listing = screen.query_one("#day-of-list")
            # The note and the first heading are on show above the first item.
            assert listing.scroll_y == 0
            assert app.focused is first
            while app.focused is first:
                await pilot.press("j")
                await pilot.pause()
            assert app.focused is long
            assert long.region.height > listing.content_region.height
            presses = 0
            while app.focused is long:
                await pilot.press("j")
                await pilot.pause()
                presses += 1
                if app.focused is long:
                    assert long.region.y < listing.content_region.y  # scrolled on
            assert presses > 1
            assert focused_line(app).startswith("We are almost out of time.")
            await pilot.press("home")
            await pilot.pause()
            assert app.focused is first and listing.scroll_y == 0


async def test_a_click_ticks_an_item() -> None:
    with a_home() as home:
        app = home_app(home)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("o")
            await pilot.pause()
            await pilot.click(".checklist-box")
            await pilot.pause()
            assert count(app) == f"1 of {ITEMS} ready"


async def test_help_lists_the_checklists_keys_and_the_guide_names_its_footer() -> None:
    words = guide_footer_words("### The day of the interview")
    with a_home() as home:
        app = home_app(home)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("o")
            await pilot.pause()
            shown = footer_entries(app)
            await pilot.press("question_mark")
            await pilot.pause()
            helped = app.screen
            assert isinstance(helped, HelpScreen)
            rows = [row for section in helped.sections for row in section.rows]
            assert any("Tick" in text for _, text in rows), rows
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, DayOfScreen)
    assert set(shown) >= {"space", "q", "?"}, shown
    for key, word in shown.items():
        if word.endswith("palette"):
            continue
        assert words.get(key) == word, (key, word, words)


@pytest.mark.parametrize("size", [(60, 15), (100, 30), (200, 50)], ids=lambda s: f"{s[0]}x{s[1]}")
async def test_the_checklist_reads_at_each_size(size: tuple[int, int]) -> None:
    with a_home() as home:
        app = home_app(home)
        async with app.run_test(size=size) as pilot:
            await pilot.press("o")
            await pilot.pause()
            screen = checklist(app)
            lines = [strip.text for strip in screen._compositor.render_strips()]
            footer = lines[-1]
            assert "? Help" in footer and "q Back" in footer
            assert f"0 of {ITEMS} ready" in lines[0]
            width = screen.query_one("#day-of-list").content_region.width
            for item in screen.items:
                # Nothing runs off the right: long lines wrap inside the list, which
                # stays at a readable width on a wide terminal.
                assert item.region.right <= size[0]
                assert item.region.width <= min(width, 100)
                text = item.query_one(".checklist-text", Static)
                assert text.region.right <= item.region.right
            await pilot.press("end")
            await pilot.pause()
            last = screen.items[-1]
            assert app.focused is last
            assert screen.query_one("#day-of-list").content_region.contains_region(last.region)
