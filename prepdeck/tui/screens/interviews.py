"""Interviews: the ones to come, soonest first, with how ready you are for each; past
ones after them, dimmed, until removed. The selected one in full below: readiness by
kind and by deck, its note, and its needs (the cards of its own deck)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, ClassVar, cast

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.timer import Timer
from textual.widgets import DataTable, Static

from prepdeck.domain.countdown import countdown, countdown_changes_in
from prepdeck.domain.plural import plural
from prepdeck.errors import PrepdeckError
from prepdeck.prep.interviews import DECK_PREFIX, Interview, is_upcoming, need_text
from prepdeck.tui.failures import report_error, reports_errors
from prepdeck.tui.interview_text import KIND_NAMES, percent, when, when_in_full
from prepdeck.tui.keys import Keyed, binding_with_id, key_display, keys_in_force, screen_bindings
from prepdeck.tui.measure import ReadinessMeasured, measure_readiness
from prepdeck.tui.screens.base import ServicesScreen
from prepdeck.tui.widgets.footer import KeyFooter
from prepdeck.tui.widgets.row_table import RowTable, row_bindings

if TYPE_CHECKING:
    from prepdeck.domain.cards import Card
    from prepdeck.prep.debrief import SavedDebrief
    from prepdeck.prep.readiness import Readiness
    from prepdeck.tui.app import PrepdeckApp

_WHEN_WIDTH = 16
_LEFT_WIDTH = 15
_READY_WIDTH = 5
_REDRAW_MARGIN = 1.0
"""Seconds after a countdown's words change that the list is drawn again."""
_PENDING = "…"
"""Shown for a readiness still being measured."""
_NAME_WIDTH = 40
"""The most columns a name takes: on a wide terminal the figures stay near it."""
_PARTS = ("note", "debrief", "needs", "kinds", "decks")
"""The parts shown under the selected interview's readiness, in order."""


class InterviewTable(RowTable, inherit_bindings=False):
    BINDINGS: ClassVar[list[BindingType]] = row_bindings("interviews screen")
    HELP_TITLE: ClassVar[str] = "Interview list"


