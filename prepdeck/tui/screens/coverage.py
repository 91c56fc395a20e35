"""Coverage: how far your own answers and stories prepare you for the questions of a scope.

The figures of ``prepdeck coverage`` first, in the same words; then the questions that ask
for a story (``prep.coverage``: cards tagged ``star``, an interview's needs) laid out
against the stories of the bank, one numbered column each, with a column for your own
answer and a mark on the rows with neither. Over it, for an interview, the questions it
is likely to ask that have no story, and what the bank still needs. A key moves the scope
on: the interview it was opened for, the next one to come, every active deck, then each
deck. Everything is read by a worker thread on a connection of its own (a large home
takes a good part of a frame), and read again whenever the screen comes back on show.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.events import Resize, ScreenResume
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Static

from prepdeck.domain.plural import plural
from prepdeck.domain.stories import DRILL_DECK_ID
from prepdeck.domain.text import one_line
from prepdeck.errors import PrepdeckError
from prepdeck.prep.coverage import (
    FIGURE_WORDS,
    Coverage,
    CoverageScope,
    StoryCoverage,
    StoryQuestion,
    without_story_heading,
)
from prepdeck.tui.failures import report_error
from prepdeck.tui.keys import (
    Keyed,
    KeyedBindings,
    binding_with_id,
    key_display,
    keys_in_force,
    screen_bindings,
)
from prepdeck.tui.widgets.footer import KeyFooter
from prepdeck.tui.widgets.row_table import RowTable, row_bindings

if TYPE_CHECKING:
    from prepdeck.services import Services
    from prepdeck.tui.app import PrepdeckApp

_PENDING = "…"
_LINKED = "●"
_NOT_LINKED = "·"
_ANSWERED = "✓"
_UNCOVERED = "✗"
"""Marks the rows with neither an own answer nor a story."""
_OWN_WIDTH = 3
_MIN_PROMPT = 16
_MAX_PROMPT = 70
_LIKELY_SHOWN = 6
"""Questions named in the line over the matrix; the matrix lists them all."""


class CoverageTable(RowTable, inherit_bindings=False):
    """The matrix: a row per story question. Its first two columns stay put while the
    arrows scroll the stories sideways."""

    BINDINGS: ClassVar[list[BindingType]] = KeyedBindings(
        "coverage screen",
        [
            *row_bindings("coverage screen"),
            Binding("left", "stories(-1)", "Left", show=False, tooltip="Earlier stories"),
            Binding("right", "stories(1)", "Right", show=False, tooltip="Later stories"),
        ],
    )
    HELP_TITLE: ClassVar[str] = "Questions and stories"

    story_width = 1
    """Columns a story takes, padding included: what the arrows scroll by, a few at a time."""

    def action_stories(self, step: int) -> None:
        self.scroll_relative(x=step * 5 * self.story_width, animate=False)


class CoverageMeasured(Message):
    """A scope's report and story questions, or why there are none."""

    def __init__(
        self,
        request: int,
        report: Coverage | None,
        stories: StoryCoverage | None,
        error: PrepdeckError | None = None,
    ) -> None:
        super().__init__()
        self.request = request
        self.report = report
        self.stories = stories
        self.error = error


