"""Get decks: what the registered sources offer, searchable; the highlighted deck in full
below (description, licence, versions, cards); install or update it, with the download's
progress, or bring every deck from a source up to date.

Everything that may reach the network runs in a worker thread, each on a connection of
its own (``Services.apart``), so the screen never freezes: the first search fetches the
indexes, installing downloads a deck, and a deck's card count needs its file.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, Literal, NamedTuple, Unpack, cast

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.timer import Timer
from textual.widgets import DataTable, Input, ProgressBar, Static

from prepdeck.domain.cards import Source
from prepdeck.domain.plural import plural
from prepdeck.domain.reuse import reuse_notes
from prepdeck.domain.versions import is_older_version
from prepdeck.errors import PrepdeckError
from prepdeck.tui.deck_text import describe_source, short_source
from prepdeck.tui.failures import report_error
from prepdeck.tui.keys import Keyed, binding_with_id, key_display, keys_in_force, screen_bindings
from prepdeck.tui.screens.base import ServicesScreen
from prepdeck.tui.widgets.footer import KeyFooter
from prepdeck.tui.widgets.row_table import RowTable, row_bindings

if TYPE_CHECKING:
    from prepdeck.library.preview import DeckPreview
    from prepdeck.library.sources import Offered, Offers
    from prepdeck.library.updates import UpdateRun
    from prepdeck.reports.overview import DeckRow
    from prepdeck.services import Services
    from prepdeck.tui.app import PrepdeckApp
    from prepdeck.tui.failures import Notifier
    from prepdeck.tui.options import NodeOptions

State = Literal["new", "installed", "update", "elsewhere", "removed"]
"""An offer beside the installed decks: not installed; installed from this source at the
version offered; installed from it at an older one; installed from somewhere else;
removed earlier."""

STATE_WORDS: Mapping[State, str] = {
    "new": "",
    "installed": "installed",
    "update": "update",
    "elsewhere": "other src",
    "removed": "removed",
}

SEARCH_DELAY = 0.15
"""Seconds of quiet typing before a search starts: one search per pause, not per key."""
PREVIEW_DELAY = 0.4
"""Seconds a deck stays highlighted before its file is downloaded to count its cards."""

_VERSION_WIDTH = 7
_LICENCE_WIDTH = 16
_STATE_WIDTH = 9
_SOURCE_WIDTH = 24
_SOURCE_MOST = 60
"""The widest the source column grows on a wide screen, once the title has its room."""
_SOURCE_FROM = 96
"""The narrowest screen that has room for a source column; narrower ones show the
source in the details only."""
_TITLE_WIDTH = 48


def offer_state(offer: Offered, installed: DeckRow | None) -> State:
    """Where ``offer`` stands beside the installed deck of its id (None: there is none)."""
    if installed is None:
        return "new"
    if installed.source != offer.source:
        return "elsewhere" if not installed.removed else "removed"
    if installed.removed:
        return "removed"
    if is_older_version(installed.version, offer.entry.version):
        return "update"
    return "installed"


# -- messages from the workers ---------------------------------------------------------


class DecksFound(Message):
    """A search's answer: the offers and the decks installed, or why there is none."""

    def __init__(
        self,
        request: int,
        offers: Offers | None,
        installed: Mapping[str, DeckRow],
        error: PrepdeckError | None = None,
    ) -> None:
        super().__init__()
        self.request = request
        self.offers = offers
        self.installed = installed
        self.error = error


class Downloaded(Message):
    """Bytes of the download under way so far, and its size when the server said it."""

    def __init__(self, received: int, total: int | None) -> None:
        super().__init__()
        self.received = received
        self.total = total


@dataclass(frozen=True, slots=True)
class Outcome:
    """How an install, an update or a source added went: what to say, or why it failed."""

    title: str
    said: str = ""
    failed: str = ""
    """Decks that failed while others worked (an update of every deck)."""
    warnings: Sequence[str] = ()
    error: PrepdeckError | None = None


class Previewed(Message):
    def __init__(self, key: tuple[str, str, str], found: DeckPreview | str) -> None:
        super().__init__()
        self.key = key
        self.found = found
        """The preview, or why the deck's file could not be read."""


# -- the screen ------------------------------------------------------------------------


