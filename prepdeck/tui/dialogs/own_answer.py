"""The pane where the user writes their own answer to the card on screen, in their words.

Opened on the answer kept, if any; dismissed with the text to keep (empty: delete the
answer kept) or None when cancelled. Keeping it is the drill's business, not this pane's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, Unpack

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Static, TextArea

from prepdeck.domain.text import one_line
from prepdeck.tui.dialogs.form import CANCEL_BUTTON, SAVE_BUTTON, FormScreen
from prepdeck.tui.keys import Keyed, keys_display, keys_in_force, screen_bindings

if TYPE_CHECKING:
    from prepdeck.tui.options import NodeOptions

_PROMPT_WIDTH = 200
"""The prompt above the text is a reminder, on a line or two: a long one is cut."""


class OwnAnswerScreen(FormScreen[str]):
    """One text box, prefilled with the answer kept."""

    HELP_TITLE: ClassVar[str] = "Your answer"

    BINDINGS: ClassVar[list[BindingType]] = screen_bindings(
        "answer form",
        Keyed("save", "save", "Save", priority=True, tooltip="Keep this as your answer"),
        Keyed("cancel", "cancel", "Cancel", tooltip="Close without saving"),
    )

    def __init__(self, prompt: str, kept: str, **options: Unpack[NodeOptions]) -> None:
        super().__init__(**options)
        self.prompt = prompt
        self.kept = kept

    def compose(self) -> ComposeResult:
        with Vertical(id="own-answer-form"):
            yield Static(Content(one_line(self.prompt, _PROMPT_WIDTH)), id="own-answer-prompt")
            yield TextArea(self.kept, id="own-answer-text", soft_wrap=True, tab_behavior="focus")
            with Horizontal(id="own-answer-footer"):
                yield Static(self._hint(), id="own-answer-hint")
                yield Button(Content("Cancel"), id="own-answer-cancel", classes=CANCEL_BUTTON)
                yield Button(
                    Content("Save"), id="own-answer-save", classes=SAVE_BUTTON, variant="primary"
                )

    def _hint(self) -> Content:
        keymap = keys_in_force(self.app)
        save = keys_display(self.app, self.BINDINGS, "save", keymap)
        cancel = keys_display(self.app, self.BINDINGS, "cancel", keymap)
        return Content(f"{save} save · {cancel} cancel · empty to delete")

    def on_mount(self) -> None:
        self.query_one("#own-answer-form", Vertical).border_title = "Your answer"
        area = self.query_one("#own-answer-text", TextArea)
        area.focus()
        # The cursor at the end: most edits add to an answer rather than start it over.
        area.move_cursor(area.document.end)

    def action_save(self) -> None:
        self.dismiss(self.query_one("#own-answer-text", TextArea).text)
