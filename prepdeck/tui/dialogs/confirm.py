"""A yes-or-no question over the current screen, for steps that cannot be undone."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, Unpack

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from prepdeck.tui.keys import Keyed, screen_bindings

if TYPE_CHECKING:
    from prepdeck.tui.options import NodeOptions


class ConfirmScreen(ModalScreen[bool]):
    """Dismissed with True when the user confirms, False when they back out."""

    HELP_TITLE: ClassVar[str] = "Confirm"

    BINDINGS: ClassVar[list[BindingType]] = screen_bindings(
        "reset question",
        Keyed("confirm-yes", "answer(True)", "Yes", tooltip="Go ahead"),
        Keyed("confirm-no", "answer(False)", "No", tooltip="Leave it as it is"),
    )

    def __init__(
        self,
        question: str,
        *,
        yes: str = "Yes",
        no: str = "Cancel",
        **options: Unpack[NodeOptions],
    ) -> None:
        super().__init__(**options)
        self.question = question
        self._yes = yes
        self._no = no

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm"):
            yield Static(Content(self.question), id="confirm-question")
            with Horizontal(id="confirm-buttons"):
                yield Button(Content(f"{self._no} (n)"), id="confirm-no-button")
                yield Button(Content(f"{self._yes} (y)"), id="confirm-yes-button", variant="error")

    def on_mount(self) -> None:
        # The safe answer has focus, so a stray enter changes nothing.
        self.query_one("#confirm-no-button", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "confirm-yes-button")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
