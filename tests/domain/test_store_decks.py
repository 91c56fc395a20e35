"""Installing decks merges them by card id and never loses history."""

from __future__ import annotations

import sqlite3
import tempfile
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from functools import partial
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prepdeck.domain.cards import Card, Deck, Kind, Source
from prepdeck.errors import NotFoundError, RefusedError
from prepdeck.srs import CardState, Rating, SrsScheduler
from prepdeck.store import DeckInstall, Store, StoredCard, connect

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
LATER = NOW + timedelta(days=30)
TODAY = date(2026, 11, 25)


def card(card_id: str, prompt: str | None = None, **fields: object) -> Card:
    return Card(
        id=card_id,
        prompt=prompt or f"Prompt of {card_id}?",
        answer=f"Answer of {card_id}.",
        **fields,  # type: ignore[arg-type]
    )


def deck(*cards: Card, deck_id: str = "basics", **fields: object) -> Deck:
    return Deck(id=deck_id, title="Basics", cards=cards, **fields)  # type: ignore[arg-type]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with connect(tmp_path / "db.sqlite3", backups_dir=tmp_path / "backups") as opened:
        yield opened


def ids(cards: list[StoredCard]) -> list[str]:
    return [c.card_id for c in cards]


def test_a_first_install_adds_every_card_in_file_order(store: Store) -> None:
    full = deck(
        card("b-second", points=("one", "two"), followups=("why?",), tags=("t",), seconds=90),
        card("a-first", kind=Kind.SCENARIO),
        description="About basics",
        author="Ann",
        license="CC-BY-4.0",
        version="1.2.0",
        tags=("behavioral",),
        based_on=(Source(title="A book", url="https://example.org", license="MIT"),),
    )
    report = store.decks.install(full, source="bundled", content_hash="abc", now=NOW)

    assert report.created
    assert report.added == ("b-second", "a-first")
    assert report.changed == report.retired == report.revived == report.unchanged == ()
    stored = store.decks.get("basics")
    assert (stored.title, stored.description, stored.author, stored.license) == (
        "Basics",
        "About basics",
        "Ann",
        "CC-BY-4.0",
    )
    assert stored.version == "1.2.0" and stored.tags == ("behavioral",)
    assert stored.based_on == (Source(title="A book", url="https://example.org", license="MIT"),)
    assert (stored.source, stored.content_hash, stored.installed_at) == ("bundled", "abc", NOW)
    assert not stored.removed and not stored.paused
    cards = store.decks.cards("basics")
    assert [c.card for c in cards] == list(full.cards)
    assert [c.position for c in cards] == [0, 1]
    assert all(c.schedule is None and c.reps == 0 for c in cards)


@pytest.mark.parametrize("size", [89, 90, 91, 181, 400])
def test_a_large_deck_is_written_whole_in_file_order(store: Store, size: int) -> None:
    # Cards are written many to a statement: sizes about its batches and over several.
    cards = [
        card(f"c{number:03}", points=(f"point {number}",), kind=Kind.SCENARIO, seconds=number)
        for number in reversed(range(size))
    ]
    report = store.decks.install(deck(*cards), source="file", content_hash="1", now=NOW)

    assert report.added == tuple(c.id for c in cards)
    stored = store.decks.cards("basics")
    assert [c.card for c in stored] == cards
    assert [c.position for c in stored] == list(range(size))
    numbers = [c.no for c in stored]
    assert numbers == sorted(numbers) and len(set(numbers)) == size


def test_a_reinstall_adds_changes_retires_and_keeps_the_rest(store: Store) -> None:
    store.decks.install(
        deck(card("keep"), card("edit"), card("drop"), version="1.0.0"),
        source="file",
        content_hash="v1",
        now=NOW,
    )
    report = store.decks.install(
        deck(card("new"), card("edit", "A sharper prompt?"), card("keep"), version="1.1.0"),
        source="file",
        content_hash="v2",
        now=LATER,
    )

    assert not report.created
    assert report.added == ("new",)
    assert report.changed == ("edit",)
    assert report.retired == ("drop",)
    assert report.unchanged == ("keep",)
    assert ids(store.decks.cards("basics")) == ["new", "edit", "keep"]
    assert ids(store.decks.cards("basics", include_retired=True)) == [
        "new",
        "edit",
        "keep",
        "drop",
    ]
    [old] = store.cards.history("basics", "edit")
    assert (old.text.prompt, old.deck_version, old.replaced_at) == (
        "Prompt of edit?",
        "1.0.0",
        LATER,
    )
    assert store.cards.get("basics", "edit").card.prompt == "A sharper prompt?"
    assert store.cards.history("basics", "keep") == []
    deck_row = store.decks.get("basics")
    assert (deck_row.version, deck_row.content_hash) == ("1.1.0", "v2")
    assert (deck_row.installed_at, deck_row.updated_at) == (NOW, LATER)


