"""The story bank: the user's STAR stories, each with how many questions it is linked to;
the selected one in full beside or below the list: its outline, its tags, the cards it
answers, and the cards it may answer, to link with a key."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar, Unpack, cast

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import DataTable, Static

from prepdeck.domain.plural import plural
from prepdeck.domain.stories import DRILL_DECK_ID, DRILL_DECK_TITLE, Story, outline_lines
from prepdeck.errors import PrepdeckError
from prepdeck.services import Services
from prepdeck.tui.failures import report_error, reports_errors
from prepdeck.tui.keys import Keyed, binding_with_id, key_display, keys_in_force, screen_bindings
from prepdeck.tui.screens.base import ServicesScreen
from prepdeck.tui.widgets.footer import KeyFooter
from prepdeck.tui.widgets.row_table import RowTable, row_bindings

if TYPE_CHECKING:
    from prepdeck.prep.story_suggestions import Suggestion
    from prepdeck.tui.app import PrepdeckApp
    from prepdeck.tui.options import NodeOptions, WidgetOptions

_SCREEN = "stories screen"
_METRIC_WIDTH = 18
_CARDS_WIDTH = 5
_TITLE_WIDTH = 50
"""The most columns a title takes: on a wide terminal the figures stay near it."""
_NO_METRIC = "—"
_LINES_WIDTH = 100
"""The most columns a list of cards takes, as the stylesheet has it."""


class StoryTable(RowTable, inherit_bindings=False):
    BINDINGS: ClassVar[list[BindingType]] = row_bindings(_SCREEN)
    HELP_TITLE: ClassVar[str] = "Story list"


class CardLines(RowTable, inherit_bindings=False):
    """Cards one line each, the prompt then ``DECK/CARD``, cut to the list's width and
    cut again whenever that changes; no header."""

    BINDINGS: ClassVar[list[BindingType]] = row_bindings(_SCREEN)

    def __init__(self, **options: Unpack[WidgetOptions]) -> None:
        super().__init__(**options)
        self.show_header = False
        self._cards: list[tuple[str, str]] = []

    @property
    def refs(self) -> list[str]:
        """``DECK/CARD`` of each line, in order."""
        return [ref for ref, _ in self._cards]

    def show_cards(self, cards: Sequence[tuple[str, str]], row: int = 0) -> None:
        """Show ``cards`` (``DECK/CARD`` and prompt), the cursor on ``row`` or the last."""
        self._cards = list(cards)
        self._fill(row)

    def on_resize(self) -> None:
        if self._cards:
            self._fill(self.cursor_row)

    def _fill(self, row: int) -> None:
        self.clear(columns=True)
        # Less the cell's padding and room for a scrollbar; before the first layout, as
        # wide as the stylesheet lets the list be.
        room = self.size.width or _LINES_WIDTH
        width = max(10, room - 2 * self.cell_padding - 1)
        self.add_column(Text("Card"), width=width, key="card")
        for ref, prompt in self._cards:
            self.add_row(_card_line(ref, prompt, width), key=ref)
        if self._cards:
            self.move_cursor(row=min(row, len(self._cards) - 1), animate=False)


class LinkedCardTable(CardLines):
    """The cards the story answers; the highlighted one is the one unlinked."""

    HELP_TITLE: ClassVar[str] = "Linked cards"


class SuggestionTable(CardLines):
    """The cards the story may answer, best first; the highlighted one is linked."""

    # Its rows move with the keys of every card line.
    BINDINGS: ClassVar[list[BindingType]] = screen_bindings(
        _SCREEN,
        Keyed(
            "suggestion-link",
            "screen.link",
            "Link",
            show=False,
            tooltip="Link the highlighted suggestion to the story",
        ),
    )
    HELP_TITLE: ClassVar[str] = "Suggestions"


class StoriesScreen(ServicesScreen[None]):
    """The stories of a home; read again whenever the screen comes back on show."""

    AUTO_FOCUS = "#story-list"

    # Short: no title line, so the list and the story keep their rows. Wide: the story
    # beside the list rather than under it.
    VERTICAL_BREAKPOINTS = [(0, "-short"), (20, "-tall")]  # noqa: RUF012
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]  # noqa: RUF012

    BINDINGS: ClassVar[list[BindingType]] = screen_bindings(
        _SCREEN,
        Keyed("story-add", "add", "Add", tooltip="Write a new story"),
        Keyed("story-edit", "edit", "Edit", tooltip="Change the selected story"),
        Keyed(
            "story-link",
            "link",
            "Link",
            tooltip="Link the story to the highlighted suggestion: a question it answers",
        ),
        Keyed("story-unlink", "unlink", "Unlink", tooltip="Unlink the highlighted linked card"),
        Keyed("story-drill", "drill", "Drill", tooltip=f"Drill your stories ({DRILL_DECK_TITLE})"),
        Keyed(
            "story-coverage",
            "coverage",
            "Coverage",
            tooltip="Which questions your answers and stories cover, and which they leave",
        ),
        Keyed(
            "story-remove",
            "remove",
            "Remove",
            tooltip="Remove the selected story (asks first; its drill reviews are kept)",
        ),
        Keyed("back", "back", "Back", tooltip="Back to the home"),
    )
    HELP_TITLE: ClassVar[str] = "My stories"

    def __init__(self, services: Services, **options: Unpack[NodeOptions]) -> None:
        super().__init__(services, **options)
        self.stories: Sequence[Story] = ()
        """Every story, by id, as listed."""
        self.links: dict[str, list[str]] = {}
        """``DECK/CARD`` of the cards linked to each story, by story id."""
        self.suggestions: Sequence[Suggestion] = ()
        """What the selected story may answer, as listed."""
        self._prompts: dict[str, str] = {}
        """The prompt of each linked card, by ``DECK/CARD``."""

    def compose(self) -> ComposeResult:
        yield Static(Content("My stories"), id="stories-title")
        yield Static("", id="stories-about")
        with Vertical(id="stories-body"):
            yield StoryTable(id="story-list")
            with VerticalScroll(id="story-detail"), Vertical(id="story-card"):
                yield Static("", id="story-head", markup=False)
                yield Static("", id="story-outline", markup=False)
                yield Static("", id="story-tags", markup=False)
                yield Static("", id="story-links-head", classes="story-part")
                yield LinkedCardTable(id="story-links")
                yield Static("", id="story-suggestions-head", classes="story-part")
                yield SuggestionTable(id="story-suggestions")
                yield Static("", id="story-why", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.reload()

    def on_resize(self) -> None:
        # The title column takes what the others leave, and card lines are cut to the
        # story's pane: both once the new size is laid out.
        if self.stories:
            self.call_after_refresh(self._show_rows)

    async def read_again(self) -> None:
        # Back from a drill, a form or a question: the bank as it is now, which another
        # window may have changed meanwhile.
        self.reload()

    @property
    def prepdeck(self) -> PrepdeckApp:
        return cast("PrepdeckApp", self.app)

    # -- reading -------------------------------------------------------------------------

    @property
    def table(self) -> StoryTable:
        return self.query_one("#story-list", StoryTable)

    @property
    def selected(self) -> Story | None:
        row = self.table.cursor_row
        if not self.stories or not 0 <= row < len(self.stories):
            return None
        return self.stories[row]

    @property
    def highlighted_link(self) -> str | None:
        """``DECK/CARD`` of the linked card under the cursor of its list."""
        table = self.query_one("#story-links", LinkedCardTable)
        refs = table.refs
        return refs[table.cursor_row] if 0 <= table.cursor_row < len(refs) else None

    @property
    def highlighted_suggestion(self) -> Suggestion | None:
        row = self.query_one("#story-suggestions", SuggestionTable).cursor_row
        return self.suggestions[row] if 0 <= row < len(self.suggestions) else None

    def _key(self, binding_id: str) -> str:
        bindings = [*self.BINDINGS, *SuggestionTable.BINDINGS]
        return key_display(self.app, binding_with_id(bindings, binding_id), keys_in_force(self.app))

    def reload(self, select: str | None = None) -> None:
        """Read the stories again and show them, with ``select`` selected (by id), or else
        the one selected before; when that one is gone, the one now in its row."""
        selected = self.selected
        row = self.table.cursor_row
        try:
            bank = self.services.stories
            self.stories = bank.all()
            self.links = bank.all_cards()
            self._prompts = self._linked_prompts()
        except PrepdeckError as error:
            report_error(self, error, "Cannot read the stories")
            return
        if select is None and selected is not None:
            select = selected.id
        self._show_rows(select, row)

    def _linked_prompts(self) -> dict[str, str]:
        decks = {ref.partition("/")[0] for refs in self.links.values() for ref in refs}
        library = self.services.library
        return {
            f"{deck_id}/{stored.card.id}": stored.card.prompt
            for deck_id in decks
            if library.find(deck_id) is not None
            for stored in library.cards(deck_id, include_retired=True)
        }

    def _show_rows(self, keep: str | None = None, row: int = 0) -> None:
        table = self.table
        if keep is None and (selected := self.selected) is not None:
            keep = selected.id
            row = table.cursor_row
        table.clear(columns=True)
        padding = 2 * table.cell_padding
        # Laid out, the table's own width less its scrollbar; before, the screen's less
        # the margins.
        width = table.size.width - 1 if table.size.width else (self.size.width or 80) - 3
        rest = _METRIC_WIDTH + _CARDS_WIDTH + 3 * padding + 1
        title_width = min(_TITLE_WIDTH, max(10, width - rest))
        table.add_column(Text("Story"), width=title_width, key="title")
        table.add_column(Text("Metric"), width=_METRIC_WIDTH, key="metric")
        table.add_column(Text("Cards", justify="right"), width=_CARDS_WIDTH, key="cards")
        for story in self.stories:
            table.add_row(
                _cell(story.title, title_width),
                _cell(story.metric or _NO_METRIC, _METRIC_WIDTH),
                Text(str(len(self.links.get(story.id, []))), justify="right"),
                key=story.id,
            )
        ids = [story.id for story in self.stories]
        if keep in ids:
            row = ids.index(keep)
        if self.stories:
            table.move_cursor(row=min(row, len(self.stories) - 1), animate=False)
        self.set_class(not self.stories, "-empty")
        self._show_about()
        self._show_selected()
        self.refresh_bindings()

    # -- the selected story --------------------------------------------------------------

    def _show_about(self) -> None:
        about = self.query_one("#stories-about", Static)
        if self.stories:
            about.update(Content(""))
            return
        about.update(
            Content.assemble(
                "No stories yet. A STAR story is something you did, told in four parts: the ",
                ("S", "bold"),
                "ituation you were in, the ",
                ("T", "bold"),
                "ask that was yours, the ",
                ("A", "bold"),
                "ction you took and its ",
                ("R", "bold"),
                "esult, with a number when there is one.\n\n"
                "Behavioural questions ask for the same few things again and again: a "
                "conflict, a failure, a tight deadline, leading without authority, a hard "
                "call. Five to ten stories that cover them answer most of what you will be "
                "asked.\n\n",
                (self._key("story-add"), "bold"),
                f" adds one. Each story is drilled as a card of {DRILL_DECK_TITLE}, and "
                "linked to the questions it answers.",
            )
        )

    def _show_selected(self) -> None:
        story = self.selected
        head = self.query_one("#story-head", Static)
        outline = self.query_one("#story-outline", Static)
        tags = self.query_one("#story-tags", Static)
        if story is None:
            for widget in (head, outline, tags):
                widget.update("")
            self.suggestions = ()
            self._show_links([])
            self._show_suggestions()
            return
        head.update(Content.assemble((story.title, "bold"), f" · {story.id}"))
        outline.update(_outline(story))
        tags.update(
            Content.assemble(("Tags  ", "bold"), ", ".join(story.tags))
            if story.tags
            else Content.assemble(
                ("Tags  ", "bold"), "none: tags help match the story to the questions it answers"
            )
        )
        self._show_links(self.links.get(story.id, []))
        try:
            self.suggestions = self.services.stories.suggest(story.id)
        except PrepdeckError as error:
            report_error(self, error, "Cannot suggest cards")
            self.suggestions = ()
        self._show_suggestions()

    def _show_links(self, linked: list[str]) -> None:
        head = self.query_one("#story-links-head", Static)
        table = self.query_one("#story-links", LinkedCardTable)
        table.show_cards([(ref, self._prompts.get(ref, "")) for ref in linked], table.cursor_row)
        if linked:
            head.update(
                Content.assemble(
                    ("Linked cards  ", "bold"),
                    f"{len(linked)}; ",
                    (self._key("story-unlink"), "bold"),
                    " unlinks the highlighted one",
                )
            )
        elif self.selected is not None:
            head.update(
                Content.assemble(
                    ("Linked cards  ", "bold"),
                    "none yet: link the questions it answers from the suggestions below.",
                )
            )
        else:
            head.update("")
        table.set_class(not linked, "-blank")

    def _show_suggestions(self) -> None:
        head = self.query_one("#story-suggestions-head", Static)
        table = self.query_one("#story-suggestions", SuggestionTable)
        table.show_cards([(one.ref, one.prompt) for one in self.suggestions])
        if self.suggestions:
            head.update(
                Content.assemble(
                    ("Suggestions  ", "bold"),
                    (self._key("story-link"), "bold"),
                    " links the highlighted one; tab to the list to pick another, ",
                    (self._key("suggestion-link"), "bold"),
                    " links it there",
                )
            )
        elif self.selected is not None:
            head.update(
                Content.assemble(
                    ("Suggestions  ", "bold"),
                    "none: no installed card shares a tag or a word with this story.",
                )
            )
        else:
            head.update("")
        table.set_class(not self.suggestions, "-blank")
        self._show_why()

    def _show_why(self) -> None:
        why = self.query_one("#story-why", Static)
        suggestion = self.highlighted_suggestion
        why.update(_why(suggestion) if suggestion is not None else "")
        why.set_class(suggestion is None, "-blank")

    @on(DataTable.RowHighlighted, "#story-list")
    def _highlighted(self) -> None:
        self._show_selected()
        self.refresh_bindings()

    @on(DataTable.RowHighlighted, "#story-suggestions")
    def _suggestion_highlighted(self) -> None:
        self._show_why()

    @on(DataTable.RowSelected)
    def _clicked(self, event: DataTable.RowSelected) -> None:
        event.stop()  # the keys act, so a click never links or removes by accident

    # -- keys ----------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("edit", "remove"):
            return self.selected is not None
        if action == "link":
            return self.selected is not None and bool(self.suggestions)
        if action == "unlink":
            story = self.selected
            return story is not None and bool(self.links.get(story.id))
        if action == "drill":
            return bool(self.stories)
        return True

    @reports_errors("Cannot add a story")
    def action_add(self) -> None:
        from prepdeck.tui.dialogs.story_form import StoryFormScreen

        self.app.push_screen(StoryFormScreen(self.services.stories), self._saved)

    @reports_errors("Cannot edit the story")
    def action_edit(self) -> None:
        from prepdeck.tui.dialogs.story_form import StoryFormScreen

        story = self.selected
        if story is None:
            return
        # As kept now, not as listed: another window may have changed it.
        kept = self.services.stories.get(story.id)
        self.app.push_screen(StoryFormScreen(self.services.stories, kept), self._saved)

    def _saved(self, story: Story | None) -> None:
        if story is None:
            return
        self.notify(
            f"Saved {story.title}; it is drilled in {DRILL_DECK_TITLE}.",
            timeout=3,
            markup=False,
        )
        self.reload(select=story.id)

    @reports_errors("Not linked")
    def action_link(self) -> None:
        story = self.selected
        suggestion = self.highlighted_suggestion
        if story is None or suggestion is None:
            return
        self.services.stories.link(story.id, suggestion.ref)
        self.notify(f"Linked {story.title} to {suggestion.ref}.", timeout=3, markup=False)
        self.reload()

    @reports_errors("Not unlinked")
    def action_unlink(self) -> None:
        story = self.selected
        ref = self.highlighted_link
        if story is None or ref is None:
            return
        self.services.stories.unlink(story.id, ref)
        self.notify(f"Unlinked {story.title} from {ref}.", timeout=3, markup=False)
        self.reload()

    def action_drill(self) -> None:
        if not self.stories:
            return
        # The same path as drilling one deck from the home.
        self.prepdeck.start_drill([DRILL_DECK_ID])

    def action_coverage(self) -> None:
        from prepdeck.tui.screens.coverage import CoverageScreen

        # Of the next interview when one is ahead: the questions it is likely to ask.
        self.app.push_screen(CoverageScreen())

    def action_remove(self) -> None:
        from prepdeck.tui.dialogs.confirm import ConfirmScreen

        story = self.selected
        if story is None:
            return
        linked = len(self.links.get(story.id, []))
        if linked == 1:
            links = "Its link to 1 card goes"
        elif linked:
            links = f"Its links to {plural(linked, 'card')} go"
        else:
            links = "It has no links"
        question = (
            f"Remove the story {story.title}? {links}; its card in {DRILL_DECK_TITLE} is "
            "retired: it leaves the drill, and its reviews are kept."
        )

        def answered(yes: bool | None) -> None:
            if yes:
                self._remove(story)

        self.app.push_screen(ConfirmScreen(question, yes="Remove"), answered)

    @reports_errors("Not removed")
    def _remove(self, story: Story) -> None:
        self.services.stories.remove(story.id)
        self.notify(f"Removed {story.title}.", timeout=3, markup=False)
        self.reload()

    def action_back(self) -> None:
        self.dismiss()


def _outline(story: Story) -> Table:
    """The outline, a part to a row: its label, then its text, wrapped under itself."""
    grid = Table.grid(padding=(0, 2, 0, 0))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(ratio=1)
    for line in outline_lines(story):
        label, _, text = line.partition(": ")
        grid.add_row(Text(label), Text(text))
    return grid


def _card_line(ref: str, prompt: str, width: int) -> Text:
    """The card's prompt, then its ``DECK/CARD`` dimmed, on one line cut to ``width``: on
    a narrow terminal the prompt says more than the ids."""
    line = Text(" ".join(prompt.split()), no_wrap=True, overflow="ellipsis")
    line.append(f"  {ref}" if prompt else ref, style="dim")
    line.truncate(width, overflow="ellipsis")
    return line


def _why(suggestion: Suggestion) -> Content:
    """What the highlighted suggestion shares with the story."""
    parts = [
        f"the {noun if len(shared) == 1 else noun + 's'} {', '.join(shared)}"
        for noun, shared in (("tag", suggestion.tags), ("word", suggestion.words))
        if shared
    ]
    return Content.assemble(
        ("Why  ", "bold"), "shares ", " and ".join(parts), f" · {suggestion.ref}"
    )


def _cell(text: str, width: int) -> Text:
    cell = Text(" ".join(text.split()), no_wrap=True, overflow="ellipsis")
    cell.truncate(width, overflow="ellipsis")
    return cell
