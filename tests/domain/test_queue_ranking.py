"""The due queue with a limit keeps exactly the weakest cards, by index or by full ranking.

``Queue.due`` with a limit first ranks only the cards the index ``cards_weak`` holds past
its mark and falls back to ranking every due card; either way the answer must be the
head of the full ranking, ties included.
"""

from __future__ import annotations

import math
import random
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from prepdeck.domain.cards import Card, Deck
from prepdeck.store import QueueCard, Store, connect
from prepdeck.store.codec import time_text, unix_ms
from prepdeck.store.queue import Queue
from tests.domain.query_plans import plans_of_queries

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


def schedule_cards(path: Path, seed: int) -> None:
    """Spread schedules over the cards with plain SQL, ties and learning steps included."""
    rng = random.Random(seed)
    connection = sqlite3.connect(path, isolation_level=None)
    numbers = [row[0] for row in connection.execute("SELECT no FROM cards")]
    connection.execute("BEGIN")
    for no in numbers:
        if rng.random() < 0.2:
            continue  # stays new
        # A few stabilities and review times repeat, so ranks tie.
        stability = rng.choice((1.0, 2.5, 10.0)) if rng.random() < 0.3 else None
        stability = stability or min(400.0, math.exp(rng.gauss(math.log(8), 1.3)))
        back = rng.choice((1, 3)) if rng.random() < 0.3 else rng.uniform(0, 60)
        last = NOW - timedelta(days=back)
        if rng.random() < 0.1:
            state, due = rng.choice((1, 3)), last + timedelta(minutes=10)
        else:
            state, due = 2, last + timedelta(days=max(1, round(stability)))
        connection.execute(
            "UPDATE cards SET state = ?, stability = ?, difficulty = 5, due = ?, "
            "last_review = ?, last_review_ms = ?, suspended = ? WHERE no = ?",
            (
                state,
                stability,
                time_text(due),
                time_text(last),
                unix_ms(last),
                int(rng.random() < 0.05),
                no,
            ),
        )
    connection.execute("COMMIT")
    connection.close()


@pytest.fixture(params=[1, 2, 3])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    path = tmp_path / "db.sqlite3"
    with connect(path, backups_dir=tmp_path / "backups") as opened:
        for deck_id in ("alpha", "beta", "gamma"):
            deck = Deck(
                id=deck_id,
                title=deck_id,
                cards=tuple(Card(id=f"c{i}", prompt=f"{i}?", answer="A.") for i in range(300)),
            )
            opened.decks.install(deck, source="file", content_hash=deck_id, now=NOW)
    schedule_cards(path, request.param)
    with connect(path, backups_dir=tmp_path / "backups") as opened:
        yield opened


def keys(cards: list[QueueCard]) -> list[tuple[str, str]]:
    return [(card.deck_id, card.card_id) for card in cards]


@pytest.mark.parametrize("away_days", [0, 2, 7, 30, 400])
@pytest.mark.parametrize("limit", [1, 7, 40, 200])
def test_a_limited_queue_is_the_head_of_the_full_ranking(
    store: Store, away_days: int, limit: int
) -> None:
    now = NOW + timedelta(days=away_days)
    everything = store.queue.due(now, now.date())
    assert keys(store.queue.due(now, now.date(), limit=limit)) == keys(everything)[:limit]
    beta = store.queue.due(now, now.date(), deck_ids=["beta"])
    assert (
        keys(store.queue.due(now, now.date(), deck_ids=["beta"], limit=limit)) == keys(beta)[:limit]
    )


def test_after_a_long_break_the_weak_index_answers(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    answered: list[bool] = []
    ranked = Queue._ranked_reviews

    def spy(self: Queue, *args: object, weak_only: bool) -> list[tuple[object, ...]]:
        answered.append(weak_only)
        return ranked(self, *args, weak_only=weak_only)  # type: ignore[arg-type]

    monkeypatch.setattr(Queue, "_ranked_reviews", spy)
    later = NOW + timedelta(days=400)
    everything = store.queue.due(later, later.date())
    learning = sum(card.schedule is not None and card.schedule.state != 2 for card in everything)
    answered.clear()
    store.queue.due(later, later.date(), limit=learning + 20)
    assert answered == [True]


def test_ranking_every_due_card_reads_the_index_alone(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each ranked row going back to the table was a visit to a page of card text: a
    third of the daily queue's time on 100,000 cards."""
    with plans_of_queries(store, monkeypatch) as plans:
        store.queue.due_reviews(NOW, NOW.date())
    [plan] = plans
    assert any("COVERING INDEX cards_due" in step for step in plan), plan
    assert not any(" cards USING INTEGER PRIMARY KEY" in step for step in plan), plan
