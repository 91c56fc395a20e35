"""Pilot tests of the app: a steady cursor and fixed time, so what a test sees never flickers."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.widgets import TextArea

from prepdeck.config import Config
from prepdeck.domain.cards import Card
from prepdeck.tui.app import PrepdeckApp, make_app
from tests.tui.fakes import FakeSession, FakeTimer, fixed_clock, sample_cards

Build = Callable[..., tuple[PrepdeckApp, FakeSession, FakeTimer]]


@pytest.fixture(autouse=True)
def steady_cursor(monkeypatch: pytest.MonkeyPatch) -> None:
    # A blinking cursor changes the picture twice a second; keep it shown.
    monkeypatch.setattr(TextArea, "_toggle_cursor_blink_visible", lambda self: None)


@pytest.fixture
def build() -> Build:
    """An app on a fake session, with a timer that moves only when the test says so."""

    def build_app(
        cards: list[Card] | None = None, *, config: Config | None = None
    ) -> tuple[PrepdeckApp, FakeSession, FakeTimer]:
        session = FakeSession(sample_cards() if cards is None else cards)
        timer = FakeTimer()
        app = make_app(lambda: session, config=config, clock=fixed_clock(), monotonic=timer)
        return app, session, timer

    return build_app
