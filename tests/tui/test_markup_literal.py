"""Deck text is plain text everywhere the app shows it: toasts and the palette included."""

from __future__ import annotations

import ast
from pathlib import Path

from textual.command import CommandList, CommandPalette
from textual.content import Content

import prepdeck.tui
from prepdeck.domain.cards import Card, Deck
from prepdeck.tui.app import PrepdeckApp
from prepdeck.tui.widgets.deck_table import DeckTable
from tests.tui.homes import SIZE, home_app, home_screen, open_test_home

TITLE = "Odd [bold]deck[/bold] [red"
"""Balanced markup that would be styled, and a lone tag that would stop the app."""


def toasts(app: PrepdeckApp) -> list[str]:
    """The text each notification's toast shows (tests run with the toasts off screen)."""
    shown = []
    for notification in app._notifications:
        # As Toast.render reads it; a markup error here is the error the app would hit.
        message = notification.message
        shown.append(str(Content.from_markup(message) if notification.markup else message))
    return shown


async def test_a_deck_title_with_markup_is_shown_as_typed_in_toasts() -> None:
    home = open_test_home()
    with home:
        deck = Deck(id="odd", title=TITLE, cards=(Card(id="a", prompt="P?", answer="A."),))
        home._store.decks.install(deck, source="file", content_hash="odd", now=home.clock.now())
        app = home_app(home)
        async with app.run_test(size=SIZE) as pilot:
            home_screen(app).query_one(DeckTable).select_deck("odd")
            await pilot.press("p")
            await pilot.pause()
            assert home._store.decks.get("odd").paused
            assert any(TITLE in message for message in toasts(app)), toasts(app)
            await pilot.press("enter")  # a paused deck: a warning naming it
            await pilot.pause()
            assert app.is_running
            assert sum(TITLE in message for message in toasts(app)) == 2


async def test_the_palette_finds_a_deck_whose_title_holds_markup() -> None:
    home = open_test_home()
    with home:
        deck = Deck(id="odd", title=TITLE, cards=(Card(id="a", prompt="P?", answer="A."),))
        home._store.decks.install(deck, source="file", content_hash="odd", now=home.clock.now())
        app = home_app(home)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("ctrl+p")
            await pilot.pause()
            assert isinstance(app.screen, CommandPalette)
            await pilot.press(*"drill odd")
            await pilot.pause(0.5)
            options = app.screen.query_one(CommandList).options
            shown = [str(option.prompt) for option in options]
            assert any(f"Drill {TITLE}" in text for text in shown), shown


def test_every_notification_of_the_app_is_plain_text() -> None:
    # Textual reads a notification as markup unless told otherwise; ours carry deck text
    # and error messages, so each call must say markup=False.
    missing = []
    for path in Path(prepdeck.tui.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "notify"
            ):
                plain = any(
                    keyword.arg == "markup"
                    and isinstance(keyword.value, ast.Constant)
                    and keyword.value.value is False
                    for keyword in node.keywords
                )
                if not plain:
                    missing.append(f"{path.name}:{node.lineno}")
    assert missing == []
