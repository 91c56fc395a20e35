"""The drill: one card at a time, answered out loud or in a draft, then revealed and graded."""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import suppress
from functools import partial
from typing import TYPE_CHECKING, ClassVar, Literal, Unpack

from textual import on
from textual.app import ComposeResult, SuspendNotSupported
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.events import ScreenResume, ScreenSuspend
from textual.screen import Screen
from textual.widgets import Static, TextArea

from prepdeck.clock import Clock
from prepdeck.domain.keymap import POINT_ACTIONS, POINT_KEYS
from prepdeck.domain.spoken import SpokenAnswer, covered_points, pace_note, words_per_minute
from prepdeck.domain.stories import Story, outline_lines
from prepdeck.errors import PrepdeckError
from prepdeck.srs.state import Rating
from prepdeck.study.session import suggest_grade
from prepdeck.tui.card_text import shown_answer
from prepdeck.tui.dialogs.help import HelpScreen
from prepdeck.tui.dialogs.own_answer import OwnAnswerScreen
from prepdeck.tui.external_editor import edit_in_editor, editor_command
from prepdeck.tui.failures import reports_errors
from prepdeck.tui.keys import Keyed, bindings_of, key_display, keys_in_force, screen_bindings
from prepdeck.tui.memory import hold_drill
from prepdeck.tui.options import NodeOptions
from prepdeck.tui.protocols import DrillSession, DrillSpeech, ShownCard
from prepdeck.tui.screens.summary import SummaryChoice, SummaryScreen
from prepdeck.tui.widgets.checklist import PointChecklist
from prepdeck.tui.widgets.countdown import Countdown, Monotonic, Stopwatch
from prepdeck.tui.widgets.footer import KeyFooter
from prepdeck.tui.widgets.grade_bar import GradeBar
from prepdeck.tui.widgets.kind_badge import KindBadge

if TYPE_CHECKING:
    from prepdeck.formats.wav import Sound
    from prepdeck.speech.recorder import Recorder

_GRADE_IDS: dict[Rating, str] = {
    Rating.AGAIN: "again",
    Rating.HARD: "hard",
    Rating.GOOD: "good",
    Rating.EASY: "easy",
}

# Actions that stay available while the draft box has focus: everything else would
# swallow what the user is typing.
_DRAFT_ACTIONS = frozenset({"leave_draft"})


