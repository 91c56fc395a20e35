"""The kind of the card on screen, as a coloured label and a one-line hint on how to answer."""

from __future__ import annotations

from typing import TYPE_CHECKING, Unpack

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from prepdeck.domain.cards import Kind

if TYPE_CHECKING:
    from prepdeck.tui.options import WidgetOptions

KIND_LABELS: dict[Kind, str] = {
    Kind.QUESTION: "QUESTION",
    Kind.SCENARIO: "SCENARIO",
    Kind.COMPANY_NEED: "COMPANY NEED",
}

KIND_HINTS: dict[Kind, str] = {
    Kind.QUESTION: "Answer out loud, as you would in the room.",
    Kind.SCENARIO: "What will you do?",
    Kind.COMPANY_NEED: "Tie your experience to their need.",
}


class KindBadge(Horizontal):
    """A label per kind (``-question``, ``-scenario``, ``-company-need`` set its colours)."""

    kind: reactive[Kind] = reactive(Kind.QUESTION, init=False)
    """The kind of the card shown."""

    def __init__(self, kind: Kind = Kind.QUESTION, **options: Unpack[WidgetOptions]) -> None:
        super().__init__(**options)
        self.set_reactive(KindBadge.kind, kind)
        self.add_class(f"-{kind.value}")

    def compose(self) -> ComposeResult:
        yield Static(self._label(self.kind), classes="kind-label", markup=False)
        yield Static(Content(KIND_HINTS[self.kind]), classes="kind-hint", markup=False)

    @staticmethod
    def _label(kind: Kind) -> Content:
        # Padded so the label reads as a badge once its background is coloured.
        return Content(f" {KIND_LABELS[kind]} ")

    def watch_kind(self, old: Kind, new: Kind) -> None:
        self.remove_class(f"-{old.value}")
        self.add_class(f"-{new.value}")
        self.query_one(".kind-label", Static).update(self._label(new))
        self.query_one(".kind-hint", Static).update(Content(KIND_HINTS[new]))
