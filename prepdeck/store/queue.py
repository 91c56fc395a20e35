"""The cards a drill may show now: due ones ranked for review, and new ones in file order."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from prepdeck.store.codec import day_text, parse_time, state_from_columns, time_text, unix_ms
from prepdeck.store.db import Db
from prepdeck.store.records import QueueCard

_DAY_MS = 86_400_000


def _live_decks(deck_ids: Sequence[str] | None) -> tuple[str, tuple[str, ...]]:
    """A subquery of the decks the queue may draw from, and its parameters."""
    sql = "SELECT id FROM decks WHERE removed = 0 AND paused = 0"
    if deck_ids is None:
        return sql, ()
    return f"{sql} AND id IN ({', '.join('?' * len(deck_ids))})", tuple(deck_ids)


class Queue:
    """Due and new cards, leaving out retired, suspended and buried cards and removed or
    paused decks."""

    __slots__ = ("_db",)

    def __init__(self, db: Db) -> None:
        self._db = db

    def due(
        self,
        now: datetime,
        today: date,
        *,
        deck_ids: Sequence[str] | None = None,
        limit: int | None = None,
    ) -> list[QueueCard]:
        """Reviewed cards due at ``now``, at most ``limit`` of them.

        Cards in a learning or relearning step come first, earliest due first: FSRS gives
        them a retrievability near 1 within the day, which would put them behind every
        overdue card. Review cards follow by retrievability, lowest first. The ranking is
        done in SQL on whole days since the last review over stability, the quantity FSRS's
        retrievability falls with, so ``limit`` keeps the weakest cards.
        """
        decks, deck_parameters = _live_decks(deck_ids)
        # Ranked from the covering index alone; only the cards kept are read from the table.
        rows = self._db.rows(
            f"""
            WITH ranked AS (
              SELECT no, state = 2 AS in_review,
                CASE WHEN state = 2 THEN max(0, ? - last_review_ms) / {_DAY_MS} / stability
                END AS overdue
              FROM cards
              WHERE deck_id IN ({decks})
                AND state IS NOT NULL AND retired = 0 AND suspended = 0
                AND due <= ?
                AND (buried_until IS NULL OR buried_until <= ?)
              ORDER BY in_review, overdue DESC, due, no
              LIMIT ?
            )
            SELECT cards.no, deck_id, card_id, state, step, stability, difficulty, due,
                   last_review
            FROM ranked JOIN cards ON cards.no = ranked.no
            ORDER BY ranked.in_review, ranked.overdue DESC, cards.due, cards.no
            """,
            (
                unix_ms(now),
                *deck_parameters,
                time_text(now),
                day_text(today),
                -1 if limit is None else limit,
            ),
        )
        return [
            QueueCard(
                no=row[0], deck_id=row[1], card_id=row[2], schedule=state_from_columns(*row[3:9])
            )
            for row in rows
        ]

    def new(
        self,
        today: date,
        *,
        limit: int,
        deck_ids: Sequence[str] | None = None,
    ) -> list[QueueCard]:
        """Cards never reviewed, by deck id then file position, at most ``limit``."""
        decks, deck_parameters = _live_decks(deck_ids)
        rows = self._db.rows(
            f"""
            SELECT no, deck_id, card_id
            FROM cards
            WHERE deck_id IN ({decks})
              AND state IS NULL AND retired = 0 AND suspended = 0
              AND (buried_until IS NULL OR buried_until <= ?)
            ORDER BY deck_id, position, no
            LIMIT ?
            """,
            (*deck_parameters, day_text(today), limit),
        )
        return [QueueCard(no=row[0], deck_id=row[1], card_id=row[2], schedule=None) for row in rows]

    def next_due(self, now: datetime, *, deck_ids: Sequence[str] | None = None) -> datetime | None:
        """When the next card falls due after ``now``; None when no card ever will.

        Cards already due are left out: after a drill they are the ones today's limits
        held back, and the question is when something new becomes due.
        """
        decks, deck_parameters = _live_decks(deck_ids)
        # One index seek per deck, rather than one scan over every deck's due cards.
        row = self._db.one(
            f"""
            SELECT min((
              SELECT min(due) FROM cards
              WHERE deck_id = live.id
                AND state IS NOT NULL AND retired = 0 AND suspended = 0
                AND due > ?
            ))
            FROM ({decks}) AS live
            """,
            (time_text(now), *deck_parameters),
        )
        return None if row is None or row[0] is None else parse_time(row[0])
