"""The home's reminders of follow-ups due after an interview: a thank-you note, a check-in.

One line each, the earliest due first, a few at most; the first says which key marks it
done. Hidden (``-none``) while none is due.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Unpack

from textual.content import Content
from textual.widget import Widget

from prepdeck.domain.plural import plural
from prepdeck.prep.debrief import FollowUp, FollowUpKind

if TYPE_CHECKING:
    from prepdeck.tui.options import WidgetOptions

SHOWN = 3
"""Reminders shown at most; more would push the decks off a small terminal."""


def follow_up_text(follow_up: FollowUp) -> str:
    """What to do, in words."""
    if follow_up.kind is FollowUpKind.THANK_YOU:
        return f"Send {follow_up.interview} a thank-you note today"
    return f"Check in with {follow_up.interview}: a week since the interview"


def done_text(follow_up: FollowUp) -> str:
    """What dismissing it means, in words."""
    if follow_up.kind is FollowUpKind.THANK_YOU:
        return f"Thank-you note to {follow_up.interview}: done, no more reminders."
    return f"Check-in with {follow_up.interview}: done, no more reminders."


class FollowUps(Widget):
    """The follow-ups due, as ``show`` was last given them."""

    follow_ups: tuple[FollowUp, ...] = ()
    key = ""
    """The key that dismisses the first one, as the screen shows it."""

    def __init__(self, **options: Unpack[WidgetOptions]) -> None:
        super().__init__(**options)
        self.add_class("-none", update=False)  # styled as it mounts

    @property
    def first(self) -> FollowUp | None:
        return self.follow_ups[0] if self.follow_ups else None

    def show(self, follow_ups: Sequence[FollowUp], key: str) -> None:
        self.follow_ups = tuple(follow_ups)
        self.key = key
        self.set_class(not self.follow_ups, "-none")
        self.refresh(layout=True)

    def lines(self) -> list[str]:
        """The lines as drawn, before any is cut to the width."""
        shown = self.follow_ups[:SHOWN]
        lines = [follow_up_text(one) for one in shown]
        if lines and self.key:
            lines[0] += f" · {self.key} done"
        hidden = len(self.follow_ups) - len(shown)
        if hidden:
            lines.append(f"and {plural(hidden, 'more follow-up')} after these")
        return lines

    def render(self) -> Content:
        return Content("\n".join(self.lines()))
