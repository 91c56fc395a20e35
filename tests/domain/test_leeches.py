"""Leeches: cards rated Again four times or more since their last reset."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from prepdeck.deck.model import Card, Deck
from prepdeck.leeches import LEECH_FAILURES, find_leeches, is_leech, still_drilled
from prepdeck.srs import Rating, SrsScheduler
from prepdeck.store import ImportedReview, ReviewMode, Store, connect
from tests.domain.query_plans import plans_of_queries

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
SCHEDULER = SrsScheduler(enable_fuzzing=False)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with connect(tmp_path / "db.sqlite3", backups_dir=tmp_path / "backups") as opened:
        for deck_id in ("alpha", "beta"):
            cards = tuple(
                Card(id=f"c{index}", prompt=f"{deck_id} {index}?", answer="A.")
                for index in range(4)
            )
            opened.decks.install(
                Deck(id=deck_id, title=deck_id.title(), cards=cards),
                source="file",
                content_hash=deck_id,
                now=NOW - timedelta(days=60),
            )
        yield opened


def rate(
    store: Store,
    deck_id: str,
    card_id: str,
    ratings: list[Rating],
    *,
    start: datetime = NOW - timedelta(days=30),
    mode: ReviewMode = ReviewMode.DRILL,
) -> None:
    store.reviews.import_reviews(
        [
            ImportedReview(deck_id, card_id, rating, start + timedelta(hours=index), mode=mode)
            for index, rating in enumerate(ratings)
        ],
        scheduler=SCHEDULER,
        day_of=lambda moment: moment.date(),
    )


AGAIN = Rating.AGAIN
GOOD = Rating.GOOD


def ids(store: Store) -> list[tuple[str, str, int]]:
    return [(card.deck_id, card.card_id, card.failures) for card in find_leeches(store)]


def test_the_threshold_is_four_failures() -> None:
    assert LEECH_FAILURES == 4
    assert not is_leech(3)
    assert is_leech(4)


def test_four_agains_make_a_leech_three_do_not(store: Store) -> None:
    rate(store, "alpha", "c0", [AGAIN, GOOD, AGAIN, GOOD, AGAIN, AGAIN])
    rate(store, "alpha", "c1", [AGAIN, AGAIN, AGAIN, GOOD, GOOD])
    assert ids(store) == [("alpha", "c0", 4)]


def test_most_failures_first_and_suspended_ones_last(store: Store) -> None:
    rate(store, "alpha", "c0", [AGAIN] * 4)
    rate(store, "beta", "c2", [AGAIN] * 6)
    rate(store, "beta", "c3", [AGAIN] * 9)
    store.cards.set_suspended("beta", "c3", True)
    leeches = find_leeches(store)
    assert [(c.deck_id, c.card_id, c.suspended) for c in leeches] == [
        ("beta", "c2", False),
        ("alpha", "c0", False),
        ("beta", "c3", True),
    ]
    assert still_drilled(leeches) == 2
    assert leeches[0].deck_title == "Beta"
    assert leeches[0].prompt == "beta 2?"


def test_cram_failures_count_too(store: Store) -> None:
    rate(store, "alpha", "c0", [AGAIN] * 2)
    rate(store, "alpha", "c0", [AGAIN] * 2, start=NOW - timedelta(days=5), mode=ReviewMode.CRAM)
    assert ids(store) == [("alpha", "c0", 4)]


def test_a_reset_is_a_fresh_start(store: Store) -> None:
    rate(store, "alpha", "c0", [AGAIN] * 5)
    store.cards.reset("alpha", "c0", now=NOW - timedelta(days=10))
    assert ids(store) == []
    rate(store, "alpha", "c0", [AGAIN] * 4, start=NOW - timedelta(days=9))
    assert ids(store) == [("alpha", "c0", 4)]


def test_removed_decks_and_retired_cards_are_left_out(store: Store) -> None:
    rate(store, "alpha", "c0", [AGAIN] * 4)
    rate(store, "beta", "c0", [AGAIN] * 4)
    store.decks.remove("beta")
    # Installing alpha without c0 retires it.
    store.decks.install(
        Deck(id="alpha", title="Alpha", cards=(Card(id="c1", prompt="alpha 1?", answer="A."),)),
        source="file",
        content_hash="alpha-2",
        now=NOW,
    )
    assert ids(store) == []


def test_counting_leeches_reads_the_index_of_failures_not_every_card(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A home of 100,000 cards took a fifth of a second to count its leeches when the
    query visited every card for its reviews; the failures are far fewer."""
    rate(store, "alpha", "c0", [AGAIN] * LEECH_FAILURES)
    with plans_of_queries(store, monkeypatch) as plans:
        assert [card.card_id for card in find_leeches(store)] == ["c0"]
    [plan] = plans
    assert any("INDEX reviews_failed" in step for step in plan), plan
    assert not any(step.startswith("SCAN cards") for step in plan), plan
    assert not any(
        step.startswith("SCAN reviews") and "reviews_failed" not in step for step in plan
    )
