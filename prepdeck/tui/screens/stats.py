"""Statistics: how the practice has gone and where it stands, from the same report that
``prepdeck stats`` prints, so the two never disagree.

The report reads the whole review log: on a large home that takes longer than a frame,
so the screen opens at once saying it is reading, and a worker thread fills it in.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar, cast

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import DataTable, Static

from prepdeck.domain.countdown import countdown
from prepdeck.domain.plural import plural
from prepdeck.errors import PrepdeckError
from prepdeck.reports.progress import (
    CALENDAR_DAYS,
    RECENT_DAYS,
    DayActivity,
    Progress,
    RetentionRow,
    WeakCard,
)
from prepdeck.tui.failures import report_error
from prepdeck.tui.interview_text import KIND_NAMES, percent, when
from prepdeck.tui.keys import Keyed, binding_with_id, key_display, keys_in_force, screen_bindings
from prepdeck.tui.screens.base import ServicesScreen
from prepdeck.tui.widgets.bars import bar_text
from prepdeck.tui.widgets.figures import FigureRow, FigureTile, day_tiles, format_spent
from prepdeck.tui.widgets.footer import KeyFooter
from prepdeck.tui.widgets.heatmap import CalendarHeatmap
from prepdeck.tui.widgets.row_table import RowTable, row_bindings

if TYPE_CHECKING:
    from prepdeck.services import Services
    from prepdeck.tui.app import PrepdeckApp

READING = "Reading the log…"
_AXIS_LABEL = 9
"""Columns of the names left of the bar charts (``reviews``, ``minutes``, ``due``)."""
_RECALL_WIDTH = 6
_CARD_WIDTH = 36
"""The most columns ``DECK/CARD`` takes in the weakest cards."""
_LABEL_WIDTH = 26
"""The most columns a deck id or a kind takes in the retention table."""
_WIDE = 120
"""From this many columns the sections stand in two columns."""
_STATE_NAMES = ("new", "learning", "review", "relearning", "suspended", "buried", "retired")


def load_progress(services: Services) -> Progress:
    """The progress report of the home, read on a connection of its own: it is called
    from a worker thread, and a connection belongs to the thread that opened it."""
    with services.apart() as other:
        progress = other.progress()
    return progress


class ProgressRead(Message):
    """The report a read was started for, or why there is none."""

    def __init__(
        self, request: int, progress: Progress | None, error: PrepdeckError | None = None
    ) -> None:
        super().__init__()
        self.request = request
        self.progress = progress
        self.error = error


class WeakestTable(RowTable, inherit_bindings=False):
    BINDINGS: ClassVar[list[BindingType]] = row_bindings("stats screen")
    HELP_TITLE: ClassVar[str] = "Weakest cards"


class StatsScreen(ServicesScreen[None]):
    """The home's statistics, read again when the screen comes back on show (after a
    drill of a weak card) and on ``r``."""

    AUTO_FOCUS = "#stats-body"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (_WIDE, "-wide")]  # noqa: RUF012
    VERTICAL_BREAKPOINTS = [(0, "-short"), (20, "-tall")]  # noqa: RUF012

    BINDINGS: ClassVar[list[BindingType]] = screen_bindings(
        "stats screen",
        Keyed(
            "stats-drill-card",
            "drill_card",
            "Drill card",
            show="first",
            tooltip="Drill the weak card selected in the list, now",
        ),
        Keyed("stats-refresh", "refresh_report", "Refresh", tooltip="Read the log again"),
        Keyed("back", "back", "Back", tooltip="Back to the home"),
    )
    HELP_TITLE: ClassVar[str] = "Statistics"

    progress: Progress | None = None
    """The report shown; None until the first read comes back."""
    _request = 0
    _drilled = False
    """A drill was started from here: the report is read again on return."""

    def compose(self) -> ComposeResult:
        yield Static(Content("Statistics"), id="stats-title")
        yield Static(Content(READING), id="stats-status")
        with VerticalScroll(id="stats-body"):
            yield FigureRow(
                *day_tiles(),
                FigureTile("retention", id="retention"),
                id="stats-today",
                classes="stats-part",
            )
            yield Static("", id="stats-retention-line", classes="stats-part")
            with Vertical(id="stats-calendar", classes="stats-part"):
                yield Static("", id="stats-calendar-heading", classes="stats-heading")
                yield CalendarHeatmap(id="stats-heatmap")
            with Horizontal(id="stats-columns", classes="stats-part"):
                with Vertical(id="stats-left", classes="stats-column"):
                    yield Static("", id="stats-recent", classes="stats-section")
                    yield Static("", id="stats-forecast", classes="stats-section")
                    yield Static("", id="stats-states", classes="stats-section")
                    yield Static("", id="stats-spoken", classes="stats-section")
                with Vertical(id="stats-right", classes="stats-column"):
                    yield Static("", id="stats-retention", classes="stats-section")
                    yield Static("", id="stats-weakest-heading", classes="stats-heading")
                    yield WeakestTable(id="stats-weakest")
                    yield Static("", id="stats-interviews", classes="stats-section")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.add_class("-loading")
        self.load()

    async def read_again(self) -> None:
        # Back from a drill of a weak card the figures have moved; back from the key
        # list they have not, and the log is not worth reading again for it.
        if self._drilled:
            self._drilled = False
            self.load()

    def on_resize(self) -> None:
        # The prompt column takes what the others leave.
        if self.progress is not None:
            self._show_weakest(self.progress.weakest)

    # -- reading -------------------------------------------------------------------------

    def load(self) -> None:
        """Read the report in a worker; ``on_progress_read`` shows it."""
        self._request += 1
        request, services = self._request, self.services
        status = self.query_one("#stats-status", Static)
        status.update(Content(READING))
        status.remove_class("-blank")

        def work() -> None:
            try:
                progress = load_progress(services)
            except PrepdeckError as error:
                self.post_message(ProgressRead(request, None, error))
            else:
                self.post_message(ProgressRead(request, progress))

        self.run_worker(work, thread=True, exclusive=True, group="progress", name="progress")

    def on_progress_read(self, message: ProgressRead) -> None:
        if message.request != self._request:
            return  # overtaken by a later read
        status = self.query_one("#stats-status", Static)
        if message.error is not None or message.progress is None:
            if message.error is not None:
                report_error(self, message.error, "Cannot read the statistics")
            status.update(
                Content.assemble(
                    "The statistics could not be read. ",
                    (self._key("stats-refresh"), "bold"),
                    " tries again.",
                )
            )
            return
        status.add_class("-blank")
        self.progress = message.progress
        self.remove_class("-loading")
        self._show(message.progress)
        self.refresh_bindings()

    # -- showing -------------------------------------------------------------------------

    def _key(self, binding_id: str) -> str:
        return key_display(
            self.app, binding_with_id(self.BINDINGS, binding_id), keys_in_force(self.app)
        )

    def _show(self, progress: Progress) -> None:
        figures = progress.figures
        # Written as the home writes the same figures.
        today = self.query_one("#stats-today", FigureRow)
        today.tile("due-now").show(str(figures.due_now))
        today.tile("new-today").show(str(figures.new_available))
        today.tile("reviews-today").show(str(figures.reviews_today))
        today.tile("time-today").show(format_spent(figures.time_today_s))
        today.tile("streak").show(plural(figures.streak_days, "day"))
        retention = figures.true_retention
        below = retention is not None and retention < progress.desired_retention
        today.tile("retention").show(_share(retention), alert=below)
        self.query_one("#stats-retention-line", Static).update(
            _retention_line(retention, progress.desired_retention)
        )
        self.query_one("#stats-calendar-heading", Static).update(_calendar_heading(progress))
        self.query_one("#stats-heatmap", CalendarHeatmap).show(progress.calendar)
        self.query_one("#stats-recent", Static).update(_recent_text(progress.recent))
        self.query_one("#stats-forecast", Static).update(_forecast_text(figures.forecast))
        self.query_one("#stats-states", Static).update(_states_text(progress))
        spoken = self.query_one("#stats-spoken", Static)
        spoken.update(_spoken_text(progress))
        spoken.display = bool(progress.spoken)
        self.query_one("#stats-retention", Static).update(_retention_table(progress))
        self.query_one("#stats-weakest-heading", Static).update(self._weakest_heading(progress))
        self._show_weakest(progress.weakest)
        self.query_one("#stats-interviews", Static).update(self._interviews_text(progress))

    def _weakest_heading(self, progress: Progress) -> Content:
        if not progress.weakest:
            return Content.assemble(
                ("Weakest cards", "bold"), "  none yet: they are the cards you have reviewed"
            )
        return Content.assemble(
            ("Weakest cards", "bold"),
            "  the lowest recall now; ",
            (self._key("stats-drill-card"), "bold"),
            " drills the selected one",
        )

    @property
    def table(self) -> WeakestTable:
        return self.query_one("#stats-weakest", WeakestTable)

    @property
    def selected(self) -> WeakCard | None:
        if self.progress is None:
            return None  # nothing read yet, and maybe nothing composed yet
        weakest = self.progress.weakest
        row = self.table.cursor_row
        return weakest[row] if 0 <= row < len(weakest) else None

    def _show_weakest(self, weakest: Sequence[WeakCard]) -> None:
        table = self.table
        row = table.cursor_row
        table.clear(columns=True)
        width = self.size.width or 80
        # The room the list has: its half of a wide screen, less margins and scroll bar.
        room = (width // 2 if width >= _WIDE else width) - 4
        fixed = _RECALL_WIDTH + 3 * 2 * table.cell_padding
        longest = max([len(f"{card.deck_id}/{card.card_id}") for card in weakest] + [9])
        card_width = min(_CARD_WIDTH, longest, max(9, (room - fixed) // 2))
        prompt_width = max(12, room - fixed - card_width)
        table.add_column(Text("Recall", justify="right"), width=_RECALL_WIDTH, key="recall")
        table.add_column(Text("Deck/card"), width=card_width, key="card")
        table.add_column(Text("Prompt"), width=prompt_width, key="prompt")
        for card in weakest:
            ref = f"{card.deck_id}/{card.card_id}"
            table.add_row(
                Text(percent(card.recall), justify="right"),
                _cell(ref, card_width),
                _cell(card.prompt, prompt_width),
                key=ref,
            )
        if weakest:
            table.move_cursor(row=min(max(row, 0), len(weakest) - 1), animate=False)
        table.set_class(not weakest, "-blank")

    def _interviews_text(self, progress: Progress) -> Content:
        heading = ("Interviews ahead", "bold")
        if not progress.interviews:
            return Content.assemble(heading, "  none")
        now = self.services.clock.now()
        lines: list[Content | str] = [Content.assemble(heading, "  expected recall at each")]
        for interview in progress.interviews:
            unseen = f", {interview.unseen} never reviewed" if interview.unseen else ""
            lines.append(
                Content.assemble(
                    (interview.name, "bold"),
                    f"  {when(interview.at)}, {countdown(interview.at, now)}\n  ready ",
                    (percent(interview.expected_recall), "bold"),
                    f" of {plural(interview.cards, 'card')}{unseen}",
                )
            )
        return Content("\n").join(lines)

    @on(DataTable.RowHighlighted, "#stats-weakest")
    def _highlighted(self) -> None:
        # The list has no scroll of its own: the report scrolls to keep the cursor in sight.
        table = self.table
        if self.focused is not table:
            return
        body = self.query_one("#stats-body", VerticalScroll)
        line = table.region.y + 1 + table.cursor_row
        view = body.content_region
        if line < view.y:
            body.scroll_relative(y=line - view.y, animate=False)
        elif line >= view.bottom:
            body.scroll_relative(y=line - view.bottom + 1, animate=False)

    @on(DataTable.RowSelected, "#stats-weakest")
    def _clicked(self, event: DataTable.RowSelected) -> None:
        event.stop()  # a click selects; the key drills, so nothing starts by accident

    # -- keys ----------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "drill_card":
            return self.selected is not None
        return True

    def action_drill_card(self) -> None:
        card = self.selected
        if card is not None:
            # The card browser's path: that card first, then today's queue of its deck.
            cast("PrepdeckApp", self.app).drill_card(card.deck_id, card.card_id)
            self._drilled = True

    def action_refresh_report(self) -> None:
        self.load()

    def action_back(self) -> None:
        self.dismiss()


# -- the text of each section ------------------------------------------------------------


def _share(share: float | None) -> str:
    return "–" if share is None else percent(share)


def _retention_line(retention: float | None, desired: float) -> Content:
    target = f"(target {percent(desired)})"
    if retention is None:
        return Content(
            f"True retention: none yet {target}. It counts, over the last 30 days, your "
            "reviews of cards you had already learnt."
        )
    above = retention >= desired
    return Content.assemble(
        "True retention ",
        (f"{percent(retention)} {target}", "bold"),
        " over the last 30 days: ",
        ("at or above target" if above else "below target", _mark_style(above)),
    )


def _mark_style(above: bool) -> str:
    return "$text-success" if above else "$text-error"


def _calendar_heading(progress: Progress) -> Content:
    calendar = progress.calendar
    active = sum(1 for day in calendar if day.reviews)
    return Content.assemble(
        ("Reviews per day, last year", "bold"),
        f"  streak {plural(progress.figures.streak_days, 'day')} · "
        f"{active} of {CALENDAR_DAYS} days with reviews",
    )


def _axis(first: str, last: str, width: int) -> str:
    """Dates under a bar chart of ``width`` values: the first at the left, the last at
    the right."""
    gap = max(1, width - len(first) - len(last))
    return " " * _AXIS_LABEL + first + " " * gap + last


def _recent_text(recent: Sequence[DayActivity]) -> Content:
    reviews = [day.reviews for day in recent]
    seconds = [day.seconds for day in recent]
    heading = Content.assemble(
        (f"Last {RECENT_DAYS} days", "bold"),
        f"  {plural(sum(reviews), 'review')} · {format_spent(sum(seconds))}",
    )
    if not recent:
        return heading
    busiest = max(range(len(recent)), key=lambda index: (reviews[index], index))
    longest = max(range(len(recent)), key=lambda index: (seconds[index], index))
    return Content("\n").join(
        [
            heading,
            _bars_line("reviews", reviews, f"max {reviews[busiest]}"),
            _bars_line(
                "minutes",
                [value / 60 for value in seconds],
                f"max {format_spent(seconds[longest])}",
            ),
            Content(_axis(f"{recent[0].day:%d %b}", "today", len(recent))),
        ]
    )


def _bars_line(name: str, values: Sequence[float], note: str) -> Content:
    return Content.assemble(
        name.ljust(_AXIS_LABEL), (bar_text(values), "$text-accent"), f"  {note}"
    )


def _forecast_text(forecast: Sequence[int]) -> Content:
    tomorrow = forecast[1] if len(forecast) > 1 else 0
    today = forecast[0] if forecast else 0
    heading = Content.assemble(
        (f"Due, next {len(forecast)} days", "bold"),
        f"  today {today} · tomorrow {tomorrow} · {sum(forecast)} in all",
    )
    if not forecast:
        return heading
    return Content("\n").join(
        [
            heading,
            _bars_line("due", forecast, f"max {max(forecast)}"),
            Content(_axis("today", f"+{len(forecast) - 1} days", len(forecast))),
        ]
    )


def _states_text(progress: Progress) -> Content:
    states = progress.figures.states
    counts = " · ".join(f"{name} {getattr(states, name)}" for name in _STATE_NAMES)
    return Content.assemble(("Cards", "bold"), "  ", counts)


def _spoken_text(progress: Progress) -> Content:
    """Pace and fillers of the answers spoken in the drill, week by week."""
    lines: list[Content | str] = [
        Content.styled("Spoken answers per week", "bold"),
        Content.styled("week of     answers  pace      fillers a minute", "$text-muted"),
    ]
    for week in progress.spoken:
        pace = "" if week.wpm is None else f"{week.wpm} wpm"
        rate = week.fillers_per_minute
        fillers = "" if rate is None else f"{rate:.1f}"
        lines.append(f"{week.week.isoformat()}  {week.answers:>7}  {pace:<8}  {fillers:>7}")
    return Content("\n").join(lines)


def _retention_table(progress: Progress) -> Content:
    desired = progress.desired_retention
    heading = Content.assemble(
        ("True retention, last 30 days", "bold"), f"  target {percent(desired)}"
    )
    rows = [*progress.retention_by_deck, *progress.retention_by_kind]
    if not rows:
        return Content.assemble(heading, "\nNo reviews of learnt cards yet.")
    width = min(_LABEL_WIDTH, max(len(_label(row)) for row in rows))
    lines: list[Content | str] = [heading]
    for title, part in (
        ("by deck", progress.retention_by_deck),
        ("by kind", progress.retention_by_kind),
    ):
        if not part:
            continue
        lines.append(Content.styled(f"{title:<{width}}  reviews  retained", "$text-muted"))
        lines += [_retention_row(row, width, desired) for row in part]
    return Content("\n").join(lines)


def _label(row: RetentionRow) -> str:
    return KIND_NAMES.get(row.label, row.label)


def _retention_row(row: RetentionRow, width: int, desired: float) -> Content:
    label = _label(row)
    if len(label) > width:
        label = label[: width - 1] + "…"
    rate = row.rate
    start = f"{label:<{width}}  {row.reviews:>7}  {_share(rate):>8}"
    if rate is None:
        return Content(start)
    points = round((rate - desired) * 100)
    above = rate >= desired
    mark = f"▲ {points:+d}" if above else f"▼ {points:+d}"
    return Content.assemble(start, "  ", (mark, _mark_style(above)))


def _cell(text: str, width: int) -> Text:
    cell = Text(" ".join(text.split()), no_wrap=True, overflow="ellipsis")
    cell.truncate(width, overflow="ellipsis")
    return cell
