"""``prepdeck doctor``: is the database sound, and is there a recent backup?

It only reads: a damaged database is examined without a byte written to it. Damage (an
unreadable page, a broken reference, a file that is not prepdeck's) is the only finding
that makes the doctor fail; rows that point at nothing, an old schema, and missing or old
backups are warnings, each with what to do.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from prepdeck.domain.plural import plural
from prepdeck.errors import StoreError
from prepdeck.paths import Locations
from prepdeck.store.backups import (
    broken_references,
    check_database,
    list_backups,
    newest_backup,
    open_for_checking,
    restore_advice,
)
from prepdeck.store.schema import MIGRATIONS

BACKUP_TOO_OLD = timedelta(days=7)
"""A newest backup older than this is worth a warning: a week of reviews rides on it."""


class Status(StrEnum):
    OK = "ok"
    WARNING = "warning"
    DAMAGE = "damage"


@dataclass(frozen=True, slots=True)
class Finding:
    check: str
    """``database``, ``schema``, ``integrity``, ``orphans`` or ``backups``."""
    status: Status
    message: str


@dataclass(frozen=True, slots=True)
class Diagnosis:
    findings: tuple[Finding, ...]

    @property
    def damaged(self) -> bool:
        return any(finding.status is Status.DAMAGE for finding in self.findings)


def examine(where: Locations, now: datetime) -> Diagnosis:
    """Every finding about the home's database and backups, in the order they matter."""
    return Diagnosis((*_database_findings(where), _backup_finding(where, now)))


def _database_findings(where: Locations) -> list[Finding]:
    database = where.database
    if not database.exists():
        return [
            Finding(
                "database",
                Status.WARNING,
                f"no database at {database} yet: prepdeck makes one when it first starts",
            )
        ]
    try:
        connection = open_for_checking(database)
    except StoreError as error:
        return [Finding("database", Status.DAMAGE, f"{error}; {restore_advice(where.backups)}")]
    try:
        return _examine_open(connection, where)
    except sqlite3.DatabaseError as error:
        return [
            Finding(
                "database",
                Status.DAMAGE,
                f"{database} is damaged or not a database ({error}); "
                f"{restore_advice(where.backups)}",
            )
        ]
    finally:
        connection.close()


def _examine_open(connection: sqlite3.Connection, where: Locations) -> list[Finding]:
    check = check_database(connection)
    if not check.is_prepdeck:
        return [
            Finding(
                "database",
                Status.DAMAGE,
                f"{where.database} is not a prepdeck database; {restore_advice(where.backups)}",
            )
        ]
    findings = [Finding("database", Status.OK, f"{where.database} opens")]
    findings.append(_schema_finding(check.schema_version))
    if check.problems:
        shown = "; ".join(check.problems[:3])
        findings.append(
            Finding(
                "integrity",
                Status.DAMAGE,
                f"{shown}; {restore_advice(where.backups)}",
            )
        )
        return findings
    findings.append(Finding("integrity", Status.OK, "every page reads back"))
    findings.append(_orphan_finding(connection))
    return findings


def _schema_finding(version: int) -> Finding:
    latest = len(MIGRATIONS)
    if version == latest:
        return Finding("schema", Status.OK, f"version {version}, the current one")
    if version < latest:
        return Finding(
            "schema",
            Status.OK,
            f"version {version}; prepdeck upgrades it to {latest} when it next opens the "
            "home, after a backup",
        )
    return Finding(
        "schema",
        Status.WARNING,
        f"version {version} is newer than this prepdeck knows ({latest}): upgrade prepdeck",
    )


def _orphan_finding(connection: sqlite3.Connection) -> Finding:
    counts = broken_references(connection)
    if not counts:
        return Finding("orphans", Status.OK, "every row names rows that are there")
    found = ", ".join(f"{count} in {table}" for table, count in sorted(counts.items()))
    return Finding(
        "orphans",
        Status.WARNING,
        f"rows that name a missing row: {found}; they are kept, and do no harm to the rest",
    )


def _backup_finding(where: Locations, now: datetime) -> Finding:
    backups = list_backups(where.backups)
    newest = newest_backup(where.backups)
    if newest is None:
        return Finding(
            "backups",
            Status.WARNING,
            f"no backup in {where.backups} yet: the app takes one each day it is opened, "
            "and `prepdeck backup` takes one now",
        )
    age = now - newest.taken_at
    kept = plural(len(backups), "backup")
    message = f"newest {_age(age)} ago: {newest.path} ({kept} kept)"
    if age > BACKUP_TOO_OLD:
        return Finding("backups", Status.WARNING, f"{message}; take one now: prepdeck backup")
    return Finding("backups", Status.OK, message)


def _age(age: timedelta) -> str:
    if age < timedelta(hours=1):
        return plural(max(0, int(age.total_seconds() // 60)), "minute")
    if age < timedelta(days=2):
        return plural(int(age.total_seconds() // 3600), "hour")
    return plural(age.days, "day")
