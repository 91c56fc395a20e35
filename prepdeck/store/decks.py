"""Installed decks: merging a deck file in, removing, listing and per-deck settings."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from itertools import chain
from typing import TYPE_CHECKING, NamedTuple

from prepdeck.domain.sources import DeckSource
from prepdeck.errors import NotFoundError, RefusedError
from prepdeck.store.codec import list_text, parse_list, parse_time, time_text
from prepdeck.store.db import StorePart, select_list
from prepdeck.store.records import StoredDeck

# Listing the decks, as the home's first frame does, needs none of these: the card values,
# the card columns' reader and the install records are imported where a card is read or
# a deck merged.
if TYPE_CHECKING:
    from prepdeck.domain.cards import Card, Deck, Source
    from prepdeck.store.card_records import DeckInstall, MergeReport, StoredCard


def _content_columns(card: Card) -> tuple[str, str, str, str, str, str, int | None]:
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


def _duplicate_ids(cards: Sequence[Card]) -> list[str]:
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


def _parse_sources(text: str) -> tuple[Source, ...]:
    if text == "[]":  # most decks derive from no other work
        return ()
    import json

    from prepdeck.domain.cards import Source

    return tuple(
        Source(title=item["title"], url=item.get("url"), license=item.get("license"))
        for item in json.loads(text)
    )


def _stored_deck(
    id: str,
    title: str,
    description: str | None,
    author: str | None,
    license: str | None,
    version: str | None,
    tags: str,
    based_on: str,
    source: str,
    content_hash: str,
    removed: int,
    paused: int,
    new_per_day: int | None,
    reviews_per_day: int | None,
    installed_at: str,
    updated_at: str,
) -> StoredDeck:
    return StoredDeck(
        id=id,
        title=title,
        description=description,
        author=author,
        license=license,
        version=version,
        tags=parse_list(tags),
        based_on=_parse_sources(based_on),
        source=source,
        content_hash=content_hash,
        removed=bool(removed),
        paused=bool(paused),
        new_per_day=new_per_day,
        reviews_per_day=reviews_per_day,
        installed_at=parse_time(installed_at),
        updated_at=parse_time(updated_at),
    )


_DECK_COLUMNS = select_list(_stored_deck)


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

_INSERT_CARD = """
INSERT INTO cards (deck_id, card_id, kind, prompt, answer, points, followups, tags, seconds,
                   explicit_id, position)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
