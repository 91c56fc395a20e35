"""The "Get decks" screen: search the sources, read a deck in full, install and update it."""

from __future__ import annotations

import threading
from datetime import timedelta
from typing import Any

import pytest
from textual.widgets import ProgressBar

from prepdeck.services import Services
from prepdeck.srs import Rating
from prepdeck.tui.app import PrepdeckApp
from prepdeck.tui.dialogs.confirm import ConfirmScreen
from prepdeck.tui.screens.get_decks import GetDecksScreen
from tests.cli.conftest import DeckServer
from tests.tui.fakes import START
from tests.tui.homes import deck_rows, home_app, home_screen, open_test_home, review, text
from tests.tui.offers import OfferedDeck, serve_source, settle, sources

__all__ = ["sources"]

JOINS = OfferedDeck(
    "sql-joins",
    title="SQL joins",
    license="CC-BY-NC-4.0",
    description="Inner, outer, semi and anti joins.",
    tags=("sql",),
    cards=("inner", "outer", "semi"),
)
DESIGN = OfferedDeck("system-design", title="System design", version="2.0.0")


def get_decks(app: PrepdeckApp) -> GetDecksScreen:
    screen = app.screen
    assert isinstance(screen, GetDecksScreen), f"expected get decks, got {screen!r}"
    return screen


def listed(app: PrepdeckApp) -> list[tuple[str, str]]:
    """(deck id, state word) of each row, in order."""
    screen = get_decks(app)
    return [(offer.entry.id, screen.state_of(offer)) for offer in screen.offers]


def notes(app: PrepdeckApp) -> list[tuple[str, str]]:
    return [(str(note.title), note.message) for note in app._notifications]


async def test_g_opens_the_screen_which_says_how_to_add_a_source_when_there_is_none() -> None:
    with open_test_home() as home:
        app = home_app(home)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("g")
            await settle(pilot, app)
            get_decks(app)
            about = text(app, "#get-about")
            assert "No deck sources yet" in about
            assert "prepdeck source add URL" in about
            assert "a adds one here" in about
            assert not app.screen.query_one("#get-list").display


async def test_the_list_marks_installed_decks_and_the_details_show_licence_version_and_cards(
    sources: DeckServer,
) -> None:
    url = serve_source(sources, "/a", JOINS, DESIGN)
    with open_test_home() as home:
        home.sources.add(url)
        home.updates.install("system-design", source=url)
        app = home_app(home)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("g")
            await settle(pilot, app)
            assert listed(app) == [("sql-joins", "new"), ("system-design", "installed")]
            assert "2 decks from 1 source" in text(app, "#get-title")
            assert text(app, "#get-head") == "SQL joins  sql-joins"
            assert text(app, "#get-description") == "Inner, outer, semi and anti joins."
            facts = text(app, "#get-facts")
            assert "Licence CC-BY-NC-4.0" in facts
            assert "non-commercial: no commercial use" in facts
            assert "Version 1.0.0 offered" in facts
            assert "Tags    sql" in facts
            assert f"Source  {url}" in facts
            # The index does not say how many cards: the deck's file was fetched to count.
            assert "Cards   3" in facts
            assert "/a/sql-joins.yaml" in sources.requests
            await pilot.press("down")
            await settle(pilot, app)
            facts = text(app, "#get-facts")
            assert "Version 2.0.0, installed" in facts
            assert "Cards   2" in facts


async def test_typing_a_search_lists_only_the_decks_it_matches(sources: DeckServer) -> None:
    url = serve_source(sources, "/a", JOINS, DESIGN)
    with open_test_home() as home:
        home.sources.add(url)
        app = home_app(home)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("g")
            await settle(pilot, app)
            assert len(listed(app)) == 2
            await pilot.press("slash", *"design")
            await settle(pilot, app)
            assert listed(app) == [("system-design", "new")]
            await pilot.press("ctrl+a", "ctrl+k", *"nothing-like-it")
            await settle(pilot, app)
            assert listed(app) == []
            assert "No deck offered matches" in text(app, "#get-about")
            # Escape leaves the search box first, then the screen.
            await pilot.press("escape")
            assert isinstance(app.screen, GetDecksScreen)
            await pilot.press("escape")
            assert not isinstance(app.screen, GetDecksScreen)


async def test_installing_shows_the_download_and_lands_the_deck_in_the_home(
    sources: DeckServer,
) -> None:
    url = serve_source(sources, "/a", JOINS)
    with open_test_home() as home:
        home.sources.add(url)
        app = home_app(home)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("g")
            await settle(pilot, app)
            await pilot.press("i")
            await settle(pilot, app)
            bar = app.screen.query_one("#get-progress", ProgressBar)
            size = len(JOINS.body)
            assert (bar.total, bar.progress) == (size, size)
            assert notes(app)[-1] == ("Done", "Installed SQL joins 1.0.0: 3 cards.")
            assert listed(app) == [("sql-joins", "installed")]
            installed = home.library.find("sql-joins")
            assert installed is not None and installed.source == url
            await pilot.press("q")
            await settle(pilot, app)
            assert ["SQL joins", "3", "0", "3", ""] in deck_rows(app)
            # The home says where the deck came from and what its licence allows.
            home_screen(app).table.select_deck("sql-joins")
            await pilot.pause()
            assert text(app, "#deck-about") == (
                "CC-BY-NC-4.0, non-commercial · version 1.0.0 · from " + url.split("//")[1]
            )


