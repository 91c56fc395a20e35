"""The drill screen driven by keys, as a user would, against a fake session."""

from __future__ import annotations

import pytest
from textual.content import Content
from textual.dom import DOMNode
from textual.pilot import Pilot
from textual.widgets import Static

from prepdeck.config import Config
from prepdeck.domain.cards import Card, Kind
from prepdeck.errors import StoreError
from prepdeck.srs.state import Rating
from prepdeck.tui.app import PrepdeckApp, make_app
from prepdeck.tui.dialogs.help import HelpScreen
from prepdeck.tui.screens.drill import DrillScreen
from prepdeck.tui.screens.summary import SummaryScreen
from prepdeck.tui.widgets.checklist import PointChecklist, PointRow
from prepdeck.tui.widgets.countdown import Countdown
from prepdeck.tui.widgets.grade_bar import GradeBar, GradeChoice
from prepdeck.tui.widgets.kind_badge import KindBadge
from tests.tui.conftest import Build
from tests.tui.fakes import FakeSession, GradeCall, sample_cards

SIZE = (80, 24)


def drill(app: PrepdeckApp) -> DrillScreen:
    screen = app.screen
    assert isinstance(screen, DrillScreen), f"expected the drill, got {screen!r}"
    return screen


def text(app: PrepdeckApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def shown(app: PrepdeckApp, selector: str) -> bool:
    """Whether the widget is on show: it and every container around it displayed, and it
    visible (a hidden grade bar keeps its place)."""
    node: DOMNode = app.screen.query_one(selector)
    if not node.visible:
        return False
    while node is not app.screen:
        if not node.display:
            return False
        assert node.parent is not None
        node = node.parent
    return True


def grade_texts(app: PrepdeckApp) -> list[str]:
    return [str(choice.render()) for choice in app.screen.query(GradeChoice)]


def suggested(app: PrepdeckApp) -> Rating | None:
    return app.screen.query_one(GradeBar).suggested


async def reveal(pilot: Pilot[None]) -> None:
    await pilot.press("space")
    await pilot.pause()


async def test_opens_on_the_first_card_with_the_answer_hidden(build: Build) -> None:
    app, session, _ = build()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = drill(app)
        assert text(app, "#prompt") == "Why should we hire you?"
        assert "Behavioural basics" in text(app, "#card-where")
        assert text(app, "#card-progress") == "0 done · 3 left"
        assert not shown(app, "#answer")
        assert not shown(app, "#points")
        assert not shown(app, "#grades")
        assert app.focused is not screen.draft
        assert session.reveals == 0


async def test_space_reveals_answer_points_followups_and_intervals(build: Build) -> None:
    app, session, _ = build()
    async with app.run_test(size=SIZE) as pilot:
        await reveal(pilot)
        assert session.reveals == 1
        assert shown(app, "#answer")
        assert text(app, "#answer").startswith("Because I ship")
        rows = [str(row.render()) for row in app.screen.query(PointRow)]
        assert rows == [
            "a [ ] A concrete result",
            "s [ ] Tie it to their need",
            "f [ ] Keep it under a minute",
        ]
        assert shown(app, "#followups")
        assert text(app, "#followups") == "- What would your manager say?"
        assert shown(app, "#grades")
        # No suggestion until a point is ticked or unticked.
        assert grade_texts(app)[:4] == ["1 Again 1m", "2 Hard 10m", "3 Good 2d", "4 Easy 9d"]
        assert suggested(app) is None
        # A second space must not ask the session for the outcomes again.
        await pilot.press("space")
        assert session.reveals == 1


async def test_ticked_points_suggest_a_grade_that_enter_accepts(build: Build) -> None:
    app, session, timer = build()
    async with app.run_test(size=SIZE) as pilot:
        timer.advance(30)
        await reveal(pilot)
        # An untouched checklist suggests nothing, so enter does nothing yet.
        assert suggested(app) is None
        await pilot.press("enter")
        await pilot.pause()
        assert session.graded == []
        await pilot.press("a")
        assert suggested(app) is Rating.HARD
        await pilot.press("a")
        assert suggested(app) is Rating.AGAIN
        await pilot.press("a")
        assert suggested(app) is Rating.HARD
        await pilot.press("f")
        assert suggested(app) is Rating.GOOD
        assert app.screen.query_one(PointChecklist).hits == (True, False, True)
        assert (
            app.screen.query("GradeChoice.-suggested").only_one(GradeChoice).rating is Rating.GOOD
        )
        await pilot.press("f")
        assert suggested(app) is Rating.HARD
        await pilot.press("s", "f")
        await pilot.press("enter")
        await pilot.pause()
        assert session.graded == [GradeCall("why-hire-you", Rating.GOOD, 3, 30_000, None)]
        assert text(app, "#prompt") == "Your train is cancelled an hour before the interview."


@pytest.mark.parametrize(
    "key, rating", [("1", Rating.AGAIN), ("2", Rating.HARD), ("3", Rating.GOOD), ("4", Rating.EASY)]
)
async def test_number_keys_grade_with_duration_and_draft(
    build: Build, key: str, rating: Rating
) -> None:
    app, session, timer = build()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d", *"I ship", "escape")
        timer.advance(42.5)
        await reveal(pilot)
        timer.advance(5)
        await pilot.press(key)
        await pilot.pause()
        # The time taken is the clock's: from the card to its answer, not to the grade.
        assert session.graded == [GradeCall("why-hire-you", rating, None, 42_500, "I ship")]
        assert text(app, "#prompt") == "Your train is cancelled an hour before the interview."
        assert text(app, "#card-progress") == "1 done · 2 left"
        assert drill(app).draft.text == ""
        assert not shown(app, "#answer")


async def test_grading_needs_the_answer_shown_first(build: Build) -> None:
    app, session, _ = build()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "enter")
        await pilot.pause()
        assert session.graded == []
        assert text(app, "#prompt") == "Why should we hire you?"