class OfferTable(RowTable, inherit_bindings=False):
    BINDINGS: ClassVar[list[BindingType]] = row_bindings("get decks")
    HELP_TITLE: ClassVar[str] = "Deck list"


class GetDecksScreen(ServicesScreen[None]):
    """The decks the sources offer; read again whenever a deck is installed or updated."""

    AUTO_FOCUS = "#get-list"

    BINDINGS: ClassVar[list[BindingType]] = screen_bindings(
        "get decks",
        Keyed(
            "deck-install",
            "install",
            "Install",
            show="first",
            tooltip="Install the highlighted deck, or update it to the version offered",
        ),
        Keyed(
            "deck-update-all",
            "update_all",
            "Update all",
            tooltip="Bring every deck from a source to the version it offers now",
        ),
        Keyed("deck-search", "focus_search", "Search", tooltip="Type words to look for"),
        Keyed("source-add", "add_source", "Add source", tooltip="Register a deck index by URL"),
        Keyed(
            "deck-refresh",
            "refresh",
            "Refresh",
            tooltip="Fetch every index again, for what the sources offer now",
        ),
        Keyed("back", "back", "Back", show="first", tooltip="Back to the home"),
    )
    HELP_TITLE: ClassVar[str] = "Get decks"

    offers: Sequence[Offered] = ()
    """The decks listed, in the order of the rows."""
    sources = 0
    """How many sources the last search asked."""
    installed: Mapping[str, DeckRow] = {}
    """The decks installed (removed ones too), by id."""
    busy = ""
    """What is being done (installing, updating, adding a source); empty when nothing."""
    _request = 0
    _answered = False
    _search_timer: Timer | None = None
    _preview_timer: Timer | None = None

    def __init__(self, services: Services, **options: Unpack[NodeOptions]) -> None:
        super().__init__(services, **options)
        self._warned: set[str] = set()
        self._previews: dict[tuple[str, str, str], DeckPreview | str] = {}

    def compose(self) -> ComposeResult:
        yield Static(Content("Get decks"), id="get-title")
        yield Input(placeholder="Search the decks offered (/)", id="get-search")
        yield Static("", id="get-about", markup=False)
        yield OfferTable(id="get-list")
        with Horizontal(id="get-busy"):
            yield Static("", id="get-busy-label", markup=False)
            yield ProgressBar(id="get-progress", show_eta=False)
        with VerticalScroll(id="get-detail"):
            yield Static("", id="get-head", markup=False)
            yield Static("", id="get-description", markup=False)
            yield Static("", id="get-facts", markup=False)
        yield KeyFooter(show_command_palette=False)

    def on_mount(self) -> None:
        self.set_class(True, "-empty")
        self._show_about()
        self.search(then_refresh=True)

    def on_resize(self) -> None:
        if self.offers:
            self._show_rows()

    # -- parts ---------------------------------------------------------------------------

    @property
    def table(self) -> OfferTable:
        return self.query_one("#get-list", OfferTable)

    @property
    def search_box(self) -> Input:
        return self.query_one("#get-search", Input)

    @property
    def selected(self) -> Offered | None:
        row = self.table.cursor_row
        if not self.offers or not 0 <= row < len(self.offers):
            return None
        return self.offers[row]

    @property
    def typing(self) -> bool:
        return self.is_mounted and self.focused is self.search_box

    def state_of(self, offer: Offered) -> State:
        return offer_state(offer, self.installed.get(offer.entry.id))

    def _key(self, binding_id: str) -> str:
        bindings = [*self.BINDINGS, *type(self.app).BINDINGS]
        return key_display(self.app, binding_with_id(bindings, binding_id), keys_in_force(self.app))

    # -- searching -----------------------------------------------------------------------

    def search(self, *, refresh: bool = False, then_refresh: bool = False) -> None:
        """List what the sources offer for the words in the search box, in a worker:
        the first search of the hour, or ``refresh``, fetches the indexes;
        ``then_refresh`` answers from the cache first, then fetches them again, so the
        list comes at once and the updates it shows are the sources' latest."""
        self._request += 1
        request, term = self._request, self.search_box.value.strip()
        services = self.services

        def find(apart: Services, fresh: bool) -> DecksFound:
            offers = apart.sources.search(term, refresh=fresh)
            rows = apart.deck_overview(include_removed=True)
            return DecksFound(request, offers, {row.id: row for row in rows})

        def work() -> None:
            try:
                with services.apart() as apart:
                    found = find(apart, refresh)
                    self.post_message(found)
                    if then_refresh and found.offers is not None and found.offers.sources:
                        self.post_message(find(apart, True))
            except PrepdeckError as error:
                self.post_message(DecksFound(request, None, {}, error))

        if refresh:
            self._show_busy_line("Fetching every index again…")
        self.run_worker(work, thread=True, exclusive=True, group="get-decks-search")

    def on_decks_found(self, message: DecksFound) -> None:
        if message.request != self._request:
            return  # overtaken by a later search
        if not self.busy:
            self._hide_busy_line()
        if message.error is not None or message.offers is None:
            if message.error is not None:
                report_error(self, message.error, "Cannot read the sources")
            return
        self._answered = True
        self.offers = message.offers.decks
        self.sources = message.offers.sources
        self.installed = message.installed
        self._warn(message.offers.warnings)
        self._show_rows()

    def _warn(self, warnings: Sequence[str]) -> None:
        """Say once per screen which sources did not answer; the others still did."""
        fresh = [line for line in warnings if line not in self._warned]
        self._warned.update(fresh)
        if fresh:
            self.notify(
                "\n".join(fresh),
                title="Some sources did not answer",
                severity="warning",
                timeout=10,
                markup=False,
            )

    @on(Input.Changed, "#get-search")
    def _typed(self) -> None:
        if self._search_timer is not None:
            self._search_timer.stop()
        self._search_timer = self.set_timer(SEARCH_DELAY, self.search)

    @on(Input.Submitted, "#get-search")
    def _submitted(self) -> None:
        if self._search_timer is not None:
            self._search_timer.stop()
        self.search()
        self.table.focus()

    # -- the list ------------------------------------------------------------------------

    def _show_rows(self) -> None:
        table = self.table
        keep = self.selected
        table.clear(columns=True)
        padding = 2 * table.cell_padding
        width = (self.size.width or 80) - 3
        with_source = width >= _SOURCE_FROM
        fixed = _VERSION_WIDTH + _LICENCE_WIDTH + _STATE_WIDTH + 4 * padding
        if with_source:
            fixed += _SOURCE_WIDTH + padding
        title_width = min(_TITLE_WIDTH, max(10, width - fixed))
        source_width = min(_SOURCE_MOST, _SOURCE_WIDTH + max(0, width - fixed - title_width))
        table.add_column(Text("Deck"), width=title_width, key="title")
        table.add_column(Text("Version"), width=_VERSION_WIDTH, key="version")
        table.add_column(Text("Licence"), width=_LICENCE_WIDTH, key="licence")
        table.add_column(Text(""), width=_STATE_WIDTH, key="state")
        if with_source:
            table.add_column(Text("Source"), width=source_width, key="source")
        for index, offer in enumerate(self.offers):
            entry = offer.entry
            state = self.state_of(offer)
            cells = [
                _cell(entry.title, title_width),
                _cell(entry.version or "—", _VERSION_WIDTH),
                _cell(entry.license, _LICENCE_WIDTH),
                _cell(STATE_WORDS[state], _STATE_WIDTH, "bold" if state == "update" else "italic"),
            ]
            if with_source:
                cells.append(_cell(short_source(offer.source), source_width, "dim"))
            table.add_row(*cells, key=str(index))
        if keep is not None:
            for index, offer in enumerate(self.offers):
                if (offer.source, offer.entry.id) == (keep.source, keep.entry.id):
                    table.move_cursor(row=index, animate=False)
        self.set_class(not self.offers, "-empty")
        self._show_about()
        self._show_selected()
        self.refresh_bindings()

    def _show_about(self) -> None:
        """The line under the search: how many decks, and what to do when there are none."""
        about = self.query_one("#get-about", Static)
        title = self.query_one("#get-title", Static)
        if not self._answered:
            title.update(Content("Get decks"))
            about.update(Content("Reading the sources…"))
            return
        updates = sum(1 for offer in self.offers if self.state_of(offer) == "update")
        counts = ""
        if self.sources:
            counts = f"{plural(len(self.offers), 'deck')} from {plural(self.sources, 'source')}"
        if updates:
            counts += f" · {plural(updates, 'update')} available"
        title.update(Content.assemble(("Get decks", "bold"), f"  {counts}"))
        add = (self._key("source-add"), "bold")
        if not self.sources:
            about.update(
                Content.assemble(
                    "No deck sources yet. A source is the URL of a deck index that someone "
                    "publishes. ",
                    add,
                    " adds one here, or run: prepdeck source add URL",
                )
            )
        elif not self.offers and self.search_box.value.strip():
            about.update(Content("No deck offered matches these words."))
        elif not self.offers:
            about.update(Content.assemble("The sources offer no decks yet. ", add, " adds one."))
        else:
            about.update(Content(""))

    # -- the highlighted deck ------------------------------------------------------------

    @on(DataTable.RowHighlighted, "#get-list")
    def _highlighted(self) -> None:
        self._show_selected()
        self.refresh_bindings()

    @on(DataTable.RowSelected, "#get-list")
    def _clicked(self, event: DataTable.RowSelected) -> None:
        event.stop()  # a click only selects: nothing is downloaded by accident

    def _show_selected(self) -> None:
        offer = self.selected
        head = self.query_one("#get-head", Static)
        description = self.query_one("#get-description", Static)
        facts = self.query_one("#get-facts", Static)
        if offer is None:
            for part in (head, description, facts):
                part.update("")
            return
        entry = offer.entry
        head.update(Content.assemble((entry.title, "bold"), f"  {entry.id}"))
        description.update(Content(entry.description or "No description."))
        description.set_class(not entry.description, "-none")
        facts.update(self._facts(offer))
        self._schedule_preview(offer)

    def _facts(self, offer: Offered) -> Content:
        entry = offer.entry
        installed = self.installed.get(entry.id)
        state = self.state_of(offer)
        preview = self._previews.get(_preview_key(offer))
        lines: list[Content] = [
            _fact("Licence", entry.license),
            *(Content(f"  {note}") for note in _reuse(offer, preview)),
            _fact("Version", self._versions(offer, installed, state)),
            _fact("Cards", self._cards(installed, state, preview)),
        ]
        if entry.tags:
            lines.append(_fact("Tags", ", ".join(entry.tags)))
        lines.append(_fact("Source", offer.source))
        if installed is not None and state == "removed":
            lines.append(Content("Removed earlier: installing it brings back its history."))
        if installed is not None and installed.source != offer.source:
            already = "" if state == "removed" else "Already installed. "
            lines.append(
                Content(
                    f"{already}It came {describe_source(installed.source)}: installing this "
                    "one takes it over (asks first; its reviews are kept)."
                )
            )
        return Content("\n").join(lines)

    def _versions(self, offer: Offered, installed: DeckRow | None, state: State) -> str:
        offered = offer.entry.version or "none given"
        if installed is None or state == "removed":
            return f"{offered} offered"
        mine = installed.version or "none"
        if state == "update":
            return f"{offered} offered, {mine} installed: an update"
        if state == "installed":
            return f"{offered}, installed"
        return f"{offered} offered, {mine} installed from elsewhere"

    def _cards(
        self, installed: DeckRow | None, state: State, preview: DeckPreview | str | None
    ) -> str:
        if state == "installed" and installed is not None:
            return str(installed.cards)
        if isinstance(preview, str):
            return f"unknown until installed ({preview})"
        offered = "… downloading the deck to count them" if preview is None else str(preview.cards)
        if state == "update" and installed is not None:
            return f"{offered} offered, {installed.cards} installed"
        return offered

    def _schedule_preview(self, offer: Offered) -> None:
        """Count the highlighted deck's cards once the cursor rests on it: the index does
        not say, so its file is downloaded (and checked as an install would)."""
        if self._preview_timer is not None:
            self._preview_timer.stop()
        key = _preview_key(offer)
        if key in self._previews or self.state_of(offer) == "installed":
            return
        self._preview_timer = self.set_timer(PREVIEW_DELAY, lambda: self._preview(offer))

    def _preview(self, offer: Offered) -> None:
        if self.selected != offer:
            return
        key = _preview_key(offer)
        services = self.services

        def work() -> None:
            try:
                found: DeckPreview | str = services.preview_offered(offer)
            except PrepdeckError as error:
                found = error.message.splitlines()[0]
            self.post_message(Previewed(key, found))

        self.run_worker(work, thread=True, exclusive=True, group="get-decks-preview")

    def on_previewed(self, message: Previewed) -> None:
        self._previews[message.key] = message.found
        offer = self.selected
        if offer is not None and _preview_key(offer) == message.key:
            self.query_one("#get-facts", Static).update(self._facts(offer))

    # -- installing ----------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "install":
            return not self.typing and not self.busy and self.selected is not None
        if action == "update_all":
            return not self.typing and not self.busy and self.sources > 0
        if action in ("add_source", "refresh"):
            return not self.typing and not self.busy
        return True

    def action_install(self) -> None:
        offer = self.selected
        if offer is None or self.busy:
            return
        entry = offer.entry
        installed = self.installed.get(entry.id)
        state = self.state_of(offer)
        if state == "installed":
            self.notify(
                f"{entry.title} {entry.version or ''} is installed: the version offered.",
                timeout=4,
                markup=False,
            )
            return
        if installed is not None and installed.source != offer.source:
            from prepdeck.tui.dialogs.confirm import ConfirmScreen

            question = (
                f"{entry.id} is already installed, {describe_source(installed.source)}. Install "
                f"it from {offer.source} instead? Its cards keep their reviews, and its "
                "updates come from there from now on."
            )

            def answered(yes: bool | None) -> None:
                if yes:
                    self._install(offer, replace=True)

            self.app.push_screen(ConfirmScreen(question, yes="Take over"), answered)
            return
        self._install(offer, replace=False)

    def _install(self, offer: Offered, *, replace: bool) -> None:
        entry = offer.entry
        updating = self.state_of(offer) == "update"
        verb = "Updating" if updating else "Installing"
        self._start(f"{verb} {entry.id}…")
        services = self.services
        progress = self._progress_callback()
        tell = self._teller()

        def work() -> None:
            try:
                with services.apart() as apart:
                    done = apart.updates.install(
                        entry.id, source=offer.source, replace=replace, progress=progress
                    )
            except PrepdeckError as error:
                title = "Not updated" if updating else "Not installed"
                tell(Outcome(title, error=error))
                return
            report = done.report
            deck = done.checked.deck
            changed = len(report.changed) + len(report.revived)
            if report.created:
                version = f" {deck.version}" if deck.version else ""
                said = f"Installed {deck.title}{version}: {plural(len(deck.cards), 'card')}."
            else:
                said = (
                    f"{deck.title} is at {deck.version or 'the version offered'}: "
                    f"{len(report.added)} added, {changed} changed, {len(report.retired)} "
                    "retired; your reviews are kept."
                )
            tell(Outcome("Done", said, warnings=done.warnings))

        self.run_worker(work, thread=True, exclusive=True, group="get-decks-job")

    def action_update_all(self) -> None:
        if self.busy:
            return
        self._start("Updating the decks from sources…")
        services = self.services
        progress = self._progress_callback()
        tell = self._teller()

        def work() -> None:
            try:
                with services.apart() as apart:
                    run = apart.updates.update(progress=progress)
            except PrepdeckError as error:
                tell(Outcome("Not updated", error=error))
                return
            said, failed = _update_summary(run)
            tell(Outcome("Update", said, failed, run.warnings))

        self.run_worker(work, thread=True, exclusive=True, group="get-decks-job")

    def _progress_callback(self) -> Callable[[int, int | None], None]:
        # Called on the downloading thread; posting a message is safe from any thread.
        def progressed(received: int, total: int | None) -> None:
            self.post_message(Downloaded(received, total))

        return progressed

    def on_downloaded(self, message: Downloaded) -> None:
        bar = self.query_one("#get-progress", ProgressBar)
        bar.update(total=message.total, progress=message.received)

    def _start(self, doing: str) -> None:
        self.busy = doing
        self._show_busy_line(doing)
        self.refresh_bindings()

    def _show_busy_line(self, doing: str) -> None:
        self.query_one("#get-busy-label", Static).update(Content(doing))
        bar = self.query_one("#get-progress", ProgressBar)
        bar.update(total=None, progress=0)
        self.set_class(True, "-busy")

    def _hide_busy_line(self) -> None:
        self.set_class(False, "-busy")

    def _teller(self) -> Callable[[Outcome], None]:
        """How a job's thread hands its outcome to the app's thread."""
        app = self.app

        def tell(outcome: Outcome) -> None:
            with suppress(RuntimeError):  # the app has closed meanwhile: nobody to tell
                app.call_from_thread(self._finish, outcome)

        return tell

    def _finish(self, outcome: Outcome) -> None:
        app = cast("PrepdeckApp", self.app)
        if self not in app.screen_stack:
            # Left while the job ran: the app says how it went, and the home shows it.
            _say(app, outcome)
            if outcome.warnings:
                app.notify(
                    "\n".join(outcome.warnings),
                    title="Some sources did not answer",
                    severity="warning",
                    timeout=10,
                    markup=False,
                )
            app.refresh_home()
            return
        self.busy = ""
        self._hide_busy_line()
        self.refresh_bindings()
        _say(self, outcome)
        self._warn(outcome.warnings)
        # Installed marks and figures moved; the home reads its own when it is back.
        self.search()

    # -- sources -------------------------------------------------------------------------

    def action_add_source(self) -> None:
        from prepdeck.tui.dialogs.add_source import AddSourceScreen

        self.app.push_screen(AddSourceScreen(), self._add_source)

    def _add_source(self, url: str | None) -> None:
        if not url:
            return
        self._start("Adding the source…")
        services = self.services
        tell = self._teller()

        def work() -> None:
            try:
                with services.apart() as apart:
                    count = apart.sources.add(url)
            except PrepdeckError as error:
                tell(Outcome("Source not added", error=error))
                return
            tell(Outcome("Source added", f"{url}: {plural(count, 'deck')} offered."))

        self.run_worker(work, thread=True, exclusive=True, group="get-decks-job")

    def action_refresh(self) -> None:
        # Sources that failed before are worth a word again if they still do, and a deck
        # file that could not be read is worth another try.
        self._warned.clear()
        self._previews = {
            key: found for key, found in self._previews.items() if not isinstance(found, str)
        }
        self.search(refresh=True)

    # -- focus and leaving ---------------------------------------------------------------

    def action_focus_search(self) -> None:
        self.search_box.focus()

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()

    def action_back(self) -> None:
        if self.typing:
            self.table.focus()  # out of the search box first: the words typed stay
            return
        self.dismiss()


