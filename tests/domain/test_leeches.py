"""Leeches: cards forgotten four times or more (lapses) since their last reset."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from tempfile import TemporaryDirectory

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prepdeck.domain.cards import Card, Deck
from prepdeck.domain.leeches import LEECH_LAPSES, is_leech
from prepdeck.srs import Rating, SrsScheduler
from prepdeck.store import ImportedReview, ReviewMode, Store, connect
from prepdeck.study.leeches import find_leeches, still_drilled
from tests.domain.query_plans import plans_of_queries

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
SCHEDULER = SrsScheduler(enable_fuzzing=False)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with opened_store(tmp_path) as opened:
        yield opened


@contextmanager
def opened_store(tmp_path: Path) -> Iterator[Store]:
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

LEARNT = [GOOD, GOOD]
"""Two Goods take a new card through its learning steps into review state."""


def lapses(count: int) -> list[Rating]:
    """A card learnt, then forgotten ``count`` times: each Again of a review card is a
    lapse, and the Good after it brings the card back to review."""
    return LEARNT + [AGAIN, GOOD] * count


def ids(store: Store) -> list[tuple[str, str, int]]:
    return [(card.deck_id, card.card_id, card.lapses) for card in find_leeches(store)]


def test_the_threshold_is_four_lapses() -> None:
    assert LEECH_LAPSES == 4
    assert not is_leech(3)
    assert is_leech(4)


def test_four_lapses_make_a_leech_three_do_not(store: Store) -> None:
    rate(store, "alpha", "c0", lapses(4))
    rate(store, "alpha", "c1", lapses(3))
    assert ids(store) == [("alpha", "c0", 4)]


def test_agains_while_still_learning_are_not_lapses(store: Store) -> None:
    """A new card failed six times on its first day, then learnt, is not a leech: the
    browser shows it with 0 lapses and the leech list must agree."""
    rate(store, "alpha", "c0", [AGAIN] * 6 + LEARNT)
    assert store.cards.get("alpha", "c0").lapses == 0
    assert ids(store) == []


def test_the_failure_count_is_the_lapse_count_the_browser_shows(store: Store) -> None:
    rate(store, "alpha", "c0", [AGAIN] * 3 + lapses(5) + [AGAIN, AGAIN])
    [leech] = find_leeches(store)
    assert leech.lapses == store.cards.get("alpha", "c0").lapses == 6


def test_most_lapses_first_and_suspended_ones_last(store: Store) -> None:
    rate(store, "alpha", "c0", lapses(4))
    rate(store, "beta", "c2", lapses(6))
    rate(store, "beta", "c3", lapses(9))
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


def test_only_cram_reviews_that_changed_the_schedule_count(store: Store) -> None:
    rate(store, "alpha", "c0", lapses(2))
    cram_start = NOW - timedelta(days=5)
    rate(store, "alpha", "c0", [AGAIN] * 4, start=cram_start, mode=ReviewMode.CRAM)
    assert ids(store) == []
    store.reviews.import_reviews(
        [
            ImportedReview(
                "alpha",
                "c0",
                rating,
                cram_start + timedelta(days=1, hours=index),
                mode=ReviewMode.CRAM,
                applied=True,
            )
            for index, rating in enumerate([AGAIN, GOOD, AGAIN, GOOD])
        ],
        scheduler=SCHEDULER,
        day_of=lambda moment: moment.date(),
    )
    assert ids(store) == [("alpha", "c0", 4)]


def test_a_reset_is_a_fresh_start(store: Store) -> None:
    rate(store, "alpha", "c0", lapses(5))
    store.cards.reset("alpha", "c0", now=NOW - timedelta(days=10))
    assert ids(store) == []
    rate(store, "alpha", "c0", lapses(4), start=NOW - timedelta(days=9))
    assert ids(store) == [("alpha", "c0", 4)]


def test_undoing_a_lapse_takes_it_back(store: Store) -> None:
    rate(store, "alpha", "c0", lapses(4))
    assert ids(store) == [("alpha", "c0", 4)]
    for _ in range(2):  # the Good after the fourth lapse, then the fourth lapse
        latest = store.reviews.of_card("alpha", "c0")[-1]
        store.reviews.undo(latest.review_id)
    assert ids(store) == []


@settings(max_examples=30, deadline=None)
@given(st.lists(st.sampled_from(list(Rating)), max_size=24))
def test_a_card_is_a_leech_exactly_when_its_lapses_say_so(ratings: list[Rating]) -> None:
    """Whatever the grades, the leech list and the card's own lapse count agree."""
    with TemporaryDirectory() as where, opened_store(Path(where)) as store:
        rate(store, "alpha", "c0", ratings)
        card = store.cards.get("alpha", "c0")
        listed = {(leech.card_id, leech.lapses) for leech in find_leeches(store)}
        assert listed == ({("c0", card.lapses)} if is_leech(card.lapses) else set())


def test_removed_decks_and_retired_cards_are_left_out(store: Store) -> None:
    rate(store, "alpha", "c0", lapses(4))
    rate(store, "beta", "c0", lapses(4))
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
    rate(store, "alpha", "c0", lapses(LEECH_LAPSES))
    with plans_of_queries(store, monkeypatch) as plans:
        assert [card.card_id for card in find_leeches(store)] == ["c0"]
    [plan] = plans
    assert any("INDEX reviews_failed" in step for step in plan), plan
    assert not any(step.startswith("SCAN cards") for step in plan), plan
    assert not any(
        step.startswith("SCAN reviews") and "reviews_failed" not in step for step in plan
    )
