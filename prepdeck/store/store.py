"""Opening the database: the ``Store`` and its parts."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Generic, TypeVar, cast, overload

from prepdeck.clock import Clock, SystemClock
from prepdeck.errors import DamagedDatabaseError, StoreError
from prepdeck.store.db import (
    DEFAULT_BUSY_TIMEOUT,
    LATEST_VERSION,
    Db,
    open_connection,
    schema_version,
    store_error,
)

if TYPE_CHECKING:
    from prepdeck.store.answers import Answers
    from prepdeck.store.cards import Cards
    from prepdeck.store.coverage import CoverageQueries
    from prepdeck.store.debriefs import Debriefs
    from prepdeck.store.decks import Decks
    from prepdeck.store.figures import FigureQueries
    from prepdeck.store.interviews import Interviews
    from prepdeck.store.parameters import ParameterSets
    from prepdeck.store.queue import Queue
    from prepdeck.store.reviews import ReviewLog
    from prepdeck.store.sources import Sources
    from prepdeck.store.stories import Stories
    from prepdeck.store.sync_state import SyncState

_Part = TypeVar("_Part")


class _LazyPart(Generic[_Part]):
    """A part of the ``Store``, its module imported and the part built on first use, then
    kept in the store's slot of the same name with a leading underscore."""

    __slots__ = ("_class", "_module", "_slot")

    def __init__(self, module: str, class_name: str) -> None:
        self._module = module
        self._class = class_name
        self._slot = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self._slot = f"_{name}"

    @overload
    def __get__(self, store: None, owner: type | None = None) -> _LazyPart[_Part]: ...

    @overload
    def __get__(self, store: Store, owner: type | None = None) -> _Part: ...

    def __get__(self, store: Store | None, owner: type | None = None) -> _Part | _LazyPart[_Part]:
        if store is None:  # looked up on the class, as help() and mocks do
            return self
        part: _Part | None = getattr(store, self._slot)
        if part is None:
            from importlib import import_module

            made = getattr(import_module(self._module), self._class)
            part = cast("_Part", made(store._db))
            setattr(store, self._slot, part)
        return part


class Store:
    """The database, reached through its parts: ``decks``, ``cards``, ``reviews``,
    ``queue``, ``figures``, ``parameters`` (FSRS's, fitted to the log), ``interviews``,
    ``debriefs``, ``sources``, ``stories``, ``answers`` (the user's own), ``coverage``
    (answers and stories counted over the cards) and ``sync`` (what a sync with other
    homes remembers). One connection, for the thread that opened it."""

    __slots__ = (
        "_answers",
        "_cards",
        "_coverage",
        "_db",
        "_debriefs",
        "_decks",
        "_figures",
        "_interviews",
        "_parameters",
        "_queue",
        "_reviews",
        "_sources",
        "_stories",
        "_sync",
    )

    # Every part is imported and built on first use: a command touches one or two of
    # them, and the modules of the others (the story bank's brings in hashlib, and with
    # it OpenSSL) would only slow its start.
    decks: _LazyPart[Decks] = _LazyPart("prepdeck.store.decks", "Decks")
    cards: _LazyPart[Cards] = _LazyPart("prepdeck.store.cards", "Cards")
    figures: _LazyPart[FigureQueries] = _LazyPart("prepdeck.store.figures", "FigureQueries")
    interviews: _LazyPart[Interviews] = _LazyPart("prepdeck.store.interviews", "Interviews")
    debriefs: _LazyPart[Debriefs] = _LazyPart("prepdeck.store.debriefs", "Debriefs")
    sources: _LazyPart[Sources] = _LazyPart("prepdeck.store.sources", "Sources")
    stories: _LazyPart[Stories] = _LazyPart("prepdeck.store.stories", "Stories")
    answers: _LazyPart[Answers] = _LazyPart("prepdeck.store.answers", "Answers")
    coverage: _LazyPart[CoverageQueries] = _LazyPart("prepdeck.store.coverage", "CoverageQueries")
    sync: _LazyPart[SyncState] = _LazyPart("prepdeck.store.sync_state", "SyncState")
    reviews: _LazyPart[ReviewLog] = _LazyPart("prepdeck.store.reviews", "ReviewLog")
    queue: _LazyPart[Queue] = _LazyPart("prepdeck.store.queue", "Queue")
    parameters: _LazyPart[ParameterSets] = _LazyPart("prepdeck.store.parameters", "ParameterSets")
    """The FSRS parameter sets: the one in force, fits applied and undone."""

    def __init__(self, db: Db) -> None:
        self._db = db
        self._answers: Answers | None = None
        self._cards: Cards | None = None
        self._coverage: CoverageQueries | None = None
        self._debriefs: Debriefs | None = None
        self._decks: Decks | None = None
        self._figures: FigureQueries | None = None
        self._interviews: Interviews | None = None
        self._parameters: ParameterSets | None = None
        self._queue: Queue | None = None
        self._reviews: ReviewLog | None = None
        self._sources: Sources | None = None
        self._stories: Stories | None = None
        self._sync: SyncState | None = None

    @property
    def path(self) -> Path | str:
        return self._db.path

    @property
    def schema_version(self) -> int:
        return schema_version(self._db)

    def checkpoint(self) -> None:
        """Fold the write-ahead log into the database; call when idle, e.g. after a drill.

        Doing it here rather than on a commit keeps grades free of the pause.
        """
        self._db.checkpoint()

    def back_up(self, target: Path) -> None:
        """A consistent copy of the database at ``target`` (see ``store.backups``)."""
        from prepdeck.store.backups import copy_database

        try:
            copy_database(self._db.connection, target)
        except sqlite3.Error as error:
            raise store_error(error, self._db.path) from error
        except OSError as error:
            raise StoreError(f"cannot write the backup {target}: {error}") from error

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def connect(
    path: Path,
    *,
    backups_dir: Path,
    clock: Clock | None = None,
    busy_timeout: float = DEFAULT_BUSY_TIMEOUT,
) -> Store:
    """Open (creating if needed) the database at ``path`` and bring its schema up to date.

    An existing database is copied into ``backups_dir`` before a migration changes it.
    Failures raise ``StoreError`` with a one-line message.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StoreError(f"cannot create the directory of database {path}: {error}") from error
    try:
        db = Db(open_connection(path, busy_timeout=busy_timeout), path)
        try:
            # Most starts find the schema current: the migrations and the schema they
            # build are imported only for a database at another version.
            if schema_version(db) != LATEST_VERSION:
                from prepdeck.store.migrations import migrate

                migrate(db, backups_dir=backups_dir, now=(clock or SystemClock()).now())
        except BaseException:
            db.close()
            raise
    except DamagedDatabaseError as damaged:
        # Nothing has been written to it: name the backup that brings its data back. The
        # backups module is imported only here and for a copy: most starts need neither.
        from prepdeck.store.backups import restore_advice

        raise DamagedDatabaseError(damaged.problem, advice=restore_advice(backups_dir)) from damaged
    return Store(db)
