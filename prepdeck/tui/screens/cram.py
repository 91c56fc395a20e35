"""The cram: the drill screen, with what the cram is for, whether grades are applied, and
an optional session clock above the card."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, ClassVar, Unpack

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Static

from prepdeck.clock import Clock
from prepdeck.domain.countdown import countdown
from prepdeck.domain.plural import plural
from prepdeck.tui.keys import Keyed, screen_bindings
from prepdeck.tui.screens.drill import DrillScreen
from prepdeck.tui.screens.summary import SummaryScreen
from prepdeck.tui.widgets.countdown import Monotonic, Stopwatch, format_clock

if TYPE_CHECKING:
    from prepdeck.study.cram import CramSession
    from prepdeck.tui.options import NodeOptions


def describe_moment(session: CramSession, now: datetime) -> str:
    """``Acme · Thu 14:00`` (the date too when it is a week or more away, or past), or
    the moment alone when the cram is for no interview."""
    target = session.target
    at = target.at.astimezone()
    close = timedelta(0) <= target.at - now < timedelta(days=6)
    when = f"{at:%a %H:%M}" if close else f"{at:%a %d %b %H:%M}"
    return f"{target.interview} · {when}" if target.interview else when


class CramScreen(DrillScreen):
    """The drill's keys on a cram's cards, plus a key that applies grades or keeps the
    schedule. With ``minutes`` a session clock counts down; when it runs out the session
    ends, once the card on screen is graded if its answer is already shown."""

    BINDINGS: ClassVar[list[BindingType]] = screen_bindings(
        "cram",
        Keyed(
            "reschedule",
            "toggle_reschedule",
            "Reschedule",
            tooltip="Apply grades to the schedule, or keep the schedule as it is",
        ),
    )
    HELP_TITLE: ClassVar[str] = "Cram"
    HELP_SECTIONS: ClassVar[tuple[tuple[str, tuple[str, ...]], ...]] = (
        *DrillScreen.HELP_SECTIONS,
        ("Cram", ("reschedule",)),
    )

    def __init__(
        self,
        session: CramSession,
        *,
        clock: Clock,
        monotonic: Monotonic,
        minutes: int | None = None,
        **options: Unpack[NodeOptions],
    ) -> None:
        super().__init__(session, clock=clock, monotonic=monotonic, **options)
        self.cram = session
        self.minutes = minutes
        self.session_clock = Stopwatch(monotonic)
        self.time_up = False
        """True once the session clock has run out."""
        self._ended_by_clock = False

    def compose(self) -> ComposeResult:
        with Horizontal(id="cram-bar"):
            yield Static("", id="cram-for", markup=False)
            yield Static("", id="cram-mode", markup=False)
            yield Static("", id="cram-clock", markup=False)
        yield from super().compose()

    async def on_mount(self) -> None:
        self.session_clock.restart()
        self._show_mode()
        self.query_one("#cram-for", Static).update(
            Content(f"Cram for {describe_moment(self.cram, self._clock.now())}")
        )
        self.query_one("#cram-clock", Static).display = self.minutes is not None
        if self.minutes is not None:
            self.set_interval(0.5, self.tick_clock)
            self.tick_clock()
        await super().on_mount()

    # -- the mode --------------------------------------------------------------------------

    def _show_mode(self) -> None:
        key = self._key("reschedule")
        text = "grades applied" if self.cram.reschedule else "schedule kept"
        self.query_one("#cram-mode", Static).update(
            Content.assemble(text, " (", (key, "bold"), ")")
        )

    def action_toggle_reschedule(self) -> None:
        self.cram.reschedule = not self.cram.reschedule
        self._show_mode()
        if self.revealed:
            self.grade_bar.set_intervals(self.cram.reveal())
        self.notify(
            "Grades now change the schedule, as in a drill."
            if self.cram.reschedule
            else "Grades now leave the schedule as it is.",
            timeout=3,
            markup=False,
        )

    # -- the session clock -----------------------------------------------------------------

    def tick_clock(self) -> None:
        """Show the time left; once it runs out, end the session. Called by an interval
        and by tests."""
        if self.minutes is None:
            return
        left = self.minutes * 60 - int(self.session_clock.elapsed)
        if left > 0:
            self._show_clock(f"{format_clock(left)} left")
            return
        self._show_clock("time is up")
        if self.time_up:
            return
        self.time_up = True
        # An answer already shown is graded first: the grade is a key away.
        if not self.revealed:
            self._end_by_clock()

    def _show_clock(self, text: str) -> None:
        # Ticking twice a second, the clock is set only when its text changes, and the bar
        # laid out again only when its width does: a frame drawn just before a key holds
        # that key's frame back to the next one of the frame rate.
        shown = self.query_one("#cram-clock", Static)
        was = shown.content
        if not isinstance(was, Content) or was.plain != text:
            shown.update(
                Content(text), layout=not isinstance(was, Content) or len(was.plain) != len(text)
            )

    def _end_by_clock(self) -> None:
        self._ended_by_clock = True
        self._open_summary()

    async def _show_current(self, draft_text: str | None = None) -> None:
        if self.time_up and not self._ended_by_clock and self.session.current is not None:
            self._end_by_clock()
            return
        await super()._show_current(draft_text)

    def _summary_screen(self) -> SummaryScreen:
        return CramSummaryScreen(
            self.cram,
            left=self._cards_left(),
            finished=self.session.current is None,
            clock=self._clock,
            can_undo=self.session.can_undo,
            time_up=self._ended_by_clock,
        )


class CramSummaryScreen(SummaryScreen):
    """What a cram did, with readiness at its moment before and after it."""

    def __init__(
        self,
        session: CramSession,
        *,
        left: int,
        finished: bool,
        clock: Clock,
        can_undo: bool = True,
        time_up: bool = False,
        **options: Unpack[NodeOptions],
    ) -> None:
        self.cram_totals = session.summary()
        super().__init__(
            self.cram_totals,
            left=left,
            finished=finished,
            clock=clock,
            can_undo=can_undo,
            **options,
        )
        self.session = session
        self.time_up = time_up

    def _title(self) -> str:
        if self.time_up:
            return "Time is up"
        if not self.finished:
            return "Cram ended"
        if self.totals.done == 0:
            return "Nothing to cram"
        return "Cram complete"

    def _rows(self) -> list[tuple[str, str]]:
        totals = self.cram_totals
        rows = self._work_rows()
        change = totals.readiness
        now = self._clock.now()
        if change is not None:
            rows.append(
                (
                    "Ready",
                    f"{change.before:.1%} → {change.after:.1%} at "
                    f"{describe_moment(self.session, now)} ({countdown(change.at, now)}), "
                    f"over {plural(change.cards, 'card')}",
                )
            )
        kept = totals.done - totals.applied
        if totals.applied == 0:
            schedule = "unchanged: cram reviews are logged, not applied"
        elif kept == 0:
            schedule = f"{plural(totals.applied, 'grade')} applied, as in a drill"
        else:
            schedule = f"{totals.applied} of {plural(totals.done, 'grade')} applied"
        rows.append(("Schedule", schedule))
        if self.left:
            rows.append(("Left", f"{plural(self.left, 'weak card')} not reached"))
        elif self.finished and totals.done == 0:
            rows.append(("Left", "every card is at the desired recall by then"))
        return rows
