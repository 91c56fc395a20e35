"""Button labels give the wait of an outcome in the largest unit that reads naturally."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from prepdeck.srs import CardState, State, format_interval, interval_label, wait_until

_UNIT_ORDER = ["now", "m", "h", "d", "mo", "y"]


@pytest.mark.parametrize(
    ("wait", "label"),
    [
        (timedelta(0), "now"),
        (timedelta(seconds=-5), "now"),
        (timedelta(seconds=10), "1m"),
        (timedelta(minutes=1), "1m"),
        (timedelta(minutes=5, seconds=30), "6m"),
        (timedelta(minutes=10), "10m"),
        (timedelta(minutes=59, seconds=40), "1h"),
        (timedelta(hours=5), "5h"),
        (timedelta(hours=23, minutes=40), "1d"),
        (timedelta(days=2), "2d"),
        (timedelta(days=9), "9d"),
        (timedelta(days=30), "30d"),
        (timedelta(days=31), "1mo"),
        (timedelta(days=91), "3mo"),
        (timedelta(days=364), "1y"),
        (timedelta(days=365), "1y"),
        (timedelta(days=438), "1.2y"),
        (timedelta(days=3650), "10y"),
    ],
)
def test_labels(wait: timedelta, label: str) -> None:
    assert format_interval(wait) == label


def _unit(label: str) -> int:
    if label == "now":
        return 0
    return _UNIT_ORDER.index(label.lstrip("0123456789."))


@given(
    st.integers(min_value=1, max_value=20 * 365 * 86_400),
    st.integers(min_value=1, max_value=20 * 365 * 86_400),
)
def test_a_longer_wait_never_reads_in_a_smaller_unit(first: int, second: int) -> None:
    shorter, longer = sorted((first, second))
    assert _unit(format_interval(timedelta(seconds=shorter))) <= _unit(
        format_interval(timedelta(seconds=longer))
    )


def test_the_label_of_an_outcome_counts_from_now() -> None:
    now = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
    outcome = CardState(State.REVIEW, None, 9.0, 5.0, now + timedelta(days=9), now)
    assert interval_label(outcome, now) == "9d"


@pytest.mark.parametrize(
    ("offset", "wording"),
    [
        (timedelta(seconds=30), "in 1m"),
        (timedelta(seconds=1), "in 1m"),
        (timedelta(0), "now"),
        (timedelta(seconds=-59), "now"),
        (timedelta(minutes=-5), "5m ago"),
        (timedelta(days=3), "in 3d"),
        (timedelta(days=-2), "2d ago"),
    ],
)
def test_a_wait_reads_now_only_once_the_card_is_due(offset: timedelta, wording: str) -> None:
    now = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
    assert wait_until(now + offset, now) == wording


@given(seconds=st.integers(min_value=-(10**8), max_value=10**8))
def test_a_card_not_yet_due_never_reads_due(seconds: int) -> None:
    now = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
    due = now + timedelta(seconds=seconds)
    assert wait_until(due, now).startswith("in ") == (due > now)
