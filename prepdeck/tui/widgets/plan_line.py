"""The home's line about the plan to the next interview: that the drill follows it, and
what it asks of today."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING, Unpack

from textual.content import Content
from textual.widget import Widget

from prepdeck.domain.plural import plural
from prepdeck.tui.interview_text import percent
from prepdeck.tui.widgets.one_line import fitted

if TYPE_CHECKING:
    from prepdeck.prep.planning import InterviewPlan
    from prepdeck.tui.options import WidgetOptions

_SEPARATOR = " · "


class PlanLine(Widget):
    """One line, hidden (``-none``) while there is no plan to show."""

    plan: InterviewPlan | None = None

    def __init__(self, **options: Unpack[WidgetOptions]) -> None:
        super().__init__(**options)
        self.add_class("-none", update=False)  # styled as it mounts

    def show(self, plan: InterviewPlan | None) -> None:
        self.plan = plan
        self.set_class(plan is None, "-none")
        self.refresh()

    def text(self) -> str:
        """The line as drawn at the widget's width."""
        return self.render().plain

    def render(self) -> Content:
        return fitted(list(self._variants()), self.content_size.width or 80)

    def _variants(self) -> Iterator[Content]:
        plan = self.plan
        if plan is None:
            return
        laid = plan.plan
        if plan.today:
            today = f"{plural(plan.cards_today, 'card')} today, {plan.minutes_today:g} min"
        else:
            later = next((day for day in laid.days[1:] if day.cards), None)
            if later is None:
                today = f"nothing to review before it in {laid.minutes_per_day} min a day"
            else:
                day = date.fromisoformat(later.date)
                today = f"nothing left today; next {plural(len(later.cards), 'card')} {day:%a}"
        gain = (
            f"recall at it {percent(laid.expected_recall_with_plan)} "
            f"(ordinary drill {percent(laid.expected_recall_without_plan)})"
        )
        lead = "Drill follows the plan to "
        name = (plan.interview, "bold")
        yield Content.assemble(lead, name, ": ", today, _SEPARATOR, gain)
        yield Content.assemble(lead, name, ": ", today)
        yield Content.assemble("Drill follows the plan: ", today)
        yield Content.assemble("Plan: ", today)
