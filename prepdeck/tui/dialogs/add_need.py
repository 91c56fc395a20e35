"""Adding what a company needs to an interview: one line, which becomes a card to answer
in the interview's own deck."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, Unpack

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Input, Static

from prepdeck.domain.cards import Card
from prepdeck.errors import PrepdeckError
from prepdeck.prep.interviews import Interviews, need_prompt
from prepdeck.tui.dialogs.form import CANCEL_BUTTON, SAVE_BUTTON, FormScreen
from prepdeck.tui.keys import Keyed, keys_display, keys_in_force, screen_bindings

if TYPE_CHECKING:
    from prepdeck.tui.options import NodeOptions


class AddNeedScreen(FormScreen[Card]):
    """One field; dismissed with the card written, None if cancelled."""

    HELP_TITLE: ClassVar[str] = "New need"

    BINDINGS: ClassVar[list[BindingType]] = screen_bindings(
        "need form",
        Keyed("save", "save", "Save", priority=True, tooltip="Add the need as a card"),
        Keyed("cancel", "cancel", "Cancel", tooltip="Close without adding"),
    )

    def __init__(
        self, interviews: Interviews, interview: str, **options: Unpack[NodeOptions]
    ) -> None:
        super().__init__(**options)
        self.interviews = interviews
        self.interview = interview
        """The name of the interview the need is for."""

    def compose(self) -> ComposeResult:
        with Vertical(id="need-form"):
            field = Input(placeholder="Kafka at scale, a calm on-call, ...", id="need-text")
            field.border_title = "What they need"
            yield field
            yield Static("", id="need-preview", markup=False)
            yield Static("", id="need-error", markup=False)
            with Horizontal(id="need-form-footer"):
                yield Static(self._hint(), id="need-form-hint")
                yield Button(Content("Cancel"), id="need-form-cancel", classes=CANCEL_BUTTON)
                yield Button(
                    Content("Add"), id="need-form-save", classes=SAVE_BUTTON, variant="primary"
                )

    def _hint(self) -> Content:
        keymap = keys_in_force(self.app)
        save = keys_display(self.app, self.BINDINGS, "save", keymap)
        cancel = keys_display(self.app, self.BINDINGS, "cancel", keymap)
        return Content(f"{save} add · {cancel} cancel")

    def on_mount(self) -> None:
        self.query_one("#need-form", Vertical).border_title = f"A need of {self.interview}"
        self.query_one("#need-text", Input).focus()
        self._preview()

    @on(Input.Changed, "#need-text")
    def _preview(self) -> None:
        need = " ".join(self.query_one("#need-text", Input).value.split()).rstrip(".")
        shown = need_prompt(need) if need else need_prompt("…")
        self.query_one("#need-preview", Static).update(Content(f"The card asks: {shown}"))

    def action_save(self) -> None:
        text = self.query_one("#need-text", Input).value
        try:
            card = self.interviews.need(self.interview, text)
        except PrepdeckError as problem:
            self.query_one("#need-error", Static).update(Content(str(problem)))
            return
        self.dismiss(card)

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_save()