async def test_keys_typed_in_the_draft_never_grade(build: Build) -> None:
    app, session, _ = build()
    async with app.run_test(size=SIZE) as pilot:
        await reveal(pilot)
        screen = drill(app)
        await pilot.press("d")
        assert app.focused is screen.draft
        await pilot.press("3", "u", "n", "b", "a", "q", "!", "?", "space", "enter", "4")
        await pilot.press("escape")
        await pilot.pause()
        assert session.graded == []
        assert session.skipped == session.buried == session.suspended == []
        assert app.screen is screen
        assert screen.draft.text == "3unbaq!? \n4"
        assert app.focused is not screen.draft
        assert app.screen.query_one(PointChecklist).hits == (False, False, False)
        await pilot.press("3")
        await pilot.pause()
        assert [call.rating for call in session.graded] == [Rating.GOOD]
        assert session.graded[0].draft == "3unbaq!? \n4"


async def test_space_in_the_draft_does_not_reveal(build: Build) -> None:
    app, session, _ = build()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d", "space", "escape")
        await pilot.pause()
        assert session.reveals == 0
        assert drill(app).draft.text == " "


async def test_undo_brings_the_previous_card_back_with_its_draft(build: Build) -> None:
    app, session, _ = build()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d", *"draft", "escape")
        await reveal(pilot)
        await pilot.press("3")
        await pilot.pause()
        assert text(app, "#prompt").startswith("Your train")
        await pilot.press("u")
        await pilot.pause()
        assert session.graded == []
        assert text(app, "#prompt") == "Why should we hire you?"
        assert text(app, "#card-progress") == "0 done · 3 left"
        assert drill(app).draft.text == "draft"
        assert not shown(app, "#answer")


async def test_a_card_with_fewer_points_shows_and_counts_only_its_own(build: Build) -> None:
    app, session, _ = build()
    async with app.run_test(size=SIZE) as pilot:
        await reveal(pilot)
        await pilot.press("3")
        await pilot.pause()
        await reveal(pilot)
        lines = "\n".join(strip.text for strip in app.screen._compositor.render_strips())
        assert "[ ] Call early" in lines
        assert "[ ] Offer options" in lines
        # The first card's third point is gone from the screen, and its key ticks nothing.
        assert "Keep it under a minute" not in lines
        await pilot.press("f")
        await pilot.press("s")
        await pilot.pause()
        assert drill(app).checklist.total == 2
        assert drill(app).checklist.hit_count == 1
        await pilot.press("3")
        await pilot.pause()
        assert session.graded[-1].points_hit == 1
        # Undone, the first card comes back with its three points, none ticked.
        await pilot.press("u")
        await pilot.pause()
        await pilot.press("u")
        await pilot.pause()
        await reveal(pilot)
        lines = "\n".join(strip.text for strip in app.screen._compositor.render_strips())
        for point in ("A concrete result", "Tie it to their need", "Keep it under a minute"):
            assert f"[ ] {point}" in lines
        assert drill(app).checklist.total == 3


