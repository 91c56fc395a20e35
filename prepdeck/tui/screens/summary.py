"""What a drill session did: cards done, time spent, the grades given and when the next is due."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, ClassVar, Literal, Unpack

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from prepdeck.clock import Clock
from prepdeck.domain.plural import plural
from prepdeck.srs.intervals import wait_until
from prepdeck.srs.state import Rating
from prepdeck.tui.keys import Keyed, bindings_of, key_display, keys_in_force, screen_bindings
from prepdeck.tui.protocols import SessionTotals
from prepdeck.tui.widgets.countdown import format_clock
from prepdeck.tui.widgets.footer import KeyFooter
from prepdeck.tui.widgets.grade_bar import GRADE_NAMES

if TYPE_CHECKING:
    from prepdeck.tui.options import NodeOptions

SummaryChoice = Literal["close", "undo"]


def describe_next_due(next_due: datetime | None, now: datetime, *, due_now: int = 0) -> str:
    """``now (3 cards due)`` while ``due_now`` cards are due; else ``in 10m (Thu 26 Nov
    14:32)`` in local time, or a note that nothing is scheduled."""
    if due_now > 0:
        return f"now ({plural(due_now, 'card')} due)"
    if next_due is None:
        return "nothing scheduled"
    if next_due <= now:
        return "now"
    return f"{wait_until(next_due, now)} ({next_due.astimezone():%a %d %b %H:%M})"


def describe_grades(grades: dict[Rating, int]) -> str:
    return " · ".join(f"{GRADE_NAMES[rating]} {grades.get(rating, 0)}" for rating in Rating)


class SummaryScreen(Screen[SummaryChoice]):
    """Shown when the queue runs out or the user ends the drill; dismissed with a choice.

    ``left`` counts the cards still waiting, the one on screen included; ``finished`` says
    the session has no card to show now (cards may still come back later today).
    """

    BINDINGS: ClassVar[list[BindingType]] = screen_bindings(
        "summary",
        Keyed("undo", "choose('undo')", "Undo", tooltip="Take back the last step"),
        Keyed("back", "choose('close')", "Close", tooltip="Leave the drill"),
        Keyed("summary-close", "choose('close')", "Close", show=False, tooltip="Leave the drill"),
    )

    def __init__(
        self,
        totals: SessionTotals,
        *,
        left: int,
        finished: bool,
        clock: Clock,
        can_undo: bool = True,
        plan_note: str = "",
        **options: Unpack[NodeOptions],
    ) -> None:
        super().__init__(**options)
        self.plan_note = plan_note
        """What is left of the plan to an interview, when the drill followed one."""
        self.totals = totals
        self.left = left
        self.finished = finished
        self.can_undo = can_undo
        """Whether the session has a step to take back; undo is offered only then."""
        self._clock = clock

    def _title(self) -> str:
        if not self.finished:
            return "Session ended"
        if self.totals.done == 0:
            return "Nothing to drill right now"
        return "Session complete"

    def _work_rows(self) -> list[tuple[str, str]]:
        """What the session did: cards, time, grades."""
        totals = self.totals
        return [
            ("Cards done", str(totals.done)),
            ("Time", format_clock(round(totals.seconds))),
            ("Grades", describe_grades(totals.grades)),
        ]

    def _rows(self) -> list[tuple[str, str]]:
        totals = self.totals
        rows = [
            *self._work_rows(),
            (
                "Next due",
                describe_next_due(totals.next_due, self._clock.now(), due_now=totals.due_now),
            ),
        ]
        # "Due" is kept for reviewed cards whose time has come, as on the home; this count
        # holds new cards too.
        if self.plan_note:
            rows.append(("Plan", self.plan_note))
        if self.left and not self.finished:
            rows.append(("Left today", f"{self.left} left in today's queue"))
        elif self.left:
            rows.append(("Left today", f"{self.left} coming back later today"))
        return rows

    def compose(self) -> ComposeResult:
        with Vertical(id="summary"):
            yield Static(Content(self._title()), id="summary-title")
            for label, value in self._rows():
                with Horizontal(classes="summary-row"):
                    yield Static(Content(label), classes="summary-label")
                    yield Static(Content(value), classes="summary-value")
            yield Static(self._hint(), id="summary-hint")
        yield KeyFooter(show_command_palette=False)

    def _hint(self) -> Content:
        keymap = keys_in_force(self.app)
        keys = {
            binding.id: key_display(self.app, binding, keymap)
            for binding in bindings_of(self.BINDINGS)
            if binding.id
        }
        if not self.can_undo:
            return Content.assemble((keys["back"], "bold"), " close")
        return Content.assemble(
            (keys["back"], "bold"), " close   ", (keys["undo"], "bold"), " undo the last step"
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "choose" and parameters == ("undo",):
            return self.can_undo
        return True

    def action_choose(self, choice: SummaryChoice) -> None:
        self.dismiss(choice)