def reviewed_card(home: Services) -> None:
    review(home, "sql-joins", "inner", (Rating.GOOD, START - timedelta(days=3)))


@pytest.mark.parametrize("key", ["i", "u"])
async def test_an_update_merges_the_new_version_and_keeps_the_reviews(
    sources: DeckServer, key: str
) -> None:
    url = serve_source(sources, "/a", JOINS)
    with open_test_home() as home:
        home.sources.add(url)
        home.updates.install("sql-joins", source=url)
        reviewed_card(home)
        newer = OfferedDeck(
            "sql-joins",
            title="SQL joins",
            version="1.1.0",
            license=JOINS.license,
            cards=(*JOINS.cards, "lateral"),
        )
        serve_source(sources, "/a", newer)
        app = home_app(home)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("g")
            await settle(pilot, app)
            # The list came from the cache first; the indexes were read again after it.
            assert listed(app) == [("sql-joins", "update")]
            assert "1 update available" in text(app, "#get-title")
            assert "1.1.0 offered, 1.0.0 installed: an update" in text(app, "#get-facts")
            await pilot.press(key)
            await settle(pilot, app)
            _, said = notes(app)[-1]
            assert "1 added" in said and "reviews are kept" in said, said
            assert listed(app) == [("sql-joins", "installed")]
        deck = home.library.find("sql-joins")
        assert deck is not None and deck.version == "1.1.0"
        assert [row.cards for row in home.deck_overview() if row.id == "sql-joins"] == [4]
        assert home.stats(deck_id="sql-joins").reviews_total == 1


@pytest.mark.parametrize(
    ("deck", "said"),
    [
        (OfferedDeck("sql-joins", status=404), "HTTP 404"),
        (OfferedDeck("sql-joins", wrong_hash=True), "sha256"),
    ],
    ids=["missing", "wrong-hash"],
)
async def test_a_failed_download_is_an_error_and_installs_nothing(
    sources: DeckServer, deck: OfferedDeck, said: str
) -> None:
    url = serve_source(sources, "/a", deck)
    with open_test_home() as home:
        home.sources.add(url)
        app = home_app(home)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("g")
            await settle(pilot, app)
            # The card count could not be read either, and the details say why.
            assert "Cards   unknown until installed" in text(app, "#get-facts")
            await pilot.press("enter")
            await settle(pilot, app)
            [error] = [n for n in app._notifications if n.severity == "error"]
            assert error.title == "Not installed" and said in error.message
            assert listed(app) == [("sql-joins", "new")]
            assert not app.screen.has_class("-busy")
        assert home.library.find("sql-joins") is None


async def test_two_sources_of_one_id_are_apart_and_taking_over_asks_first(
    sources: DeckServer,
) -> None:
    first = serve_source(sources, "/a", JOINS)
    second = serve_source(sources, "/b", OfferedDeck("sql-joins", version="3.0.0"))
    with open_test_home() as home:
        home.sources.add(first)
        home.sources.add(second)
        home.updates.install("sql-joins", source=first)
        reviewed_card(home)
        app = home_app(home)
        async with app.run_test(size=(120, 30)) as pilot:
            await pilot.press("g")
            await settle(pilot, app)
            screen = get_decks(app)
            assert [(offer.source, screen.state_of(offer)) for offer in screen.offers] == [
                (first, "installed"),
                (second, "elsewhere"),
            ]
            await pilot.press("down")
            await settle(pilot, app)
            assert "Already installed. It came from " + first in text(app, "#get-facts")
            await pilot.press("i")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmScreen)
            await pilot.press("n")
            await settle(pilot, app)
            deck = home.library.find("sql-joins")
            assert deck is not None and deck.source == first
            await pilot.press("i")
            await pilot.pause()
            await pilot.press("y")
            await settle(pilot, app)
        deck = home.library.find("sql-joins")
        assert deck is not None and (deck.source, deck.version) == (second, "3.0.0")
        assert home.stats(deck_id="sql-joins").reviews_total == 1


