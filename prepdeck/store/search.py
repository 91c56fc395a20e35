"""Finding cards for the card browser: by text, tag, kind, deck and state.

A search is a line of words and filters::

    conflict "hard feedback" tag:behavioral kind:scenario is:suspended deck:basics is:due

Words (and quoted phrases) must all appear in a card's prompt, answer or key points,
ignoring ASCII case. ``tag:`` filters all apply (a card must carry every tag named);
several ``kind:``, ``is:`` or ``deck:`` filters (or comma lists, ``kind:question,scenario``)
offer alternatives. ``is:`` names a card's state, the first that applies of retired,
suspended, buried, then new, learning, review or relearning; ``is:due`` keeps cards due
now and ``is:leech`` the leeches (see ``prepdeck.domain.leeches``), whatever their state.
Retired cards are found only with ``is:retired``; cards of removed decks never.
A ``word:`` whose prefix is not a filter name is searched as text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from prepdeck.domain.cards import Kind
from prepdeck.domain.leeches import LEECH_SQL, is_leech
from prepdeck.errors import QueryError
from prepdeck.store.codec import day_text, parse_time, time_text
from prepdeck.store.db import Db, select_list

DEFAULT_LIMIT = 200
"""Rows a search returns at most: a screenful many times over, and cheap at any deck size."""


class CardStatus(StrEnum):
    """What the browser says a card is doing; exactly one applies to each card."""

    NEW = "new"
    LEARNING = "learning"
    REVIEW = "review"
    RELEARNING = "relearning"
    SUSPENDED = "suspended"
    BURIED = "buried"
    RETIRED = "retired"


KIND_NAMES: dict[str, Kind] = {
    **{kind.value: kind for kind in Kind},
    # Short forms people type when searching.
    "q": Kind.QUESTION,
    "s": Kind.SCENARIO,
    "need": Kind.COMPANY_NEED,
    "company": Kind.COMPANY_NEED,
}

FILTERS = ("tag", "kind", "is", "deck")
"""The ``name:`` prefixes a search understands."""


@dataclass(frozen=True, slots=True)
class CardQuery:
    """A parsed search; empty means every active card of every installed deck."""

    words: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    kinds: tuple[Kind, ...] = ()
    states: tuple[CardStatus, ...] = ()
    deck_ids: tuple[str, ...] = ()
    due: bool = False
    leech: bool = False


@dataclass(frozen=True, slots=True)
class CardHit:
    """One row of a search result: enough to list the card, not its whole text."""

    no: int
    deck_id: str
    card_id: str
    kind: Kind
    status: CardStatus
    due: datetime | None
    prompt: str
    leech: bool


@dataclass(frozen=True, slots=True)
class SearchResult:
    """The first hits in deck and file order; ``more`` says the limit cut the list."""

    hits: tuple[CardHit, ...]
    more: bool


# A token is a run of non-space characters in which a double-quoted part may hold spaces:
# ``"hard feedback"``, ``tag:"system design"``. An unclosed quote runs to the end.
_TOKEN = re.compile(r'(?:[^\s"]|"[^"]*(?:"|$))+')


def parse_query(text: str) -> CardQuery:
    """The query a search line stands for; an unknown kind or state raises ``QueryError``."""
    words: list[str] = []
    tags: list[str] = []
    kinds: list[Kind] = []
    states: list[CardStatus] = []
    deck_ids: list[str] = []
    due = leech = False
    for token in _TOKEN.findall(text):
        name, colon, raw = token.partition(":")
        field = name.lower()
        if not colon or field not in FILTERS or '"' in name:
            word = token.replace('"', "")
            if word.strip():
                words.append(word)
            continue
        values = [value for value in raw.replace('"', "").split(",") if value.strip()]
        if not values:
            raise QueryError(f"{field}: needs a value, e.g. {_example(field)}")
        for value in values:
            value = value.strip()
            if field == "tag":
                tags.append(value)
            elif field == "deck":
                deck_ids.append(value.lower())
            elif field == "kind":
                kinds.append(_kind(value))
            elif value.lower() == "due":
                due = True
            elif value.lower() == "leech":
                leech = True
            else:
                states.append(_status(value))
    return CardQuery(
        words=tuple(words),
        tags=tuple(tags),
        kinds=tuple(dict.fromkeys(kinds)),
        states=tuple(dict.fromkeys(states)),
        deck_ids=tuple(dict.fromkeys(deck_ids)),
        due=due,
        leech=leech,
    )


def _example(field: str) -> str:
    return {
        "tag": "tag:behavioral",
        "kind": "kind:scenario",
        "is": "is:suspended",
        "deck": "deck:my-cards",
    }[field]


def _kind(value: str) -> Kind:
    kind = KIND_NAMES.get(value.lower())
    if kind is None:
        names = ", ".join(kind.value for kind in Kind)
        raise QueryError(f"kind:{value}: no such kind; kinds: {names}")
    return kind


def _status(value: str) -> CardStatus:
    try:
        return CardStatus(value.lower())
    except ValueError:
        names = ", ".join([*(status.value for status in CardStatus), "due", "leech"])
        raise QueryError(f"is:{value}: no such state; states: {names}") from None


def _like_pattern(word: str) -> str:
    """``%word%`` for LIKE, with LIKE's own wildcards taken literally."""
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


