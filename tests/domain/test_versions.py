from __future__ import annotations

import pytest

from prepdeck.domain.versions import is_older_version


@pytest.mark.parametrize(
    ("candidate", "current"),
    [
        ("1.0.0", "1.0.1"),
        ("1.9.0", "1.10.0"),  # numbers, not text: 9 comes before 10
        ("0.9.9", "1.0.0"),
        ("2.3.4", "10.0.0"),
    ],
)
def test_an_earlier_version_is_older(candidate: str, current: str) -> None:
    assert is_older_version(candidate, current)
    assert not is_older_version(current, candidate)


def test_the_same_version_is_not_older() -> None:
    assert not is_older_version("1.2.3", "1.2.3")


def test_a_missing_version_is_older_than_any_other() -> None:
    assert is_older_version(None, "0.0.1")
    assert not is_older_version("0.0.1", None)
    assert not is_older_version(None, None)


@pytest.mark.parametrize("unreadable", ["banana", "1.2.3.x", "", "v1..2"])
def test_an_unreadable_version_counts_as_a_missing_one(unreadable: str) -> None:
    assert is_older_version(unreadable, "0.0.1")
    assert not is_older_version("0.0.1", unreadable)
    assert not is_older_version(unreadable, None)
    assert not is_older_version(None, unreadable)
    assert not is_older_version(unreadable, "banana")
