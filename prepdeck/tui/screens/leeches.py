"""Leeches: the cards you keep forgetting, each to suspend or to rewrite in your own words."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar, cast

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.content import Content
from textual.widgets import DataTable, Static

from prepdeck.domain.leeches import LEECH_LAPSES
from prepdeck.study.leeches import LapsedCard
from prepdeck.tui.failures import reports_errors
from prepdeck.tui.keys import Keyed, binding_with_id, key_display, keys_in_force, screen_bindings
from prepdeck.tui.screens.base import ServicesScreen
from prepdeck.tui.widgets.footer import KeyFooter
from prepdeck.tui.widgets.row_table import RowTable

if TYPE_CHECKING:
    from prepdeck.tui.app import PrepdeckApp

_DECK_WIDTH = 18
_LAPSES_WIDTH = 6
_STATUS_WIDTH = 9


class LeechTable(RowTable):
    HELP_TITLE: ClassVar[str] = "Leech list"


class LeechesScreen(ServicesScreen[None]):
    """Leeches of a home; the list is read again whenever the screen comes back on show."""

    AUTO_FOCUS = "#leech-list"

    BINDINGS: ClassVar[list[BindingType]] = screen_bindings(
        "leeches screen",
        # The drill's suspend key does the same here, out of the footer.
        Keyed(
            "leech-suspend",
            "toggle_suspend",
            "Suspend",
            show="first",
            tooltip="Suspend the selected card, or bring it back",
        ),
        Keyed(
            "leech-rewrite",
            "rewrite",
            "Write your own",
            tooltip="Write your own version of the selected card",
        ),
        Keyed("back", "back", "Back", tooltip="Back to the home"),
    )
    HELP_TITLE: ClassVar[str] = "Leeches"

    leeches: Sequence[LapsedCard] = ()
    """The leeches as listed, in the order of the rows."""

    def compose(self) -> ComposeResult:
        yield Static(Content("Leeches"), id="leech-title")
        yield Static("", id="leech-about", markup=False)
        yield LeechTable(id="leech-list")
        yield Static("", id="leech-prompt", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.reload()

    async def read_again(self) -> None:
        # Back from the add-card form: reading again keeps the list true if the card
        # changed there.
        self.reload()

    @property
    def table(self) -> LeechTable:
        return self.query_one("#leech-list", LeechTable)

    @property
    def selected(self) -> LapsedCard | None:
        row = self.table.cursor_row
        if not self.leeches or not 0 <= row < len(self.leeches):
            return None
        return self.leeches[row]

    def _key(self, binding_id: str) -> str:
        return key_display(
            self.app, binding_with_id(self.BINDINGS, binding_id), keys_in_force(self.app)
        )

    @reports_errors("Cannot read the leeches")
    def reload(self) -> None:
        leeches = self.services.leeches()
        selected = self.selected
        self.leeches = leeches
        table = self.table
        table.clear(columns=True)
        prompt_width = max(12, (self.size.width or 80) - _DECK_WIDTH - _LAPSES_WIDTH - 20)
        table.add_column(Text("Deck"), width=_DECK_WIDTH, key="deck")
        table.add_column(Text("Card"), width=prompt_width, key="prompt")
        table.add_column(Text("Lapses", justify="right"), width=_LAPSES_WIDTH, key="lapses")
        table.add_column(Text(""), width=_STATUS_WIDTH, key="status")
        for card in leeches:
            style = "dim" if card.suspended else ""
            table.add_row(
                _cell(card.deck_title, _DECK_WIDTH, style),
                _cell(" ".join(card.prompt.split()), prompt_width, style),
                Text(str(card.lapses), style=style, justify="right"),
                Text("suspended" if card.suspended else "", style="italic"),
                key=f"{card.deck_id}/{card.card_id}",
            )
        if selected is not None:
            for index, card in enumerate(leeches):
                if (card.deck_id, card.card_id) == (selected.deck_id, selected.card_id):
                    table.move_cursor(row=index, animate=False)
        self.set_class(not leeches, "-empty")
        self._show_about()
        self._show_prompt()
        self.refresh_bindings()

    def _show_about(self) -> None:
        about = self.query_one("#leech-about", Static)
        if not self.leeches:
            about.update(
                Content(
                    f"No leeches. A card forgotten {LEECH_LAPSES} times or more after you "
                    "had learnt it shows up here."
                )
            )
            return
        about.update(
            Content.assemble(
                f"Forgotten {LEECH_LAPSES} times or more after you had learnt them "
                "(lapses): drilling them once more is unlikely to help. ",
                (self._key("leech-rewrite"), "bold"),
                " write your own version, ",
                (self._key("leech-suspend"), "bold"),
                " suspend (or bring back).",
            )
        )

    def _show_prompt(self) -> None:
        card = self.selected
        text = "" if card is None else card.prompt.strip()
        self.query_one("#leech-prompt", Static).update(Content(text))

    @on(DataTable.RowHighlighted, "#leech-list")
    def _highlighted(self) -> None:
        self._show_prompt()

    @on(DataTable.RowSelected, "#leech-list")
    def _clicked(self, event: DataTable.RowSelected) -> None:
        event.stop()  # a second click only selects; the keys act, so nothing happens by accident

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("toggle_suspend", "rewrite"):
            return bool(self.leeches)
        return True

    @reports_errors("Not done")
    def action_toggle_suspend(self) -> None:
        card = self.selected
        if card is None:
            return
        self.services.cards.set_suspended(card.deck_id, card.card_id, not card.suspended)
        if card.suspended:
            self.notify("Back in the drill.", timeout=3, markup=False)
        else:
            self.notify("Suspended: it stays out of every drill.", timeout=3, markup=False)
        self.reload()

    @reports_errors("Not done")
    def action_rewrite(self) -> None:
        card = self.selected
        if card is None:
            return
        stored = self.services.cards.get(card.deck_id, card.card_id)
        cast("PrepdeckApp", self.app).open_add_card(prefill=stored.card)

    def action_back(self) -> None:
        self.dismiss()


def _cell(text: str, width: int, style: str) -> Text:
    cell = Text(text, style=style, no_wrap=True, overflow="ellipsis")
    cell.truncate(width, overflow="ellipsis")
    return cell
