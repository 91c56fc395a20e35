"""A learner who forgets faster than FSRS's default parameters assume, as a review log.

Reviews come when the default scheduler (without fuzz) says, a little late at random; the
learner's true recall is the default forgetting curve run ``speed`` times faster, so the
defaults over-predict it and a fit has something to learn. Deterministic for a seed.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from prepdeck.config import Config
from prepdeck.srs import CardState, Rating
from prepdeck.store import ImportedReview
from prepdeck.study.scheduling import scheduler_for

START = datetime(2025, 1, 6, 9, 0, tzinfo=UTC)


def forgetful_reviews(
    deck_id: str,
    card_ids: list[str],
    *,
    reviews_per_card: int,
    speed: float = 4.0,
    seed: int = 1,
    start: datetime = START,
) -> list[ImportedReview]:
    """About ``reviews_per_card`` drill reviews of each card, oldest first per card."""
    rng = random.Random(seed)
    scheduler = scheduler_for(Config(), None, fuzzing=False)
    curve = scheduler.forgetting_curve()
    rows: list[ImportedReview] = []
    for number, card_id in enumerate(card_ids, start=1):
        at = start + timedelta(minutes=rng.randrange(0, 60 * 24 * 30))
        state: CardState | None = None
        for _ in range(reviews_per_card):
            last = None if state is None else state.last_review
            stability = None if state is None else state.stability
            if last is None or stability is None or at - last < timedelta(days=1):
                rating = Rating.GOOD
            else:
                truth = curve.recall(stability / speed, (at - last) // timedelta(days=1))
                if rng.random() < truth:
                    rating = Rating.EASY if rng.random() < 0.1 else Rating.GOOD
                else:
                    rating = Rating.AGAIN
            rows.append(ImportedReview(deck_id, card_id, rating, at))
            state = scheduler.review(number, state, rating, at)
            late = timedelta(hours=rng.uniform(0, 24 * 3)) if state.state == 2 else timedelta()
            at = max(state.due, at + timedelta(minutes=1)) + late
    return rows
