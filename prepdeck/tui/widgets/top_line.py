"""The home's top line: the app's name at the left, the app day's date at the right.

One widget drawing both, rather than a row holding two: every widget mounted before the
first frame is styled, laid out and sent its own messages, and this line needs none of
that for its two words.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Unpack

from textual.content import Content
from textual.widget import Widget

if TYPE_CHECKING:
    from prepdeck.tui.options import WidgetOptions

BRAND = "prepdeck"
BRAND_STYLE = "bold $text-accent"
"""The name's look; the date takes the line's own colour (muted, in the stylesheet)."""


class TopLine(Widget):
    """``BRAND`` and ``date``: the date goes right, and gives way first when the line is
    too short for both."""

    date = ""

    def __init__(self, date: str, **options: Unpack[WidgetOptions]) -> None:
        super().__init__(**options)
        self.date = date

    def show(self, date: str) -> None:
        if date != self.date:
            self.date = date
            self.refresh()

    def render(self) -> Content:
        width = self.content_size.width
        gap = width - len(BRAND) - len(self.date)
        if gap < 0:
            return Content.assemble((BRAND, BRAND_STYLE))
        return Content.assemble((BRAND, BRAND_STYLE), " " * gap, self.date)
