"""Single cards: reading them, suspending, burying, resetting, and their text history."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, NamedTuple

from prepdeck.domain.cards import Card, Kind
from prepdeck.errors import NotFoundError
from prepdeck.store.codec import (
    day_text,
    parse_day,
    parse_list,
    parse_time,
    state_from_columns,
    time_text,
)
from prepdeck.store.db import StorePart, select_list
from prepdeck.store.records import CardText, CardVersion, StoredCard

if TYPE_CHECKING:
    # Searching is the browser's; the home and the drill start without its module.
    from prepdeck.store.search import CardQuery, SearchResult


def stored_text(
    kind: str,
    prompt: str,
    answer: str,
    points: str,
    followups: str,
    tags: str,
    seconds: int | None,
) -> CardText:
    """A card's text from its columns."""
    return CardText(
        Kind(kind),
        prompt,
        answer,
        parse_list(points),
        parse_list(followups),
        parse_list(tags),
        seconds,
    )


_TEXT_COLUMNS = select_list(stored_text)
_TEXT_WIDTH = len(CardText._fields)


def stored_card(
    no: int,
    deck_id: str,
    card_id: str,
    explicit_id: int,
    position: int,
    retired: int,
    suspended: int,
    buried_until: str | None,
    reps: int,
    lapses: int,
    *text_and_schedule: Any,
) -> StoredCard:
    """A row of ``cards`` read with ``CARD_COLUMNS``: ``stored_card(*row)``. The columns
    named here come first, then the card's text as ``stored_text`` takes it, then its
    schedule as ``state_from_columns`` takes it."""
    text = stored_text(*text_and_schedule[:_TEXT_WIDTH])
    return StoredCard(
        no=no,
        deck_id=deck_id,
        card=Card(id=card_id, explicit_id=bool(explicit_id), **text._asdict()),
        position=position,
        retired=bool(retired),
        suspended=bool(suspended),
        buried_until=None if buried_until is None else parse_day(buried_until),
        schedule=state_from_columns(*text_and_schedule[_TEXT_WIDTH:]),
        reps=reps,
        lapses=lapses,
    )


CARD_COLUMNS = ", ".join((select_list(stored_card), _TEXT_COLUMNS, select_list(state_from_columns)))
"""The columns of ``cards`` that ``stored_card`` takes, by name."""


def _card_version(replaced_at: str, deck_version: str | None, *text: Any) -> CardVersion:
    """A row of ``card_versions``: the columns named here, then the text's."""
    return CardVersion(parse_time(replaced_at), deck_version, stored_text(*text))


def _lapsed_card(
    deck_id: str,
    deck_title: str,
    card_id: str,
    prompt: str,
    suspended: int,
    lapses: int,
) -> LapsedCard:
    return LapsedCard(
        deck_id=deck_id,
        deck_title=deck_title,
        card_id=card_id,
        prompt=prompt,
        suspended=bool(suspended),
        lapses=lapses,
    )


def missing_card(deck_id: str, card_id: str) -> NotFoundError:
    return NotFoundError(f"no card {card_id!r} in deck {deck_id!r}")