async def test_undo_with_nothing_to_undo_keeps_the_card(build: Build) -> None:
    app, session, _ = build()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("u")
        await pilot.pause()
        assert text(app, "#prompt") == "Why should we hire you?"
        assert session.graded == []


@pytest.mark.parametrize(
    "key, attribute", [("n", "skipped"), ("b", "buried"), ("exclamation_mark", "suspended")]
)
async def test_skip_bury_and_suspend_call_the_session(
    build: Build, key: str, attribute: str
) -> None:
    app, session, _ = build()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(key)
        await pilot.pause()
        assert getattr(session, attribute) == ["why-hire-you"]
        assert session.graded == []
        assert text(app, "#prompt").startswith("Your train")


@pytest.mark.parametrize("key", ["q", "escape"])
async def test_ending_shows_the_summary(build: Build, key: str) -> None:
    app, _, timer = build()
    async with app.run_test(size=SIZE) as pilot:
        timer.advance(65)
        await reveal(pilot)
        await pilot.press("3")
        await pilot.press(key)
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        values = [str(value.render()) for value in app.screen.query(".summary-value")]
        assert values[0] == "1"
        assert values[1] == "1:05"
        assert values[2] == "Again 0 · Hard 0 · Good 1 · Easy 0"
        assert values[3].startswith("in 2d (")
        assert values[4] == "2 left in today's queue"
        labels = [str(label.render()) for label in app.screen.query(".summary-label")]
        # New cards are not "due": the row that counts them says so.
        assert labels[4] == "Left today"
        assert str(app.screen.query_one("#summary-title", Static).render()) == "Session ended"


async def test_closing_the_summary_quits_a_drill_started_from_the_command_line(
    build: Build,
) -> None:
    app, _, _ = build()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("q")
        await pilot.pause()
        assert app.return_code == 0


async def test_the_last_grade_opens_the_summary_and_can_be_undone(build: Build) -> None:
    app, session, _ = build(sample_cards()[:1])
    async with app.run_test(size=SIZE) as pilot:
        await reveal(pilot)
        await pilot.press("4")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        assert str(app.screen.query_one("#summary-title", Static).render()) == "Session complete"
        hint = str(app.screen.query_one("#summary-hint", Static).render())
        assert hint == "q close   u undo the last step"
        await pilot.press("u")
        await pilot.pause()
        assert isinstance(app.screen, DrillScreen)
        assert session.graded == []
        assert text(app, "#prompt") == "Why should we hire you?"


async def test_an_empty_queue_goes_straight_to_the_summary(build: Build) -> None:
    app, _, _ = build([])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        title = str(app.screen.query_one("#summary-title", Static).render())
        assert title == "Nothing to drill right now"
        # Nothing was done, so nothing is offered for undoing.
        assert str(app.screen.query_one("#summary-hint", Static).render()) == "q close"
        await pilot.press("u")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)


MARKUP = "[bold]x[/bold] [@click=app.quit]quit[/] [link=https://example.com]l[/link] [red"


async def test_deck_text_is_shown_exactly_as_typed(build: Build) -> None:
    card = Card(
        id="markup",
        prompt="Prompt " + MARKUP,
        answer="Answer " + MARKUP + "\n",
        points=("Point " + MARKUP,),
        followups=("Follow " + MARKUP,),
    )
    app, session, _ = build([card])
    app_title = "Deck " + MARKUP
    session.deck_title = app_title
    async with app.run_test(size=SIZE) as pilot:
        await reveal(pilot)
        assert text(app, "#prompt") == "Prompt " + MARKUP
        assert text(app, "#answer") == "Answer " + MARKUP
        assert text(app, "#followups") == "- Follow " + MARKUP
        assert str(app.screen.query_one(PointRow).render()) == "a [ ] Point " + MARKUP
        assert text(app, "#card-where").startswith(app_title)
        # Parsed markup would have left spans (a style, an action, a link) behind.
        for selector in ("#prompt", "#answer", "#followups"):
            rendered = app.screen.query_one(selector, Static).render()
            assert isinstance(rendered, Content)
            assert rendered.spans == []
        await pilot.click("#prompt")
        await pilot.pause()
        assert app.return_code is None
        assert "[@click=app.quit]quit[/]" in app.export_screenshot()


