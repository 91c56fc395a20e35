"""The queue and the counts: what a drill would show, and the figures of a deck list."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prepdeck.domain.cards import Card, Deck, Kind
from prepdeck.srs import CardState, Rating, SrsScheduler, State
from prepdeck.store import DeckCounts, ImportedReview, QueueCard, StateCounts, Store, connect
from prepdeck.store.codec import StateColumns, state_from_columns
from prepdeck.store.queue import _queue_card, _queue_cards
from tests.domain.query_plans import plans_of_queries

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
TODAY = date(2026, 11, 25)
SCHEDULER = SrsScheduler(enable_fuzzing=False)


def make_deck(deck_id: str, count: int) -> Deck:
    return Deck(
        id=deck_id,
        title=deck_id.title(),
        cards=tuple(Card(id=f"c{i}", prompt=f"{deck_id} {i}?", answer="A.") for i in range(count)),
    )


def day_of(moment: datetime) -> date:
    return moment.date()


def give_history(store: Store, deck_id: str, card_id: str, *steps: tuple[Rating, datetime]) -> None:
    store.reviews.import_reviews(
        [ImportedReview(deck_id, card_id, rating, at) for rating, at in steps],
        scheduler=SCHEDULER,
        day_of=day_of,
    )


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with connect(tmp_path / "db.sqlite3", backups_dir=tmp_path / "backups") as opened:
        opened.decks.install(make_deck("alpha", 4), source="file", content_hash="a", now=NOW)
        opened.decks.install(make_deck("beta", 3), source="file", content_hash="b", now=NOW)
        yield opened


def keys(cards: Sequence[QueueCard]) -> list[tuple[str, str]]:
    return [(c.deck_id, c.card_id) for c in cards]


def test_new_cards_take_turns_by_deck_each_in_file_order(store: Store) -> None:
    assert keys(store.queue.new(TODAY, limit=5)) == [
        ("alpha", "c0"),
        ("beta", "c0"),
        ("alpha", "c1"),
        ("beta", "c1"),
        ("alpha", "c2"),
    ]
    assert keys(store.queue.new(TODAY, limit=2, deck_ids=["beta"])) == [
        ("beta", "c0"),
        ("beta", "c1"),
    ]
    assert all(c.schedule is None for c in store.queue.new(TODAY, limit=10))


def test_a_decks_own_new_limit_only_lowers_its_turns(store: Store) -> None:
    assert keys(store.queue.new(TODAY, limit=5, deck_limits={"alpha": 1})) == [
        ("alpha", "c0"),
        ("beta", "c0"),
        ("beta", "c1"),
        ("beta", "c2"),
    ]
    assert keys(store.queue.new(TODAY, limit=3, deck_limits={"beta": 0})) == [
        ("alpha", "c0"),
        ("alpha", "c1"),
        ("alpha", "c2"),
    ]


def test_new_cards_are_dealt_from_more_decks_than_one_query_can_hold(tmp_path: Path) -> None:
    # SQLite caps a compound SELECT at 500 parts; a home can hold more decks than that.
    with connect(tmp_path / "db.sqlite3", backups_dir=tmp_path / "backups") as opened:
        deck_ids = [f"deck-{index:03}" for index in range(520)]
        for deck_id in deck_ids:
            opened.decks.install(
                make_deck(deck_id, 2), source="file", content_hash=deck_id, now=NOW
            )
        first_round = keys(opened.queue.new(TODAY, limit=520))
        assert first_round == [(deck_id, "c0") for deck_id in deck_ids]
        two_rounds = keys(opened.queue.new(TODAY, limit=1040))
        assert two_rounds[520:] == [(deck_id, "c1") for deck_id in deck_ids]


@settings(max_examples=40, deadline=None)
@given(
    sizes=st.lists(st.integers(min_value=0, max_value=6), min_size=1, max_size=4),
    own=st.lists(st.one_of(st.none(), st.integers(min_value=0, max_value=6)), min_size=4),
    limit=st.integers(min_value=0, max_value=20),
)
def test_new_cards_are_dealt_like_cards_round_a_table(
    sizes: list[int], own: list[int | None], limit: int
) -> None:
    """Each deck gives its first cards in file order, never more than its own limit; the
    decks take turns, so no deck gets a second card before every deck with cards left has
    had a first."""
    with (
        tempfile.TemporaryDirectory() as folder,
        connect(Path(folder) / "db.sqlite3", backups_dir=Path(folder) / "backups") as opened,
    ):
        deck_ids = [f"deck-{index}" for index in range(len(sizes))]
        for deck_id, size in zip(deck_ids, sizes, strict=True):
            if size:
                opened.decks.install(
                    make_deck(deck_id, size), source="file", content_hash=deck_id, now=NOW
                )
        deck_limits = {
            deck_id: cap for deck_id, cap in zip(deck_ids, own, strict=False) if cap is not None
        }
        dealt = keys(opened.queue.new(TODAY, limit=limit, deck_limits=deck_limits))
    room = {
        deck_id: min(size, deck_limits.get(deck_id, size))
        for deck_id, size in zip(deck_ids, sizes, strict=True)
    }
    assert len(dealt) == min(limit, sum(room.values()))
    for deck_id, size in room.items():
        mine = [card_id for dealt_deck, card_id in dealt if dealt_deck == deck_id]
        assert mine == [f"c{index}" for index in range(len(mine))]
        assert len(mine) <= size
    for turn, (deck_id, _) in enumerate(dealt):
        earlier = [dealt_deck for dealt_deck, _ in dealt[:turn]]
        rounds = earlier.count(deck_id)
        assert all(earlier.count(other) >= rounds for other, size in room.items() if size > rounds)


def test_learning_cards_come_first_then_the_least_retrievable(store: Store) -> None:
    month_ago = NOW - timedelta(days=30)
    give_history(store, "alpha", "c0", (Rating.EASY, month_ago))  # long overdue
    give_history(store, "alpha", "c1", (Rating.EASY, NOW - timedelta(days=9)))  # just due
    give_history(store, "beta", "c0", (Rating.AGAIN, NOW - timedelta(minutes=30)))  # learning
    give_history(store, "beta", "c1", (Rating.EASY, NOW - timedelta(days=2)))  # not due

    due = store.queue.due(NOW, TODAY)

    assert keys(due) == [("beta", "c0"), ("alpha", "c0"), ("alpha", "c1")]
    assert due[0].schedule is not None and due[0].schedule.state == State.LEARNING
    r = [SCHEDULER.retrievability(c.schedule, NOW) for c in due[1:]]
    assert r == sorted(r)
    assert keys(store.queue.due(NOW, TODAY, limit=2)) == keys(due)[:2]
    assert keys(store.queue.due(NOW, TODAY, deck_ids=["alpha"])) == keys(due)[1:]
    assert store.queue.new(TODAY, limit=10, deck_ids=["beta"])[0].card_id == "c2"


def test_suspended_buried_retired_removed_and_paused_cards_stay_out(store: Store) -> None:
    long_ago = NOW - timedelta(days=60)
    for deck_id, card_id in [("alpha", "c0"), ("alpha", "c1"), ("alpha", "c2"), ("beta", "c0")]:
        give_history(store, deck_id, card_id, (Rating.EASY, long_ago))
    store.cards.set_suspended("alpha", "c0", True)
    store.cards.bury("alpha", "c1", TODAY + timedelta(days=1))
    store.cards.bury("alpha", "c3", TODAY + timedelta(days=1))
    store.decks.install(
        Deck(id="alpha", title="Alpha", cards=make_deck("alpha", 4).cards[1:]),
        source="file",
        content_hash="a2",
        now=NOW,
    )  # retires c0 as well
    store.decks.set_paused("beta", True)

    assert keys(store.queue.due(NOW, TODAY)) == [("alpha", "c2")]
    assert keys(store.queue.new(TODAY, limit=10)) == []
    # Tomorrow the buried cards are back; unpausing brings beta back.
    tomorrow = TODAY + timedelta(days=1)
    assert keys(store.queue.due(NOW, tomorrow)) == [("alpha", "c1"), ("alpha", "c2")]
    assert keys(store.queue.new(tomorrow, limit=10)) == [("alpha", "c3")]
    store.decks.set_paused("beta", False)
    store.cards.unbury("alpha", "c1")
    store.decks.remove("alpha")
    assert keys(store.queue.due(NOW, TODAY)) == [("beta", "c0")]


def test_deck_counts_mean_what_the_user_guide_says_of_the_deck_list(store: Store) -> None:
    give_history(store, "alpha", "c0", (Rating.EASY, NOW - timedelta(days=60)))
    give_history(store, "alpha", "c1", (Rating.AGAIN, NOW - timedelta(minutes=30)))
    give_history(store, "alpha", "c2", (Rating.EASY, NOW))
    store.cards.set_suspended("beta", "c0", True)
    store.cards.bury("beta", "c1", TODAY + timedelta(days=1))

    counts = store.figures.deck_counts(NOW, TODAY)

    assert counts == {
        "alpha": DeckCounts(cards=4, due=2, new=1),
        "beta": DeckCounts(cards=3, due=0, new=1),
    }
    assert store.figures.new_introduced(TODAY) == {"alpha": 2}
    assert store.figures.new_introduced(TODAY - timedelta(days=60)) == {"alpha": 1}


def test_state_counts_put_each_card_in_one_bucket(store: Store) -> None:
    give_history(store, "alpha", "c0", (Rating.EASY, NOW - timedelta(days=60)))
    give_history(store, "alpha", "c1", (Rating.GOOD, NOW))
    give_history(store, "alpha", "c2", (Rating.EASY, NOW - timedelta(days=60)), (Rating.AGAIN, NOW))
    store.cards.set_suspended("beta", "c0", True)
    store.cards.bury("beta", "c1", TODAY + timedelta(days=1))
    store.decks.install(
        Deck(id="beta", title="Beta", cards=make_deck("beta", 3).cards[:2]),
        source="file",
        content_hash="b2",
        now=NOW,
    )

    assert store.figures.state_counts(TODAY) == StateCounts(
        new=1, learning=1, review=1, relearning=1, suspended=1, buried=1, retired=1
    )
    assert store.figures.state_counts(TODAY, deck_id="beta") == StateCounts(
        suspended=1, buried=1, retired=1
    )


def test_the_forecast_counts_due_cards_per_span(store: Store) -> None:
    give_history(store, "alpha", "c0", (Rating.EASY, NOW - timedelta(days=60)))  # overdue
    give_history(store, "alpha", "c1", (Rating.EASY, NOW))  # due in about 8 days
    give_history(store, "beta", "c0", (Rating.AGAIN, NOW))  # due in a minute
    ends = [NOW + timedelta(days=d) for d in range(1, 11)]

    forecast = store.figures.due_forecast(ends)

    eight = store.cards.get("alpha", "c1").schedule
    assert eight is not None
    span = next(i for i, end in enumerate(ends) if eight.due <= end)
    expected = [0] * 10
    expected[0] = 2
    expected[span] += 1
    assert forecast == expected
    assert store.figures.due_forecast(ends, deck_ids=["beta"])[0] == 1
    assert store.figures.due_forecast([]) == []


cards_histories = st.lists(
    st.lists(
        st.tuples(st.sampled_from(list(Rating)), st.integers(min_value=60, max_value=90 * 86_400)),
        max_size=4,
    ),
    min_size=1,
    max_size=12,
)


@settings(max_examples=30, deadline=None)
@given(cards_histories, st.integers(min_value=0, max_value=120 * 86_400))
def test_the_due_queue_is_every_due_card_in_retrievability_order(
    histories: list[list[tuple[Rating, int]]], wait: int
) -> None:
    start = NOW - timedelta(days=200)
    now = start + timedelta(seconds=wait)
    with (
        tempfile.TemporaryDirectory() as scratch,
        connect(Path(scratch) / "db.sqlite3", backups_dir=Path(scratch)) as store,
    ):
        store.decks.install(
            make_deck("deck", len(histories)), source="f", content_hash="h", now=NOW
        )
        for index, history in enumerate(histories):
            at, steps = start, []
            for rating, gap in history:
                at += timedelta(seconds=gap)
                steps.append((rating, at))
            if steps:
                give_history(store, "deck", f"c{index}", *steps)

        due = store.queue.due(now, now.date())

        cards = store.decks.cards("deck")
        expected = {c.card_id for c in cards if c.schedule is not None and c.schedule.due <= now}
        assert {c.card_id for c in due} == expected
        stepping = [c for c in due if c.schedule is not None and c.schedule.state != State.REVIEW]
        assert due[: len(stepping)] == stepping
        assert [c.schedule.due for c in stepping] == sorted(c.schedule.due for c in stepping)  # type: ignore[union-attr]
        r = [SCHEDULER.retrievability(c.schedule, now) for c in due[len(stepping) :]]
        assert r == sorted(r)


def test_reviews_done_counts_reviews_of_cards_in_review_state(store: Store) -> None:
    give_history(store, "alpha", "c0", (Rating.EASY, NOW - timedelta(days=30)), (Rating.GOOD, NOW))
    give_history(
        store, "alpha", "c1", (Rating.AGAIN, NOW), (Rating.GOOD, NOW + timedelta(minutes=1))
    )
    give_history(store, "beta", "c0", (Rating.EASY, NOW - timedelta(days=30)), (Rating.HARD, NOW))

    # c1 was new, then in a learning step: neither counts against the review limit.
    assert store.figures.reviews_done(TODAY) == {"alpha": 1, "beta": 1}
    assert store.figures.reviews_done(TODAY - timedelta(days=30)) == {}


def test_next_due_is_the_first_card_to_fall_due_after_now(store: Store) -> None:
    assert store.queue.next_due(NOW) is None
    give_history(store, "alpha", "c0", (Rating.EASY, NOW - timedelta(days=60)))  # overdue
    give_history(store, "alpha", "c1", (Rating.AGAIN, NOW))  # a minute from now
    give_history(store, "beta", "c0", (Rating.EASY, NOW))  # days from now
    in_a_minute = store.cards.get("alpha", "c1").schedule
    in_days = store.cards.get("beta", "c0").schedule
    assert in_a_minute is not None and in_days is not None

    assert store.queue.next_due(NOW) == in_a_minute.due
    assert store.queue.next_due(NOW, deck_ids=["beta"]) == in_days.due
    store.cards.set_suspended("alpha", "c1", True)
    assert store.queue.next_due(NOW) == in_days.due


def test_kinds_are_looked_up_by_card_number(store: Store) -> None:
    store.decks.install(
        Deck(
            id="mixed",
            title="Mixed",
            cards=(
                Card(id="q", prompt="Q?", answer="A."),
                Card(id="s", prompt="S?", answer="A.", kind=Kind.SCENARIO),
            ),
        ),
        source="file",
        content_hash="m",
        now=NOW,
    )
    question, scenario = (store.cards.get("mixed", card_id).no for card_id in ("q", "s"))
    assert store.cards.kinds([scenario, question, 999_999]) == {
        question: Kind.QUESTION,
        scenario: Kind.SCENARIO,
    }
    assert store.cards.kinds([]) == {}


def test_cards_in_a_learning_step_are_read_from_their_index_alone(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    give_history(store, "beta", "c0", (Rating.AGAIN, NOW - timedelta(minutes=30)))
    with plans_of_queries(store, monkeypatch) as plans:
        learning = store.queue.learning(NOW, TODAY)
    assert keys(learning) == [("beta", "c0")]
    assert learning[0].schedule == store.cards.get("beta", "c0").schedule
    (plan,) = plans
    assert any("USING COVERING INDEX cards_learning" in step for step in plan), plan
    assert not any("PRIMARY KEY" in step for step in plan), plan  # no card's row


def test_new_cards_are_read_through_the_new_card_index(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    with plans_of_queries(store, monkeypatch) as plans:
        store.queue.new(TODAY, limit=3)
    # The live decks first, then one range of the index for each of the two decks, read
    # alone and already in the order the cards are dealt (schema version 19).
    _decks, *dealt = plans
    assert len(dealt) == 2, plans
    for plan in dealt:
        assert any("USING COVERING INDEX cards_new" in step for step in plan), plan
        assert not any(step.startswith("SCAN cards") for step in plan), plan
        assert not any("TEMP B-TREE" in step for step in plan), plan


@pytest.mark.parametrize(
    "columns",
    [
        (None, None, None, None, None, None),
        (1, 0, 0.4, 5.1, "2026-11-25T09:10:00.000000+00:00", "2026-11-25T09:00:00.000000+00:00"),
        (2, None, 12.5, 4.2, "2026-12-07T09:00:00.000000+00:00", None),
        (3, 0, 1.5, 7.9, "2026-11-25T09:10:00.000000+00:00", "2026-11-25T09:00:00.000000+00:00"),
    ],
)
def test_a_queue_row_gets_the_schedule_the_codec_reads(columns: StateColumns) -> None:
    """The queue builds schedules itself, for speed: they must be the codec's."""
    card = _queue_card(7, "alpha", "c0", *columns)
    assert card == QueueCard(7, "alpha", "c0", state_from_columns(*columns))
    assert _queue_card(7, "alpha", "c0", *columns, 4.5) == card
    # The mapping of many rows at once builds the same, of the same types.
    [many, ranked] = _queue_cards([(7, "alpha", "c0", *columns), (7, "alpha", "c0", *columns, 4.5)])
    assert many == ranked == card
    assert type(many) is QueueCard
    assert many.schedule is None or type(many.schedule) is CardState