class DrillScreen(Screen[None]):
    """Shows the session's current card and forwards every key to the session."""

    AUTO_FOCUS = ""
    # Below 20 rows the stylesheet tightens the card (`-short`) so its points stay in sight.
    # Textual declares this attribute in a way mypy reads as an instance variable, so it
    # cannot be marked ClassVar here.
    VERTICAL_BREAKPOINTS = [(0, "-short"), (20, "-tall")]  # noqa: RUF012

    BINDINGS: ClassVar[list[BindingType]] = screen_bindings(
        "drill",
        # Reveal and accept stay out of the footer: the card shows the one and the grade bar
        # the other, and a footer whose keys came and went rebuilt itself on every card.
        Keyed("reveal", "reveal", "Answer", show=False, tooltip="Show the model answer and points"),
        Keyed("again", "grade(1)", "Again", show=False, tooltip="Again: you could not answer"),
        Keyed("hard", "grade(2)", "Hard", show=False, tooltip="Hard: you answered with effort"),
        Keyed("good", "grade(3)", "Good", show=False, tooltip="Good: you answered well"),
        Keyed("easy", "grade(4)", "Easy", show=False, tooltip="Easy: it came without effort"),
        Keyed(
            "accept", "accept", "Accept", show=False, tooltip="Grade as the ticked points suggest"
        ),
        Keyed("draft", "focus_draft", "Draft", tooltip="Type a draft answer"),
        Keyed("leave-draft", "leave_draft", "Leave draft", tooltip="Leave the draft box"),
        Keyed("undo", "undo", "Undo", tooltip="Take back the last grade, skip, bury or suspend"),
        Keyed("skip", "skip", "Skip", tooltip="Put this card back for later"),
        Keyed("bury", "bury", "Bury", tooltip="Hide this card until tomorrow"),
        Keyed("suspend", "suspend", "Suspend", show=False, tooltip="Stop showing this card at all"),
        # Out of the footer: it acts only on a revealed card, and the footer stays the same
        # from card to card (see reveal above).
        Keyed(
            "my-answer",
            "my_answer",
            "My answer",
            show=False,
            tooltip="Write your own answer to this card ($VISUAL or $EDITOR if set)",
        ),
        Keyed(
            "record",
            "record",
            "Record",
            # Out of the footer, which is full at 80 columns; the card's hint names it.
            show=False,
            tooltip="Record a spoken answer (again to stop); transcribed on this machine",
        ),
        Keyed("help", "help", "Help", tooltip="List the keys"),
        Keyed("back", "end", "End", show="first", tooltip="End the session"),
        *(
            Keyed(
                point,
                f"toggle_point({index})",
                f"Point {index + 1}",
                show=False,
                tooltip=f"Tick or untick key point {index + 1}",
            )
            for index, point in enumerate(POINT_ACTIONS)
        ),
    )
    HELP_TITLE: ClassVar[str] = "Session"
    HELP_SECTIONS: ClassVar[tuple[tuple[str, tuple[str, ...]], ...]] = (
        ("Answer", ("reveal", "record", "draft", "leave-draft", "my-answer")),
        ("Grade", ("again", "hard", "good", "easy", "accept", "point-1")),
        ("Card", ("undo", "skip", "bury", "suspend")),
    )

    def __init__(
        self,
        session: DrillSession,
        *,
        clock: Clock,
        monotonic: Monotonic,
        **options: Unpack[NodeOptions],
    ) -> None:
        super().__init__(**options)
        self.session = session
        self._clock = clock
        self.stopwatch = Stopwatch(monotonic)
        # Set once the user ticks or unticks a point: only then is the count of points hit
        # a statement about the answer rather than an untouched checklist.
        self._points_used = False
        self._revealed = False
        self._own_shown: str | None = None
        """The own answer the card area holds, None when its part is hidden."""
        self._stories_shown: tuple[Story, ...] = ()
        """The linked stories the card area holds, none when their part is hidden."""
        self._answered_after: float | None = None
        """Seconds from the card to its answer, once revealed."""
        # What was typed for each step the session may undo, newest last, so an undo gives
        # the card back with its draft; and drafts of skipped cards, for when they return.
        self._step_drafts: list[tuple[tuple[str, str], str]] = []
        self._skipped_drafts: dict[tuple[str, str], str] = {}
        self._recorder: Recorder | None = None
        """The recording under way, if any."""
        self._recording_card: tuple[str, str] | None = None
        self._hearing = False
        """True while a recording is being transcribed."""
        self._spoken: SpokenAnswer | None = None
        """The current card's spoken answer, once transcribed; kept with its review."""
        self._key_labels: dict[str, str] = {}
        """The label of each key named on screen, by binding id."""

    def compose(self) -> ComposeResult:
        with Horizontal(id="card-bar"):
            yield Static("", id="card-where", markup=False)
            yield Static("", id="card-progress", markup=False)
            yield Countdown(self.stopwatch, id="countdown")
        yield KindBadge(id="kind")
        # The prompt stays put while the answer scrolls: it is what the answer is judged by.
        with VerticalScroll(id="prompt-box", can_focus=False):
            yield Static("", id="prompt", markup=False)
        with VerticalScroll(id="card-scroll"):
            yield Static("", id="reveal-hint", markup=False)
            with Vertical(id="revealed"):
                # The user's own answer comes first: it is what they mean to say, and the
                # deck's answer below is what it is checked against.
                with Vertical(id="own-part"):
                    yield Static(Content("Your answer"), classes="section-title")
                    yield Static("", id="own-answer", markup=False)
                # Points first: they are what the user ticks, so they must be on screen at
                # once even when a long model answer follows.
                with Vertical(id="points-part"):
                    yield Static("", id="points-title", classes="section-title", markup=False)
                    yield PointChecklist(id="points")
                # The user's stories for the card, after the points so a short terminal
                # still shows the points at once: an outline each, to tell, not to read.
                with Vertical(id="stories-part"):
                    yield Static(Content("Your stories"), classes="section-title")
                    yield Static("", id="stories", markup=False)
                # What the user said, when they answered out loud, right above the model
                # answer it is read against; after the points, which a long transcript
                # must not push out of sight.
                with Vertical(id="spoken-part"):
                    yield Static(Content("You said"), classes="section-title")
                    yield Static("", id="spoken-figures", markup=False)
                    yield Static("", id="spoken", markup=False)
                yield Static(Content("Answer"), id="answer-title", classes="section-title")
                yield Static("", id="answer", markup=False)
                with Vertical(id="followups-part"):
                    yield Static(
                        Content("Follow-ups"), id="followups-title", classes="section-title"
                    )
                    yield Static("", id="followups", markup=False)
        yield TextArea(id="draft", soft_wrap=True, tab_behavior="focus")
        yield GradeBar(id="grades")
        yield KeyFooter(show_command_palette=False)

    async def on_mount(self) -> None:
        await self._show_current()
        self.call_after_refresh(hold_drill)

    # -- what the screen shows -------------------------------------------------------------

    def _key(self, binding_id: str) -> str:
        # The keymap in force is the one checked at start-up, so a key's label is looked
        # up once per screen, not on every card (a card names a dozen keys).
        label = self._key_labels.get(binding_id)
        if label is None:
            label = self._key_labels[binding_id] = self._look_up_key(binding_id)
        return label

    def _look_up_key(self, binding_id: str) -> str:
        # A screen built on this one (the cram's) adds bindings of its own to these.
        for screen_type in type(self).__mro__:
            for binding in bindings_of(vars(screen_type).get("BINDINGS", ())):
                if binding.id == binding_id:
                    return key_display(self.app, binding, keys_in_force(self.app))
        raise KeyError(binding_id)

    @property
    def draft(self) -> TextArea:
        return self.query_one("#draft", TextArea)

    @property
    def checklist(self) -> PointChecklist:
        return self.query_one("#points", PointChecklist)

    @property
    def grade_bar(self) -> GradeBar:
        return self.query_one("#grades", GradeBar)

    @property
    def countdown(self) -> Countdown:
        return self.query_one("#countdown", Countdown)

    @property
    def card_scroll(self) -> VerticalScroll:
        return self.query_one("#card-scroll", VerticalScroll)

    @property
    def revealed(self) -> bool:
        return self._revealed

    def _answer_seconds(self) -> float:
        answered = self._answered_after
        return self.stopwatch.elapsed if answered is None else answered

    def _show_part(self, selector: str, shown: bool) -> None:
        # The parts of a card come and go by their ``display`` alone. A state class would
        # send the whole card area through the stylesheet again on every card, the
        # largest part of a grade's frame (docs/architecture.md, "Hot paths").
        self.query_one(selector).display = shown

    def _set_revealed(self, revealed: bool) -> None:
        self._revealed = revealed
        self._show_part("#reveal-hint", not revealed)
        self._show_part("#revealed", revealed)
        self._show_part("#grades", revealed)

    def _card_key(self, shown: ShownCard) -> tuple[str, str]:
        return (shown.deck_id, shown.card.id)

    async def _show_current(self, draft_text: str | None = None) -> None:
        """Show the session's card, fresh; ``draft_text`` None means a skipped card's draft."""
        shown = self.session.current
        if shown is None:
            self._open_summary()
            return
        # One frame for the new card, however many widgets it touches.
        with self.app.batch_update():
            await self._show_card(shown, draft_text)

    async def _show_card(self, shown: ShownCard, draft_text: str | None) -> None:
        # Only what changes from one card to the next is set: each widget set is painted
        # again, and a widget whose size may change has the screen laid out again.
        key = self._card_key(shown)
        kept = self._skipped_drafts.pop(key, "")
        card = shown.card
        self._set_revealed(False)
        self._answered_after = None
        self._points_used = False
        self._drop_recording()
        self._spoken = None
        self._show_part("#spoken-part", False)
        self._put(
            "#card-where",
            Content.assemble(
                shown.deck_title,
                ("  new" if shown.is_new else "", "italic"),
                # A leech is one to rewrite or suspend rather than drill on: say so now.
                "  " if shown.is_leech else "",
                ("leech" if shown.is_leech else "", "bold reverse"),
            ),
            # It takes what the bar leaves, one line: its text never changes its size.
            layout=False,
        )
        self._show_progress()
        self.query_one("#kind", KindBadge).kind = card.kind
        # Block scalars in YAML end with a newline; on screen it would only be a blank line.
        self._put("#prompt", Content(card.prompt.rstrip()))
        self._put(
            "#reveal-hint",
            Content.assemble(
                # Two spaces apart, it fits on one line of a 60-column terminal.
                (self._key("reveal"), "bold"),
                " show the answer  ",
                (self._key("record"), "bold"),
                " say it  ",
                (self._key("draft"), "bold"),
                " draft  ",
                (self._key("help"), "bold"),
                " all keys",
            ),
        )
        self._put("#answer", Content(shown_answer(card.answer)))
        self._show_own_answer(None)
        self._show_linked_stories(())
        self._put(
            "#points-title",
            Content.assemble(
                "Key points",
                ("  tick the ones you said", "italic") if card.points else "",
            ),
        )
        self._show_part("#points-part", bool(card.points))
        self._show_part("#followups-part", bool(card.followups))
        await self.checklist.show_points(card.points, self._point_keys(len(card.points)))
        self._put("#followups", Content("\n".join(f"- {followup}" for followup in card.followups)))
        draft = self.draft
        text = kept if draft_text is None else draft_text
        if text or draft.text:
            draft.text = text
        else:
            # Already empty: loading it again would only lay the box out anew. What was
            # typed and deleted on the last card is not for this card's undo.
            draft.history.clear()
        draft.placeholder = Content.assemble(
            "Press ",
            self._key("draft"),
            " to type a draft; ",
            self._key("leave-draft"),
            " to stop.",
        )
        # Hidden until the answer is revealed, when its intervals are known: its labels
        # are set then, once.
        self.grade_bar.reset(
            {rating: self._key(_GRADE_IDS[rating]) for rating in Rating},
            self._key("accept"),
        )
        self.stopwatch.restart()
        self.countdown.start(card.seconds)
        self.query_one("#prompt-box", VerticalScroll).scroll_home(animate=False)
        scroll = self.card_scroll
        scroll.scroll_home(animate=False)
        if self.focused is not draft:
            scroll.focus()
        self.refresh_bindings()

    def _put(self, selector: str, content: Content, *, layout: bool = True) -> None:
        """Show ``content`` in the Static ``selector``, unless it shows it already."""
        static = self.query_one(selector, Static)
        if not _same(static.content, content):
            static.update(content, layout=layout)

    def _show_own_answer(self, answer: str | None) -> None:
        """The user's own answer above the deck's, or the card as it is without one."""
        # Most cards have none, as had the one before: nothing to redraw then.
        if answer == self._own_shown:
            return
        self._own_shown = answer
        self._show_part("#own-part", answer is not None)
        self.query_one("#own-answer", Static).update(Content(answer or ""))
        self._show_answer_title()

    def _show_linked_stories(self, stories: Sequence[Story]) -> None:
        """The outline of each story linked to the card, or no part for them."""
        shown = tuple(stories)
        # Most cards have none, as had the one before: nothing to redraw then.
        if shown == self._stories_shown:
            return
        self._stories_shown = shown
        self._show_part("#stories-part", bool(shown))
        self.query_one("#stories", Static).update(_outlines(shown))
        self._show_answer_title()

    def _show_answer_title(self) -> None:
        # Beside what the user wrote, the deck's answer is named for what it is.
        own = self._own_shown is not None or bool(self._stories_shown)
        self._put("#answer-title", Content("Model answer" if own else "Answer"))

    def _point_keys(self, count: int) -> list[str]:
        return [
            self._key(f"point-{index + 1}") if index < len(POINT_KEYS) else ""
            for index in range(count)
        ]

    def _cards_left(self) -> int:
        # The session counts the cards after the current one; people count the one in front
        # of them too.
        session = self.session
        return session.left + (session.current is not None)

    def _show_progress(self) -> None:
        if self._recorder is not None:
            listening: tuple[str, str] | str = (
                f"  ● rec, {self._key('record')} stops",
                "bold",
            )
        elif self._hearing:
            listening = ("  transcribing…", "italic")
        else:
            listening = ""
        self.query_one("#card-progress", Static).update(
            Content.assemble(f"{self.session.done} done · {self._cards_left()} left", listening)
        )

    def _update_suggestion(self) -> None:
        shown = self.session.current
        # Only once a point is ticked or unticked: an untouched checklist says nothing
        # about the answer, and enter out of habit must not grade it Again.
        if shown is None or not self.revealed or not shown.card.points or not self._points_used:
            self.grade_bar.suggested = None
        else:
            checklist = self.checklist
            self.grade_bar.suggested = suggest_grade(checklist.hit_count, checklist.total)
        self.refresh_bindings()

    # -- keys --------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.is_mounted and self.focused is self.draft:
            return action in _DRAFT_ACTIONS
        if action == "leave_draft":
            return False
        has_card = self.session.current is not None
        if action == "reveal":
            return has_card and not self.revealed
        if action == "accept":
            return self.revealed and self.grade_bar.suggested is not None
        if action == "toggle_point":
            index = parameters[0] if parameters else -1
            return self.revealed and isinstance(index, int) and index < self.checklist.total
        if action == "my_answer":
            return has_card and self.revealed
        if action in ("skip", "bury", "suspend", "focus_draft", "grade", "record"):
            return has_card
        if action == "undo":
            # Shown dimmed until there is a step to take back.
            return True if self.session.can_undo else None
        return True

    @reports_errors("Not done", timeout=8)
    async def action_reveal(self) -> None:
        intervals = self.session.reveal()
        self.grade_bar.set_intervals(intervals)
        # The time taken is the time the clock showed: from the card to its answer.
        self._answered_after = self.stopwatch.elapsed
        self._show_own_answer(self.session.own_answer)
        self._show_linked_stories(self.session.linked_stories)
        self._set_revealed(True)
        self.countdown.stopped = True
        self._suggest_points(self.draft.text)
        self._update_suggestion()

    def _suggest_points(self, answer: str) -> None:
        """Tick the key points ``answer`` covers, marked as suggested; the user unticks
        what they did not really say, and the grade they suggest follows as it would from
        ticks by hand. An answer that covers none ticks nothing and suggests nothing: it
        may be notes, and enter out of habit must not grade it Again."""
        shown = self.session.current
        if shown is None or not shown.card.points or not answer.strip():
            return
        hits = covered_points(answer, shown.card.points)
        if not any(hits):
            return
        self.checklist.suggest(hits)
        self._points_used = True
        self.query_one("#points-title", Static).update(
            Content.assemble("Key points", ("  ticked from your answer: check them", "italic"))
        )

    @reports_errors("Not saved", timeout=8)
    def action_my_answer(self) -> None:
        shown = self.session.current
        if shown is None or not self.revealed:
            return
        kept = self.session.own_answer or ""
        command = editor_command()
        if command is not None:
            try:
                written = edit_in_editor(self.app, command, kept)
            except SuspendNotSupported:
                pass  # No terminal to hand over (a browser): the pane below instead.
            else:
                if written is not None:
                    self._keep_own_answer(written)
                return
        self.app.push_screen(OwnAnswerScreen(shown.card.prompt, kept), self._answer_written)

    @reports_errors("Not saved", timeout=8)
    def _answer_written(self, text: str | None) -> None:
        if text is not None:
            self._keep_own_answer(text)

    def _keep_own_answer(self, text: str) -> None:
        self._show_own_answer(self.session.keep_own_answer(text))
        self.card_scroll.scroll_home(animate=False)

    async def action_grade(self, rating: int) -> None:
        if not self.revealed:
            self.notify(
                f"Show the answer first: press {self._key('reveal')}.",
                severity="warning",
                timeout=3,
                markup=False,
            )
            return
        await self._grade(Rating(rating))

    async def action_accept(self) -> None:
        suggested = self.grade_bar.suggested
        if suggested is not None:
            self._points_used = True
            await self._grade(suggested)

    @reports_errors("Not done", timeout=8)
    async def _grade(self, rating: Rating) -> None:
        shown = self.session.current
        if shown is None:
            return
        draft_text = self.draft.text
        checklist = self.checklist
        points_hit = checklist.hit_count if self._points_used and checklist.total else None
        self.session.grade(
            rating,
            points_hit=points_hit,
            duration_ms=round(self._answer_seconds() * 1000),
            draft=draft_text if draft_text.strip() else None,
            spoken=self._spoken,
        )
        self._step_drafts.append((self._card_key(shown), draft_text))
        await self._show_current()

    # -- a spoken answer ---------------------------------------------------------------------

    def action_record(self) -> None:
        """Start recording; pressed again, stop and have the answer transcribed."""
        shown = self.session.current
        if shown is None:
            return
        if self._recorder is not None:
            self._stop_recording()
            return
        if self._hearing:
            self.notify("Still transcribing the last answer.", timeout=3, markup=False)
            return
        if self.app.is_web:
            # The app runs where prepdeck serve runs: its microphone may be another
            # machine's than the browser's, and must not be opened for it.
            self.notify(
                "Recording works in the terminal only, not in a browser.",
                severity="warning",
                timeout=6,
                markup=False,
            )
            return
        speech = _speech_of(self)
        if speech is None:
            self.notify("Recording needs a home.", severity="warning", markup=False)
            return
        try:
            recorder = speech.recorder()
            recorder.start()
        except PrepdeckError as error:
            # No PortAudio, no microphone: say so once, and the drill goes on without it.
            self.notify(str(error), severity="warning", timeout=8, markup=False)
            return
        self._recorder = recorder
        self._recording_card = self._card_key(shown)
        self._show_progress()

    def _stop_recording(self) -> None:
        recorder, card = self._recorder, self._recording_card
        self._recorder = self._recording_card = None
        if recorder is None or card is None:
            return
        try:
            sound = recorder.stop()
        except PrepdeckError as error:
            self.notify(str(error), severity="warning", timeout=8, markup=False)
            self._show_progress()
            return
        speech = _speech_of(self)
        if speech is None:
            return
        self._hearing = True
        self._show_progress()
        name = self._clock.now().strftime("%Y%m%dT%H%M%S%fZ") + f"-{card[0]}-{card[1]}"
        self.run_worker(
            partial(self._hear, speech, sound, name, card),
            thread=True,
            group="speech",
            exit_on_error=False,
        )

    def _hear(self, speech: DrillSpeech, sound: Sound, name: str, card: tuple[str, str]) -> None:
        # In a worker thread: transcribing takes a fraction of the recording's length.
        try:
            spoken = speech.hear(sound, name=name)
        except PrepdeckError as error:
            self.app.call_from_thread(self._not_heard, str(error))
            return
        self.app.call_from_thread(self.call_later, self._heard, spoken, card)

    def _not_heard(self, message: str) -> None:
        self._hearing = False
        self._show_progress()
        self.notify(message, severity="error", timeout=8, markup=False)

    async def _heard(self, spoken: SpokenAnswer, card: tuple[str, str]) -> None:
        self._hearing = False
        self._show_progress()
        shown = self.session.current
        if shown is None or self._card_key(shown) != card:
            return  # The user moved on meanwhile.
        self._spoken = spoken
        if not self.revealed:
            await self.action_reveal()
        self.query_one("#spoken", Static).update(Content(spoken.transcript or "(nothing heard)"))
        self.query_one("#spoken-figures", Static).update(
            Content.styled(_spoken_figures(spoken, shown.card.seconds), "italic")
        )
        self._show_part("#spoken-part", True)
        self._suggest_points(spoken.transcript)
        self._update_suggestion()
        self.card_scroll.scroll_home(animate=False)

    def _drop_recording(self) -> None:
        """A recording still running when its card goes is stopped and thrown away."""
        recorder = self._recorder
        self._recorder = self._recording_card = None
        if recorder is not None:
            with suppress(PrepdeckError):
                recorder.stop()

    def on_unmount(self) -> None:
        self._drop_recording()

    def action_toggle_point(self, index: int) -> None:
        self.checklist.toggle(index)

    @on(PointChecklist.Toggled)
    def _points_toggled(self) -> None:
        self._points_used = True
        self._update_suggestion()

    @on(GradeBar.Chosen)
    async def _grade_clicked(self, event: GradeBar.Chosen) -> None:
        if self.revealed:
            await self._grade(event.rating)

    def action_focus_draft(self) -> None:
        self.draft.focus()
        self.refresh_bindings()

    def action_leave_draft(self) -> None:
        # Typing left the view at the last line; the draft reads from its first.
        self.draft.scroll_home(animate=False)
        self.card_scroll.focus()
        self.refresh_bindings()

    @reports_errors("Not done", timeout=8)
    async def action_undo(self) -> None:
        undone = self.session.undo()
        if not undone:
            self.notify("Nothing to undo.", timeout=3, markup=False)
            return
        draft_text = ""
        shown = self.session.current
        if self._step_drafts and shown is not None:
            key, typed = self._step_drafts.pop()
            if key == self._card_key(shown):
                draft_text = typed
        await self._show_current(draft_text)

    @reports_errors("Not done", timeout=8)
    async def _card_action(self, act: Literal["skip", "bury", "suspend"]) -> None:
        shown = self.session.current
        if shown is None:
            return
        draft_text = self.draft.text
        getattr(self.session, act)()
        key = self._card_key(shown)
        self._step_drafts.append((key, draft_text))
        # A skipped card comes back later in the session, its draft with it.
        if act == "skip" and draft_text:
            self._skipped_drafts[key] = draft_text
        undo = self._key("undo")
        if act == "bury":
            self.notify(f"Buried until tomorrow ({undo} to undo).", timeout=3, markup=False)
        elif act == "suspend":
            self.notify(
                f"Suspended until you unsuspend it ({undo} to undo).", timeout=4, markup=False
            )
        await self._show_current()

    async def action_skip(self) -> None:
        await self._card_action("skip")

    async def action_bury(self) -> None:
        await self._card_action("bury")

    async def action_suspend(self) -> None:
        await self._card_action("suspend")

    def action_end(self) -> None:
        self._open_summary()

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen.for_screen(self))

    # -- time and the summary --------------------------------------------------------------

    def on_screen_suspend(self, event: ScreenSuspend) -> None:
        # Time behind help or the summary is not time spent answering.
        self.stopwatch.pause()

    def on_screen_resume(self, event: ScreenResume) -> None:
        self.stopwatch.resume()
        self._show_progress()
        self.refresh_bindings()

    @reports_errors("Not done", timeout=8)
    def _open_summary(self) -> None:
        self.app.push_screen(self._summary_screen(), self._summary_closed)

    def _summary_screen(self) -> SummaryScreen:
        return SummaryScreen(
            self.session.summary(),
            left=self._cards_left(),
            finished=self.session.current is None,
            clock=self._clock,
            can_undo=self.session.can_undo,
            plan_note=self.session.plan_note(),
        )

    async def _summary_closed(self, choice: SummaryChoice | None) -> None:
        if choice == "undo":
            await self.action_undo()
            if self.session.current is None:
                self._open_summary()
            return
        self.dismiss()