async def test_a_source_added_on_the_screen_lists_its_decks(sources: DeckServer) -> None:
    url = serve_source(sources, "/a", JOINS, DESIGN)
    with open_test_home() as home:
        app = home_app(home)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("g")
            await settle(pilot, app)
            await pilot.press("a", *"not a url", "enter")
            await pilot.pause()
            assert "http(s) URL" in text(app, "#source-error")
            await pilot.press("ctrl+a", "ctrl+k", *url, "enter")
            await settle(pilot, app)
            assert notes(app)[-1] == ("Source added", f"{url}: 2 decks offered.")
            assert [deck_id for deck_id, _ in listed(app)] == ["sql-joins", "system-design"]
        assert [row.url for row in home.sources.all()] == [url]


async def test_a_source_that_does_not_answer_is_said_once_and_the_others_still_list(
    sources: DeckServer,
) -> None:
    good = serve_source(sources, "/a", JOINS)
    gone = serve_source(sources, "/b", DESIGN)
    with open_test_home() as home:
        home.sources.add(good)
        home.sources.add(gone)
        del sources.routes["/b/index.json"]
        app = home_app(home)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("g")
            await settle(pilot, app)
            assert [deck_id for deck_id, _ in listed(app)] == ["sql-joins"]
            await pilot.press("slash", *"sql", "enter")
            await settle(pilot, app)
            # Once per opening; fetching every index again says it again if still true.
            await pilot.press("r")
            await settle(pilot, app)
            warnings = [n for n in app._notifications if n.severity == "warning"]
            assert len(warnings) == 2, [n.message for n in warnings]
            assert all("/b/index.json" in n.message for n in warnings)
            assert [deck_id for deck_id, _ in listed(app)] == ["sql-joins"]


async def test_keys_on_a_small_terminal_never_crash(sources: DeckServer) -> None:
    url = serve_source(sources, "/a", JOINS, DESIGN, OfferedDeck("gone", status=404))
    with open_test_home() as home:
        home.sources.add(url)
        app = home_app(home)
        async with app.run_test(size=(60, 15)) as pilot:
            await pilot.press("g")
            await settle(pilot, app)
            for key in ("j", "k", "end", "home", "down", "i", "question_mark", "escape"):
                await pilot.press(key)
                await settle(pilot, app, rounds=2)
            await pilot.press("slash", *"sql", "enter", "i", "r", "u")
            await settle(pilot, app)
            assert isinstance(app.screen, GetDecksScreen)
            assert home.library.find("system-design") is not None
            assert home.library.find("sql-joins") is not None


async def test_the_command_palette_opens_the_screen_from_the_home() -> None:
    from prepdeck.tui.commands import app_commands

    with open_test_home() as home:
        app = home_app(home)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            [command] = [c for c in app_commands(app, app.screen) if c.title == "Get decks"]
            command.run()
            await settle(pilot, app)
            get_decks(app)


async def test_leaving_while_a_deck_installs_still_installs_it_and_the_home_shows_it(
    sources: DeckServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    from prepdeck.library.updates import DeckUpdates

    url = serve_source(sources, "/a", JOINS)
    may_go_on = threading.Event()
    install = DeckUpdates.install

    def held_install(self: DeckUpdates, *args: Any, **kwargs: Any) -> Any:
        assert may_go_on.wait(10)
        return install(self, *args, **kwargs)

    monkeypatch.setattr(DeckUpdates, "install", held_install)
    with open_test_home() as home:
        home.sources.add(url)
        app = home_app(home)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("g")
            await settle(pilot, app)
            await pilot.press("i")
            await pilot.pause()
            assert app.screen.has_class("-busy")
            await pilot.press("q")
            await pilot.pause()
            home_screen(app)
            may_go_on.set()
            await settle(pilot, app)
            assert notes(app)[-1] == ("Done", "Installed SQL joins 1.0.0: 3 cards.")
            assert ["SQL joins", "3", "0", "3", ""] in deck_rows(app)


def test_an_offer_stands_beside_the_installed_deck_of_its_id() -> None:
    from prepdeck.formats.index import IndexEntry
    from prepdeck.library.sources import Offered
    from prepdeck.reports.overview import DeckRow
    from prepdeck.tui.screens.get_decks import offer_state

    entry = IndexEntry("sql-joins", "SQL joins", "", "1.1.0", "u", "0" * 64, "MIT", [])
    offer = Offered(entry, "https://a/index.json", installed=True)

    def row(version: str | None, source: str, removed: bool = False) -> DeckRow:
        return DeckRow("sql-joins", "SQL", version, "MIT", 2, 0, 2, 2, source, removed, False)

    assert offer_state(offer, None) == "new"
    assert offer_state(offer, row("1.1.0", offer.source)) == "installed"
    assert offer_state(offer, row("1.0.0", offer.source)) == "update"
    assert offer_state(offer, row(None, offer.source)) == "update"
    assert offer_state(offer, row("2.0.0", offer.source)) == "installed"
    assert offer_state(offer, row("1.0.0", "bundled")) == "elsewhere"
    assert offer_state(offer, row("1.0.0", offer.source, removed=True)) == "removed"
    assert offer_state(offer, row("1.0.0", "file", removed=True)) == "removed"
