"""FSRS parameter sets fitted to the user's reviews: the one in force, applying a new one and
undoing it, each with the replay of every card's schedule in the same transaction."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from prepdeck.errors import RefusedError
from prepdeck.srs import Rating
from prepdeck.store.codec import parse_time, time_text
from prepdeck.store.db import StorePart
from prepdeck.store.imports import LOG_ORDER, ReplayProgress, replay_every_card

if TYPE_CHECKING:
    from prepdeck.srs import SrsScheduler

SchedulerOf = Callable[[tuple[float, ...] | None], "SrsScheduler"]
"""The scheduler (fuzz off) of a parameter set; None for FSRS's defaults."""


@dataclass(frozen=True, slots=True)
class ParameterSet:
    """A fitted parameter set with the figures it was chosen on."""

    parameters: tuple[float, ...]
    fitted_at: datetime
    reviews_used: int
    log_reviews: int
    log_loss_before: float
    log_loss_after: float
    rmse_before: float
    rmse_after: float


_SELECT = (
    "SELECT parameters, fitted_at, reviews_used, log_reviews, log_loss_before, "
    "log_loss_after, rmse_before, rmse_after FROM parameter_sets"
)

_APPLIED_HISTORIES = f"""
SELECT c.no, r.rating, r.reviewed_at
FROM reviews AS r JOIN cards AS c ON c.deck_id = r.deck_id AND c.card_id = r.card_id
WHERE r.applied = 1 AND r.reviewed_at > coalesce(c.reset_at, '')
ORDER BY r.deck_id, r.card_id, {LOG_ORDER}
"""


def _parameter_set(row: tuple[object, ...]) -> ParameterSet:
    parameters, fitted_at, used, log, loss_before, loss_after, rmse_before, rmse_after = row
    return ParameterSet(
        tuple(float(weight) for weight in json.loads(str(parameters))),
        parse_time(str(fitted_at)),
        int(str(used)),
        int(str(log)),
        float(str(loss_before)),
        float(str(loss_after)),
        float(str(rmse_before)),
        float(str(rmse_after)),
    )


class ParameterSets(StorePart):
    """The FSRS parameter sets of the home; none in force means the defaults."""

    __slots__ = ()

    def in_force(self) -> ParameterSet | None:
        """The set the scheduler follows, or None for FSRS's defaults."""
        row = self._db.one(f"{_SELECT} WHERE applied = 1")
        return None if row is None else _parameter_set(tuple(row))

    def applied_reviews(self) -> int:
        """How many reviews of the log changed a schedule (the log a fit learns from)."""
        row = self._db.one("SELECT count(*) FROM reviews WHERE applied = 1")
        return 0 if row is None else int(row[0])

    def studied_cards(self) -> int:
        """Cards of the decks not removed that are not retired."""
        row = self._db.one(
            "SELECT count(*) FROM cards JOIN decks ON decks.id = cards.deck_id "
            "WHERE cards.retired = 0 AND decks.removed = 0"
        )
        return 0 if row is None else int(row[0])

    def histories(self) -> Iterator[list[tuple[Rating, datetime]]]:
        """Each card's applied reviews since its last reset, in time order, one card at
        a time; cards never reviewed are left out."""
        ratings = {int(rating): rating for rating in Rating}
        current: int | None = None
        history: list[tuple[Rating, datetime]] = []
        for number, rating, reviewed_at in self._db.stream(_APPLIED_HISTORIES, batch=5000):
            if number != current:
                if history:
                    yield history
                current = number
                history = []
            history.append((ratings[rating], parse_time(reviewed_at)))
        if history:
            yield history

    def apply(
        self,
        fitted: ParameterSet,
        scheduler_of: SchedulerOf,
        progress: ReplayProgress | None = None,
    ) -> int:
        """Put ``fitted`` in force over the set in force now (kept for undo), and replay
        every card under it, all in one transaction: a failure or a kill leaves the old
        set and the old schedules. Returns the cards replayed."""
        with self._db.write() as connection:
            cursor = connection.execute(
                "INSERT INTO parameter_sets (parameters, fitted_at, reviews_used, log_reviews, "
                "log_loss_before, log_loss_after, rmse_before, rmse_after, applied) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0)",
                (
                    json.dumps(list(fitted.parameters)),
                    time_text(fitted.fitted_at),
                    fitted.reviews_used,
                    fitted.log_reviews,
                    fitted.log_loss_before,
                    fitted.log_loss_after,
                    fitted.rmse_before,
                    fitted.rmse_after,
                ),
            )
            new_id = cursor.lastrowid
            connection.execute(
                "UPDATE parameter_sets SET applied = 0, replaced_by = ? WHERE applied = 1",
                (new_id,),
            )
            connection.execute("UPDATE parameter_sets SET applied = 1 WHERE id = ?", (new_id,))
            return replay_every_card(connection, scheduler_of(fitted.parameters), progress)

    def undo(
        self,
        now: datetime,
        scheduler_of: SchedulerOf,
        progress: ReplayProgress | None = None,
    ) -> ParameterSet | None:
        """Put back the set the one in force replaced (None: the defaults), and replay
        every card under it, in one transaction; returns the set now in force."""
        with self._db.write() as connection:
            row = connection.execute("SELECT id FROM parameter_sets WHERE applied = 1").fetchone()
            if row is None:
                raise RefusedError(
                    "optimize --undo: nothing to undo, FSRS's default parameters are in force"
                )
            (current,) = row
            connection.execute(
                "UPDATE parameter_sets SET applied = 0, undone_at = ? WHERE id = ?",
                (time_text(now), current),
            )
            connection.execute(
                "UPDATE parameter_sets SET applied = 1, replaced_by = NULL WHERE replaced_by = ?",
                (current,),
            )
            found = connection.execute(f"{_SELECT} WHERE applied = 1").fetchone()
            restored = None if found is None else _parameter_set(tuple(found))
            replay_every_card(
                connection,
                scheduler_of(None if restored is None else restored.parameters),
                progress,
            )
        return restored
