"""One SQLite connection with prepdeck's settings, write transactions and plain error messages."""

from __future__ import annotations

import math
import os
import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import CodeType
from typing import TYPE_CHECKING, Any, NoReturn, Protocol

from prepdeck.errors import DamagedDatabaseError, RefusedError, StoreError

DEFAULT_BUSY_TIMEOUT = 5.0
"""Seconds a write waits for another process's write to finish before giving up."""

WAL_AUTOCHECKPOINT_PAGES = 10_000
"""WAL pages (about 40 MB) after which a commit copies the log back into the database.

SQLite's default, 1,000, makes every hundredth grade or so pay for a checkpoint; the
app checkpoints when idle (``Store.checkpoint``) and this bound only caps the log.
"""

CACHE_KIB = 32 * 1024
"""Page cache per connection: enough for the indexes of 100,000 cards to stay in memory."""

DAMAGE_ADVICE = "`prepdeck doctor` names the newest backup and the command that restores it"
"""Said of damage found after the database was opened; at opening, the backups folder is
known and the advice names the newest backup itself (``store.backups.restore_advice``)."""

TEST_PRAGMAS_VARIABLE = "PREPDECK_TEST_PRAGMAS"
"""A hidden hook for tests, not a setting: ``name=number`` pairs separated by ``;``, set
as PRAGMAs on every connection after prepdeck's own. The reliability tests simulate a full
disk with ``max_page_count`` (the database cannot grow past that many pages) and a lock
held past the timeout with ``busy_timeout`` (milliseconds), also in a ``prepdeck`` they
run as a subprocess. Anything not of that shape is ignored."""

LATEST_VERSION = 19
"""The schema version this prepdeck builds: the number of migrations in
``schema.MIGRATIONS`` (a test checks the two agree; a new migration raises both). Kept
here, so that opening a database already at it imports neither the schema nor the
migrations."""

_TEST_PRAGMA = r"\s*([a-z_]+)\s*=\s*(-?\d+)\s*"
"""A pattern, compiled by the re module on first use: only tests set the variable."""

Row = tuple[Any, ...]


if TYPE_CHECKING:
    # A protocol for the type checker only: nothing checks a mapper against it at run time.
    class RowMapper(Protocol):
        """A plain function that turns one row into a value, called as ``mapper(*row)``."""

        __code__: CodeType
        __defaults__: tuple[Any, ...] | None

        def __call__(self, *row: Any) -> Any: ...


def column_names(mapper: RowMapper) -> tuple[str, ...]:
    """The columns ``mapper`` reads: its parameters before any with a default or ``*``."""
    code = mapper.__code__
    return code.co_varnames[: code.co_argcount - len(mapper.__defaults__ or ())]


def select_list(mapper: RowMapper, *, table: str = "", **expressions: str) -> str:
    """The SELECT list of the columns ``mapper`` reads, named as its parameters, in order.

    Reading rows with it and mapping each with ``mapper(*row)`` puts every column in the
    parameter of its own name: the query and the mapping come from one list of names and
    cannot drift apart. A column is ``table.name`` (``name`` without ``table``), or the
    SQL given for it in ``expressions``, read ``AS`` its name. Parameters with a default
    are not read: a query may add their values after the columns (a rank it sorts by).
    """
    names = column_names(mapper)
    unknown = set(expressions) - set(names)
    if unknown:
        raise ValueError(f"{sorted(unknown)} are not parameters of {mapper.__code__.co_name}")
    prefix = f"{table}." if table else ""
    return ", ".join(
        f"{expressions[name].strip()} AS {name}" if name in expressions else f"{prefix}{name}"
        for name in names
    )


# Primary result codes (https://sqlite.org/rescode.html); extended codes keep them in the
# low byte.
_SQLITE_BUSY = 5
_SQLITE_LOCKED = 6
_SQLITE_READONLY = 8
_SQLITE_IOERR = 10
_SQLITE_CORRUPT = 11
_SQLITE_FULL = 13
_SQLITE_CANTOPEN = 14
_SQLITE_NOTADB = 26


def store_error(error: sqlite3.Error, path: Path | str) -> StoreError:
    """A one-line message for a database failure, naming the file and what to do."""
    code = getattr(error, "sqlite_errorcode", None)
    primary = None if code is None else code & 0xFF
    if primary in (_SQLITE_BUSY, _SQLITE_LOCKED):
        return StoreError(
            f"database {path} is busy: another prepdeck is writing to it", advice="try again"
        )
    if primary in (_SQLITE_CORRUPT, _SQLITE_NOTADB):
        return DamagedDatabaseError(
            f"database {path} is damaged or not a prepdeck database ({error})",
            advice=DAMAGE_ADVICE,
        )
    if primary == _SQLITE_CANTOPEN:
        return StoreError(f"cannot open database {path}: {error}")
    if primary == _SQLITE_READONLY:
        return StoreError(f"database {path} is read-only: {error}")
    if primary in (_SQLITE_FULL, _SQLITE_IOERR):
        return StoreError(f"cannot write database {path}: {error}")
    return StoreError(f"database {path}: {error}")


def raise_store_error(error: sqlite3.DatabaseError, path: Path | str) -> NoReturn:
    """Re-raise a database failure as a StoreError; misuse of the API stays a bug."""
    if isinstance(error, sqlite3.ProgrammingError | sqlite3.NotSupportedError):
        raise error
    raise store_error(error, path) from error


