"""After a break: how many cards are overdue and which day of the coming ones takes them.

Dismissed with True when the user wants to start on today's share at once.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import DataTable, Static

from prepdeck.errors import PrepdeckError
from prepdeck.study.catch_up import CatchUpPlan
from prepdeck.tui.keys import Keyed, screen_bindings
from prepdeck.tui.screens.base import ServicesScreen
from prepdeck.tui.widgets.footer import KeyFooter


def day_label(day: date, today: date) -> str:
    if day == today:
        return f"Today ({day:%a %d %b})"
    if day == today + timedelta(days=1):
        return f"Tomorrow ({day:%a %d %b})"
    return f"{day:%a %d %b}"


def percent(share: float) -> str:
    return f"{round(share * 100)}%"


def recall_range(lowest: float, highest: float) -> str:
    low, high = percent(lowest), percent(highest)
    return low if low == high else f"{low} – {high}"


def _cards(count: int) -> str:
    return f"{count} card" if count == 1 else f"{count} cards"


def describe_plan(plan: CatchUpPlan) -> list[str]:
    """The sentences above the table of days."""
    if plan.overdue == 0:
        lines = ["No card is overdue: there is nothing to catch up."]
    elif not plan.behind:
        lines = [
            f"{_cards(plan.overdue)} due for review; today's drill takes them all "
            f"({plan.left_today} of your {plan.cap} reviews a day are left today)."
        ]
    else:
        days = len(plan.days)
        span = "1 day" if days == 1 else f"{days} days"
        lines = [
            f"{_cards(plan.overdue)} are overdue: more than today's drill takes.",
            f"At your cap of {plan.cap} reviews a day ({plan.left_today} left today) "
            f"they take {span}, the weakest first:",
        ]
    return lines


def describe_notes(plan: CatchUpPlan) -> list[str]:
    """What the table leaves out or what holds the backlog back."""
    notes: list[str] = []
    if plan.unplanned:
        notes.append(
            f"{_cards(plan.unplanned)} fit no day within a year at these limits: "
            "raise reviews_per_day in config.toml, or a deck's own limit."
        )
    if plan.deck_limited:
        notes.append("Held back by their own lower limit: " + ", ".join(plan.deck_limited) + ".")
    if plan.learning:
        notes.append(f"Besides these, {_cards(plan.learning)} in learning steps, never capped.")
    if plan.behind:
        notes.append("Cards that fall due meanwhile join the queue too.")
    return notes


class CatchUpScreen(ServicesScreen[bool]):
    """The catch-up plan of a home, read when the screen opens."""

    BINDINGS: ClassVar[list[BindingType]] = screen_bindings(
        "catch-up screen",
        Keyed(
            "catch-up-drill",
            "drill",
            "Drill today's share",
            tooltip="Start the drill on today's share, weakest first",
        ),
        Keyed("back", "back", "Back", tooltip="Back to the home"),
    )
    HELP_TITLE: ClassVar[str] = "Catch-up"

    plan: CatchUpPlan | None = None

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="catch-up"):
            yield Static("", id="catch-up-about", markup=False)
            days: DataTable[Text] = DataTable(id="catch-up-days", show_cursor=False)
            # The screen's enter starts the drill; the table is only read.
            days.can_focus = False
            yield days
            yield Static("", id="catch-up-notes", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#catch-up", VerticalScroll).border_title = "Catch-up"
        try:
            self.plan = self.services.catch_up_plan()
        except PrepdeckError as error:
            self.query_one("#catch-up-about", Static).update(Content(f"Cannot plan: {error}"))
            return
        self._show(self.plan)
        self.refresh_bindings()

    def _show(self, plan: CatchUpPlan) -> None:
        self.query_one("#catch-up-about", Static).update(Content("\n".join(describe_plan(plan))))
        table: DataTable[Text] = self.query_one("#catch-up-days", DataTable)
        table.display = plan.behind and bool(plan.days)
        table.add_column(Text("Day"), key="day")
        table.add_column(Text("Cards", justify="right"), key="cards")
        table.add_column(Text("Chance of recall now"), key="recall")
        for day in plan.days:
            table.add_row(
                Text(day_label(day.day, plan.today)),
                Text(str(day.cards), justify="right"),
                Text(recall_range(day.lowest_recall, day.highest_recall)),
            )
        self.query_one("#catch-up-notes", Static).update(Content("\n".join(describe_notes(plan))))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "drill":
            return self.plan is not None and self.plan.overdue > 0
        return True

    def action_drill(self) -> None:
        plan = self.plan
        if plan is not None and plan.today_share == 0:
            # The drill would hold only new cards: not what this key promises.
            starts = (
                f" The overdue cards start on {plan.days[0].day:%a %d %b}." if plan.days else ""
            )
            self.notify(
                f"No reviews left today: your limits are used up.{starts}",
                title="Nothing to catch up on today",
                timeout=6,
                markup=False,
            )
            return
        self.dismiss(True)

    def action_back(self) -> None:
        self.dismiss(False)
