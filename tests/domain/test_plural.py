"""Counts said in good English: one helper for every message that counts things."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from prepdeck.domain.plural import plural


def test_one_is_singular() -> None:
    assert plural(1, "card") == "1 card"
    assert plural(1, "day") == "1 day"


@given(st.integers().filter(lambda count: count != 1))
def test_any_other_count_is_plural(count: int) -> None:
    assert plural(count, "review") == f"{count} reviews"


def test_an_irregular_plural_is_given_whole() -> None:
    assert plural(1, "match", "matches") == "1 match"
    assert plural(3, "match", "matches") == "3 matches"
