"""Readiness of several interviews at once: each at its own time, over its own decks, the
same figure whether read on the home's connection or on one of a thread's own."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from prepdeck.clock import FixedClock
from prepdeck.paths import locations
from prepdeck.prep.readiness import Readiness
from prepdeck.services import Services, open_services
from prepdeck.srs import Rating
from tests.domain.histories import install, review

NOW = datetime(2026, 12, 3, 10, 0, tzinfo=UTC)


@pytest.fixture
def home(tmp_path: Path) -> Iterator[Services]:
    with open_services(
        locations(tmp_path), clock=FixedClock(NOW), sync_bundled=False, fuzzing=False
    ) as services:
        store = services._store
        install(store, "questions", 4, now=NOW)
        install(store, "design", 2, now=NOW)
        for card_id in ("c0", "c1", "c2"):
            review(store, "questions", card_id, (Rating.GOOD, NOW - timedelta(days=3)))
        review(store, "design", "c0", (Rating.EASY, NOW - timedelta(days=1)))
        yield services


def test_each_interview_is_measured_at_its_time_over_its_decks(home: Services) -> None:
    soon = home.interviews.add("Soon", NOW + timedelta(days=1), decks=["questions"])
    late = home.interviews.add("Late", NOW + timedelta(days=30))
    home.interviews.need("Late", "Kafka")
    late = home.interviews.get("Late")
    measured = home.interview_readiness([soon, late])
    assert list(measured) == ["Soon", "Late"]
    assert measured["Soon"] == home.readiness(soon.at, deck_ids=("questions",), limit=0)
    assert measured["Late"] == home.readiness(late.at, deck_ids=late.studied_decks, limit=0)
    # Its need is a card never reviewed, counted at 0 with the decks of every other kind;
    # so is the pitch card in my-pitch, which the first interview brought.
    assert measured["Late"].cards == 8 and measured["Late"].unseen == 4
    assert set(measured["Late"].per_deck) == {
        "questions",
        "design",
        "my-pitch",
        "my-interview-late",
    }
    assert measured["Late"].weakest == []
    assert 0 < measured["Late"].expected_recall < measured["Soon"].expected_recall


def test_a_thread_measures_on_a_connection_of_its_own_and_gets_the_same(
    home: Services,
) -> None:
    interview = home.interviews.add("Acme", NOW + timedelta(days=2))
    results: list[dict[str, Readiness]] = []
    worker = threading.Thread(
        target=lambda: results.append(home.interview_readiness_apart([interview]))
    )
    worker.start()
    worker.join()
    assert results == [home.interview_readiness([interview])]
    # The home's own connection is still the one it uses.
    assert home.interviews.get("acme").name == "Acme"
