"""The coverage screen: opened from the interviews screen, its figures those of the
service, its matrix of story questions and stories, and the key that moves its scope."""

from __future__ import annotations

from datetime import timedelta

from textual.pilot import Pilot

from prepdeck.domain.cards import Card, Deck
from prepdeck.domain.sources import DeckSource
from prepdeck.services import Services
from prepdeck.tui.app import PrepdeckApp
from prepdeck.tui.screens.coverage import CoverageScreen, CoverageTable
from tests.tui.fakes import START
from tests.tui.homes import home_app, open_test_home, text


def a_home() -> Services:
    """The deck star: conflict and failure ask for a story (a story linked to the first),
    dns does not and has an own answer; the interview Acme on it, with a need."""
    home = open_test_home()
    home._store.decks.install(
        Deck(
            id="star",
            title="Stars",
            cards=(
                Card("conflict", "Tell me about a conflict.", "A.", tags=("star", "conflict")),
                Card("failure", "Tell me about a failure.", "A.", tags=("star", "failure")),
                Card("dns", "What is DNS?", "A."),
            ),
        ),
        source=DeckSource.FILE,
        content_hash="star",
        now=START,
    )
    story = home.stories.add(title="Hard talk", situation="S.", action="A.", result="R.")
    home.stories.link(story.id, "star/conflict")
    home.answers.set("star", "dns", "Names to addresses.")
    home.interviews.add("Acme", START + timedelta(days=2), decks=["star"])
    home.interviews.need("Acme", "Kafka at scale")
    return home


async def measured(app: PrepdeckApp, pilot: Pilot[None]) -> CoverageScreen:
    """The coverage screen, once its worker has read what it shows."""
    screen = app.screen
    assert isinstance(screen, CoverageScreen), f"expected coverage, got {screen!r}"
    for _ in range(50):
        await app.workers.wait_for_complete()
        await pilot.pause()
        if screen.stories is not None:
            return screen
    raise AssertionError("coverage was never measured")


def figures_line(home: Services, **scope: str) -> str:
    report = home.coverage(**scope, limit=0)
    return (
        f"Cards {report.cards} · With your answer {report.with_answer} · "
        f"With a story {report.with_story} · With neither {report.uncovered_count}"
    )


async def test_the_interviews_screen_opens_the_interviews_coverage_and_s_moves_on() -> None:
    with a_home() as home:
        app = home_app(home)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("i", "s")
            screen = await measured(app, pilot)
            assert "Coverage of Acme: its decks and its needs" in text(app, "#coverage-scope")
            assert text(app, "#coverage-figures") == figures_line(home, interview="Acme")
            assert text(app, "#coverage-figures") == (
                "Cards 4 · With your answer 1 · With a story 1 · With neither 2"
            )
            likely = text(app, "#coverage-likely")
            assert likely.startswith("Likely at Acme with no story (2): They need Kafka at scale")
            assert "Tell me about a failure." in likely
            table = screen.query_one(CoverageTable)
            # The need (its deck's id comes first), then the two story questions of star;
            # a column for the own answer, one for the story.
            assert (table.row_count, len(table.columns)) == (3, 3)
            assert [table.get_row_at(row)[2].plain for row in range(3)] == ["·", "●", "·"]
            assert table.get_row_at(2)[0].plain.startswith("✗ Tell me about a failure.")
            assert "1 Hard talk" in text(app, "#coverage-legend")
            await pilot.press("down")
            assert text(app, "#coverage-detail") == (
                "Tell me about a conflict. · no answer of yours · 1 story: 1 Hard talk · "
                "star/conflict"
            )

            # Acme is the next interview too, so s goes on to every active deck.
            await pilot.press("s")
            screen = await measured(app, pilot)
            assert "every active deck" in text(app, "#coverage-scope")
            assert text(app, "#coverage-figures") == figures_line(home)
            every = home.story_coverage()
            assert text(app, "#coverage-likely") == (
                f"Story questions with no story: {len(every.without_story)} of "
                f"{len(every.questions)}."
            )
            await pilot.press("q")
            await pilot.pause()
            assert type(app.screen).__name__ == "InterviewsScreen"


async def test_a_deck_scope_fits_a_small_terminal() -> None:
    with a_home() as home:
        app = home_app(home)
        async with app.run_test(size=(60, 15)) as pilot:
            await app.push_screen(CoverageScreen(deck_id="star"))
            screen = await measured(app, pilot)
            assert "Stars (star)" in text(app, "#coverage-scope")
            assert text(app, "#coverage-figures") == figures_line(home, deck_id="star")
            table = screen.query_one(CoverageTable)
            assert table.row_count == 2
            assert table.region.height >= 3  # the header and both questions stay in sight
