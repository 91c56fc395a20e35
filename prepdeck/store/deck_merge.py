"""Merging a deck into the database, and a card into a deck: the writing half of
``decks``, imported when a deck is installed or a card written."""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping, Sequence
from itertools import chain
from typing import TYPE_CHECKING, NamedTuple

from prepdeck.store.codec import list_text

if TYPE_CHECKING:
    from prepdeck.domain.cards import Card, Deck, Source
    from prepdeck.store.card_records import DeckInstall, MergeReport, StoredCard


def content_columns(card: Card) -> tuple[str, str, str, str, str, str, int | None]:
    return (
        str(card.kind),
        card.prompt,
        card.answer,
        list_text(card.points),
        list_text(card.followups),
        list_text(card.tags),
        card.seconds,
    )


class MergePlan(NamedTuple):
    """Which cards of an install are new, changed, revived, retired or unchanged."""

    added: tuple[Card, ...]
    changed: tuple[Card, ...]
    revived: tuple[Card, ...]
    retired: tuple[str, ...]
    unchanged: tuple[Card, ...]


def plan_merge(installed: Mapping[str, StoredCard], cards: Sequence[Card]) -> MergePlan:
    """Sort the cards of a deck file against those installed, matching by card id.

    A card of the file equals the installed card of its id when its text is the same
    (``Card`` equality leaves ``explicit_id`` out)."""
    added: list[Card] = []
    changed: list[Card] = []
    revived: list[Card] = []
    unchanged: list[Card] = []
    for card in cards:
        current = installed.get(card.id)
        if current is None:
            added.append(card)
        elif current.retired:
            revived.append(card)
        elif current.card != card:
            changed.append(card)
        else:
            unchanged.append(card)
    present = {card.id for card in cards}
    retired = sorted(
        (
            card_id
            for card_id, card in installed.items()
            if not card.retired and card_id not in present
        ),
        key=lambda card_id: installed[card_id].position,
    )
    return MergePlan(tuple(added), tuple(changed), tuple(revived), tuple(retired), tuple(unchanged))


def duplicate_ids(cards: Sequence[Card]) -> list[str]:
    if len({card.id for card in cards}) == len(cards):
        return []
    seen: set[str] = set()
    duplicates: list[str] = []
    for card in cards:
        if card.id in seen:
            duplicates.append(card.id)
        seen.add(card.id)
    return duplicates


def _sources_text(sources: Sequence[Source]) -> str:
    import json

    return json.dumps(
        [{"title": s.title, "url": s.url, "license": s.license} for s in sources],
        ensure_ascii=False,
    )


_UPSERT_DECK = """
INSERT INTO decks (id, title, description, author, license, version, tags, based_on,
                   source, content_hash, installed_at, updated_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (id) DO UPDATE SET
    title = excluded.title, description = excluded.description, author = excluded.author,
    license = excluded.license, version = excluded.version, tags = excluded.tags,
    based_on = excluded.based_on, source = excluded.source,
    content_hash = excluded.content_hash, removed = 0, updated_at = excluded.updated_at
"""

INSERT_CARD = """
INSERT INTO cards (deck_id, card_id, kind, prompt, answer, points, followups, tags, seconds,
                   explicit_id, position)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
"""

_INSERT_COLUMNS = 11
_ROWS_PER_INSERT = 999 // _INSERT_COLUMNS
"""As many rows as fit in one statement under SQLite's lowest limit on parameters."""
_INSERT_CARDS = INSERT_CARD.replace(
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "VALUES " + ", ".join(["(" + ", ".join("?" * _INSERT_COLUMNS) + ")"] * _ROWS_PER_INSERT),
)


def _insert_cards(connection: sqlite3.Connection, rows: Sequence[tuple[object, ...]]) -> None:
    """Insert the cards' rows in their order, many to a statement: one statement per row
    cost each card a step of SQLite's machine and a call from Python, a sixth of the
    time of writing a large deck."""
    whole = len(rows) - len(rows) % _ROWS_PER_INSERT
    connection.executemany(
        _INSERT_CARDS,
        (
            tuple(chain.from_iterable(rows[start : start + _ROWS_PER_INSERT]))
            for start in range(0, whole, _ROWS_PER_INSERT)
        ),
    )
    connection.executemany(INSERT_CARD, rows[whole:])


_KEEP_OLD_TEXT = """
INSERT INTO card_versions (card_no, replaced_at, deck_version, kind, prompt, answer, points,
                           followups, tags, seconds)
SELECT cards.no, ?, decks.version, cards.kind, cards.prompt, cards.answer, cards.points,
       cards.followups, cards.tags, cards.seconds
FROM cards JOIN decks ON decks.id = cards.deck_id
WHERE cards.no = ?
"""

_REPLACE_TEXT = """
UPDATE cards SET kind = ?, prompt = ?, answer = ?, points = ?, followups = ?, tags = ?,
                 seconds = ?, explicit_id = ?, position = ?, retired = 0
WHERE no = ?
"""


