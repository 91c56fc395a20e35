"""Card counts for deck lists and stats; the per-deck ones read covering indexes only."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from typing import cast

from prepdeck.store.codec import day_text, parse_day, time_text
from prepdeck.store.db import StorePart
from prepdeck.store.records import DeckCounts, RetentionCounts, StateCounts


class FigureQueries(StorePart):
    """The counting queries behind deck lists, the home's figures and stats: per-deck and
    overall card and review counts."""

    __slots__ = ()

    def deck_counts(self, now: datetime, today: date) -> dict[str, DeckCounts]:
        """Counts for every deck in the database, removed ones included (see DeckCounts)."""
        # One subquery per deck and count, so each is a range of one covering index.
        rows = self._db.rows(
            """
            SELECT id,
              (SELECT count(*) FROM cards WHERE deck_id = decks.id AND retired = 0),
              (SELECT count(*) FROM cards
               WHERE deck_id = decks.id
                 AND state IS NOT NULL AND retired = 0 AND suspended = 0 AND due <= :now
                 AND (buried_until IS NULL OR buried_until <= :today)),
              (SELECT count(*) FROM cards
               WHERE deck_id = decks.id
                 AND state IS NULL AND retired = 0 AND suspended = 0
                 AND (buried_until IS NULL OR buried_until <= :today))
            FROM decks ORDER BY id
            """,
            {"now": time_text(now), "today": day_text(today)},
        )
        return {
            deck_id: DeckCounts(cards=cards, due=due, new=new) for deck_id, cards, due, new in rows
        }

    def learning_due(self, now: datetime, today: date) -> dict[str, int]:
        """Per deck, the cards in a learning or relearning step due at ``now``, not
        suspended or buried: due cards the daily review limit does not hold back."""
        return self._per_deck(
            """
            SELECT deck_id, count(*) FROM cards INDEXED BY cards_learning
            WHERE state IS NOT NULL AND state <> 2 AND retired = 0 AND suspended = 0
              AND due <= ? AND (buried_until IS NULL OR buried_until <= ?)
            GROUP BY deck_id
            """,
            (time_text(now), day_text(today)),
        )

    def new_introduced(self, day: date) -> dict[str, int]:
        """Per deck, how many new cards got their first applied review on ``day``."""
        return self._per_deck(
            "SELECT deck_id, count(*) FROM reviews "
            "WHERE day = ? AND applied = 1 AND state_before IS NULL GROUP BY deck_id",
            (day_text(day),),
        )

    def reviews_done(self, day: date) -> dict[str, int]:
        """Per deck, the reviews on ``day`` that count against the daily review limit.

        Those are applied reviews of cards in review state beforehand, in any mode: first
        reviews count against the new-card limit instead, and learning steps against none.
        """
        return self._per_deck(
            "SELECT deck_id, count(*) FROM reviews "
            "WHERE day = ? AND applied = 1 AND state_before = 2 GROUP BY deck_id",
            (day_text(day),),
        )

    def review_totals(self) -> dict[str, int]:
        """Per deck, every review ever logged (a walk of the card-review index, no table)."""
        return self._per_deck("SELECT deck_id, count(*) FROM reviews GROUP BY deck_id")

    def day_figures(self, day: date) -> dict[str, tuple[int, int]]:
        """Per deck, the reviews of ``day`` in any mode and the milliseconds they took."""
        rows = self._db.rows(
            "SELECT deck_id, count(*), coalesce(sum(duration_ms), 0) FROM reviews "
            "WHERE day = ? GROUP BY deck_id",
            (day_text(day),),
        )
        return {str(row[0]): (int(row[1]), int(row[2])) for row in rows}

    def retention_by_deck(self, since: datetime) -> dict[str, RetentionCounts]:
        """Per deck, applied reviews since ``since`` of cards in review state, and passes."""
        # App days trail UTC dates by at most two days, so the day index narrows first.
        rows = self._db.rows(
            "SELECT deck_id, count(*), coalesce(sum(rating >= 2), 0) FROM reviews "
            "WHERE day >= ? AND reviewed_at >= ? AND applied = 1 AND state_before = 2 "
            "GROUP BY deck_id",
            (day_text((since.astimezone(UTC) - timedelta(days=2)).date()), time_text(since)),
        )
        return {str(row[0]): RetentionCounts(int(row[1]), int(row[2])) for row in rows}

    def review_days(self, *, deck_id: str | None = None, since: date | None = None) -> list[date]:
        """App days with at least one review (of one deck, when named), latest first."""
        where, parameters = "WHERE day >= ?", ["" if since is None else day_text(since)]
        if deck_id is not None:
            where += " AND deck_id = ?"
            parameters.append(deck_id)
        rows = self._db.rows(
            f"SELECT DISTINCT day FROM reviews {where} ORDER BY day DESC", tuple(parameters)
        )
        return [parse_day(row[0]) for row in rows]

    def state_counts(self, today: date, *, deck_id: str | None = None) -> StateCounts:
        """Cards of one deck, or of every deck not removed, by state (see StateCounts)."""
        scope = (
            "deck_id IN (SELECT id FROM decks WHERE removed = 0)"
            if deck_id is None
            else "deck_id = :deck"
        )
        shown = "retired = 0 AND suspended = 0 AND (buried_until IS NULL OR buried_until <= :today)"
        row = self._db.one(
            f"""
            SELECT
              coalesce(sum({shown} AND state IS NULL), 0),
              coalesce(sum({shown} AND state = 1), 0),
              coalesce(sum({shown} AND state = 2), 0),
              coalesce(sum({shown} AND state = 3), 0),
              coalesce(sum(retired = 0 AND suspended = 1), 0),
              coalesce(sum(retired = 0 AND suspended = 0 AND buried_until > :today), 0),
              coalesce(sum(retired = 1), 0)
            FROM cards WHERE {scope}
            """,
            {"today": day_text(today), "deck": deck_id},
        )
        return StateCounts() if row is None else StateCounts(*row)

    def due_forecast(
        self, ends: Sequence[datetime], *, deck_ids: Sequence[str] | None = None
    ) -> list[int]:
        """How many reviewed, active cards fall due by ``ends[0]`` (overdue included), then
        in each span ``ends[i-1] < due <= ends[i]``; ``ends`` ascending. Burying is ignored:
        it lasts a day. Decks removed or paused are left out."""
        if not ends:
            return []
        buckets = " ".join(f"WHEN due <= :end{index} THEN {index}" for index in range(len(ends)))
        decks = "SELECT id FROM decks WHERE removed = 0 AND paused = 0"
        parameters: dict[str, str] = {f"end{i}": time_text(end) for i, end in enumerate(ends)}
        if deck_ids is not None:
            names = [f"deck{i}" for i in range(len(deck_ids))]
            decks += f" AND id IN ({', '.join(':' + name for name in names)})"
            parameters.update(zip(names, deck_ids, strict=True))
        rows = self._db.rows(
            f"""
            SELECT CASE {buckets} END AS bucket, count(*)
            FROM cards
            WHERE deck_id IN ({decks})
              AND state IS NOT NULL AND retired = 0 AND suspended = 0
              AND due <= :end{len(ends) - 1}
            GROUP BY bucket
            """,
            parameters,
        )
        counts = [0] * len(ends)
        for bucket, count in rows:
            counts[bucket] = count
        return counts

    def _per_deck(self, sql: str, parameters: tuple[str, ...] = ()) -> dict[str, int]:
        return {str(deck_id): int(count) for deck_id, count in self._db.rows(sql, parameters)}

    def memory_rows(
        self, deck_ids: Sequence[str] | None = None
    ) -> list[tuple[str, str, str, float | None, int | None]]:
        """(deck id, card id, kind, stability, last review in Unix ms) of every card not
        retired: of ``deck_ids``, or else of the decks neither removed nor paused. A card
        never reviewed has no stability."""
        if deck_ids is None:
            chosen = "decks.paused = 0"
            parameters: tuple[str, ...] = ()
        else:
            chosen = f"decks.id IN ({', '.join('?' * len(deck_ids))})"
            parameters = tuple(deck_ids)
        # The rows as SQLite gives them: readiness reads up to every card, and a copy of
        # each only to restate its type would cost as much again.
        return cast(
            "list[tuple[str, str, str, float | None, int | None]]",
            self._db.rows(
                "SELECT cards.deck_id, cards.card_id, cards.kind, cards.stability, "
                "cards.last_review_ms FROM cards JOIN decks ON decks.id = cards.deck_id "
                f"WHERE cards.retired = 0 AND decks.removed = 0 AND {chosen}",
                parameters,
            ),
        )