async def test_kind_badge_and_hint_follow_the_card(build: Build) -> None:
    app, _, _ = build()
    async with app.run_test(size=SIZE) as pilot:
        badge = app.screen.query_one(KindBadge)
        assert badge.has_class("-question")
        assert str(badge.query_one(".kind-hint", Static).render()).startswith("Answer out loud")
        await pilot.press("n")
        await pilot.pause()
        assert badge.kind is Kind.SCENARIO
        assert badge.has_class("-scenario") and not badge.has_class("-question")
        assert str(badge.query_one(".kind-label", Static).render()).strip() == "SCENARIO"
        assert str(badge.query_one(".kind-hint", Static).render()) == "What will you do?"
        await pilot.press("n")
        await pilot.pause()
        assert badge.has_class("-company-need")
        assert str(badge.query_one(".kind-hint", Static).render()) == (
            "Tie your experience to their need."
        )


async def test_keymap_rebinds_keys_and_the_labels_follow(build: Build) -> None:
    keymap = {"reveal": "v", "good": "x", "point-1": "z", "back": "ctrl+e"}
    app, session, _ = build(config=Config(keymap=keymap))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        await pilot.pause()
        assert session.reveals == 0
        await pilot.press("v")
        await pilot.pause()
        assert session.reveals == 1
        assert str(app.screen.query(PointRow).first().render()).startswith("z [ ]")
        assert "x Good 2d" in grade_texts(app)
        await pilot.press("z")
        assert app.screen.query_one(PointChecklist).hits == (True, False, False)
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, DrillScreen)
        await pilot.press("3")
        await pilot.pause()
        assert session.graded == []
        await pilot.press("x")
        await pilot.pause()
        assert [call.rating for call in session.graded] == [Rating.GOOD]
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)


async def test_help_lists_the_keys_as_rebound(build: Build) -> None:
    app, _, _ = build(config=Config(keymap={"skip": "k"}))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        rows = {
            str(row.query_one(".help-text", Static).render()): str(
                row.query_one(".help-key", Static).render()
            )
            for row in app.screen.query(".help-row")
        }
        assert rows["Put this card back for later"] == "k"
        assert rows["Show the model answer and points"] == "space"
        assert rows["End the session"] == "q, esc"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DrillScreen)


async def test_time_behind_the_help_is_not_counted(build: Build) -> None:
    app, session, timer = build()
    async with app.run_test(size=SIZE) as pilot:
        timer.advance(10)
        await pilot.press("question_mark")
        await pilot.pause()
        timer.advance(100)
        await pilot.press("escape")
        await pilot.pause()
        timer.advance(5)
        await reveal(pilot)
        await pilot.press("1")
        await pilot.pause()
        assert session.graded[0].duration_ms == 15_000


async def test_countdown_counts_on_past_zero(build: Build) -> None:
    app, _, timer = build()
    async with app.run_test(size=SIZE) as pilot:
        countdown = app.screen.query_one(Countdown)
        countdown.tick()
        assert str(countdown.render()) == "1:30 / 1:30"
        assert not countdown.has_class("-overtime")
        timer.advance(89.9)
        countdown.tick()
        assert str(countdown.render()) == "0:01 / 1:30"
        timer.advance(12.1)
        countdown.tick()
        assert str(countdown.render()) == "-0:12 / 1:30"
        assert countdown.has_class("-overtime")
        # Showing the answer stops the clock on screen; the review still counts all of it.
        await reveal(pilot)
        timer.advance(60)
        countdown.tick()
        assert str(countdown.render()) == "-0:12 / 1:30"
        assert countdown.has_class("-stopped")


async def test_cards_without_a_budget_count_up(build: Build) -> None:
    app, session, timer = build()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await pilot.pause()
        countdown = app.screen.query_one(Countdown)
        assert str(countdown.render()) == "0:00"
        timer.advance(75.5)
        countdown.tick()
        assert str(countdown.render()) == "1:15"
        assert countdown.has_class("-open") and not countdown.has_class("-overtime")
        await reveal(pilot)
        await pilot.press("2")
        await pilot.pause()
        assert session.graded[0].duration_ms == 75_500


async def test_a_failed_grade_keeps_the_card_on_screen(
    build: Build, monkeypatch: pytest.MonkeyPatch
) -> None:
    app, session, _ = build()

    def refuse(*args: object, **kwargs: object) -> None:
        raise StoreError("database is busy: another prepdeck is writing to it; try again")

    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await reveal(pilot)
        monkeypatch.setattr(session, "grade", refuse)
        await pilot.press("3")
        await pilot.pause()
        assert isinstance(app.screen, DrillScreen)
        assert text(app, "#prompt") == "Why should we hire you?"
        assert shown(app, "#answer")
        messages = [str(toast.render()) for toast in app.screen.query("Toast")]
        assert any("database is busy" in message for message in messages)


