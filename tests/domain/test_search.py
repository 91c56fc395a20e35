"""Card search: the query language, and SQL results that agree with a plain reading."""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prepdeck.domain.cards import Card, Deck, Kind
from prepdeck.domain.leeches import is_leech
from prepdeck.errors import QueryError
from prepdeck.srs import CardState, Rating, State
from prepdeck.store import Store, StoredCard, connect
from prepdeck.store.search import (
    CardQuery,
    CardStatus,
    parse_query,
    search_sql,
)

NOW = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)
TODAY = date(2026, 11, 25)
WORDS = ("outage", "budget", "mentor", "Risk", "rollout", "ticket", "estimate")
TAGS = ("behavioral", "tech", "leadership", "Remote")
DECKS = ("alpha", "beta", "gamma", "hidden")
CARDS_PER_DECK = 900


# -- the query language ------------------------------------------------------------------


def test_words_and_filters_are_told_apart() -> None:
    query = parse_query('conflict "hard feedback" tag:behavioral kind:scenario is:new deck:Basics')
    assert query == CardQuery(
        words=("conflict", "hard feedback"),
        tags=("behavioral",),
        kinds=(Kind.SCENARIO,),
        states=(CardStatus.NEW,),
        deck_ids=("basics",),
    )


def test_comma_lists_repeats_short_kinds_and_due() -> None:
    query = parse_query("kind:question,need kind:s is:suspended,buried is:due tag:a tag:b")
    assert query.kinds == (Kind.QUESTION, Kind.COMPANY_NEED, Kind.SCENARIO)
    assert query.states == (CardStatus.SUSPENDED, CardStatus.BURIED)
    assert query.due is True
    assert query.tags == ("a", "b")


def test_is_leech_is_a_flag_beside_the_states() -> None:
    query = parse_query("is:suspended,leech conflict")
    assert query.states == (CardStatus.SUSPENDED,)
    assert query.leech is True
    assert parse_query("is:LEECH") == CardQuery(leech=True)
    assert parse_query("is:new").leech is False


def test_a_colon_that_is_not_a_filter_is_text() -> None:
    query = parse_query('https://example.org "note:" 10:30 Tag:"system design"')
    assert query.words == ("https://example.org", "note:", "10:30")
    assert query.tags == ("system design",)


def test_an_empty_line_is_every_card() -> None:
    assert parse_query("   ") == CardQuery()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("kind:story", "kind:story: no such kind; kinds: question, scenario, company-need"),
        ("is:sleeping", "is:sleeping: no such state; states: new, learning, review"),
        ("tag:", "tag: needs a value, e.g. tag:behavioral"),
        ("is:,", "is: needs a value, e.g. is:suspended"),
    ],
)
def test_unknown_kinds_and_states_are_one_line_errors(text: str, message: str) -> None:
    with pytest.raises(QueryError) as raised:
        parse_query(text)
    assert str(raised.value).startswith(message)
    assert "\n" not in str(raised.value)


# -- a store with every kind of card --------------------------------------------------------


@dataclass(frozen=True)
class Reference:
    """What the test knows about each card, to check the SQL against."""

    cards: list[StoredCard]
    removed: set[str]


def _text(rng: random.Random, count: int) -> str:
    return " ".join(
        rng.choice(WORDS).lower() if rng.random() < 0.5 else "filler" for _ in range(count)
    )


def _schedule(rng: random.Random) -> CardState:
    state = rng.choice(list(State))
    due = NOW + timedelta(hours=rng.choice((-48, -1, 2, 72)))
    return CardState(
        state=state,
        step=None if state is State.REVIEW else 0,
        stability=3.0,
        difficulty=5.0,
        due=due,
        last_review=NOW - timedelta(days=3),
    )


def _lapse(store: Store, deck_id: str, card_id: str, times: int) -> None:
    """Forget a card in review state ``times`` times; it stays in review state."""
    for _ in range(times):
        store.reviews.record(
            deck_id,
            card_id,
            rating=Rating.AGAIN,
            reviewed_at=NOW - timedelta(days=2),
            day=TODAY - timedelta(days=2),
            outcome=_unchanged,
        )


def _unchanged(schedule: CardState | None, _at: datetime) -> CardState:
    assert schedule is not None
    return schedule


