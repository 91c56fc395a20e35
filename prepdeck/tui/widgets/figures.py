"""Today's figures as a row of tiles: a value over its label, some of them clickable."""

from __future__ import annotations

from typing import TYPE_CHECKING, Unpack

from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Static

if TYPE_CHECKING:
    from prepdeck.tui.options import WidgetOptions


def format_spent(seconds: float) -> str:
    """Time spent answering, to the minute once it is a minute: ``45s``, ``12m``, ``1h 05m``."""
    whole = max(0, round(seconds))
    if whole < 60:
        return f"{whole}s"
    minutes = whole // 60
    if minutes < 60:
        return f"{minutes}m"
    return f"{minutes // 60}h {minutes % 60:02d}m"


class FigureTile(Static):
    """One figure; ``-alert`` marks a value that asks for attention, ``-link`` a clickable
    tile (a click runs ``action`` on the screen)."""

    value = ""

    def __init__(
        self, label: str, *, action: str | None = None, **options: Unpack[WidgetOptions]
    ) -> None:
        super().__init__(markup=False, **options)
        self.label = label
        self.action = action
        self.set_class(action is not None, "-link", update=False)  # styled as it mounts

    def show(self, value: str, *, alert: bool = False) -> None:
        self.value = value
        self.set_class(alert, "-alert")
        self.update(Content.assemble((value, "bold"), "\n", self.label))

    async def on_click(self, event: events.Click) -> None:
        if self.action is not None:
            event.stop()
            await self.app.run_action(self.action, self.screen)


class FigureRow(Horizontal):
    """Tiles side by side, each as wide as the row allows."""

    def __init__(self, *tiles: FigureTile, **options: Unpack[WidgetOptions]) -> None:
        super().__init__(**options)
        self._tiles = tiles

    def compose(self) -> ComposeResult:
        yield from self._tiles

    def tile(self, tile_id: str) -> FigureTile:
        return self.query_one(f"#{tile_id}", FigureTile)


def day_tiles() -> tuple[FigureTile, ...]:
    """The day's five figures, as the home and the statistics screen both open with them:
    the same labels and ids on both, so the same figure reads the same on each."""
    return (
        FigureTile("due now", id="due-now"),
        FigureTile("new today", id="new-today"),
        FigureTile("reviews today", id="reviews-today"),
        FigureTile("time today", id="time-today"),
        FigureTile("streak", id="streak"),
    )
