"""How far away a moment is, in words, and when those words change."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from prepdeck.domain.countdown import countdown, countdown_changes_in

NOW = datetime(2026, 12, 3, 10, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("ahead", "words"),
    [
        (timedelta(seconds=20), "in under a minute"),
        (timedelta(minutes=12, seconds=59), "in 12 min"),
        (timedelta(hours=5), "in 5 h"),
        (timedelta(hours=5, minutes=20, seconds=30), "in 5 h 20 min"),
        (timedelta(hours=23, minutes=59, seconds=59), "in 23 h 59 min"),
        (timedelta(days=1), "in 1 day"),
        (timedelta(days=2, hours=3, minutes=59), "in 2 days 3 h"),
        (timedelta(days=6, hours=23), "in 6 days 23 h"),
        (timedelta(days=12, hours=23), "in 12 days"),
    ],
)
def test_the_time_left_is_counted_in_whole_units(ahead: timedelta, words: str) -> None:
    assert countdown(NOW + ahead, NOW) == words


@pytest.mark.parametrize(
    ("gone", "words"),
    [
        (timedelta(0), "just now"),
        (timedelta(seconds=59), "just now"),
        (timedelta(minutes=3), "3 min ago"),
        (timedelta(hours=3, minutes=1), "3 h 1 min ago"),
        (timedelta(days=2, hours=5), "2 days 5 h ago"),
    ],
)
def test_a_moment_gone_is_counted_back(gone: timedelta, words: str) -> None:
    assert countdown(NOW - gone, NOW) == words


@given(
    offset=st.integers(min_value=-30 * 86_400, max_value=30 * 86_400),
    share=st.floats(min_value=0, max_value=0.999),
)
def test_the_words_stay_the_same_until_the_wait_is_over(offset: int, share: float) -> None:
    at = NOW + timedelta(seconds=offset)
    wait = countdown_changes_in(at, NOW)
    assert timedelta(0) <= wait <= timedelta(minutes=1)
    assert countdown(at, NOW + wait * share) == countdown(at, NOW)


def test_the_words_change_once_the_wait_is_over() -> None:
    at = NOW + timedelta(hours=5, minutes=20, seconds=30)
    wait = countdown_changes_in(at, NOW)
    assert wait == timedelta(seconds=30)
    assert countdown(at, NOW + wait + timedelta(milliseconds=1)) == "in 5 h 19 min"
    # On the minute exactly, the next instant already reads a minute less.
    on_the_minute = NOW + timedelta(hours=2)
    assert countdown_changes_in(on_the_minute, NOW) == timedelta(0)
    assert countdown(on_the_minute, NOW + timedelta(milliseconds=1)) == "in 1 h 59 min"
    # Counting back, a minute gone changes the words at once.
    gone = NOW - timedelta(minutes=3, seconds=15)
    assert countdown_changes_in(gone, NOW) == timedelta(seconds=45)
    assert countdown(gone, NOW + timedelta(seconds=45)) == "4 min ago"
