"""A year of days as a calendar: weeks as columns, weekdays as rows, each day shaded by
how many reviews it had.

The shades are characters first (``·░▒▓█``), so the calendar reads without colour; the
theme colours them. A day's shade is its quartile among the days with reviews, so a
year of short sessions and a year of long ones both use every shade. When the widget is
too narrow for the year it shows the most recent weeks that fit.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, ClassVar, NamedTuple, Unpack

from textual.content import Content
from textual.style import Style
from textual.widget import Widget

from prepdeck.reports.progress import DayActivity

if TYPE_CHECKING:
    from prepdeck.tui.options import WidgetOptions

LEVELS = 4
"""Shades of the days with reviews; level 0 is a day without one."""
GLYPHS = ("·", "░", "▒", "▓", "█")
"""The character of each level, from none to the busiest days."""
LABEL_WIDTH = 4
"""Columns of the weekday names on the left."""
_WEEKDAY_LABELS = ("Mon", "", "Wed", "", "Fri", "", "")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
HEIGHT = 9
"""The month names, a row per weekday, and the legend."""

Week = tuple[DayActivity | None, ...]
"""Monday to Sunday; None for a day outside the calendar."""


class Bucket(NamedTuple):
    """The reviews a day needs for one shade, both ends included."""

    level: int
    low: int
    high: int


class WeekLayout(NamedTuple):
    weeks: int
    """How many of the most recent weeks are drawn."""
    cell_width: int
    """2 (a shade and a gap, which reads as a square) when the whole year fits so, else 1."""


def bucket_limits(counts: Iterable[int]) -> tuple[int, ...]:
    """The highest count of each shade but the last: the quartiles of the days with
    reviews (nearest rank). Empty when no day has a review."""
    busy = sorted(count for count in counts if count > 0)
    if not busy:
        return ()
    size = len(busy)
    # The k-th quartile is the value at rank ceil(k * n / 4).
    return tuple(busy[(part * size + LEVELS - 1) // LEVELS - 1] for part in range(1, LEVELS))


def level_of(count: int, limits: Sequence[int]) -> int:
    """The shade of a day with ``count`` reviews: 0 without any, else 1 plus the number of
    limits it passes."""
    if count <= 0:
        return 0
    return 1 + sum(count > limit for limit in limits)


def buckets(limits: Sequence[int], busiest: int) -> list[Bucket]:
    """The range of reviews of each shade in use, for the legend; shades whose range is
    empty (quartiles that coincide) are left out."""
    if not limits:
        return []
    lows = [1, *(limit + 1 for limit in limits)]
    highs = [*limits, busiest]
    return [
        Bucket(level, low, high)
        for level, (low, high) in enumerate(zip(lows, highs, strict=True), start=1)
        if low <= high
    ]


def calendar_weeks(days: Sequence[DayActivity]) -> list[Week]:
    """``days`` (consecutive, oldest first) as weeks from Monday; the first week starts
    with empty days before the first one, the last ends with empty days after the last."""
    if not days:
        return []
    slots: list[DayActivity | None] = [None] * days[0].day.weekday()
    slots += days
    slots += [None] * (-len(slots) % 7)
    return [tuple(slots[start : start + 7]) for start in range(0, len(slots), 7)]


def layout_for(weeks: int, width: int) -> WeekLayout:
    """The weeks that fit ``width`` columns, and how wide each is drawn."""
    room = max(0, width - LABEL_WIDTH)
    if weeks * 2 <= room:
        return WeekLayout(weeks, 2)
    return WeekLayout(min(weeks, room), 1)


def month_line(weeks: Sequence[Week], cell_width: int) -> str:
    """The month names over the weeks, each over the week its first day falls in; the
    first week's month too, when it began earlier and there is room before the next name.
    A name that would touch the one before it, or run off the end, is left out."""
    width = len(weeks) * cell_width
    line = [" "] * width
    end = -1
    for index, week in enumerate(weeks):
        first = next((slot.day for slot in week if slot is not None and slot.day.day == 1), None)
        if first is None:
            continue
        start, name = index * cell_width, _MONTHS[first.month - 1]
        if start > end and start + len(name) <= width:
            line[start : start + len(name)] = name
            end = start + len(name)
    head = next((slot.day for slot in weeks[0] if slot is not None), None) if weeks else None
    if head is not None and head.day != 1:
        name = _MONTHS[head.month - 1]
        if "".join(line[: len(name) + 1]).isspace() and len(name) <= width:
            line[: len(name)] = name
    return "".join(line).rstrip()


class CalendarHeatmap(Widget):
    """Reviews per day over the calendar given to ``show``, the latest weeks that fit."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "calendar-heatmap--label",
        "calendar-heatmap--level-0",
        "calendar-heatmap--level-1",
        "calendar-heatmap--level-2",
        "calendar-heatmap--level-3",
        "calendar-heatmap--level-4",
    }
    DEFAULT_CSS = f"""
    CalendarHeatmap {{
        height: {HEIGHT};
        text-wrap: nowrap;
        text-overflow: clip;
    }}
    CalendarHeatmap > .calendar-heatmap--label {{
        color: $text-muted;
    }}
    CalendarHeatmap > .calendar-heatmap--level-0 {{
        color: $text-muted;
    }}
    CalendarHeatmap > .calendar-heatmap--level-1 {{
        color: $success 45%;
    }}
    CalendarHeatmap > .calendar-heatmap--level-2 {{
        color: $success 65%;
    }}
    CalendarHeatmap > .calendar-heatmap--level-3 {{
        color: $success 85%;
    }}
    CalendarHeatmap > .calendar-heatmap--level-4 {{
        color: $success;
    }}
    """

    def __init__(self, **options: Unpack[WidgetOptions]) -> None:
        super().__init__(**options)
        self.days: Sequence[DayActivity] = ()

    def show(self, days: Sequence[DayActivity]) -> None:
        """Draw ``days``: consecutive app days, oldest first, today last."""
        self.days = days
        self.refresh()

    @property
    def week_layout(self) -> WeekLayout:
        return layout_for(len(calendar_weeks(self.days)), self.content_region.width)

    @property
    def shown_days(self) -> list[DayActivity]:
        """The days drawn at the widget's width, oldest first."""
        weeks = calendar_weeks(self.days)
        shown = weeks[len(weeks) - self.week_layout.weeks :]
        return [day for week in shown for day in week if day is not None]

    def render(self) -> Content:
        weeks = calendar_weeks(self.days)
        if not weeks:
            return Content("")
        layout = self.week_layout
        shown = weeks[len(weeks) - layout.weeks :]
        limits = bucket_limits(day.reviews for day in self.days)
        label = self.get_visual_style("calendar-heatmap--label", partial=True)
        shades = [
            self.get_visual_style(f"calendar-heatmap--level-{level}", partial=True)
            for level in range(LEVELS + 1)
        ]
        lines = [Content.styled(" " * LABEL_WIDTH + month_line(shown, layout.cell_width), label)]
        gap = " " * (layout.cell_width - 1)
        for weekday, name in enumerate(_WEEKDAY_LABELS):
            parts: list[tuple[str, Style] | str] = [(name.ljust(LABEL_WIDTH), label)]
            for week in shown:
                day = week[weekday]
                if day is None:
                    parts.append(" " * layout.cell_width)
                    continue
                level = level_of(day.reviews, limits)
                parts.append((GLYPHS[level] + gap, shades[level]))
            lines.append(Content.assemble(*parts).rstrip())
        busiest = max((day.reviews for day in self.days), default=0)
        lines.append(self._legend(buckets(limits, busiest), shades, label))
        return Content("\n").join(lines)

    def _legend(self, ranges: Sequence[Bucket], shades: Sequence[Style], label: Style) -> Content:
        """What each shade means, in reviews a day; the bare scale when that is too long."""
        full: list[tuple[str, Style] | str] = [(GLYPHS[0], shades[0]), " none"]
        for bucket in ranges:
            span = str(bucket.low) if bucket.low == bucket.high else f"{bucket.low}–{bucket.high}"
            full += ["  ", (GLYPHS[bucket.level], shades[bucket.level]), f" {span}"]
        full.append(("  reviews a day", label))
        legend = Content.assemble(*full)
        if legend.cell_length <= self.content_region.width:
            return legend
        scale: list[tuple[str, Style] | str] = [("less ", label)]
        for level, glyph in enumerate(GLYPHS):
            scale += [(glyph, shades[level]), " "]
        scale.append(("more", label))
        return Content.assemble(*scale)
