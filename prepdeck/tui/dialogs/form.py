"""What every form of the app does the same way: ``save`` checks and returns what was
written, ``cancel`` returns nothing, and the Save and Cancel buttons do the same."""

from __future__ import annotations

from typing import TypeVar

from textual import on
from textual.screen import ModalScreen
from textual.widgets import Button

Written = TypeVar("Written")

SAVE_BUTTON = "form-save"
"""The class of a form's button that saves, as its key does."""
CANCEL_BUTTON = "form-cancel"
"""The class of a form's button that cancels, as its key does."""


class FormScreen(ModalScreen[Written | None]):
    """A modal form whose result is what was written, or None when it was cancelled."""

    def action_save(self) -> None:
        raise NotImplementedError

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, f".{SAVE_BUTTON}")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, f".{CANCEL_BUTTON}")
    def _cancel_pressed(self) -> None:
        self.action_cancel()