"""

_INSERT_COLUMNS = 11
_ROWS_PER_INSERT = 999 // _INSERT_COLUMNS
"""As many rows as fit in one statement under SQLite's lowest limit on parameters."""
_INSERT_CARDS = _INSERT_CARD.replace(
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
    connection.executemany(_INSERT_CARD, rows[whole:])


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


class Decks(StorePart):
    """Installs, removes and lists decks."""

    __slots__ = ()

    def install(self, deck: Deck, *, source: str, content_hash: str, now: datetime) -> MergeReport:
        """Merge ``deck`` into the database in one transaction, matching cards by id.

        New cards are added; cards whose text changed are updated and their old text kept
        in ``card_versions``; cards missing from ``deck`` are retired (hidden, history
        kept); retired cards that come back are revived. Positions follow the file. The
        deck's metadata and source are replaced and a removed deck is shown again; its
        paused flag and limits are kept. Any failure leaves the database untouched.
        """
        from prepdeck.store.card_records import DeckInstall

        return self.install_many([DeckInstall(deck, source, content_hash)], now=now)[0]

    def install_many(
        self,
        installs: Sequence[DeckInstall],
        *,
        now: datetime,
        written: Callable[[int], None] | None = None,
    ) -> list[MergeReport]:
        """``install`` each deck, all in one transaction: any failure leaves every deck as
        it was. ``written`` is told how many decks are written so far, after each."""
        for install in installs:
            duplicates = _duplicate_ids(install.deck.cards)
            if duplicates:
                raise RefusedError(
                    f"deck {install.deck.id!r} not installed: card id {duplicates[0]!r} "
                    "appears twice"
                )
        stamp = time_text(now)
        reports: list[MergeReport] = []
        with self._db.write() as connection:
            for install in installs:
                reports.append(_merge_deck(connection, install, stamp))
                if written is not None:
                    written(len(reports))
        return reports

    def remove(self, deck_id: str, *, purge: bool = False) -> None:
        """Hide a deck and keep its history; ``purge`` deletes the deck, cards and reviews,
        and the user's own answers to its cards, which nothing else would delete.

        A purged bundled deck keeps an empty, removed row: without it the next start
        would install the deck again, and a bundled deck the user removed stays removed.
        """
        with self._db.write() as connection:
            source = connection.execute(
                "SELECT source FROM decks WHERE id = ?", (deck_id,)
            ).fetchone()
            if purge and source is not None:
                connection.execute("DELETE FROM own_answers WHERE deck_id = ?", (deck_id,))
            if purge and source is not None and source[0] == DeckSource.BUNDLED:
                connection.execute("DELETE FROM cards WHERE deck_id = ?", (deck_id,))
                cursor = connection.execute("UPDATE decks SET removed = 1 WHERE id = ?", (deck_id,))
            elif purge:
                cursor = connection.execute("DELETE FROM decks WHERE id = ?", (deck_id,))
            else:
                cursor = connection.execute("UPDATE decks SET removed = 1 WHERE id = ?", (deck_id,))
            if cursor.rowcount != 1:
                raise _missing_deck(deck_id)

    def restore(self, deck_id: str) -> None:
        """Show a removed deck again, cards and history as they were."""
        self._update(deck_id, "removed = 0", ())

    def find(self, deck_id: str) -> StoredDeck | None:
        row = self._db.one(f"SELECT {_DECK_COLUMNS} FROM decks WHERE id = ?", (deck_id,))
        return None if row is None else _stored_deck(*row)

    def get(self, deck_id: str) -> StoredDeck:
        deck = self.find(deck_id)
        if deck is None:
            raise _missing_deck(deck_id)
        return deck

    def installed(self, *, include_removed: bool = False) -> list[StoredDeck]:
        """Decks by id; removed ones only when asked."""
        where = "" if include_removed else "WHERE removed = 0"
        rows = self._db.rows(f"SELECT {_DECK_COLUMNS} FROM decks {where} ORDER BY id")
        return [_stored_deck(*row) for row in rows]

    def cards(self, deck_id: str, *, include_retired: bool = False) -> list[StoredCard]:
        """A deck's cards in file order; retired ones, when asked, after the active ones."""
        from prepdeck.store.cards import CARD_COLUMNS, stored_card

        self.get(deck_id)
        retired = "" if include_retired else "AND retired = 0"
        rows = self._db.rows(
            f"SELECT {CARD_COLUMNS} FROM cards WHERE deck_id = ? {retired} "
            "ORDER BY retired, position, no",
            (deck_id,),
        )
        return [stored_card(*row) for row in rows]

    def set_paused(self, deck_id: str, paused: bool) -> None:
        """A paused deck stays listed but gives the queue no cards."""
        self._update(deck_id, "paused = ?", (int(paused),))

    def set_limits(
        self, deck_id: str, *, new_per_day: int | None, reviews_per_day: int | None
    ) -> None:
        """The deck's own daily limits; None falls back to the global ones."""
        for name, value in (("new_per_day", new_per_day), ("reviews_per_day", reviews_per_day)):
            if value is not None and value < 0:
                raise ValueError(f"{name} must not be negative, not {value}")
        self._update(
            deck_id, "new_per_day = ?, reviews_per_day = ?", (new_per_day, reviews_per_day)
        )

    def append_card(
        self, deck_id: str, title: str, card: Card, *, source: str, now: datetime
    ) -> None:
        """Add one card after the deck's last, leaving its other cards alone.

        Unlike ``install`` this retires nothing, so personal decks grow a card at a time.
        A missing deck is created with ``title`` and ``source``, a removed one shown again,
        all in the same transaction as the card. An id the deck already holds, retired or
        not, is refused.
        """
        stamp = time_text(now)
        with self._db.write() as connection:
            connection.execute(
                "INSERT INTO decks (id, title, source, content_hash, installed_at, updated_at) "
                "VALUES (?, ?, ?, '', ?, ?) "
                "ON CONFLICT (id) DO UPDATE SET removed = 0, updated_at = excluded.updated_at",
                (deck_id, title, source, stamp, stamp),
            )
            taken = connection.execute(
                "SELECT 1 FROM cards WHERE deck_id = ? AND card_id = ?", (deck_id, card.id)
            ).fetchone()
            if taken is not None:
                raise RefusedError(f"deck {deck_id!r} already has a card {card.id!r}")
            (position,) = connection.execute(
                "SELECT coalesce(max(position) + 1, 0) FROM cards WHERE deck_id = ?", (deck_id,)
            ).fetchone()
            connection.execute(
                _INSERT_CARD,
                (deck_id, card.id, *_content_columns(card), int(card.explicit_id), position),
            )

    def put_personal_card(
        self, deck_id: str, title: str, card: Card, *, retired: bool, now: datetime
    ) -> None:
        """Give the personal deck ``deck_id`` the card ``card`` as another home holds it
        (added, or its text replaced, its schedule untouched; retired if ``retired``)."""
        with self._db.write() as connection:
            put_card(
                connection, deck_id, title, card, source=DeckSource.PERSONAL, stamp=time_text(now)
            )
            if retired:
                retire_card(connection, deck_id, card.id)

    def _update(self, deck_id: str, assignments: str, values: tuple[object, ...]) -> None:
        with self._db.write() as connection:
            cursor = connection.execute(
                f"UPDATE decks SET {assignments} WHERE id = ?", (*values, deck_id)
            )
            if cursor.rowcount != 1:
                raise _missing_deck(deck_id)


def _merge_deck(connection: sqlite3.Connection, install: DeckInstall, stamp: str) -> MergeReport:
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


def _missing_deck(deck_id: str) -> NotFoundError:
    return NotFoundError(f"no deck {deck_id!r} is installed")


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
                *_content_columns(card),
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
                *_content_columns(card),
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

    connection.execute(
        "INSERT INTO decks (id, title, source, content_hash, installed_at, updated_at) "
        "VALUES (?, ?, ?, '', ?, ?) "
        "ON CONFLICT (id) DO UPDATE SET removed = 0, updated_at = excluded.updated_at",
        (deck_id, title, source, stamp, stamp),
    )
    found = connection.execute(
        f"SELECT {CARD_COLUMNS} FROM cards WHERE deck_id = ? AND card_id = ?", (deck_id, card.id)
    ).fetchone()
    if found is None:
        (position,) = connection.execute(
            "SELECT coalesce(max(position) + 1, 0) FROM cards WHERE deck_id = ?", (deck_id,)
        ).fetchone()
        connection.execute(
            _INSERT_CARD,
            (deck_id, card.id, *_content_columns(card), int(card.explicit_id), position),
        )
        return
    current = stored_card(*found)
    if current.card != card:
        connection.execute(_KEEP_OLD_TEXT, (stamp, current.no))
    connection.execute(
        _REPLACE_TEXT,
        (*_content_columns(card), int(card.explicit_id), current.position, current.no),
    )


def retire_card(connection: sqlite3.Connection, deck_id: str, card_id: str) -> None:
    """Inside the caller's transaction: hide a card, its schedule and reviews kept."""
    connection.execute(
        "UPDATE cards SET retired = 1 WHERE deck_id = ? AND card_id = ?", (deck_id, card_id)
    )
