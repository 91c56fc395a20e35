"""The four grades, each with its key and the wait it gives; the suggested one stands out."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Unpack

from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Static

from prepdeck.srs.state import Rating

if TYPE_CHECKING:
    from prepdeck.tui.options import WidgetOptions

GRADE_NAMES: dict[Rating, str] = {
    Rating.AGAIN: "Again",
    Rating.HARD: "Hard",
    Rating.GOOD: "Good",
    Rating.EASY: "Easy",
}


class GradeChoice(Static):
    """One grade; ``-suggested`` marks the one the ticked points suggest."""

    _shown: Content | None = None

    def __init__(self, rating: Rating, **options: Unpack[WidgetOptions]) -> None:
        super().__init__(markup=False, **options)
        self.rating = rating

    def show(self, key: str, interval: str | None, suggested: bool) -> None:
        self.set_class(suggested, "-suggested")
        parts: list[str | tuple[str, str]] = [(key, "bold"), " ", GRADE_NAMES[self.rating]]
        if interval:
            parts += [" ", (interval, "italic")]
        # A marker besides the colour, so the suggestion is visible without colours too.
        if suggested:
            parts.append(" *")
        shown = Content.assemble(*parts)
        if shown != self._shown:
            # A fixed share of one line: a new label never changes the layout.
            self.update(shown, layout=False)
            self._shown = shown

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.post_message(GradeBar.Chosen(self.rating))


class GradeBar(Horizontal):
    """Grades 1-4 labelled with their intervals, plus the key that accepts the suggestion."""

    class Chosen(Message):
        """A grade was clicked."""

        def __init__(self, rating: Rating) -> None:
            super().__init__()
            self.rating = rating

    suggested: reactive[Rating | None] = reactive(None, init=False)
    """The grade the ticked points suggest, or None."""

    # Replaced, never changed in place: a read-only mapping can be shared by every bar.
    _intervals: Mapping[Rating, str] = MappingProxyType({})
    _keys: Mapping[Rating, str] = MappingProxyType({rating: str(int(rating)) for rating in Rating})
    _accept_key = "enter"

    def compose(self) -> ComposeResult:
        for rating in Rating:
            yield GradeChoice(rating, classes=f"grade -{GRADE_NAMES[rating].lower()}")
        yield Static("", classes="grade-accept", markup=False)

    def on_mount(self) -> None:
        self._show()

    def set_intervals(self, intervals: Mapping[Rating, str]) -> None:
        self._intervals = dict(intervals)
        self._show()

    def reset(self, keys: Mapping[Rating, str], accept: str) -> None:
        """A new card: its keys, no intervals yet, nothing suggested.

        A hidden bar keeps its labels until it is shown with the card's intervals
        (``set_intervals``): each label is then set once per card, and only when its text
        changes, rather than cleared for a card whose answer is not out yet.
        """
        self._keys = dict(keys)
        self._accept_key = accept
        self._intervals = MappingProxyType({})
        self.set_reactive(GradeBar.suggested, None)
        if self.visible:
            self._show()

    def watch_suggested(self) -> None:
        self._show()

    def _show(self) -> None:
        if not self.is_mounted:
            return
        for choice in self.query_children(GradeChoice):
            choice.show(
                self._keys.get(choice.rating, ""),
                self._intervals.get(choice.rating),
                choice.rating == self.suggested,
            )
        accept = self.query_children(".grade-accept").first(Static)
        suggested = self.suggested
        shown = (
            Content("")
            if suggested is None
            else Content.assemble((self._accept_key, "bold"), f" {GRADE_NAMES[suggested]}")
        )
        if shown != accept.content:
            accept.update(shown)
