"""The prepdeck app: built by ``make_app`` the same way for the command line and for tests."""

from __future__ import annotations

import time
import traceback
from collections.abc import Callable
from typing import Literal

from textual.app import App

from prepdeck.clock import Clock, SystemClock
from prepdeck.config import Config
from prepdeck.errors import PrepdeckError
from prepdeck.tui.keys import binding_ids
from prepdeck.tui.protocols import DrillSession
from prepdeck.tui.screens.drill import DrillScreen
from prepdeck.tui.screens.help import HelpScreen
from prepdeck.tui.screens.summary import SummaryScreen
from prepdeck.tui.widgets.countdown import Monotonic

FirstScreen = Literal["drill"]
"""Where the app opens. A home screen will become the default; ``drill`` skips it."""

SessionOpener = Callable[[], DrillSession]
"""Opens a drill session; called when the drill starts, so its errors can be shown."""


def known_binding_ids() -> set[str]:
    """Every id a ``keymap`` entry may name."""
    ids: set[str] = set()
    for screen in (DrillScreen, SummaryScreen, HelpScreen):
        ids |= binding_ids(screen.BINDINGS)
    return ids


class PrepdeckApp(App[None]):
    """Holds what every screen needs (clocks, config) and decides which screen comes first."""

    CSS_PATH = "app.tcss"
    TITLE = "prepdeck"

    def __init__(
        self,
        *,
        open_session: SessionOpener,
        opens_on: FirstScreen = "drill",
        config: Config | None = None,
        clock: Clock | None = None,
        monotonic: Monotonic | None = None,
    ) -> None:
        super().__init__()
        self.open_session = open_session
        self.opens_on = opens_on
        self.config = config if config is not None else Config()
        self.clock: Clock = clock if clock is not None else SystemClock()
        self.monotonic: Monotonic = monotonic if monotonic is not None else time.monotonic
        self.keymap: dict[str, str] = dict(self.config.keymap)
        self.startup_error: PrepdeckError | None = None
        """Set when the app had to exit because the drill could not start."""
        self.crash_report: str | None = None
        """The traceback of a bug that stopped the app; the CLI logs it instead of showing it."""
        # Set before the first frame, so the default theme never flashes by.
        self._theme_known = self.config.theme in self.available_themes
        if self._theme_known:
            self.theme = self.config.theme

    def _fatal_error(self) -> None:
        # A user sees one line and the path of a log, never a traceback (see the CLI).
        if self._exception is not None:
            self.crash_report = "".join(traceback.format_exception(self._exception))
        super()._fatal_error()

    def _print_error_renderables(self) -> None:
        if self.crash_report is None:
            super()._print_error_renderables()
        else:
            self._exit_renderables.clear()

    def on_mount(self) -> None:
        if not self._theme_known:
            self.notify(
                f"config.toml: theme: unknown theme {self.config.theme!r}; using {self.theme}",
                severity="warning",
            )
        self._apply_keymap()
        if self.opens_on == "drill":
            self.start_drill()

    def _apply_keymap(self) -> None:
        unknown = sorted(set(self.keymap) - known_binding_ids())
        if unknown:
            self.notify(
                f"config.toml: keymap: unknown action {', '.join(unknown)}",
                severity="warning",
            )
        self.set_keymap(self.keymap)

    def start_drill(self) -> None:
        """Open a session and show its first card; a session that cannot open is reported."""
        try:
            session = self.open_session()
        except PrepdeckError as error:
            if self.opens_on == "drill":
                # Nothing to go back to: leave, and let the command line print the error.
                self.startup_error = error
                self.exit(return_code=1)
            else:
                self.notify(str(error), title="Cannot start the drill", severity="error")
            return
        screen = DrillScreen(
            session, clock=self.clock, monotonic=self.monotonic, keymap=self.keymap
        )
        self.push_screen(screen, self._drill_ended)

    def _drill_ended(self, _result: None) -> None:
        if self.opens_on == "drill":
            self.exit()


def make_app(
    open_session: SessionOpener,
    *,
    opens_on: FirstScreen = "drill",
    config: Config | None = None,
    clock: Clock | None = None,
    monotonic: Monotonic | None = None,
) -> PrepdeckApp:
    """The app as the ``prepdeck`` command runs it; tests pass fakes for the session and time."""
    return PrepdeckApp(
        open_session=open_session,
        opens_on=opens_on,
        config=config,
        clock=clock,
        monotonic=monotonic,
    )
