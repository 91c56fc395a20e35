"""Opening the database: the ``Store`` and its parts."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from prepdeck.clock import Clock, SystemClock
from prepdeck.errors import DamagedDatabaseError, StoreError
from prepdeck.store.answers import Answers
from prepdeck.store.backups import copy_database, restore_advice
from prepdeck.store.cards import Cards
from prepdeck.store.coverage import CoverageQueries
from prepdeck.store.db import DEFAULT_BUSY_TIMEOUT, Db, open_connection, store_error
from prepdeck.store.debriefs import Debriefs
from prepdeck.store.decks import Decks
from prepdeck.store.figures import FigureQueries
from prepdeck.store.interviews import Interviews
from prepdeck.store.migrations import migrate, schema_version
from prepdeck.store.sources import Sources
from prepdeck.store.stories import Stories
from prepdeck.store.sync_state import SyncState

if TYPE_CHECKING:
    from prepdeck.store.parameters import ParameterSets
    from prepdeck.store.queue import Queue
    from prepdeck.store.reviews import ReviewLog


class Store:
    """The database, reached through its parts: ``decks``, ``cards``, ``reviews``,
    ``queue``, ``figures``, ``parameters`` (FSRS's, fitted to the log), ``interviews``,
    ``debriefs``, ``sources``, ``stories``, ``answers`` (the user's own), ``coverage``
    (answers and stories counted over the cards) and ``sync`` (what a sync with other
    homes remembers). One connection, for the thread that opened it."""

    __slots__ = (
        "_db",
        "_parameters",
        "_queue",
        "_reviews",
        "answers",
        "cards",
        "coverage",
        "debriefs",
        "decks",
        "figures",
        "interviews",
        "sources",
        "stories",
        "sync",
    )

    def __init__(self, db: Db) -> None:
        self._db = db
        self.decks = Decks(db)
        self.cards = Cards(db)
        self.figures = FigureQueries(db)
        self.interviews = Interviews(db)
        self.debriefs = Debriefs(db)
        self.sources = Sources(db)
        self.stories = Stories(db)
        self.answers = Answers(db)
        self.coverage = CoverageQueries(db)
        self.sync = SyncState(db)
        self._reviews: ReviewLog | None = None
        self._queue: Queue | None = None
        self._parameters: ParameterSets | None = None

    # The log and the queue are imported on first use: listing and counting decks, what
    # most commands do, needs neither, and their modules and values cost every start.
    @property
    def reviews(self) -> ReviewLog:
        if self._reviews is None:
            from prepdeck.store.reviews import ReviewLog

            self._reviews = ReviewLog(self._db)
        return self._reviews

    @property
    def queue(self) -> Queue:
        if self._queue is None:
            from prepdeck.store.queue import Queue

            self._queue = Queue(self._db)
        return self._queue

    @property
    def parameters(self) -> ParameterSets:
        """The FSRS parameter sets: the one in force, fits applied and undone."""
        if self._parameters is None:
            from prepdeck.store.parameters import ParameterSets

            self._parameters = ParameterSets(self._db)
        return self._parameters

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
            migrate(db, backups_dir=backups_dir, now=(clock or SystemClock()).now())
        except BaseException:
            db.close()
            raise
    except DamagedDatabaseError as damaged:
        # Nothing has been written to it: name the backup that brings its data back.
        raise DamagedDatabaseError(damaged.problem, advice=restore_advice(backups_dir)) from damaged
    return Store(db)
