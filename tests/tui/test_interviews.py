"""The interviews screen and the home's line about the next interview, on a real home at a
fixed time: listed, added, given needs, removed, crammed for, and gone past."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, SelectionList

from prepdeck.clock import FixedClock
from prepdeck.prep.interviews import need_text
from prepdeck.services import Services
from prepdeck.tui.app import PrepdeckApp
from prepdeck.tui.dialogs.add_interview import AddInterviewScreen
from prepdeck.tui.dialogs.add_need import AddNeedScreen
from prepdeck.tui.dialogs.confirm import ConfirmScreen
from prepdeck.tui.interview_text import percent
from prepdeck.tui.screens.drill import DrillScreen
from prepdeck.tui.screens.home import HomeScreen
from prepdeck.tui.screens.interviews import InterviewsScreen, InterviewTable
from prepdeck.tui.screens.summary import SummaryScreen
from prepdeck.tui.widgets.next_interview import NextInterview
from tests.tui.fakes import START
from tests.tui.homes import (
    home_app,
    home_screen,
    install_bundled,
    make_overdue,
    open_test_home,
    text,
)

# START is Wednesday 25 November 2026, 10:00 UTC (and the tests' local time is UTC).
ACME_AT = datetime(2026, 11, 26, 14, 0, tzinfo=UTC)
GLOBEX_AT = datetime(2026, 12, 2, 9, 30, tzinfo=UTC)
WIDE = (100, 30)


def clock_of(home: Services) -> FixedClock:
    clock = home.clock
    assert isinstance(clock, FixedClock)
    return clock


def lived_in() -> Services:
    """Bundled decks, some cards reviewed, two interviews ahead, one with a need."""
    home = open_test_home()
    install_bundled(home)
    make_overdue(home, "tough-questions", 6, days_ago=30)
    home.interviews.add("Globex", GLOBEX_AT, decks=["company-needs"])
    home.interviews.add("Acme", ACME_AT, decks=["tough-questions"], note="onsite, 3 rounds")
    home.interviews.need("Acme", "Kafka at scale")
    return home


async def settle(app: PrepdeckApp, pilot: Pilot[None]) -> None:
    """Let the readiness workers finish and their results be shown."""
    await app.workers.wait_for_complete()
    await pilot.pause()


def screen(app: PrepdeckApp) -> InterviewsScreen:
    shown = app.screen
    assert isinstance(shown, InterviewsScreen), f"expected the interviews, got {shown!r}"
    return shown


def rows(app: PrepdeckApp) -> list[list[str]]:
    table = screen(app).query_one(InterviewTable)
    return [[cell.plain for cell in table.get_row_at(index)] for index in range(table.row_count)]


def line(app: PrepdeckApp) -> NextInterview:
    return home_screen(app).query_one(NextInterview)


def ready_of(home: Services, name: str) -> str:
    interview = home.interviews.get(name)
    return percent(home.interview_readiness([interview])[name].expected_recall)


async def test_the_list_shows_interviews_to_come_soonest_first_with_their_readiness() -> None:
    with lived_in() as home:
        app = home_app(home)
        async with app.run_test(size=WIDE) as pilot:
            await pilot.press("i")
            await settle(app, pilot)
            assert rows(app) == [
                ["Acme", "Thu 26 Nov 14:00", "in 1 day 4 h", ready_of(home, "Acme")],
                ["Globex", "Wed 02 Dec 09:30", "in 6 days 23 h", ready_of(home, "Globex")],
            ]
            assert ready_of(home, "Acme") != "0%"
            # The first is selected and shown in full below.
            assert text(app, "#interview-head") == "Acme · Thu 26 Nov 2026 14:00 · in 1 day 4 h"
            ready = text(app, "#interview-ready")
            assert ready.startswith(f"Ready {ready_of(home, 'Acme')}: ")
            assert text(app, "#interview-note") == "Note  onsite, 3 rounds"
            needs = text(app, "#interview-needs")
            assert "1, in deck my-interview-acme" in needs and "• Kafka at scale" in needs
            kinds = text(app, "#interview-kinds")
            assert "question" in kinds and "company need 0%" in kinds
            decks = text(app, "#interview-decks")
            assert "Tough questions" in decks and "Its needs" in decks
            # The other one: its own decks only, no note.
            await pilot.press("down")
            await pilot.pause()
            assert text(app, "#interview-head").startswith("Globex · Wed 02 Dec 2026 09:30")
            assert text(app, "#interview-decks").splitlines()[1:] == [
                f"{ready_of(home, 'Globex'):>5}  Company needs"
            ]
            assert screen(app).query_one("#interview-note").has_class("-blank")


async def test_the_home_and_the_screen_say_the_same_readiness() -> None:
    with lived_in() as home:
        app = home_app(home)
        async with app.run_test(size=WIDE) as pilot:
            await settle(app, pilot)
            expected = ready_of(home, "Acme")
            assert line(app).text() == (
                f"Next interview: Acme · Thu 26 Nov 14:00 · in 1 day 4 h · ready {expected}"
            )
            await pilot.press("i")
            await settle(app, pilot)
            assert rows(app)[0][3] == expected
            assert text(app, "#interview-ready").startswith(f"Ready {expected}:")


async def test_adding_an_interview_reads_its_time_as_typed() -> None:
    with lived_in() as home:
        app = home_app(home)
        async with app.run_test(size=WIDE) as pilot:
            await pilot.press("i", "a")
            await pilot.pause()
            form = app.screen
            assert isinstance(form, AddInterviewScreen)
            await pilot.press(*"Initech", "tab", *"fri 9:30")
            await pilot.pause()
            assert text(app, "#interview-when-read") == "Fri 27 Nov 2026 09:30, in 1 day 23 h"
            # Tick one deck in the list; the rest stay out.
            decks = form.query_one("#interview-decks", SelectionList)
            decks.focus()
            await pilot.press("down", "space")
            await pilot.pause()
            [chosen] = decks.selected
            form.query_one("#interview-note", Input).focus()
            await pilot.press(*"phone screen", "enter")
            await pilot.pause()
            assert isinstance(app.screen, InterviewsScreen)
            added = home.interviews.get("initech")
            assert (added.at, added.decks, added.note) == (
                datetime(2026, 11, 27, 9, 30, tzinfo=UTC),
                (chosen,),
                "phone screen",
            )
            await settle(app, pilot)
            assert [row[0] for row in rows(app)] == ["Acme", "Initech", "Globex"]
            # The one added is the one selected.
            assert text(app, "#interview-head").startswith("Initech ·")
            assert rows(app)[1][3] == ready_of(home, "Initech")


async def test_a_time_that_cannot_be_read_or_is_past_is_refused_in_the_form() -> None:
    with lived_in() as home:
        app = home_app(home)
        async with app.run_test(size=WIDE) as pilot:
            await pilot.press("i", "a")
            await pilot.press(*"Initech", "tab", "1", "4")
            await pilot.pause()
            assert text(app, "#interview-when-read").startswith('cannot read "14" as a time')
            assert app.screen.query_one("#interview-when-read").has_class("-error")
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, AddInterviewScreen)
            # A moment it can read, but gone already.
            when = app.screen.query_one("#interview-when", Input)
            when.value = "today 9:00"
            await pilot.pause()
            assert text(app, "#interview-when-read") == (
                "Wed 25 Nov 2026 09:00 has passed: an interview must be ahead."
            )
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert isinstance(app.screen, AddInterviewScreen)
            assert app.focused is when
            # A name taken is the service's refusal, on the form's error line.
            when.value = "tomorrow 9:00"
            app.screen.query_one("#interview-name", Input).value = "ACME"
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert isinstance(app.screen, AddInterviewScreen)
            assert "exists already" in text(app, "#interview-form-error")
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, InterviewsScreen)
            assert [one.name for one in home.interviews.all()] == ["Acme", "Globex"]


async def test_a_need_added_is_a_card_of_the_interviews_own_deck() -> None:
    with lived_in() as home:
        app = home_app(home)
        async with app.run_test(size=WIDE) as pilot:
            await pilot.press("i", "down", "n")
            await pilot.pause()
            assert isinstance(app.screen, AddNeedScreen)
            await pilot.press(*"a calm on-call")
            await pilot.pause()
            assert text(app, "#need-preview") == (
                "The card asks: They need a calm on-call: what have you done that shows it?"
            )
            await pilot.press("enter")
            await settle(app, pilot)
            assert isinstance(app.screen, InterviewsScreen)
            [card] = home.library.cards("my-interview-globex")
            assert need_text(card.card.prompt) == "a calm on-call"
            assert "• a calm on-call" in text(app, "#interview-needs")
            # Its own deck now counts in its readiness.
            assert "Its needs" in text(app, "#interview-decks")
            # The same need again is refused in the form.
            await pilot.press("n", *"A calm on-call", "enter")
            await pilot.pause()
            assert isinstance(app.screen, AddNeedScreen)
            assert "already has this prompt" in text(app, "#need-error")


async def test_removing_asks_first_and_says_what_happens_to_its_cards() -> None:
    with lived_in() as home:
        app = home_app(home)
        async with app.run_test(size=WIDE) as pilot:
            await pilot.press("i", "r")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmScreen)
            question = text(app, "#confirm-question")
            assert question.startswith("Remove the interview Acme?")
            assert "my-interview-acme (1 card) leaves the drill" in question
            assert "cards and their reviews are kept" in question
            await pilot.press("n")
            await pilot.pause()
            assert home.interviews.get("acme").name == "Acme"
            await pilot.press("r", "y")
            await settle(app, pilot)
            assert [one.name for one in home.interviews.all()] == ["Globex"]
            assert [row[0] for row in rows(app)] == ["Globex"]
            deck = home.library.find("my-interview-acme")
            assert deck is not None and deck.removed
            assert len(home.library.cards("my-interview-acme")) == 1
            # Back on the home, the line is about the one left.
            await pilot.press("q")
            await settle(app, pilot)
            assert line(app).text().startswith("Next interview: Globex ·")


async def test_cram_now_asks_the_app_for_a_cram_of_the_selected_interview(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked: list[str | None] = []

    def start_cram(self: PrepdeckApp, *, interview: str | None = None) -> bool:
        asked.append(interview)
        return True

    monkeypatch.setattr(PrepdeckApp, "start_cram", start_cram)
    with lived_in() as home:
        app = home_app(home)
        async with app.run_test(size=WIDE) as pilot:
            await pilot.press("i", "down", "c")
            await pilot.pause()
            assert asked == ["Globex"]
            # Past its time, there is nothing left to cram for.
            clock_of(home).set(ACME_AT + timedelta(minutes=5))
            screen(app).tick()
            await pilot.press("end", "c")
            await pilot.pause()
            assert [row[0] for row in rows(app)] == ["Globex", "Acme"]
            assert asked == ["Globex"]


async def test_an_interview_whose_time_has_come_leaves_the_list_and_the_home() -> None:
    with lived_in() as home:
        app = home_app(home)
        async with app.run_test(size=WIDE) as pilot:
            await settle(app, pilot)
            home_view = home_screen(app)
            # The home means to look again as the interview begins.
            assert home_view.refresh_wait() <= (ACME_AT - START).total_seconds() + 1
            await pilot.press("i")
            await settle(app, pilot)
            clock_of(home).set(ACME_AT + timedelta(hours=2))
            screen(app).tick()
            await settle(app, pilot)
            assert rows(app) == [
                ["Globex", "Wed 02 Dec 09:30", "in 5 days 17 h", ready_of(home, "Globex")],
                ["Acme", "Thu 26 Nov 14:00", "2 h ago", "past"],
            ]
            await pilot.press("end")
            await pilot.pause()
            assert text(app, "#interview-head").endswith("· 2 h ago (past)")
            assert text(app, "#interview-ready").startswith("Its time has come.")
            # Its needs stay in sight until it is removed.
            assert "• Kafka at scale" in text(app, "#interview-needs")
            await pilot.press("q")
            await settle(app, pilot)
            assert line(app).text().startswith("Next interview: Globex ·")


async def test_the_homes_countdown_keeps_up_with_the_clock() -> None:
    with lived_in() as home:
        app = home_app(home)
        async with app.run_test(size=WIDE) as pilot:
            await settle(app, pilot)
            shown = line(app)
            assert "in 1 day 4 h" in shown.text()
            clock_of(home).set(ACME_AT - timedelta(minutes=90, seconds=30))
            shown.tick()
            await pilot.pause()
            assert "· in 1 h 30 min ·" in shown.text()
            # It redraws itself when the words next change: half a minute on, a second over.
            timer = shown._timer
            assert timer is not None and 30 <= timer._interval <= 31.5


async def test_the_homes_line_follows_a_drill() -> None:
    with lived_in() as home:
        app = home_app(home)
        async with app.run_test(size=WIDE) as pilot:
            await settle(app, pilot)
            before = line(app).text()
            await pilot.press("a")
            await pilot.pause()
            assert isinstance(app.screen, DrillScreen)
            for _ in range(3):
                await pilot.press("space", "4")
                await pilot.pause()
            await pilot.press("q")
            await pilot.pause()
            assert isinstance(app.screen, SummaryScreen)
            await pilot.press("q")
            await settle(app, pilot)
            assert isinstance(app.screen, HomeScreen)
            after = line(app).text()
            assert after != before
            assert after.endswith(f"ready {ready_of(home, 'Acme')}")


async def test_the_interviews_key_and_the_home_line_open_the_screen() -> None:
    home = open_test_home()
    with home:
        app = home_app(home)
        async with app.run_test(size=WIDE) as pilot:
            await settle(app, pilot)
            # Nothing to come: no line, and the hint keeps its place.
            assert line(app).has_class("-none")
            assert not home_screen(app).has_class("-interview")
            await pilot.press("i")
            await pilot.pause()
            assert text(app, "#interviews-about").startswith("No interviews yet. a adds one")
            # Nothing selected: the keys that act on one are off.
            await pilot.press("n", "r", "c")
            await pilot.pause()
            assert isinstance(app.screen, InterviewsScreen)
            await pilot.press("a", *"Acme", "tab", *"tomorrow 14:00", "enter")
            await pilot.pause()
            await pilot.press("q")
            await settle(app, pilot)
            assert home_screen(app).has_class("-interview")
            assert line(app).text().startswith("Next interview: Acme · Thu 26 Nov 14:00")
            await pilot.click("#next-interview")
            await pilot.pause()
            assert isinstance(app.screen, InterviewsScreen)


async def test_a_name_is_shown_as_typed_never_as_markup() -> None:
    home = open_test_home()
    with home:
        home.interviews.add("[b]Acme[/b]", ACME_AT, note="[red]note[/red]")
        app = home_app(home)
        async with app.run_test(size=WIDE) as pilot:
            await settle(app, pilot)
            assert "Next interview: [b]Acme[/b] ·" in line(app).text()
            await pilot.press("i")
            await settle(app, pilot)
            assert rows(app)[0][0] == "[b]Acme[/b]"
            assert text(app, "#interview-note") == "Note  [red]note[/red]"
            await pilot.press("r")
            await pilot.pause()
            assert "interview [b]Acme[/b]?" in text(app, "#confirm-question")


@pytest.mark.parametrize("size", [(60, 15), (100, 30), (200, 50)], ids=lambda s: f"{s[0]}x{s[1]}")
async def test_the_homes_line_fits_each_terminal(size: tuple[int, int]) -> None:
    name = "Initech, the long name of a company"
    with lived_in() as home:
        home.interviews.add(name, START + timedelta(hours=3))
        app = home_app(home)
        async with app.run_test(size=size) as pilot:
            await settle(app, pilot)
            shown = line(app)
            # It is today, so a second line says which key opens its checklist.
            drawn, today = shown.text().splitlines()
            assert len(drawn) <= shown.content_size.width == size[0] - 2
            assert len(today) <= size[0] - 2 and "o opens its checklist" in today
            assert "Initech" in drawn
            assert drawn.endswith(f"in 3 h · ready {ready_of(home, name)}")


async def test_the_list_fits_the_terminal_as_it_is_resized() -> None:
    with lived_in() as home:
        app = home_app(home)
        async with app.run_test(size=(60, 15)) as pilot:
            await pilot.press("i")
            await settle(app, pilot)
            table = screen(app).query_one(InterviewTable)
            narrow = table.columns[table.ordered_columns[0].key].width
            await pilot.resize_terminal(100, 30)
            await pilot.pause()
            wide = table.columns[table.ordered_columns[0].key].width
            assert narrow < wide
            assert table.virtual_size.width <= 100 - 2
