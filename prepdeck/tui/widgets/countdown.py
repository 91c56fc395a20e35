"""The answer timer: counts down a card's time budget and on past zero, or up when it has none."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Unpack

from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

if TYPE_CHECKING:
    from prepdeck.tui.options import WidgetOptions


Monotonic = Callable[[], float]
"""Seconds from an arbitrary start that never go backwards, like ``time.monotonic``."""


class Stopwatch:
    """Time spent on one card, which can be paused while another screen covers the card."""

    __slots__ = ("_banked", "_monotonic", "_started")

    def __init__(self, monotonic: Monotonic) -> None:
        self._monotonic = monotonic
        self._banked = 0.0
        self._started: float | None = monotonic()

    @property
    def running(self) -> bool:
        return self._started is not None

    @property
    def elapsed(self) -> float:
        """Seconds counted so far."""
        if self._started is None:
            return self._banked
        return self._banked + max(0.0, self._monotonic() - self._started)

    def restart(self) -> None:
        self._banked = 0.0
        self._started = self._monotonic()

    def pause(self) -> None:
        if self._started is not None:
            self._banked = self.elapsed
            self._started = None

    def resume(self) -> None:
        if self._started is None:
            self._started = self._monotonic()


def format_clock(seconds: int) -> str:
    """``0:07``, ``2:00``, ``1:02:03``; negative values get a leading minus."""
    sign = "-" if seconds < 0 else ""
    minutes, secs = divmod(abs(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    if hours:
        return f"{sign}{hours}:{minutes:02d}:{secs:02d}"
    return f"{sign}{minutes}:{secs:02d}"


class Countdown(Static):
    """Shows what is left of ``budget`` seconds, then the overtime as ``-0:12``.

    Without a budget it shows the time spent so far. Whole seconds are counted from the
    start, so the display changes exactly once a second whatever the refresh rate.
    """

    budget: reactive[int | None] = reactive(None, init=False)
    """The card's time budget in seconds, or None to only count up."""

    stopped: reactive[bool] = reactive(False, init=False)
    """True once the answer is shown: the time on screen is then the answering time."""

    _frozen_at: float | None = None
    _shown = ""

    def __init__(self, stopwatch: Stopwatch, **options: Unpack[WidgetOptions]) -> None:
        super().__init__(markup=False, **options)
        self._stopwatch = stopwatch

    def on_mount(self) -> None:
        # Twice a second, so a second boundary is never shown more than half a second late.
        self.set_interval(0.5, self.tick)
        self.tick()

    def watch_budget(self) -> None:
        self.tick()

    def watch_stopped(self, stopped: bool) -> None:
        self._frozen_at = self._stopwatch.elapsed if stopped else None
        self._dim(stopped)
        self.tick()

    def start(self, budget: int | None) -> None:
        """Count for a new card from zero."""
        self._frozen_at = None
        self.set_reactive(Countdown.stopped, False)
        self._dim(False)
        self.budget = budget
        self.tick()

    def _dim(self, stopped: bool) -> None:
        # A stopped clock is dim. The class only marks the state: a class that styles
        # sends the widget through the whole stylesheet again, twice per card (on reveal
        # and on the next card), while a style of its own only repaints it.
        self.set_class(stopped, "-stopped", update=False)
        self.styles.text_style = "dim" if stopped else None

    def tick(self) -> None:
        """Read the stopwatch and show the time; called by the interval and by tests."""
        elapsed = self._frozen_at if self._frozen_at is not None else self._stopwatch.elapsed
        spent = int(elapsed)
        budget = self.budget
        if budget is None:
            shown = format_clock(spent)
            overtime = False
        else:
            left = budget - spent
            overtime = left < 0
            shown = f"{format_clock(left)} / {format_clock(budget)}"
        self.set_class(overtime, "-overtime")
        self.set_class(budget is None, "-open")
        if shown != self._shown:
            # Its width is its text's: the screen is laid out again only when that changes.
            self.update(Content(shown), layout=len(shown) != len(self._shown))
            self._shown = shown