async def test_a_session_that_cannot_open_exits_with_its_error() -> None:
    error = StoreError("database /x is damaged")

    def refuse() -> FakeSession:
        raise error

    app = make_app(refuse)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
    assert app.return_code == 1
    assert app.startup_error is error


@pytest.mark.parametrize("theme", ["textual-light", "textual-dark"])
async def test_themes_from_the_config_apply(build: Build, theme: str) -> None:
    app, _, _ = build(config=Config(theme=theme))
    async with app.run_test(size=SIZE) as pilot:
        await reveal(pilot)
        assert app.theme == theme
        assert app.current_theme.dark is (theme == "textual-dark")


async def test_an_unknown_theme_or_keymap_action_is_reported_not_fatal(build: Build) -> None:
    app, _, _ = build(config=Config(theme="no-such-theme", keymap={"revael": "r"}))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, DrillScreen)
        messages = " ".join(str(toast.render()) for toast in app.screen.query("Toast"))
        assert "no-such-theme" in messages
        assert "revael" in messages


async def test_clicking_a_grade_grades(build: Build) -> None:
    app, session, _ = build()
    async with app.run_test(size=SIZE) as pilot:
        await reveal(pilot)
        await pilot.click("GradeChoice.-easy")
        await pilot.pause()
        assert [call.rating for call in session.graded] == [Rating.EASY]


async def test_a_skipped_card_comes_back_with_its_draft(build: Build) -> None:
    app, session, _ = build()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d", *"half an answer", "escape", "n")
        await pilot.pause()
        assert drill(app).draft.text == ""
        await pilot.press("n", "n")
        await pilot.pause()
        assert text(app, "#prompt") == "Why should we hire you?"
        assert drill(app).draft.text == "half an answer"
        assert session.skipped == ["why-hire-you", "late-train", "scale-need"]


async def test_undoing_a_bury_brings_the_card_and_its_draft_back(build: Build) -> None:
    app, session, _ = build()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d", *"notes", "escape", "b")
        await pilot.pause()
        assert session.buried == ["why-hire-you"]
        assert text(app, "#prompt").startswith("Your train")
        await pilot.press("u")
        await pilot.pause()
        assert text(app, "#prompt") == "Why should we hire you?"
        assert drill(app).draft.text == "notes"
        assert session.left == 2


async def test_a_reveal_at_once_after_a_grade_shows_the_new_cards_answer(build: Build) -> None:
    # The answer's parts of a new card are filled after its first frame; a reveal that
    # comes before that frame must still show the new card's, not the last one's.
    app, session, _ = build()
    async with app.run_test(size=SIZE) as pilot:
        await reveal(pilot)
        screen = drill(app)
        await screen.action_grade(int(Rating.GOOD))
        await screen.action_reveal()
        for _ in range(2):  # at once, and once the frame and what follows it are done
            assert text(app, "#prompt").startswith("Your train")
            assert text(app, "#answer").startswith("Call the recruiter")
            rows = [str(row.render()) for row in screen.query(PointRow) if row.display]
            assert rows == ["a [ ] Call early", "s [ ] Offer options"]
            assert not shown(app, "#followups")
            assert grade_texts(app)[:4] == ["1 Again 1m", "2 Hard 10m", "3 Good 2d", "4 Easy 9d"]
            await pilot.pause()
        assert [call.rating for call in session.graded] == [Rating.GOOD]


async def test_a_point_key_bound_to_a_grade_is_skipped_by_the_points(build: Build) -> None:
    app, session, _ = build(config=Config(keymap={"good": "a"}))
    async with app.run_test(size=SIZE) as pilot:
        await reveal(pilot)
        rows = [str(row.render()) for row in app.screen.query(PointRow)]
        assert [row[:5] for row in rows] == ["s [ ]", "f [ ]", "g [ ]"]
        await pilot.press("s")
        await pilot.pause()
        assert app.screen.query_one(PointChecklist).hits == (True, False, False)
        assert "a Good 2d" in grade_texts(app)
        await pilot.press("a")
        await pilot.pause()
        assert [call.rating for call in session.graded] == [Rating.GOOD]


