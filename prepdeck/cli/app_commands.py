"""``prepdeck drill`` (and the bare ``prepdeck``): start the Textual app.

Textual is imported only here, when the app is really started.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import suppress

import click

from prepdeck.errors import NotFoundError, PrepdeckError


class AppCrashed(Exception):
    """The app stopped on a bug; carries its traceback for the crash log."""

    def __init__(self, report: str) -> None:
        super().__init__("the app stopped on an internal error")
        self.report = report


def run_app(deck_ids: Sequence[str] = ()) -> None:
    from prepdeck.home import open_home
    from prepdeck.session import Session
    from prepdeck.tui.app import make_app

    with open_home() as home:
        for deck_id in deck_ids:
            found = home.store.decks.find(deck_id)
            if found is None or found.removed:
                raise NotFoundError(f"no installed deck '{deck_id}'; see: prepdeck deck list")
        config = home.config

        def open_session() -> Session:
            return Session(
                home.store,
                home.scheduler,
                home.clock,
                day_start_hour=config.day_start_hour,
                new_per_day=config.new_per_day,
                reviews_per_day=config.reviews_per_day,
                deck_ids=list(deck_ids) or None,
            )

        app = make_app(open_session, config=config, clock=home.clock)
        app.run()
        # Folding the log in is housekeeping: the grades are already committed.
        with suppress(PrepdeckError):
            home.store.checkpoint()
    if app.crash_report is not None:
        raise AppCrashed(app.crash_report)
    if app.startup_error is not None:
        raise app.startup_error


@click.command("drill")
@click.option("--deck", "deck_ids", multiple=True, metavar="ID", help="Drill only this deck.")
def drill(deck_ids: tuple[str, ...]) -> None:
    """Drill today's due cards and a few new ones."""
    run_app(deck_ids)
