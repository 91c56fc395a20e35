"""Writing a card in a few seconds: a form whose card goes straight into ``my-cards``."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, Unpack

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Input, Select, Static, TextArea

from prepdeck.domain.cards import Card, Kind
from prepdeck.errors import PrepdeckError
from prepdeck.library.decks import Library, StoredCard
from prepdeck.library.personal import (
    PERSONAL_DECK_ID,
    PERSONAL_DECK_TITLE,
    CardDraft,
    split_lines,
    split_tags,
)
from prepdeck.tui.dialogs.form import CANCEL_BUTTON, SAVE_BUTTON, FormScreen
from prepdeck.tui.keys import Keyed, keys_display, keys_in_force, screen_bindings

if TYPE_CHECKING:
    from prepdeck.tui.options import NodeOptions

AddedCard = tuple[str, str]
"""(deck id, card id) of the card written."""

KIND_CHOICES: tuple[tuple[str, Kind], ...] = (
    ("Question: answer out loud", Kind.QUESTION),
    ("Scenario: what will you do?", Kind.SCENARIO),
    ("Company need: tie your experience to it", Kind.COMPANY_NEED),
)


class AddCardScreen(FormScreen[AddedCard]):
    """A form for one card; dismissed with (deck id, card id) once saved, None if cancelled.

    ``prefill`` starts the form from a draft or from an existing card, e.g. one the user
    keeps failing, to write their own version of it.
    """

    HELP_TITLE: ClassVar[str] = "New card"

    BINDINGS: ClassVar[list[BindingType]] = screen_bindings(
        "add-card form",
        Keyed("save", "save", "Save", priority=True, tooltip=f"Add the card to {PERSONAL_DECK_ID}"),
        Keyed("cancel", "cancel", "Cancel", tooltip="Close without adding"),
    )

    def __init__(
        self,
        library: Library,
        *,
        prefill: CardDraft | Card | StoredCard | None = None,
        deck_id: str = PERSONAL_DECK_ID,
        deck_title: str = PERSONAL_DECK_TITLE,
        **options: Unpack[NodeOptions],
    ) -> None:
        super().__init__(**options)
        self.library = library
        if isinstance(prefill, StoredCard):
            prefill = prefill.card
        if isinstance(prefill, Card):
            prefill = CardDraft.from_card(prefill)
        self.prefill: CardDraft = prefill or CardDraft(prompt="")
        self.deck_id = deck_id
        self.deck_title = deck_title
        self._problem_shown = False

    def compose(self) -> ComposeResult:
        draft = self.prefill
        with Vertical(id="add-card"):
            with VerticalScroll(id="add-card-fields"):
                yield self._area("add-prompt", draft.prompt, "Prompt: the question or situation")
                yield self._area("add-answer", draft.answer, "Your answer (may stay empty)")
                yield self._area("add-points", "\n".join(draft.points), "Key points, one per line")
                with Horizontal(id="add-card-row"):
                    yield Select(KIND_CHOICES, value=draft.kind, allow_blank=False, id="add-kind")
                    yield Input(
                        ", ".join(draft.tags),
                        placeholder="Tags, separated by commas",
                        id="add-tags",
                    )
            with Vertical(id="add-card-actions"):
                yield Static("", id="add-card-error", markup=False)
                with Horizontal(id="add-card-footer"):
                    yield Static(self._hint(), id="add-card-hint")
                    yield Button(Content("Cancel"), id="add-card-cancel", classes=CANCEL_BUTTON)
                    yield Button(
                        Content("Add card"),
                        id="add-card-save",
                        classes=SAVE_BUTTON,
                        variant="primary",
                    )

    @staticmethod
    def _area(widget_id: str, text: str, title: str) -> TextArea:
        area = TextArea(text, id=widget_id, soft_wrap=True, tab_behavior="focus")
        area.border_title = title
        return area

    def _hint(self) -> Content:
        keymap = keys_in_force(self.app)
        save = keys_display(self.app, self.BINDINGS, "save", keymap)
        cancel = keys_display(self.app, self.BINDINGS, "cancel", keymap)
        return Content(f"{save} add · {cancel} cancel · tab next field")

    def on_mount(self) -> None:
        self.query_one("#add-card", Vertical).border_title = f"New card for {self.deck_title}"
        self.query_one("#add-prompt", TextArea).focus()

    def current_draft(self) -> CardDraft:
        """What the form holds now."""
        kind = self.query_one("#add-kind", Select).value
        return CardDraft(
            prompt=self.query_one("#add-prompt", TextArea).text,
            answer=self.query_one("#add-answer", TextArea).text,
            points=split_lines(self.query_one("#add-points", TextArea).text),
            kind=kind if isinstance(kind, Kind) else Kind.QUESTION,
            tags=split_tags(self.query_one("#add-tags", Input).value),
        )

    def action_save(self) -> None:
        try:
            card = self.library.add_personal_card(
                self.current_draft(),
                deck_id=self.deck_id,
                title=self.deck_title,
            )
        except PrepdeckError as problem:
            self._show_problem(str(problem))
            return
        self.dismiss((self.deck_id, card.id))

    def _show_problem(self, message: str) -> None:
        self._problem_shown = bool(message)
        self.query_one("#add-card-error", Static).update(Content(message))

    @on(TextArea.Changed)
    @on(Input.Changed)
    @on(Select.Changed)
    def _recheck(self) -> None:
        # Quiet until the first save; after it, the line follows what the form holds now,
        # so a fixed mistake stops being reported while the user is still typing.
        if not self._problem_shown:
            return
        try:
            self.library.check_personal_card(self.current_draft(), self.deck_id)
        except PrepdeckError as problem:
            self._show_problem(str(problem))
        else:
            self._show_problem("")
