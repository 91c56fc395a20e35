"""The home's line about the next interview: its name, when, how long until, how ready.

The line says as much as its width holds, dropping the date first, then the words
before the name; the countdown keeps itself current by redrawing when its words change.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Unpack

from rich.cells import cell_len
from textual import events
from textual.content import Content
from textual.timer import Timer
from textual.widget import Widget

from prepdeck.clock import Clock
from prepdeck.domain.countdown import countdown, countdown_changes_in
from prepdeck.tui.interview_text import percent, when, when_this_week
from prepdeck.tui.options import WidgetOptions

if TYPE_CHECKING:
    from prepdeck.prep.interviews import Interview

_SEPARATOR = " · "
_REDRAW_MARGIN = 1.0
"""Seconds after the countdown's words change that the line is drawn again."""


class NextInterview(Widget):
    """One line, empty and hidden (``-none``) while no interview is to come. A click runs
    ``action`` on the screen."""

    interview: Interview | None = None
    ready: float | None = None
    """Its readiness; None while it is being measured or could not be."""
    measuring = False

    def __init__(
        self, clock: Clock, *, action: str | None = None, **options: Unpack[WidgetOptions]
    ) -> None:
        super().__init__(**options)
        self.clock = clock
        self.action = action
        self._timer: Timer | None = None
        self.add_class("-none")

    def show(
        self, interview: Interview | None, *, ready: float | None = None, measuring: bool = False
    ) -> None:
        """Show ``interview`` (None: nothing to come) with its readiness, or that it is
        being measured."""
        self.interview = interview
        self.ready = ready
        self.measuring = measuring
        self.set_class(interview is None, "-none")
        self.tick()

    def tick(self) -> None:
        """Draw the line as it reads now, and again when its countdown next changes."""
        self.refresh()
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        interview = self.interview
        if interview is not None and self.is_mounted:
            wait = countdown_changes_in(interview.at, self.clock.now()).total_seconds()
            self._timer = self.set_timer(wait + _REDRAW_MARGIN, self.tick)

    def on_mount(self) -> None:
        self.tick()

    def text(self) -> str:
        """The line as drawn at the widget's width."""
        return self.render().plain

    def render(self) -> Content:
        width = self.content_size.width or 80
        variants = list(self._variants())
        for variant in variants:
            if variant.cell_length <= width:
                return variant
        return variants[-1].truncate(width, ellipsis=True) if variants else Content("")

    def _variants(self) -> Iterator[Content]:
        interview = self.interview
        if interview is None:
            return
        now = self.clock.now()
        left = countdown(interview.at, now)
        if self.ready is not None:
            ready = f"ready {percent(self.ready)}"
        else:
            ready = "ready …" if self.measuring else ""
        tail = [part for part in (left, ready) if part]
        name = (interview.name, "bold")
        lead = "Next interview: "
        for date in (when(interview.at), when_this_week(interview.at, now)):
            if date is not None:
                yield Content.assemble(lead, name, *_joined([date, *tail]))
        yield Content.assemble(lead, name, *_joined(tail))
        # The name takes what the rest leaves, down to a few letters.
        rest = cell_len(_SEPARATOR.join(["", *tail]))
        room = max(8, (self.content_size.width or 80) - rest)
        yield Content.assemble((_cut(interview.name, room), "bold"), *_joined(tail))

    async def on_click(self, event: events.Click) -> None:
        if self.action is not None:
            event.stop()
            await self.app.run_action(self.action, self.screen)


def _joined(parts: list[str]) -> list[str]:
    return [piece for part in parts for piece in (_SEPARATOR, part)]


def _cut(text: str, width: int) -> str:
    return Content(text).truncate(width, ellipsis=True).plain
