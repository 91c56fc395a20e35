"""The card browser: search every installed card, read one in full, and act on it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING, ClassVar, Unpack

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.events import ScreenResume
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import DataTable, Input, Static

from prepdeck.domain.cards import Kind
from prepdeck.domain.leeches import LEECH_LAPSES, is_leech
from prepdeck.domain.plural import plural
from prepdeck.domain.text import one_line
from prepdeck.errors import PrepdeckError
from prepdeck.library.decks import Library
from prepdeck.library.personal import PERSONAL_DECK_ID
from prepdeck.srs import SrsScheduler, format_interval, wait_until
from prepdeck.study.browser import CardBrowser, CardHit, Review, SearchResult, StoredCard
from prepdeck.tui.card_text import shown_answer
from prepdeck.tui.dialogs.add_card import AddCardScreen
from prepdeck.tui.dialogs.confirm import ConfirmScreen
from prepdeck.tui.dialogs.help import HelpScreen, HelpSection
from prepdeck.tui.failures import report_error, reports_errors
from prepdeck.tui.keys import Keyed, keys_display, keys_in_force, screen_bindings
from prepdeck.tui.widgets.footer import KeyFooter
from prepdeck.tui.widgets.grade_bar import GRADE_NAMES

if TYPE_CHECKING:
    from prepdeck.tui.options import NodeOptions

DrillCallback = Callable[[str, str], None]
"""Called with (deck id, card id) when the user asks to drill the selected card."""

SEARCH_DELAY = 0.25
"""Seconds of quiet typing before the search runs: one query per pause, not per key."""

SEARCH_HINT = "words · tag:T · kind:K · is:new|due|leech|suspended|… · deck:ID · ? help"

SEARCH_SYNTAX: list[tuple[str, str]] = [
    ("words", 'in the prompt, answer or key points; "quotes" keep a phrase'),
    ("tag:T", "cards tagged T; several tag: filters all apply"),
    ("kind:K", "question, scenario or company-need (need for short)"),
    ("is:S", "new, learning, review, relearning, suspended, buried, retired"),
    ("is:due", "cards due now"),
    ("is:leech", f"leeches: cards forgotten {LEECH_LAPSES} times or more once learnt"),
    ("deck:ID", "cards of one deck"),
    ("a,b", "kind:, is: and deck: take alternatives: is:suspended,buried"),
]
"""The help rows that explain the search line."""

_KIND_SHORT = {Kind.QUESTION: "question", Kind.SCENARIO: "scenario", Kind.COMPANY_NEED: "need"}

# Widths of the columns before the prompt, each followed by one space. The card's id is
# in the pane below: on 80 columns the prompt is what a row must show most of.
_COLUMNS: tuple[tuple[str, int], ...] = (
    ("Deck", 10),
    ("Kind", 8),
    ("State", 10),
    ("Due", 7),
)
# The prompt excerpt is cut by the edge of the table, whatever its width.
_PROMPT_WIDTH = 160


def describe_wait(due: datetime | None, now: datetime) -> str:
    """``in 3d``, ``2d ago`` or ``now``, worded as everywhere else; a dash for a card never
    reviewed."""
    return "—" if due is None else wait_until(due, now)


def local_time(moment: datetime) -> str:
    return f"{moment.astimezone():%Y-%m-%d %H:%M}"


def describe_duration(milliseconds: int | None) -> str:
    if milliseconds is None:
        return ""
    seconds = round(milliseconds / 1000)
    minutes, seconds = divmod(seconds, 60)
    return f"{minutes}m {seconds:02d}s" if minutes else f"{seconds}s"


def describe_review(review: Review) -> str:
    """A card's history entry: a line with the local time, grade, mode, time taken and
    points hit, then the draft typed for it, if any."""
    parts = [
        local_time(review.reviewed_at),
        f"{GRADE_NAMES[review.rating]:<5}",
        f"{review.mode.value:<5}",
        f"{describe_duration(review.duration_ms):>7}",
    ]
    if review.points_total:
        parts.append(f"points {review.points_hit or 0}/{review.points_total}")
    if not review.applied:
        parts.append("(schedule not changed)")
    return "\n".join(["  ".join(parts).rstrip(), *describe_draft(review.draft)])


_DRAFT_LABEL = "    draft: "


def describe_draft(draft: str | None) -> list[str]:
    """The lines of a review's typed draft, under its review line; none without one."""
    if draft is None or not draft.strip():
        return []
    lines = draft.strip("\n").splitlines()
    indent = " " * len(_DRAFT_LABEL)
    return [_DRAFT_LABEL + lines[0], *(indent + line for line in lines[1:])]