def open_connection(path: Path | str, *, busy_timeout: float) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are explicit), WAL, foreign keys on."""
    try:
        connection = sqlite3.connect(path, timeout=busy_timeout, isolation_level=None)
    except sqlite3.Error as error:
        raise store_error(error, path) from error
    try:
        connection.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
        connection.execute("PRAGMA journal_mode = WAL")
        # NORMAL in WAL mode loses at most the last commits on power loss, never integrity.
        connection.execute("PRAGMA synchronous = NORMAL")
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute(f"PRAGMA wal_autocheckpoint = {WAL_AUTOCHECKPOINT_PAGES}")
        connection.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        if not has_pow(connection):
            add_pow(connection)
        for name, value in test_pragmas():
            connection.execute(f"PRAGMA {name} = {value}")
    except sqlite3.Error as error:
        connection.close()
        raise store_error(error, path) from error
    return connection


def test_pragmas() -> list[tuple[str, int]]:
    """The PRAGMAs ``TEST_PRAGMAS_VARIABLE`` asks for; none, as for every user, when unset."""
    asked = os.environ.get(TEST_PRAGMAS_VARIABLE)
    if not asked:
        return []
    pairs = (re.fullmatch(_TEST_PRAGMA, item) for item in asked.split(";"))
    return [(found[1], int(found[2])) for found in pairs if found]


def has_pow(connection: sqlite3.Connection) -> bool:
    """Whether SQLite was built with its math functions, ``pow()`` among them (most builds
    since 3.35 are; readiness needs it)."""
    try:
        connection.execute("SELECT pow(2, 2)")
    except sqlite3.OperationalError:
        return False
    return True


def add_pow(connection: sqlite3.Connection) -> None:
    """Give ``connection`` a ``pow()`` written in Python, for SQLite built without one.

    Both call the C library's ``pow``, as Python's ``**`` on floats does, so each gives
    the same double; the Python one is slower, a call into Python per row.
    """
    connection.create_function("pow", 2, python_pow, deterministic=True)


def python_pow(base: float | None, exponent: float | None) -> float | None:
    """SQLite's ``pow()``: NULL when an argument is NULL or the result is not a number,
    infinite when it overflows."""
    if base is None or exponent is None:
        return None
    try:
        return math.pow(base, exponent)
    except ValueError:
        return None
    except OverflowError:
        return -math.inf if base < 0 and exponent % 2 == 1 else math.inf


class Db:
    """The connection shared by the store's parts; every sqlite3 call goes through here."""

    __slots__ = ("connection", "path")

    def __init__(self, connection: sqlite3.Connection, path: Path | str) -> None:
        self.connection = connection
        self.path = path

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """A ``BEGIN IMMEDIATE`` transaction: committed on success, rolled back on any error.

        IMMEDIATE takes the write lock up front, so a second writer waits the busy timeout
        here rather than failing halfway through its work.
        """
        connection = self.connection
        try:
            connection.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as error:
            raise store_error(error, self.path) from error
        try:
            yield connection
            connection.execute("COMMIT")
        except BaseException as failure:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            if isinstance(failure, sqlite3.DatabaseError):
                raise_store_error(failure, self.path)
            if isinstance(failure, UnicodeEncodeError):
                # Lone surrogates (YAML's "\ud800" escape makes them) cannot be stored.
                bad = failure.object[failure.start : failure.end]
                raise RefusedError(
                    f"text holding {bad!r}, which is not valid Unicode, cannot be stored"
                ) from failure
            raise

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """Reads made inside see one state of the database, as one statement would.

        Inside a transaction already, that transaction is the snapshot.
        """
        connection = self.connection
        if connection.in_transaction:
            yield
            return
        try:
            connection.execute("BEGIN")
        except sqlite3.Error as error:
            raise store_error(error, self.path) from error
        try:
            yield
        finally:
            if connection.in_transaction:
                connection.execute("COMMIT")

    def rows(self, sql: str, parameters: tuple[Any, ...] | dict[str, Any] = ()) -> list[Row]:
        try:
            return self.connection.execute(sql, parameters).fetchall()
        except sqlite3.DatabaseError as error:
            raise_store_error(error, self.path)

    def one(self, sql: str, parameters: tuple[Any, ...] | dict[str, Any] = ()) -> Row | None:
        try:
            row: Row | None = self.connection.execute(sql, parameters).fetchone()
        except sqlite3.DatabaseError as error:
            raise_store_error(error, self.path)
        return row

    def stream(
        self, sql: str, parameters: tuple[Any, ...] | dict[str, Any] = (), *, batch: int = 500
    ) -> Iterator[Row]:
        """Rows one at a time, fetched in batches, for results too long to hold at once."""
        try:
            cursor = self.connection.execute(sql, parameters)
        except sqlite3.DatabaseError as error:
            raise_store_error(error, self.path)
        # Closed even when the reader stops early: an open statement would pin its
        # snapshot of the log and keep checkpoints from finishing.
        try:
            while chunk := cursor.fetchmany(batch):
                yield from chunk
        except sqlite3.DatabaseError as error:
            raise_store_error(error, self.path)
        finally:
            cursor.close()

    def checkpoint(self) -> None:
        """Copy the write-ahead log into the database without waiting for readers."""
        self.rows("PRAGMA wal_checkpoint(PASSIVE)")

    def close(self) -> None:
        self.connection.close()


class StorePart:
    """A part of the store (its decks, cards, review log, queue or figures), reading and
    writing through the connection all the parts share."""

    __slots__ = ("_db",)

    def __init__(self, db: Db) -> None:
        self._db = db


def schema_version(db: Db) -> int:
    """The database's schema version (``PRAGMA user_version``): 0 for a new file."""
    row = db.one("PRAGMA user_version")
    return 0 if row is None else int(row[0])
