"""The prepdeck app: built by ``make_app`` the same way for the command line and for tests.

The first frame waits only for what it shows. Screens other than the first are imported
when opened, and the bundled decks are brought up to date by a thread after the first
frame (a brand-new home, which has nothing else to show, gets them before it).
"""

from __future__ import annotations

import io
import time
from collections.abc import Callable, Iterable, Sequence
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from rich.console import Console
from textual import work
from textual.app import App, SystemCommand
from textual.binding import BindingType
from textual.command import Provider
from textual.message import Message
from textual.screen import Screen

from prepdeck.clock import Clock, SystemClock
from prepdeck.config import Config, ConfigStamp, config_stamp, load_config
from prepdeck.errors import ConfigError, PrepdeckError
from prepdeck.tui.failures import report_error, reports_errors
from prepdeck.tui.keys import Keyed, app_bindings
from prepdeck.tui.memory import release_drill, settle_after_start

if TYPE_CHECKING:
    # Named in annotations only, the drill's protocols among them: the home's start
    # defines none of these.
    from prepdeck.domain.cards import Card
    from prepdeck.paths import Locations
    from prepdeck.services import Services
    from prepdeck.study.cram import CramSession
    from prepdeck.tui.dialogs.settings import SettingsScreen
    from prepdeck.tui.protocols import DrillSession, DrillSpeech
    from prepdeck.tui.screens.home import HomeScreen
    from prepdeck.tui.widgets.countdown import Monotonic

FirstScreen = Literal["home", "drill", "cram"]
"""Where the app opens: the home screen, or straight on the first card of a drill or a
cram."""

SessionOpener = Callable[[], "DrillSession"]
"""Opens the drill session the app opens on; called when the drill starts, so its errors
can be shown."""

_CRASH_REPORT_WIDTH = 120

LATER_STYLES = "/* ==== read after the first frame"
"""The line of the stylesheet above which are the home's rules, read before the first
frame; the rules below it are read once the home is on screen (``read_later_styles``)."""

HOME_LINE_STYLES = "/* ==== read when the home shows a line it may hide"
"""The line above which are the rules of the home's first frame; the rules between it
and ``LATER_STYLES``, of the lines the home hides when empty, are read when the home
first shows one of them (``read_home_line_styles``), or with the rest."""
HOME_LINES_READ = "when the home shows a line it may hide"
"""Where the stylesheet says the rules of those lines were read from."""

LIGHT_THEME = "textual-light"
DARK_THEME = "textual-dark"


def _crash_console() -> Console:
    """A console that keeps what it is given as plain text: the app never prints on exit
    but to report a bug. Lines are kept whole (soft wrap), however wide the terminal the
    traceback was laid out for."""
    return Console(
        file=io.StringIO(),
        force_terminal=False,
        color_system=None,
        markup=False,
        highlight=False,
        width=_CRASH_REPORT_WIDTH,
        soft_wrap=True,
    )


def _prepdeck_commands() -> type[Provider]:
    """prepdeck's provider for the command palette, imported when the palette first opens:
    Textual asks the app's commands for their providers only then."""
    from prepdeck.tui.commands import PrepdeckCommands

    return PrepdeckCommands


class BundledDecksSynced(Message):
    """The bundled decks were brought up to date after the first frame."""

    def __init__(self, changed: list[str]) -> None:
        super().__init__()
        self.changed = changed
        """Ids of the decks the sync installed or changed."""


class BundledSyncFailed(Message):
    """The bundled decks could not be brought up to date."""

    def __init__(self, error: PrepdeckError) -> None:
        super().__init__()
        self.error = error