def merge_deck(connection: sqlite3.Connection, install: DeckInstall, stamp: str) -> MergeReport:
    """Inside the caller's transaction: merge one deck in (see ``Decks.install``)."""
    deck = install.deck
    created = connection.execute("SELECT 1 FROM decks WHERE id = ?", (deck.id,)).fetchone() is None
    installed = _installed_cards(connection, deck.id)
    plan = plan_merge(installed, deck.cards)
    # Old text is copied out before the deck row carries the new version number.
    changed_text = [
        card for card in (*plan.changed, *plan.revived) if installed[card.id].card != card
    ]
    connection.executemany(
        _KEEP_OLD_TEXT, [(stamp, installed[card.id].no) for card in changed_text]
    )
    connection.execute(
        _UPSERT_DECK,
        (
            deck.id,
            deck.title,
            deck.description,
            deck.author,
            deck.license,
            deck.version,
            list_text(deck.tags),
            _sources_text(deck.based_on),
            install.source,
            install.content_hash,
            stamp,
            stamp,
        ),
    )
    _write_cards(connection, deck, plan, installed)
    from prepdeck.store.card_records import MergeReport

    return MergeReport(
        deck_id=deck.id,
        created=created,
        added=tuple(card.id for card in plan.added),
        changed=tuple(card.id for card in plan.changed),
        revived=tuple(card.id for card in plan.revived),
        retired=plan.retired,
        unchanged=tuple(card.id for card in plan.unchanged),
    )


def _installed_cards(connection: sqlite3.Connection, deck_id: str) -> dict[str, StoredCard]:
    from prepdeck.store.cards import CARD_COLUMNS, stored_card

    rows = connection.execute(f"SELECT {CARD_COLUMNS} FROM cards WHERE deck_id = ?", (deck_id,))
    return {card.card_id: card for card in (stored_card(*row) for row in rows)}


def _write_cards(
    connection: sqlite3.Connection,
    deck: Deck,
    plan: MergePlan,
    installed: Mapping[str, StoredCard],
) -> None:
    """Carry out a merge plan on the cards table."""
    positions = {card.id: position for position, card in enumerate(deck.cards)}
    _insert_cards(
        connection,
        [
            (
                deck.id,
                card.id,
                *content_columns(card),
                int(card.explicit_id),
                positions[card.id],
            )
            for card in plan.added
        ],
    )
    connection.executemany(
        _REPLACE_TEXT,
        [
            (
                *content_columns(card),
                int(card.explicit_id),
                positions[card.id],
                installed[card.id].no,
            )
            for card in (*plan.changed, *plan.revived)
        ],
    )
    connection.executemany(
        "UPDATE cards SET position = ?, explicit_id = ? WHERE no = ?",
        [
            (positions[card.id], int(card.explicit_id), installed[card.id].no)
            for card in plan.unchanged
            if installed[card.id].position != positions[card.id]
            or installed[card.id].card.explicit_id != card.explicit_id
        ],
    )
    connection.executemany(
        "UPDATE cards SET retired = 1 WHERE no = ?",
        [(installed[card_id].no,) for card_id in plan.retired],
    )


def open_deck_for_card(
    connection: sqlite3.Connection, deck_id: str, title: str, *, source: str, stamp: str
) -> None:
    """Inside the caller's transaction: create ``deck_id`` if missing, show it again if
    removed, so that a card can be added to it."""
    connection.execute(
        "INSERT INTO decks (id, title, source, content_hash, installed_at, updated_at) "
        "VALUES (?, ?, ?, '', ?, ?) "
        "ON CONFLICT (id) DO UPDATE SET removed = 0, updated_at = excluded.updated_at",
        (deck_id, title, source, stamp, stamp),
    )


def insert_last(connection: sqlite3.Connection, deck_id: str, card: Card) -> None:
    """Inside the caller's transaction: add ``card`` after the deck's last card."""
    (position,) = connection.execute(
        "SELECT coalesce(max(position) + 1, 0) FROM cards WHERE deck_id = ?", (deck_id,)
    ).fetchone()
    connection.execute(
        INSERT_CARD, (deck_id, card.id, *content_columns(card), int(card.explicit_id), position)
    )


def put_card(
    connection: sqlite3.Connection,
    deck_id: str,
    title: str,
    card: Card,
    *,
    source: str,
    stamp: str,
) -> None:
    """Inside the caller's transaction: give ``deck_id`` (created if missing, shown again
    if removed) the card ``card``, added after its last, or, when it has the card's id,
    with this text, the old text kept in ``card_versions`` and the schedule untouched. A
    retired card of that id comes back."""
    from prepdeck.store.cards import CARD_COLUMNS, stored_card

    open_deck_for_card(connection, deck_id, title, source=source, stamp=stamp)
    found = connection.execute(
        f"SELECT {CARD_COLUMNS} FROM cards WHERE deck_id = ? AND card_id = ?", (deck_id, card.id)
    ).fetchone()
    if found is None:
        insert_last(connection, deck_id, card)
        return
    current = stored_card(*found)
    if current.card != card:
        connection.execute(_KEEP_OLD_TEXT, (stamp, current.no))
    connection.execute(
        _REPLACE_TEXT,
        (*content_columns(card), int(card.explicit_id), current.position, current.no),
    )


def retire_card(connection: sqlite3.Connection, deck_id: str, card_id: str) -> None:
    """Inside the caller's transaction: hide a card, its schedule and reviews kept."""
    connection.execute(
        "UPDATE cards SET retired = 1 WHERE deck_id = ? AND card_id = ?", (deck_id, card_id)
    )
