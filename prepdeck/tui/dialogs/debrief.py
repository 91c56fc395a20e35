"""The debrief of an interview whose time has come: the questions that surprised the
user (each a card of the interview's own deck once saved), what went well, and what
they would do differently. Opened on the debrief kept, if any, to add to it."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, Unpack

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Static, TextArea

from prepdeck.errors import PrepdeckError
from prepdeck.prep.debrief import Debrief, Debriefs, SavedDebrief
from prepdeck.tui.dialogs.form import CANCEL_BUTTON, SAVE_BUTTON, FormScreen
from prepdeck.tui.keys import Keyed, keys_display, keys_in_force, screen_bindings

if TYPE_CHECKING:
    from prepdeck.tui.options import NodeOptions

_FIELDS = (
    ("debrief-surprises", "Questions that surprised you — one per line"),
    ("debrief-went-well", "What went well"),
    ("debrief-to-change", "What I would do differently"),
)


class DebriefScreen(FormScreen[SavedDebrief]):
    """Three fields; dismissed with what was saved, None if cancelled."""

    HELP_TITLE: ClassVar[str] = "Debrief"

    BINDINGS: ClassVar[list[BindingType]] = screen_bindings(
        "debrief form",
        Keyed(
            "save",
            "save",
            "Save",
            priority=True,
            tooltip="Save the debrief; each new surprise becomes a card",
        ),
        Keyed("cancel", "cancel", "Cancel", tooltip="Close without saving"),
    )

    def __init__(
        self,
        debriefs: Debriefs,
        interview: str,
        kept: Debrief | None = None,
        **options: Unpack[NodeOptions],
    ) -> None:
        super().__init__(**options)
        self.debriefs = debriefs
        self.interview = interview
        """The name of the interview debriefed."""
        self.kept = kept

    def compose(self) -> ComposeResult:
        kept = self.kept
        texts = (
            ("\n".join(kept.surprises), kept.went_well, kept.to_change) if kept else ("", "", "")
        )
        with Vertical(id="debrief-form"):
            with VerticalScroll(id="debrief-fields", can_focus=False):
                for (widget_id, title), text in zip(_FIELDS, texts, strict=True):
                    area = TextArea(text, id=widget_id, soft_wrap=True, tab_behavior="focus")
                    area.border_title = title
                    yield area
            with Vertical(id="debrief-actions"):
                yield Static("", id="debrief-error", markup=False)
                with Horizontal(id="debrief-footer"):
                    yield Static(self._hint(), id="debrief-hint")
                    yield Button(Content("Cancel"), id="debrief-cancel", classes=CANCEL_BUTTON)
                    yield Button(
                        Content("Save"), id="debrief-save", classes=SAVE_BUTTON, variant="primary"
                    )

    def _hint(self) -> Content:
        keymap = keys_in_force(self.app)
        save = keys_display(self.app, self.BINDINGS, "save", keymap)
        cancel = keys_display(self.app, self.BINDINGS, "cancel", keymap)
        return Content(f"{save} save · {cancel} cancel · tab next field")

    def on_mount(self) -> None:
        form = self.query_one("#debrief-form", Vertical)
        form.border_title = f"After {self.interview}"
        self.query_one("#debrief-surprises", TextArea).focus()

    def _text(self, widget_id: str) -> str:
        return self.query_one(f"#{widget_id}", TextArea).text

    def action_save(self) -> None:
        try:
            saved = self.debriefs.save(
                self.interview,
                self._text("debrief-surprises").splitlines(),
                self._text("debrief-went-well"),
                self._text("debrief-to-change"),
            )
        except PrepdeckError as problem:
            self.query_one("#debrief-error", Static).update(Content(str(problem)))
            return
        self.dismiss(saved)