class PrepdeckApp(App[None]):
    """Holds what every screen needs (services, clocks, config) and decides which screen comes
    first: the home, a drill, or a message saying why prepdeck cannot start."""

    CSS_PATH = "app.tcss"
    TITLE = "prepdeck"
    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = {
        *App.COMMANDS,
        _prepdeck_commands,
    }

    # Screens without a `?` of their own get this one, so every screen has its list.
    BINDINGS: ClassVar[list[BindingType]] = app_bindings(
        Keyed("help", "help", "Help", tooltip="List the keys of this screen"),
    )

    _first_home: Screen[Any] | None = None
    """The home the app opened on, styled by the first part of the stylesheet alone."""

    def __init__(
        self,
        open_session: SessionOpener | None = None,
        *,
        services: Services | None = None,
        opens_on: FirstScreen | None = None,
        drill_decks: Sequence[str] = (),
        config: Config | None = None,
        clock: Clock | None = None,
        monotonic: Monotonic | None = None,
        startup_error: PrepdeckError | None = None,
        where: Locations | None = None,
        cram: CramSession | None = None,
        cram_minutes: int | None = None,
    ) -> None:
        super().__init__()
        self._later_styles = self._read_first_styles()
        self.first_cram = cram
        """The cram the app opens on, built (and checked) before the app started."""
        self.cram_minutes = cram_minutes
        self.services = services
        """The home's data and what acts on it; None when a test drives a session alone."""
        self.open_session = open_session
        self.opens_on: FirstScreen = opens_on or ("home" if services is not None else "drill")
        self.drill_decks = list(drill_decks)
        if config is None:
            config = services.config if services is not None else Config()
        self.config = config
        if clock is None:
            clock = services.clock if services is not None else SystemClock()
        self.clock: Clock = clock
        self.monotonic: Monotonic = monotonic if monotonic is not None else time.monotonic
        self.speech: DrillSpeech | None = None
        """Records and transcribes the drill's spoken answers; None: the home's own
        (``Services.rehearse``). Tests hand in a fake."""
        self.keymap: dict[str, str] = {}
        """The keys in force: the config's keymap as checked, point keys moved aside."""
        self.keymap_problems: tuple[str, ...] = ()
        if self.config.keymap:
            from prepdeck.domain.keymap import resolve_keymap

            self.keymap, self.keymap_problems = resolve_keymap(self.config.keymap)
        self.where = where if where is not None else (services.locations if services else None)
        self.shown_error = startup_error
        """A start-up failure the app shows on a message screen instead of its home."""
        self.startup_error: PrepdeckError | None = None
        """Set when the app had to exit because the drill could not start."""
        # Textual prints the traceback of a bug that stopped the app on its error console:
        # kept here instead, for the command line to log (see ``crash_report``).
        self.error_console = _crash_console()
        self.catch_up_offered = False
        """The catch-up plan opens by itself at most once a run."""
        self.day_of_ticks: dict[str, set[str]] = {}
        """The items ticked on each interview's day-of checklist, by interview name:
        kept while the app runs, so the checklist can be left and opened again, and
        never written to disk (a checklist is for one day)."""
        self._config_stamp: ConfigStamp | None = (
            config_stamp(services.locations.config) if services is not None else None
        )
        """config.toml as this copy last read or wrote it; another copy of prepdeck on
        the same home may save settings while this one runs."""
        # Set before the first frame, so the default theme never flashes by; the toggle
        # starts from Textual's default, which stays when the configured one is unknown.
        self._light_theme, self._dark_theme = LIGHT_THEME, DARK_THEME
        self.use_theme(self.theme)
        self._theme_known = self.use_theme(self.config.theme)
        # Before the first screen is built, so its keys are the user's from the start.
        self.set_keymap(self.keymap)

    @property
    def crash_report(self) -> str | None:
        """The traceback of a bug that stopped the app, once it has stopped; the command
        line logs it, and a user sees one line and the path of the log, never a traceback."""
        file = self.error_console.file
        report = file.getvalue() if isinstance(file, io.StringIO) else ""
        return report or None

    # -- start-up ------------------------------------------------------------------------

    def _read_first_styles(self) -> list[tuple[str, str, str]]:
        """Read the home's part of the stylesheet now; return the rest, by file, for
        ``read_later_styles``.

        The first frame needs only the home's rules: the others, parsed and then matched
        against every widget the home mounts, would cost it about a third of prepdeck's
        own share of a start. The rest keeps its place after the home's rules, so the
        order in which rules of equal weight win stays that of the file.
        """
        later: list[tuple[str, str, str]] = []
        for path in self.css_path:
            text = Path(path).read_text(encoding="utf-8")
            first, marker, rest = text.partition(LATER_STYLES)
            now, lines_marker, lines = first.partition(HOME_LINE_STYLES)
            self.stylesheet.add_source(now, read_from=(str(path), ""))
            # Blank lines stand for the parts above: an error below a line is reported
            # at its line in the file.
            if lines_marker:
                lines = "\n" * now.count("\n") + lines_marker + lines
                later.append((str(path), lines, HOME_LINES_READ))
            if marker:
                rest = "\n" * first.count("\n") + marker + rest
                later.append((str(path), rest, "after the first frame"))
        self.css_path = []
        return later

    def read_home_line_styles(self) -> None:
        """Read the rules of the lines the home hides when empty, once: before the home
        composes or mounts one of them."""
        self._read_styles(HOME_LINES_READ)

    def read_later_styles(self) -> None:
        """Read the rest of the stylesheet, once: after the first frame, or before the
        first screen other than the home is shown, whichever comes first."""
        self._read_styles()

    def _read_styles(self, part: str | None = None) -> None:
        """Read the parts of the stylesheet still unread (``part`` only, if given), in
        the order of the file."""
        later = [entry for entry in self._later_styles if part in (None, entry[2])]
        self._later_styles = [entry for entry in self._later_styles if entry not in later]
        for path, text, read_from in later:
            self.stylesheet.add_source(text, read_from=(path, read_from))
        if later:
            # Parsed now rather than at the next restyle, a key's or the mouse's. Only the
            # new part is parsed, and nothing on screen is styled again: no rule in it
            # matches the home as it is (the home reads the rules of its hidden lines
            # before it shows one), and any other screen is styled as it is mounted.
            self.stylesheet.parse()

    def _load_screen_css(self, screen: Screen[Any]) -> None:
        # Textual calls this before it shows a screen: the one place every screen passes.
        if self._later_styles and screen is not self._first_home:
            self.read_later_styles()
        super()._load_screen_css(screen)

    def get_default_screen(self) -> Screen[Any]:
        """The home, when the app opens on it: built with the app rather than pushed once
        the app is up, so its first frame is the app's first and none is drawn for
        nothing."""
        if not self._opens_on_home:
            return super().get_default_screen()
        from prepdeck.tui.screens.home import HomeScreen

        assert self.services is not None, "the home screen needs services"
        self._sync_if_brand_new()
        self._first_home = HomeScreen(self.services)
        return self._first_home

    @reports_errors("Bundled decks not installed")
    def _sync_if_brand_new(self) -> None:
        # A brand-new home has nothing else to show: its decks are worth the wait.
        assert self.services is not None
        self.services.library.sync_bundled_if_brand_new()

    @property
    def _opens_on_home(self) -> bool:
        return self.shown_error is None and self.opens_on == "home" and self.services is not None

    def on_mount(self) -> None:
        self.call_after_refresh(self.read_later_styles)
        self.call_after_refresh(settle_after_start)
        if not self._theme_known:
            self.notify(
                f"config.toml: theme: unknown theme {self.config.theme!r}; using {self.theme}",
                severity="warning",
                markup=False,
            )
        if self.keymap_problems:
            self.call_after_refresh(self._report_keymap_problems)
        if self.shown_error is not None:
            from prepdeck.tui.screens.message import MessageScreen

            self.push_screen(MessageScreen(self.shown_error, where=self.where))
            return
        if self.opens_on == "drill" and self.services is not None:
            self._sync_if_brand_new()
        if self.services is not None:
            self.call_after_refresh(self._sync_bundled)
            self.call_after_refresh(self._back_up_today)
        if self.opens_on == "drill":
            self.start_drill(self.drill_decks or None)
        elif self.opens_on == "cram" and self.first_cram is not None:
            self.start_cram(session=self.first_cram, minutes=self.cram_minutes)

    def _report_keymap_problems(self) -> None:
        self.notify(
            "\n".join(self.keymap_problems),
            title="Keymap entries not used",
            severity="warning",
            timeout=12,
            markup=False,
        )

    def _sync_bundled(self) -> None:
        if self.services is not None:
            self._sync_in_thread(self.services)

    @work(thread=True, exclusive=True, group="bundled")
    def _sync_in_thread(self, services: Services) -> None:
        """Merge changed bundled decks in, on a connection of this thread's own."""
        try:
            reports = services.sync_bundled_apart()
        except PrepdeckError as error:
            self.post_message(BundledSyncFailed(error))
            return
        self.post_message(BundledDecksSynced([report.deck_id for report in reports]))

    def _back_up_today(self) -> None:
        if self.services is not None:
            self._back_up_in_thread(self.services)

    @work(thread=True, exclusive=True, group="backup")
    def _back_up_in_thread(self, services: Services) -> None:
        """Today's automatic backup, on a connection of this thread's own: SQLite's backup
        reads a snapshot, so grades go on being written while it copies."""
        try:
            services.daily_backup_apart()
        except PrepdeckError as error:
            self.call_from_thread(
                self.notify,
                str(error),
                title="Today's backup was not taken",
                severity="warning",
                markup=False,
            )

    def on_bundled_decks_synced(self, message: BundledDecksSynced) -> None:
        if message.changed:
            self.refresh_home()

    def on_bundled_sync_failed(self, message: BundledSyncFailed) -> None:
        self.notify(
            str(message.error),
            title="Bundled decks not brought up to date",
            severity="warning",
            markup=False,
        )

    # -- the home ------------------------------------------------------------------------

    @property
    def home_screen(self) -> HomeScreen | None:
        from prepdeck.tui.screens.home import HomeScreen

        for screen in self.screen_stack:
            if isinstance(screen, HomeScreen):
                return screen
        return None

    def refresh_home(self) -> None:
        """Read the home's figures again, if the home screen is the one on show."""
        home_screen = self.home_screen
        if home_screen is not None and self.screen is home_screen:
            self.call_later(home_screen.refresh_figures)

    # -- drills --------------------------------------------------------------------------

    def _open(
        self, deck_ids: Sequence[str] | None, first_card: tuple[str, str] | None = None
    ) -> DrillSession:
        if self.open_session is not None:
            return self.open_session()
        assert self.services is not None, "a drill needs services or a session opener"
        return self.services.new_session(deck_ids, first_card=first_card)

    def drill_speech(self) -> DrillSpeech | None:
        """What hears spoken answers in the drill, with the settings now in force."""
        if self.speech is not None:
            return self.speech
        return self.services.rehearse if self.services is not None else None

    def start_drill(
        self,
        deck_ids: Sequence[str] | None = None,
        *,
        first_card: tuple[str, str] | None = None,
    ) -> bool:
        """Open a session on ``deck_ids`` (all decks when None) and show its first card.

        From the home, an empty session is a notification rather than an empty drill.
        Returns whether a drill screen was opened.
        """
        from prepdeck.tui.screens.drill import DrillScreen

        self.reload_changed_config()
        try:
            session = self._open(deck_ids, first_card)
        except PrepdeckError as error:
            if self.opens_on != "home":
                # Nothing to go back to: leave, and let the command line print the error.
                self.startup_error = error
                self.exit(return_code=1)
            else:
                report_error(self, error, "Cannot start the drill")
            return False
        if self.opens_on == "home" and session.current is None:
            self._nothing_to_drill(session)
            return False
        screen = DrillScreen(session, clock=self.clock, monotonic=self.monotonic)
        self.push_screen(screen, self._drill_ended)
        return True

    def start_cram(
        self,
        *,
        interview: str | None = None,
        session: CramSession | None = None,
        minutes: int | None = None,
    ) -> bool:
        """Open a cram for ``interview`` (the next one when None), or the ``session``
        given, and show its first card; ``minutes`` runs a session clock. Returns whether
        a cram screen was opened."""
        from prepdeck.domain.cram import CramRequest
        from prepdeck.tui.screens.cram import CramScreen, describe_moment

        if session is None:
            assert self.services is not None, "a cram needs services"
            self.reload_changed_config()
            try:
                session = self.services.new_cram(CramRequest(interview=interview))
            except PrepdeckError as error:
                report_error(self, error, "Cannot start the cram")
                return False
            if session.current is None:
                self.notify(
                    "Every card is at the desired recall by "
                    f"{describe_moment(session, self.clock.now())}.",
                    title="Nothing to cram",
                    timeout=6,
                    markup=False,
                )
                return False
        screen = CramScreen(session, clock=self.clock, monotonic=self.monotonic, minutes=minutes)
        self.push_screen(screen, self._drill_ended)
        return True

    def _nothing_to_drill(self, session: DrillSession) -> None:
        from prepdeck.tui.screens.summary import describe_next_due

        try:
            totals = session.summary()
        except PrepdeckError:
            next_due, due_now = None, 0
        else:
            next_due, due_now = totals.next_due, totals.due_now
        # A session that starts empty leaves cards due only when the limits hold them back.
        message = f"Next card due: {describe_next_due(next_due, self.clock.now())}."
        if due_now:
            cards = "1 card is" if due_now == 1 else f"{due_now} cards are"
            message = f"{cards} due, held back by today's review limits."
        self.notify(
            message,
            title="Nothing to drill right now",
            timeout=6,
            markup=False,
        )

    def _drill_ended(self, _result: None) -> None:
        if self.opens_on != "home":
            self.exit()
            return
        # Once the home is drawn: the sweep is worth a pause only when nothing waits on it.
        self.call_after_refresh(release_drill)
        # The home's figures follow the settings: pick up any saved meanwhile elsewhere.
        self.reload_changed_config()
        if self.services is not None:
            # The drill wrote reviews: fold the log in now, while the user reads the home.
            # Housekeeping only: a failure leaves the work to the next checkpoint.
            with suppress(PrepdeckError):
                self.services.checkpoint()

    # -- other screens -------------------------------------------------------------------

    def open_catch_up(self) -> None:
        from prepdeck.tui.screens.catch_up import CatchUpScreen

        if self.services is None:
            return
        self.push_screen(CatchUpScreen(self.services), self._catch_up_closed)

    def _catch_up_closed(self, drill: bool | None) -> None:
        if drill:
            self.start_drill(None)

    def open_leeches(self) -> None:
        from prepdeck.tui.screens.leeches import LeechesScreen

        if self.services is None:
            return
        self.push_screen(LeechesScreen(self.services))

    def open_interviews(self) -> None:
        from prepdeck.tui.screens.interviews import InterviewsScreen

        if self.services is None:
            return
        self.push_screen(InterviewsScreen(self.services))

    def open_stats(self) -> None:
        from prepdeck.tui.screens.stats import StatsScreen

        if self.services is None:
            return
        self.push_screen(StatsScreen(self.services))

    def open_stories(self) -> None:
        from prepdeck.tui.screens.stories import StoriesScreen

        if self.services is None:
            return
        self.push_screen(StoriesScreen(self.services))

    def open_day_of(self, name: str) -> None:
        """The day-of checklist of the interview ``name``."""
        from prepdeck.tui.screens.day_of import DayOfScreen

        if self.services is None:
            return
        try:
            checklist = self.services.day_of(name)
        except PrepdeckError as error:
            report_error(self, error, "Cannot open the checklist")
            return
        ticks = self.day_of_ticks.setdefault(checklist.interview.casefold(), set())
        self.push_screen(DayOfScreen(self.services, checklist, ticks))

    def open_get_decks(self) -> None:
        from prepdeck.tui.screens.get_decks import GetDecksScreen

        if self.services is None:
            return
        self.push_screen(GetDecksScreen(self.services))

    def open_browser(self) -> None:
        from prepdeck.tui.screens.browser import BrowserScreen

        services = self.services
        if services is None:
            return
        self.push_screen(
            BrowserScreen(services.browser(), services.library, on_drill=self.drill_card)
        )

    def drill_card(self, deck_id: str, card_id: str) -> None:
        """Drill one chosen card first, due or not, then today's queue of its deck."""
        self.start_drill([deck_id], first_card=(deck_id, card_id))

    def open_add_card(self, prefill: Card | None = None) -> None:
        """The add-card form; ``prefill`` a card whose text it starts from."""
        from prepdeck.tui.dialogs.add_card import AddCardScreen

        if self.services is None:
            return
        self.push_screen(AddCardScreen(self.services.library, prefill=prefill), self._card_added)

    def _card_added(self, added: tuple[str, str] | None) -> None:
        if added is not None:
            deck_id, card_id = added
            self.notify(
                f"Saved as {deck_id}/{card_id}; it comes up as a new card.", timeout=4, markup=False
            )

    def open_settings(self) -> None:
        from prepdeck.tui.dialogs.settings import SettingsScreen

        services = self.services
        if services is None:
            return
        # The form must start from the file as it is now: saving stale values would undo
        # what another copy of prepdeck saved meanwhile.
        self.reload_changed_config()
        self.push_screen(
            SettingsScreen(
                services.locations.config,
                services.config,
                model=services.memory_model(),
                optimise=services.optimize_apart,
            ),
            self._settings_saved,
        )

    def on_settings_screen_optimised(self, message: SettingsScreen.Optimised) -> None:
        # The services already schedule with the set the fit left (optimize_apart).
        if self.services is not None and message.fit is not None and message.fit.applied:
            self.refresh_home()

    def _settings_saved(self, config: Config | None) -> None:
        if config is None or self.services is None:
            return
        self._config_stamp = config_stamp(self.services.locations.config)
        # The form leaves the keymap as it was: the keys in force stay.
        self._use_config(config)

    def _use_config(self, config: Config) -> None:
        """Settings from now on, for the services, the app and the theme (keys apart)."""
        assert self.services is not None
        self.services.use_config(config)
        self.config = config
        self.use_theme(config.theme)
        self.refresh_home()

    def reload_changed_config(self) -> None:
        """Read config.toml again if it changed since this copy last read or wrote it:
        another copy of prepdeck on the same home saved its settings. A stat when nothing
        changed."""
        if self.services is None:
            return
        path = self.services.locations.config
        stamp = config_stamp(path)
        if stamp == self._config_stamp:
            return
        self._config_stamp = stamp
        try:
            config = load_config(path)
        except ConfigError as error:
            report_error(
                self,
                error,
                "Settings changed but not readable",
                then="The settings in use are kept.",
            )
            return
        if config == self.config:
            return
        keys_changed = config.keymap != self.config.keymap
        # Keys stay as they were (every screen already shows the keys it started with),
        # but the file's keymap is kept, so saving settings here does not undo it.
        self._use_config(config)
        note = " Changed keys take effect when prepdeck starts again." if keys_changed else ""
        self.notify(
            f"Settings saved in another prepdeck window are now in use.{note}",
            title="Settings reloaded",
            markup=False,
        )

    def on_app_focus(self) -> None:
        # Back from another window, where another copy may have saved settings or graded
        # cards, and time has passed.
        self.reload_changed_config()
        self.refresh_home()

    # -- app-wide actions ----------------------------------------------------------------

    def action_help(self) -> None:
        from prepdeck.tui.dialogs.help import HelpScreen

        self.push_screen(HelpScreen.for_screen(self.screen))

    def use_theme(self, name: str) -> bool:
        """Put the theme ``name`` in force, if installed, with the light/dark toggle going
        from it to Textual's default of the other side; returns whether it is installed
        (an unknown one leaves the theme and the toggle as they were)."""
        if name not in self.available_themes:
            return False
        self.theme = name
        if self.current_theme.dark:
            self._light_theme, self._dark_theme = LIGHT_THEME, name
        else:
            self._light_theme, self._dark_theme = name, DARK_THEME
        return True

    def action_toggle_theme(self) -> None:
        """Light to dark and back; for this run only (the settings screen saves a theme)."""
        self.theme = self._light_theme if self.current_theme.dark else self._dark_theme

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        for command in super().get_system_commands(screen):
            # Textual's key panel would stand beside our own help: one list of keys is enough.
            if command.title != "Keys":
                yield command


make_app = PrepdeckApp
"""The app as the ``prepdeck`` command runs it; tests pass fakes for the session and time.

With ``services`` it opens on the home screen unless ``opens_on`` says ``drill``; with
only ``open_session`` it opens on that drill; with ``startup_error`` it shows what went
wrong and how to fix it.
"""
