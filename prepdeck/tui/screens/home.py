"""The home: the decks with their figures, today's totals, and the way into everything else."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.timer import Timer
from textual.widgets import Static

from prepdeck.domain.days import day_end
from prepdeck.domain.plural import plural
from prepdeck.errors import PrepdeckError
from prepdeck.reports.overview import DeckRow
from prepdeck.reports.today import TodayFigures
from prepdeck.tui.deck_text import describe_source, licence_text
from prepdeck.tui.failures import report_error, reports_errors
from prepdeck.tui.keys import Keyed, binding_with_id, key_display, keys_in_force, screen_bindings
from prepdeck.tui.measure import PlanMeasured, ReadinessMeasured, measure_plan, measure_readiness
from prepdeck.tui.screens.base import ServicesScreen
from prepdeck.tui.widgets.deck_table import DeckHeader, DeckTable, Limits
from prepdeck.tui.widgets.figures import FigureRow, FigureTile, day_tiles, format_spent
from prepdeck.tui.widgets.footer import KeyFooter
from prepdeck.tui.widgets.top_line import TopLine

if TYPE_CHECKING:
    from textual.widget import Widget

    from prepdeck.prep.debrief import FollowUp
    from prepdeck.prep.interviews import Interview
    from prepdeck.tui.app import PrepdeckApp
    from prepdeck.tui.dialogs.limits import DeckLimits
    from prepdeck.tui.widgets.follow_ups import FollowUps
    from prepdeck.tui.widgets.next_interview import NextInterview
    from prepdeck.tui.widgets.plan_line import PlanLine


class HomeScreen(ServicesScreen[None]):
    """What the app opens on. Its figures are read again whenever it comes back on show."""

    AUTO_FOCUS = "#decks"

    # Below 20 rows the lines about the interviews take the hint line's place, so the
    # deck list keeps some rows (`-short` in the stylesheet).
    VERTICAL_BREAKPOINTS = [(0, "-short"), (20, "-tall")]  # noqa: RUF012

    BINDINGS: ClassVar[list[BindingType]] = screen_bindings(
        "home screen",
        Keyed("drill-deck", "drill_deck", "Drill", show="first", tooltip="Drill the selected deck"),
        Keyed("drill-all", "drill_all", "All decks", tooltip="Drill every deck not paused"),
        Keyed("pause", "toggle_pause", "Pause", tooltip="Pause or resume the selected deck"),
        Keyed("limits", "limits", "Limits", tooltip="Daily limits of the selected deck"),
        Keyed(
            "catch-up",
            "catch_up",
            "Catch-up",
            tooltip="How the overdue cards spread over the next days",
        ),
        Keyed(
            "leeches",
            "leeches",
            "Leeches",
            tooltip="Cards you keep failing: suspend them or write your own",
        ),
        Keyed(
            "interviews",
            "interviews",
            "Interviews",
            tooltip="Your interviews and how ready you are for each",
        ),
        Keyed(
            "stats",
            "stats",
            "Stats",
            tooltip="Your progress: a year of reviews, retention, what falls due, weak cards",
        ),
        Keyed(
            "stories",
            "stories",
            "My stories",
            show=False,
            tooltip="Your STAR stories: write them, link them to questions, drill them",
        ),
        Keyed(
            "follow-up-dismiss",
            "dismiss_follow_up",
            "Follow-up done",
            show=False,
            tooltip="Mark the first follow-up shown as done: no more reminders of it",
        ),
        Keyed(
            "day-of",
            "day_of",
            "Day of",
            show=False,
            tooltip="The checklist of today's interview",
        ),
        Keyed(
            "get-decks",
            "get_decks",
            "Get decks",
            tooltip="Search the deck sources, install decks and their updates",
        ),
        Keyed("browse", "browse", "Browse", show=False, tooltip="Browse the cards"),
        Keyed("add-card", "add_card", "Add card", show=False, tooltip="Add a card"),
        Keyed("settings", "settings", "Settings", show=False, tooltip="Settings"),
        Keyed(
            "theme",
            "app.toggle_theme",
            "Theme",
            show=False,
            tooltip="Switch between the light and the dark theme",
        ),
        Keyed("back", "quit_app", "Quit", tooltip="Quit prepdeck"),
    )
    HELP_TITLE: ClassVar[str] = "Home"

    figures: TodayFigures | None = None
    leeches: int | None = None
    """Leeches still drilled; None until counted (after the first frame)."""
    next_interview: Interview | None = None
    """The soonest interview still to come, if any."""
    _refresh_timer: Timer | None = None
    _measure_request = 0
    # The lines a home may hide, built when first needed (see ``compose``): a home with
    # none to show imports their modules only after its first frame.
    _next_widget: NextInterview | None = None
    _plan_widget: PlanLine | None = None
    _follow_ups_widget: FollowUps | None = None
    _no_decks_widget: Static | None = None

    @property
    def prepdeck(self) -> PrepdeckApp:
        return cast("PrepdeckApp", self.app)

    @property
    def _next_line(self) -> NextInterview:
        if self._next_widget is None:
            from prepdeck.tui.widgets.next_interview import NextInterview

            self._next_widget = NextInterview(
                self.services.clock,
                action="interviews",
                is_today=self.services.is_interview_day,
                day_of_key=self._key("day-of"),
                id="next-interview",
            )
        return self._next_widget

    @property
    def _plan_line(self) -> PlanLine:
        if self._plan_widget is None:
            from prepdeck.tui.widgets.plan_line import PlanLine

            self._plan_widget = PlanLine(id="plan-line")
        return self._plan_widget

    @property
    def _follow_ups(self) -> FollowUps:
        if self._follow_ups_widget is None:
            from prepdeck.tui.widgets.follow_ups import FollowUps

            self._follow_ups_widget = FollowUps(id="follow-ups")
        return self._follow_ups_widget

    @property
    def _no_decks(self) -> Static:
        if self._no_decks_widget is None:
            self._no_decks_widget = Static(
                Content.assemble(
                    "No decks installed. ",
                    (self._key("get-decks"), "bold"),
                    " gets decks from a source; a file installs with: prepdeck deck install "
                    "FILE\nA removed deck comes back when installed again.",
                ),
                id="no-decks",
            )
        return self._no_decks_widget

    def compose(self) -> ComposeResult:
        # The breakpoint's class, set before the widgets mount rather than by the first
        # resize, which would send every one of them through the stylesheet again.
        height = self.app.size.height
        self.add_class(max(b for b in self.VERTICAL_BREAKPOINTS if height >= b[0])[1])
        # Read here, not after mounting: the first frame shows the decks, not an empty list.
        figures, limits = self._read()
        self.figures = figures
        self.next_interview = self._read_next_interview()
        # Which of the lines a home hides when empty its first frame shows.
        interview_shown = self.next_interview is not None
        follow_ups_due = bool(self._read_follow_ups())
        no_decks_shown = figures is not None and not figures.decks
        if interview_shown or follow_ups_due or no_decks_shown:
            # Their rules, read only by a home that shows one in its first frame; any
            # other reads them just after it.
            self.prepdeck.read_home_line_styles()
        # Their classes too: set by `_show_figures` after mounting, either would restyle
        # every widget of the home before its first frame.
        self.set_class(interview_shown, "-interview")
        self.set_class(no_decks_shown, "-no-decks")
        # The lines this home hides (an interview to come, its plan, follow-ups due, the
        # word that no deck is installed) are built and mounted just after the first
        # frame (`_mount_hidden`): each widget mounted before it is styled, laid out and
        # sent its messages, for nothing on screen, and their modules are imported for
        # nothing. The plan comes after that frame anyway.
        yield TopLine(self._date(), id="home-top")
        yield FigureRow(
            *day_tiles(),
            FigureTile("leeches", action="leeches", id="leech-count"),
            id="today",
        )
        if interview_shown:
            yield self._next_line
        if follow_ups_due:
            yield self._follow_ups
        yield Static("", id="home-hint", markup=False)
        header = DeckHeader(id="deck-header", markup=False)
        yield header
        yield DeckTable(figures.decks if figures else (), limits, header=header, id="decks")
        yield Static("", id="deck-about", markup=False)
        if no_decks_shown:
            yield self._no_decks
        # The palette key is in the hint line and the help; the footer needs the room.
        yield KeyFooter(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self._show_figures()
        self.watch(self.table, "cursor", self._show_deck_about, init=False)
        # Counting leeches reads the whole review log: it can wait for the first frame.
        self.call_after_refresh(self._after_first_frame)

    def _after_first_frame(self) -> None:
        self._mount_hidden()
        self.count_leeches()
        self._measure_next_interview()
        self._offer_catch_up()
        self._schedule_refresh()

    def _mount_hidden(self) -> None:
        """Mount the lines ``compose`` left out, each in its place."""
        if not self.is_attached:
            return  # the app quit before its first frame was done
        self.prepdeck.read_home_line_styles()
        previous: Widget = self.query_one("#today", FigureRow)
        for line in (self._next_line, self._plan_line, self._follow_ups):
            if line.parent is None:
                self.mount(line, after=previous)
            previous = line
        if self._no_decks.parent is None:
            self.mount(self._no_decks, after="#deck-about")

    async def read_again(self) -> None:
        # Back from a drill, a form or a list: any of them may have changed the figures.
        await self.refresh_figures()
        self.count_leeches()

    # -- figures -------------------------------------------------------------------------

    @property
    def table(self) -> DeckTable:
        return self.query_one("#decks", DeckTable)

    @property
    def selected(self) -> DeckRow | None:
        return self.table.selected_deck

    def _key(self, binding_id: str) -> str:
        # `?` is the app's, shared by every screen.
        bindings = [*self.BINDINGS, *type(self.app).BINDINGS]
        return key_display(self.app, binding_with_id(bindings, binding_id), keys_in_force(self.app))

    def _read(self) -> tuple[TodayFigures | None, dict[str, Limits]]:
        services = self.services
        try:
            figures = services.today_figures()
            limits = {
                deck.id: (deck.new_per_day, deck.reviews_per_day)
                for deck in services.library.installed()
            }
        except PrepdeckError as error:
            report_error(self, error, "Cannot read the decks")
            return None, {}
        return figures, limits

    def _read_next_interview(self) -> Interview | None:
        try:
            upcoming = self.services.interviews.upcoming()
        except PrepdeckError as error:
            report_error(self, error, "Cannot read the interviews")
            return None
        return upcoming[0] if upcoming else None

    async def refresh_figures(self) -> None:
        """Read the decks and today's figures again and show them."""
        figures, limits = self._read()
        if figures is None:
            return
        self.figures = figures
        self.next_interview = self._read_next_interview()
        await self.table.show_decks(figures.decks, limits)
        self._show_figures()
        self._measure_next_interview()
        self._schedule_refresh()

    def _measure_next_interview(self) -> None:
        """Measure the next interview's readiness in a worker; the line says so meanwhile
        and shows the figure when it comes (``on_readiness_measured``)."""
        interview = self.next_interview
        line = self._next_line
        self._measure_request += 1
        if interview is None:
            line.show(None)
            self._plan_line.show(None)
            return
        shown = line.interview
        # The figure already shown stays until the new one comes: a drill moves it little.
        keep = shown is not None and shown.name == interview.name
        line.show(interview, ready=line.ready if keep else None, measuring=True)
        measure_readiness(self, self.services, [interview], self._measure_request)
        measure_plan(self, self.services, interview, self._measure_request)

    def on_readiness_measured(self, message: ReadinessMeasured) -> None:
        if message.request != self._measure_request:
            return  # overtaken by a later measure
        line = self._next_line
        if message.error is not None:
            report_error(self, message.error, "Cannot measure readiness")
        interview = self.next_interview
        measured = message.readiness.get(interview.name) if interview is not None else None
        line.show(
            interview,
            ready=measured.expected_recall if measured is not None else None,
        )

    def on_plan_measured(self, message: PlanMeasured) -> None:
        if message.request != self._measure_request:
            return  # overtaken by a later measure
        if message.error is not None:
            report_error(self, message.error, "Cannot plan to the interview")
        self._plan_line.show(message.plan)

    def refresh_wait(self) -> float:
        """Seconds until the figures change by themselves: a card falls due, the day
        turns (new cards, a new date), or the next interview begins. A second over, so
        the card is due by then."""
        services = self.services
        now = services.clock.now()
        turn = day_end(services.today(), services.config.day_start_hour)
        try:
            next_due = services.next_due(now)
        except PrepdeckError:
            next_due = None
        moment = turn if next_due is None else min(next_due, turn)
        if self.next_interview is not None:
            # Once it has begun, the line moves on to the interview after it.
            moment = min(moment, self.next_interview.at)
        return max((moment - now).total_seconds(), 0.0) + 1.0

    def _schedule_refresh(self) -> None:
        # A home left on screen would otherwise say "0 due" beside a drill or a browser
        # that already counts the card.
        if self._refresh_timer is not None:
            self._refresh_timer.stop()
        self._refresh_timer = self.set_timer(self.refresh_wait(), self.refresh_on_time)

    async def refresh_on_time(self) -> None:
        """Show the figures again if the home is on show; else it does so when it is next."""
        if self.app.screen is self:
            await self.refresh_figures()

    def _show_figures(self) -> None:
        figures = self.figures
        if figures is None:
            return
        self.query_one("#home-top", TopLine).show(self._date())
        today = self.query_one("#today", FigureRow)
        today.tile("due-now").show(str(figures.due_now), alert=figures.behind)
        today.tile("new-today").show(str(figures.new_available))
        today.tile("reviews-today").show(str(figures.reviews_today))
        today.tile("time-today").show(format_spent(figures.time_today_s))
        today.tile("streak").show(plural(figures.streak_days, "day"))
        self._show_leeches()
        self._show_next_interview()
        self._show_follow_ups()
        self.set_class(not figures.decks, "-no-decks")
        self._show_hint()
        self._show_deck_about()

    def _date(self) -> str:
        return f"{self.services.today():%a %d %b}"

    def _show_deck_about(self) -> None:
        """The line under the decks: where the deck under the cursor came from, its
        version and its licence, which says how its cards may be reused."""
        deck = self.selected
        about = self.query_one("#deck-about", Static)
        if deck is None:
            about.update("")
            return
        parts = [licence_text(deck.license)]
        if deck.version:
            parts.append(f"version {deck.version}")
        parts.append(describe_source(deck.source, short=True))
        about.update(Content(" · ".join(parts)))

    def _show_next_interview(self) -> None:
        interview = self.next_interview
        line = self._next_widget
        if line is None or line.parent is None:
            pass  # none to come as the home composed: mounted, hidden, after the first frame
        elif interview is None:
            line.show(None)
        elif line.interview is None or line.interview.name != interview.name:
            # Measured after the first frame; until then the line says it is coming.
            line.show(interview, measuring=True)
        self.set_class(interview is not None, "-interview")

    def _read_follow_ups(self) -> list[FollowUp]:
        try:
            return self.services.debriefs.due_follow_ups()
        except PrepdeckError as error:
            report_error(self, error, "Cannot read the follow-ups")
            return []

    @reports_errors("Cannot read the follow-ups")
    def _show_follow_ups(self) -> None:
        line = self._follow_ups_widget
        if line is None or line.parent is None:
            return  # none due as the home composed: mounted, hidden, after the first frame
        due = self.services.debriefs.due_follow_ups()
        line.show(due, self._key("follow-up-dismiss"))

    @reports_errors("Not dismissed")
    def action_dismiss_follow_up(self) -> None:
        from prepdeck.tui.widgets.follow_ups import done_text

        line = self._follow_ups_widget
        first = line.first if line is not None else None
        if first is None:
            self.notify("No follow-up is due.", timeout=3, markup=False)
            return
        self.services.debriefs.dismiss(first.interview, first.kind)
        self.notify(done_text(first), timeout=3, markup=False)
        self._show_follow_ups()

    @reports_errors("Cannot count the leeches")
    def count_leeches(self) -> None:
        from prepdeck.study.leeches import still_drilled

        self.leeches = still_drilled(self.services.leeches())
        self._show_leeches()

    def _show_leeches(self) -> None:
        tile = self.query_one("#today", FigureRow).tile("leech-count")
        if self.leeches is None:
            tile.show("·")
        else:
            tile.show(str(self.leeches), alert=self.leeches > 0)

    def _show_hint(self) -> None:
        figures = self.figures
        if figures is None:
            return
        hint = self.query_one("#home-hint", Static)
        if not figures.decks:
            hint.update("")
            return
        if figures.behind:
            hint.update(
                Content.assemble(
                    f"{figures.due_now} cards are due now; today's drill takes "
                    f"{figures.drill_takes} of them. ",
                    (self._key("catch-up"), "bold"),
                    " shows how the rest spread over the next days.",
                )
            )
        elif figures.due_now or figures.new_available:
            hint.update(
                Content.assemble(
                    (self._key("drill-deck"), "bold"),
                    " drills the selected deck, ",
                    (self._key("drill-all"), "bold"),
                    " all decks; ",
                    (self._key("help"), "bold"),
                    " lists every key, ",
                    (
                        self.app.get_key_display(Binding(self.app.COMMAND_PALETTE_BINDING, "")),
                        "bold",
                    ),
                    " every command.",
                )
            )
        else:
            hint.update(Content(f"All done for today. {self._next_due()}"))

    def _next_due(self) -> str:
        from prepdeck.tui.screens.summary import describe_next_due

        now = self.services.clock.now()
        try:
            next_due = self.services.next_due(now)
        except PrepdeckError:
            return ""
        if next_due is None:
            return "Nothing is scheduled yet."
        return f"The next card is due {describe_next_due(next_due, now)}."

    def _offer_catch_up(self) -> None:
        """Open the catch-up plan by itself once a run, when today's cap cannot take the
        cards due."""
        app = self.prepdeck
        figures = self.figures
        if app.catch_up_offered or figures is None or not figures.behind:
            return
        try:
            plan = self.services.catch_up_plan()
        except PrepdeckError:
            return  # the plan is a courtesy; the key still opens it and reports the error
        if plan.behind and self.app.screen is self:
            app.catch_up_offered = True
            app.open_catch_up()

    # -- keys ----------------------------------------------------------------------------

    def _selected_or_warn(self) -> DeckRow | None:
        deck = self.selected
        if deck is None:
            self.notify(
                "No deck to act on: install one first.", severity="warning", timeout=4, markup=False
            )
        return deck

    @on(DeckTable.Chosen, "#decks")
    def _deck_clicked(self, event: DeckTable.Chosen) -> None:
        # A click on the deck already under the cursor.
        event.stop()
        self.action_drill_deck()

    def action_drill_deck(self) -> None:
        deck = self._selected_or_warn()
        if deck is None:
            return
        if deck.paused:
            self.notify(
                f"{deck.title} is paused: press {self._key('pause')} to resume it.",
                severity="warning",
                timeout=4,
                markup=False,
            )
            return
        self.prepdeck.start_drill([deck.id])

    def action_drill_all(self) -> None:
        self.prepdeck.start_drill(None)

    @reports_errors("Not done")
    async def action_toggle_pause(self) -> None:
        deck = self._selected_or_warn()
        if deck is None:
            return
        self.services.library.set_paused(deck.id, not deck.paused)
        if deck.paused:
            self.notify(f"{deck.title} is back in the drill.", timeout=3, markup=False)
        else:
            self.notify(
                f"{deck.title} is paused: its cards stay out of the drill "
                f"until you press {self._key('pause')} again.",
                timeout=4,
                markup=False,
            )
        await self.refresh_figures()

    @reports_errors("Not done")
    def action_limits(self) -> None:
        from prepdeck.tui.dialogs.limits import DeckLimits, LimitsScreen

        deck = self._selected_or_warn()
        if deck is None:
            return
        stored = self.services.library.get(deck.id)
        config = self.services.config

        self.app.push_screen(
            LimitsScreen(
                deck.title,
                DeckLimits(stored.new_per_day, stored.reviews_per_day),
                global_new=config.new_per_day,
                global_reviews=config.reviews_per_day,
            ),
            lambda limits: self._save_limits(deck, limits),
        )

    @reports_errors("Limits not saved")
    def _save_limits(self, deck: DeckRow, limits: DeckLimits | None) -> None:
        if limits is None:
            return
        self.services.library.set_limits(
            deck.id, new_per_day=limits.new_per_day, reviews_per_day=limits.reviews_per_day
        )
        self.notify(f"Daily limits of {deck.title} saved.", timeout=3, markup=False)

    def action_catch_up(self) -> None:
        self.prepdeck.open_catch_up()

    def action_leeches(self) -> None:
        self.prepdeck.open_leeches()

    def action_interviews(self) -> None:
        self.prepdeck.open_interviews()

    def action_stats(self) -> None:
        self.prepdeck.open_stats()

    def action_stories(self) -> None:
        self.prepdeck.open_stories()

    def action_day_of(self) -> None:
        interview = self._read_next_interview()
        if interview is None or not self.services.is_interview_day(interview):
            self.notify(
                f"No interview today. On the interviews screen ({self._key('interviews')}), "
                f"{self._key('day-of')} opens the checklist of any interview, ahead of its day.",
                title="No checklist for today",
                timeout=5,
                markup=False,
            )
            return
        self.prepdeck.open_day_of(interview.name)

    def action_get_decks(self) -> None:
        self.prepdeck.open_get_decks()

    def action_browse(self) -> None:
        self.prepdeck.open_browser()

    def action_add_card(self) -> None:
        self.prepdeck.open_add_card()

    def action_settings(self) -> None:
        self.prepdeck.open_settings()

    def action_quit_app(self) -> None:
        self.app.exit()
