"""Bringing a backup back: the file checked first, the database it replaces kept.

Restoring never opens the home's database for work, so it also rescues a home whose
database is damaged. What it replaces is moved, with its write-ahead log, into the
backups folder as a ``replaced`` backup, never deleted; the backup itself is copied in
through SQLite's backup API, so a backup that was itself a live database (with a log
beside it) comes in whole, and as one file written in one step, as every backup is.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from prepdeck.clock import Clock
from prepdeck.errors import RefusedError, StoreError
from prepdeck.maintenance.in_use import database_in_use
from prepdeck.paths import Locations
from prepdeck.store.backups import (
    REPLACED,
    backup_name,
    check_database,
    copy_database,
    open_for_checking,
)
from prepdeck.store.schema import MIGRATIONS

_SIDE_FILES = ("-wal", "-shm")


@dataclass(frozen=True, slots=True)
class Restored:
    source: Path
    replaced: Path | None
    """Where the database it replaced was put; None when the home had none."""
    schema_version: int
    """The backup's; an older one is upgraded when prepdeck next opens the home."""


def restore(where: Locations, source: Path, clock: Clock) -> Restored:
    """Make ``source`` the home's database, keeping the one it replaces.

    Refused, with nothing changed, when ``source`` is not a sound prepdeck database this
    version can open, or while another prepdeck has the home open.
    """
    source = source.expanduser().absolute()
    if not source.is_file():
        raise RefusedError(f"{source}: no such file")
    database = where.database
    if database.exists() and source.resolve() == database.resolve():
        raise RefusedError(f"{source} is the database itself: name a backup")
    version = _checked_version(source)
    if database.exists() and database_in_use(database):
        raise RefusedError(f"{database} is open in another prepdeck: close it, then restore again")
    incoming = database.with_name(f".{database.name}.restoring")
    _copy_in(source, incoming)
    replaced: Path | None = None
    if database.exists():
        replaced = where.backups / backup_name(REPLACED, clock.now())
        _move_aside(database, replaced)
    incoming.replace(database)
    return Restored(source, replaced, version)


def _checked_version(source: Path) -> int:
    connection = open_for_checking(source)
    try:
        check = check_database(connection)
    except sqlite3.DatabaseError as error:
        raise RefusedError(f"{source} is not a prepdeck backup: {error}") from error
    finally:
        connection.close()
    if not check.is_prepdeck or check.schema_version == 0:
        raise RefusedError(f"{source} is not a prepdeck database")
    if check.problems:
        raise RefusedError(f"{source} is damaged: {check.problems[0]}")
    if check.schema_version > len(MIGRATIONS):
        raise RefusedError(
            f"{source} was written by a newer prepdeck (schema version "
            f"{check.schema_version}); upgrade prepdeck first"
        )
    return check.schema_version


def _copy_in(source: Path, incoming: Path) -> None:
    try:
        reading = open_for_checking(source)
        try:
            copy_database(reading, incoming)
        finally:
            reading.close()
    except (sqlite3.Error, OSError) as error:
        incoming.unlink(missing_ok=True)
        raise StoreError(f"cannot copy {source} into the home: {error}") from error


def _move_aside(database: Path, target: Path) -> None:
    """Move the database and its log, as a pair, to ``target``; the shared-memory index
    is rebuilt from them and goes."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        database.replace(target)
        for suffix in _SIDE_FILES:
            side = database.with_name(database.name + suffix)
            if side.exists():
                if suffix == "-wal":
                    side.replace(target.with_name(target.name + suffix))
                else:
                    side.unlink()
    except OSError as error:
        raise StoreError(f"cannot move {database} aside: {error}") from error
