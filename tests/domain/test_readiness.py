"""Readiness at a moment: FSRS's recall of each card then, never-reviewed cards at 0."""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prepdeck.domain.cards import Card, Deck, Kind
from prepdeck.prep.readiness import Readiness, WeakCard, readiness
from prepdeck.srs import Rating, SrsScheduler
from prepdeck.store import Store, connect, db
from prepdeck.store.codec import time_text
from prepdeck.store.db import Db
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


def test_a_card_reviewed_after_the_moment_counts_as_reviewed_that_moment(store: Store) -> None:
    install_deck(store, "deck", 1, now=NOW)
    review(store, "deck", "c0", (Rating.GOOD, NOW))
    report = readiness(store, CURVE, NOW - timedelta(days=3), limit=1)
    assert report.expected_recall == 1.0 and report.weakest[0].retrievability == 1.0


DAY_MS = 86_400_000
AT = NOW + timedelta(days=30, hours=7)
AT_MS = int(AT.timestamp() * 1000)


def brute_force(store: Store, at: datetime, deck_ids: list[str] | None, limit: int) -> Readiness:
    """Readiness as first written: every card read and scored in Python, one at a time."""
    chosen = (
        "decks.paused = 0"
        if deck_ids is None
        else f"decks.id IN ({', '.join('?' * len(deck_ids))})"
    )
    connection = sqlite3.connect(store.path)
    rows = connection.execute(
        "SELECT cards.deck_id, cards.card_id, cards.kind, cards.stability, cards.last_review_ms, "
        "cards.prompt FROM cards JOIN decks ON decks.id = cards.deck_id "
        f"WHERE cards.retired = 0 AND decks.removed = 0 AND {chosen}",
        tuple(deck_ids or ()),
    ).fetchall()
    connection.close()
    at_ms = int(at.timestamp() * 1000)
    scored = []
    prompts = {}
    by_deck: dict[str, list[float]] = defaultdict(list)
    by_kind: dict[str, list[float]] = defaultdict(list)
    unseen = 0
    for deck_id, card_id, kind, stability, last_review_ms, prompt in rows:
        if stability is None or last_review_ms is None:
            value = 0.0
            unseen += 1
        else:
            value = CURVE.recall(stability, (at_ms - last_review_ms) // DAY_MS)
        scored.append((value, deck_id, card_id))
        prompts[deck_id, card_id] = prompt
        by_deck[deck_id].append(value)
        by_kind[kind].append(value)
    scored.sort()

    def mean(values: list[float]) -> float:
        return round(sum(values) / len(values), 4) if values else 0.0

    return Readiness(
        at=at.isoformat(),
        cards=len(scored),
        unseen=unseen,
        expected_recall=mean([value for value, _, _ in scored]),
        weakest=[
            WeakCard(deck_id, card_id, prompts[deck_id, card_id], round(value, 4))
            for value, deck_id, card_id in scored[: max(0, limit)]
        ],
        per_deck={deck: mean(values) for deck, values in sorted(by_deck.items())},
        per_kind={kind: mean(values) for kind, values in sorted(by_kind.items())},
    )


class DrawnCard(NamedTuple):
    kind: Kind
    stability: float | None
    age_ms: int | None
    """Milliseconds from the last review to the moment (negative: reviewed after it)."""
    retired: bool
    suspended: bool


class DrawnDeck(NamedTuple):
    cards: list[DrawnCard]
    state: str
    """active, paused or removed."""


# A few stabilities and ages recur, so that cards tie; whole days end at the moment's
# millisecond, so ages either side of a day boundary count different days.
_STABILITY = st.sampled_from([0.5, 2.3065, 3.1262, 10.0, 20.0]) | st.floats(
    min_value=0.01, max_value=36_500, allow_nan=False
)
_AGE_MS = st.sampled_from(
    [-3 * DAY_MS, -1, 0, 1, DAY_MS - 1, DAY_MS, 7 * DAY_MS, 20 * DAY_MS]
) | st.integers(min_value=-5 * DAY_MS, max_value=3_000 * DAY_MS)
# Mostly reviewed or not; now and then a stability without a last review or the
# reverse, which FSRS never leaves but the rule counts as never reviewed.
_SCHEDULE = (
    st.sampled_from([(None, None)])
    | st.tuples(_STABILITY, _AGE_MS)
    | st.one_of(st.tuples(st.none(), _AGE_MS), st.tuples(_STABILITY, st.none()))
)
_CARD = st.builds(
    lambda kind, schedule, retired, suspended: DrawnCard(
        kind, schedule[0], schedule[1], retired, suspended
    ),
    st.sampled_from(list(Kind)),
    _SCHEDULE,
    st.booleans(),
    st.booleans(),
)
_DECK = st.builds(
    DrawnDeck,
    st.lists(_CARD, max_size=12),
    st.sampled_from(["active", "active", "paused", "removed"]),
)


def _write(store: Store, decks: list[DrawnDeck]) -> None:
    """Decks ``d0``, ``d1``, ... of cards ``c0``, ``c1``, ... as drawn, their schedules
    written straight into the database."""
    for number, drawn in enumerate(decks):
        deck_id = f"d{number}"
        cards = tuple(
            Card(id=f"c{index}", prompt=f"{deck_id} {index}?", answer="A.", kind=card.kind)
            for index, card in enumerate(drawn.cards)
        )
        store.decks.install(
            Deck(id=deck_id, title=deck_id, cards=cards),
            source="file",
            content_hash=deck_id,
            now=NOW - timedelta(days=400),
        )
        rows = []
        for index, card in enumerate(drawn.cards):
            reviewed = card.stability is not None or card.age_ms is not None
            last_review_ms = None if card.age_ms is None else AT_MS - card.age_ms
            last_review = (
                None
                if last_review_ms is None
                else time_text(datetime.fromtimestamp(last_review_ms / 1000, UTC))
            )
            rows.append(
                (
                    2 if reviewed else None,
                    card.stability,
                    5.0 if reviewed else None,
                    time_text(AT) if reviewed else None,
                    last_review,
                    last_review_ms,
                    int(card.retired),
                    int(card.suspended),
                    deck_id,
                    f"c{index}",
                )
            )
        store._db.connection.executemany(
            "UPDATE cards SET state = ?, stability = ?, difficulty = ?, due = ?, "
            "last_review = ?, last_review_ms = ?, retired = ?, suspended = ? "
            "WHERE deck_id = ? AND card_id = ?",
            rows,
        )
        if drawn.state == "paused":
            store.decks.set_paused(deck_id, True)
        elif drawn.state == "removed":
            store.decks.remove(deck_id)


@settings(max_examples=60, deadline=None)
@given(
    decks=st.lists(_DECK, min_size=1, max_size=4),
    deck_ids=st.none() | st.lists(st.sampled_from(["d0", "d1", "d2", "d3", "gone"]), max_size=3),
    limit=st.integers(min_value=-1, max_value=30),
)
def test_the_figures_are_those_of_scoring_every_card_in_python(
    tmp_path_factory: pytest.TempPathFactory,
    decks: list[DrawnDeck],
    deck_ids: list[str] | None,
    limit: int,
) -> None:
    path = tmp_path_factory.mktemp("home")
    with connect(path / "db.sqlite3", backups_dir=path / "backups") as opened:
        _write(opened, decks)
        expected = brute_force(opened, AT, deck_ids, limit)
        assert readiness(opened, CURVE, AT, deck_ids=deck_ids, limit=limit) == expected
        # The same with the pow() given to SQLite built without its math functions.
        db.add_pow(opened._db.connection)
        assert readiness(opened, CURVE, AT, deck_ids=deck_ids, limit=limit) == expected


def test_sqlite_without_pow_gets_one_written_in_python(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[float | None, float | None]] = []
    python_pow = db.python_pow

    def counted(base: float | None, exponent: float | None) -> float | None:
        calls.append((base, exponent))
        return python_pow(base, exponent)

    monkeypatch.setattr(db, "has_pow", lambda connection: False)
    monkeypatch.setattr(db, "python_pow", counted)
    with connect(tmp_path / "db.sqlite3", backups_dir=tmp_path / "backups") as opened:
        install_deck(opened, "deck", 2, now=NOW)
        review(opened, "deck", "c0", (Rating.GOOD, NOW - timedelta(days=9)))
        report = readiness(opened, CURVE, NOW, limit=2)
        schedule = opened.cards.get("deck", "c0").schedule
    assert calls
    assert [card.card_id for card in report.weakest] == ["c1", "c0"]
    assert report.weakest[1].retrievability == round(CURVE.recall_at(schedule, NOW), 4)


def test_readiness_reads_the_index_and_no_card_text_but_the_weakest_prompts(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reading every card's row from the table took twice as long as the whole
    readiness may take."""
    install_deck(store, "questions", 30, now=NOW)
    install_deck(store, "scenarios", 30, now=NOW, kind=Kind.SCENARIO)
    for deck_id in ("questions", "scenarios"):
        for index in range(0, 30, 3):
            review(store, deck_id, f"c{index}", (Rating.GOOD, NOW - timedelta(days=index)))
    queries: list[tuple[str, Any]] = []
    rows, one = Db.rows, Db.one

    def spy_rows(self: Db, sql: str, parameters: Any = ()) -> list[tuple[Any, ...]]:
        queries.append((sql, parameters))
        return rows(self, sql, parameters)

    def spy_one(self: Db, sql: str, parameters: Any = ()) -> tuple[Any, ...] | None:
        queries.append((sql, parameters))
        return one(self, sql, parameters)

    monkeypatch.setattr(Db, "rows", spy_rows)
    monkeypatch.setattr(Db, "one", spy_one)
    report = readiness(store, CURVE, NOW + timedelta(days=5), limit=45)
    assert report.weakest[-1].retrievability > 0  # reviewed cards among the weakest too
    connection = sqlite3.connect(store.path)
    try:
        plans = [
            [row[3] for row in connection.execute("EXPLAIN QUERY PLAN " + sql, parameters)]
            for sql, parameters in queries
        ]
    finally:
        connection.close()
    reads = [step for plan in plans for step in plan if " cards " in f"{step} "]
    by_number = [step for step in reads if "INTEGER PRIMARY KEY" in step]
    assert len(by_number) == 1, reads  # the prompts of the weakest
    assert all("COVERING INDEX cards_memory" in step for step in reads if step not in by_number)
    # The cards never reviewed and the reviewed ones are each a range of the index (schema
    # version 19 keys it by the expression the queries name), not a pass over the deck.
    assert any("kind=? AND <expr>=?" in step for step in reads), reads
