"""Opening the database, sharing it between processes, and failing in plain words."""

from __future__ import annotations

import math
import sqlite3
import threading
import time
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from prepdeck.domain.cards import Card, Deck
from prepdeck.errors import StoreError
from prepdeck.srs import Rating, SrsScheduler
from prepdeck.store import Store, connect, db
from prepdeck.store.backups import copy_database

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
TODAY = date(2026, 11, 25)
DECK = Deck(
    id="basics",
    title="Basics",
    cards=(
        Card(id="why-us", prompt="Why us?", answer="Because."),
        Card(id="weakness", prompt="A weakness?", answer="Delegating."),
    ),
)


def open_store(path: Path, *, busy_timeout: float = 5.0) -> Store:
    return connect(path, backups_dir=path.parent / "backups", busy_timeout=busy_timeout)


def test_a_connection_has_pow_even_where_sqlite_was_built_without_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(db, "has_pow", lambda connection: False)
    with open_store(tmp_path / "db.sqlite3") as store:
        assert store._db.one("SELECT pow(2.0, 0.5), pow(NULL, 2)") == (2.0**0.5, None)


def test_the_python_pow_answers_as_sqlites_does() -> None:
    assert db.python_pow(2.0, 0.5) == 2.0**0.5
    assert db.python_pow(1.7, -0.1542) == 1.7**-0.1542
    assert db.python_pow(None, 0.5) is None and db.python_pow(2.0, None) is None
    assert db.python_pow(-1.0, 0.5) is None  # not a number: NULL, as SQLite's
    assert db.python_pow(1e308, 2.0) == math.inf and db.python_pow(-1e308, 3.0) == -math.inf


def test_the_connection_uses_wal_normal_sync_foreign_keys_and_a_busy_timeout(
    tmp_path: Path,
) -> None:
    with open_store(tmp_path / "db.sqlite3") as store:
        connection = store._db.connection
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert connection.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL
        assert connection.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert connection.execute("PRAGMA busy_timeout").fetchone()[0] == 5000
        assert connection.isolation_level is None


def test_a_grade_is_committed_before_record_returns(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    writer = open_store(path)
    writer.decks.install(DECK, source="file", content_hash="h", now=NOW)
    outcome = SrsScheduler(enable_fuzzing=False).review(1, None, Rating.GOOD, NOW)
    review_id = writer.reviews.record(
        "basics",
        "why-us",
        rating=Rating.GOOD,
        reviewed_at=NOW,
        day=TODAY,
        outcome=lambda *_: outcome,
    ).review_id
    # A second process sees the grade at once: nothing waits in an open transaction.
    other = sqlite3.connect(path)
    row = other.execute(
        "SELECT c.state, r.rating FROM cards c JOIN reviews r USING (deck_id, card_id) "
        "WHERE r.review_id = ?",
        (review_id,),
    ).fetchone()
    assert row == (1, 3)
    assert not writer._db.connection.in_transaction
    other.close()
    writer.close()


def test_readers_keep_reading_while_another_connection_writes(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    with open_store(path) as setup:
        setup.decks.install(DECK, source="file", content_hash="h", now=NOW)
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("UPDATE decks SET title = 'Changed' WHERE id = 'basics'")
    with open_store(path) as reader:
        # WAL: the reader sees the last commit, neither blocked nor the uncommitted title.
        assert reader.decks.get("basics").title == "Basics"
        assert reader.figures.deck_counts(NOW, TODAY)["basics"].new == 2
        writer.execute("COMMIT")
        assert reader.decks.get("basics").title == "Changed"
    writer.close()


def test_a_write_gives_up_with_a_plain_message_after_the_busy_timeout(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    with open_store(path) as setup:
        setup.decks.install(DECK, source="file", content_hash="h", now=NOW)
    blocker = sqlite3.connect(path, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    with open_store(path, busy_timeout=0.2) as store:
        started = time.monotonic()
        with pytest.raises(StoreError, match="busy: another prepdeck is writing"):
            store.cards.set_suspended("basics", "why-us", True)
        assert time.monotonic() - started >= 0.15
        blocker.execute("ROLLBACK")
        store.cards.set_suspended("basics", "why-us", True)
        assert store.cards.get("basics", "why-us").suspended
    blocker.close()


def test_a_write_waits_for_a_short_lock_to_be_released(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    with open_store(path) as setup:
        setup.decks.install(DECK, source="file", content_hash="h", now=NOW)
    blocker = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    blocker.execute("BEGIN IMMEDIATE")
    release = threading.Timer(0.2, lambda: blocker.execute("COMMIT"))
    release.start()
    try:
        with open_store(path, busy_timeout=5.0) as store:
            store.cards.set_suspended("basics", "weakness", True)
            assert store.cards.get("basics", "weakness").suspended
    finally:
        release.join()
        blocker.close()


def test_a_file_that_is_not_a_database_gives_a_store_error(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    path.write_bytes(b"this is not SQLite, just some text that fills a header" * 100)
    with pytest.raises(StoreError, match="damaged or not a prepdeck database") as raised:
        open_store(path)
    # The one line the CLI prints says what to do; the start-up screen lists it instead.
    assert "there is no backup in" in str(raised.value)
    assert "backup" not in raised.value.problem


def test_a_database_damaged_after_opening_gives_a_store_error(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    with open_store(path) as store:
        store.decks.install(DECK, source="file", content_hash="h", now=NOW)
        store.checkpoint()
    data = bytearray(path.read_bytes())
    data[4096 : len(data)] = b"\xff" * (len(data) - 4096)  # every page past the first
    path.write_bytes(bytes(data))
    with pytest.raises(StoreError, match=r"db\.sqlite3"), open_store(path) as store:
        store.decks.cards("basics")


def test_a_directory_that_cannot_hold_the_database_gives_a_store_error(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("a file where a directory should be")
    with pytest.raises(StoreError, match="cannot create the directory"):
        open_store(blocked / "db.sqlite3")


def test_a_backup_of_the_open_database_is_a_complete_copy(tmp_path: Path) -> None:
    """The copy an upgrade takes first, into a folder made for it."""
    with open_store(tmp_path / "db.sqlite3") as store:
        store.decks.install(DECK, source="file", content_hash="h", now=NOW)
        copy_database(store._db.connection, tmp_path / "copies" / "copy.sqlite3")
    with open_store(tmp_path / "copies" / "copy.sqlite3") as copy:
        assert [card.card_id for card in copy.decks.cards("basics")] == ["why-us", "weakness"]