class Cards(StorePart):
    """Reads and flags single cards, named by (deck id, card id)."""

    __slots__ = ()

    def find(self, deck_id: str, card_id: str) -> StoredCard | None:
        row = self._db.one(
            f"SELECT {CARD_COLUMNS} FROM cards WHERE deck_id = ? AND card_id = ?",
            (deck_id, card_id),
        )
        return None if row is None else stored_card(*row)

    def get(self, deck_id: str, card_id: str) -> StoredCard:
        card = self.find(deck_id, card_id)
        if card is None:
            raise missing_card(deck_id, card_id)
        return card

    def kinds(self, numbers: Iterable[int]) -> dict[int, Kind]:
        """The kind of each card, by card number; numbers not found are left out."""
        rows = self._db.rows(
            "SELECT no, kind FROM cards WHERE no IN (SELECT value FROM json_each(?))",
            (json.dumps(list(numbers)),),
        )
        return {row[0]: Kind(row[1]) for row in rows}

    def tagged(self, deck_ids: Sequence[str], tags: Iterable[str]) -> list[StoredCard]:
        """The active cards of ``deck_ids`` that carry any of ``tags`` (ASCII case
        ignored), suspended ones too: deck by deck in the order given, each deck's cards
        in its own order."""
        wanted = sorted({tag.lower() for tag in tags})
        if not deck_ids or not wanted:
            return []
        # Only the decks asked for are read, and only rows whose tag list names a wanted
        # tag reach Python: a large deck with none of them costs one pass over its tags.
        rows = self._db.rows(
            f"""
            SELECT {CARD_COLUMNS} FROM cards
            WHERE deck_id IN (SELECT value FROM json_each(?1)) AND retired = 0
              AND EXISTS (
                SELECT 1 FROM json_each(cards.tags) AS tag
                WHERE lower(tag.value) IN (SELECT value FROM json_each(?2))
              )
            ORDER BY position, no
            """,
            (json.dumps(list(deck_ids)), json.dumps(wanted)),
        )
        order = {deck_id: index for index, deck_id in enumerate(dict.fromkeys(deck_ids))}
        found = [stored_card(*row) for row in rows]
        found.sort(key=lambda stored: order[stored.deck_id])
        return found

    def set_suspended(self, deck_id: str, card_id: str, suspended: bool) -> None:
        """Keep a card out of every queue until unsuspended; its schedule is untouched."""
        self._update(deck_id, card_id, "suspended = ?", (int(suspended),))

    def bury(self, deck_id: str, card_id: str, until: date) -> None:
        """Hide a card until the app day ``until`` starts."""
        self._update(deck_id, card_id, "buried_until = ?", (day_text(until),))

    def unbury(self, deck_id: str, card_id: str) -> None:
        self._update(deck_id, card_id, "buried_until = NULL", ())

    def reset(self, deck_id: str, card_id: str, *, now: datetime) -> None:
        """Make a card new again; its reviews stay in the log but replays start after now."""
        self._update(
            deck_id,
            card_id,
            "state = NULL, step = NULL, stability = NULL, difficulty = NULL, due = NULL, "
            "last_review = NULL, last_review_ms = NULL, reps = 0, lapses = 0, reset_at = ?",
            (time_text(now),),
        )

    def history(self, deck_id: str, card_id: str) -> list[CardVersion]:
        """Earlier texts of a card, oldest first."""
        card = self.get(deck_id, card_id)
        rows = self._db.rows(
            f"SELECT {select_list(_card_version)}, {_TEXT_COLUMNS} FROM card_versions "
            "WHERE card_no = ? ORDER BY id",
            (card.no,),
        )
        return [_card_version(*row) for row in rows]

    def _update(
        self, deck_id: str, card_id: str, assignments: str, values: tuple[Any, ...]
    ) -> None:
        with self._db.write() as connection:
            cursor = connection.execute(
                f"UPDATE cards SET {assignments} WHERE deck_id = ? AND card_id = ?",
                (*values, deck_id, card_id),
            )
            if cursor.rowcount != 1:
                raise missing_card(deck_id, card_id)

    def search(
        self, query: CardQuery, *, now: datetime, today: date, limit: int | None = None
    ) -> SearchResult:
        """Cards of installed decks matching ``query``, at most ``limit`` (by default
        ``DEFAULT_LIMIT``); see ``prepdeck.store.search``."""
        from prepdeck.store.search import DEFAULT_LIMIT, search_cards

        limit = DEFAULT_LIMIT if limit is None else limit
        return search_cards(self._db, query, now=now, today=today, limit=limit)

    def lapsed(self, *, at_least: int) -> list[LapsedCard]:
        """Active cards of decks not removed with ``at_least`` lapses or more (see
        ``prepdeck.domain.leeches``). Most lapses first, then the most recently failed."""
        # Each lapse is a review rated Again in the log, so a card lapsed that often has
        # at least as many Agains: find those few in the index of failures first, then
        # read only their cards. CROSS JOIN keeps that order; left to itself SQLite
        # visits every card.
        rows = self._db.rows(
            f"""
            WITH candidates AS (
              SELECT deck_id, card_id, max(reviewed_at) AS last_failed
              FROM reviews INDEXED BY reviews_failed
              WHERE rating = 1
              GROUP BY deck_id, card_id
              HAVING count(*) >= ?1
            )
            SELECT {_LAPSED_COLUMNS}
            FROM candidates
            CROSS JOIN cards
              ON cards.deck_id = candidates.deck_id AND cards.card_id = candidates.card_id
            CROSS JOIN decks ON decks.id = cards.deck_id
            WHERE cards.lapses >= ?1 AND cards.retired = 0 AND decks.removed = 0
            ORDER BY cards.lapses DESC, candidates.last_failed DESC, cards.no
            """,
            (at_least,),
        )
        return [_lapsed_card(*row) for row in rows]


_LAPSED_COLUMNS = select_list(_lapsed_card, table="cards", deck_title="decks.title")


class LapsedCard(NamedTuple):
    """A card with its lapse count (see ``Cards.lapsed``)."""

    deck_id: str
    deck_title: str
    card_id: str
    prompt: str
    suspended: bool
    lapses: int
