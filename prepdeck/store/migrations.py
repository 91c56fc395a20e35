"""Bringing a database to the current schema, with a backup taken first.

Imported by ``store.connect`` only when the database's version is not the latest."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from prepdeck.errors import DamagedDatabaseError, StoreError
from prepdeck.store.db import Db, schema_version, store_error
from prepdeck.store.schema import MIGRATIONS, Migration


def _first_look(db: Db) -> tuple[int, bool]:
    """The schema version and whether any table exists, read from one snapshot.

    Read apart, another process could create the schema between the two reads and make
    a new prepdeck database look like a foreign one.
    """
    connection = db.connection
    try:
        connection.execute("BEGIN")
        try:
            version = int(connection.execute("PRAGMA user_version").fetchone()[0])
            has_tables = connection.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchone()
        finally:
            connection.execute("COMMIT")
    except sqlite3.DatabaseError as error:
        raise store_error(error, db.path) from error
    return version, has_tables is not None


def migrate(
    db: Db,
    *,
    backups_dir: Path,
    now: datetime,
    migrations: Sequence[Migration] = MIGRATIONS,
) -> int:
    """Apply the migrations the database lacks; returns the version it was found at.

    A database that already holds data is copied into ``backups_dir`` first. Each
    migration runs in its own transaction together with its version bump, so a failure
    leaves the database at the last version that completed.
    """
    found, has_tables = _first_look(db)
    latest = len(migrations)
    if found > latest:
        raise StoreError(
            f"database {db.path} has schema version {found}, newer than this prepdeck "
            f"knows ({latest}); upgrade prepdeck"
        )
    if found == latest:
        return found
    if found == 0 and has_tables:
        raise DamagedDatabaseError(f"{db.path} holds tables but is not a prepdeck database")
    backup: Path | None = None
    if found > 0:
        # Imported only now: most starts find the schema current and copy nothing.
        from prepdeck.store.backups import backup_name, copy_database, schema_kind

        backup = backups_dir / backup_name(schema_kind(found), now)
        try:
            copy_database(db.connection, backup)
        except (sqlite3.Error, OSError) as error:
            raise StoreError(f"cannot back up {db.path} before upgrading it: {error}") from error
    for number in range(found + 1, latest + 1):
        try:
            with db.write() as connection:
                # Another process may have migrated while this one waited for the lock.
                if schema_version(db) >= number:
                    continue
                migrations[number - 1](connection)
                connection.execute(f"PRAGMA user_version = {number}")
        except StoreError as error:
            kept = f"; a copy from before the upgrade is at {backup}" if backup else ""
            # The advice stays apart, so the start-up screen can leave it to its own steps.
            failed = DamagedDatabaseError if isinstance(error, DamagedDatabaseError) else StoreError
            raise failed(
                f"upgrading the database to version {number} failed: {error.problem}{kept}",
                advice=error.advice,
            ) from error
    return found