def describe_schedule(card: StoredCard, scheduler: SrsScheduler, now: datetime, today: date) -> str:
    """Where the card stands, in one line: its FSRS state, due, current interval, chance of
    recall now, whatever keeps it from the queue, and its reviews and lapses."""
    schedule = card.schedule
    if schedule is None:
        parts = ["New: never reviewed"]
    else:
        parts = [
            f"{schedule.state.name.capitalize()}: due {describe_wait(schedule.due, now)} "
            f"({local_time(schedule.due)})"
        ]
        if schedule.last_review is not None:
            parts.append(f"interval {format_interval(schedule.due - schedule.last_review)}")
        parts.append(f"recall now {scheduler.retrievability(schedule, now):.0%}")
    if card.retired:
        parts.append("retired from its deck")
    if card.suspended:
        parts.append("suspended")
    if card.buried_until is not None and card.buried_until > today:
        parts.append(f"buried until {card.buried_until:%a %d %b}")
    parts.append(f"{plural(card.reps, 'review')}, {plural(card.lapses, 'lapse')}")
    if is_leech(card.lapses):
        parts.append("a leech")
    return " · ".join(parts)


LEECH_MARK = "leech"
"""Put before the prompt of a leech in the results."""


def _prompt_cell(hit: CardHit) -> Text:
    # rich Text is never read as markup: card text is shown as typed.
    prompt = Text(one_line(hit.prompt, _PROMPT_WIDTH))
    if not hit.leech:
        return prompt
    return Text.assemble((LEECH_MARK, "bold reverse"), " ", prompt)


_SUSPEND_HELP = "Suspend the card (out of every queue), or unsuspend it"
_BURY_HELP = "Bury the card until tomorrow, or unbury it"


