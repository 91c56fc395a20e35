"""The keys of the screen underneath, as the user's keymap has them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from prepdeck.tui.keys import Keymap, keys_display


@dataclass(frozen=True, slots=True)
class HelpSection:
    """A heading and its rows of (key, what it does)."""

    title: str
    rows: list[tuple[str, str]]


class HelpScreen(ModalScreen[None]):
    """A list of keys over the screen it explains; any of its close keys dismisses it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape,q,question_mark", "dismiss", "Close", id="help-close", tooltip="Close the list"
        ),
    ]

    def __init__(
        self,
        sections: list[HelpSection],
        *,
        keymap: Keymap | None = None,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.sections = sections
        self._keymap: Keymap = dict(keymap or {})

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            for section in self.sections:
                yield Static(Content(section.title), classes="help-title")
                for key, text in section.rows:
                    with Horizontal(classes="help-row"):
                        yield Static(Content(key), classes="help-key")
                        yield Static(Content(text), classes="help-text")
            yield Static(self._close_hint(), id="help-close-hint")

    def _close_hint(self) -> Content:
        keys = keys_display(self.app, self.BINDINGS, "help-close", self._keymap)
        return Content(f"{keys}: close this list")

    def on_mount(self) -> None:
        self.query_one("#help", VerticalScroll).border_title = "Keys"
