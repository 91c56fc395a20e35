"""Interviews: the rows of the ``interviews`` table, kept and read back, nothing more.

The rules (a name taken, a time past, which decks) belong to ``prep.interviews``.
"""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

from prepdeck.errors import RefusedError
from prepdeck.store.codec import list_text, parse_list, parse_time, time_text
from prepdeck.store.db import StorePart

_COLUMNS = "name, at, decks, note, deck_id, created_at"


class StoredInterview(NamedTuple):
    name: str
    at: datetime
    """When it takes place, in UTC."""
    decks: tuple[str, ...]
    """The deck ids it is about; empty: every active deck at the time of use."""
    note: str
    deck_id: str
    """Its personal deck (``my-interview-*``), which exists once it has a card."""
    created_at: datetime


def name_key(name: str) -> str:
    """What makes two names the same: case does not count."""
    return name.strip().casefold()


def _stored(
    name: str, at: str, decks: str, note: str, deck_id: str, created_at: str
) -> StoredInterview:
    return StoredInterview(
        name, parse_time(at), parse_list(decks), note, deck_id, parse_time(created_at)
    )


class Interviews(StorePart):
    """The interviews, soonest first."""

    __slots__ = ()

    def add(self, interview: StoredInterview) -> None:
        """Store ``interview``; a name or personal deck another one has is a ``RefusedError``."""
        key = name_key(interview.name)
        with self._db.write() as connection:
            taken = connection.execute(
                "SELECT name FROM interviews WHERE name_key = ? OR deck_id = ?",
                (key, interview.deck_id),
            ).fetchone()
            if taken is not None:
                raise RefusedError(
                    f"an interview named {taken[0]!r} exists already, with the same name or deck"
                )
            connection.execute(
                "INSERT INTO interviews (name, name_key, at, decks, note, deck_id, "
                "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    interview.name,
                    key,
                    time_text(interview.at),
                    list_text(interview.decks),
                    interview.note,
                    interview.deck_id,
                    time_text(interview.created_at),
                ),
            )

    def put(self, interview: StoredInterview) -> None:
        """Store ``interview``, or give the one of its name its time, decks and note (its
        personal deck, debrief and reminders stay as they are)."""
        with self._db.write() as connection:
            connection.execute(
                "INSERT INTO interviews (name, name_key, at, decks, note, deck_id, "
                "created_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (name_key) DO UPDATE "
                "SET name = excluded.name, at = excluded.at, decks = excluded.decks, "
                "note = excluded.note",
                (
                    interview.name,
                    name_key(interview.name),
                    time_text(interview.at),
                    list_text(interview.decks),
                    interview.note,
                    interview.deck_id,
                    time_text(interview.created_at),
                ),
            )

    def find(self, name: str) -> StoredInterview | None:
        row = self._db.one(
            f"SELECT {_COLUMNS} FROM interviews WHERE name_key = ?", (name_key(name),)
        )
        return None if row is None else _stored(*row)

    def all(self) -> list[StoredInterview]:
        return [
            _stored(*row)
            for row in self._db.rows(f"SELECT {_COLUMNS} FROM interviews ORDER BY at, name_key")
        ]

    def deck_ids(self) -> set[str]:
        """The personal decks of every interview."""
        return {row[0] for row in self._db.rows("SELECT deck_id FROM interviews")}

    def remove(self, name: str) -> bool:
        """Delete the interview named ``name`` (any case); False when there is none."""
        with self._db.write() as connection:
            cursor = connection.execute(
                "DELETE FROM interviews WHERE name_key = ?", (name_key(name),)
            )
        return cursor.rowcount == 1
