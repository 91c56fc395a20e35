"""After the interview, on a real home at a fixed time: the debrief written from the
interviews screen, and the home's follow-up reminders until marked done."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from textual.pilot import Pilot
from textual.widgets import TextArea

from prepdeck.clock import FixedClock
from prepdeck.domain.cards import Kind
from prepdeck.services import Services
from prepdeck.tui.app import PrepdeckApp
from prepdeck.tui.dialogs.debrief import DebriefScreen
from prepdeck.tui.screens.interviews import InterviewsScreen
from prepdeck.tui.widgets.follow_ups import FollowUps
from tests.tui.homes import home_app, home_screen, open_test_home, text

# START is Wednesday 25 November 2026, 10:00 UTC; the app day starts at 04:00.
ACME_AT = datetime(2026, 11, 26, 14, 0, tzinfo=UTC)
GLOBEX_AT = datetime(2026, 12, 2, 9, 30, tzinfo=UTC)
THANK_YOU_FROM = datetime(2026, 11, 27, 4, 0, tzinfo=UTC)
CHECK_IN_FROM = datetime(2026, 12, 3, 4, 0, tzinfo=UTC)
WIDE = (100, 30)


def two_interviews(now: datetime) -> Services:
    """Acme, then Globex, added ahead; the clock then set to ``now``."""
    home = open_test_home()
    home.interviews.add("Acme", ACME_AT)
    home.interviews.add("Globex", GLOBEX_AT)
    clock = home.clock
    assert isinstance(clock, FixedClock)
    clock.set(now)
    return home


def notices(app: PrepdeckApp) -> list[str]:
    return [notification.message for notification in app._notifications]


def area(app: PrepdeckApp, widget_id: str) -> TextArea:
    return app.screen.query_one(f"#{widget_id}", TextArea)


def reminders(app: PrepdeckApp) -> FollowUps:
    return home_screen(app).query_one(FollowUps)


async def settle(app: PrepdeckApp, pilot: Pilot[None]) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_a_debrief_on_a_past_interview_turns_its_surprises_into_cards() -> None:
    with two_interviews(ACME_AT + timedelta(hours=3)) as home:
        app = home_app(home)
        async with app.run_test(size=WIDE) as pilot:
            await pilot.press("i")
            await settle(app, pilot)
            # Globex is still ahead and listed first; Acme is past, below it.
            assert "d writes down how it went" not in text(app, "#interview-ready")
            await pilot.press("end")
            await pilot.pause()
            assert text(app, "#interview-ready").startswith(
                "Its time has come. d writes down how it went; r removes it"
            )
            await pilot.press("d")
            await pilot.pause()
            assert isinstance(app.screen, DebriefScreen)
            assert app.focused is area(app, "debrief-surprises")
            await pilot.press(*"Why leave", "enter")
            area(app, "debrief-surprises").insert("\n  How would you   shard it\n\n")
            area(app, "debrief-went-well").text = "The design round"
            area(app, "debrief-to-change").text = "Shorter stories"
            await pilot.press("ctrl+s")
            await settle(app, pilot)
            assert isinstance(app.screen, InterviewsScreen)
            assert notices(app)[-1] == (
                "Debrief of Acme saved. 2 cards added to my-interview-acme: write your "
                "answers in the card browser."
            )
            cards = [stored.card for stored in home.library.cards("my-interview-acme")]
            assert [(card.prompt, card.kind, card.answer) for card in cards] == [
                ("Why leave", Kind.QUESTION, ""),
                ("How would you shard it", Kind.QUESTION, ""),
            ]
            # Kept in the database: another connection reads it back.
            with home.apart() as other:
                kept = other.debriefs.get("Acme")
                assert len(other.library.cards("my-interview-acme")) == 2
            assert kept is not None
            assert kept.surprises == ("Why leave", "How would you shard it")
            assert (kept.went_well, kept.to_change) == ("The design round", "Shorter stories")
            # Its own deck now shows among its cards, and the debrief under its note.
            assert "2, in deck my-interview-acme" in text(app, "#interview-needs")
            assert text(app, "#interview-debrief").splitlines() == [
                "Debrief  Went well: The design round",
                "Would do differently: Shorter stories",
                "Surprised by 2 questions",
            ]

            # Opened again, the form holds the debrief kept; a new line is a new card.
            await pilot.press("d")
            await pilot.pause()
            assert area(app, "debrief-surprises").text == "Why leave\nHow would you shard it"
            assert area(app, "debrief-went-well").text == "The design round"
            area(app, "debrief-surprises").text = "WHY LEAVE\nSalary"
            await pilot.press("ctrl+s")
            await settle(app, pilot)
            assert "1 card added to my-interview-acme" in notices(app)[-1]
            assert len(home.library.cards("my-interview-acme")) == 3


async def test_an_upcoming_interview_has_no_debrief_yet() -> None:
    with two_interviews(ACME_AT + timedelta(hours=3)) as home:
        app = home_app(home)
        async with app.run_test(size=WIDE) as pilot:
            await pilot.press("i")
            await settle(app, pilot)
            await pilot.press("home", "d")
            await pilot.pause()
            assert isinstance(app.screen, InterviewsScreen)
            assert notices(app)[-1] == (
                "Globex is still ahead: a debrief is for after the interview."
            )
            assert home.debriefs.get("Globex") is None


async def test_a_debrief_with_nothing_written_stays_open_and_says_why() -> None:
    with two_interviews(ACME_AT + timedelta(hours=3)) as home:
        app = home_app(home)
        async with app.run_test(size=WIDE) as pilot:
            await pilot.press("i", "end", "d")
            await pilot.pause()
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert isinstance(app.screen, DebriefScreen)
            assert text(app, "#debrief-error").startswith("the debrief is empty")
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, InterviewsScreen)
            assert home.debriefs.get("Acme") is None


async def test_reminders_come_on_their_day_and_go_with_the_dismiss_key() -> None:
    with two_interviews(ACME_AT + timedelta(hours=3)) as home:
        clock = home.clock
        assert isinstance(clock, FixedClock)
        app = home_app(home)
        async with app.run_test(size=WIDE) as pilot:
            await settle(app, pilot)
            # The day of the interview: nothing yet, and the widget takes no room.
            assert reminders(app).has_class("-none")
            assert reminders(app).lines() == []
            clock.set(THANK_YOU_FROM - timedelta(seconds=1))
            await home_screen(app).refresh_figures()
            await pilot.pause()
            assert reminders(app).has_class("-none")
            # The next app day: the thank-you note.
            clock.set(THANK_YOU_FROM)
            await home_screen(app).refresh_figures()
            await pilot.pause()
            assert not reminders(app).has_class("-none")
            assert reminders(app).lines() == ["Send Acme a thank-you note today · f done"]
            assert "Send Acme a thank-you note today" in str(reminders(app).render())
            await pilot.press("f")
            await pilot.pause()
            assert notices(app)[-1] == "Thank-you note to Acme: done, no more reminders."
            assert reminders(app).has_class("-none")
            # Nothing left: the key says so.
            await pilot.press("f")
            await pilot.pause()
            assert notices(app)[-1] == "No follow-up is due."
            # A week on, Acme's check-in, and Globex's thank-you due the same day (the
            # earlier interview first); Acme's thank-you stays dismissed. The key takes
            # the first one shown.
            clock.set(CHECK_IN_FROM)
            await home_screen(app).refresh_figures()
            await pilot.pause()
            assert reminders(app).lines() == [
                "Check in with Acme: a week since the interview · f done",
                "Send Globex a thank-you note today",
            ]
            await pilot.press("f")
            await pilot.pause()
            assert reminders(app).lines() == ["Send Globex a thank-you note today · f done"]
            await pilot.press("f")
            await pilot.pause()
            assert reminders(app).has_class("-none")
            later = home.debriefs.due_follow_ups(CHECK_IN_FROM + timedelta(days=60))
            assert [(one.interview, one.kind.value) for one in later] == [("Globex", "check-in")]


async def test_reminders_of_a_removed_interview_go_with_it() -> None:
    with two_interviews(THANK_YOU_FROM) as home:
        app = home_app(home)
        async with app.run_test(size=WIDE) as pilot:
            await settle(app, pilot)
            assert reminders(app).lines()[0].startswith("Send Acme a thank-you note today")
            await pilot.press("i", "end", "r", "y")
            await settle(app, pilot)
            await pilot.press("q")
            await settle(app, pilot)
            assert reminders(app).has_class("-none")
