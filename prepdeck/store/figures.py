"""Card counts for deck lists and stats; the per-deck ones read covering indexes only."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from itertools import groupby
from operator import itemgetter
from typing import TYPE_CHECKING, Any, cast

from prepdeck.store.codec import day_text, parse_day, time_text
from prepdeck.store.db import StorePart
from prepdeck.store.records import DeckCounts

# The home's figures need only the deck counts: the statistics' values are imported by the
# queries that make them.
if TYPE_CHECKING:
    from prepdeck.srs.scheduler import ForgettingCurve
    from prepdeck.store.card_records import (
        RecallFigures,
        RecallGroup,
        RetentionCounts,
        StateCounts,
    )


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

    def cards_reviewed(self, day: date) -> list[tuple[int | None, bool]]:
        """Each card reviewed on ``day``, once: its ``seconds`` and whether it was met for
        the first time that day."""
        rows = self._db.rows(
            """
            SELECT cards.seconds, max(reviews.state_before IS NULL)
            FROM reviews JOIN cards USING (deck_id, card_id)
            WHERE reviews.day = ?
            GROUP BY reviews.deck_id, reviews.card_id
            """,
            (day_text(day),),
        )
        return [(None if seconds is None else int(seconds), bool(met)) for seconds, met in rows]

    def median_review_ms(self, *, latest: int = 500) -> tuple[int | None, int]:
        """The median time of the ``latest`` reviews that took any, in milliseconds (None
        before the first), and how many reviews it is the median of."""
        row = self._db.one(
            """
            WITH timed AS (
              SELECT duration_ms FROM reviews WHERE duration_ms > 0 ORDER BY id DESC LIMIT ?
            ), ranked AS (
              SELECT duration_ms, row_number() OVER (ORDER BY duration_ms) AS place,
                     count(*) OVER () AS total
              FROM timed
            )
            SELECT avg(duration_ms), max(total) FROM ranked
            WHERE place IN ((total + 1) / 2, (total + 2) / 2)
            """,
            (latest,),
        )
        if row is None or row[0] is None:
            return None, 0
        return round(row[0]), int(row[1])

    def retention_by_deck(self, since: datetime) -> dict[str, RetentionCounts]:
        """Per deck, applied reviews since ``since`` of cards in review state, and passes."""
        from prepdeck.store.card_records import RetentionCounts

        # App days trail UTC dates by at most two days, so the day narrows the range of the
        # partial index first; the index holds every column read.
        rows = self._db.rows(
            "SELECT deck_id, count(*), coalesce(sum(rating >= 2), 0) "
            "FROM reviews INDEXED BY reviews_retained "
            "WHERE day >= ? AND reviewed_at >= ? AND applied = 1 AND state_before = 2 "
            "GROUP BY deck_id",
            (day_text((since.astimezone(UTC) - timedelta(days=2)).date()), time_text(since)),
        )
        return {str(row[0]): RetentionCounts(int(row[1]), int(row[2])) for row in rows}

    def retention_by_kind(
        self, since: datetime, *, deck_id: str | None = None
    ) -> dict[str, RetentionCounts]:
        """Per kind of card, what ``retention_by_deck`` counts (of one deck, when named).

        The kind is the card's as stored now; a review of a card no longer stored (its
        deck deleted) has none and is left out. Two indexes and no table: the window's
        range of ``reviews_retained``, each card's kind from ``cards_kind`` (CROSS JOIN
        keeps that order).
        """
        from prepdeck.store.card_records import RetentionCounts

        deck = "" if deck_id is None else "AND reviews.deck_id = :deck"
        rows = self._db.rows(
            f"""
            SELECT cards.kind, count(*), coalesce(sum(reviews.rating >= 2), 0)
            FROM reviews INDEXED BY reviews_retained
            CROSS JOIN cards INDEXED BY cards_kind
              ON cards.deck_id = reviews.deck_id AND cards.card_id = reviews.card_id
            WHERE reviews.day >= :day AND reviews.reviewed_at >= :since
              AND reviews.applied = 1 AND reviews.state_before = 2 {deck}
            GROUP BY cards.kind
            """,
            {
                "day": day_text((since.astimezone(UTC) - timedelta(days=2)).date()),
                "since": time_text(since),
                "deck": deck_id,
            },
        )
        return {str(row[0]): RetentionCounts(int(row[1]), int(row[2])) for row in rows}

    def daily_activity(
        self, since: date, *, deck_id: str | None = None
    ) -> dict[date, tuple[int, int]]:
        """Per app day from ``since`` on with any review (of one deck, when named): the
        reviews in any mode and the milliseconds they took."""
        deck = "" if deck_id is None else "AND deck_id = :deck"
        rows = self._db.rows(
            "SELECT day, count(*), coalesce(sum(duration_ms), 0) FROM reviews "
            f"WHERE day >= :since {deck} GROUP BY day",
            {"since": day_text(since), "deck": deck_id},
        )
        return {parse_day(row[0]): (int(row[1]), int(row[2])) for row in rows}

    def spoken_by_day(
        self, since: date, *, deck_id: str | None = None
    ) -> dict[date, tuple[int, float, int, int]]:
        """Per app day from ``since`` on with any spoken answer (of one deck, when named):
        the answers, their seconds, words and fillers."""
        deck = "" if deck_id is None else "AND r.deck_id = :deck"
        rows = self._db.rows(
            "SELECT r.day, count(*), sum(s.seconds), sum(s.words), sum(s.fillers) "
            "FROM spoken_answers AS s JOIN reviews AS r USING (review_id) "
            f"WHERE r.day >= :since {deck} GROUP BY r.day",
            {"since": day_text(since), "deck": deck_id},
        )
        return {
            parse_day(row[0]): (int(row[1]), float(row[2]), int(row[3]), int(row[4]))
            for row in rows
        }

    def review_days(self, *, deck_id: str | None = None, since: date | None = None) -> list[date]:
        """App days with at least one review (of one deck, when named), latest first."""
        # A seek from each day to the latest one before it, in reviews_by_day or
        # reviews_by_deck_day: a few index entries per day, where DISTINCT reads every
        # review of the span.
        scope = "day >= :since" + ("" if deck_id is None else " AND deck_id = :deck")
        rows = self._db.rows(
            f"""
            WITH RECURSIVE seen (day) AS (
              SELECT (SELECT max(day) FROM reviews WHERE {scope})
              UNION ALL
              SELECT (SELECT max(day) FROM reviews WHERE {scope} AND day < seen.day)
              FROM seen WHERE seen.day IS NOT NULL
            )
            SELECT day FROM seen WHERE day IS NOT NULL
            """,
            {"since": "" if since is None else day_text(since), "deck": deck_id},
        )
        return [parse_day(row[0]) for row in rows]

    def state_counts(self, today: date, *, deck_id: str | None = None) -> StateCounts:
        """Cards of one deck, or of every deck not removed, by state (see StateCounts)."""
        from prepdeck.store.card_records import StateCounts

        by_deck = self.state_counts_by_deck(today)
        if deck_id is not None:
            return by_deck.get(deck_id, StateCounts())
        kept = {row[0] for row in self._db.rows("SELECT id FROM decks WHERE removed = 0")}
        return StateCounts.total(counts for deck, counts in by_deck.items() if deck in kept)

    def state_counts_by_deck(self, today: date) -> dict[str, StateCounts]:
        """Per deck with cards, removed ones included, its cards by state (StateCounts).

        Four counts, each over one index alone and never the cards' rows: the cards in a
        state and the new ones (the partial indexes the queue reads, which hold neither
        suspended nor retired cards), the cards not retired with those suspended, and
        every card (a retired card is one of these not among those).
        """
        from prepdeck.store.card_records import StateCounts

        buried = "(buried_until IS NOT NULL AND buried_until > :today)"
        parameters = {"today": day_text(today)}
        studied = self._db.rows(
            f"""
            SELECT deck_id, coalesce(sum(NOT {buried} AND state = 1), 0),
                   coalesce(sum(NOT {buried} AND state = 2), 0),
                   coalesce(sum(NOT {buried} AND state = 3), 0), coalesce(sum({buried}), 0)
            FROM cards INDEXED BY cards_due
            WHERE state IS NOT NULL AND retired = 0 AND suspended = 0
            GROUP BY deck_id
            """,
            parameters,
        )
        new = self._db.rows(
            f"""
            SELECT deck_id, coalesce(sum(NOT {buried}), 0), coalesce(sum({buried}), 0)
            FROM cards INDEXED BY cards_new
            WHERE state IS NULL AND retired = 0 AND suspended = 0
            GROUP BY deck_id
            """,
            parameters,
        )
        kept = self._db.rows(
            "SELECT deck_id, count(*), coalesce(sum(suspended), 0) "
            "FROM cards INDEXED BY cards_memory WHERE retired = 0 GROUP BY deck_id"
        )
        every = self._db.rows("SELECT deck_id, count(*) FROM cards GROUP BY deck_id")
        counts: dict[str, list[int]] = {str(deck): [0] * 7 for deck, _ in every}
        for deck, learning, review, relearning, held in studied:
            row = counts[deck]
            row[1], row[2], row[3] = learning, review, relearning
            row[5] += held
        for deck, shown, held in new:
            counts[deck][0] = shown
            counts[deck][5] += held
        for deck, cards, suspended in kept:
            counts[deck][4] = suspended
            counts[deck][6] = -cards
        for deck, cards in every:
            counts[deck][6] += cards
        return {deck: StateCounts(*row) for deck, row in sorted(counts.items())}

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

    def recall(
        self,
        curve: ForgettingCurve,
        at_ms: int,
        *,
        deck_ids: Sequence[str] | None = None,
        weakest: int = 0,
        reviewed_only: bool = False,
    ) -> RecallFigures:
        """FSRS's predicted recall at ``at_ms`` (Unix milliseconds) of every card not
        retired, of ``deck_ids`` or else of the decks neither removed nor paused: summed
        per deck and kind, and the ``weakest`` cards, lowest recall first, cards never
        reviewed (which count 0) before all (left out with ``reviewed_only``), ties by
        deck id then card id.

        Only the reviewed cards' recall is computed, in SQL (``_RECALL``); the others are
        counted. Everything is read from the index ``cards_memory`` (schema version 6),
        never a card's text but the weakest cards' prompts.
        """
        from prepdeck.store.card_records import RecallFigures, WeakRow

        parameters = {"factor": curve.factor, "decay": curve.decay, "at_ms": at_ms}
        with self._db.snapshot():
            counted = [
                self._recall_group(deck_id, kind, parameters)
                for deck_id, kind in self._deck_kinds(deck_ids)
            ]
            groups = [group for group, _ in counted]
            rows = [] if reviewed_only else self._unseen(counted, weakest)
            if len(rows) < weakest:
                rows += self._weakest_reviewed(groups, parameters, weakest - len(rows))
            prompts = self._prompts([row[0] for row in rows])
        return RecallFigures(
            groups,
            [
                WeakRow(deck_id, card_id, prompts[no], recall)
                for no, deck_id, card_id, recall in rows
            ],
        )

    def _deck_kinds(self, deck_ids: Sequence[str] | None) -> list[tuple[str, str]]:
        """(deck id, kind) of the cards ``recall`` reads, in order."""
        decks = scope_decks(deck_ids)
        # A seek in the index from each kind of a deck to the next: SELECT DISTINCT would
        # read every card, as SQLite skips ahead only with statistics from ANALYZE.
        return cast(
            "list[tuple[str, str]]",
            self._db.rows(
                f"""
                WITH RECURSIVE kinds (deck_id, kind) AS (
                  SELECT id, (SELECT min(kind) FROM cards
                              WHERE retired = 0 AND deck_id = scope.id)
                  FROM ({decks}) AS scope
                  UNION ALL
                  SELECT deck_id, (SELECT min(kind) FROM cards
                                   WHERE retired = 0 AND deck_id = kinds.deck_id
                                     AND kind > kinds.kind)
                  FROM kinds WHERE kind IS NOT NULL
                )
                SELECT deck_id, kind FROM kinds WHERE kind IS NOT NULL ORDER BY deck_id, kind
                """,
                tuple(deck_ids or ()),
            ),
        )

    def _recall_group(
        self, deck_id: str, kind: str, parameters: dict[str, Any]
    ) -> tuple[RecallGroup, bool]:
        """The figures of one deck and kind, and whether its cards never reviewed are
        exactly those with neither a stability nor a last review."""
        from prepdeck.store.card_records import RecallGroup

        # Ranges of the index: the cards without a stability, counted, those of them with
        # a last review all the same, and the others. Whether a card has each is written
        # as the index has it (schema version 19).
        row = self._db.one(
            f"""
            SELECT fresh.cards, odd.cards, seen.cards, seen.reviewed, seen.recall
            FROM (SELECT count(*) AS cards FROM cards
                  WHERE {_GROUP} AND (stability IS NULL) = 1) AS fresh,
                 (SELECT count(*) AS cards FROM cards
                  WHERE {_GROUP} AND (stability IS NULL) = 1
                    AND (last_review_ms IS NULL) = 0) AS odd,
                 (SELECT count(*) AS cards, count(last_review_ms) AS reviewed,
                         total({_RECALL}) AS recall
                  FROM cards WHERE {_GROUP} AND (stability IS NULL) = 0) AS seen
            """,
            {**parameters, "deck": deck_id, "kind": kind},
        )
        fresh, odd, seen, reviewed, recall = cast("tuple[int, int, int, int, float]", row)
        cards = fresh + seen
        group = RecallGroup(deck_id, kind, cards, cards - reviewed, recall)
        return group, odd == 0 and seen == reviewed

    def _unseen(
        self, groups: list[tuple[RecallGroup, bool]], limit: int
    ) -> list[tuple[int, str, str, float]]:
        """The first ``limit`` cards never reviewed, by deck id then card id."""
        found: list[tuple[int, str, str, float]] = []
        for deck_id, kinds in groupby(groups, key=lambda pair: pair[0].deck_id):
            need = limit - len(found)
            if need <= 0:
                break
            rows: list[tuple[int, str]] = []
            for group, plain in kinds:
                if group.unseen:
                    rows += self._db.rows(
                        _UNSEEN if plain else _UNSEEN_ODD,
                        {"deck": deck_id, "kind": group.kind, "limit": need},
                    )
            rows.sort(key=itemgetter(1))
            found += [(no, deck_id, card_id, 0.0) for no, card_id in rows[:need]]
        return found

    def _weakest_reviewed(
        self, groups: list[RecallGroup], parameters: dict[str, Any], limit: int
    ) -> list[tuple[int, str, str, float]]:
        """The ``limit`` reviewed cards of ``groups`` with the lowest recall, ties by deck
        id then card id."""
        reviewed = [group for group in groups if group.unseen < group.cards]
        if not reviewed:
            return []
        import json  # the home's first frame reads no recall figures

        return cast(
            "list[tuple[int, str, str, float]]",
            self._db.rows(
                f"""
                SELECT no, deck_id, card_id, {_RECALL} AS recall FROM cards
                WHERE retired = 0
                  AND deck_id IN (SELECT value FROM json_each(:decks))
                  AND kind IN (SELECT value FROM json_each(:kinds))
                  AND (stability IS NULL) = 0 AND (last_review_ms IS NULL) = 0
                ORDER BY recall, deck_id, card_id
                LIMIT :limit
                """,
                {
                    **parameters,
                    "decks": json.dumps(sorted({group.deck_id for group in reviewed})),
                    "kinds": json.dumps(sorted({group.kind for group in reviewed})),
                    "limit": limit,
                },
            ),
        )

    def _prompts(self, numbers: list[int]) -> dict[int, str]:
        if not numbers:
            return {}
        import json

        rows = self._db.rows(
            "SELECT no, prompt FROM cards WHERE no IN (SELECT value FROM json_each(?))",
            (json.dumps(numbers),),
        )
        return {int(no): str(prompt) for no, prompt in rows}


def scope_decks(deck_ids: Sequence[str] | None) -> str:
    """A SELECT of the ids of the decks a figure over ``deck_ids`` reads, its parameters
    ``deck_ids`` in order (``?``): those of them not removed, or, for None, every deck
    neither removed nor paused, the decks the drill takes. Readiness and coverage share it,
    so an interview's figures are over the same cards."""
    decks = "SELECT id FROM decks WHERE removed = 0"
    if deck_ids is None:
        return decks + " AND paused = 0"
    return decks + f" AND id IN ({', '.join('?' * len(deck_ids))})"


