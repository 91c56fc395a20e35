"""A deck's own daily limits: a small form over the home, dismissed with the new limits."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, Unpack

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Input, Label, Static

from prepdeck.tui.dialogs.form import CANCEL_BUTTON, SAVE_BUTTON, FormScreen
from prepdeck.tui.keys import Keyed, screen_bindings

if TYPE_CHECKING:
    from prepdeck.tui.options import NodeOptions


@dataclass(frozen=True, slots=True)
class DeckLimits:
    """A deck's limits; None means the global limit alone applies."""

    new_per_day: int | None
    reviews_per_day: int | None


def parse_limit(text: str) -> int | None:
    """An empty field is no limit of the deck's own; anything else a whole number >= 0."""
    text = text.strip()
    if not text:
        return None
    try:
        value = int(text)
    except ValueError:
        raise ValueError(f"{text!r} is not a whole number") from None
    if value < 0:
        raise ValueError("a limit cannot be negative")
    return value


_FIELDS = (("limit-new", "New cards"), ("limit-reviews", "Reviews"))
"""The id and the name of each field, in the order of ``DeckLimits``."""


class LimitsScreen(FormScreen[DeckLimits]):
    """Two fields; ``enter`` saves, ``escape`` leaves everything as it was."""

    BINDINGS: ClassVar[list[BindingType]] = screen_bindings(
        "deck limits form",
        Keyed("limits-cancel", "cancel", "Cancel", tooltip="Close without saving"),
        Keyed("limits-save", "save", "Save", tooltip="Save the limits"),
    )
    HELP_TITLE: ClassVar[str] = "Daily limits"

    def __init__(
        self,
        deck_title: str,
        limits: DeckLimits,
        *,
        global_new: int,
        global_reviews: int,
        **options: Unpack[NodeOptions],
    ) -> None:
        super().__init__(**options)
        self.deck_title = deck_title
        self.limits = limits
        self.global_new = global_new
        self.global_reviews = global_reviews

    def compose(self) -> ComposeResult:
        with Vertical(id="limits"):
            # Not a stop of its own for tab: the first field takes the focus, as before.
            with VerticalScroll(id="limits-fields", can_focus=False):
                yield Static(Content(self.deck_title), id="limits-deck")
                yield Static(
                    Content(
                        "A deck's own limit only lowers its share of the global one. "
                        "Leave a field empty to use the global limit alone."
                    ),
                    id="limits-about",
                )
                own = (self.limits.new_per_day, self.limits.reviews_per_day)
                shared = (self.global_new, self.global_reviews)
                for (field_id, what), limit, global_limit in zip(_FIELDS, own, shared, strict=True):
                    with Horizontal(classes="limits-row"):
                        yield Label(f"{what} a day", classes="limits-label")
                        yield Input(
                            _text(limit),
                            placeholder=f"global: {global_limit}",
                            type="integer",
                            id=field_id,
                        )
            with Vertical(id="limits-actions"):
                yield Static("", id="limits-error", markup=False)
                with Horizontal(id="limits-buttons"):
                    yield Button("Save", variant="primary", id="limits-save", classes=SAVE_BUTTON)
                    yield Button("Cancel", id="limits-cancel", classes=CANCEL_BUTTON)

    def on_mount(self) -> None:
        self.query_one("#limits", Vertical).border_title = "Daily limits"

    def _read(self) -> DeckLimits | None:
        error = self.query_one("#limits-error", Static)
        values: list[int | None] = []
        for field_id, what in _FIELDS:
            field = self.query_one(f"#{field_id}", Input)
            try:
                values.append(parse_limit(field.value))
            except ValueError as problem:
                error.update(Content(f"{what}: {problem}."))
                field.focus()
                return None
        error.update("")
        return DeckLimits(values[0], values[1])

    def action_save(self) -> None:
        limits = self._read()
        if limits is not None:
            self.dismiss(limits)

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_save()


def _text(limit: int | None) -> str:
    return "" if limit is None else str(limit)
