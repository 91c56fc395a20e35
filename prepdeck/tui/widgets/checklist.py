"""The key points of a card as a checklist the user ticks after seeing the answer."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Unpack

from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Static

if TYPE_CHECKING:
    from prepdeck.tui.options import WidgetOptions


class PointRow(Static):
    """One key point: the key that toggles it, a tick box and the point's text."""

    hit: reactive[bool] = reactive(False, init=False)
    """True when the user said this point."""

    def __init__(self, text: str, key: str, **options: Unpack[WidgetOptions]) -> None:
        super().__init__(markup=False, **options)
        self.text = text
        self.key = key
        self.suggested = False
        """True while the tick is the matcher's, not yet the user's."""

    def on_mount(self) -> None:
        self._show()

    def watch_hit(self, hit: bool) -> None:
        self.set_class(hit, "-hit")
        # "[ ]" and "[x]" are one width: ticking never moves anything else.
        self._show(layout=False)

    def suggest(self, hit: bool) -> None:
        """Tick (or untick) the point as the answer's words suggest, marked as suggested."""
        self.suggested = hit
        self.set_reactive(PointRow.hit, hit)
        self.set_class(hit, "-hit")
        self._show()

    def set_by_user(self, hit: bool) -> None:
        was_suggested = self.suggested
        self.suggested = False
        self.hit = hit
        if was_suggested:
            self._show()

    def set_key(self, key: str) -> None:
        self.key = key
        self._show()

    def show_point(self, text: str, key: str) -> None:
        """Show another point, unticked."""
        self.text = text
        self.key = key
        self.suggested = False
        self.set_reactive(PointRow.hit, False)
        self.remove_class("-hit")
        self._show()

    def _show(self, *, layout: bool = True) -> None:
        # The box and key are our own text; the point is deck text, kept literal by Content.
        box = "[x]" if self.hit else "[ ]"
        marker = ("  suggested", "italic") if self.suggested and self.hit else ""
        self.update(
            Content.assemble((self.key, "bold"), " ", box, " ", self.text, marker), layout=layout
        )

    def on_click(self, event: events.Click) -> None:
        event.stop()
        parent = self.parent
        if isinstance(parent, PointChecklist):
            parent.toggle(parent.rows.index(self))


class PointChecklist(Vertical):
    """Points to tick; posts ``Toggled`` whenever the count of ticked points may change."""

    class Toggled(Message):
        """A point was ticked or unticked."""

        def __init__(self, checklist: PointChecklist, hit: int, total: int) -> None:
            super().__init__()
            self.checklist = checklist
            self.hit = hit
            self.total = total

        @property
        def control(self) -> PointChecklist:
            return self.checklist

    _points: tuple[str, ...] = ()
    _keys: tuple[str, ...] = ()

    @property
    def rows(self) -> list[PointRow]:
        """The rows of the points shown; rows left over from a card with more are hidden."""
        return list(self.query_children(PointRow))[: len(self._points)]

    @property
    def total(self) -> int:
        return len(self._points)

    @property
    def hit_count(self) -> int:
        return sum(row.hit for row in self.rows)

    @property
    def hits(self) -> tuple[bool, ...]:
        return tuple(row.hit for row in self.rows)

    def compose(self) -> ComposeResult:
        yield from self._make_rows()

    def _make_rows(self) -> list[PointRow]:
        return [
            PointRow(point, self._key(index), classes="point")
            for index, point in enumerate(self._points)
        ]

    def _key(self, index: int) -> str:
        # Padded to the longest key, so the boxes line up when a keymap uses longer keys.
        width = max((len(key) for key in self._keys), default=1)
        key = self._keys[index] if index < len(self._keys) else ""
        return key.ljust(width)

    async def show_points(self, points: Sequence[str], keys: Sequence[str]) -> None:
        """Replace the checklist with ``points``, none ticked, labelled with ``keys``."""
        self._points = tuple(points)
        self._keys = tuple(keys)
        # Rows are reused from card to card, and the ones a card does not need are hidden
        # rather than removed: mounting new ones restyles and lays out the whole list,
        # which would cost every grade a few frames. Only a card with more points than any
        # before it mounts rows.
        rows = list(self.query_children(PointRow))
        for index, row in enumerate(rows):
            if index < len(points):
                row.show_point(points[index], self._key(index))
            row.display = index < len(points)
        if len(points) > len(rows):
            await self.mount_all(self._make_rows()[len(rows) :])

    def set_keys(self, keys: Sequence[str]) -> None:
        self._keys = tuple(keys)
        for index, row in enumerate(self.rows):
            row.set_key(self._key(index))

    @property
    def suggested_count(self) -> int:
        return sum(row.suggested and row.hit for row in self.rows)

    def toggle(self, index: int) -> None:
        rows = self.rows
        if 0 <= index < len(rows):
            rows[index].set_by_user(not rows[index].hit)
            self.post_message(self.Toggled(self, self.hit_count, len(rows)))

    def suggest(self, hits: Sequence[bool]) -> None:
        """Tick the points ``hits`` marks, as suggestions the user may untick."""
        for row, hit in zip(self.rows, hits, strict=False):
            row.suggest(hit)