def _build(store: Store) -> Reference:
    rng = random.Random(20261125)
    # Its own generator, so the cards and states drawn above stay what they were.
    lapses = random.Random(4)
    for deck_id in DECKS:
        cards = tuple(
            Card(
                id=f"{deck_id}-{number}",
                prompt=f"{deck_id} {number}: {_text(rng, 4)}?",
                answer=_text(rng, 6) + (" 100% sure_thing" if number % 97 == 0 else ""),
                kind=rng.choice(list(Kind)),
                points=tuple(_text(rng, 2) for _ in range(rng.randint(0, 2))),
                tags=tuple(rng.sample(TAGS, rng.randint(0, 2))),
            )
            for number in range(CARDS_PER_DECK)
        )
        # Listed in reverse, so file order differs from the order of card numbers.
        store.decks.install(
            Deck(id=deck_id, title=deck_id, cards=cards[::-1]),
            source="file",
            content_hash=deck_id,
            now=NOW,
        )
        # The first cards drop out of the deck file: retired.
        store.decks.install(
            Deck(id=deck_id, title=deck_id, cards=cards[20:][::-1]),
            source="file",
            content_hash=deck_id + "2",
            now=NOW,
        )
        for card in cards:
            roll = rng.random()
            if roll < 0.25:
                store.reviews.record(
                    deck_id,
                    card.id,
                    rating=Rating.GOOD,
                    reviewed_at=NOW - timedelta(days=3),
                    day=TODAY - timedelta(days=3),
                    outcome=lambda *_: _schedule(rng),
                )
                schedule = store.cards.get(deck_id, card.id).schedule
                if schedule is not None and schedule.state is State.REVIEW:
                    _lapse(store, deck_id, card.id, lapses.choice((0, 0, 0, 3, 4, 6)))
            roll = rng.random()
            if roll < 0.06:
                store.cards.set_suspended(deck_id, card.id, True)
            elif roll < 0.12:
                store.cards.bury(deck_id, card.id, TODAY + timedelta(days=1))
            elif roll < 0.15:
                # Buried until today: no longer buried.
                store.cards.bury(deck_id, card.id, TODAY)
    store.decks.remove("hidden")
    every = [c for deck_id in DECKS for c in store.decks.cards(deck_id, include_retired=True)]
    return Reference(cards=every, removed={"hidden"})


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, Reference]]:
    folder = tmp_path_factory.mktemp("search")
    with connect(folder / "db.sqlite3", backups_dir=folder / "backups") as store:
        yield store, _build(store)


def _status(card: StoredCard) -> CardStatus:
    if card.retired:
        return CardStatus.RETIRED
    if card.suspended:
        return CardStatus.SUSPENDED
    if card.buried_until is not None and card.buried_until > TODAY:
        return CardStatus.BURIED
    if card.schedule is None:
        return CardStatus.NEW
    return CardStatus(card.schedule.state.name.lower())


def _matches(card: StoredCard, query: CardQuery) -> bool:
    status = _status(card)
    if query.states:
        if status not in query.states:
            return False
    elif card.retired:
        return False
    shown = status in (
        CardStatus.NEW,
        CardStatus.LEARNING,
        CardStatus.REVIEW,
        CardStatus.RELEARNING,
    )
    if query.due and not (shown and card.schedule is not None and card.schedule.due <= NOW):
        return False
    if query.deck_ids and card.deck_id not in query.deck_ids:
        return False
    if query.leech and not is_leech(card.lapses):
        return False
    if query.kinds and card.card.kind not in query.kinds:
        return False
    tags = {tag.lower() for tag in card.card.tags}
    if any(tag.lower() not in tags for tag in query.tags):
        return False
    # Each word must sit inside one field: a phrase never spans prompt and answer.
    fields = [text.lower() for text in (card.card.prompt, card.card.answer, *card.card.points)]
    return all(any(word.lower() in field for field in fields) for word in query.words)


def _expected(reference: Reference, query: CardQuery) -> list[tuple[str, str]]:
    found = [
        c for c in reference.cards if c.deck_id not in reference.removed and _matches(c, query)
    ]
    found.sort(key=lambda c: (c.deck_id, c.position, c.no))
    return [(c.deck_id, c.card_id) for c in found]


def _found(store: Store, query: CardQuery, limit: int = 10_000) -> list[tuple[str, str]]:
    result = store.cards.search(query, now=NOW, today=TODAY, limit=limit)
    return [(hit.deck_id, hit.card_id) for hit in result.hits]


# -- results --------------------------------------------------------------------------------


QUERIES = [
    "",
    "outage",
    "OUTAGE mentor",
    '"outage budget"',
    "100%",
    "sure_thing",
    "tag:tech",
    "tag:remote tag:tech",
    "kind:scenario deck:beta",
    "is:new",
    "is:learning,relearning",
    "is:review budget",
    "is:suspended",
    "is:buried",
    "is:retired",
    "is:due",
    "is:due kind:need",
    "is:leech",
    "is:leech,review deck:alpha",
    "deck:hidden",
    "deck:alpha deck:gamma tag:behavioral risk",
]


