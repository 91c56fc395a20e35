"""Every screen at a small, an ordinary and a wide terminal: the help key stays in the
footer, every control can be reached, and text stays at a readable width."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta

import pytest
from textual.geometry import Region
from textual.pilot import Pilot
from textual.widget import Widget

from prepdeck.domain.cards import Card
from prepdeck.tui.app import PrepdeckApp
from prepdeck.tui.widgets.checklist import PointRow
from prepdeck.tui.widgets.footer import KeyFooter
from tests.tui.conftest import Build
from tests.tui.homes import home_app, install_bundled, make_overdue, open_test_home

SMALL = (60, 15)
ORDINARY = (100, 30)
WIDE = (200, 50)
SIZES = [SMALL, ORDINARY, WIDE]

READING_WIDTH = 100
"""The most columns a line of a card's text may take, however wide the terminal."""

AppPilot = Pilot[None]
Open = Callable[[AppPilot], Awaitable[None]]


def long_card() -> Card:
    return Card(
        id="big-rollout",
        prompt="Tell me about a time you led a rollout that touched every team in the company.",
        answer=" ".join(
            f"Part {number}: what I did, why it mattered and what changed afterwards."
            for number in range(1, 25)
        ),
        points=tuple(
            f"Point {number}: a concrete result with a number in it" for number in range(1, 7)
        ),
        followups=("What would you do differently?",),
    )


def screen_lines(app: PrepdeckApp) -> list[str]:
    return [strip.text for strip in app.screen._compositor.render_strips()]


def footer_line(app: PrepdeckApp) -> str:
    footer = app.screen.query_one(KeyFooter)
    return screen_lines(app)[footer.region.y]


def on_screen(app: PrepdeckApp, widget: Widget) -> bool:
    """Whether all of ``widget`` is drawn inside the terminal and inside every scrolling
    container around it, as it is now scrolled."""
    region = widget.region
    if not region or not app.screen.region.contains_region(region):
        return False
    return all(
        ancestor.content_region.contains_region(region)
        for ancestor in widget.ancestors
        if isinstance(ancestor, Widget) and ancestor.is_scrollable and ancestor is not app.screen
    )


def last_line(widget: Widget) -> Region:
    region = widget.region
    return Region(region.x, region.bottom - 1, region.width, 1)


async def open_home_screen(pilot: AppPilot) -> None:
    await pilot.pause()


async def open_drill(pilot: AppPilot) -> None:
    await pilot.press("a")


async def open_revealed(pilot: AppPilot) -> None:
    await pilot.press("a", "space")


async def open_summary(pilot: AppPilot) -> None:
    await pilot.press("a", "space", "3", "q")


async def open_browser(pilot: AppPilot) -> None:
    await pilot.press("slash", *"traffic", "enter")


async def open_leeches(pilot: AppPilot) -> None:
    await pilot.press("L")


async def open_catch_up(pilot: AppPilot) -> None:
    await pilot.press("c")


async def open_interviews(pilot: AppPilot) -> None:
    await pilot.press("i")


async def open_stories(pilot: AppPilot) -> None:
    await pilot.press("m")


async def open_get_decks(pilot: AppPilot) -> None:
    await pilot.press("g")
    await pilot.app.workers.wait_for_complete()


FOOTED: dict[str, Open] = {
    "home": open_home_screen,
    "drill": open_drill,
    "revealed": open_revealed,
    "summary": open_summary,
    "browser": open_browser,
    "leeches": open_leeches,
    "catch-up": open_catch_up,
    "interviews": open_interviews,
    "get-decks": open_get_decks,
    "stories": open_stories,
}


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
@pytest.mark.parametrize("screen", sorted(FOOTED))
async def test_the_help_and_back_keys_stay_in_the_footer(
    screen: str, size: tuple[int, int]
) -> None:
    home = open_test_home()
    with home:
        install_bundled(home)
        make_overdue(home, "tough-questions", 3)
        app = home_app(home)
        async with app.run_test(size=size) as pilot:
            await FOOTED[screen](pilot)
            await pilot.pause()
            line = footer_line(app)
            assert "? Help" in line, line
            assert "q " in line, line
            assert len(line.rstrip()) <= size[0]


async def test_a_short_footer_drops_the_last_keys_first_and_a_click_still_lands() -> None:
    home = open_test_home()
    with home:
        install_bundled(home)
        app = home_app(home)
        async with app.run_test(size=SMALL) as pilot:
            await pilot.pause()
            line = footer_line(app)
            # The first keys of the home stay; those declared last give way to help and quit.
            assert "⏎ Drill" in line and "a All decks" in line
            assert "L Leeches" not in line
            await pilot.click(KeyFooter, offset=(line.index("? Help"), 0))
            await pilot.pause()
            assert type(app.screen).__name__ == "HelpScreen"


