"""The review log: recording a grade, undoing it, and the queries stats and export need."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any, NamedTuple, cast

from prepdeck.domain.spoken import SpokenAnswer
from prepdeck.errors import NotFoundError, RefusedError
from prepdeck.srs import CardState, Rating, is_lapse
from prepdeck.store.cards import missing_card
from prepdeck.store.codec import (
    NEW_CARD_COLUMNS,
    StateColumns,
    day_text,
    last_review_ms,
    new_review_id,
    parse_day,
    parse_time,
    state_columns,
    state_from_columns,
    time_text,
)
from prepdeck.store.db import StorePart, column_names
from prepdeck.store.imports import (
    LOG_ORDER,
    LOG_ORDER_NEWEST_FIRST,
    import_reviews,
    replay_cards,
)
from prepdeck.store.log_records import ImportedReview, ImportReport, Review, ReviewMode

if TYPE_CHECKING:
    from prepdeck.srs import SrsScheduler


_SET_SCHEDULE = """
UPDATE cards
SET state = ?, step = ?, stability = ?, difficulty = ?, due = ?, last_review = ?,
    last_review_ms = ?, reps = reps + 1, lapses = lapses + ?
WHERE no = ?
"""
"""Sets a card's schedule by its number, which ``_READ_SCHEDULE`` read: one seek of the
table, where the card's identity would be one of its unique index first."""


# Undo gives the card its schedule back only if it is still the one the review left, so
# a later review or a reset is never overwritten.
_RESTORE = """
UPDATE cards
SET state = ?, step = ?, stability = ?, difficulty = ?, due = ?, last_review = ?,
    last_review_ms = ?, reps = reps - 1, lapses = lapses - ?
WHERE deck_id = ? AND card_id = ?
  AND state IS ? AND step IS ? AND stability IS ? AND difficulty IS ? AND due IS ?
  AND last_review IS ?
"""


_SCHEDULE = column_names(state_from_columns)
"""A schedule's columns: those of the schedule after a review, and with ``_before`` the
one before it."""

_NEXT_INSTANT = timedelta(microseconds=1)
"""How far after a card's last review a review logged at or before it is put: times are
stored to the microsecond."""

_READ_SCHEDULE = f"SELECT no, {', '.join(_SCHEDULE)} FROM cards WHERE deck_id = ? AND card_id = ?"

Outcome = Callable[[CardState | None, datetime], CardState]
"""The schedule a grade gives a card, from the schedule the card has when the review is
written and the moment the review is logged at."""


class Recorded(NamedTuple):
    """A review as ``record`` wrote it: its id and the schedules it was logged with."""

    review_id: str
    reviewed_at: datetime
    """When the review is logged: never before the card's last review."""
    before: CardState | None
    """The card's schedule read inside the review's transaction."""
    after: CardState | None
    """The schedule the review gave: ``before`` again when it was not applied."""


def stored_review(
    review_id: str,
    deck_id: str,
    card_id: str,
    rating: int,
    reviewed_at: str,
    day: str,
    mode: str,
    applied: int,
    duration_ms: int | None,
    points_hit: int | None,
    points_total: int | None,
    draft: str | None,
    *schedules: Any,
) -> Review:
    """A row of ``reviews`` read with ``REVIEW_COLUMNS``: ``stored_review(*row)``. The
    columns named here come first, then the schedules before and after the review, each
    as ``state_from_columns`` takes it."""
    return Review(
        review_id=review_id,
        deck_id=deck_id,
        card_id=card_id,
        rating=Rating(rating),
        reviewed_at=parse_time(reviewed_at),
        day=parse_day(day),
        mode=ReviewMode(mode),
        applied=bool(applied),
        duration_ms=duration_ms,
        points_hit=points_hit,
        points_total=points_total,
        before=state_from_columns(*schedules[: len(_SCHEDULE)]),
        after=state_from_columns(*schedules[len(_SCHEDULE) :]),
        draft=draft,
    )


_REVIEW_COLUMNS = (
    *column_names(stored_review),
    *(f"{name}_before" for name in _SCHEDULE),
    *_SCHEDULE,
)

REVIEW_COLUMNS = ", ".join(_REVIEW_COLUMNS)
"""The columns of ``reviews`` that ``stored_review`` takes, in its order."""

_INSERT_REVIEW = (
    f"INSERT INTO reviews ({REVIEW_COLUMNS}) VALUES ({', '.join('?' * len(_REVIEW_COLUMNS))})"
)
"""Its values go in the order of ``REVIEW_COLUMNS``: ``record`` gives them so."""


