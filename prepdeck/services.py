"""Opening a home: its config, its database, and the bundled decks a new home starts with."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from prepdeck.clock import Clock, SystemClock
from prepdeck.config import Config, load_config
from prepdeck.domain.days import app_day
from prepdeck.paths import Locations, locations
from prepdeck.store import Store, connect

if TYPE_CHECKING:
    from prepdeck.srs import SrsScheduler


@dataclass(slots=True)
class Home:
    """Everything a command needs about one user's data."""

    locations: Locations
    config: Config
    store: Store
    clock: Clock
    _scheduler: SrsScheduler | None = field(default=None, repr=False)

    @property
    def scheduler(self) -> SrsScheduler:
        """FSRS at the configured retention, built on first use."""
        # fsrs is imported only here: commands that only read the database (deck list,
        # stats) never schedule a card, and importing it is a good part of their start.
        if self._scheduler is None:
            from prepdeck.srs import SrsScheduler

            self._scheduler = SrsScheduler(self.config.desired_retention)
        return self._scheduler

    def use_config(self, config: Config) -> None:
        """Settings from now on; a new desired retention gets a scheduler of its own, built
        on first use."""
        self.config = config
        self._scheduler = None

    def today(self) -> date:
        return app_day(self.clock.now(), self.config.day_start_hour)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Home:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def open_home(
    where: Locations | None = None,
    *,
    clock: Clock | None = None,
    sync_bundled: bool = True,
) -> Home:
    """Read the config, open (and migrate) the database, and bring in the bundled decks.

    A new home gets every bundled deck; later, a changed bundled deck merges in unless
    the user removed it or took it over. ``sync_bundled=False`` leaves that for later (the
    TUI does it after its first frame).
    """
    where = where or locations()
    config = load_config(where.config)
    clock = clock or SystemClock()
    store = connect(where.database, backups_dir=where.backups, clock=clock)
    home = Home(
        locations=where,
        config=config,
        store=store,
        clock=clock,
    )
    if sync_bundled:
        from prepdeck.library.bundled import sync_bundled_decks

        try:
            sync_bundled_decks(store, clock)
        except BaseException:
            store.close()
            raise
    return home
