"""Start the Textual app: on the home (the bare ``prepdeck``) or on a drill.

Free of click, so the bare ``prepdeck`` starts without loading the command line; Textual
is imported only here, when the app is really started.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from contextlib import suppress
from typing import TYPE_CHECKING, Literal

from prepdeck.cli.guard import EXIT_USER_ERROR
from prepdeck.errors import AppCrashed, ConfigError, PrepdeckError, StoreError

if TYPE_CHECKING:
    from prepdeck.domain.cram import CramRequest


def run_app(
    deck_ids: Sequence[str] = (),
    *,
    opens_on: Literal["home", "drill", "cram"] = "home",
    cram: CramRequest | None = None,
    cram_minutes: int | None = None,
) -> int:
    """Run the app on the home screen, straight on a drill of ``deck_ids``, or on the
    ``cram`` asked for (checked before the app starts); returns the exit status.

    The bundled decks are left for the app to bring up to date after its first frame. On
    the home, a settings or database problem at start-up is shown in the app, with what to
    do about it; for a drill it is one line on stderr, like any command's.
    """
    from prepdeck.services import open_services
    from prepdeck.tui.app import make_app

    try:
        services = open_services(sync_bundled=False)
    except (ConfigError, StoreError) as error:
        if opens_on != "home":
            raise
        return _show_startup_error(error)
    with services:
        if deck_ids:
            # The decks named may be bundled ones a brand-new home does not have yet.
            services.library.sync_bundled_if_brand_new()
        cram_session = None
        if cram is not None:
            # Built here, so a cram that cannot be is one line and exit 1, no screen.
            cram_session = services.new_cram(cram)
        for deck_id in deck_ids if cram is None else ():
            if services.library.active(deck_id).paused:
                # Its cards stay out of every drill: an empty drill would say nothing of why.
                raise PrepdeckError(
                    f"deck '{deck_id}' is paused; to drill it, resume it: prepdeck deck "
                    f"resume {deck_id} (or {_pause_key(services.config.keymap)} on the home "
                    "screen)"
                )
        app = make_app(
            services=services,
            opens_on=opens_on,
            drill_decks=deck_ids,
            cram=cram_session,
            cram_minutes=cram_minutes,
        )
        app.run()
        # Folding the log in is housekeeping: the grades are already committed.
        with suppress(PrepdeckError):
            services.checkpoint()
    if app.crash_report is not None:
        raise AppCrashed(app.crash_report)
    if app.startup_error is not None:
        raise app.startup_error
    return 0


def _pause_key(keymap: Mapping[str, str]) -> str:
    """The key that pauses and resumes a deck on the home, keymap applied as the app
    applies it (an entry it refuses leaves the default key)."""
    from prepdeck.domain.keymap import resolve_keymap
    from prepdeck.tui.keys import binding_with_id, first_key
    from prepdeck.tui.screens.home import HomeScreen

    applied = resolve_keymap(keymap).keymap
    return first_key(binding_with_id(HomeScreen.BINDINGS, "pause"), applied)


def _show_startup_error(error: PrepdeckError) -> int:
    """Show ``error`` in the app until the user quits; the command then exits 1."""
    from prepdeck.config import Config, load_config
    from prepdeck.paths import locations
    from prepdeck.tui.app import make_app

    where = locations()
    config = Config()
    if not isinstance(error, ConfigError):
        # The settings are fine when the database is the problem: keep the user's theme.
        with suppress(ConfigError):
            config = load_config(where.config)
    app = make_app(startup_error=error, config=config, where=where)
    app.run()
    if app.crash_report is not None:
        raise AppCrashed(app.crash_report)
    return EXIT_USER_ERROR
