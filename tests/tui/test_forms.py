"""Every form's Save and Cancel buttons do what its keys do: the wiring is shared."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest
from textual.app import App

from prepdeck.tui.app import PrepdeckApp
from prepdeck.tui.dialogs.own_answer import OwnAnswerScreen

SIZE = (80, 24)


class _FormHost(App[None]):
    # The app's own stylesheet: the form is laid out as users see it.
    CSS_PATH = Path(inspect.getfile(PrepdeckApp)).with_name("app.tcss")

    def __init__(self) -> None:
        super().__init__()
        self.results: list[str | None] = []

    def on_mount(self) -> None:
        self.push_screen(OwnAnswerScreen("Why this role?", "Because it fits."), self.results.append)


@pytest.mark.parametrize(
    ("button", "expected"), [("#own-answer-save", "Because it fits."), ("#own-answer-cancel", None)]
)
async def test_the_save_and_cancel_buttons_close_the_form_as_their_keys_do(
    button: str, expected: str | None
) -> None:
    app = _FormHost()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.click(button)
        await pilot.pause()
        assert app.results == [expected]
        assert not isinstance(app.screen, OwnAnswerScreen)
