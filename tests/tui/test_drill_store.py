"""The drill screen on the real session and a real database: what a key does is what is stored."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from textual.widgets import Static

from prepdeck.config import Config
from prepdeck.domain.cards import Card, Deck, Kind
from prepdeck.srs import Rating, SrsScheduler
from prepdeck.store import ImportedReview, Store, connect
from prepdeck.study.session import Session
from prepdeck.tui.app import PrepdeckApp, make_app
from prepdeck.tui.screens.drill import DrillScreen
from prepdeck.tui.screens.summary import SummaryScreen
from prepdeck.tui.widgets.grade_bar import GradeChoice
from tests.tui.fakes import START, FakeTimer, fixed_clock

SIZE = (80, 24)

DECK = Deck(
    id="basics",
    title="Basics [b]deck[/b]",
    cards=(
        Card(
            id="why-you",
            prompt="Why [bold]you[/bold]? [@click=app.quit]x[/]",
            answer="Results, tied to their need.",
            points=("A result", "Their need", "Short"),
            seconds=60,
        ),
        Card(
            id="late",
            kind=Kind.SCENARIO,
            prompt="The train is late.",
            answer="Call ahead.",
            points=("Call",),
        ),
        Card(id="platform", kind=Kind.COMPANY_NEED, prompt="They scale.", answer="My pipeline."),
    ),
)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with connect(tmp_path / "prepdeck.db", backups_dir=tmp_path / "backups") as opened:
        opened.decks.install(DECK, source="file", content_hash="0" * 64, now=START)
        yield opened


def real_app(store: Store, timer: FakeTimer, config: Config | None = None) -> PrepdeckApp:
    clock = fixed_clock()

    def open_session() -> Session:
        return Session(store, SrsScheduler(enable_fuzzing=False), clock)

    return make_app(open_session, config=config, clock=clock, monotonic=timer)


def drill(app: PrepdeckApp) -> DrillScreen:
    assert isinstance(app.screen, DrillScreen)
    return app.screen


def prompt(app: PrepdeckApp) -> str:
    return str(app.screen.query_one("#prompt", Static).render())


async def test_a_graded_card_is_stored_with_points_time_and_draft(store: Store) -> None:
    timer = FakeTimer()
    app = real_app(store, timer)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert prompt(app) == "Why [bold]you[/bold]? [@click=app.quit]x[/]"
        await pilot.press("d", *"my take", "escape")
        timer.advance(48)
        await pilot.press("space")
        await pilot.pause()
        session = drill(app).session
        labels = session.reveal()
        shown = [str(choice.render()) for choice in app.screen.query(GradeChoice)]
        for rating, choice in zip(Rating, shown, strict=True):
            assert choice.split(" ")[2] == labels[rating]
        await pilot.press("a", "s", "enter")
        await pilot.pause()
        assert prompt(app) == "The train is late."
    (review,) = store.reviews.of_card("basics", "why-you")
    assert review.rating is Rating.GOOD
    assert (review.points_hit, review.points_total) == (2, 3)
    assert review.duration_ms == 48_000
    assert review.draft == "my take"


async def test_undo_deletes_the_review_and_shows_the_card_again(store: Store) -> None:
    timer = FakeTimer()
    app = real_app(store, timer)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space", "1")
        await pilot.pause()
        assert len(store.reviews.of_card("basics", "why-you")) == 1
        assert prompt(app) == "The train is late."
        await pilot.press("u")
        await pilot.pause()
        assert store.reviews.of_card("basics", "why-you") == []
        assert prompt(app).startswith("Why [bold]you")
        assert not app.screen.query_one("#revealed").display


async def test_bury_and_suspend_reach_the_database(store: Store) -> None:
    timer = FakeTimer()
    app = real_app(store, timer)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("b")
        await pilot.pause()
        assert store.cards.get("basics", "why-you").buried_until is not None
        await pilot.press("exclamation_mark")
        await pilot.pause()
        assert store.cards.get("basics", "late").suspended
        assert prompt(app) == "They scale."
        await pilot.press("u")
        await pilot.pause()
        assert not store.cards.get("basics", "late").suspended
        assert prompt(app) == "The train is late."


async def test_the_summary_shows_what_the_session_did(store: Store) -> None:
    timer = FakeTimer()
    app = real_app(store, timer)
    async with app.run_test(size=SIZE) as pilot:
        for key in ("3", "4", "4"):
            timer.advance(20)
            await pilot.press("space", key)
            await pilot.pause()
        # A card graded Good while new comes back within minutes, so the queue is not empty.
        while isinstance(app.screen, DrillScreen):
            await pilot.press("space", "4")
            await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        values = [str(value.render()) for value in app.screen.query(".summary-value")]
        done = int(values[0])
        assert done >= 3
        assert values[1] == "1:00"
        assert "Easy" in values[2] and "Good 1" in values[2]
        assert values[3].startswith("in ")
    assert sum(store.figures.review_totals().values()) == done


async def test_a_card_back_for_its_next_step_starts_with_an_empty_draft(store: Store) -> None:
    timer = FakeTimer()
    app = real_app(store, timer)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d", *"first try", "escape", "space", "1")
        await pilot.pause()
        await pilot.press("space", "4", "space", "4")
        await pilot.pause()
        # Again puts the card a minute out; with nothing else left it is shown early.
        assert prompt(app).startswith("Why [bold]you")
        assert drill(app).draft.text == ""
        await pilot.press("space", "3")
        await pilot.pause()
    assert [review.draft for review in store.reviews.of_card("basics", "why-you")] == [
        "first try",
        None,
    ]


async def test_a_leech_is_marked_while_it_is_drilled(store: Store) -> None:
    learnt_and_forgotten = [Rating.GOOD, Rating.GOOD] + [Rating.AGAIN, Rating.GOOD] * 4
    store.reviews.import_reviews(
        [
            ImportedReview("basics", "why-you", rating, START - timedelta(days=30, hours=-index))
            for index, rating in enumerate(learnt_and_forgotten)
        ],
        scheduler=SrsScheduler(enable_fuzzing=False),
        day_of=lambda moment: moment.date(),
    )
    assert store.cards.get("basics", "why-you").lapses == 4
    timer = FakeTimer()
    app = real_app(store, timer)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert prompt(app).startswith("Why")
        assert str(app.screen.query_one("#card-where", Static).render()) == (
            "Basics [b]deck[/b]  leech"
        )
        await pilot.press("space", "3")
        await pilot.pause()
        assert prompt(app) == "The train is late."
        assert str(app.screen.query_one("#card-where", Static).render()) == (
            "Basics [b]deck[/b]  new"
        )
