"""The keys of the screen underneath, as the user's keymap has them.

``HelpScreen.for_screen`` builds the list from the bindings themselves — the screen's,
those of our widget that has focus, and the app's — so a key added to a screen is listed
without anyone remembering to. A screen may name sections (``HELP_SECTIONS``: title and
binding ids); what they leave out is listed under the screen's ``HELP_TITLE``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, Unpack

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from prepdeck.tui.keys import (
    Keyed,
    Keymap,
    bindings_of,
    keys_display,
    keys_in_force,
    screen_bindings,
)

if TYPE_CHECKING:
    from prepdeck.tui.options import NodeOptions

_OUR_PACKAGE = __name__.partition(".")[0]
_NUMBER = re.compile(r"\d+")


@dataclass(frozen=True, slots=True)
class HelpSection:
    """A heading and its rows of (key, what it does)."""

    title: str
    rows: list[tuple[str, str]]


@dataclass(slots=True)
class _Row:
    """Bindings shown as one row: those sharing an id or an action and its text, or a
    numbered family of them (``family``: one key per member, in order)."""

    bindings: list[Binding]
    text: str
    ids: list[str] = field(default_factory=list)
    family: bool = False


def declared_bindings(owner: type[DOMNode], *, ours_only: bool = True) -> list[Binding]:
    """The bindings a class declares, its own before those it inherits, as Textual merges
    them (a class with ``inherit_bindings=False`` ends the inheritance)."""
    bindings: list[Binding] = []
    for cls in owner.__mro__:
        if not (isinstance(cls, type) and issubclass(cls, DOMNode)):
            continue
        # Textual's own screens and widgets add focus and scroll keys nobody looks for;
        # its App adds ctrl+q, which people do look for.
        if ours_only and cls.__module__.partition(".")[0] != _OUR_PACKAGE and cls is not App:
            continue
        bindings.extend(bindings_of(cls.__dict__.get("BINDINGS", [])))
        if not cls._inherit_bindings:
            break
    return bindings


def _rows(bindings: Iterable[Binding]) -> list[_Row]:
    """One row per binding id (or action, for a binding without one); rows doing the same
    (same action and text) merge, and rows whose action and text differ only by a number
    (key point 1, 2, ...) become one row of a family."""
    rows: dict[tuple[str, str], _Row] = {}
    by_id: dict[str, _Row] = {}
    for binding in bindings:
        text = binding.tooltip or binding.description
        if binding.system or not text:
            continue
        row = by_id.get(binding.id) if binding.id else None
        if row is None:
            row = rows.get((binding.action, text))
        if row is None:
            row = rows[(binding.action, text)] = _Row([], text)
        row.bindings.append(binding)
        if binding.id and binding.id not in row.ids:
            row.ids.append(binding.id)
            by_id[binding.id] = row
    result: list[_Row] = []
    families: dict[tuple[str, str], _Row] = {}
    for row in rows.values():
        if not _NUMBER.search(row.text):
            result.append(row)
            continue
        key = (row.bindings[0].action.partition("(")[0], _NUMBER.sub("#", row.text))
        kin = families.get(key)
        if kin is None:
            families[key] = row
            result.append(row)
        else:
            kin.family = True
            kin.bindings.extend(row.bindings)
            kin.ids.extend(row.ids)
    for row in result:
        if row.family:
            numbers = [int(_NUMBER.findall(b.tooltip or b.description)[0]) for b in row.bindings]
            row.text = _NUMBER.sub(f"{min(numbers)}–{max(numbers)}", row.text, count=1)
    return result


def _keys(app: App[Any], row: _Row, keymap: Keymap) -> str:
    if row.family:
        # One key per member, in order, space-separated as they are typed.
        return " ".join(
            keys_display(app, row.bindings, binding_id, keymap).split(", ")[0]
            for binding_id in row.ids
        )
    shown = [keys_display(app, row.bindings, binding_id, keymap) for binding_id in row.ids]
    probe = Binding("", "")
    shown += [
        app.get_key_display(probe.with_key(key.strip()))
        for binding in row.bindings
        if not binding.id
        for key in binding.key.split(",")
        if key.strip()
    ]
    return ", ".join(shown)


def help_sections(screen: Screen[Any]) -> list[HelpSection]:
    """Every key of ``screen`` — its own, its focused widget's and the app's — by section,
    as the keys in force have them."""
    app = screen.app
    keymap = keys_in_force(app)
    screen_type = type(screen)
    named: Sequence[tuple[str, Sequence[str]]] = getattr(screen_type, "HELP_SECTIONS", ())
    own = _rows(declared_bindings(screen_type))
    taken: set[int] = set()
    sections: list[HelpSection] = []

    def section(title: str, rows: list[_Row]) -> None:
        if rows:
            sections.append(
                HelpSection(title, [(_keys(app, row, keymap), row.text) for row in rows])
            )

    for title, ids in named:
        indices = [i for i, row in enumerate(own) if i not in taken and set(row.ids) & set(ids)]
        taken.update(indices)
        section(title, [own[i] for i in indices])
    section(
        getattr(screen_type, "HELP_TITLE", "This screen"),
        [row for index, row in enumerate(own) if index not in taken],
    )
    seen_ids = {binding_id for row in own for binding_id in row.ids}
    focused = screen.focused
    widget_rows: list[_Row] = []
    if focused is not None:
        widget_rows = _rows(declared_bindings(type(focused)))
        section(getattr(type(focused), "HELP_TITLE", "In this part"), widget_rows)
    seen_ids |= {binding_id for row in widget_rows for binding_id in row.ids}
    if not isinstance(screen, ModalScreen):
        # A modal screen keeps the app's keys out: they do nothing over it.
        app_bindings = declared_bindings(type(app))
        if app.ENABLE_COMMAND_PALETTE:
            app_bindings.append(Binding(app.COMMAND_PALETTE_BINDING, "command_palette", "Commands"))
        section(
            "Everywhere",
            [row for row in _rows(app_bindings) if not (set(row.ids) & seen_ids)],
        )
    return sections


class HelpScreen(ModalScreen[None]):
    """A list of keys over the screen it explains; any of its close keys dismisses it."""

    BINDINGS: ClassVar[list[BindingType]] = screen_bindings(
        "key list", Keyed("help-close", "dismiss", "Close", tooltip="Close the list")
    )

    def __init__(
        self,
        sections: list[HelpSection],
        **options: Unpack[NodeOptions],
    ) -> None:
        super().__init__(**options)
        self.sections = sections

    @classmethod
    def for_screen(cls, screen: Screen[Any]) -> HelpScreen:
        """The help of ``screen``, built from its bindings."""
        return cls(help_sections(screen))

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
        keys = keys_display(self.app, self.BINDINGS, "help-close", keys_in_force(self.app))
        return Content(f"{keys}: close this list")

    def on_mount(self) -> None:
        self.query_one("#help", VerticalScroll).border_title = "Keys"