async def test_every_keymap_problem_is_shown_and_a_refused_key_keeps_its_action(
    build: Build,
) -> None:
    keymap = {"revael": "r", "nonsense": "y", "skip": "b"}
    app, session, _ = build(config=Config(keymap=keymap))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        messages = " ".join(str(toast.render()) for toast in app.screen.query("Toast"))
        assert "revael: unknown action" in messages
        assert "nonsense: unknown action" in messages
        assert 'skip = "b": b already does bury' in messages
        # b still buries, and skip is still on n, as the footer says.
        await pilot.press("b")
        await pilot.pause()
        assert (len(session.buried), len(session.skipped)) == (1, 0)
        await pilot.press("n")
        await pilot.pause()
        assert (len(session.buried), len(session.skipped)) == (1, 1)


async def test_rebinding_back_leaves_escape_to_the_draft_box(build: Build) -> None:
    app, _, _ = build(config=Config(keymap={"back": "x"}))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d", *"notes", "escape")
        await pilot.pause()
        screen = drill(app)
        assert app.focused is not screen.draft
        assert screen.draft.text == "notes"
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)


async def test_the_key_list_shows_the_point_keys_as_moved(build: Build) -> None:
    app, _, _ = build(config=Config(keymap={"good": "a"}))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        rows = {
            str(row.query_one(".help-text", Static).render()): str(
                row.query_one(".help-key", Static).render()
            )
            for row in app.screen.query(".help-row")
        }
        assert rows["Good: you answered well"] == "a"
        assert rows["Tick or untick key point 1–16"].startswith("s f g h ")
        assert " a " not in f" {rows['Tick or untick key point 1–16']} "


async def test_a_card_without_an_answer_says_so_on_reveal(build: Build) -> None:
    app, _, _ = build([Card(id="mine", prompt="What is your pitch?", answer="")])
    async with app.run_test(size=SIZE) as pilot:
        await reveal(pilot)
        assert text(app, "#answer") == "(no answer yet)"


async def test_a_multi_line_draft_stays_whole_after_leaving_the_box(build: Build) -> None:
    app, _, _ = build()
    async with app.run_test(size=SIZE) as pilot:
        screen = drill(app)
        await pilot.press("d", *"first", "enter", *"second", "enter", *"third", "escape")
        await pilot.pause()
        draft = screen.draft
        assert app.focused is not draft
        # Every line in sight: the box is as tall as its text, which starts at the top.
        assert draft.content_size.height >= 3
        assert draft.scroll_offset.y == 0


async def test_a_long_draft_is_kept_to_a_few_lines_and_scrolls(build: Build) -> None:
    app, _, _ = build()
    async with app.run_test(size=SIZE) as pilot:
        screen = drill(app)
        await pilot.press("d")
        screen.draft.text = "\n".join(f"line {number}" for number in range(30))
        await pilot.pause()
        focused_height = screen.draft.outer_size.height
        await pilot.press("escape")
        await pilot.pause()
        draft = screen.draft
        # The card above keeps most of the screen, typing or not.
        assert focused_height <= SIZE[1] // 2
        assert draft.outer_size.height <= SIZE[1] // 3
        assert draft.max_scroll_y > 0


async def test_a_draft_ticks_the_points_it_covers_on_reveal_as_suggestions(
    build: Build,
) -> None:
    app, session, _ = build()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("d", *"I tied the result to their needs", "escape")
        await reveal(pilot)
        checklist = app.screen.query_one(PointChecklist)
        # "A concrete result" needs both words; "Tie it to their need" is covered.
        assert checklist.hits == (False, True, False)
        rows = list(app.screen.query(PointRow))
        assert "suggested" in str(rows[1].render())
        assert "suggested" not in str(rows[0].render())
        assert "ticked from your answer" in text(app, "#points-title")
        # One of three: under half, so Hard, as ticks by hand would suggest.
        assert suggested(app) is Rating.HARD
        # The point key unticks the suggestion, and the grade follows.
        await pilot.press("s")
        await pilot.pause()
        assert checklist.hits == (False, False, False)
        assert "suggested" not in str(rows[1].render())
        assert suggested(app) is Rating.AGAIN
        await pilot.press("s", "enter")
        await pilot.pause()
        assert session.graded[0].rating is Rating.HARD
        assert session.graded[0].points_hit == 1


async def test_without_a_draft_nothing_is_ticked_on_reveal(build: Build) -> None:
    app, _, _ = build()
    async with app.run_test(size=SIZE) as pilot:
        await reveal(pilot)
        assert app.screen.query_one(PointChecklist).hits == (False, False, False)
        assert suggested(app) is None
