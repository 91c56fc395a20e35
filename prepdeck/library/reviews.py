"""The review log as files: every review out, and reviews from an export back in."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from prepdeck.config import Config
from prepdeck.domain.days import app_day
from prepdeck.store import ImportedReview, ImportReport, Review, Store

__all__ = ["ImportReport", "Review", "ReviewHistory"]


class ReviewHistory:
    """The log of one home's database."""

    __slots__ = ("_config", "_store")

    def __init__(self, store: Store, config: Config) -> None:
        self._store = store
        self._config = config

    def all(self) -> Iterator[Review]:
        """Every review, oldest first, read as it is consumed: close it when done."""
        return self._store.reviews.all()

    def replay(self, keys: Iterable[tuple[str, str]]) -> int:
        """Rebuild these cards' schedules from their logs, unfuzzed, as an import does:
        what a sync does to the cards it pushes reviews of, so every home holds the same
        schedule for them."""
        from prepdeck.study.scheduling import scheduler_in_force

        return self._store.reviews.replay(
            keys, scheduler=scheduler_in_force(self._store, self._config, fuzzing=False)
        )

    def import_reviews(
        self,
        rows: Iterable[ImportedReview],
        *,
        origin: str | None = None,
        progress: Callable[[int, int], None] | None = None,
    ) -> ImportReport:
        """Add the reviews not already logged; each card that gains some is replayed.
        ``origin``: the home a sync pulled them from (None for this home's own);
        ``progress``: told how many rows of how many were merged."""
        from prepdeck.study.scheduling import scheduler_in_force

        hour = self._config.day_start_hour
        return self._store.reviews.import_reviews(
            rows,
            scheduler=scheduler_in_force(self._store, self._config, fuzzing=False),
            day_of=lambda moment: app_day(moment, hour),
            origin=origin,
            progress=progress,
        )
