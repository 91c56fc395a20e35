"""The home screen on a real home: decks and figures, drills from it, pause and limits."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Sequence
from pathlib import Path

import pytest
from textual.widgets import Input

import prepdeck.library.bundled as bundled
from prepdeck.clock import Clock
from prepdeck.domain.cards import Card, Deck
from prepdeck.formats.deck.loader import load_deck_bytes
from prepdeck.srs import Rating
from prepdeck.store import Store
from prepdeck.tui.app import PrepdeckApp
from prepdeck.tui.dialogs.limits import LimitsScreen
from prepdeck.tui.protocols import DrillSession
from prepdeck.tui.screens.drill import DrillScreen
from prepdeck.tui.screens.home import HomeScreen
from prepdeck.tui.screens.summary import SummaryScreen
from prepdeck.tui.widgets.deck_table import DeckTable
from prepdeck.tui.widgets.footer import KeyFooter
from tests.tui.fakes import START
from tests.tui.homes import (
    SIZE,
    bundled_titles,
    deck_row,
    deck_rows,
    home_app,
    home_screen,
    install_bundled,
    open_test_home,
    selected_line,
    text,
    tile,
)


def select(app: PrepdeckApp, deck_id: str) -> None:
    home_screen(app).query_one(DeckTable).select_deck(deck_id)


def drill(app: PrepdeckApp) -> DrillScreen:
    screen = app.screen
    assert isinstance(screen, DrillScreen), f"expected the drill, got {screen!r}"
    return screen


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[Sequence[str] | None]:
    """The deck ids of every session the app opens, in order."""
    calls: list[Sequence[str] | None] = []
    original = PrepdeckApp._open

    def spy(
        self: PrepdeckApp,
        deck_ids: Sequence[str] | None,
        first_card: tuple[str, str] | None = None,
    ) -> DrillSession:
        calls.append(None if deck_ids is None else list(deck_ids))
        return original(self, deck_ids, first_card)

    monkeypatch.setattr(PrepdeckApp, "_open", spy)
    return calls


async def test_a_fresh_home_shows_the_bundled_decks_in_its_first_frame() -> None:
    home = open_test_home()
    assert home._store.decks.installed() == []
    with home:
        app = home_app(home)
        async with app.run_test(size=SIZE):
            # No pause: what the first frame holds is there once the app has mounted.
            assert isinstance(app.screen, HomeScreen)
            titles = [row[0] for row in deck_rows(app)]
            assert titles == sorted(bundled_titles().values(), key=str.casefold)
            assert tile(app, "due-now") == "0"
            assert tile(app, "new-today") == "10"
            assert tile(app, "reviews-today") == "0"
            assert tile(app, "time-today") == "0s"
            assert tile(app, "streak") == "0 days"
            row = deck_row(app, "Tough questions")
            cards = len(home._store.decks.cards("tough-questions"))
            assert row[1:4] == [str(cards), "0", "10"]
            assert "drills the selected deck" in text(app, "#home-hint")


async def test_a_changed_bundled_deck_merges_in_after_the_first_frame(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    home = open_test_home()
    install_bundled(home)
    # An older copy of a bundled deck: another title, another hash.
    path = next(p for p in bundled.bundled_deck_files() if p.stem == "tough-questions")
    deck = load_deck_bytes(path.read_bytes(), str(path)).deck
    assert deck is not None
    old = type(deck)(id=deck.id, title="Old questions", version=deck.version, cards=deck.cards)
    home._store.decks.install(old, source="bundled", content_hash="0" * 64, now=home.clock.now())

    started, gate = threading.Event(), threading.Event()
    real_sync = bundled.sync_bundled_decks

    def held_sync(store: Store, clock: Clock, directory: Path | None = None) -> object:
        started.set()
        gate.wait(10)
        return real_sync(store, clock, directory)

    monkeypatch.setattr(bundled, "sync_bundled_decks", held_sync)
    with home:
        app = home_app(home)
        async with app.run_test(size=SIZE) as pilot:
            assert "Old questions" in [row[0] for row in deck_rows(app)]
            # The sync starts only once the first frame is out, and in a thread of its own.
            assert await asyncio.to_thread(started.wait, 10)
            await pilot.pause()
            assert "Old questions" in [row[0] for row in deck_rows(app)]
            gate.set()
            await app.workers.wait_for_complete()
            await pilot.pause()
            titles = [row[0] for row in deck_rows(app)]
            assert "Tough questions" in titles
            assert "Old questions" not in titles


async def test_enter_drills_the_selected_deck_and_the_home_comes_back_refreshed(
    opened: list[Sequence[str] | None],
) -> None:
    home = open_test_home()
    with home:
        app = home_app(home)
        async with app.run_test(size=SIZE) as pilot:
            select(app, "tough-questions")
            await pilot.press("enter")
            await pilot.pause()
            shown = drill(app).session.current
            assert shown is not None and shown.deck_id == "tough-questions"
            assert opened == [["tough-questions"]]
            await pilot.press("space", "3")
            await pilot.pause()
            await pilot.press("q")
            await pilot.pause()
            assert isinstance(app.screen, SummaryScreen)
            await pilot.press("q")
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)
            assert tile(app, "reviews-today") == "1"
            assert tile(app, "new-today") == "9"
            assert tile(app, "streak") == "1 day"
            assert deck_row(app, "Tough questions")[3] == "9"
            # The cursor stays on the deck just drilled.
            selected = home_screen(app).selected
            assert selected is not None and selected.id == "tough-questions"
        [only] = [r for r in home._store.reviews.all() if r.day == home.today()]
        assert (only.deck_id, only.rating) == ("tough-questions", Rating.GOOD)


async def test_a_drills_every_deck_and_d_the_selected_one(
    opened: list[Sequence[str] | None],
) -> None:
    home = open_test_home()
    with home:
        app = home_app(home)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("a")
            await pilot.pause()
            drill(app)
            await pilot.press("q", "q")
            await pilot.pause()
            select(app, "company-needs")
            await pilot.press("d")
            await pilot.pause()
            drill(app)
    assert opened == [None, ["company-needs"]]


async def test_a_second_click_on_a_deck_line_drills_it(
    opened: list[Sequence[str] | None],
) -> None:
    home = open_test_home()
    with home:
        app = home_app(home)
        async with app.run_test(size=SIZE) as pilot:
            table = home_screen(app).query_one(DeckTable)
            target = [row.id for row in table.rows].index("interview-collateral")
            await pilot.click(DeckTable, offset=(4, target))
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)
            assert table.selected_deck is not None
            assert table.selected_deck.id == "interview-collateral"
            assert selected_line(app).startswith("› Collateral")
            await pilot.click(DeckTable, offset=(4, target))
            await pilot.pause()
            drill(app)
    assert opened == [["interview-collateral"]]


async def test_arrows_move_the_cursor_over_the_decks() -> None:
    home = open_test_home()
    with home:
        app = home_app(home)
        async with app.run_test(size=SIZE) as pilot:
            titles = [row[0] for row in deck_rows(app)]
            assert selected_line(app).startswith(f"› {titles[0]}")
            await pilot.press("down", "j")
            await pilot.pause()
            assert selected_line(app).startswith(f"› {titles[2]}")
            await pilot.press("end")
            await pilot.pause()
            assert selected_line(app).startswith(f"› {titles[-1]}")
            await pilot.press("up", "home")
            await pilot.pause()
            assert selected_line(app).startswith(f"› {titles[0]}")


def _screen_text(app: PrepdeckApp) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def test_a_long_deck_list_scrolls_with_the_cursor_and_clicks_land_on_the_line_shown(
    opened: list[Sequence[str] | None],
) -> None:
    home = open_test_home()
    with home:
        for number in range(40):
            deck = Deck(
                id=f"deck-{number:02d}",
                title=f"Deck number {number:02d}",
                cards=(Card(id="only", prompt="Why us?", answer="Because."),),
            )
            home._store.decks.install(deck, source="file", content_hash=f"{number:064x}", now=START)
        app = home_app(home)
        async with app.run_test(size=SIZE) as pilot:
            table = home_screen(app).query_one(DeckTable)
            assert "Deck number 00" in _screen_text(app)
            assert "Deck number 39" not in _screen_text(app)
            await pilot.press("end")
            await pilot.pause()
            assert selected_line(app).startswith("› Deck number 39")
            assert "Deck number 39" in _screen_text(app)
            assert "Deck number 00" not in _screen_text(app)
            # The list is scrolled: a click on its first visible line picks the deck shown
            # there, not the first deck of the list.
            first_shown = round(table.scroll_offset.y)
            assert first_shown > 0
            shown_deck = table.rows[first_shown].id
            await pilot.click(DeckTable, offset=(4, 0))
            await pilot.pause()
            assert table.selected_deck is not None
            assert table.selected_deck.id == shown_deck
            await pilot.click(DeckTable, offset=(4, 0))
            await pilot.pause()
            drill(app)
    assert opened == [[shown_deck]]


async def test_nothing_to_drill_is_a_notice_not_an_empty_drill() -> None:
    home = open_test_home("new_per_day = 0\n")
    with home:
        app = home_app(home)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("a")
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)
            assert [n.title for n in app._notifications] == ["Nothing to drill right now"]
            assert "All done for today" in text(app, "#home-hint")


async def test_pause_and_resume_reach_the_database() -> None:
    home = open_test_home()
    with home:
        app = home_app(home)
        async with app.run_test(size=SIZE) as pilot:
            select(app, "tough-questions")
            await pilot.press("p")
            await pilot.pause()
            assert home._store.decks.get("tough-questions").paused
            row = deck_row(app, "Tough questions")
            assert (row[3], row[4]) == ("0", "paused")
            # A paused deck is not drilled: the key says how to resume it instead.
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)
            await pilot.press("p")
            await pilot.pause()
            assert not home._store.decks.get("tough-questions").paused
            assert deck_row(app, "Tough questions")[3:] == ["10", ""]


async def test_a_click_on_a_footer_key_presses_it() -> None:
    home = open_test_home()
    with home:
        install_bundled(home)
        app = home_app(home)
        async with app.run_test(size=SIZE) as pilot:
            select(app, "tough-questions")
            await pilot.pause()
            footer_line = _screen_text(app).splitlines()[-1]
            assert "p Pause" in footer_line
            await pilot.hover(KeyFooter, offset=(footer_line.index("p Pause") + 2, 0))
            await pilot.pause()
            assert (
                home_screen(app).query_one(KeyFooter).tooltip == "Pause or resume the selected deck"
            )
            await pilot.click(KeyFooter, offset=(footer_line.index("p Pause") + 2, 0))
            await pilot.pause()
            assert home._store.decks.get("tough-questions").paused
            # A click between keys presses nothing.
            await pilot.click(KeyFooter, offset=(len(footer_line.rstrip()) + 1, 0))
            await pilot.pause()
            assert home._store.decks.get("tough-questions").paused
            assert isinstance(app.screen, HomeScreen)


async def test_limits_reach_the_database_and_lower_the_decks_share() -> None:
    home = open_test_home()
    with home:
        app = home_app(home)
        async with app.run_test(size=SIZE) as pilot:
            select(app, "company-needs")
            await pilot.press("l")
            await pilot.pause()
            assert isinstance(app.screen, LimitsScreen)
            await pilot.press("3", "tab", "4", "0", "enter")
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)
            stored = home._store.decks.get("company-needs")
            assert (stored.new_per_day, stored.reviews_per_day) == (3, 40)
            assert deck_row(app, "Company needs")[3:] == ["3", "new 3 · rev 40"]

            # Back to the global limit: an empty field.
            await pilot.press("l")
            await pilot.pause()
            assert app.screen.query_one("#limit-new", Input).value == "3"
            app.screen.query_one("#limit-new", Input).value = ""
            await pilot.press("enter")
            await pilot.pause()
            stored = home._store.decks.get("company-needs")
            assert (stored.new_per_day, stored.reviews_per_day) == (None, 40)


async def test_the_limits_form_refuses_a_negative_limit_and_escape_changes_nothing() -> None:
    home = open_test_home()
    with home:
        app = home_app(home)
        async with app.run_test(size=SIZE) as pilot:
            select(app, "company-needs")
            await pilot.press("l")
            await pilot.pause()
            await pilot.press("minus", "2", "enter")
            await pilot.pause()
            assert isinstance(app.screen, LimitsScreen)
            assert "cannot be negative" in text(app, "#limits-error")
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)
            stored = home._store.decks.get("company-needs")
            assert (stored.new_per_day, stored.reviews_per_day) == (None, None)


async def test_the_keymap_rebinds_home_keys() -> None:
    home = open_test_home('[keymap]\npause = "x"\ndrill-all = "z"\n')
    with home:
        app = home_app(home)
        async with app.run_test(size=SIZE) as pilot:
            select(app, "tough-questions")
            await pilot.press("p")
            await pilot.pause()
            assert not home._store.decks.get("tough-questions").paused
            await pilot.press("x")
            await pilot.pause()
            assert home._store.decks.get("tough-questions").paused
            assert " z all decks" in text(app, "#home-hint")


async def test_q_quits_from_the_home() -> None:
    home = open_test_home()
    with home:
        app = home_app(home)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("q")
            await pilot.pause()
        assert app.return_code == 0
        assert not app.is_running


async def test_a_home_without_decks_says_how_to_get_some_in_its_first_frame_and_later() -> None:
    # The line is composed only when the first frame shows it; otherwise it is mounted,
    # hidden, after that frame, and shows once the last deck goes.
    home = open_test_home()
    with home:
        install_bundled(home)
        deck_ids = [deck.id for deck in home._store.decks.installed()]
        home._store.decks.remove(deck_ids[0])
        app = home_app(home)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            screen = home_screen(app)
            assert not screen.query_one("#no-decks").display
            for deck_id in deck_ids[1:]:
                home._store.decks.remove(deck_id)
            await screen.refresh_figures()
            await pilot.pause()
            line = screen.query_one("#no-decks")
            assert line.display and line.region.height > 0
            assert text(app, "#no-decks").startswith("No decks installed.")
            assert not screen.query_one("#decks").display

    empty = open_test_home()
    with empty:
        install_bundled(empty)
        for deck in empty._store.decks.installed():
            empty._store.decks.remove(deck.id)
        app = home_app(empty)
        async with app.run_test(size=SIZE):
            # No pause: the first frame holds it.
            line = home_screen(app).query_one("#no-decks")
            assert line.display
            assert text(app, "#no-decks").startswith("No decks installed.")
