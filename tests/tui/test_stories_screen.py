"""The story bank screen on a real home: opened from the home, stories written and changed
in the form, linked to the cards they answer and unlinked, drilled, and removed."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import Input

from prepdeck.domain.stories import DRILL_DECK_ID
from prepdeck.services import Services
from prepdeck.tui.app import PrepdeckApp
from prepdeck.tui.dialogs.confirm import ConfirmScreen
from prepdeck.tui.dialogs.story_form import StoryFormScreen, read_tags
from prepdeck.tui.screens.drill import DrillScreen
from prepdeck.tui.screens.stories import StoriesScreen
from tests.tui.homes import home_app, install_bundled, open_test_home, text
from tests.tui.test_coverage import figures_line, measured

SIZE = (100, 30)


def stories_screen(app: PrepdeckApp) -> StoriesScreen:
    screen = app.screen
    assert isinstance(screen, StoriesScreen), f"expected the stories, got {screen!r}"
    return screen


async def type_into(pilot: Pilot[None], widget_id: str, typed: str) -> None:
    pilot.app.screen.query_one(f"#{widget_id}").focus()
    await pilot.press(*typed)


def with_a_story(home: Services) -> str:
    install_bundled(home)
    return home.stories.add(
        title="Calmed a conflict",
        situation="Two leads disagreed about the roadmap and priorities",
        action="I compared the cost and customer value of both plans",
        result="We shipped both in one quarter",
        tags=("conflict",),
    ).id


async def test_an_empty_bank_says_what_a_story_is_and_which_key_adds_one() -> None:
    home = open_test_home()
    with home:
        app = home_app(home)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("m")
            await pilot.pause()
            about = text(app, "#stories-about")
            assert "No stories yet" in about
            assert "Situation" in about and "Result" in about
            assert "Five to ten stories" in about
            assert "a adds one" in about
            assert not stories_screen(app).query_one("#stories-body").display


async def test_a_story_written_in_the_form_is_kept_and_a_missing_part_keeps_the_form_open() -> None:
    home = open_test_home()
    with home:
        app = home_app(home)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("m", "a")
            await pilot.pause()
            assert isinstance(app.screen, StoryFormScreen)
            await type_into(pilot, "story-title", "Cut the build")
            await type_into(pilot, "story-situation", "CI was slow")
            await pilot.press("ctrl+s")
            await pilot.pause()
            # Refused: the form stays, with what was typed, and says what is missing.
            assert isinstance(app.screen, StoryFormScreen)
            assert "needs a action" in text(app, "#story-form-error")
            assert app.focused is app.screen.query_one("#story-action")
            assert home.stories.all() == []
            await pilot.press(*"Cached deps")
            await type_into(pilot, "story-result", "Nine minutes")
            await type_into(pilot, "story-tags", "ci speed")
            await pilot.press("ctrl+s")
            await pilot.pause()
            screen = stories_screen(app)
            [kept] = home.stories.all()
            assert (kept.id, kept.title, kept.situation, kept.action, kept.result) == (
                "cut-the-build",
                "Cut the build",
                "CI was slow",
                "Cached deps",
                "Nine minutes",
            )
            assert kept.tags == ("ci", "speed")
            assert screen.selected == kept
            assert "Cut the build" in text(app, "#story-head")


async def test_a_story_is_edited_linked_unlinked_drilled_and_removed() -> None:
    home = open_test_home()
    with home:
        story_id = with_a_story(home)
        app = home_app(home)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("m")
            await pilot.pause()
            screen = stories_screen(app)

            # Edit: the form opens on the story as kept.
            await pilot.press("e")
            await pilot.pause()
            assert app.screen.query_one("#story-title", Input).value == "Calmed a conflict"
            assert story_id in text(app, "#story-form-id")
            await type_into(pilot, "story-metric", "2 plans")
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert home.stories.get(story_id).metric == "2 plans"
            assert screen.selected is not None and screen.selected.metric == "2 plans"

            # l links the first suggestion; enter in the list links the one picked there.
            first = screen.suggestions[0].ref
            await pilot.press("l")
            await pilot.pause()
            assert home.stories.cards_of(story_id) == [first]
            picked = screen.suggestions[1].ref
            screen.query_one("#story-suggestions").focus()
            await pilot.press("down", "enter")
            await pilot.pause()
            assert sorted(home.stories.cards_of(story_id)) == sorted([first, picked])
            assert "2;" in text(app, "#story-links-head")

            # u unlinks the linked card highlighted.
            screen.query_one("#story-links").focus()
            await pilot.press("down", "u")
            await pilot.pause()
            assert home.stories.cards_of(story_id) == [sorted([first, picked])[0]]

            # d drills the stories' own deck.
            await pilot.press("d")
            await pilot.pause()
            assert isinstance(app.screen, DrillScreen)
            assert app.screen.session.current is not None
            assert app.screen.session.current.deck_id == DRILL_DECK_ID
            await pilot.press("q", "q")
            await pilot.pause()

            # r asks first, and says what goes and what is kept.
            stories_screen(app).query_one("#story-list").focus()
            await pilot.press("r")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmScreen)
            question = text(app, "#confirm-question")
            assert "Its link to 1 card goes" in question and "reviews are kept" in question
            await pilot.press("y")
            await pilot.pause()
            assert home.stories.all() == []
            assert "No stories yet" in text(app, "#stories-about")


def test_tags_are_read_as_the_cli_takes_them() -> None:
    assert read_tags("ci  speed") == ("ci", "speed")
    assert read_tags("team lead, ci,") == ("team lead", "ci")
    assert read_tags("  ") == ()


async def test_c_opens_the_coverage_of_the_questions_against_the_stories() -> None:
    home = open_test_home()
    with home:
        with_a_story(home)
        app = home_app(home)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("m")
            await pilot.pause()
            stories_screen(app)
            await pilot.press("c")
            await measured(app, pilot)
            # No interview ahead: every active deck, with the same figures the command gives.
            assert text(app, "#coverage-figures") == figures_line(home)
            await pilot.press("q")
            await pilot.pause()
            stories_screen(app)