@pytest.mark.parametrize("text", QUERIES)
def test_search_finds_exactly_the_matching_cards_in_deck_and_file_order(
    built: tuple[Store, Reference], text: str
) -> None:
    store, reference = built
    query = parse_query(text)
    expected = _expected(reference, query)
    assert _found(store, query) == expected
    # Every query above must mean something in this data, or it proves little.
    if text not in ("deck:hidden",):
        assert expected, f"{text!r} matches nothing in the test data"


@settings(max_examples=60, deadline=None)
@given(
    words=st.lists(st.sampled_from([*WORDS, "filler", "zzz"]), max_size=2),
    tags=st.lists(st.sampled_from(TAGS), max_size=2),
    kinds=st.lists(st.sampled_from(list(Kind)), max_size=2),
    states=st.lists(st.sampled_from(list(CardStatus)), max_size=2),
    decks=st.lists(st.sampled_from(DECKS), max_size=2),
    due=st.booleans(),
    leech=st.booleans(),
)
def test_any_combination_of_filters_agrees_with_the_plain_reading(
    built: tuple[Store, Reference],
    words: list[str],
    tags: list[str],
    kinds: list[Kind],
    states: list[CardStatus],
    decks: list[str],
    due: bool,
    leech: bool,
) -> None:
    store, reference = built
    query = CardQuery(
        words=tuple(words),
        tags=tuple(tags),
        kinds=tuple(dict.fromkeys(kinds)),
        states=tuple(dict.fromkeys(states)),
        deck_ids=tuple(dict.fromkeys(decks)),
        due=due,
        leech=leech,
    )
    assert _found(store, query) == _expected(reference, query)


def test_the_limit_keeps_the_first_cards_and_says_there_are_more(
    built: tuple[Store, Reference],
) -> None:
    store, reference = built
    query = parse_query("outage")
    expected = _expected(reference, query)
    result = store.cards.search(query, now=NOW, today=TODAY, limit=25)
    assert [(h.deck_id, h.card_id) for h in result.hits] == expected[:25]
    assert result.more is True
    everything = store.cards.search(query, now=NOW, today=TODAY, limit=len(expected))
    assert everything.more is False


def test_hits_carry_what_the_list_shows(built: tuple[Store, Reference]) -> None:
    store, reference = built
    by_key = {(c.deck_id, c.card_id): c for c in reference.cards}
    result = store.cards.search(
        CardQuery(states=tuple(CardStatus)), now=NOW, today=TODAY, limit=5000
    )
    assert len(result.hits) > 1000
    for hit in result.hits:
        card = by_key[(hit.deck_id, hit.card_id)]
        assert hit.no == card.no
        assert hit.kind is card.card.kind
        assert hit.prompt == card.card.prompt
        assert hit.status is _status(card)
        assert hit.due == (None if card.schedule is None else card.schedule.due)
        assert hit.leech is is_leech(card.lapses)
    assert any(hit.leech for hit in result.hits)


def test_like_wildcards_in_a_search_are_plain_characters(built: tuple[Store, Reference]) -> None:
    store, _ = built
    assert _found(store, parse_query("100%")) == _found(store, parse_query("100% sure"))
    assert _found(store, parse_query("%")) == _found(store, parse_query("100%"))
    # As a LIKE wildcard, _ would match the "out" of every outage.
    assert _found(store, parse_query("out"))
    assert _found(store, parse_query("o_t")) == []


def test_a_limit_below_one_is_a_bug(built: tuple[Store, Reference]) -> None:
    store, _ = built
    with pytest.raises(ValueError):
        store.cards.search(CardQuery(), now=NOW, today=TODAY, limit=0)


# -- indexes ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "index"),
    [
        ("", "cards_active"),
        ("outage tag:tech kind:scenario", "cards_active"),
        ("is:new", "cards_new"),
        ("is:due", "cards_due"),
    ],
)
def test_searches_read_cards_through_an_index(
    built: tuple[Store, Reference], text: str, index: str
) -> None:
    store, _ = built
    sql, parameters = search_sql(parse_query(text), now=NOW, today=TODAY, limit=200)
    connection = sqlite3.connect(Path(store.path))
    try:
        plan = [row[3] for row in connection.execute("EXPLAIN QUERY PLAN " + sql, parameters)]
    finally:
        connection.close()
    assert any(f"USING INDEX {index}" in step for step in plan), plan
    assert not any(step.startswith("SCAN cards") for step in plan), plan