# Cards not retired, suspended or buried: what the queue may show.
_SHOWN = "retired = 0 AND suspended = 0 AND (buried_until IS NULL OR buried_until <= :today)"

_STATE_SQL: dict[CardStatus, str] = {
    CardStatus.RETIRED: "retired = 1",
    CardStatus.SUSPENDED: "retired = 0 AND suspended = 1",
    CardStatus.BURIED: "retired = 0 AND suspended = 0 AND buried_until > :today",
    CardStatus.NEW: f"{_SHOWN} AND state IS NULL",
    CardStatus.LEARNING: f"{_SHOWN} AND state = 1",
    CardStatus.REVIEW: f"{_SHOWN} AND state = 2",
    CardStatus.RELEARNING: f"{_SHOWN} AND state = 3",
}

# The same order of precedence as _STATE_SQL and the stats' state counts.
_STATUS_CASE = """
CASE WHEN retired = 1 THEN 'retired'
     WHEN suspended = 1 THEN 'suspended'
     WHEN buried_until > :today THEN 'buried'
     WHEN state IS NULL THEN 'new'
     WHEN state = 1 THEN 'learning'
     WHEN state = 2 THEN 'review'
     ELSE 'relearning' END
"""


def _card_hit(
    no: int,
    deck_id: str,
    card_id: str,
    kind: str,
    status: str,
    due: str | None,
    prompt: str,
    lapses: int,
) -> CardHit:
    return CardHit(
        no=no,
        deck_id=deck_id,
        card_id=card_id,
        kind=Kind(kind),
        status=CardStatus(status),
        due=None if due is None else parse_time(due),
        prompt=prompt,
        leech=is_leech(lapses),
    )


_HIT_COLUMNS = select_list(_card_hit, status=_STATUS_CASE)


def search_sql(
    query: CardQuery, *, now: datetime, today: date, limit: int
) -> tuple[str, dict[str, Any]]:
    """The SELECT that answers ``query``, and its named parameters."""
    parameters: dict[str, Any] = {
        "now": time_text(now),
        "today": day_text(today),
        "limit": limit + 1,
    }
    conditions = ["deck_id IN (SELECT id FROM decks WHERE removed = 0)"]
    if query.states:
        conditions.append("(" + " OR ".join(f"({_STATE_SQL[s]})" for s in query.states) + ")")
    else:
        conditions.append("retired = 0")
    if query.due:
        conditions.append(f"{_SHOWN} AND state IS NOT NULL AND due <= :now")
    if query.leech:
        conditions.append(LEECH_SQL)
    if query.deck_ids:
        names = _bind(parameters, "deck", query.deck_ids)
        conditions.append(f"deck_id IN ({names})")
    if query.kinds:
        names = _bind(parameters, "kind", [kind.value for kind in query.kinds])
        conditions.append(f"kind IN ({names})")
    for index, tag in enumerate(query.tags):
        parameters[f"tag{index}"] = tag
        conditions.append(
            f"EXISTS (SELECT 1 FROM json_each(cards.tags) WHERE value = :tag{index} COLLATE NOCASE)"
        )
    for index, word in enumerate(query.words):
        parameters[f"word{index}"] = _like_pattern(word)
        conditions.append(
            "("
            + " OR ".join(
                f"{column} LIKE :word{index} ESCAPE '\\'"
                for column in ("prompt", "answer", "points")
            )
            + ")"
        )
    sql = f"""
    SELECT {_HIT_COLUMNS}
    FROM cards
    WHERE {" AND ".join(conditions)}
    ORDER BY deck_id, position, no
    LIMIT :limit
    """
    return sql, parameters


def _bind(parameters: dict[str, Any], prefix: str, values: list[str] | tuple[str, ...]) -> str:
    names = []
    for index, value in enumerate(values):
        parameters[f"{prefix}{index}"] = value
        names.append(f":{prefix}{index}")
    return ", ".join(names)


def search_cards(
    db: Db, query: CardQuery, *, now: datetime, today: date, limit: int = DEFAULT_LIMIT
) -> SearchResult:
    """The first ``limit`` cards matching ``query``, by deck id then file position.

    ``today`` is the app day that decides whether a buried card is still buried; ``now``
    decides ``is:due``.
    """
    if limit < 1:
        raise ValueError(f"limit must be at least 1, not {limit}")
    sql, parameters = search_sql(query, now=now, today=today, limit=limit)
    rows = db.rows(sql, parameters)
    hits = tuple(_card_hit(*row) for row in rows[:limit])
    return SearchResult(hits=hits, more=len(rows) > limit)
