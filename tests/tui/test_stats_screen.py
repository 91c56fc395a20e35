"""The stats screen: `s` on the home opens it at once, a worker fills it in from the
progress report, and a weak card is drilled from it.

The report is the hand-built one of ``progress_fixture``: the screen's tests are about
how it is shown, not how it is counted.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator

import pytest
from textual.pilot import Pilot

from prepdeck.errors import StoreError
from prepdeck.reports.progress import CALENDAR_DAYS, Progress, WeakCard
from prepdeck.services import Services
from prepdeck.tui.screens import stats
from prepdeck.tui.screens.drill import DrillScreen
from prepdeck.tui.screens.home import HomeScreen
from prepdeck.tui.screens.stats import READING, StatsScreen
from prepdeck.tui.widgets.figures import FigureRow
from prepdeck.tui.widgets.footer import KeyFooter
from prepdeck.tui.widgets.heatmap import CalendarHeatmap
from tests.tui.homes import home_app, install_bundled, open_test_home, text
from tests.tui.progress_fixture import hand_built_progress

SIZE = (100, 30)
SnapCompare = Callable[..., bool]


def report_with(monkeypatch: pytest.MonkeyPatch, progress: Progress) -> None:
    monkeypatch.setattr(stats, "load_progress", lambda services: progress)


def stats_screen(pilot: Pilot[None]) -> StatsScreen:
    screen = pilot.app.screen
    assert isinstance(screen, StatsScreen), f"expected the stats screen, got {screen!r}"
    return screen


async def read(pilot: Pilot[None]) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_s_opens_at_once_then_shows_the_report_and_q_goes_home(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    released = threading.Event()

    def slow(services: Services) -> Progress:
        released.wait(5)
        return hand_built_progress()

    monkeypatch.setattr(stats, "load_progress", slow)
    with open_test_home() as home:
        app = home_app(home)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("s")
            await pilot.pause()
            screen = stats_screen(pilot)
            # Drawn before the report comes: it says so, and shows no figure meanwhile.
            assert text(app, "#stats-status") == READING
            assert not screen.query_one("#stats-today").display
            released.set()
            await read(pilot)
            tiles = screen.query_one("#stats-today", FigureRow)
            shown = {
                tile: tiles.tile(tile).value
                for tile in ("due-now", "new-today", "reviews-today", "time-today", "streak")
            }
            # Written as the home writes them.
            assert shown == {
                "due-now": "31",
                "new-today": "10",
                "reviews-today": "23",
                "time-today": "24m",
                "streak": "12 days",
            }
            assert tiles.tile("retention").value == "91%"
            assert "91% (target 90%)" in text(app, "#stats-retention-line")
            assert not screen.query_one("#stats-status").display
            heatmap = screen.query_one(CalendarHeatmap)
            # A year fits at 100 columns: every day of it is drawn, with the legend.
            assert len(heatmap.shown_days) == CALENDAR_DAYS
            drawn = str(heatmap.render())
            assert "Mon" in drawn and "reviews a day" in drawn
            assert "streak 12 days" in text(app, "#stats-calendar-heading")
            assert "tomorrow 14" in text(app, "#stats-forecast")
            assert "Acme Networks" in text(app, "#stats-interviews")
            await pilot.press("q")
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)


async def test_enter_on_a_weak_card_drills_that_card(monkeypatch: pytest.MonkeyPatch) -> None:
    with open_test_home() as home:
        install_bundled(home)
        cards = home.library.cards("tough-questions")[:3]
        weakest = [
            WeakCard("tough-questions", card.card.id, card.card.prompt, 0.1 * index)
            for index, card in enumerate(cards, start=1)
        ]
        report_with(monkeypatch, hand_built_progress(weakest))
        app = home_app(home)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("s")
            await read(pilot)
            # Into the list, down to the second card.
            await pilot.press("tab", "down", "enter")
            await pilot.pause()
            drill = app.screen
            assert isinstance(drill, DrillScreen)
            current = drill.session.current
            assert current is not None
            assert (current.deck_id, current.card.id) == ("tough-questions", cards[1].card.id)


async def test_a_report_that_cannot_be_read_is_reported_and_r_tries_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def locked(services: Services) -> Progress:
        raise StoreError("database is locked")

    monkeypatch.setattr(stats, "load_progress", locked)
    with open_test_home() as home:
        app = home_app(home)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("s")
            await read(pilot)
            stats_screen(pilot)
            assert [n.title for n in app._notifications] == ["Cannot read the statistics"]
            assert "could not be read" in text(app, "#stats-status")
            report_with(monkeypatch, hand_built_progress())
            await pilot.press("r")
            await read(pilot)
            assert stats_screen(pilot).progress is not None
            assert not app.screen.query_one("#stats-status").display


@pytest.mark.parametrize("size", [(60, 15), (100, 30), (200, 50)], ids=lambda s: f"{s[0]}x{s[1]}")
async def test_each_size_keeps_help_and_back_and_draws_the_weeks_up_to_today_that_fit(
    monkeypatch: pytest.MonkeyPatch, size: tuple[int, int]
) -> None:
    progress = hand_built_progress()
    report_with(monkeypatch, progress)
    with open_test_home() as home:
        app = home_app(home)
        async with app.run_test(size=size) as pilot:
            await pilot.press("s")
            await read(pilot)
            screen = stats_screen(pilot)
            footer = str(screen.query_one(KeyFooter).render())
            assert "? Help" in footer and "q Back" in footer, footer
            heatmap = screen.query_one(CalendarHeatmap)
            drawn = str(heatmap.render()).splitlines()
            assert max(len(line) for line in drawn) <= heatmap.content_region.width
            assert heatmap.shown_days[-1] == progress.calendar[-1]
            left = screen.query_one("#stats-left").region
            right = screen.query_one("#stats-right").region
            # Two columns side by side when wide, one under the other otherwise.
            assert (left.y == right.y and left.right <= right.x) == (size[0] >= 120)


@pytest.fixture
def utc_and_colour(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    # The pictures are worth more with the theme's colours, and their local times must
    # not depend on where the tests run.
    monkeypatch.setenv("TZ", "UTC")
    monkeypatch.delenv("NO_COLOR", raising=False)
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.usefixtures("utc_and_colour")
def test_stats_screen_at_100_by_30(
    monkeypatch: pytest.MonkeyPatch, snap_compare: SnapCompare
) -> None:
    """The hand-built report: the six tiles (31 due, 10 new, 23 reviews, 24m, a 12-day
    streak, 91% retention), the line on retention against the 90% target, the calendar
    of the year from Dec to Nov with its month names, weekday names and legend, then the
    last 30 days as bars of reviews and minutes with their maxima, scrolled to the top."""
    report_with(monkeypatch, hand_built_progress())

    async def opened(pilot: Pilot[None]) -> None:
        await pilot.press("s")
        await read(pilot)

    with open_test_home() as home:
        assert snap_compare(home_app(home), run_before=opened, terminal_size=SIZE)


async def test_pace_and_fillers_per_week_show_once_answers_are_spoken(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from dataclasses import replace
    from datetime import date

    from textual.widgets import Static

    from prepdeck.reports.progress import SpokenWeek

    for weeks, shown in (([], False), ([SpokenWeek(date(2026, 11, 23), 3, 120.0, 290, 4)], True)):
        report_with(monkeypatch, replace(hand_built_progress(), spoken=weeks))
        with open_test_home() as home:
            app = home_app(home)
            async with app.run_test(size=SIZE) as pilot:
                await pilot.press("s")
                await read(pilot)
                part = app.screen.query_one("#stats-spoken", Static)
                assert part.display is shown
                if shown:
                    lines = str(part.render()).splitlines()
                    assert lines[0] == "Spoken answers per week"
                    assert lines[2].split() == ["2026-11-23", "3", "145", "wpm", "2.0"]