class CoverageScreen(Screen[None]):
    """Coverage of ``interview`` (by name), of the deck ``deck_id``, or, with neither, of
    the next interview to come (every active deck when none is)."""

    AUTO_FOCUS = "#coverage-matrix"
    # Below 20 rows the notes lose their margins and a line (`-short` in the stylesheet).
    VERTICAL_BREAKPOINTS = [(0, "-short"), (20, "-tall")]  # noqa: RUF012

    BINDINGS: ClassVar[list[BindingType]] = screen_bindings(
        "coverage screen",
        Keyed(
            "coverage-scope",
            "next_scope",
            "Scope",
            tooltip="Cover the next scope: an interview, every active deck, each deck",
        ),
        Keyed("back", "back", "Back", tooltip="Back to where you came from"),
    )
    HELP_TITLE: ClassVar[str] = "Coverage"

    def __init__(self, interview: str | None = None, deck_id: str | None = None) -> None:
        super().__init__()
        self._interview = interview
        self._deck_id = deck_id
        self.scopes: list[CoverageScope] = []
        """The scopes the key steps through, in order."""
        self.scope_index = 0
        self.report: Coverage | None = None
        self.stories: StoryCoverage | None = None
        self._titles: dict[str, str] = {}
        self._request = 0

    @property
    def services(self) -> Services:
        services = cast("PrepdeckApp", self.app).services
        assert services is not None, "the coverage screen needs a home"
        return services

    @property
    def scope(self) -> CoverageScope:
        return self.scopes[self.scope_index] if self.scopes else CoverageScope()

    def compose(self) -> ComposeResult:
        yield Static("", id="coverage-scope", markup=False)
        yield Static("", id="coverage-figures", markup=False)
        yield Static("", id="coverage-likely", markup=False)
        yield Static("", id="coverage-advice", markup=False)
        yield Static("", id="coverage-legend", markup=False)
        yield CoverageTable(id="coverage-matrix")
        yield Static("", id="coverage-detail", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.scopes = self._scopes()
        if self._deck_id is not None:
            self.scope_index = self.scopes.index(CoverageScope(deck_id=self._deck_id))
        self._show_pending()

    async def on_screen_resume(self, event: ScreenResume) -> None:
        # On first show, and back from a screen that may have linked or written something.
        self.measure()

    def on_resize(self, event: Resize) -> None:
        if self.stories is not None:
            self._show_matrix(self.stories)

    def _scopes(self) -> list[CoverageScope]:
        """The interview asked for, the next one to come, every active deck, each deck."""
        scopes: list[CoverageScope] = []
        try:
            upcoming = self.services.interviews.upcoming()
            decks = self.services.library.installed()
        except PrepdeckError as error:
            report_error(self, error, "Cannot read the interviews and decks")
            upcoming, decks = [], []
        if self._interview is not None:
            scopes.append(CoverageScope(interview=self._interview))
        if upcoming and (
            self._interview is None or upcoming[0].name.casefold() != self._interview.casefold()
        ):
            scopes.append(CoverageScope(interview=upcoming[0].name))
        scopes.append(CoverageScope())
        self._titles = {deck.id: deck.title for deck in decks}
        scopes += [CoverageScope(deck_id=deck.id) for deck in decks if deck.id != DRILL_DECK_ID]
        if self._deck_id is not None and CoverageScope(deck_id=self._deck_id) not in scopes:
            # Not installed: measuring it says so.
            scopes.append(CoverageScope(deck_id=self._deck_id))
        return scopes

    # -- measuring -----------------------------------------------------------------------

    def measure(self) -> None:
        """Read the scope's figures and story questions in a worker thread."""
        self._request += 1
        request, scope, services = self._request, self.scope, self.services

        def work() -> None:
            try:
                with services.apart() as other:
                    report = other.coverage(
                        interview=scope.interview, deck_id=scope.deck_id, limit=0
                    )
                    stories = other.story_coverage(interview=scope.interview, deck_id=scope.deck_id)
            except PrepdeckError as error:
                self.post_message(CoverageMeasured(request, None, None, error))
            else:
                self.post_message(CoverageMeasured(request, report, stories))

        self.run_worker(work, thread=True, exclusive=True, group="coverage", name="coverage")

    def on_coverage_measured(self, message: CoverageMeasured) -> None:
        if message.request != self._request:
            return  # overtaken by a later scope
        if message.error is not None or message.report is None or message.stories is None:
            if message.error is not None:
                report_error(self, message.error, "Cannot measure coverage")
            return
        self.report = message.report
        self.stories = message.stories
        self._show()

    # -- showing -------------------------------------------------------------------------

    def _static(self, part: str) -> Static:
        return self.query_one(f"#coverage-{part}", Static)

    def _scope_text(self) -> Content:
        scope = self.scope
        if scope.interview is not None:
            what = f"{scope.interview}: its decks and its needs"
        elif scope.deck_id is not None:
            what = f"{self._titles.get(scope.deck_id, scope.deck_id)} ({scope.deck_id})"
        else:
            what = "every active deck"
        key = key_display(
            self.app, binding_with_id(self.BINDINGS, "coverage-scope"), keys_in_force(self.app)
        )
        return Content.assemble(
            ("Coverage of ", "bold"), (what, "bold"), (f"  · {key} next scope", "dim")
        )

    def _show_pending(self) -> None:
        self._static("scope").update(self._scope_text())
        self._static("figures").update(
            Content(" · ".join(f"{word} {_PENDING}" for word in FIGURE_WORDS))
        )
        for part in ("likely", "advice", "legend", "detail"):
            self._static(part).update("")

    def _show(self) -> None:
        report, stories = self.report, self.stories
        if report is None or stories is None:
            return
        self._static("scope").update(self._scope_text())
        self._static("figures").update(
            Content(
                " · ".join(
                    f"{word} {figure}"
                    for word, figure in zip(FIGURE_WORDS, report.figures, strict=True)
                )
            )
        )
        self._static("likely").update(self._likely_text(stories))
        self._static("advice").update(Content(stories.advice()))
        self._static("legend").update(self._legend_text(stories))
        self._show_matrix(stories)

    def _likely_text(self, stories: StoryCoverage) -> Content:
        missing = stories.without_story
        total = len(stories.questions)
        if not total:
            return Content(
                "No question here asks for a story: cards tagged star do, and an interview's needs."
            )
        interview = self.scope.interview
        heading = without_story_heading(interview)
        if not missing:
            return Content.assemble((heading, "bold"), ": none, all ", str(total), " have one.")
        if interview is None:
            return Content.assemble((heading, "bold"), f": {len(missing)} of {total}.")
        named = " · ".join(one_line(question.prompt) for question in missing[:_LIKELY_SHOWN])
        more = f" · and {len(missing) - _LIKELY_SHOWN} more" if len(missing) > _LIKELY_SHOWN else ""
        return Content.assemble((heading, "bold"), f" ({len(missing)}): {named}{more}")

    def _legend_text(self, stories: StoryCoverage) -> Content:
        if not stories.stories:
            return Content("Stories  none yet: prepdeck story add writes one.")
        names = " · ".join(
            f"{number} {one_line(story.title)}"
            for number, story in enumerate(stories.stories, start=1)
        )
        return Content.assemble(("Stories  ", "bold"), names)

    def _show_matrix(self, stories: StoryCoverage) -> None:
        table = self.query_one("#coverage-matrix", CoverageTable)
        keep = table.cursor_row
        table.clear(columns=True)
        table.display = bool(stories.questions)
        if not stories.questions:
            self._static("detail").update("")
            return
        bank = stories.stories
        number_width = len(str(len(bank))) if bank else 1
        padding = 2 * table.cell_padding
        width = (self.size.width or 80) - 4
        table.story_width = number_width + padding
        story_room = len(bank) * table.story_width
        # The prompts keep close to half the width; stories beyond the rest scroll.
        least = max(_MIN_PROMPT, min(_MAX_PROMPT, width // 2))
        prompt_width = max(least, min(_MAX_PROMPT, width - _OWN_WIDTH - 2 * padding - story_room))
        table.add_column(Text("Question"), width=prompt_width, key="question")
        table.add_column(Text("Own", justify="center"), width=_OWN_WIDTH, key="own")
        for number, story in enumerate(bank, start=1):
            table.add_column(Text(str(number), justify="center"), width=number_width, key=story.id)
        table.fixed_columns = 2
        for question in stories.questions:
            table.add_row(
                *_row(question, bank_ids=[story.id for story in bank], width=prompt_width)
            )
        table.move_cursor(row=min(max(keep, 0), table.row_count - 1), animate=False)
        self._show_detail()

    @property
    def selected(self) -> StoryQuestion | None:
        stories = self.stories
        if stories is None or not stories.questions:
            return None
        row = self.query_one("#coverage-matrix", CoverageTable).cursor_row
        return stories.questions[row] if 0 <= row < len(stories.questions) else None

    def _show_detail(self) -> None:
        question, stories = self.selected, self.stories
        if question is None or stories is None:
            self._static("detail").update("")
            return
        numbers = {story.id: number for number, story in enumerate(stories.stories, start=1)}
        titles = {story.id: story.title for story in stories.stories}
        linked = ", ".join(f"{numbers[sid]} {one_line(titles[sid])}" for sid in question.stories)
        # The prompt whole, as the matrix cuts it; the card's id last, as story link takes it.
        parts = [
            one_line(question.prompt),
            "your answer" if question.answered else "no answer of yours",
            f"{plural(len(question.stories), 'story', 'stories')}: {linked}"
            if question.stories
            else "no story",
            f"{question.deck_id}/{question.card_id}",
        ]
        self._static("detail").update(Content(" · ".join(parts)))

    @on(DataTable.RowHighlighted, "#coverage-matrix")
    def _highlighted(self) -> None:
        self._show_detail()

    @on(DataTable.RowSelected, "#coverage-matrix")
    def _clicked(self, event: DataTable.RowSelected) -> None:
        event.stop()

    # -- keys ----------------------------------------------------------------------------

    def action_next_scope(self) -> None:
        if not self.scopes:
            return
        self.scope_index = (self.scope_index + 1) % len(self.scopes)
        self.report = self.stories = None
        self._show_pending()
        self.measure()

    def action_back(self) -> None:
        self.dismiss()


def _row(question: StoryQuestion, *, bank_ids: list[str], width: int) -> list[Text]:
    covered = question.covered
    prompt = Text(
        f"{'  ' if covered else _UNCOVERED + ' '}{one_line(question.prompt)}",
        style="" if covered else "bold",
        no_wrap=True,
        overflow="ellipsis",
    )
    prompt.truncate(width, overflow="ellipsis")
    own = Text(_ANSWERED if question.answered else "", justify="center")
    linked = set(question.stories)
    marks = [
        Text(_LINKED if story_id in linked else _NOT_LINKED, justify="center")
        for story_id in bank_ids
    ]
    return [prompt, own, *marks]