class InterviewsScreen(ServicesScreen[None]):
    """The interviews of a home; read again whenever the screen comes back on show, and
    when the next of them begins."""

    AUTO_FOCUS = "#interview-list"

    BINDINGS: ClassVar[list[BindingType]] = screen_bindings(
        "interviews screen",
        Keyed("interview-add", "add", "Add", tooltip="Add an interview: its time, decks and note"),
        Keyed(
            "interview-need",
            "need",
            "Need",
            tooltip="Add what the company needs: a card to answer, in the interview's own deck",
        ),
        Keyed(
            "interview-cram",
            "cram",
            "Cram",
            tooltip="Cram now for the selected interview: its weakest cards at its time",
        ),
        Keyed(
            "interview-debrief",
            "debrief",
            "Debrief",
            tooltip="After the interview: what surprised you, what went well, what to change",
        ),
        Keyed(
            "day-of",
            "day_of",
            "Checklist",
            tooltip="The day-of checklist of the selected interview: pitch, needs, "
            "what could go wrong, questions to ask",
        ),
        Keyed(
            "interview-coverage",
            "coverage",
            "Coverage",
            tooltip="How far your answers and stories cover the selected interview's questions",
        ),
        Keyed(
            "interview-remove",
            "remove",
            "Remove",
            tooltip="Remove the selected interview (asks first; its cards are kept)",
        ),
        Keyed("back", "back", "Back", tooltip="Back to the home"),
    )
    HELP_TITLE: ClassVar[str] = "Interviews"

    upcoming: Sequence[Interview] = ()
    """The interviews to come, soonest first, as listed."""
    past: Sequence[Interview] = ()
    """The interviews whose time has come, the latest first, listed after the others."""
    readiness: Mapping[str, Readiness] = {}
    """Readiness of each interview to come, by name, once measured."""
    _measure_request = 0
    _tick_timer: Timer | None = None
    _titles: Mapping[str, str] = {}

    def compose(self) -> ComposeResult:
        yield Static(Content("Interviews"), id="interviews-title")
        yield Static("", id="interviews-about", markup=False)
        yield InterviewTable(id="interview-list")
        with VerticalScroll(id="interview-detail"), Vertical(id="interview-card"):
            yield Static("", id="interview-head", markup=False)
            yield Static("", id="interview-ready", markup=False)
            # The user's own words first; the breakdown by deck can be long.
            for part in _PARTS:
                yield Static("", id=f"interview-{part}", markup=False, classes="interview-part")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.reload()
        # The list is drawn first; readiness comes from a worker when it is ready.
        self.call_after_refresh(self.measure)

    def on_resize(self) -> None:
        # The name column takes what the others leave.
        if self.rows:
            self._show_rows()

    async def read_again(self) -> None:
        # Back from a cram: the figures moved.
        self.reload()
        self.measure()

    # -- reading -------------------------------------------------------------------------

    @property
    def table(self) -> InterviewTable:
        return self.query_one("#interview-list", InterviewTable)

    @property
    def rows(self) -> list[Interview]:
        """Every interview in the order of the list's rows."""
        return [*self.upcoming, *self.past]

    @property
    def selected(self) -> Interview | None:
        rows = self.rows
        row = self.table.cursor_row
        if not rows or not 0 <= row < len(rows):
            return None
        return rows[row]

    def _key(self, binding_id: str) -> str:
        return key_display(
            self.app, binding_with_id(self.BINDINGS, binding_id), keys_in_force(self.app)
        )

    def reload(self, select: str | None = None) -> None:
        """Read the interviews again and show them, with ``select`` selected (by name), or
        else the same one as before."""
        selected = self.selected
        try:
            interviews = self.services.interviews
            self.upcoming = interviews.upcoming()
            self.past = interviews.past()
            self._titles = {deck.id: deck.title for deck in self.services.library.installed()}
        except PrepdeckError as error:
            report_error(self, error, "Cannot read the interviews")
            return
        if select is None and selected is not None:
            select = selected.name
        self._show_rows(select)

    def _show_rows(self, keep: str | None = None) -> None:
        table = self.table
        if keep is None and (selected := self.selected) is not None:
            keep = selected.name
        table.clear(columns=True)
        padding = 2 * table.cell_padding
        width = (self.size.width or 80) - 2
        rest = _WHEN_WIDTH + _LEFT_WIDTH + _READY_WIDTH + 4 * padding + 1
        name_width = min(_NAME_WIDTH, max(10, width - rest))
        table.add_column(Text("Interview"), width=name_width, key="name")
        table.add_column(Text("When"), width=_WHEN_WIDTH, key="when")
        table.add_column(Text(""), width=_LEFT_WIDTH, key="left")
        table.add_column(Text("Ready", justify="right"), width=_READY_WIDTH, key="ready")
        now = self.services.clock.now()
        for interview in self.upcoming:
            table.add_row(
                _cell(interview.name, name_width),
                Text(when(interview.at)),
                Text(countdown(interview.at, now)),
                Text(self._ready_text(interview), justify="right"),
                key=interview.name,
            )
        for interview in self.past:
            table.add_row(
                _cell(interview.name, name_width, "dim"),
                Text(when(interview.at), style="dim"),
                Text(countdown(interview.at, now), style="dim"),
                Text("past", style="dim italic", justify="right"),
                key=interview.name,
            )
        for index, interview in enumerate(self.rows):
            if interview.name == keep:
                table.move_cursor(row=index, animate=False)
        self.set_class(not self.rows, "-empty")
        self._show_about()
        self._show_selected()
        self._schedule_tick()
        self.refresh_bindings()

    def _ready_text(self, interview: Interview) -> str:
        measured = self.readiness.get(interview.name)
        return _PENDING if measured is None else percent(measured.expected_recall)

    def measure(self) -> None:
        """Measure the readiness of every interview to come, in a worker."""
        self._measure_request += 1
        if self.upcoming:
            measure_readiness(self, self.services, self.upcoming, self._measure_request)

    def on_readiness_measured(self, message: ReadinessMeasured) -> None:
        if message.request != self._measure_request:
            return  # overtaken by a later measure
        if message.error is not None:
            report_error(self, message.error, "Cannot measure readiness")
            return
        self.readiness = message.readiness
        table = self.table
        for interview in self.upcoming:
            if interview.name in message.readiness:
                table.update_cell(
                    interview.name,
                    "ready",
                    Text(self._ready_text(interview), justify="right"),
                )
        self._show_selected()

    # -- time ----------------------------------------------------------------------------

    def _schedule_tick(self) -> None:
        if self._tick_timer is not None:
            self._tick_timer.stop()
            self._tick_timer = None
        rows = self.rows
        if not rows:
            return
        now = self.services.clock.now()
        wait = min(countdown_changes_in(one.at, now) for one in rows).total_seconds()
        self._tick_timer = self.set_timer(wait + _REDRAW_MARGIN, self.tick)

    def tick(self) -> None:
        """Redraw the countdowns as they read now; an interview that has begun moves to
        the past ones."""
        now = self.services.clock.now()
        if any(not is_upcoming(one.at, now) for one in self.upcoming):
            self.reload()
            self.measure()
        else:
            self._show_rows()

    # -- the selected interview ----------------------------------------------------------

    def _show_about(self) -> None:
        about = self.query_one("#interviews-about", Static)
        if self.rows:
            about.update(Content(""))
            return
        about.update(
            Content.assemble(
                "No interviews yet. ",
                (self._key("interview-add"), "bold"),
                " adds one: when it is, which decks it is about, a note. Then see how "
                "ready you are for it, add what the company needs, and cram before it.",
            )
        )

    def _show_selected(self) -> None:
        interview = self.selected
        head = self.query_one("#interview-head", Static)
        ready = self.query_one("#interview-ready", Static)
        parts = {part: self.query_one(f"#interview-{part}", Static) for part in _PARTS}
        if interview is None:
            for widget in (head, ready, *parts.values()):
                widget.update("")
            return
        now = self.services.clock.now()
        coming = is_upcoming(interview.at, now)
        head.update(
            Content.assemble(
                (interview.name, "bold"),
                f" · {when_in_full(interview.at)} · {countdown(interview.at, now)}",
                "" if coming else " (past)",
            )
        )
        measured = self.readiness.get(interview.name) if coming else None
        ready.update(self._ready_line(measured, coming))
        note = interview.note
        texts = {
            "note": Content.assemble(("Note  ", "bold"), note) if note else Content(""),
            "debrief": Content("") if coming else self._debrief_text(interview),
            "needs": self._needs_text(interview),
            "kinds": self._kinds_text(measured),
            "decks": self._decks_text(interview, measured),
        }
        for part, text in texts.items():
            parts[part].update(text)
            # An empty part takes no room, its margin included.
            parts[part].set_class(not text.plain, "-blank")

    def _ready_line(self, measured: Readiness | None, coming: bool) -> Content:
        if not coming:
            return Content.assemble(
                "Its time has come. ",
                (self._key("interview-debrief"), "bold"),
                " writes down how it went; ",
                (self._key("interview-remove"), "bold"),
                " removes it, keeping its own cards and their reviews.",
            )
        if measured is None:
            return Content(f"Ready {_PENDING} measuring what you would recall then.")
        unseen = f", {measured.unseen} never reviewed" if measured.unseen else ""
        return Content.assemble(
            ("Ready ", "bold"),
            (percent(measured.expected_recall), "bold"),
            f": what you would recall of its {plural(measured.cards, 'card')} at its time{unseen}.",
        )

    def _kinds_text(self, measured: Readiness | None) -> Content:
        if measured is None or not measured.per_kind:
            return Content("")
        kinds = " · ".join(
            f"{KIND_NAMES.get(kind, kind)} {percent(share)}"
            for kind, share in measured.per_kind.items()
        )
        return Content.assemble(("By kind  ", "bold"), kinds)

    def _decks_text(self, interview: Interview, measured: Readiness | None) -> Content:
        if measured is None or not measured.per_deck:
            return Content("")
        lines = [
            f"{percent(share):>5}  {self._deck_title(interview, deck_id)}"
            for deck_id, share in sorted(
                measured.per_deck.items(), key=lambda item: (item[1], item[0])
            )
        ]
        return Content.assemble(("By deck, weakest first", "bold"), "\n", "\n".join(lines))

    def _deck_title(self, interview: Interview, deck_id: str) -> str:
        if deck_id == interview.deck_id:
            return "Its needs"
        return self._titles.get(deck_id, deck_id)

    def _debrief_text(self, interview: Interview) -> Content:
        try:
            kept = self.services.debriefs.get(interview.name)
        except PrepdeckError as error:
            return Content(f"Debrief: {error}")
        if kept is None:
            return Content("")
        lines = [
            f"{title}: {text}"
            for title, text in (
                ("Went well", kept.went_well),
                ("Would do differently", kept.to_change),
            )
            if text
        ]
        if kept.surprises:
            lines.append(f"Surprised by {plural(len(kept.surprises), 'question')}")
        return Content.assemble(("Debrief  ", "bold"), "\n".join(lines))

    def _needs_text(self, interview: Interview) -> Content:
        try:
            needs: list[Card] = self.services.interviews.needs(interview.name)
        except PrepdeckError as error:
            return Content(f"Needs: {error}")
        add = (self._key("interview-need"), "bold")
        if not needs:
            return Content.assemble(
                ("Needs  ", "bold"),
                "none yet. ",
                add,
                " adds what the company needs, as a card asking what you have done that shows it.",
            )
        items = "\n".join(f"• {need_text(card.prompt)}" for card in needs)
        return Content.assemble(
            ("Needs  ", "bold"),
            f"{len(needs)}, in deck {interview.deck_id}; ",
            add,
            " adds one\n",
            items,
        )

    @on(DataTable.RowHighlighted, "#interview-list")
    def _highlighted(self) -> None:
        self._show_selected()
        self.refresh_bindings()

    @on(DataTable.RowSelected, "#interview-list")
    def _clicked(self, event: DataTable.RowSelected) -> None:
        event.stop()  # the keys act, so a click never removes or crams by accident

    # -- keys ----------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("need", "remove", "debrief", "day_of", "coverage"):
            return self.selected is not None
        if action == "cram":
            interview = self.selected
            return interview is not None and is_upcoming(interview.at, self.services.clock.now())
        return True

    @reports_errors("Cannot add an interview")
    def action_add(self) -> None:
        from prepdeck.tui.dialogs.add_interview import AddInterviewScreen

        # Another interview's own deck is its business, not this one's.
        decks = sorted(
            (
                (deck.id, deck.title)
                for deck in self.services.library.installed()
                if not deck.id.startswith(DECK_PREFIX)
            ),
            key=lambda choice: choice[1].casefold(),
        )
        self.app.push_screen(
            AddInterviewScreen(self.services.interviews, self.services.clock, decks),
            self._added,
        )

    def _added(self, added: Interview | None) -> None:
        if added is None:
            return
        self.notify(
            f"Added {added.name}: {when_in_full(added.at)}, "
            f"{countdown(added.at, self.services.clock.now())}.",
            timeout=4,
            markup=False,
        )
        self.reload(select=added.name)
        self.measure()

    def action_need(self) -> None:
        from prepdeck.tui.dialogs.add_need import AddNeedScreen

        interview = self.selected
        if interview is None:
            return
        self.app.push_screen(
            AddNeedScreen(self.services.interviews, interview.name), self._need_added
        )

    def _need_added(self, card: Card | None) -> None:
        interview = self.selected
        if card is None or interview is None:
            return
        self.notify(
            f"Added to {interview.deck_id}: {card.prompt}\n"
            "Write your example as its answer, in the card browser.",
            timeout=5,
            markup=False,
        )
        self.reload()
        self.measure()

    @reports_errors("Cannot open the debrief")
    def action_debrief(self) -> None:
        from prepdeck.tui.dialogs.debrief import DebriefScreen

        interview = self.selected
        if interview is None:
            return
        if is_upcoming(interview.at, self.services.clock.now()):
            self.notify(
                f"{interview.name} is still ahead: a debrief is for after the interview.",
                severity="warning",
                timeout=4,
                markup=False,
            )
            return
        debriefs = self.services.debriefs
        kept = debriefs.get(interview.name)
        self.app.push_screen(DebriefScreen(debriefs, interview.name, kept), self._debriefed)

    def _debriefed(self, saved: SavedDebrief | None) -> None:
        if saved is None:
            return
        self.notify(
            f"Debrief of {saved.debrief.interview} saved. {_cards_added(saved)}",
            timeout=5,
            markup=False,
        )
        self.reload()
        self.measure()

    def action_remove(self) -> None:
        from prepdeck.tui.dialogs.confirm import ConfirmScreen

        interview = self.selected
        if interview is None:
            return
        try:
            needs = len(self.services.interviews.needs(interview.name))
        except PrepdeckError as error:
            report_error(self, error, "Not removed")
            return
        if needs:
            kept = (
                f"Its own deck {interview.deck_id} ({plural(needs, 'card')}) leaves the "
                "drill; its cards and their reviews are kept, for an interview of the "
                "same name added later."
            )
        else:
            kept = "It has no needs yet, so nothing else is removed."
        question = f"Remove the interview {interview.name}? {kept}"

        def answered(yes: bool | None) -> None:
            if yes:
                self._remove(interview)

        self.app.push_screen(ConfirmScreen(question, yes="Remove"), answered)

    @reports_errors("Not removed")
    def _remove(self, interview: Interview) -> None:
        self.services.interviews.remove(interview.name)
        self.notify(f"Removed {interview.name}.", timeout=3, markup=False)
        self.reload()
        self.measure()

    def action_cram(self) -> None:
        interview = self.selected
        if interview is None or not is_upcoming(interview.at, self.services.clock.now()):
            return
        # The app opens the cram and reports why when it cannot.
        cast("PrepdeckApp", self.app).start_cram(interview=interview.name)

    def action_day_of(self) -> None:
        interview = self.selected
        if interview is not None:
            # Any day, past ones too: a checklist is prepared ahead and read after.
            cast("PrepdeckApp", self.app).open_day_of(interview.name)

    def action_coverage(self) -> None:
        from prepdeck.tui.screens.coverage import CoverageScreen

        interview = self.selected
        if interview is not None:
            self.app.push_screen(CoverageScreen(interview=interview.name))

    def action_back(self) -> None:
        self.dismiss()


def _cards_added(saved: SavedDebrief) -> str:
    added = len(saved.added)
    if added:
        return (
            f"{plural(added, 'card')} added to {saved.deck_id}: "
            "write your answers in the card browser."
        )
    if saved.debrief.surprises:
        return "No new card: each surprise is a card already."
    return "No surprise to make a card of."


def _cell(text: str, width: int, style: str = "") -> Text:
    cell = Text(" ".join(text.split()), style=style, no_wrap=True, overflow="ellipsis")
    cell.truncate(width, overflow="ellipsis")
    return cell