def graded_good(
    scheduler: SrsScheduler, number: int, before: CardState | None, at: datetime
) -> CardState:
    return scheduler.review(number, before, Rating.GOOD, at)


def test_reviews_survive_an_edit_a_retirement_and_a_revival(store: Store) -> None:
    store.decks.install(deck(card("a"), card("b")), source="file", content_hash="1", now=NOW)
    scheduler = SrsScheduler(enable_fuzzing=False)
    for card_id in ("a", "b"):
        number = store.cards.get("basics", card_id).no
        store.reviews.record(
            "basics",
            card_id,
            rating=Rating.GOOD,
            reviewed_at=NOW,
            day=TODAY,
            outcome=partial(graded_good, scheduler, number),
        )
    number_of_b = store.cards.get("basics", "b").no
    store.decks.install(deck(card("a", "Edited?")), source="file", content_hash="2", now=NOW)
    retired = store.cards.get("basics", "b")
    assert retired.retired and retired.schedule is not None

    report = store.decks.install(
        deck(card("b", "Back, reworded?"), card("a", "Edited?")),
        source="file",
        content_hash="3",
        now=LATER,
    )

    assert report.revived == ("b",) and report.unchanged == ("a",) and report.changed == ()
    revived = store.cards.get("basics", "b")
    assert not revived.retired and revived.no == number_of_b
    assert revived.schedule == retired.schedule and revived.reps == 1
    assert [v.text.prompt for v in store.cards.history("basics", "b")] == ["Prompt of b?"]
    assert len(store.reviews.of_card("basics", "a")) == 1
    assert ids(store.decks.cards("basics")) == ["b", "a"]


def test_a_reinstall_shows_a_removed_deck_again_and_keeps_its_settings(store: Store) -> None:
    store.decks.install(deck(card("a")), source="file", content_hash="1", now=NOW)
    store.decks.set_paused("basics", True)
    store.decks.set_limits("basics", new_per_day=3, reviews_per_day=None)
    store.decks.remove("basics")
    assert store.decks.installed() == []
    assert [d.id for d in store.decks.installed(include_removed=True)] == ["basics"]

    store.decks.install(
        deck(card("a")), source="https://example.org/d.yaml", content_hash="1", now=LATER
    )

    again = store.decks.get("basics")
    assert not again.removed and again.paused
    assert (again.new_per_day, again.reviews_per_day) == (3, None)
    assert again.source == "https://example.org/d.yaml"


def test_duplicate_card_ids_are_refused_before_anything_is_written(store: Store) -> None:
    with pytest.raises(RefusedError, match="'a' appears twice"):
        store.decks.install(deck(card("a"), card("a")), source="file", content_hash="1", now=NOW)
    assert store.decks.find("basics") is None


def test_an_install_failing_midway_writes_nothing(store: Store) -> None:
    store.decks.install(deck(card("a"), card("b")), source="file", content_hash="1", now=NOW)
    before = [c.card for c in store.decks.cards("basics", include_retired=True)]
    # A lone surrogate cannot be encoded for SQLite: the insert of "z" fails after the
    # deck row and the other cards were already written in the transaction.
    broken = deck(card("a", "Changed?"), card("z", "Bad \ud800 text?"), version="9.9.9")

    with pytest.raises(RefusedError, match="not valid Unicode"):
        store.decks.install(broken, source="file", content_hash="2", now=LATER)

    assert [c.card for c in store.decks.cards("basics", include_retired=True)] == before
    assert store.decks.get("basics").content_hash == "1"
    assert store.decks.get("basics").version is None
    assert store.cards.history("basics", "a") == []
    assert not store._db.connection.in_transaction


def test_several_decks_installed_together_are_all_written_or_none(store: Store) -> None:
    store.decks.install(deck(card("a")), source="file", content_hash="1", now=NOW)
    first = DeckInstall(deck(card("a"), card("b")), "file", "2")
    broken = DeckInstall(deck(card("z", "Bad \ud800 text?"), deck_id="second"), "file", "2")
    told: list[int] = []

    with pytest.raises(RefusedError, match="not valid Unicode"):
        store.decks.install_many([first, broken], now=LATER, written=told.append)

    # The first deck was written before the second failed, and is as it was.
    assert told == [1]
    assert ids(store.decks.cards("basics")) == ["a"]
    assert store.decks.get("basics").content_hash == "1"
    assert store.decks.find("second") is None

    good = DeckInstall(deck(card("c"), deck_id="second"), "file", "2")
    reports = store.decks.install_many([first, good], now=LATER, written=told.append)
    assert [(r.deck_id, r.added) for r in reports] == [("basics", ("b",)), ("second", ("c",))]
    assert told == [1, 1, 2]


