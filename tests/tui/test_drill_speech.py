"""The drill's record key: a spoken answer transcribed, its points ticked, kept with the
review; and the drill going on where there is no microphone."""

from __future__ import annotations

import pytest
from textual.widgets import Static

from prepdeck.srs.state import Rating
from prepdeck.tui.app import PrepdeckApp
from prepdeck.tui.widgets.checklist import PointChecklist
from prepdeck.tui.widgets.grade_bar import GradeBar
from tests.tui.conftest import Build
from tests.tui.fakes import FakeRecorder, FakeSpeech
from tests.tui.test_layout_sizes import on_screen

SIZE = (100, 30)


def text(app: PrepdeckApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def test_r_records_and_again_shows_what_was_said_with_points_ticked(build: Build) -> None:
    app, session, _ = build()
    speech = FakeSpeech()
    app.speech = speech
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        assert speech.recorder_made.started == 1
        assert "● rec, r stops" in text(app, "#card-progress")
        await pilot.press("r")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.pause()
        assert speech.recorder_made.stopped == 1
        assert "●" not in text(app, "#card-progress")
        # Stopping reveals the card: the transcript beside the model answer.
        assert app.screen.query_one("#revealed").display
        assert text(app, "#spoken") == speech.transcript
        # 10 words in 4 s: 150 a minute, within the card's 90 s; "um" and "you know".
        assert text(app, "#spoken-figures") == (
            "150 words a minute (steady) · 4 s of 90 s · 2 fillers"
        )
        checklist = app.screen.query_one(PointChecklist)
        assert checklist.hits == (False, True, False)
        assert app.screen.query_one(GradeBar).suggested is Rating.HARD
        await pilot.press("enter")
        await pilot.pause()
        [call] = session.graded
        assert call.rating is Rating.HARD and call.points_hit == 1
        assert call.spoken is not None
        assert call.spoken.transcript == speech.transcript
        assert (call.spoken.words, call.spoken.fillers) == (10, 2)
        # The next card starts without it.
        assert not app.screen.query_one("#spoken-part").display


async def test_no_input_device_is_one_notice_and_the_drill_goes_on(build: Build) -> None:
    app, session, _ = build()
    speech = FakeSpeech(recorder_made=FakeRecorder(missing="Cannot record: no input device"))
    app.speech = speech
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        notices = [notification.message for notification in app._notifications]
        assert notices == ["Cannot record: no input device"]
        assert "●" not in text(app, "#card-progress")
        await pilot.press("space", "3")
        await pilot.pause()
        assert [call.rating for call in session.graded] == [Rating.GOOD]
        assert session.graded[0].spoken is None


async def test_grading_while_recording_throws_the_recording_away(build: Build) -> None:
    app, session, _ = build()
    speech = FakeSpeech()
    app.speech = speech
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("r", "space", "3")
        await pilot.pause()
        assert speech.recorder_made.stopped == 1
        assert speech.heard == []
        assert session.graded[0].spoken is None
        assert "●" not in text(app, "#card-progress")


async def test_a_long_transcript_leaves_the_points_in_sight_on_a_small_terminal(
    build: Build,
) -> None:
    from prepdeck.tui.widgets.checklist import PointRow

    app, _, _ = build()
    app.speech = FakeSpeech(transcript=" ".join(["I tied it to their need"] * 80))
    async with app.run_test(size=(60, 15)) as pilot:
        await pilot.pause()
        await pilot.press("r", "r")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.pause()
        rows = list(app.screen.query(PointRow))
        assert rows[1].hit
        assert all(on_screen(app, row) for row in rows)


async def test_in_a_browser_r_never_opens_the_servers_microphone(
    build: Build, monkeypatch: pytest.MonkeyPatch
) -> None:
    app, _, _ = build()
    speech = FakeSpeech()
    app.speech = speech
    monkeypatch.setattr(PrepdeckApp, "is_web", property(lambda self: True))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        assert speech.recorder_made.started == 0
        notices = [notification.message for notification in app._notifications]
        assert notices == ["Recording works in the terminal only, not in a browser."]