def _say(where: Notifier, outcome: Outcome) -> None:
    """The outcome of a job as notifications: done, or failed, and any deck that failed."""
    if outcome.error is not None:
        report_error(where, outcome.error, outcome.title)
    elif outcome.said:
        where.notify(outcome.said, title=outcome.title, timeout=6, markup=False)
    if outcome.failed:
        where.notify(
            outcome.failed, title="Not updated", severity="error", timeout=12, markup=False
        )


def _update_summary(run: UpdateRun) -> tuple[str, str]:
    """What an update of every deck did, in words: the decks updated, and those that
    failed (each unchanged)."""
    if run.updated:
        said = "\n".join(
            f"{done.deck_id}: {done.from_version or '?'} → {done.to_version or '?'}, "
            f"{len(done.report.added)} added, "
            f"{len(done.report.changed) + len(done.report.revived)} changed"
            for done in run.updated
        )
        said += "\nYour reviews are kept."
    elif run.failed:
        said = ""
    else:
        said = "Every deck from a source is at the version it offers."
    failed = "\n".join(f"{item.message} (left as it was)" for item in run.failed)
    return said, failed


def _preview_key(offer: Offered) -> tuple[str, str, str]:
    return (offer.source, offer.entry.id, offer.entry.sha256)


def _reuse(offer: Offered, preview: DeckPreview | str | None) -> list[str]:
    """The limits on reusing the deck: what the index's licence says, then what the file
    adds once previewed (the works it is based on, a licence of its own)."""
    notes = reuse_notes(_Licensed(offer.entry.license))
    if preview is not None and not isinstance(preview, str):
        notes += [note for note in preview.reuse if note not in notes]
    return notes


class _Licensed(NamedTuple):
    """An index entry seen as a licensed deck: its licence, and no sources known."""

    license: str
    based_on: tuple[Source, ...] = ()


def _fact(name: str, value: str) -> Content:
    return Content.assemble((f"{name:<8}", "bold"), value)


def _cell(text: str, width: int, style: str = "") -> Text:
    cell = Text(" ".join(text.split()), style=style, no_wrap=True, overflow="ellipsis")
    cell.truncate(width, overflow="ellipsis")
    return cell
