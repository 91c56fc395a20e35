"""Reading the moments people type: ISO date-times and the short forms, or a refusal."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from prepdeck.domain.moments import WEEKDAYS, parse_moment
from prepdeck.errors import MomentError

ZONE = timezone(timedelta(hours=5, minutes=30))
# A Thursday, 10:00 local time.
NOW = datetime(2026, 12, 3, 10, 0, tzinfo=ZONE).astimezone(UTC)

nows = st.datetimes(
    min_value=datetime(2000, 1, 1), max_value=datetime(2090, 1, 1), timezones=st.just(UTC)
)
zones = st.integers(min_value=-12 * 60, max_value=14 * 60).map(
    lambda minutes: timezone(timedelta(minutes=minutes))
)
hours = st.integers(min_value=0, max_value=23)
minutes = st.integers(min_value=0, max_value=59)


def parse(text: str) -> datetime:
    return parse_moment(text, now=NOW, zone=ZONE)


def test_iso_without_offset_is_local_time() -> None:
    assert parse("2026-12-10T14:00") == datetime(2026, 12, 10, 14, 0, tzinfo=ZONE)
    assert parse("2026-12-10 14:00") == datetime(2026, 12, 10, 14, 0, tzinfo=ZONE)


def test_iso_with_an_offset_keeps_the_moment() -> None:
    assert parse("2026-12-10T14:00+01:00") == datetime(2026, 12, 10, 13, 0, tzinfo=UTC)
    assert parse("2026-12-10T14:00Z") == datetime(2026, 12, 10, 14, 0, tzinfo=UTC)


def test_today_tomorrow_and_twelve_hour_clocks() -> None:
    assert parse("today 9:30") == datetime(2026, 12, 3, 9, 30, tzinfo=ZONE)
    assert parse("Tomorrow  14:00") == datetime(2026, 12, 4, 14, 0, tzinfo=ZONE)
    assert parse("tomorrow 2pm") == datetime(2026, 12, 4, 14, 0, tzinfo=ZONE)
    assert parse("tomorrow 12am") == datetime(2026, 12, 4, 0, 0, tzinfo=ZONE)
    assert parse("tomorrow 9:15 am") == datetime(2026, 12, 4, 9, 15, tzinfo=ZONE)


def test_a_weekday_is_the_next_such_day() -> None:
    assert parse("fri 9:30") == datetime(2026, 12, 4, 9, 30, tzinfo=ZONE)
    assert parse("monday 14:00") == datetime(2026, 12, 7, 14, 0, tzinfo=ZONE)


def test_todays_weekday_is_today_while_the_time_is_ahead_else_next_week() -> None:
    assert parse("thu 11:00") == datetime(2026, 12, 3, 11, 0, tzinfo=ZONE)
    assert parse("thursday 9:00") == datetime(2026, 12, 10, 9, 0, tzinfo=ZONE)
    assert parse("thu 10:00") == datetime(2026, 12, 10, 10, 0, tzinfo=ZONE)


def test_in_counts_from_now_at_the_current_time_of_day() -> None:
    assert parse("in 3 days") == NOW + timedelta(days=3)
    assert parse("in 1 day") == NOW + timedelta(days=1)
    assert parse("in 2 hours") == NOW + timedelta(hours=2)
    assert parse("in 2 weeks") == NOW + timedelta(weeks=2)
    assert parse("in 45 minutes") == NOW + timedelta(minutes=45)


@pytest.mark.parametrize(
    "text",
    [
        "14",
        "14:00",
        "2pm",
        "2026-12-10",
        "tomorrow",
        "tomorrow 14",
        "tomorrow 25:00",
        "tomorrow 9:75",
        "tomorrow 13pm",
        "fri",
        "next thursday-ish",
        "next friday 9:30",
        "in three days",
        "in 3 fortnights",
        "2026-13-10 14:00",
        "9999-12-31T23:59-23:59",
        "0001-01-01T00:00+23:59",
        "",
        "   ",
    ],
)
def test_ambiguous_or_unreadable_text_is_refused_naming_it(text: str) -> None:
    with pytest.raises(MomentError) as refused:
        parse(text)
    message = str(refused.value)
    assert message.startswith(f'cannot read "{" ".join(text.split())}" as a time')
    assert "tomorrow 14:00" in message
    assert "\n" not in message


@given(now=nows, zone=zones, day=st.sampled_from(sorted(WEEKDAYS)), hour=hours, minute=minutes)
def test_a_weekday_lands_on_that_day_within_the_coming_week(
    now: datetime, zone: timezone, day: str, hour: int, minute: int
) -> None:
    moment = parse_moment(f"{day} {hour}:{minute:02d}", now=now, zone=zone)
    assert moment.weekday() == WEEKDAYS[day]
    assert (moment.hour, moment.minute) == (hour, minute)
    assert now < moment <= now + timedelta(days=7)


@given(now=nows, zone=zones, hour=hours, minute=minutes)
def test_tomorrow_is_the_next_local_date(
    now: datetime, zone: timezone, hour: int, minute: int
) -> None:
    moment = parse_moment(f"tomorrow {hour:02d}:{minute:02d}", now=now, zone=zone)
    assert moment.date() == now.astimezone(zone).date() + timedelta(days=1)
    assert (moment.hour, moment.minute) == (hour, minute)


@given(
    now=nows,
    zone=zones,
    count=st.integers(min_value=0, max_value=999),
    unit=st.sampled_from(["minute", "hour", "day", "week"]),
    plural=st.booleans(),
)
def test_in_n_units_is_now_plus_that_much(
    now: datetime, zone: timezone, count: int, unit: str, plural: bool
) -> None:
    moment = parse_moment(f"in {count} {unit}{'s' if plural else ''}", now=now, zone=zone)
    assert moment - now == count * timedelta(**{unit + "s": 1})


@given(moment=nows, zone=zones)
def test_iso_with_an_offset_reads_back_the_same_moment(moment: datetime, zone: timezone) -> None:
    written = moment.replace(second=0, microsecond=0).astimezone(zone)
    assert parse_moment(written.isoformat(), now=NOW, zone=ZONE) == written


@given(text=st.text(max_size=30))
def test_any_text_is_read_or_refused_never_a_crash(text: str) -> None:
    try:
        moment = parse_moment(text, now=NOW, zone=ZONE)
    except MomentError as refused:
        assert "\n" not in str(refused)
    else:
        assert moment.tzinfo is not None


def test_in_n_weeks_past_the_calendar_is_refused() -> None:
    with pytest.raises(MomentError):
        parse_moment("in 9999 weeks", now=datetime(9900, 1, 1, tzinfo=UTC), zone=ZONE)


@given(number=st.integers(min_value=0, max_value=99))
def test_a_bare_number_is_refused(number: int) -> None:
    with pytest.raises(MomentError):
        parse(str(number))
