"""Backups of the database: taken with SQLite's backup API, named by kind and time.

A backup is a complete database in one file (rollback journal, no write-ahead log
beside it), so it can be copied, mailed or restored as it is. Its name says why it was
taken and when, in UTC: ``prepdeck-daily-20261204T101500123456.sqlite3``. The kinds:

- ``daily``: taken automatically, at most once an app day; old ones are pruned
  (``domain/backups.py`` says which are kept);
- ``schema-vN``: taken before an upgrade moves the database on from version N;
- ``manual``: ``prepdeck backup``;
- ``replaced``: the database a restore put aside.

Only daily backups are ever deleted by prepdeck.
"""

from __future__ import annotations

import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from prepdeck.errors import StoreError

DAILY = "daily"
MANUAL = "manual"
REPLACED = "replaced"

_STAMP = "%Y%m%dT%H%M%S%f"
_NAME = re.compile(r"^prepdeck-(daily|manual|replaced|schema-v\d+)-(\d{8}T\d{12})\.sqlite3$")


@dataclass(frozen=True, slots=True)
class BackupFile:
    path: Path
    kind: str
    """``daily``, ``manual``, ``replaced`` or ``schema-vN``."""
    taken_at: datetime
    """UTC, from the name."""


def backup_name(kind: str, at: datetime) -> str:
    return f"prepdeck-{kind}-{at.astimezone(UTC):{_STAMP}}.sqlite3"


def schema_kind(version: int) -> str:
    return f"schema-v{version}"


def list_backups(directory: Path) -> list[BackupFile]:
    """The backups in ``directory``, oldest first; files named otherwise are left out."""
    try:
        names = [entry.name for entry in directory.iterdir()]
    except OSError:
        return []
    found: list[BackupFile] = []
    for name in names:
        match = _NAME.match(name)
        if match is None:
            continue
        taken_at = datetime.strptime(match[2], _STAMP).replace(tzinfo=UTC)
        found.append(BackupFile(directory / name, match[1], taken_at))
    return sorted(found, key=lambda backup: (backup.taken_at, backup.path.name))


def newest_backup(directory: Path) -> BackupFile | None:
    """The newest backup taken of a working database: a database a restore replaced may
    be the damaged one, so it is never offered first."""
    backups = [backup for backup in list_backups(directory) if backup.kind != REPLACED]
    return backups[-1] if backups else None


def restore_advice(directory: Path) -> str:
    """What to do about a damaged database: the newest backup and the command to bring it
    back, or where backups would be when there is none."""
    newest = newest_backup(directory)
    if newest is None:
        return (
            f"there is no backup in {directory}; move the damaged file aside to start a new "
            "home, and keep it: it may still be repaired with sqlite3's .recover"
        )
    return (
        f"the newest backup is {newest.path} (taken {newest.taken_at:%Y-%m-%d %H:%M} UTC); "
        f"bring it back with: prepdeck restore {newest.path}"
    )


def copy_database(connection: sqlite3.Connection, target: Path) -> None:
    """A consistent copy of the live database at ``target``, through SQLite's backup API.

    The copy is written under a temporary name and renamed when complete, so ``target``
    is never a half-written file, even if the process is killed midway.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.partial")
    partial.unlink(missing_ok=True)
    copy = sqlite3.connect(partial, isolation_level=None)
    try:
        connection.backup(copy)
        # One self-contained file: the copy carries the live database's WAL setting.
        copy.execute("PRAGMA journal_mode = DELETE")
    finally:
        copy.close()
    with partial.open("rb") as written:
        os.fsync(written.fileno())
    partial.replace(target)


@dataclass(frozen=True, slots=True)
class DatabaseCheck:
    schema_version: int
    problems: tuple[str, ...]
    """What ``integrity_check`` found (pages or indexes that do not read back); empty when
    sound."""
    is_prepdeck: bool
    """Whether it holds prepdeck's tables (a review log and cards)."""


def check_database(connection: sqlite3.Connection, *, limit: int = 20) -> DatabaseCheck:
    """Read every page of the database (``integrity_check``).

    Raises ``sqlite3.DatabaseError`` when the file is not a database at all.
    """
    version = int(connection.execute("PRAGMA user_version").fetchone()[0])
    tables = {
        row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
    }
    problems = [
        str(row[0])
        for row in connection.execute(f"PRAGMA integrity_check({limit})")
        if row[0] != "ok"
    ]
    return DatabaseCheck(version, tuple(problems), {"reviews", "cards"} <= tables)


def broken_references(connection: sqlite3.Connection) -> dict[str, int]:
    """Rows that name a row that is not there, counted by table: possible only if
    something wrote to the database with its references unchecked."""
    counts: dict[str, int] = {}
    for row in connection.execute("PRAGMA foreign_key_check"):
        counts[row[0]] = counts.get(row[0], 0) + 1
    # Story links name their cards without a declared reference (a card may be retired
    # and come back), so they are checked by hand.
    unlinked = connection.execute(
        "SELECT COUNT(*) FROM story_links AS l WHERE NOT EXISTS (SELECT 1 FROM cards AS c "
        "WHERE c.deck_id = l.deck_id AND c.card_id = l.card_id)"
    ).fetchone()[0]
    if unlinked:
        counts["story_links"] = counts.get("story_links", 0) + int(unlinked)
    return counts


def open_for_checking(path: Path) -> sqlite3.Connection:
    """A connection that reads ``path`` and never writes it: for a file that may be
    damaged, or that another prepdeck has open."""
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        connection.execute("PRAGMA query_only = ON")
    except sqlite3.Error as error:
        raise StoreError(f"cannot open {path}: {error}") from error
    return connection
