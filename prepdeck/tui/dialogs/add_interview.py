"""Adding an interview: its name, its time as people write it, its decks and a note.

The time is read as it is typed, and the moment understood is shown under it (or why it
cannot be read), so the interview is saved at the time the user meant.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, ClassVar, Unpack

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Input, SelectionList, Static

from prepdeck.clock import Clock
from prepdeck.domain.countdown import countdown
from prepdeck.domain.moments import parse_moment
from prepdeck.errors import MomentError, PrepdeckError
from prepdeck.prep.interviews import Interview, Interviews, is_upcoming
from prepdeck.tui.dialogs.form import CANCEL_BUTTON, SAVE_BUTTON, FormScreen
from prepdeck.tui.interview_text import when_in_full
from prepdeck.tui.keys import Keyed, keys_display, keys_in_force, screen_bindings

if TYPE_CHECKING:
    from prepdeck.tui.options import NodeOptions

DeckChoice = tuple[str, str]
"""(deck id, title) of a deck an interview can be about."""


class AddInterviewScreen(FormScreen[Interview]):
    """A form for one interview; dismissed with the interview added, None if cancelled."""

    HELP_TITLE: ClassVar[str] = "New interview"

    BINDINGS: ClassVar[list[BindingType]] = screen_bindings(
        "interview form",
        Keyed("save", "save", "Save", priority=True, tooltip="Add the interview"),
        Keyed("cancel", "cancel", "Cancel", tooltip="Close without adding"),
    )

    def __init__(
        self,
        interviews: Interviews,
        clock: Clock,
        decks: Sequence[DeckChoice],
        **options: Unpack[NodeOptions],
    ) -> None:
        super().__init__(**options)
        self.interviews = interviews
        self.clock = clock
        self.decks = tuple(decks)

    def compose(self) -> ComposeResult:
        with Vertical(id="interview-form"):
            with VerticalScroll(id="interview-form-fields", can_focus=False):
                yield self._field("interview-name", "Name", "Acme, or Acme platform team")
                yield self._field(
                    "interview-when", "When", "tomorrow 14:00, fri 9:30, 2026-12-10 14:00"
                )
                yield Static("", id="interview-when-read", markup=False)
                decks: SelectionList[str] = SelectionList[str](
                    *((title, deck_id) for deck_id, title in self.decks), id="interview-decks"
                )
                decks.border_title = "Decks: none ticked means every active deck"
                yield decks
                yield self._field("interview-note", "Note", "Optional: who, where, how many rounds")
            with Vertical(id="interview-form-actions"):
                yield Static("", id="interview-form-error", markup=False)
                with Horizontal(id="interview-form-footer"):
                    yield Static(self._hint(), id="interview-form-hint")
                    yield Button(
                        Content("Cancel"), id="interview-form-cancel", classes=CANCEL_BUTTON
                    )
                    yield Button(
                        Content("Add"),
                        id="interview-form-save",
                        classes=SAVE_BUTTON,
                        variant="primary",
                    )

    @staticmethod
    def _field(widget_id: str, title: str, placeholder: str) -> Input:
        field = Input(placeholder=placeholder, id=widget_id)
        field.border_title = title
        return field

    def _hint(self) -> Content:
        keymap = keys_in_force(self.app)
        save = keys_display(self.app, self.BINDINGS, "save", keymap)
        cancel = keys_display(self.app, self.BINDINGS, "cancel", keymap)
        return Content(f"{save} add · {cancel} cancel")

    def on_mount(self) -> None:
        self.query_one("#interview-form", Vertical).border_title = "New interview"
        self.query_one("#interview-name", Input).focus()

    def _value(self, widget_id: str) -> str:
        return self.query_one(f"#{widget_id}", Input).value

    def read_time(self) -> datetime | None:
        """The moment the time field names, shown under it; None (with the reason shown
        there) when it names none, or one already gone."""
        read = self.query_one("#interview-when-read", Static)
        text = self._value("interview-when").strip()
        if not text:
            read.update(Content("Write when it is, e.g. tomorrow 14:00 or fri 9:30."))
            read.set_class(True, "-error")
            return None
        now = self.clock.now()
        try:
            at = parse_moment(text, now=now)
        except MomentError as problem:
            read.update(Content(str(problem)))
            read.set_class(True, "-error")
            return None
        if not is_upcoming(at, now):
            read.update(Content(f"{when_in_full(at)} has passed: an interview must be ahead."))
            read.set_class(True, "-error")
            return None
        read.update(Content(f"{when_in_full(at)}, {countdown(at, now)}"))
        read.set_class(False, "-error")
        return at

    @on(Input.Changed, "#interview-when")
    def _when_changed(self) -> None:
        if self._value("interview-when").strip():
            self.read_time()
        else:
            self.query_one("#interview-when-read", Static).update("")

    def action_save(self) -> None:
        error = self.query_one("#interview-form-error", Static)
        at = self.read_time()
        if at is None:
            error.update("")
            self.query_one("#interview-when", Input).focus()
            return
        chosen = self.query_one("#interview-decks", SelectionList).selected
        try:
            added = self.interviews.add(
                self._value("interview-name"),
                at,
                decks=[str(deck_id) for deck_id in chosen],
                note=self._value("interview-note"),
            )
        except PrepdeckError as problem:
            error.update(Content(str(problem)))
            return
        self.dismiss(added)

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_save()
