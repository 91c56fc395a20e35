"""Merging reviews from an export into the log, then rebuilding the touched cards' schedules."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from prepdeck.errors import RefusedError
from prepdeck.srs import CardState, Rating, is_lapse
from prepdeck.store.codec import (
    day_text,
    last_review_ms,
    new_review_id,
    parse_time,
    state_columns,
    time_text,
)
from prepdeck.store.db import Db
from prepdeck.store.log_records import ImportedReview, ImportReport, ReviewMode

if TYPE_CHECKING:
    from prepdeck.srs import SrsScheduler

_REVIEW_ID = re.compile(r"[0-9a-f]{32}")

_INSERT = """
INSERT INTO reviews (review_id, deck_id, card_id, rating, reviewed_at, day, mode, applied,
                     duration_ms, points_hit, points_total, draft, origin)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
"""

_REWRITE_SCHEDULES = """
UPDATE reviews
SET state_before = ?, step_before = ?, stability_before = ?, difficulty_before = ?,
    due_before = ?, last_review_before = ?,
    state = ?, step = ?, stability = ?, difficulty = ?, due = ?, last_review = ?
WHERE id = ?
"""


def import_reviews(
    db: Db,
    rows: Iterable[ImportedReview],
    *,
    scheduler: SrsScheduler,
    day_of: Callable[[datetime], date],
    origin: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """Add the reviews not already logged, then replay every card that got one.

    A row is a duplicate when its ``review_id`` is logged already, or, for a row without
    one, when its card has a review at the same ``reviewed_at``. Rows naming a card that is
    not installed are skipped and reported. The replay runs each touched card's applied
    reviews since its last reset, without fuzz, rewrites the schedules logged with every
    one of its reviews, and sets the card's schedule, reps and lapses from the result.
    ``day_of`` gives the app day of an imported review's time; ``origin`` is the home a
    sync pulled the rows from (None: they are this home's own, to be pushed by a sync);
    ``progress`` is told after each row how many of them were merged. All in one
    transaction.
    """
    pending = list(rows)
    for row in pending:
        if row.review_id is not None and not _REVIEW_ID.fullmatch(row.review_id.lower()):
            raise RefusedError(f"review id {row.review_id!r} is not 32 hex digits")
    added = duplicates = unknown_rows = 0
    unknown: set[tuple[str, str]] = set()
    touched: dict[tuple[str, str], tuple[int, str | None]] = {}
    card_numbers: dict[tuple[str, str], tuple[int, str | None] | None] = {}
    total = len(pending)
    with db.write() as connection:
        for done, row in enumerate(pending, start=1):
            if progress is not None:
                progress(done, total)
            key = (row.deck_id, row.card_id)
            if key not in card_numbers:
                found = connection.execute(
                    "SELECT no, reset_at FROM cards WHERE deck_id = ? AND card_id = ?", key
                ).fetchone()
                card_numbers[key] = None if found is None else (found[0], found[1])
            card = card_numbers[key]
            if card is None:
                unknown_rows += 1
                unknown.add(key)
                continue
            reviewed_at = time_text(row.reviewed_at)
            if _is_logged(connection, row, reviewed_at):
                duplicates += 1
                continue
            applied = row.applied if row.applied is not None else row.mode == ReviewMode.DRILL
            connection.execute(
                _INSERT,
                (
                    row.review_id.lower() if row.review_id else new_review_id(),
                    row.deck_id,
                    row.card_id,
                    int(row.rating),
                    reviewed_at,
                    day_text(day_of(row.reviewed_at)),
                    str(row.mode),
                    int(applied),
                    row.duration_ms,
                    row.points_hit,
                    row.points_total,
                    row.draft,
                    origin,
                ),
            )
            added += 1
            touched[key] = card
        for (deck_id, card_id), (number, reset_at) in touched.items():
            replay_card(connection, scheduler, number, deck_id, card_id, reset_at)
    return ImportReport(
        added=added,
        duplicates=duplicates,
        unknown_rows=unknown_rows,
        unknown_cards=tuple(sorted(unknown)),
        replayed_cards=len(touched),
    )


def _is_logged(connection: sqlite3.Connection, row: ImportedReview, reviewed_at: str) -> bool:
    if row.review_id is not None:
        found = connection.execute(
            "SELECT 1 FROM reviews WHERE review_id = ?", (row.review_id.lower(),)
        ).fetchone()
    else:
        found = connection.execute(
            "SELECT 1 FROM reviews WHERE deck_id = ? AND card_id = ? AND reviewed_at = ?",
            (row.deck_id, row.card_id, reviewed_at),
        ).fetchone()
    return found is not None


LOG_ORDER = "reviewed_at, review_id"
"""The order of a card's reviews, for every reader of them: replay, fitting, undo and
the card's history. Every home shares a review's ``review_id``, where its row number
differs from home to home, so two homes that logged reviews of one card at the same
instant replay them in one order and end with the same schedule. A home's own applied
reviews of a card never tie: ``ReviewLog.record`` logs each after the card's last."""

LOG_ORDER_NEWEST_FIRST = "reviewed_at DESC, review_id DESC"


def replay_card(
    connection: sqlite3.Connection,
    scheduler: SrsScheduler,
    number: int,
    deck_id: str,
    card_id: str,
    reset_at: str | None,
) -> CardState | None:
    """Rebuild one card's schedule from its log, inside the caller's transaction."""
    logged = connection.execute(
        "SELECT id, rating, reviewed_at, applied FROM reviews "
        f"WHERE deck_id = ? AND card_id = ? AND reviewed_at > ? ORDER BY {LOG_ORDER}",
        (deck_id, card_id, reset_at or ""),
    ).fetchall()
    rewrites: list[tuple[object, ...]] = []
    current, card_row = _replayed(scheduler, number, logged, rewrites)
    connection.executemany(_REWRITE_SCHEDULES, rewrites)
    connection.execute(_SET_CARD, card_row)
    return current


ReplayProgress = Callable[[int, int], None]
"""Told the cards replayed so far out of how many."""

_SET_CARD = (
    "UPDATE cards SET state = ?, step = ?, stability = ?, difficulty = ?, due = ?, "
    "last_review = ?, last_review_ms = ?, reps = ?, lapses = ? WHERE no = ?"
)

_EVERY_LOGGED = f"""
SELECT c.no, r.id, r.rating, r.reviewed_at, r.applied
FROM reviews AS r JOIN cards AS c ON c.deck_id = r.deck_id AND c.card_id = r.card_id
WHERE r.reviewed_at > coalesce(c.reset_at, '')
ORDER BY r.deck_id, r.card_id, {LOG_ORDER}
"""

_REPLAY_BATCH = 2_000
"""Cards replayed between two writes: their rewrites go to SQLite in one call."""


def replay_every_card(
    connection: sqlite3.Connection,
    scheduler: SrsScheduler,
    progress: ReplayProgress | None = None,
) -> int:
    """Rebuild the schedule of every card with reviews since its last reset, as
    ``replay_card`` does one, inside the caller's transaction; returns how many.

    The log is read in one pass, card after card, and written back in batches, so a home
    of 100,000 cards takes one query rather than one per card.
    """
    rows = connection.execute(_EVERY_LOGGED).fetchall()
    total = len({row[0] for row in rows})
    rewrites: list[tuple[object, ...]] = []
    card_rows: list[tuple[object, ...]] = []
    done = 0
    start = 0
    count = len(rows)
    while start < count:
        number = rows[start][0]
        end = start + 1
        while end < count and rows[end][0] == number:
            end += 1
        logged = [row[1:] for row in rows[start:end]]
        card_rows.append(_replayed(scheduler, number, logged, rewrites)[1])
        done += 1
        start = end
        if len(card_rows) >= _REPLAY_BATCH:
            _write_replayed(connection, rewrites, card_rows)
        if progress is not None:
            progress(done, total)
    _write_replayed(connection, rewrites, card_rows)
    return done


def _write_replayed(
    connection: sqlite3.Connection,
    rewrites: list[tuple[object, ...]],
    card_rows: list[tuple[object, ...]],
) -> None:
    connection.executemany(_REWRITE_SCHEDULES, rewrites)
    connection.executemany(_SET_CARD, card_rows)
    rewrites.clear()
    card_rows.clear()


def _replayed(
    scheduler: SrsScheduler,
    number: int,
    logged: Sequence[Sequence[Any]],
    rewrites: list[tuple[object, ...]],
) -> tuple[CardState | None, tuple[object, ...]]:
    """One card's log (review number, rating, time, applied) replayed: the schedules
    before and after each review added to ``rewrites``, and the card's final schedule
    with its row of ``_SET_CARD``."""
    schedules = iter(
        scheduler.replay(
            number,
            [(Rating(rating), parse_time(at)) for _, rating, at, applied in logged if applied],
        )
    )
    current: CardState | None = None
    reps = lapses = 0
    for review_no, rating, _, applied in logged:
        before = current
        if applied:
            current = next(schedules)
            reps += 1
            lapses += is_lapse(Rating(rating), before)
        rewrites.append((*state_columns(before), *state_columns(current), review_no))
    return current, (*state_columns(current), last_review_ms(current), reps, lapses, number)


def replay_cards(db: Db, keys: Iterable[tuple[str, str]], *, scheduler: SrsScheduler) -> int:
    """Replay each (deck id, card id) of ``keys`` still installed, in one transaction, as
    an import replays the cards it touches; returns how many were replayed."""
    replayed = 0
    with db.write() as connection:
        for deck_id, card_id in sorted(set(keys)):
            found = connection.execute(
                "SELECT no, reset_at FROM cards WHERE deck_id = ? AND card_id = ?",
                (deck_id, card_id),
            ).fetchone()
            if found is not None:
                replay_card(connection, scheduler, found[0], deck_id, card_id, found[1])
                replayed += 1
    return replayed
