"""The decks of the home screen: one line each, with the figures that decide what to drill.

Built from ``Static`` lines rather than a ``DataTable``: the home's first frame is the one
people wait for, and a table widget costs it tens of milliseconds (its import, styles and
rendering) for a dozen rows that need no more than fixed columns and a cursor.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Static

from prepdeck.overview import DeckRow

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


@dataclass(frozen=True, slots=True)
class Columns:
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


class DeckLine(Static):
    """One deck; ``-selected`` marks the line under the cursor, ``-paused`` a paused deck."""

    def __init__(self, row: DeckRow, status: str) -> None:
        super().__init__(markup=False, classes="deck-line")
        self.row = row
        self.status = status
        self.set_class(row.paused, "-paused")

    def show(self, row: DeckRow, status: str, columns: Columns, selected: bool) -> None:
        self.row = row
        self.status = status
        self.set_class(row.paused, "-paused")
        self.set_class(selected, "-selected")
        title, cards, due, new, *rest = columns.line(
            _fit_title(row.title, columns.title),
            str(row.cards),
            str(row.due),
            str(row.new_today),
            status,
        )
        # Deck titles are plain text, shown as typed: Content never reads them as markup.
        self.update(
            Content.assemble(
                _MARKER if selected else " " * len(_MARKER),
                (title, "bold") if selected else title,
                cards,
                due,
                new,
                *((text, "italic") for text in rest),
            )
        )

    def on_click(self, event: events.Click) -> None:
        event.stop()
        parent = self.parent
        if isinstance(parent, DeckTable):
            parent.clicked(self)


class DeckHeader(Static):
    """The column titles above a ``DeckTable``."""

    def show(self, columns: Columns) -> None:
        cells = columns.line("Deck", "Cards", "Due", "New today", "")
        self.update(Content(" " * len(_MARKER) + "".join(cells).rstrip()))


class DeckTable(VerticalScroll, can_focus=True, inherit_bindings=False):
    """Decks by title, keyed by deck id; the cursor stays on its deck when the lines change.

    ``enter`` is left to the screen (it starts a drill); a click on the deck under the
    cursor posts ``Chosen``, as a second click would in a file manager.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "move(-1)", "Up", show=False, id="row-up", tooltip="Previous deck"),
        Binding("down,j", "move(1)", "Down", show=False, id="row-down", tooltip="Next deck"),
        Binding("home", "first", "First", show=False, id="row-first", tooltip="First deck"),
        Binding("end", "last", "Last", show=False, id="row-last", tooltip="Last deck"),
        Binding("pageup", "page(-1)", "Page up", show=False, tooltip="A page of decks up"),
        Binding("pagedown", "page(1)", "Page down", show=False, tooltip="A page of decks down"),
    ]
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
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
        disabled: bool = False,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes, disabled=disabled)
        self.header = header
        self._rows: list[DeckRow] = []
        self._limits: dict[str, Limits] = {}
        self._set_rows(rows, limits)

    def _set_rows(self, rows: Sequence[DeckRow], limits: dict[str, Limits] | None) -> None:
        # By title, as people look for a deck; the id breaks ties.
        self._rows = sorted(rows, key=lambda row: (row.title.casefold(), row.id))
        self._limits = dict(limits or {})

    def _status(self, row: DeckRow) -> str:
        return deck_status(row, self._limits.get(row.id, (None, None)))

    def compose(self) -> ComposeResult:
        return self._new_lines()

    def _new_lines(self) -> list[DeckLine]:
        return [DeckLine(row, self._status(row)) for row in self._rows]

    @property
    def lines(self) -> list[DeckLine]:
        return list(self.query_children(DeckLine))

    @property
    def row_count(self) -> int:
        return len(self._rows)

    @property
    def rows(self) -> list[DeckRow]:
        """The decks in the order shown."""
        return list(self._rows)

    @property
    def selected_deck(self) -> DeckRow | None:
        if not self._rows:
            return None
        return self._rows[min(self.cursor, len(self._rows) - 1)]

    def _columns(self) -> Columns:
        # Before the first layout the width is 0: assume the usual 80 columns.
        width = self.scrollable_content_region.width or (self.app.size.width - 4)
        return Columns.fit(width - 1, [self._status(row) for row in self._rows])

    def _paint(self) -> None:
        columns = self._columns()
        cursor = min(self.cursor, max(0, len(self._rows) - 1))
        for index, (line, row) in enumerate(zip(self.lines, self._rows, strict=False)):
            line.show(row, self._status(row), columns, index == cursor)
        if self.header is not None:
            self.header.show(columns)

    def on_mount(self) -> None:
        self._paint()

    def on_resize(self) -> None:
        self._paint()

    async def show_decks(
        self, rows: Sequence[DeckRow], limits: dict[str, Limits] | None = None
    ) -> None:
        """Replace the decks, keeping the cursor on the deck it was on."""
        selected = self.selected_deck
        before = [row.id for row in self._rows]
        self._set_rows(rows, limits)
        if [row.id for row in self._rows] != before:
            # Another set of decks (the sync installed one, say): new lines for them.
            await self.remove_children()
            await self.mount_all(self._new_lines())
        if selected is not None:
            self.select_deck(selected.id)
        self._paint()

    def select_deck(self, deck_id: str) -> None:
        for index, row in enumerate(self._rows):
            if row.id == deck_id:
                self.cursor = index
                return

    def watch_cursor(self) -> None:
        self._paint()
        lines = self.lines
        if 0 <= self.cursor < len(lines):
            self.scroll_to_widget(lines[self.cursor], animate=False)

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

    def clicked(self, line: DeckLine) -> None:
        index = next((i for i, row in enumerate(self._rows) if row.id == line.row.id), None)
        if index is None:
            return
        self.focus()
        if index == self.cursor:
            self.post_message(self.Chosen(self, line.row.id))
        else:
            self.cursor = index
