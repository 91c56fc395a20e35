"""Taking backups: by hand, and automatically at most once an app day, pruned as they age.

The daily backup runs on a connection of its own after the app's first frame (the TUI
starts it in a thread), so neither the first frame nor a grade waits for it: SQLite's
backup reads a snapshot while the drill goes on writing to the log.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import NamedTuple

from prepdeck.clock import Clock
from prepdeck.domain.backups import backups_to_keep
from prepdeck.domain.days import app_day
from prepdeck.errors import RefusedError
from prepdeck.store import Store
from prepdeck.store.backups import DAILY, MANUAL, BackupFile, backup_name, list_backups


class DailyBackup(NamedTuple):
    taken: Path | None
    """The backup taken now; None when today's was taken already."""
    pruned: tuple[Path, ...]
    """Daily backups deleted because newer ones stand for their days and weeks."""


class Backups:
    """The backups of one home's database, kept in its backups folder."""

    def __init__(self, store: Store, directory: Path, clock: Clock, *, day_start_hour: int) -> None:
        self._store = store
        self._directory = directory
        self._clock = clock
        self._day_start_hour = day_start_hour

    def all(self) -> list[BackupFile]:
        """Every backup in the folder, oldest first."""
        return list_backups(self._directory)

    def take(self, to: Path | None = None) -> Path:
        """A backup now: at ``to`` (refused if something is there), else in the folder."""
        if to is None:
            target = self._directory / backup_name(MANUAL, self._clock.now())
        else:
            target = to.expanduser().absolute()
            if target.exists():
                raise RefusedError(f"{target} exists already: name a new file")
            if not target.parent.is_dir():
                raise RefusedError(f"{target.parent} is not a folder")
        self._store.back_up(target)
        return target

    def take_daily(self) -> DailyBackup:
        """Today's automatic backup, unless one was taken today; then the old ones pruned."""
        now = self._clock.now()
        today = app_day(now, self._day_start_hour)
        taken: Path | None = None
        if not any(self._day(backup) == today for backup in self._dailies()):
            taken = self._directory / backup_name(DAILY, now)
            self._store.back_up(taken)
        return DailyBackup(taken, self.prune())

    def prune(self) -> tuple[Path, ...]:
        """Delete the daily backups the keeping rule lets go (``domain/backups.py``)."""
        dailies = self._dailies()
        kept = backups_to_keep({backup.path: self._day(backup) for backup in dailies})
        pruned: list[Path] = []
        for backup in dailies:
            if backup.path not in kept:
                try:
                    backup.path.unlink()
                except OSError:
                    continue  # Tried again with the next daily backup.
                pruned.append(backup.path)
        return tuple(pruned)

    def _dailies(self) -> list[BackupFile]:
        return [backup for backup in self.all() if backup.kind == DAILY]

    def _day(self, backup: BackupFile) -> date:
        return app_day(backup.taken_at, self._day_start_hour)
