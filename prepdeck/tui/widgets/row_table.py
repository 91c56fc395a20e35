"""A table read row by row: the keys move a row cursor, ``enter`` is left to the screen."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, Unpack

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import DataTable

from prepdeck.tui.keys import Keyed, KeyedBindings, screen_bindings

if TYPE_CHECKING:
    from prepdeck.tui.options import WidgetOptions


def row_bindings(screen: str) -> KeyedBindings:
    """The keys that move a row cursor, as the keymap table of ``screen`` has them: a
    table on another screen subclasses ``RowTable`` (without inheriting its bindings)
    and takes these for its own screen."""
    return screen_bindings(
        screen,
        Keyed("row-up", "cursor_up", "Up", show=False, tooltip="Previous row"),
        Keyed("row-down", "cursor_down", "Down", show=False, tooltip="Next row"),
        Keyed("row-first", "scroll_top", "First", show=False, tooltip="First row"),
        Keyed("row-last", "scroll_bottom", "Last", show=False, tooltip="Last row"),
        Binding("pageup", "page_up", "Page up", show=False, tooltip="A page up"),
        Binding("pagedown", "page_down", "Page down", show=False, tooltip="A page down"),
    )


class RowTable(DataTable[Text], inherit_bindings=False):
    """A row cursor moved with the arrows (or ``j``/``k``); cells are ``rich.text.Text`` so
    user text is shown as typed, never read as markup.

    DataTable's own ``enter`` would swallow the screen's; here the screen decides what
    ``enter`` does. A click on the row under the cursor still posts ``RowSelected``.
    """

    BINDINGS: ClassVar[list[BindingType]] = row_bindings("leeches screen")
    HELP_TITLE: ClassVar[str] = "List"

    def __init__(self, **options: Unpack[WidgetOptions]) -> None:
        super().__init__(cursor_type="row", zebra_stripes=False, **options)
