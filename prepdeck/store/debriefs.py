"""Debriefs: the rows of ``debriefs`` and ``dismissed_follow_ups``, kept and read back.

Both are keyed by the interview's ``name_key`` and deleted with the interview by the
database itself (``ON DELETE CASCADE``, schema version 9): an interview of the same name
added later starts with no debrief and every reminder to come. What may be saved, and
when a reminder is due, belong to ``prep.debrief``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import NamedTuple

from prepdeck.store.codec import list_text, parse_list, parse_time, time_text
from prepdeck.store.db import StorePart
from prepdeck.store.interviews import name_key


class StoredDebrief(NamedTuple):
    written_at: datetime
    surprises: tuple[str, ...]
    went_well: str
    to_change: str


class Debriefs(StorePart):
    """One debrief per interview, and the follow-ups dismissed."""

    __slots__ = ()

    def save(
        self,
        name: str,
        *,
        written_at: datetime,
        surprises: Sequence[str],
        went_well: str,
        to_change: str,
    ) -> None:
        """Keep the debrief of the interview named ``name`` (any case), replacing the one
        kept before; the interview must exist."""
        with self._db.write() as connection:
            connection.execute(
                "INSERT INTO debriefs (name_key, written_at, surprises, went_well, to_change) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (name_key) DO UPDATE SET "
                "written_at = excluded.written_at, surprises = excluded.surprises, "
                "went_well = excluded.went_well, to_change = excluded.to_change",
                (name_key(name), time_text(written_at), list_text(surprises), went_well, to_change),
            )

    def find(self, name: str) -> StoredDebrief | None:
        row = self._db.one(
            "SELECT written_at, surprises, went_well, to_change FROM debriefs WHERE name_key = ?",
            (name_key(name),),
        )
        if row is None:
            return None
        written_at, surprises, went_well, to_change = row
        return StoredDebrief(parse_time(written_at), parse_list(surprises), went_well, to_change)

    def dismiss(self, name: str, kind: str, *, at: datetime) -> None:
        """Record that the ``kind`` follow-up of ``name`` was dismissed; dismissing it again
        keeps the first time."""
        with self._db.write() as connection:
            connection.execute(
                # Not OR IGNORE: that would also swallow a kind the CHECK refuses.
                "INSERT INTO dismissed_follow_ups (name_key, kind, dismissed_at) "
                "VALUES (?, ?, ?) ON CONFLICT (name_key, kind) DO NOTHING",
                (name_key(name), kind, time_text(at)),
            )

    def dismissed(self) -> set[tuple[str, str]]:
        """(name key, kind) of every follow-up dismissed."""
        return {
            (key, kind)
            for key, kind in self._db.rows("SELECT name_key, kind FROM dismissed_follow_ups")
        }
