"""The cards a drill may show now: due ones ranked for review, and new ones in file order."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import NamedTuple

from prepdeck.domain.cards import Kind
from prepdeck.srs import CardState
from prepdeck.store.codec import STATE_BY_NUMBER, day_text, parse_time, time_text, unix_ms
from prepdeck.store.db import Row, StorePart, select_list
from prepdeck.store.log_records import CramKey, CramScope, QueueCard

_DAY_MS = 86_400_000


def _queue_card(
    no: int,
    deck_id: str,
    card_id: str,
    state: int | None,
    step: int | None,
    stability: float | None,
    difficulty: float | None,
    due: str | None,
    last_review: str | None,
    overdue: float | None = None,
) -> QueueCard:
    """A due card from its row; ``overdue`` is the rank a ranked query adds after it.

    The schedule is built as ``codec.state_from_columns`` builds it, written out here: a
    queue maps thousands of rows, and a call per row would cost a fifth of the mapping.
    """
    if state is None or due is None:
        return QueueCard(no, deck_id, card_id, None)
    schedule = CardState(
        STATE_BY_NUMBER[state],
        step,
        stability,
        difficulty,
        datetime.fromisoformat(due),
        None if last_review is None else datetime.fromisoformat(last_review),
    )
    return QueueCard(no, deck_id, card_id, schedule)


_COLUMNS = select_list(_queue_card, table="cards")
"""What a due card is read with, by name."""

_new_tuple = tuple.__new__
"""Builds a named tuple from its values without the call to its Python ``__new__``."""


def _queue_cards(rows: list[Row]) -> list[QueueCard]:
    """``_queue_card`` of each row, any values after the card's own left out.

    The same values, built without a call per row: a queue maps hundreds of rows each
    time it is read, and the calls took a third of the mapping.
    """
    parse = datetime.fromisoformat
    states = STATE_BY_NUMBER
    return [
        _new_tuple(QueueCard, (no, deck_id, card_id, None))
        if state is None or due is None
        else _new_tuple(
            QueueCard,
            (
                no,
                deck_id,
                card_id,
                _new_tuple(
                    CardState,
                    (
                        states[state],
                        step,
                        stability,
                        difficulty,
                        parse(due),
                        None if last is None else parse(last),
                    ),
                ),
            ),
        )
        for no, deck_id, card_id, state, step, stability, difficulty, due, last, *_ in rows
    ]


_WEAK_OVERDUE = 4
"""How overdue the index ``cards_weak`` marks review cards: days since the last review
of at least four times their stability."""

_WEAK_KEY = "last_review_ms + 345600000.0 * stability"
"""The key of ``cards_weak`` (schema version 2), written exactly as there, or SQLite would
not use the index: when a card reaches ``_WEAK_OVERDUE``, in Unix milliseconds."""

_WEAK_MARK = _WEAK_OVERDUE + 1e-6

_NEVER_REVIEWED = "1e300"
"""The cram's weakness of a card never reviewed: beyond any reviewed card's, as its
recall, counted 0, is below any of theirs."""


def _live_decks(deck_ids: Sequence[str] | None) -> tuple[str, tuple[str, ...]]:
    """A subquery of the decks the queue may draw from, and its parameters."""
    sql = "SELECT id FROM decks WHERE removed = 0 AND paused = 0"
    if deck_ids is None:
        return sql, ()
    return f"{sql} AND id IN ({', '.join('?' * len(deck_ids))})", tuple(deck_ids)


class PlanRow(NamedTuple):
    """A card a plan may schedule: its schedule, its time and when it may be shown."""

    no: int
    deck_id: str
    card_id: str
    seconds: int | None
    schedule: CardState | None
    buried_until: date | None


class Queue(StorePart):
    """Due and new cards, leaving out retired, suspended and buried cards and removed or
    paused decks."""

    __slots__ = ()

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
        # One snapshot for both, so a grade committed between them cannot show a card
        # twice.
        with self._db.snapshot():
            cards = self.learning(now, today, deck_ids=deck_ids, limit=limit)
            left = None if limit is None else limit - len(cards)
            if left is None or left > 0:
                cards += self.due_reviews(now, today, deck_ids=deck_ids, limit=left)
        return cards

    def learning(
        self,
        until: datetime,
        today: date,
        *,
        deck_ids: Sequence[str] | None = None,
        limit: int | None = None,
    ) -> list[QueueCard]:
        """Cards in a learning or relearning step due by ``until``, earliest due first.

        Read through ``cards_learning`` by name: they are few, and left to choose, SQLite
        may walk every due card of ``cards_due`` for them. The index holds every column
        read (schema version 19), so no card's row is visited.
        """
        where, shown = self._shown(until, today, deck_ids)
        return self._cards(
            self._db.rows(
                f"""
                SELECT {_COLUMNS} FROM cards INDEXED BY cards_learning
                {where} AND state <> 2
                ORDER BY due, no
                LIMIT ?
                """,
                (*shown, -1 if limit is None else limit),
            )
        )

    def due_reviews(
        self,
        now: datetime,
        today: date,
        *,
        deck_ids: Sequence[str] | None = None,
        limit: int | None = None,
    ) -> list[QueueCard]:
        """Cards in review state due at ``now``, weakest first, at most ``limit``."""
        where, shown = self._shown(now, today, deck_ids)
        return self._cards(
            self._review_cards(where, shown, unix_ms(now), -1 if limit is None else limit)
        )

    def _shown(
        self, until: datetime, today: date, deck_ids: Sequence[str] | None
    ) -> tuple[str, tuple[str, ...]]:
        """The WHERE clause of reviewed cards a drill may show, due by ``until``."""
        decks, deck_parameters = _live_decks(deck_ids)
        where = f"""
            WHERE deck_id IN ({decks})
              AND state IS NOT NULL AND retired = 0 AND suspended = 0
              AND due <= ? AND (buried_until IS NULL OR buried_until <= ?)
        """
        return where, (*deck_parameters, time_text(until), day_text(today))

    @staticmethod
    def _cards(rows: list[Row]) -> list[QueueCard]:
        return _queue_cards(rows)

    def _review_cards(
        self, where: str, shown: tuple[str, ...], now_ms: int, limit: int
    ) -> list[Row]:
        """The ``limit`` due review cards with the most days since their last review per
        day of stability (all of them when ``limit`` is negative), weakest first.

        After a break thousands are due, and ranking them all reads each. So the cards at
        least ``_WEAK_OVERDUE`` times their stability overdue are ranked first, straight
        from the index ``cards_weak``, which holds them in the order they reach that
        point. When that gives ``limit`` cards all past the mark, no card outside it can
        rank among them, and that is the answer; otherwise every due card is ranked.
        """
        if limit > 0:
            weak = self._ranked_reviews(where, shown, now_ms, limit, weak_only=True)
            # A margin over the mark covers rounding: a card just outside the index can
            # never tie with the last one kept.
            if len(weak) == limit and weak[-1][-1] is not None and weak[-1][-1] > _WEAK_MARK:
                return weak
        return self._ranked_reviews(where, shown, now_ms, limit, weak_only=False)

    def _ranked_reviews(
        self, where: str, shown: tuple[str, ...], now_ms: int, limit: int, *, weak_only: bool
    ) -> list[Row]:
        """Due review cards weakest first; with ``weak_only``, each row ends with its rank
        value."""
        rank = f"max(0, ? - last_review_ms) / {_DAY_MS} / stability"
        if not weak_only:
            # ``cards_due`` holds every column read here: the whole ranking reads the
            # index alone (schema version 4). The rank is sorted on but not read back:
            # each value read costs as much as a column of the card.
            return self._db.rows(
                f"""
                SELECT {_COLUMNS}
                FROM cards {where} AND state = 2
                ORDER BY {rank} DESC, due, no
                LIMIT ?
                """,
                (*shown, now_ms, limit),
            )
        return self._db.rows(
            f"""
            WITH ranked AS (
              SELECT no, due AS due_at, {rank} AS overdue
              FROM cards INDEXED BY cards_weak {where} AND {_WEAK_KEY} <= ? AND state = 2
              ORDER BY overdue DESC, due, no
              LIMIT ?
            )
            SELECT {_COLUMNS}, ranked.overdue
            FROM ranked JOIN cards ON cards.no = ranked.no
            ORDER BY ranked.overdue DESC, ranked.due_at, cards.no
            """,
            (now_ms, *shown, now_ms, limit),
        )

    def new(
        self,
        today: date,
        *,
        limit: int,
        deck_ids: Sequence[str] | None = None,
        deck_limits: Mapping[str, int] | None = None,
    ) -> list[QueueCard]:
        """Cards never reviewed, at most ``limit``, dealt as the user guide says: the decks
        take turns by deck id, one card each a round, each deck's cards in file
        order. ``deck_limits`` caps a deck's cards; a deck absent from it has only ``limit``.
        """
        caps = [
            (deck_id, min(limit, (deck_limits or {}).get(deck_id, limit)))
            for deck_id in self._live_deck_ids(deck_ids)
        ]
        caps = [(deck_id, cap) for deck_id, cap in caps if cap > 0]
        if limit <= 0 or not caps:
            return []
        # First each deck is asked only for the rounds a fair share needs; the others
        # give more only when some decks run short. Each row asked for is a lookup.
        fair = -(-limit // len(caps))
        dealt = self._deal(today, [(deck_id, min(cap, fair)) for deck_id, cap in caps], limit)
        if len(dealt) < limit and any(cap > fair for _, cap in caps):
            dealt = self._deal(today, caps, limit)
        return dealt

    def _deal(self, today: date, caps: list[tuple[str, int]], limit: int) -> list[QueueCard]:
        """Round after round, one card of each deck with cards left, at most ``limit``;
        ``caps`` pairs each deck, by id, with the most cards it may give."""
        # One short range of the index ``cards_new`` per deck, each stopped at its cap: a
        # few rows however many new cards the decks hold, and no bound on how many decks
        # (a compound query of them all would stop at SQLite's 500 parts). Measured on
        # 20 decks, as fast as one such query.
        day = day_text(today)
        hands: list[tuple[int, str, int, str]] = []
        for deck_id, cap in caps:
            rows = self._db.rows(
                """
                SELECT no, card_id FROM cards
                WHERE deck_id = ?
                  AND state IS NULL AND retired = 0 AND suspended = 0
                  AND (buried_until IS NULL OR buried_until <= ?)
                ORDER BY position, no
                LIMIT ?
                """,
                (deck_id, day, cap),
            )
            hands.extend((turn, deck_id, no, card_id) for turn, (no, card_id) in enumerate(rows))
        # Round first, then deck id: each deck appears once a round.
        hands.sort()
        return [QueueCard(no, deck_id, card_id, None) for _, deck_id, no, card_id in hands[:limit]]

    def plannable(
        self, deck_ids: Sequence[str], *, numbers: Sequence[int] | None = None
    ) -> list[PlanRow]:
        """Every card of ``deck_ids`` a drill may ever show (neither retired nor
        suspended, its deck neither removed nor paused), new cards in the order a drill
        deals them: the decks take turns, each deck's cards in file order. ``numbers``
        reads only those cards, to bring a few up to date."""
        decks, deck_parameters = _live_decks(deck_ids)
        chosen = ""
        parameters: tuple[object, ...] = deck_parameters
        if numbers is not None:
            chosen = f"AND no IN ({', '.join('?' * len(numbers))})"
            parameters = (*deck_parameters, *numbers)
        rows = self._db.rows(
            f"""
            SELECT no, deck_id, card_id, seconds, state, step, stability, difficulty, due,
                   last_review, buried_until,
                   row_number() OVER (PARTITION BY deck_id ORDER BY position, no) AS turn
            FROM cards
            WHERE deck_id IN ({decks}) AND retired = 0 AND suspended = 0 {chosen}
            ORDER BY state IS NOT NULL, turn, deck_id
            """,
            parameters,
        )
        return [
            PlanRow(
                no,
                deck_id,
                card_id,
                seconds,
                _queue_card(no, deck_id, card_id, *schedule).schedule,
                None if buried is None else date.fromisoformat(buried),
            )
            for no, deck_id, card_id, seconds, *schedule, buried, _ in rows
        ]

    def by_numbers(self, numbers: Sequence[int]) -> list[QueueCard]:
        """The cards numbered ``numbers``, in that order; a number no longer a card (or
        retired, or suspended) is left out."""
        found: dict[int, QueueCard] = {}
        for start in range(0, len(numbers), 500):
            chunk = numbers[start : start + 500]
            rows = self._db.rows(
                f"SELECT {_COLUMNS} FROM cards WHERE no IN ({', '.join('?' * len(chunk))}) "
                "AND retired = 0 AND suspended = 0",
                tuple(chunk),
            )
            found.update((card.no, card) for card in self._cards(rows))
        return [found[no] for no in numbers if no in found]

    def _live_deck_ids(self, deck_ids: Sequence[str] | None) -> list[str]:
        decks, deck_parameters = _live_decks(deck_ids)
        return [str(row[0]) for row in self._db.rows(f"{decks} ORDER BY id", deck_parameters)]

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

    def cram(
        self,
        scope: CramScope,
        *,
        after: CramKey | None = None,
        limit: int,
    ) -> list[tuple[QueueCard, CramKey]]:
        """The next ``limit`` cards of a cram, each with its key; ``after`` continues from
        the key of the last card dealt.

        The parts of ``_CRAM_PARTS`` follow each other: the cards of the scope's
        ``first_deck`` (an interview's needs), the scenarios, the other cards never
        reviewed, then the other cards still weak (see ``CramScope``). Within a part the
        weakest at the moment come first: most whole days since the last review per day
        of stability, what FSRS's recall falls with. Cards never reviewed are all as weak
        as can be: the decks take turns, each in file order.
        """
        dealt: list[tuple[QueueCard, CramKey]] = []
        for part in range(0 if after is None else after.group, len(_CRAM_PARTS)):
            if part == 0 and scope.first_deck is None:
                continue
            where, parameters = _cram_scope(scope, part)
            resume = after if after is not None and after.group == part else None
            wanted = limit - len(dealt)
            if part == _UNSEEN_PART:
                dealt += self._cram_unseen(scope, where, parameters, resume, wanted)
            else:
                dealt += self._cram_ranked(part, where, parameters, resume, wanted)
            if len(dealt) == limit:
                break
        return dealt

    def _cram_ranked(
        self,
        part: int,
        where: str,
        parameters: dict[str, object],
        after: CramKey | None,
        limit: int,
    ) -> list[tuple[QueueCard, CramKey]]:
        """A part of a cram weakest first, from ``after``."""
        start = "" if after is None else "AND (-weakness, no) > (:neg, :no)"
        rows = self._db.rows(
            f"""
            WITH page AS (
              SELECT no, weakness FROM (
                SELECT no, {_CRAM_WEAKNESS} AS weakness
                FROM cards {where}
              )
              WHERE 1 {start}
              ORDER BY weakness DESC, no
              LIMIT :limit
            )
            SELECT {_COLUMNS}, page.weakness
            FROM page JOIN cards ON cards.no = page.no
            ORDER BY page.weakness DESC, page.no
            """,
            {
                **parameters,
                "neg": None if after is None else -after.weakness,
                "no": None if after is None else after.no,
                "limit": limit,
            },
        )
        return [(_queue_card(*row[:-1]), CramKey(part, row[-1], row[0])) for row in rows]

    def _cram_unseen(
        self,
        scope: CramScope,
        where: str,
        parameters: dict[str, object],
        after: CramKey | None,
        limit: int,
    ) -> list[tuple[QueueCard, CramKey]]:
        """Cards never reviewed, outside the first deck and not scenarios, from
        ``after``: by their place in their deck's file, the decks taking turns. One
        short range of ``cards_new`` per deck, as the drill deals new cards."""
        deck_ids = [
            deck_id
            for deck_id in self._live_deck_ids(scope.deck_ids)
            if deck_id != scope.first_deck
        ]
        place = -1.0 if after is None else after.weakness
        last_no = -1 if after is None else after.no
        found: list[tuple[QueueCard, CramKey]] = []
        for deck_id in deck_ids:
            rows = self._db.rows(
                f"""
                SELECT {_COLUMNS}, position FROM cards INDEXED BY cards_new {where}
                  AND deck_id = :deck AND state IS NULL
                  AND (position > :place OR (position = :place AND no > :last_no))
                ORDER BY position, no
                LIMIT :limit
                """,
                {
                    **parameters,
                    "deck": deck_id,
                    "place": place,
                    "last_no": last_no,
                    "limit": limit,
                },
            )
            found += [
                (_queue_card(*row[:-1]), CramKey(_UNSEEN_PART, float(row[-1]), row[0]))
                for row in rows
            ]
        found.sort(key=lambda entry: (entry[1].weakness, entry[1].no))
        return found[:limit]

    def cram_size(self, scope: CramScope) -> int:
        """How many cards a cram of ``scope`` deals in all: one short count per part,
        each read from the index ``cards_memory`` alone."""
        total = 0
        for part in range(len(_CRAM_PARTS)):
            if part == 0 and scope.first_deck is None:
                continue
            where, parameters = _cram_scope(scope, part)
            row = self._db.one(f"SELECT count(*) FROM cards {where}", parameters)
            total += 0 if row is None else int(row[0])
        return total


_CRAM_WEAKNESS = (
    f"CASE WHEN stability IS NULL THEN {_NEVER_REVIEWED} "
    f"ELSE max(0, :at_ms - last_review_ms) / {_DAY_MS} / stability END"
)
"""A card's weakness at the cram's moment (higher is weaker): whole days since its last
review per day of stability; a card never reviewed has the most."""

# Kinds are listed rather than excluded: ``kind IN (...)`` is a range of ``cards_memory``,
# ``kind <> ...`` a scan of every entry.
_OTHER_KINDS = ", ".join(f"'{kind}'" for kind in Kind if kind is not Kind.SCENARIO)

_CRAM_PARTS: tuple[str, ...] = (
    "1",
    f"kind = '{Kind.SCENARIO}'",
    f"kind IN ({_OTHER_KINDS}) AND (stability IS NULL) = 1",
    f"kind IN ({_OTHER_KINDS}) AND (stability IS NULL) = 0 "
    f"AND max(0, :at_ms - last_review_ms) / {_DAY_MS} / stability >= :weak_from",
)
"""The parts of a cram in the order it deals them: the first deck's cards, then of the
other decks scenarios, cards never reviewed, and weak cards (the deck lists are in
``_cram_scope``). Whether a card has a stability is written as ``cards_memory`` has it
(schema version 19), so that each kind of card is a range of it."""

_UNSEEN_PART = 2


def _cram_scope(scope: CramScope, part: int) -> tuple[str, dict[str, object]]:
    """The WHERE clause of the cards of ``part`` (see ``_CRAM_PARTS``) a cram of
    ``scope`` may deal, and its parameters. The first deck is put in or left out with
    the deck list, and only reviewed cards are asked when they were last reviewed: the
    count of a big cram pays for each condition on each card."""
    decks = "SELECT id FROM decks WHERE removed = 0 AND paused = 0"
    deck_ids = scope.deck_ids
    if deck_ids is not None:
        decks += f" AND id IN ({', '.join(f':deck{index}' for index in range(len(deck_ids)))})"
    if part == 0:
        decks += " AND id = :first_deck"
    elif scope.first_deck is not None:
        decks += " AND id <> :first_deck"
    where = f"""
        WHERE deck_id IN ({decks}) AND retired = 0 AND suspended = 0
          AND (buried_until IS NULL OR buried_until <= :today)
          AND {_CRAM_PARTS[part]}
    """
    if part != _UNSEEN_PART:
        where += " AND (last_review_ms IS NULL OR last_review_ms < :since_ms)"
    if scope.kind is not None:
        where += " AND kind = :kind"
    if scope.tag is not None:
        where += " AND EXISTS (SELECT 1 FROM json_each(cards.tags) WHERE value = :tag)"
    parameters: dict[str, object] = {
        **{f"deck{index}": deck for index, deck in enumerate(deck_ids or ())},
        "at_ms": unix_ms(scope.at),
        "first_deck": scope.first_deck,
        "kind": scope.kind,
        "tag": scope.tag,
        "today": day_text(scope.today),
        "since_ms": unix_ms(scope.reviewed_before),
        "weak_from": scope.weak_from,
    }
    return where, parameters
