"""The cram screen on a real home: what it is for, whether grades are applied, its session
clock, and the summary with readiness before and after."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from textual.widgets import Static

from prepdeck.domain.cards import Kind
from prepdeck.domain.cram import CramRequest
from prepdeck.services import Services
from prepdeck.store import ReviewMode
from prepdeck.tui.app import PrepdeckApp, make_app
from prepdeck.tui.screens.cram import CramScreen, CramSummaryScreen
from prepdeck.tui.widgets.grade_bar import GradeChoice
from tests.domain.histories import install
from tests.tui.fakes import START, FakeTimer
from tests.tui.homes import SIZE, open_test_home

INTERVIEW_AT = START + timedelta(days=2)


@pytest.fixture
def home() -> Iterator[Services]:
    with open_test_home() as services:
        install(services._store, "questions", 6, now=START)
        install(services._store, "contingency", 2, now=START, kind=Kind.SCENARIO)
        services.interviews.add("Acme", INTERVIEW_AT)
        services.interviews.need("Acme", "Kafka")
        yield services


def cram_app(
    home: Services, timer: FakeTimer, *, minutes: int | None = None, reschedule: bool = False
) -> PrepdeckApp:
    session = home.new_cram(CramRequest(interview="Acme", reschedule=reschedule))
    return make_app(
        services=home,
        opens_on="cram",
        cram=session,
        cram_minutes=minutes,
        monotonic=timer,
    )


def text(app: PrepdeckApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def grade_labels(app: PrepdeckApp) -> str:
    return " ".join(str(choice.render()) for choice in app.screen.query(GradeChoice))


def cram_screen(app: PrepdeckApp) -> CramScreen:
    assert isinstance(app.screen, CramScreen), app.screen
    return app.screen


def schedules(home: Services) -> dict[tuple[str, str], tuple[object, ...]]:
    rows = home._store._db.rows("SELECT deck_id, card_id, state, stability, due FROM cards")
    return {(row[0], row[1]): tuple(row[2:]) for row in rows}


async def test_the_screen_says_what_the_cram_is_for_and_keeps_the_schedule(
    home: Services,
) -> None:
    before = schedules(home)
    app = cram_app(home, FakeTimer())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        cram_screen(app)
        assert "Cram for Acme" in text(app, "#cram-for")
        assert "schedule kept" in text(app, "#cram-mode")
        # The interview's own need comes first.
        assert "They need Kafka" in text(app, "#prompt")
        await pilot.press("space")
        assert "again soon" in grade_labels(app)
        await pilot.press("3", "space", "1")
        await pilot.pause()
    reviews = list(home._store.reviews.all())
    assert [(r.mode, r.applied) for r in reviews] == [(ReviewMode.CRAM, False)] * 2
    # The bundled decks come in after the first frame: only the cards there before count.
    after = schedules(home)
    assert {key: after[key] for key in before} == before


async def test_the_toggle_applies_grades_from_then_on(home: Services) -> None:
    app = cram_app(home, FakeTimer())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("space", "3")
        await pilot.press("R")
        assert "grades applied" in text(app, "#cram-mode")
        await pilot.press("space")
        # Applied grades show the waits they give, as in a drill.
        assert "again soon" not in grade_labels(app)
        await pilot.press("3")
        await pilot.pause()
    reviews = list(home._store.reviews.all())
    assert [r.applied for r in reviews] == [False, True]
    applied = reviews[1]
    stored = home._store.cards.get(applied.deck_id, applied.card_id).schedule
    assert stored == applied.after and stored is not None


async def test_the_summary_shows_readiness_before_and_after(home: Services) -> None:
    app = cram_app(home, FakeTimer())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for _ in range(3):
            await pilot.press("space", "4")
        await pilot.press("q")
        await pilot.pause()
        summary = app.screen
        assert isinstance(summary, CramSummaryScreen)
        shown = " ".join(str(node.render()) for node in summary.query(Static))
        assert "Cram ended" in shown
        change = summary.cram_totals.readiness
        assert change is not None and change.after > change.before
        assert f"{change.before:.1%} → {change.after:.1%} at Acme" in shown
        assert "unchanged: cram reviews are logged, not applied" in shown


async def test_the_session_clock_ends_the_cram_when_it_runs_out(home: Services) -> None:
    timer = FakeTimer()
    app = cram_app(home, timer, minutes=2)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = cram_screen(app)
        assert text(app, "#cram-clock") == "2:00 left"
        await pilot.press("space", "3")
        timer.advance(61)
        screen.tick_clock()
        assert text(app, "#cram-clock") == "0:59 left"
        timer.advance(60)
        screen.tick_clock()
        await pilot.pause()
        summary = app.screen
        assert isinstance(summary, CramSummaryScreen)
        shown = " ".join(str(node.render()) for node in summary.query(Static))
        assert "Time is up" in shown and summary.cram_totals.done == 1


async def test_a_revealed_card_is_graded_before_the_clock_ends_the_cram(
    home: Services,
) -> None:
    timer = FakeTimer()
    app = cram_app(home, timer, minutes=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = cram_screen(app)
        await pilot.press("space")
        timer.advance(61)
        screen.tick_clock()
        await pilot.pause()
        assert app.screen is screen and text(app, "#cram-clock") == "time is up"
        await pilot.press("2")
        await pilot.pause()
        assert isinstance(app.screen, CramSummaryScreen)
    assert len(list(home._store.reviews.all())) == 1


async def test_cram_now_from_the_home_and_an_unknown_interview(home: Services) -> None:
    app = make_app(services=home, monotonic=FakeTimer())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.start_cram(interview="Acme")
        await pilot.pause()
        assert cram_screen(app).cram.target.interview == "Acme"
        await pilot.press("q")
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
        assert not app.start_cram(interview="Nobody")
        await pilot.pause()
        assert not isinstance(app.screen, CramScreen)


async def test_c_on_the_interviews_screen_opens_a_cram_for_the_selected_one(
    home: Services,
) -> None:
    app = make_app(services=home, monotonic=FakeTimer())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("i")
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        screen = cram_screen(app)
        assert screen.cram.target.interview == "Acme"
        assert "They need Kafka" in text(app, "#prompt")
