"""Pictures of the drill and summary at 80x24, reviewed by eye; time stands still in them.

Update after a deliberate change with ``pytest tests/tui --snapshot-update`` and look at
the new pictures before committing them.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator

import pytest

from prepdeck.config import Config
from tests.tui.conftest import Build

SnapCompare = Callable[..., bool]


@pytest.fixture(autouse=True)
def utc_and_colour(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    # Local times on the summary must not depend on where the tests run, and the pictures
    # are worth more with the theme's colours in them.
    monkeypatch.setenv("TZ", "UTC")
    monkeypatch.delenv("NO_COLOR", raising=False)
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_drill_before_reveal(build: Build, snap_compare: SnapCompare) -> None:
    """The first card: deck, progress and a full timer on top, the QUESTION badge and its
    hint, the prompt, the reveal hint, an empty draft box and the footer keys."""
    app, _, _ = build()
    assert snap_compare(app, terminal_size=(80, 24))


def test_drill_after_reveal_with_a_point_ticked(build: Build, snap_compare: SnapCompare) -> None:
    """After space and `a`: answer, the first of three points ticked, the follow-up, and
    the grade bar with intervals where Hard is marked as the suggestion enter accepts."""
    app, _, _ = build()
    assert snap_compare(app, press=["space", "a"], terminal_size=(80, 24))


def test_drill_after_reveal_in_the_light_theme(build: Build, snap_compare: SnapCompare) -> None:
    """The same revealed card in textual-light: every part still readable."""
    app, _, _ = build(config=Config(theme="textual-light"))
    assert snap_compare(app, press=["space", "a"], terminal_size=(80, 24))


def test_summary_after_one_grade(build: Build, snap_compare: SnapCompare) -> None:
    """After grading the first card Good and pressing q: one card done, 0:00 spent, the
    grade split, next due in 2d on Fri 27 Nov 10:00 UTC, and two cards still due."""
    app, _, _ = build()
    assert snap_compare(app, press=["space", "3", "q"], terminal_size=(80, 24))
