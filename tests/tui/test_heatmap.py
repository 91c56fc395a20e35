"""The calendar heatmap's shades and weeks, and the bar charts, worked out without a screen."""

from __future__ import annotations

from datetime import date, timedelta

from prepdeck.reports.progress import CALENDAR_DAYS, DayActivity
from prepdeck.tui.widgets.bars import bar_text
from prepdeck.tui.widgets.heatmap import (
    Bucket,
    WeekLayout,
    bucket_limits,
    buckets,
    calendar_weeks,
    layout_for,
    level_of,
    month_line,
)

TODAY = date(2026, 11, 25)  # a Wednesday


def year() -> list[DayActivity]:
    first = TODAY - timedelta(days=CALENDAR_DAYS - 1)
    return [DayActivity(first + timedelta(days=n), n % 5, 0.0) for n in range(CALENDAR_DAYS)]


def test_shades_are_the_quartiles_of_the_days_with_reviews() -> None:
    limits = bucket_limits([0, 0, 1, 2, 3, 4, 5, 6, 7, 8])
    assert limits == (2, 4, 6)
    assert [level_of(count, limits) for count in range(9)] == [0, 1, 1, 2, 2, 3, 3, 4, 4]
    assert buckets(limits, 8) == [
        Bucket(1, 1, 2),
        Bucket(2, 3, 4),
        Bucket(3, 5, 6),
        Bucket(4, 7, 8),
    ]


def test_days_all_alike_take_one_shade_and_no_reviews_none() -> None:
    limits = bucket_limits([5, 5, 5, 0])
    assert limits == (5, 5, 5)
    assert level_of(5, limits) == 1
    assert buckets(limits, 5) == [Bucket(1, 1, 5)]
    assert bucket_limits([0, 0]) == ()
    assert buckets((), 0) == []


def test_a_year_is_53_weeks_from_monday_with_empty_days_at_both_ends() -> None:
    days = year()
    weeks = calendar_weeks(days)
    assert len(weeks) == 53
    assert all(len(week) == 7 for week in weeks)
    # The year began on a Wednesday, and ends on one.
    assert weeks[0][:2] == (None, None) and weeks[0][2] == days[0]
    assert weeks[-1][2] == days[-1] and weeks[-1][3:] == (None,) * 4
    assert [day for week in weeks for day in week if day is not None] == days


def test_the_year_is_drawn_two_columns_a_week_when_it_fits_else_the_latest_weeks() -> None:
    assert layout_for(53, 4 + 106) == WeekLayout(53, 2)
    assert layout_for(53, 100) == WeekLayout(53, 1)
    assert layout_for(53, 40) == WeekLayout(36, 1)
    assert layout_for(53, 2) == WeekLayout(0, 1)


def test_month_names_stand_over_the_week_of_their_first_day() -> None:
    weeks = calendar_weeks(year())
    # 1 Jan 2026 is a Thursday, in the week of Monday 29 December.
    january = next(
        index
        for index, week in enumerate(weeks)
        if any(day is not None and day.day == date(2026, 1, 1) for day in week)
    )
    for width in (1, 2):
        line = month_line(weeks, width)
        assert line.index("Jan") == january * width
        assert line.count("Nov") == 1  # the last November, not the first week's
    assert month_line(weeks, 1).startswith(" Dec")  # no room for November before it


def test_the_first_weeks_month_is_named_when_the_next_name_leaves_room() -> None:
    first = date(2025, 11, 5)
    days = [DayActivity(first + timedelta(days=n), 1, 0.0) for n in range(57)]
    assert month_line(calendar_weeks(days), 1) == "Nov Dec"


def test_bars_scale_to_the_largest_and_leave_empty_days_blank() -> None:
    assert bar_text([0, 1, 4, 8]) == " ▁▄█"
    assert bar_text([0, 0]) == "  "
    assert bar_text([]) == ""
