"""The home's line about the next interview: its name, when, how long until, how ready.

The line says as much as its width holds, dropping the date first, then the words
before the name; the countdown keeps itself current by redrawing when its words change.
On the interview's own day a second line says so, and which key opens its checklist.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Unpack

from rich.cells import cell_len
from textual import events
from textual.content import Content
from textual.timer import Timer
from textual.widget import Widget

from prepdeck.clock import Clock
from prepdeck.domain.countdown import countdown, countdown_changes_in
from prepdeck.tui.interview_text import percent, when, when_this_week
from prepdeck.tui.widgets.one_line import fitted

if TYPE_CHECKING:
    from prepdeck.prep.interviews import Interview
    from prepdeck.tui.options import WidgetOptions

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
        self,
        clock: Clock,
        *,
        action: str | None = None,
        is_today: Callable[[Interview], bool] | None = None,
        day_of_key: str = "",
        **options: Unpack[WidgetOptions],
    ) -> None:
        super().__init__(**options)
        self.clock = clock
        self.action = action
        self.is_today = is_today
        """Whether an interview is on today's app day: the home's rule, with its settings."""
        self.day_of_key = day_of_key
        """The key that opens the checklist of today's interview, as the home shows it."""
        self._timer: Timer | None = None
        # Not mounted yet: styled as it mounts, not sent through the stylesheet now.
        self.add_class("-none", update=False)

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
        # The line about the interview's day comes and goes: the height may change.
        self.refresh(layout=True)
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

    @property
    def today(self) -> bool:
        """Whether the interview shown is today's, with a key to open its checklist."""
        interview = self.interview
        return (
            interview is not None
            and bool(self.day_of_key)
            and self.is_today is not None
            and self.is_today(interview)
        )

    def render(self) -> Content:
        width = self.content_size.width or 80
        line = fitted(list(self._variants()), width)
        if not self.today:
            return line
        return Content.assemble(line, "\n", fitted(list(self._today_variants()), width))

    def _today_variants(self) -> Iterator[Content]:
        key = (self.day_of_key, "bold")
        yield Content.assemble(
            ("It is today. ", "bold"),
            key,
            " opens its checklist: your pitch, their needs, what could go wrong, questions.",
        )
        yield Content.assemble(("It is today. ", "bold"), key, " opens its checklist.")
        yield Content.assemble(("Today: ", "bold"), key, " opens its checklist.")

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
