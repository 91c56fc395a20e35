"""Today's figures as a row of tiles: a value over its label, some of them clickable.

The row is one widget drawing every tile, rather than a container of one widget per
tile: each widget mounted before the home's first frame is styled, laid out and sent its
own messages, and six tiles cost that frame more than the rest of the home's lines
(docs/architecture.md, "Start-up"). The row lays its tiles out as a row of ``1fr``
widgets would be, so they keep their widths at every width of the terminal.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, ClassVar, Unpack

from rich.segment import Segment
from textual import events
from textual.content import Content
from textual.strip import Strip
from textual.widget import Widget

if TYPE_CHECKING:
    from textual.style import Style

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


class FigureTile:
    """One figure of a ``FigureRow``: its value (bold) over its label. ``alert`` marks a
    value that asks for attention; a tile with an ``action`` is clickable (a click runs
    it on the screen)."""

    __slots__ = ("_row", "action", "alert", "id", "label", "shown", "value")

    def __init__(self, label: str, *, id: str, action: str | None = None) -> None:
        self.label = label
        self.id = id
        self.action = action
        self.value = ""
        self.alert = False
        self.shown = False
        """False until the first ``show``: the tile is blank until then."""
        self._row: FigureRow | None = None

    def show(self, value: str, *, alert: bool = False) -> None:
        if self.shown and value == self.value and alert == self.alert:
            return
        self.value = value
        self.alert = alert
        self.shown = True
        if self._row is not None:
            self._row.changed()


def tile_spans(width: int, count: int) -> list[tuple[int, int]]:
    """The columns ``[start, end)`` of ``count`` tiles sharing ``width``: where Textual
    places as many ``1fr`` widgets side by side (each starts at the floor of its share)."""
    return [(index * width // count, (index + 1) * width // count) for index in range(count)]


class FigureRow(Widget):
    """Tiles side by side, each as wide as the row allows; the tile under the pointer is
    highlighted when it is clickable."""

    # Inline styles of the theme's colours rather than component classes, whose rules
    # Textual parses and matches each time the row is styled.
    ALERT_STYLE: ClassVar[str] = "$text-warning"
    HOVER_STYLE: ClassVar[str] = "on $boost underline"

    def __init__(self, *tiles: FigureTile, **options: Unpack[WidgetOptions]) -> None:
        super().__init__(**options)
        self.tiles = tiles
        for tile in tiles:
            tile._row = self
        self._hovered: FigureTile | None = None
        self._version = 0
        """Counts the changes of tiles and hover: the lines drawn for another are stale."""
        self._drawn: tuple[tuple[int, str, Style, int], tuple[Strip, Strip]] | None = None

    def tile(self, tile_id: str) -> FigureTile:
        for tile in self.tiles:
            if tile.id == tile_id:
                return tile
        raise KeyError(tile_id)

    def tile_span(self, tile_id: str) -> tuple[int, int]:
        """The columns ``[start, end)`` of the tile ``tile_id`` at the row's width."""
        spans = tile_spans(self.size.width, len(self.tiles))
        return spans[self.tiles.index(self.tile(tile_id))]

    def _tile_style(self, tile: FigureTile) -> Style:
        style = self.visual_style
        parse = self.app.stylesheet.parse_style
        if tile is self._hovered:
            # Its background laid over the row's, as a tile widget's own was.
            hover = parse(self.HOVER_STYLE)
            background = style.background
            if hover.background is not None and background is not None:
                background += hover.background
            style = replace(style, background=background, underline=True)
        if tile.alert:
            style += parse(self.ALERT_STYLE)
        return style

    @staticmethod
    def _tile_lines(tile: FigureTile, width: int) -> list[Content]:
        """The tile's lines at ``width`` cells: the label wrapped as in a widget two lines
        high (what does not fit is cut)."""
        if not tile.shown:
            return []
        value = Content.assemble((tile.value, "bold"))
        label = Content(tile.label)
        if value.cell_length <= width and label.cell_length <= width:
            return [value, label]  # as the wrap below gives them, without its cost
        return Content.assemble(value, "\n", label).wrap(width)

    def _tile_segments(self, tile: FigureTile, width: int) -> tuple[list[Segment], ...]:
        """The tile's two lines, ``width`` cells each: centred, the margins taking only
        the background, as a centred ``Static``'s do."""
        style = self._tile_style(tile)
        margin = style.background_style.rich_style
        lines = self._tile_lines(tile, width)
        drawn: list[list[Segment]] = []
        for y in range(2):
            if y >= len(lines):
                drawn.append([Segment(" " * width, margin)])
                continue
            line = lines[y]
            excess = max(0, width - line.cell_length)
            left = excess // 2
            segments = [Segment(" " * left, margin)] if left else []
            segments.extend(line.render_segments(style))
            if excess - left:
                segments.append(Segment(" " * (excess - left), margin))
            drawn.append(segments)
        return tuple(drawn)

    def render_line(self, y: int) -> Strip:
        # Both lines are drawn at once: a tile is wrapped and styled once, not per line.
        width = self.size.width
        key = (width, self.app.theme, self.visual_style, self._version)
        if self._drawn is None or self._drawn[0] != key:
            lines: tuple[list[Segment], list[Segment]] = ([], [])
            spans = tile_spans(width, len(self.tiles))
            for tile, (start, end) in zip(self.tiles, spans, strict=True):
                if end == start:
                    continue  # a row narrower than its tiles: as a 0-wide widget, not drawn
                top, bottom = self._tile_segments(tile, end - start)
                lines[0].extend(top)
                lines[1].extend(bottom)
            self._drawn = (key, (Strip(lines[0], width), Strip(lines[1], width)))
        strips = self._drawn[1]
        return strips[y] if 0 <= y < len(strips) else Strip.blank(width)

    def changed(self) -> None:
        """A tile changed: draw the row again."""
        self._version += 1
        self.refresh()

    # -- the mouse -----------------------------------------------------------------------

    def _tile_at(self, x: int) -> FigureTile | None:
        for tile, (start, end) in zip(
            self.tiles, tile_spans(self.size.width, len(self.tiles)), strict=True
        ):
            if start <= x < end:
                return tile
        return None

    def on_mouse_move(self, event: events.MouseMove) -> None:
        tile = self._tile_at(event.x)
        self._hover(tile if tile is not None and tile.action is not None else None)

    def on_leave(self, event: events.Leave) -> None:
        self._hover(None)

    def _hover(self, tile: FigureTile | None) -> None:
        if tile is not self._hovered:
            self._hovered = tile
            self.changed()

    async def on_click(self, event: events.Click) -> None:
        tile = self._tile_at(event.x)
        if tile is not None and tile.action is not None:
            event.stop()
            await self.app.run_action(tile.action, self.screen)


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
