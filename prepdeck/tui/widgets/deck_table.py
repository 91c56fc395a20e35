"""The decks of the home screen: one line each, with the figures that decide what to drill.

Drawn by one line-API widget rather than a ``DataTable``: the home's first frame is the
one people wait for, and a table widget adds its import, styles and rendering to it for
a dozen rows that need no more than fixed columns and a cursor (docs/architecture.md,
"Start-up").
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar, NamedTuple, Unpack

from rich.cells import cell_len, set_cell_size
from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widgets import Static

from prepdeck.reports.overview import DeckRow
from prepdeck.tui.keys import Keyed, screen_bindings

if TYPE_CHECKING:
    from prepdeck.tui.options import WidgetOptions

Limits = tuple[int | None, int | None]
"""A deck's own (new per day, reviews per day); None where the global limit applies."""

_COUNT_WIDTH = 6
_NEW_WIDTH = 9
_GAP = 2
_MARKER = "› "
"""Shown before the deck under the cursor: visible without colours too."""


def deck_status(row: DeckRow, limits: Limits = (None, None)) -> str:
    """``paused``, and the deck's own daily limits when it has any (``new 5 · rev 40``)."""
    parts: list[str] = []
    if row.paused:
        parts.append("paused")
    new, reviews = limits
    own = [f"new {new}"] * (new is not None) + [f"rev {reviews}"] * (reviews is not None)
    if own:
        parts.append(" · ".join(own))
    return ", ".join(parts)


class Columns(NamedTuple):
    """Widths of the columns at one width of the list; the title takes what is left."""

    title: int
    status: int

    @classmethod
    def fit(cls, width: int, statuses: Sequence[str]) -> Columns:
        status = max((cell_len(text) for text in statuses), default=0)
        fixed = len(_MARKER) + 2 * (_COUNT_WIDTH + _GAP) + _NEW_WIDTH + _GAP
        fixed += status + _GAP if status else 0
        return cls(title=max(8, width - fixed), status=status)

    def line(self, title: str, cards: str, due: str, new: str, status: str) -> list[str]:
        """The cells of one line, padded to their columns."""
        cells = [
            set_cell_size(title, self.title),
            cards.rjust(_COUNT_WIDTH + _GAP),
            due.rjust(_COUNT_WIDTH + _GAP),
            new.rjust(_NEW_WIDTH + _GAP),
        ]
        if self.status:
            cells.append(" " * _GAP + set_cell_size(status, self.status))
        return cells


def _fit_title(title: str, width: int) -> str:
    """The title cut to ``width`` cells, with an ellipsis when it does not fit."""
    if cell_len(title) <= width:
        return title
    return set_cell_size(title, width - 1) + "…"


class DeckHeader(Static):
    """The column titles above a ``DeckTable``."""

    def show(self, columns: Columns) -> None:
        cells = columns.line("Deck", "Cards", "Due", "New today", "")
        self.update(Content(" " * len(_MARKER) + "".join(cells).rstrip()))


