"""Readiness at a moment: FSRS's recall of each card then, never-reviewed cards at 0."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prepdeck.domain.cards import Kind
from prepdeck.prep.readiness import readiness
from prepdeck.srs import Rating, SrsScheduler
from prepdeck.store import Store, connect
from tests.domain.histories import install as install_deck
from tests.domain.histories import review

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
SCHEDULER = SrsScheduler(enable_fuzzing=False)
CURVE = SCHEDULER.forgetting_curve()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with connect(tmp_path / "db.sqlite3", backups_dir=tmp_path / "backups") as opened:
        yield opened


def test_each_card_counts_with_the_recall_fsrs_predicts_then(store: Store) -> None:
    install_deck(store, "deck", 3, now=NOW)
    review(store, "deck", "c0", (Rating.GOOD, NOW - timedelta(days=9)))
    review(
        store,
        "deck",
        "c1",
        (Rating.AGAIN, NOW - timedelta(days=20)),
        (Rating.GOOD, NOW - timedelta(days=19)),
        (Rating.EASY, NOW - timedelta(days=12)),
    )
    at = NOW + timedelta(days=3, hours=5)
    report = readiness(store, CURVE, at, limit=3)
    expected = {
        card_id: SCHEDULER.retrievability(store.cards.get("deck", card_id).schedule, at)
        for card_id in ("c0", "c1", "c2")
    }
    got = {card.card_id: card.retrievability for card in report.weakest}
    assert got == pytest.approx(expected, abs=1e-4)
    assert expected["c2"] == 0.0
    assert report.cards == 3 and report.unseen == 1
    assert report.expected_recall == pytest.approx(sum(expected.values()) / 3, abs=1e-4)
    assert (report.weakest[0].card_id, report.weakest[0].prompt) == ("c2", "deck prompt 2?")


@settings(max_examples=25, deadline=None)
@given(
    days=st.lists(st.integers(min_value=1, max_value=60), min_size=1, max_size=4),
    later=st.integers(min_value=1, max_value=400),
)
def test_readiness_falls_as_the_moment_moves_later(
    tmp_path_factory: pytest.TempPathFactory, days: list[int], later: int
) -> None:
    path = tmp_path_factory.mktemp("home")
    with connect(path / "db.sqlite3", backups_dir=path / "backups") as opened:
        install_deck(opened, "deck", len(days), now=NOW)
        for index, ago in enumerate(days):
            review(opened, "deck", f"c{index}", (Rating.GOOD, NOW - timedelta(days=ago)))
        soon = readiness(opened, CURVE, NOW).expected_recall
        late = readiness(opened, CURVE, NOW + timedelta(days=later)).expected_recall
    assert 0 < late <= soon <= 1


def test_means_per_deck_and_kind_and_the_decks_counted(store: Store) -> None:
    install_deck(store, "questions", 2, now=NOW)
    install_deck(store, "scenarios", 2, now=NOW, kind=Kind.SCENARIO)
    install_deck(store, "paused", 1, now=NOW)
    store.decks.set_paused("paused", True)
    review(store, "questions", "c0", (Rating.GOOD, NOW - timedelta(days=1)))
    report = readiness(store, CURVE, NOW)
    assert report.cards == 4 and report.unseen == 3
    assert report.per_deck["scenarios"] == 0.0
    assert report.per_deck["questions"] == pytest.approx(report.expected_recall * 2, abs=1e-3)
    assert set(report.per_kind) == {"question", "scenario"}
    assert "paused" not in report.per_deck
    only = readiness(store, CURVE, NOW, deck_ids=["paused"])
    assert (only.cards, only.unseen, only.expected_recall) == (1, 1, 0.0)


def test_no_cards_is_no_readiness_rather_than_an_error(store: Store) -> None:
    report = readiness(store, CURVE, NOW)
    assert (report.cards, report.expected_recall, report.weakest) == (0, 0.0, [])
