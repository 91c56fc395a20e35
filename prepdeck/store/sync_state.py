"""What a sync remembers (schema versions 17 and 18): the home id, the batches seen, the
reviews pushed and the version of each personal item held (see ``prepdeck.sync``)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, NamedTuple

from prepdeck.store.db import StorePart

if TYPE_CHECKING:
    from prepdeck.store.log_records import Review


class ItemVersion(NamedTuple):
    """The version of a personal item this home holds, as last pushed or pulled."""

    digest: str
    stamp: str
    home_id: str


class Unpushed(NamedTuple):
    """The reviews made here since the last push, and where the next push starts."""

    reviews: list[Review]
    last_no: int
    last_review_id: str | None


class SyncState(StorePart):
    """The rows of ``sync_home``, ``sync_batches`` and ``sync_items``."""

    __slots__ = ()

    def home_id(self, make: Callable[[], str]) -> str:
        """This database's home id, made with ``make`` and kept on first use."""
        with self._db.write() as connection:
            found = connection.execute("SELECT home_id FROM sync_home").fetchone()
            if found is not None:
                return str(found[0])
            made = make()
            connection.execute("INSERT INTO sync_home (one, home_id) VALUES (1, ?)", (made,))
            return made

    def change_home_id(self, home_id: str) -> None:
        """Write under a new id from now on; what was pushed stays pushed."""
        with self._db.write() as connection:
            connection.execute("UPDATE sync_home SET home_id = ?", (home_id,))

    def batches(self, home_id: str) -> dict[str, bool]:
        """Name to whether it was read whole, for each batch of ``home_id`` seen here."""
        return {
            str(name): bool(complete)
            for name, complete in self._db.rows(
                "SELECT name, complete FROM sync_batches WHERE home_id = ?", (home_id,)
            )
        }

    def record_batches(self, entries: Iterable[tuple[str, str, str, bool]]) -> None:
        """Each (home id, name, sha256, complete) seen, in one transaction."""
        with self._db.write() as connection:
            connection.executemany(
                "INSERT INTO sync_batches (home_id, name, sha256, complete) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (home_id, name) DO UPDATE SET sha256 = excluded.sha256, "
                "complete = excluded.complete",
                [(home, name, sha, int(complete)) for home, name, sha, complete in entries],
            )

    def unpushed(self) -> Unpushed:
        """The reviews of this home (none pulled from another) not pushed yet, in row order.

        A review deleted after its push (an undo, a purge) moves the mark back below its
        row (the trigger of schema version 18), so a later review that takes its number
        is above the mark, and pushed.
        """
        # Imported here: the log's module loads on first use (docs/architecture.md).
        from prepdeck.store.reviews import REVIEW_COLUMNS, stored_review

        found = self._db.one("SELECT pushed_to, pushed_review FROM sync_home")
        pushed_to, pushed_review = (0, None) if found is None else (int(found[0]), found[1])
        rows = self._db.rows(
            f"SELECT id, {REVIEW_COLUMNS} FROM reviews WHERE id > ? AND origin IS NULL ORDER BY id",
            (pushed_to,),
        )
        if not rows:
            return Unpushed([], pushed_to, pushed_review)
        return Unpushed(
            [stored_review(*row[1:]) for row in rows], int(rows[-1][0]), str(rows[-1][1])
        )

    def push_everything_again(self, home_id: str, lost: Iterable[str]) -> None:
        """Push every review of this home at the next push, and forget the batches
        ``lost``: the remote lacks them (another remote, or a push that never landed)."""
        with self._db.write() as connection:
            connection.execute("UPDATE sync_home SET pushed_to = 0, pushed_review = NULL")
            connection.executemany(
                "DELETE FROM sync_batches WHERE home_id = ? AND name = ?",
                [(home_id, name) for name in lost],
            )

    def mark_pushed(
        self,
        last_no: int,
        last_review_id: str | None,
        batch: tuple[str, str, str] | None,
        items: Iterable[tuple[str, str, ItemVersion]],
    ) -> None:
        """After a batch was written: where the next push starts, the batch (home id,
        name, sha256) and the items it carried, in one transaction."""
        with self._db.write() as connection:
            connection.execute(
                "UPDATE sync_home SET pushed_to = ?, pushed_review = ?",
                (last_no, last_review_id),
            )
            if batch is not None:
                connection.execute(
                    "INSERT OR REPLACE INTO sync_batches (home_id, name, sha256, complete) "
                    "VALUES (?, ?, ?, 1)",
                    batch,
                )
            _put_items(connection, items)

    def items(self, kind: str) -> dict[str, ItemVersion]:
        """Key to the version held, for every item of ``kind`` pushed or pulled."""
        return {
            str(key): ItemVersion(str(digest), str(stamp), str(home))
            for key, digest, stamp, home in self._db.rows(
                "SELECT key, digest, stamp, home_id FROM sync_items WHERE kind = ?", (kind,)
            )
        }

    def put_items(self, items: Iterable[tuple[str, str, ItemVersion]]) -> None:
        """Record each (kind, key, version) held."""
        with self._db.write() as connection:
            _put_items(connection, items)


def _put_items(
    connection: sqlite3.Connection, items: Iterable[tuple[str, str, ItemVersion]]
) -> None:
    connection.executemany(
        "INSERT OR REPLACE INTO sync_items (kind, key, digest, stamp, home_id) "
        "VALUES (?, ?, ?, ?, ?)",
        [(kind, key, *version) for kind, key, version in items],
    )