_RECALL = "pow(1 + :factor * (max(0, :at_ms - last_review_ms) / 86400000) / stability, :decay)"
"""FSRS's forgetting curve, ``ForgettingCurve.recall``, in SQL: whole days since the last
review (integer division, none before it), times ``factor``, over stability; one plus that,
to the power ``decay``. The same operations on the same doubles in the same order, and
SQLite's ``pow()`` is the C library's, as Python's ``**`` is: each card's recall is the one
Python computes, to the last bit."""

_GROUP = "retired = 0 AND deck_id = :deck AND kind = :kind"
"""One deck and kind of card, a prefix of the index ``cards_memory``."""

_UNSEEN = f"""
    SELECT no, card_id FROM cards
    WHERE {_GROUP} AND (stability IS NULL) = 1 AND (last_review_ms IS NULL) = 1
    ORDER BY card_id LIMIT :limit
"""
"""The first ``:limit`` cards of one deck and kind with neither a stability nor a last
review, by card id: one range of the index, read in order. Whether a card has a stability
is written as the index has it (schema version 19), or SQLite would not seek to it."""

_UNSEEN_ODD = f"""
    SELECT no, card_id FROM cards INDEXED BY cards_memory
    WHERE {_GROUP} AND (stability IS NULL OR last_review_ms IS NULL)
    ORDER BY card_id LIMIT :limit
"""
"""The same when some card has only one of them, which FSRS never leaves: it counts such
a card as the rule does."""