FORMS: dict[str, tuple[tuple[str, ...], str]] = {
    "settings": (("comma",), "#settings-save"),
    "add-card": (("plus",), "#add-card-save"),
    "limits": (("l",), "#limits-save"),
    "add-interview": (("i", "a"), "#interview-form-save"),
    "add-need": (("i", "n"), "#need-form-save"),
    "story": (("m", "a"), "#story-form-save"),
}
"""Each form: the keys that open it from the home (on a home with one interview) and its
save button."""


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
@pytest.mark.parametrize("form", sorted(FORMS))
async def test_every_control_of_a_form_can_be_reached_and_seen(
    form: str, size: tuple[int, int]
) -> None:
    keys, save = FORMS[form]
    home = open_test_home()
    with home:
        install_bundled(home)
        home.interviews.add("Acme", home.clock.now() + timedelta(days=2))
        app = home_app(home)
        async with app.run_test(size=size) as pilot:
            await pilot.press(*keys)
            await pilot.pause()
            # The buttons are in sight from the start.
            for button in app.screen.query("Button"):
                assert on_screen(app, button), (button, button.region)
            first = app.focused
            assert first is not None
            reached: list[str] = []
            for _ in range(20):
                focused = app.focused
                assert focused is not None
                assert on_screen(app, focused), (focused, focused.region)
                reached.append(focused.id or "")
                await pilot.press("tab")
                await pilot.pause()
                if app.focused is first:
                    break
            assert save.removeprefix("#") in reached


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
async def test_a_revealed_card_shows_its_grades_and_scrolls_to_every_point_and_the_answer(
    build: Build, size: tuple[int, int]
) -> None:
    app, _, _ = build([long_card()])
    async with app.run_test(size=size) as pilot:
        await pilot.press("space")
        await pilot.pause()
        grades = app.screen.query_one("#grades")
        assert on_screen(app, grades)
        shown = "".join(screen_lines(app)[grades.region.y : grades.region.bottom])
        for grade in ("1 Again", "2 Hard", "3 Good", "4 Easy"):
            assert grade in shown, shown
        rows = list(app.screen.query(PointRow))
        assert len(rows) == 6
        # The first key point is in sight at once, even on a small terminal.
        assert on_screen(app, rows[0])
        card_area = app.screen.query_one("#card-scroll")
        answer = app.screen.query_one("#answer")
        seen = {index for index, row in enumerate(rows) if on_screen(app, row)}
        answer_end_seen = False
        for _ in range(40):
            await pilot.press("down")
            await pilot.pause()
            seen |= {index for index, row in enumerate(rows) if on_screen(app, row)}
            answer_end_seen |= card_area.content_region.contains_region(last_line(answer))
        assert seen == set(range(6))
        assert answer_end_seen


async def test_a_small_terminal_shows_several_points_of_a_revealed_card_at_once(
    build: Build,
) -> None:
    app, _, _ = build([long_card()])
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("space")
        await pilot.pause()
        shown = [row for row in app.screen.query(PointRow) if on_screen(app, row)]
        assert len(shown) >= 4


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
async def test_a_card_is_read_at_most_a_hundred_columns_wide_and_centred(
    build: Build, size: tuple[int, int]
) -> None:
    app, _, _ = build([long_card()])
    async with app.run_test(size=size) as pilot:
        await pilot.press("space")
        await pilot.pause()
        width = size[0]
        for selector in ("#prompt", "#answer", "#points", "#draft"):
            region = app.screen.query_one(selector).region
            assert 0 < region.width <= READING_WIDTH, (selector, region)
            # As much room on the left as on the right, give or take the scroll bar.
            assert abs(region.x - (width - region.right)) <= 3, (selector, region)


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
async def test_the_browsers_card_is_read_at_most_a_hundred_columns_wide(
    size: tuple[int, int],
) -> None:
    home = open_test_home()
    with home:
        install_bundled(home)
        app = home_app(home)
        async with app.run_test(size=size) as pilot:
            await open_browser(pilot)
            await pilot.pause()
            for selector in ("#detail-prompt", "#detail-answer", "#detail-schedule"):
                region = app.screen.query_one(selector).region
                assert 0 < region.width <= READING_WIDTH, (selector, region)


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
async def test_the_help_list_scrolls_to_its_last_line(size: tuple[int, int]) -> None:
    home = open_test_home()
    with home:
        install_bundled(home)
        app = home_app(home)
        async with app.run_test(size=size) as pilot:
            await pilot.press("question_mark", "end")
            await pilot.pause()
            assert on_screen(app, app.screen.query_one("#help-close-hint"))
