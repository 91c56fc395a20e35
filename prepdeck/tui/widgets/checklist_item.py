"""One item of the day-of checklist: a box to tick, its line, and what to go over under it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Unpack

from textual import events
from textual.app import ComposeResult
from textual.containers import HorizontalGroup, VerticalGroup
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Static

if TYPE_CHECKING:
    from prepdeck.tui.options import WidgetOptions


class ChecklistItem(VerticalGroup, can_focus=True):
    """An item the user ticks when it is ready; posts ``Toggled`` when ticked or not.

    The box and the line sit side by side, so a long line wraps under its own text
    rather than under the box.
    """

    ticked: reactive[bool] = reactive(False, init=False)

    class Toggled(Message):
        def __init__(self, item: ChecklistItem) -> None:
            super().__init__()
            self.item = item

        @property
        def control(self) -> ChecklistItem:
            return self.item

    def __init__(
        self,
        key: str,
        line: str,
        details: Content | None = None,
        *,
        ticked: bool = False,
        **options: Unpack[WidgetOptions],
    ) -> None:
        super().__init__(**options)
        self.key = key
        """What names the item among the ticks kept for its interview."""
        self.line = line
        self.details = details
        self.set_reactive(ChecklistItem.ticked, ticked)
        self.set_class(ticked, "-ticked")

    def compose(self) -> ComposeResult:
        with HorizontalGroup(classes="checklist-line"):
            yield Static(self._box(), classes="checklist-box")
            # Deck text, shown as written: Content never reads it as markup.
            yield Static(Content(self.line), classes="checklist-text")
        if self.details is not None and self.details.plain:
            yield Static(self.details, classes="checklist-details")

    def _box(self) -> Content:
        return Content("[x]" if self.ticked else "[ ]")

    def watch_ticked(self, ticked: bool) -> None:
        self.set_class(ticked, "-ticked")
        # "[ ]" and "[x]" are one width: ticking moves nothing else.
        self.query_one(".checklist-box", Static).update(self._box(), layout=False)

    def toggle(self) -> None:
        self.ticked = not self.ticked
        self.post_message(self.Toggled(self))

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.focus(scroll_visible=False)
        self.toggle()
