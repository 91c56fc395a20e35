"""Registering a deck source: the URL of a deck index, typed in one field.

The dialog only takes the URL; the screen behind it fetches and reads the index in a
worker, since that may take as long as the network does.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Input, Static

from prepdeck.tui.dialogs.form import CANCEL_BUTTON, SAVE_BUTTON, FormScreen
from prepdeck.tui.keys import Keyed, keys_display, keys_in_force, screen_bindings


class AddSourceScreen(FormScreen[str]):
    """Dismissed with the URL typed, None if cancelled."""

    HELP_TITLE: ClassVar[str] = "New source"

    BINDINGS: ClassVar[list[BindingType]] = screen_bindings(
        "source form",
        Keyed("save", "save", "Add", priority=True, tooltip="Fetch the index and register it"),
        Keyed("cancel", "cancel", "Cancel", tooltip="Close without adding"),
    )

    def compose(self) -> ComposeResult:
        with Vertical(id="source-form"):
            field = Input(placeholder="https://example.org/decks/index.json", id="source-url")
            field.border_title = "Index URL"
            yield field
            yield Static("", id="source-error", markup=False)
            with Horizontal(id="source-form-footer"):
                yield Static(self._hint(), id="source-form-hint")
                yield Button(Content("Cancel"), id="source-form-cancel", classes=CANCEL_BUTTON)
                yield Button(
                    Content("Add"), id="source-form-save", classes=SAVE_BUTTON, variant="primary"
                )

    def _hint(self) -> Content:
        keymap = keys_in_force(self.app)
        save = keys_display(self.app, self.BINDINGS, "save", keymap)
        cancel = keys_display(self.app, self.BINDINGS, "cancel", keymap)
        return Content(f"{save} add · {cancel} cancel")

    def on_mount(self) -> None:
        self.query_one("#source-form", Vertical).border_title = "Add a deck source"
        self.query_one("#source-url", Input).focus()

    def action_save(self) -> None:
        url = self.query_one("#source-url", Input).value.strip()
        # Said here, while the URL can still be corrected; the rest is the index's to say.
        if not url.startswith(("http://", "https://")):
            self.query_one("#source-error", Static).update(
                Content("A source is an http(s) URL of a deck index.")
            )
            return
        self.dismiss(url)

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_save()
