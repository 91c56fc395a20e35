"""Writing a STAR story, or changing one: its title, its four parts, its number and tags.

The same form adds and edits. Editing, it opens on the story as kept and shows its id,
which never changes. A story the bank refuses (a part missing) keeps the form open with
everything typed, the reason under the fields and the cursor in the first part missing.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, ClassVar, Unpack

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Input, Static, TextArea

from prepdeck.domain.stories import REQUIRED_FIELDS, Story
from prepdeck.errors import PrepdeckError
from prepdeck.prep.stories import StoryBank
from prepdeck.tui.dialogs.form import CANCEL_BUTTON, SAVE_BUTTON, FormScreen
from prepdeck.tui.keys import Keyed, keys_display, keys_in_force, screen_bindings

if TYPE_CHECKING:
    from prepdeck.tui.options import NodeOptions

_PARTS = (
    ("situation", "Situation: where you were, what was at stake"),
    ("task", "Task: what was yours to do (optional)"),
    ("action", "Action: what you did"),
    ("result", "Result: what came of it"),
)
"""The four STAR parts, each a text box, with the title of its box."""

_TAG_SEPARATOR = re.compile(r"[,\s]+")


def read_tags(text: str) -> tuple[str, ...]:
    """The tags typed in one field: separated by commas when there is a comma (so a tag
    may hold a space), else by spaces."""
    pieces = text.split(",") if "," in text else _TAG_SEPARATOR.split(text)
    return tuple(piece.strip() for piece in pieces if piece.strip())


def written_tags(tags: tuple[str, ...]) -> str:
    """``tags`` as ``read_tags`` reads them back."""
    return ", ".join(tags)


class StoryFormScreen(FormScreen[Story]):
    """Dismissed with the story as kept, None if cancelled."""

    HELP_TITLE: ClassVar[str] = "Story"

    BINDINGS: ClassVar[list[BindingType]] = screen_bindings(
        "story form",
        Keyed("save", "save", "Save", priority=True, tooltip="Keep the story"),
        Keyed("cancel", "cancel", "Cancel", tooltip="Close without saving"),
    )

    def __init__(
        self, stories: StoryBank, story: Story | None = None, **options: Unpack[NodeOptions]
    ) -> None:
        super().__init__(**options)
        self.stories = stories
        self.story = story
        """The story edited; None to add one."""

    def compose(self) -> ComposeResult:
        story = self.story
        with Vertical(id="story-form"):
            with VerticalScroll(id="story-form-fields", can_focus=False):
                if story is not None:
                    # Shown, not editable: its drill card and its links hang on it.
                    yield Static(Content.assemble(("Id  ", "bold"), story.id), id="story-form-id")
                yield self._input(
                    "story-title", "Title", story.title if story else "", "Cut the build time"
                )
                for name, title in _PARTS:
                    area = TextArea(
                        getattr(story, name) if story else "",
                        id=f"story-{name}",
                        soft_wrap=True,
                        tab_behavior="focus",
                    )
                    area.border_title = title
                    yield area
                yield self._input(
                    "story-metric",
                    "Metric (optional)",
                    story.metric or "" if story else "",
                    "40 to 9 minutes",
                )
                yield self._input(
                    "story-tags",
                    "Tags: separated by spaces or commas",
                    written_tags(story.tags) if story else "",
                    "ci, conflict, leadership",
                )
            with Vertical(id="story-form-actions"):
                yield Static("", id="story-form-error", markup=False)
                with Horizontal(id="story-form-footer"):
                    yield Static(self._hint(), id="story-form-hint")
                    yield Button(Content("Cancel"), id="story-form-cancel", classes=CANCEL_BUTTON)
                    yield Button(
                        Content("Save"),
                        id="story-form-save",
                        classes=SAVE_BUTTON,
                        variant="primary",
                    )

    @staticmethod
    def _input(widget_id: str, title: str, value: str, placeholder: str) -> Input:
        field = Input(value, placeholder=placeholder, id=widget_id)
        field.border_title = title
        return field

    def _hint(self) -> Content:
        keymap = keys_in_force(self.app)
        save = keys_display(self.app, self.BINDINGS, "save", keymap)
        cancel = keys_display(self.app, self.BINDINGS, "cancel", keymap)
        return Content(f"{save} save · {cancel} cancel · tab next field")

    def on_mount(self) -> None:
        form = self.query_one("#story-form", Vertical)
        form.border_title = "New story" if self.story is None else "Edit story"
        self.query_one("#story-title", Input).focus()
        # Focusing the title scrolls it to the top, above which the id would be hidden.
        fields = self.query_one("#story-form-fields", VerticalScroll)
        self.call_after_refresh(fields.scroll_home, animate=False)

    def _text(self, name: str) -> str:
        widget = self.query_one(f"#story-{name}")
        if isinstance(widget, TextArea):
            return widget.text
        assert isinstance(widget, Input)
        return widget.value

    def action_save(self) -> None:
        text = self._text
        try:
            if self.story is None:
                kept = self.stories.add(
                    title=text("title"),
                    situation=text("situation"),
                    task=text("task"),
                    action=text("action"),
                    result=text("result"),
                    metric=text("metric"),
                    tags=read_tags(text("tags")),
                )
            else:
                kept = self.stories.edit(
                    self.story.id,
                    title=text("title"),
                    situation=text("situation"),
                    task=text("task"),
                    action=text("action"),
                    result=text("result"),
                    metric=text("metric"),
                    tags=read_tags(text("tags")),
                )
        except PrepdeckError as problem:
            self.query_one("#story-form-error", Static).update(Content(str(problem)))
            self._focus_first_missing()
            return
        self.dismiss(kept)

    def _focus_first_missing(self) -> None:
        for name in REQUIRED_FIELDS:
            if not self._text(name).strip():
                self.query_one(f"#story-{name}").focus()
                return

    @on(Input.Submitted)
    def _submitted(self) -> None:
        # Enter moves on rather than saves: a story is rarely done at its title.
        self.focus_next()