class ReviewLog(StorePart):
    """Writes and reads the append-only review log."""

    __slots__ = ()

    def record(
        self,
        deck_id: str,
        card_id: str,
        *,
        rating: Rating,
        reviewed_at: datetime,
        day: date,
        outcome: Outcome | None,
        mode: ReviewMode = ReviewMode.DRILL,
        applied: bool = True,
        duration_ms: int | None = None,
        points_hit: int | None = None,
        points_total: int | None = None,
        draft: str | None = None,
        spoken: SpokenAnswer | None = None,
    ) -> Recorded:
        """Log one review and, when ``applied``, give the card the schedule it leads to.

        The card's schedule is read inside the write transaction and ``outcome`` maps it
        to the new one, so a grade made while another process graded the same card builds
        on that grade instead of losing it or being lost. A grade shown before another
        process's grade of the card was written is logged at the moment of that grade, not
        before it: the log stays in the order the schedule was built in, so replaying it
        gives the schedule stored, and on that grade's app day. A review not applied needs
        no ``outcome``: it logs the schedule read on both sides. Everything happens in one
        transaction, committed before this returns.
        """
        if applied and outcome is None:
            raise ValueError("an applied review needs the schedule after it")
        review_id = new_review_id()
        with self._db.write() as connection:
            found = connection.execute(_READ_SCHEDULE, (deck_id, card_id)).fetchone()
            if found is None:
                raise missing_card(deck_id, card_id)
            no, *stored = found
            before = state_from_columns(*stored)
            # The columns as the card holds them, which state_columns would only format
            # again (two times of the five a grade formats).
            before_columns = (
                NEW_CARD_COLUMNS if before is None else cast(StateColumns, tuple(stored))
            )
            last = None if before is None else before.last_review
            if last is not None and last >= reviewed_at:
                # Another window graded the card since this one showed it, or at the same
                # instant: logged just after that grade, so the log's order is the order
                # the schedule was built in, whatever the review ids.
                reviewed_at = last + _NEXT_INSTANT
                day = _day_of_latest(connection, deck_id, card_id) or day
            after = before
            after_columns = before_columns
            if applied:
                assert outcome is not None
                after = outcome(before, reviewed_at)
                after_columns = state_columns(after)
                connection.execute(
                    _SET_SCHEDULE,
                    (
                        *after_columns,
                        last_review_ms(after),
                        int(is_lapse(rating, before)),
                        no,
                    ),
                )
            connection.execute(
                _INSERT_REVIEW,
                (
                    review_id,
                    deck_id,
                    card_id,
                    int(rating),
                    time_text(reviewed_at),
                    day_text(day),
                    str(mode),
                    int(applied),
                    duration_ms,
                    points_hit,
                    points_total,
                    draft,
                    *before_columns,
                    *after_columns,
                ),
            )
            if spoken is not None:
                connection.execute(
                    "INSERT INTO spoken_answers (review_id, transcript, seconds, words, fillers,"
                    " audio) VALUES (?, ?, ?, ?, ?, ?)",
                    (
                        review_id,
                        spoken.transcript,
                        spoken.seconds,
                        spoken.words,
                        spoken.fillers,
                        spoken.audio,
                    ),
                )
        return Recorded(review_id, reviewed_at, before, after)

    def undo(self, review_id: str) -> Review:
        """Delete a card's latest review and give the card back the schedule it had before.

        Refused for a review that is not its card's latest, or when the card's schedule is
        no longer the one that review left (another review or a reset came since).
        """
        with self._db.write() as connection:
            found = connection.execute(
                f"SELECT id, {REVIEW_COLUMNS} FROM reviews WHERE review_id = ?", (review_id,)
            ).fetchone()
            if found is None:
                raise NotFoundError(f"no review {review_id} to undo")
            row_id, *columns = found
            review = stored_review(*columns)
            latest = connection.execute(
                "SELECT id FROM reviews WHERE deck_id = ? AND card_id = ? "
                f"ORDER BY {LOG_ORDER_NEWEST_FIRST} LIMIT 1",
                (review.deck_id, review.card_id),
            ).fetchone()
            if latest[0] != row_id:
                raise RefusedError(
                    f"cannot undo review {review_id}: card {review.card_id!r} has a later review"
                )
            if review.applied:
                restored = connection.execute(
                    _RESTORE,
                    (
                        *state_columns(review.before),
                        last_review_ms(review.before),
                        int(is_lapse(review.rating, review.before)),
                        review.deck_id,
                        review.card_id,
                        *state_columns(review.after),
                    ),
                ).rowcount
                if restored != 1:
                    raise RefusedError(
                        f"cannot undo review {review_id}: the schedule of card "
                        f"{review.card_id!r} has changed since"
                    )
            connection.execute("DELETE FROM reviews WHERE id = ?", (row_id,))
        return review

    def all(self) -> Iterator[Review]:
        """Every review, oldest first, read lazily: as this home logged them, so reviews
        of different cards given at one instant keep their order (a card's own applied
        reviews never tie; ``LOG_ORDER`` orders those of other homes)."""
        for row in self._db.stream(
            f"SELECT {REVIEW_COLUMNS} FROM reviews ORDER BY reviewed_at, id"
        ):
            yield stored_review(*row)

    def of_card(self, deck_id: str, card_id: str) -> list[Review]:
        rows = self._db.rows(
            f"SELECT {REVIEW_COLUMNS} FROM reviews WHERE deck_id = ? AND card_id = ? "
            f"ORDER BY {LOG_ORDER}",
            (deck_id, card_id),
        )
        return [stored_review(*row) for row in rows]

    def import_reviews(
        self,
        rows: Iterable[ImportedReview],
        *,
        scheduler: SrsScheduler,
        day_of: Callable[[datetime], date],
        origin: str | None = None,
        progress: Callable[[int, int], None] | None = None,
    ) -> ImportReport:
        """Add reviews from an export and replay the cards they touch; see ``imports``."""
        return import_reviews(
            self._db, rows, scheduler=scheduler, day_of=day_of, origin=origin, progress=progress
        )

    def replay(self, keys: Iterable[tuple[str, str]], *, scheduler: SrsScheduler) -> int:
        """Rebuild the schedules of these cards from their logs; see ``imports``."""
        return replay_cards(self._db, keys, scheduler=scheduler)


def _day_of_latest(connection: sqlite3.Connection, deck_id: str, card_id: str) -> date | None:
    """The app day of a card's latest applied review; None when it has none logged."""
    found = connection.execute(
        "SELECT day FROM reviews WHERE deck_id = ? AND card_id = ? AND applied = 1 "
        f"ORDER BY {LOG_ORDER_NEWEST_FIRST} LIMIT 1",
        (deck_id, card_id),
    ).fetchone()
    return None if found is None else parse_day(found[0])
