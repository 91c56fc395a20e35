"""The add-card form: a few keys, and the card is in my-cards, ready to drill."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.screen import Screen
from textual.widgets import Input, Select, Static, TextArea

from prepdeck.clock import FixedClock
from prepdeck.domain.cards import Card, Kind
from prepdeck.domain.ids import derive_card_id
from prepdeck.library.decks import Library
from prepdeck.library.personal import CardDraft
from prepdeck.srs import SrsScheduler
from prepdeck.store import Store, connect
from prepdeck.study.session import Session
from prepdeck.tui.dialogs.add_card import AddCardScreen

SIZE = (80, 24)
NOW = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with connect(tmp_path / "db.sqlite3", backups_dir=tmp_path / "backups") as opened:
        yield opened


class Host(App[None]):
    def __init__(self, make: Callable[[], Screen[Any]]) -> None:
        super().__init__()
        self._make = make
        self.dismissed: list[object] = []

    def on_mount(self) -> None:
        self.push_screen(self._make(), self.dismissed.append)


def form_app(store: Store, prefill: CardDraft | Card | None = None) -> Host:
    clock = FixedClock(NOW)
    return Host(lambda: AddCardScreen(Library(store, clock), prefill=prefill))


async def test_a_typed_card_lands_in_my_cards_and_is_drilled_as_new(store: Store) -> None:
    app = form_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.focused is app.screen.query_one("#add-prompt", TextArea)
        await pilot.press(*"Why [b]us[/b]?", "tab")
        await pilot.press(*"Your mission.", "tab")
        await pilot.press(*"mission", "enter", *"team", "tab")
        # The kind menu: open it, move to "Scenario", choose it.
        await pilot.press("enter", "down", "enter", "tab")
        await pilot.press(*"mine, remote")
        await pilot.press("ctrl+s")
        await pilot.pause()
        card_id = derive_card_id("Why [b]us[/b]?")
        assert app.dismissed == [("my-cards", card_id)]
    [stored] = store.decks.cards("my-cards")
    assert stored.card == Card(
        id=card_id,
        prompt="Why [b]us[/b]?",
        answer="Your mission.",
        kind=Kind.SCENARIO,
        points=("mission", "team"),
        tags=("mine", "remote"),
    )
    session = Session(store, SrsScheduler(enable_fuzzing=False), FixedClock(NOW))
    assert session.current is not None
    assert (session.current.deck_id, session.current.card.id) == ("my-cards", card_id)
    assert session.current.is_new


async def test_an_empty_prompt_is_shown_and_nothing_is_written(store: Store) -> None:
    app = form_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("tab", *"An answer without a question")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, AddCardScreen)
        error = str(app.screen.query_one("#add-card-error", Static).render())
        assert error == "the prompt is empty: write the question to answer"
        assert app.dismissed == []
    assert store.decks.find("my-cards") is None


async def test_a_duplicate_prompt_is_shown_inline(store: Store) -> None:
    app = form_app(store, prefill=CardDraft(prompt="Same?"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
    app = form_app(store, prefill=CardDraft(prompt="Same?"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        error = str(app.screen.query_one("#add-card-error", Static).render())
        assert error.startswith("my-cards already has this prompt")
    assert len(store.decks.cards("my-cards")) == 1


async def test_a_prefilled_form_starts_from_the_card(store: Store) -> None:
    leech = Card(
        id="hard-one",
        prompt="Describe a conflict.",
        answer="Theirs.",
        kind=Kind.SCENARIO,
        points=("listen", "agree"),
        tags=("behavioral",),
    )
    app = form_app(store, prefill=leech)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert screen.query_one("#add-prompt", TextArea).text == "Describe a conflict."
        assert screen.query_one("#add-points", TextArea).text == "listen\nagree"
        assert screen.query_one("#add-kind", Select).value is Kind.SCENARIO
        assert screen.query_one("#add-tags", Input).value == "behavioral"
        answer = screen.query_one("#add-answer", TextArea)
        answer.text = "My own words."
        await pilot.press("ctrl+s")
        await pilot.pause()
    [stored] = store.decks.cards("my-cards")
    assert stored.card.answer == "My own words."
    assert stored.card.points == ("listen", "agree")


async def test_escape_cancels_without_writing(store: Store) -> None:
    app = form_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press(*"Half a thought", "escape")
        await pilot.pause()
        assert app.dismissed == [None]
    assert store.decks.find("my-cards") is None


async def test_the_error_goes_once_the_prompt_is_typed(store: Store) -> None:
    app = form_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        error = app.screen.query_one("#add-card-error", Static)
        assert str(error.render()) == "the prompt is empty: write the question to answer"
        await pilot.press(*"Why us?")
        await pilot.pause()
        assert str(error.render()) == ""
        assert app.dismissed == []
    assert store.decks.find("my-cards") is None


async def test_a_duplicate_prompt_error_goes_once_the_prompt_differs(store: Store) -> None:
    app = form_app(store, prefill=CardDraft(prompt="Same?"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
    app = form_app(store, prefill=CardDraft(prompt="Same?"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        error = app.screen.query_one("#add-card-error", Static)
        assert str(error.render()).startswith("my-cards already has this prompt")
        # Still the same prompt once trimmed: the error stays.
        await pilot.press("end", "space")
        await pilot.pause()
        assert str(error.render()).startswith("my-cards already has this prompt")
        await pilot.press("backspace", "backspace", *" Really?")
        await pilot.pause()
        assert str(error.render()) == ""
    assert len(store.decks.cards("my-cards")) == 1
