"""Own answers: the rows of ``own_answers``, one per card the user answered in their words.

Keyed by the card's identity alone (schema version 11), so an answer stays when the deck
is updated, a card retired or the deck removed and installed again. Which entries may be
saved, and how they are read from and written to files, belong to ``prep.answers``.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import NamedTuple

from prepdeck.store.codec import parse_time, time_text
from prepdeck.store.db import StorePart


class StoredAnswer(NamedTuple):
    deck_id: str
    card_id: str
    answer: str
    updated_at: datetime


class Answers(StorePart):
    """The user's own answers, by (deck id, card id)."""

    __slots__ = ()

    def find(self, deck_id: str, card_id: str) -> str | None:
        row = self._db.one(
            "SELECT answer FROM own_answers WHERE deck_id = ? AND card_id = ?",
            (deck_id, card_id),
        )
        return None if row is None else str(row[0])

    def save(self, deck_id: str, card_id: str, answer: str, *, at: datetime) -> None:
        """Keep ``answer`` for the card, replacing the one kept; an empty one deletes it."""
        self.save_many([(deck_id, card_id, answer)], at=at)

    def save_many(self, entries: Iterable[tuple[str, str, str]], *, at: datetime) -> int:
        """Keep each (deck id, card id, answer) in one transaction: all of them or none.
        Returns how many entries were written (deletions included)."""
        written = 0
        moment = time_text(at)
        with self._db.write() as connection:
            for deck_id, card_id, answer in entries:
                if answer:
                    connection.execute(
                        "INSERT INTO own_answers (deck_id, card_id, answer, updated_at) "
                        "VALUES (?, ?, ?, ?) ON CONFLICT (deck_id, card_id) DO UPDATE SET "
                        "answer = excluded.answer, updated_at = excluded.updated_at",
                        (deck_id, card_id, answer, moment),
                    )
                else:
                    connection.execute(
                        "DELETE FROM own_answers WHERE deck_id = ? AND card_id = ?",
                        (deck_id, card_id),
                    )
                written += 1
        return written

    def of_deck(self, deck_id: str) -> dict[str, str]:
        """Card id to own answer, for every card of ``deck_id`` answered."""
        return {
            card_id: answer
            for card_id, answer in self._db.rows(
                "SELECT card_id, answer FROM own_answers WHERE deck_id = ?", (deck_id,)
            )
        }

    def all(self) -> list[StoredAnswer]:
        """Every own answer, by deck id then card id."""
        return [
            StoredAnswer(deck_id, card_id, answer, parse_time(updated_at))
            for deck_id, card_id, answer, updated_at in self._db.rows(
                "SELECT deck_id, card_id, answer, updated_at FROM own_answers "
                "ORDER BY deck_id, card_id"
            )
        ]
