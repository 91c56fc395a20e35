"""The day-of checklist of one interview: the pitch, the needs and what to bridge them to,
what to do if something goes wrong, and the questions to ask them, each item ticked
once it is ready.

The ticks live in a set the app keeps per interview for as long as it runs (see
``PrepdeckApp.day_of_ticks``): leaving the checklist and opening it again, from the home
or the interviews screen, shows them as they were; they are not written anywhere.
"""

from __future__ import annotations

from collections.abc import Iterator, MutableSet
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import HorizontalGroup, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from prepdeck.domain.countdown import countdown
from prepdeck.domain.keymap import SCREEN_KEYS
from prepdeck.prep.day_of import (
    CONTINGENCIES_TITLE,
    NEEDS_TITLE,
    NO_NEEDS,
    NO_PITCH,
    NO_QUESTIONS,
    PITCH_TITLE,
    QUESTIONS_TITLE,
    UNWRITTEN_PITCH,
    WRITE_PITCH_IN_APP,
    ChecklistCard,
    Contingency,
    DayOfChecklist,
    Need,
)
from prepdeck.services import Services
from prepdeck.tui.interview_text import when_in_full
from prepdeck.tui.keys import Keyed, keys_in_force, screen_bindings
from prepdeck.tui.screens.base import ServicesScreen
from prepdeck.tui.widgets.checklist_item import ChecklistItem
from prepdeck.tui.widgets.footer import KeyFooter