def test_remove_hides_and_purge_deletes_cards_and_reviews(store: Store, tmp_path: Path) -> None:
    store.decks.install(deck(card("a")), source="file", content_hash="1", now=NOW)
    after = SrsScheduler(enable_fuzzing=False).review(1, None, Rating.EASY, NOW)
    store.reviews.record(
        "basics", "a", rating=Rating.EASY, reviewed_at=NOW, day=TODAY, outcome=lambda *_: after
    )
    store.decks.remove("basics")
    assert store.decks.get("basics").removed
    assert len(store.reviews.of_card("basics", "a")) == 1

    store.decks.remove("basics", purge=True)

    assert store.decks.find("basics") is None
    raw = sqlite3.connect(tmp_path / "db.sqlite3")
    counts = [raw.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("cards", "reviews")]
    raw.close()
    assert counts == [0, 0]


def test_unknown_decks_are_reported_as_not_found(store: Store) -> None:
    with pytest.raises(NotFoundError, match="nope"):
        store.decks.remove("nope")
    with pytest.raises(NotFoundError):
        store.decks.get("nope")
    with pytest.raises(NotFoundError):
        store.decks.cards("nope")
    with pytest.raises(NotFoundError):
        store.decks.set_paused("nope", True)


def test_negative_limits_are_refused(store: Store) -> None:
    store.decks.install(deck(card("a")), source="file", content_hash="1", now=NOW)
    with pytest.raises(ValueError, match="new_per_day"):
        store.decks.set_limits("basics", new_per_day=-1, reviews_per_day=None)


def test_decks_are_listed_by_id(store: Store) -> None:
    for deck_id in ("zeta", "alpha", "mid"):
        store.decks.install(
            deck(card("a"), deck_id=deck_id), source="file", content_hash="1", now=NOW
        )
    assert [d.id for d in store.decks.installed()] == ["alpha", "mid", "zeta"]


# Each install picks some cards from a small pool, in some order, each with one of two
# texts; the database must always show exactly the last install and keep every text.
installs = st.lists(
    st.lists(
        st.tuples(st.sampled_from("abcdef"), st.booleans()),
        unique_by=lambda pick: pick[0],
        max_size=6,
    ),
    min_size=1,
    max_size=6,
)


@settings(max_examples=40, deadline=None)
@given(installs)
def test_any_sequence_of_installs_shows_the_last_and_keeps_all_history(
    sequence: list[list[tuple[str, bool]]],
) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "db.sqlite3"
        with connect(path, backups_dir=Path(scratch)) as store:
            seen_text: dict[str, str] = {}
            changes: dict[str, int] = {}
            numbers: dict[str, int] = {}
            for step, picks in enumerate(sequence):
                cards = [card(cid, f"{cid} v{int(alt)}?") for cid, alt in picks]
                store.decks.install(deck(*cards), source="file", content_hash=str(step), now=NOW)
                for c in cards:
                    if c.id in seen_text and seen_text[c.id] != c.prompt:
                        changes[c.id] = changes.get(c.id, 0) + 1
                    seen_text[c.id] = c.prompt
                    numbers.setdefault(c.id, store.cards.get("basics", c.id).no)

                shown = store.decks.cards("basics")
                assert [(s.card_id, s.card.prompt) for s in shown] == [
                    (c.id, c.prompt) for c in cards
                ]
                everything = store.decks.cards("basics", include_retired=True)
                assert {s.card_id for s in everything} == set(seen_text)
                assert {s.card_id for s in everything if s.retired} == set(seen_text) - {
                    c.id for c in cards
                }
                for card_id, number in numbers.items():
                    assert store.cards.get("basics", card_id).no == number
                    assert len(store.cards.history("basics", card_id)) == changes.get(card_id, 0)


def test_tagged_cards_come_deck_by_deck_in_the_order_asked_each_in_its_own_order(
    store: Store,
) -> None:
    first = deck(
        card("a1", tags=("Pitch",)),
        card("a2", tags=("other",)),
        card("a3", tags=("travel", "late")),
        deck_id="alpha",
    )
    second = deck(card("b1", tags=("pitch",)), card("b2", tags=("PITCH",)), deck_id="beta")
    store.decks.install(first, source="file", content_hash="1", now=NOW)
    store.decks.install(second, source="file", content_hash="2", now=NOW)
    store.cards.set_suspended("beta", "b2", True)
    # Decks in the order given, tags whatever their case; suspended cards are the caller's.
    assert ids(store.cards.tagged(["beta", "alpha"], ["pitch", "late"])) == [
        "b1",
        "b2",
        "a1",
        "a3",
    ]
    assert ids(store.cards.tagged(["alpha"], ["PITCH"])) == ["a1"]
    assert store.cards.tagged([], ["pitch"]) == []
    assert store.cards.tagged(["alpha"], []) == []
    # A card the deck no longer has is left out.
    store.decks.install(
        deck(card("a3", tags=("late",)), deck_id="alpha"),
        source="file",
        content_hash="3",
        now=LATER,
    )
    assert ids(store.cards.tagged(["alpha", "beta"], ["pitch", "late"])) == ["a3", "b1", "b2"]