def _same(shown: object, content: Content) -> bool:
    """True when ``shown`` is ``content``, styles included (Content's ``==`` compares only
    the text)."""
    return (
        isinstance(shown, Content) and shown.plain == content.plain and shown.spans == content.spans
    )


def _speech_of(screen: Screen[None]) -> DrillSpeech | None:
    from prepdeck.tui.app import PrepdeckApp

    app = screen.app
    return app.drill_speech() if isinstance(app, PrepdeckApp) else None


def _spoken_figures(spoken: SpokenAnswer, budget: int | None) -> str:
    """Pace, time against the card's budget, and fillers, in one line."""
    wpm = words_per_minute(spoken.words, spoken.seconds)
    fillers = f"{spoken.fillers} filler{'' if spoken.fillers == 1 else 's'}"
    return " · ".join(part for part in (pace_note(wpm, spoken.seconds, budget), fillers) if part)


def _outlines(stories: Sequence[Story]) -> Content:
    """Each story's title in bold, then its parts, one line each (long ones wrap); a blank
    line between stories."""
    lines: list[Content] = []
    for story in stories:
        if lines:
            lines.append(Content(""))
        lines.append(Content.styled(story.title, "bold"))
        for line in outline_lines(story):
            label, _, text = line.partition(": ")
            lines.append(Content.assemble((f"{label}:", "italic"), " ", " ".join(text.split())))
    return Content("\n").join(lines)