class ChecklistScroll(VerticalScroll, inherit_bindings=False, can_focus=False):
    """The checklist's scrolling part. The arrows move between items (the screen's
    keys), so only the page keys scroll it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("pageup", "page_up", "Page up", show=False, tooltip="A page up"),
        Binding("pagedown", "page_down", "Page down", show=False, tooltip="A page down"),
    ]


class DayOfScreen(ServicesScreen[None]):
    """One interview's checklist; ``ticks`` holds the keys of the items ticked, and is
    changed in place as the user ticks."""

    AUTO_FOCUS = ""

    BINDINGS: ClassVar[list[BindingType]] = screen_bindings(
        "day of",
        Keyed(
            "checklist-tick",
            "tick",
            "Tick",
            show="first",
            tooltip="Tick the selected item when it is ready, or untick it",
        ),
        Keyed("row-up", "previous_item", "Up", show=False, tooltip="Previous item"),
        Keyed("row-down", "next_item", "Down", show=False, tooltip="Next item"),
        Keyed("row-first", "first_item", "First", show=False, tooltip="First item"),
        Keyed("row-last", "last_item", "Last", show=False, tooltip="Last item"),
        Keyed("back", "back", "Back", tooltip="Back to where you came from"),
    )
    HELP_TITLE: ClassVar[str] = "Day-of checklist"

    def __init__(
        self, services: Services, checklist: DayOfChecklist, ticks: MutableSet[str]
    ) -> None:
        super().__init__(services)
        self.checklist = checklist
        self.ticks = ticks

    def compose(self) -> ComposeResult:
        checklist = self.checklist
        now = self.services.clock.now()
        with HorizontalGroup(id="day-of-top"):
            yield Static(
                Content.assemble(
                    (checklist.interview, "bold"),
                    f" · {when_in_full(checklist.at)} · {countdown(checklist.at, now)}",
                ),
                id="day-of-title",
            )
            yield Static("", id="day-of-count")
        with ChecklistScroll(id="day-of-list"):
            if checklist.note:
                yield Static(Content.assemble(("Note  ", "bold"), checklist.note), id="day-of-note")
            yield from self._parts()
        yield KeyFooter()

    def _parts(self) -> Iterator[Static | ChecklistItem]:
        checklist = self.checklist
        yield _heading(PITCH_TITLE)
        for card in checklist.pitch:
            yield self._item(card.key, card.prompt, self._pitch_details(card))
        if not checklist.pitch:
            yield _empty(NO_PITCH)
        yield _heading(NEEDS_TITLE)
        for need in checklist.needs:
            yield self._item(need.key, need.need, _need_details(need))
        if not checklist.needs:
            yield _empty(NO_NEEDS)
        yield _heading(CONTINGENCIES_TITLE)
        for contingency in checklist.contingencies:
            yield self._item(contingency.key, contingency.title, _contingency_details(contingency))
        yield _heading(QUESTIONS_TITLE)
        for question in checklist.questions:
            yield self._item(question.key, question.question)
        if not checklist.questions:
            yield _empty(NO_QUESTIONS)

    def _pitch_details(self, card: ChecklistCard) -> Content:
        """The user's own answer; else, for the pitch card, how to write it (its points
        give the shape), and for any other card its model answer; the points under it."""
        points = Content("\n".join(_bullets(card.points)))
        if card.own_answer is not None:
            said = Content("\n".join(_paragraphs(card.own_answer)))
        elif card.is_pitch_card:
            how = WRITE_PITCH_IN_APP.format(
                drill=self._key_of("home screen", "drill-deck"),
                own=self._key_of("drill", "my-answer"),
            )
            said = Content.styled(f"{UNWRITTEN_PITCH} {how}", "italic")
        else:
            said = Content("\n".join(_paragraphs(card.answer)))
        return Content("\n").join([part for part in (said, points) if part])

    def _key_of(self, screen: str, binding_id: str) -> str:
        """The first key of an action of another screen, as the user's keymap has it."""
        keys = keys_in_force(self.app).get(binding_id) or SCREEN_KEYS[screen][binding_id]
        return self.app.get_key_display(Binding(keys.split(",")[0], binding_id))

    def _item(self, key: str, line: str, details: Content | None = None) -> ChecklistItem:
        return ChecklistItem(key, line, details, ticked=key in self.ticks, classes="day-of-item")

    def on_mount(self) -> None:
        self._show_count()
        # Not by AUTO_FOCUS, which would scroll the note and the first heading away.
        items = self.items
        if items:
            items[0].focus(scroll_visible=False)

    # -- the items -----------------------------------------------------------------------

    @property
    def items(self) -> list[ChecklistItem]:
        return list(self.query(ChecklistItem))

    @property
    def ticked(self) -> int:
        """How many items are ticked: the ticks kept for items no longer listed (a need
        removed since) do not count."""
        return len(set(self.checklist.keys) & set(self.ticks))

    def _show_count(self) -> None:
        total = len(self.checklist.keys)
        ready = self.ticked
        count = self.query_one("#day-of-count", Static)
        count.update(Content(f"{ready} of {total} ready"))
        count.set_class(ready == total, "-all")

    @on(ChecklistItem.Toggled)
    def _toggled(self, event: ChecklistItem.Toggled) -> None:
        item = event.item
        if item.ticked:
            self.ticks.add(item.key)
        else:
            self.ticks.discard(item.key)
        self._show_count()

    # -- keys ----------------------------------------------------------------------------

    @property
    def _list(self) -> ChecklistScroll:
        return self.query_one("#day-of-list", ChecklistScroll)

    def _focused_index(self) -> int | None:
        focused = self.focused
        items = self.items
        return items.index(focused) if isinstance(focused, ChecklistItem) else None

    def _go_to(self, index: int) -> None:
        items = self.items
        if not items:
            return
        item = items[max(0, min(index, len(items) - 1))]
        item.focus(scroll_visible=False)
        # An item taller than the list shows its first lines.
        self._list.scroll_to_widget(item, animate=False)

    def action_tick(self) -> None:
        index = self._focused_index()
        if index is not None:
            self.items[index].toggle()

    def action_next_item(self) -> None:
        index = self._focused_index()
        if index is None:
            self._go_to(0)
            return
        # A long item is read to its end before the next one is selected.
        hidden = self.items[index].region.bottom - self._list.content_region.bottom
        if hidden > 0:
            self._list.scroll_relative(y=min(hidden, self._step()), animate=False)
            return
        if index == len(self.items) - 1:
            self._list.scroll_end(animate=False)
            return
        self._go_to(index + 1)

    def action_previous_item(self) -> None:
        index = self._focused_index()
        if index is None:
            self._go_to(0)
            return
        hidden = self._list.content_region.y - self.items[index].region.y
        if hidden > 0:
            self._list.scroll_relative(y=-min(hidden, self._step()), animate=False)
            return
        if index == 0:
            # The note and the first heading sit above the first item.
            self._list.scroll_home(animate=False)
            return
        self._go_to(index - 1)

    def _step(self) -> int:
        """Lines a key scrolls a long item by: most of the list's height, keeping a line
        of what was shown."""
        return max(1, self._list.content_region.height - 1)

    def action_first_item(self) -> None:
        self._go_to(0)
        self._list.scroll_home(animate=False)

    def action_last_item(self) -> None:
        self._go_to(len(self.items) - 1)

    def action_back(self) -> None:
        self.dismiss()


def _heading(title: str) -> Static:
    return Static(Content(title), classes="day-of-heading")


def _empty(text: str) -> Static:
    return Static(Content(text), classes="day-of-empty")


def _bullets(points: tuple[str, ...]) -> list[str]:
    return [f"• {' '.join(point.split())}" for point in points]


def _paragraphs(text: str) -> list[str]:
    return [" ".join(part.split()) for part in text.split("\n") if part.strip()]


def _need_details(need: Need) -> Content:
    if need.bridge:
        return Content("\n".join(_paragraphs(need.bridge)))
    return Content.styled(need.bridge_text, "italic")


def _contingency_details(contingency: Contingency) -> Content:
    if not contingency.cards:
        return Content.styled(contingency.reminder, "italic")
    parts: list[Content] = []
    for card in contingency.cards:
        lines = [" ".join(card.prompt.split()), *(f"  {b}" for b in _bullets(card.points))]
        parts.append(Content("\n".join(lines)))
    return Content("\n").join(parts)