class DeckTable(ScrollView, can_focus=True, inherit_bindings=False):
    """Decks by title, keyed by deck id; the cursor stays on its deck when the lines change.

    One widget draws every line (Textual's line API) rather than one widget per deck: the
    home's first frame is the one people wait for, and each widget more is styled and laid
    out several times before it. ``enter`` is left to the screen (it starts a drill); a
    click on the deck under the cursor posts ``Chosen``, as a second click would in a file
    manager.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {"deck-table--cursor", "deck-table--paused"}

    BINDINGS: ClassVar[list[BindingType]] = screen_bindings(
        "home screen",
        Keyed("row-up", "move(-1)", "Up", show=False, tooltip="Previous deck"),
        Keyed("row-down", "move(1)", "Down", show=False, tooltip="Next deck"),
        Keyed("row-first", "first", "First", show=False, tooltip="First deck"),
        Keyed("row-last", "last", "Last", show=False, tooltip="Last deck"),
        Binding("pageup", "page(-1)", "Page up", show=False, tooltip="A page of decks up"),
        Binding("pagedown", "page(1)", "Page down", show=False, tooltip="A page of decks down"),
    )
    HELP_TITLE: ClassVar[str] = "Deck list"

    cursor: reactive[int] = reactive(0, init=False)
    """Index of the deck under the cursor."""

    class Chosen(Message):
        """The deck under the cursor was clicked."""

        def __init__(self, table: DeckTable, deck_id: str) -> None:
            super().__init__()
            self.table = table
            self.deck_id = deck_id

        @property
        def control(self) -> DeckTable:
            return self.table

    def __init__(
        self,
        rows: Sequence[DeckRow] = (),
        limits: dict[str, Limits] | None = None,
        *,
        header: DeckHeader | None = None,
        **options: Unpack[WidgetOptions],
    ) -> None:
        super().__init__(**options)
        self.header = header
        self._columns = Columns.fit(0, ())
        self._set_rows(rows, limits)

    def _set_rows(self, rows: Sequence[DeckRow], limits: dict[str, Limits] | None) -> None:
        # By title, as people look for a deck; the id breaks ties.
        self._rows = sorted(rows, key=lambda row: (row.title.casefold(), row.id))
        own = dict(limits or {})
        self._statuses = [deck_status(row, own.get(row.id, (None, None))) for row in self._rows]
        self._fit()

    def _fit(self) -> None:
        """Size the columns and the scrolled area to the current width and decks."""
        # Before the first layout the width is 0: assume the usual 80 columns.
        width = self.scrollable_content_region.width or (self.app.size.width - 4)
        # One column is kept for the scroll bar, so the columns hold when it appears.
        self._columns = Columns.fit(width - 1, self._statuses)
        self.virtual_size = Size(width, len(self._rows))
        if self.header is not None:
            self.header.show(self._columns)
        self.refresh()

    @property
    def row_count(self) -> int:
        return len(self._rows)

    @property
    def rows(self) -> list[DeckRow]:
        """The decks in the order shown."""
        return list(self._rows)

    @property
    def _cursor_row(self) -> int:
        """The index of the line under the cursor; rows must not be empty."""
        return min(self.cursor, len(self._rows) - 1)

    @property
    def selected_deck(self) -> DeckRow | None:
        if not self._rows:
            return None
        return self._rows[self._cursor_row]

    def line_content(self, index: int) -> Content:
        """What the line of the ``index``-th deck shows, before its colours."""
        row = self._rows[index]
        selected = index == self._cursor_row
        title, cards, due, new, *rest = self._columns.line(
            _fit_title(row.title, self._columns.title),
            str(row.cards),
            str(row.due),
            str(row.new_today),
            self._statuses[index],
        )
        # Deck titles are plain text, shown as typed: Content never reads them as markup.
        return Content.assemble(
            _MARKER if selected else " " * len(_MARKER),
            (title, "bold") if selected else title,
            cards,
            due,
            new,
            *((text, "italic") for text in rest),
        )

    def render_line(self, y: int) -> Strip:
        index = self.scroll_offset.y + y
        width = self.scrollable_content_region.width
        if not 0 <= index < len(self._rows):
            return Strip.blank(width, self.rich_style)
        parts = ["deck-table--paused"] if self._rows[index].paused else []
        if index == self._cursor_row:
            parts.append("deck-table--cursor")
        style = self.get_visual_style(*parts)
        strip = Strip(self.line_content(index).render_segments(style))
        left = self.scroll_offset.x
        return strip.crop_extend(left, left + width, style.rich_style)

    def on_resize(self) -> None:
        self._fit()

    async def show_decks(
        self, rows: Sequence[DeckRow], limits: dict[str, Limits] | None = None
    ) -> None:
        """Replace the decks, keeping the cursor on the deck it was on."""
        selected = self.selected_deck
        self._set_rows(rows, limits)
        if selected is not None:
            self.select_deck(selected.id)
        self._move_to(self.cursor)

    def select_deck(self, deck_id: str) -> None:
        for index, row in enumerate(self._rows):
            if row.id == deck_id:
                self.cursor = index
                return

    def watch_cursor(self) -> None:
        self.refresh()
        if self._rows:
            width = self.scrollable_content_region.width
            self.scroll_to_region(Region(0, self.cursor, width, 1), animate=False, force=True)

    def _move_to(self, index: int) -> None:
        if self._rows:
            self.cursor = max(0, min(len(self._rows) - 1, index))

    def action_move(self, step: int) -> None:
        self._move_to(self.cursor + step)

    def action_first(self) -> None:
        self._move_to(0)

    def action_last(self) -> None:
        self._move_to(len(self._rows) - 1)

    def action_page(self, direction: int) -> None:
        self._move_to(self.cursor + direction * max(1, self.scrollable_content_region.height))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        index = offset.y + self.scroll_offset.y
        if not 0 <= index < len(self._rows):
            return
        event.stop()
        self.focus()
        if index == self.cursor:
            self.post_message(self.Chosen(self, self._rows[index].id))
        else:
            self.cursor = index
