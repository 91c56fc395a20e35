"""Installed decks: merging a deck file in, removing, listing and per-deck settings."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from prepdeck.domain.sources import DeckSource
from prepdeck.errors import NotFoundError, RefusedError
from prepdeck.store.codec import parse_list, parse_time, time_text
from prepdeck.store.db import StorePart, select_list
from prepdeck.store.records import StoredDeck

# Listing the decks, as the home's first frame does, needs none of these: the card values,
# the card columns' reader, the install records and the merge (``deck_merge``) are
# imported where a card is read or a deck merged.
if TYPE_CHECKING:
    from prepdeck.domain.cards import Card, Deck, Source
    from prepdeck.store.card_records import DeckInstall, MergeReport, StoredCard


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
        from prepdeck.store.deck_merge import duplicate_ids, merge_deck

        for install in installs:
            duplicates = duplicate_ids(install.deck.cards)
            if duplicates:
                raise RefusedError(
                    f"deck {install.deck.id!r} not installed: card id {duplicates[0]!r} "
                    "appears twice"
                )
        stamp = time_text(now)
        reports: list[MergeReport] = []
        with self._db.write() as connection:
            for install in installs:
                reports.append(merge_deck(connection, install, stamp))
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

    def ever_installed(self) -> bool:
        """Whether any deck was ever installed here, removed ones included."""
        return self._db.one("SELECT 1 FROM decks LIMIT 1") is not None

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
        from prepdeck.store.deck_merge import insert_last, open_deck_for_card

        with self._db.write() as connection:
            open_deck_for_card(connection, deck_id, title, source=source, stamp=time_text(now))
            taken = connection.execute(
                "SELECT 1 FROM cards WHERE deck_id = ? AND card_id = ?", (deck_id, card.id)
            ).fetchone()
            if taken is not None:
                raise RefusedError(f"deck {deck_id!r} already has a card {card.id!r}")
            insert_last(connection, deck_id, card)

    def put_personal_card(
        self, deck_id: str, title: str, card: Card, *, retired: bool, now: datetime
    ) -> None:
        """Give the personal deck ``deck_id`` the card ``card`` as another home holds it
        (added, or its text replaced, its schedule untouched; retired if ``retired``)."""
        from prepdeck.store.deck_merge import put_card, retire_card

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


def _missing_deck(deck_id: str) -> NotFoundError:
    return NotFoundError(f"no deck {deck_id!r} is installed")
