"""Deck sources: the rows of the ``sources`` table, each index's URL and its cached text.

Whether an index may be registered (it must fetch and parse) is ``library.sources``'s
rule; this only keeps and reads back the rows.
"""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

from prepdeck.errors import RefusedError
from prepdeck.store.codec import parse_time, time_text
from prepdeck.store.db import StorePart


class StoredSource(NamedTuple):
    url: str
    added_at: datetime
    index_text: str | None
    """The index as last fetched; None before the first fetch."""
    fetched_at: datetime | None
    entries: str | None
    """The entries read from ``index_text``, as JSON; None when kept before they were."""


def _stored(
    url: str, added_at: str, text: str | None, fetched_at: str | None, entries: str | None
) -> StoredSource:
    fetched = None if fetched_at is None else parse_time(fetched_at)
    return StoredSource(url, parse_time(added_at), text, fetched, entries)


class Sources(StorePart):
    """The registered deck indexes, in the order they were added."""

    __slots__ = ()

    def add(self, url: str, *, index_text: str, entries: str, now: datetime) -> None:
        """Register ``url`` with its index just fetched; a URL already there is refused."""
        with self._db.write() as connection:
            if connection.execute("SELECT 1 FROM sources WHERE url = ?", (url,)).fetchone():
                raise RefusedError(f"{url}: already a source")
            stamp = time_text(now)
            connection.execute(
                "INSERT INTO sources (url, added_at, index_text, fetched_at, entries) "
                "VALUES (?, ?, ?, ?, ?)",
                (url, stamp, index_text, stamp, entries),
            )

    def all(self) -> list[StoredSource]:
        return [
            _stored(*row)
            for row in self._db.rows(
                "SELECT url, added_at, index_text, fetched_at, entries FROM sources ORDER BY id"
            )
        ]

    def cache(self, url: str, *, index_text: str, entries: str, now: datetime) -> None:
        """Keep ``index_text`` as ``url``'s index fetched at ``now``, with its entries."""
        with self._db.write() as connection:
            connection.execute(
                "UPDATE sources SET index_text = ?, fetched_at = ?, entries = ? WHERE url = ?",
                (index_text, time_text(now), entries, url),
            )

    def remove(self, url: str) -> bool:
        """Forget ``url``; False when it was not a source."""
        with self._db.write() as connection:
            cursor = connection.execute("DELETE FROM sources WHERE url = ?", (url,))
            return cursor.rowcount > 0