class BrowserScreen(Screen[None]):
    """Every card of the installed decks, searchable; the selected one in full below.

    The screen changes cards itself (suspend, bury, reset) but never starts a drill:
    ``on_drill`` is called with (deck id, card id) and the app decides how to drill it,
    e.g. with ``Session(..., first_card=(deck_id, card_id))``. Without ``on_drill`` the
    drill key is hidden.
    """

    BINDINGS: ClassVar[list[BindingType]] = screen_bindings(
        "card browser",
        Keyed("search", "focus_search", "Search", tooltip="Type a search"),
        Keyed(
            "results",
            "focus_results",
            "Results",
            show=False,
            tooltip="Move from the search to the results",
        ),
        # One key each way: the footer names the one that applies to the selected card.
        Keyed("suspend", "suspend", "Suspend", tooltip=_SUSPEND_HELP),
        Keyed("suspend", "unsuspend", "Unsuspend", tooltip=_SUSPEND_HELP),
        Keyed("bury", "bury", "Bury", tooltip=_BURY_HELP),
        Keyed("bury", "unbury", "Unbury", tooltip=_BURY_HELP),
        Keyed(
            "reset-card",
            "reset",
            "Reset",
            tooltip="Make the card new again (asks first; reviews stay in the log)",
        ),
        Keyed("drill-card", "drill", "Drill", tooltip="Drill this card now"),
        Keyed(
            "own-version",
            "own_version",
            "Own version",
            show=False,
            tooltip=f"Write your own version of the card into {PERSONAL_DECK_ID}",
        ),
        Keyed("add-card", "add_card", "Add", tooltip="Write a new card"),
        Keyed("help", "help", "Help", tooltip="List the keys"),
        Keyed("back", "back", "Back", show="first", tooltip="Leave the browser"),
    )

    HELP_TITLE: ClassVar[str] = "Card browser"
    HELP_SECTIONS: ClassVar[tuple[tuple[str, tuple[str, ...]], ...]] = (
        ("Search", ("search", "results")),
        ("Selected card", ("suspend", "bury", "reset-card", "drill-card", "own-version")),
    )

    _CARD_ACTIONS = frozenset(
        {"suspend", "unsuspend", "bury", "unbury", "reset", "drill", "own_version"}
    )

    def __init__(
        self,
        cards: CardBrowser,
        library: Library,
        *,
        on_drill: DrillCallback | None = None,
        query: str = "",
        **options: Unpack[NodeOptions],
    ) -> None:
        """``cards`` finds and changes the cards; ``library`` takes the ones written here."""
        super().__init__(**options)
        self.cards = cards
        self.library = library
        self.on_drill = on_drill
        self._initial_query = query
        self._query = query
        self._result = SearchResult(hits=(), more=False)
        self._hits: dict[str, CardHit] = {}
        self.selected: StoredCard | None = None
        """The card under the cursor, as last read from the store."""
        self._search_timer: Timer | None = None
        self._allowed: tuple[bool, ...] = ()

    def compose(self) -> ComposeResult:
        yield Input(
            self._initial_query,
            placeholder="Search cards (enter to go to the results)",
            id="browser-search",
        )
        yield Static(Content(SEARCH_HINT), id="browser-hint")
        yield Static("", id="browser-status", markup=False)
        table: DataTable[Text] = DataTable(
            id="results", cursor_type="row", zebra_stripes=True, cell_padding=0
        )
        yield table
        with VerticalScroll(id="detail"):
            yield Static("", id="detail-head", markup=False)
            yield Static("", id="detail-schedule", markup=False, classes="detail-part")
            yield Static(Content("Prompt"), classes="detail-title detail-part")
            yield Static("", id="detail-prompt", markup=False, classes="detail-part")
            yield Static(Content("Answer"), classes="detail-title detail-part")
            yield Static("", id="detail-answer", markup=False, classes="detail-part")
            yield Static(Content("Key points"), classes="detail-title detail-part")
            yield Static("", id="detail-points", markup=False, classes="detail-part")
            yield Static(Content("Tags"), classes="detail-title detail-part")
            yield Static("", id="detail-tags", markup=False, classes="detail-part")
            yield Static(Content("History, newest first"), classes="detail-title detail-part")
            yield Static("", id="detail-history", markup=False, classes="detail-part")
        yield KeyFooter(show_command_palette=False)

    def on_mount(self) -> None:
        self._build_columns()
        self.run_search()
        if self._initial_query:
            self.results.focus()
        else:
            self.search_box.focus()

    # -- parts --------------------------------------------------------------------------

    @property
    def search_box(self) -> Input:
        return self.query_one("#browser-search", Input)

    @property
    def results(self) -> DataTable[Text]:
        table: DataTable[Text] = self.query_one("#results", DataTable)
        return table

    @property
    def hits(self) -> tuple[CardHit, ...]:
        """The cards listed, in order."""
        return self._result.hits

    def _today(self) -> date:
        return self.cards.today()

    # -- searching ----------------------------------------------------------------------

    def _build_columns(self) -> None:
        table = self.results
        for label, width in _COLUMNS:
            table.add_column(label, width=width + 1, key=label.lower())
        table.add_column("Prompt", width=_PROMPT_WIDTH, key="prompt")

    def run_search(self) -> None:
        """Search for what the box holds now and list the result, keeping the cursor's card."""
        if self._search_timer is not None:
            self._search_timer.stop()
            self._search_timer = None
        status = self.query_one("#browser-status", Static)
        now = self.cards.now()
        try:
            result = self.cards.search(self._query, now=now)
        except PrepdeckError as error:
            status.update(Content(str(error)))
            status.add_class("-error")
            # The cards of the last good search are not what this one asks for: left on
            # show, they would read as its answer and the keys would act on them.
            self._result = SearchResult(hits=(), more=False)
            self._fill_table(now)
            self._show_selected()
            return
        status.remove_class("-error")
        kept = self._cursor_key()
        kept_row = self.results.cursor_row
        self._result = result
        self._fill_table(now)
        count = len(result.hits)
        if result.more:
            status.update(Content(f"First {count} cards shown; narrow the search to see others"))
        else:
            status.update(Content(plural(count, "card")))
        self._restore_cursor(kept, kept_row)
        self._show_selected()

    def _fill_table(self, now: datetime) -> None:
        table = self.results
        table.clear()
        self._hits = {}
        sizes = dict(_COLUMNS)
        for hit in self._result.hits:
            key = f"{hit.deck_id}/{hit.card_id}"
            self._hits[key] = hit
            # rich Text is never read as markup: card text is shown as typed.
            table.add_row(
                Text(one_line(hit.deck_id, sizes["Deck"])),
                Text(_KIND_SHORT[hit.kind]),
                Text(hit.status.value),
                Text(describe_wait(hit.due, now)),
                _prompt_cell(hit),
                key=key,
            )

    def _cursor_key(self) -> str | None:
        table = self.results
        if not table.row_count:
            return None
        row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        return row_key.value

    def _restore_cursor(self, key: str | None, row: int = 0) -> None:
        """Put the cursor back on the card ``key``; if it left the list (unsuspended under
        ``is:suspended``, say), on the row where it was."""
        table = self.results
        if not table.row_count:
            return
        if key is not None and key in self._hits:
            row = table.get_row_index(key)
        table.move_cursor(row=min(max(row, 0), table.row_count - 1), animate=False)

    @on(Input.Changed, "#browser-search")
    def _search_typed(self, event: Input.Changed) -> None:
        self._query = event.value
        if self._search_timer is not None:
            self._search_timer.stop()
        self._search_timer = self.set_timer(SEARCH_DELAY, self.run_search)

    @on(Input.Submitted, "#browser-search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        self._query = event.value
        self.run_search()
        if not self.query_one("#browser-status", Static).has_class("-error"):
            self.results.focus()

    def on_screen_resume(self, event: ScreenResume) -> None:
        # A drill, a reset or a new card may have changed what the list shows.
        if self.is_mounted and self.results.columns:
            self.run_search()

    # -- the selected card --------------------------------------------------------------

    @on(DataTable.RowHighlighted, "#results")
    def _row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_selected()

    def _show_selected(self) -> None:
        key = self._cursor_key()
        hit = self._hits.get(key) if key is not None else None
        self.selected = None
        if hit is not None:
            try:
                self.selected = self.cards.find(hit.deck_id, hit.card_id)
                history = self.cards.history(hit.deck_id, hit.card_id)
            except PrepdeckError as error:
                report_error(self, error, "Cannot show the card")
                history = []
        else:
            history = []
        self._render_detail(history)
        # The footer is rebuilt on each refresh, which costs more than the rest of a cursor
        # move: only do it when what the keys may do has changed.
        allowed = tuple(self._card_action_allowed(action) for action in sorted(self._CARD_ACTIONS))
        if allowed != self._allowed:
            self._allowed = allowed
            self.refresh_bindings()

    def _render_detail(self, history: list[Review]) -> None:
        card = self.selected
        self.set_class(card is None, "-empty")
        head = self.query_one("#detail-head", Static)
        if card is None:
            head.update(Content(self._nothing_listed()))
            return
        now = self.cards.now()
        deck_title = self.cards.deck_title(card.deck_id)
        head.update(
            Content(f"{deck_title} ({card.deck_id}) / {card.card_id} · {card.card.kind.value}")
        )
        self._set(
            "#detail-schedule", describe_schedule(card, self.cards.scheduler, now, self._today())
        )
        self._set("#detail-prompt", card.card.prompt.rstrip())
        self._set("#detail-answer", shown_answer(card.card.answer))
        points = card.card.points
        self._set("#detail-points", "\n".join(f"- {p}" for p in points) or "(none)")
        self._set("#detail-tags", ", ".join(card.card.tags) or "(none)")
        lines = [describe_review(review) for review in reversed(history)]
        self._set("#detail-history", "\n".join(lines) or "Not reviewed yet.")
        self.query_one("#detail", VerticalScroll).scroll_home(animate=False)

    def _nothing_listed(self) -> str:
        if self.query_one("#browser-status", Static).has_class("-error"):
            return "Fix the search to list cards."
        return "No card matches." if self._query.strip() else "No cards."

    def _set(self, selector: str, text: str) -> None:
        # Content() takes text literally: a card's [brackets] are never read as markup.
        self.query_one(selector, Static).update(Content(text))

    # -- keys ---------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not self.is_mounted:
            return True
        typing = self.focused is self.search_box
        if action == "focus_results":
            return typing
        if action in self._CARD_ACTIONS:
            # Letters typed into the search box are text, not commands.
            if typing:
                return False
            return self._card_action_allowed(action)
        return True

    def _card_action_allowed(self, action: str) -> bool:
        card = self.selected
        if card is None:
            return False
        buried = card.buried_until is not None and card.buried_until > self._today()
        if action == "suspend":
            return not card.suspended and not card.retired
        if action == "unsuspend":
            return card.suspended
        if action == "bury":
            return not buried and not card.suspended and not card.retired
        if action == "unbury":
            return buried
        if action == "reset":
            return card.schedule is not None
        if action == "drill":
            return self.on_drill is not None and not card.retired
        return True

    @reports_errors("Not done", timeout=8)
    def _act(self, change: Callable[[StoredCard], None], done: str) -> None:
        card = self.selected
        if card is None:
            return
        change(card)
        self.notify(done, timeout=3, markup=False)
        self.run_search()

    def action_suspend(self) -> None:
        self._act(
            lambda c: self.cards.actions.set_suspended(c.deck_id, c.card_id, True),
            "Suspended: kept out of every queue.",
        )

    def action_unsuspend(self) -> None:
        self._act(
            lambda c: self.cards.actions.set_suspended(c.deck_id, c.card_id, False),
            "Unsuspended: back in the queue.",
        )

    def action_bury(self) -> None:
        self._act(
            lambda c: self.cards.actions.bury(c.deck_id, c.card_id),
            "Buried until tomorrow.",
        )

    def action_unbury(self) -> None:
        self._act(
            lambda c: self.cards.actions.unbury(c.deck_id, c.card_id),
            "Unburied: back in today's queue.",
        )

    def action_reset(self) -> None:
        card = self.selected
        if card is None:
            return
        question = (
            f"Reset the progress of {card.card_id} ({card.deck_id})? It becomes a new card "
            "again. Its reviews stay in the log, but its schedule starts over."
        )

        def answered(yes: bool | None) -> None:
            if yes:
                self._act(
                    lambda c: self.cards.actions.reset(c.deck_id, c.card_id),
                    "Progress reset: the card is new again.",
                )

        self.app.push_screen(ConfirmScreen(question, yes="Reset"), answered)

    def action_drill(self) -> None:
        card = self.selected
        if card is None or self.on_drill is None:
            return
        if card.suspended:
            self.notify(
                f"Unsuspend the card first ({self._keys('suspend')}).",
                severity="warning",
                timeout=4,
                markup=False,
            )
            return
        self.on_drill(card.deck_id, card.card_id)

    def action_own_version(self) -> None:
        card = self.selected
        if card is None:
            return
        self.app.push_screen(
            AddCardScreen(self.library, prefill=card.card),
            self._added,
        )

    def action_add_card(self) -> None:
        self.app.push_screen(AddCardScreen(self.library), self._added)

    def _added(self, added: tuple[str, str] | None) -> None:
        if added is not None:
            self.notify(f"Added {added[1]} to {added[0]}.", timeout=3, markup=False)

    def action_focus_search(self) -> None:
        self.search_box.focus()

    def action_focus_results(self) -> None:
        self.results.focus()

    def action_back(self) -> None:
        self.dismiss()

    def _keys(self, binding_id: str) -> str:
        return keys_display(self.app, self.BINDINGS, binding_id, keys_in_force(self.app))

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()

    # -- help ---------------------------------------------------------------------------

    def action_help(self) -> None:
        # The generic list of keys, plus what no binding can say: how to write a search.
        help_screen = HelpScreen.for_screen(self)
        help_screen.sections.append(HelpSection("Search words and filters", SEARCH_SYNTAX))
        self.app.push_screen(help_screen)
