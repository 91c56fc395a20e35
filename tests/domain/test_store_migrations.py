"""Schema versions: every older database migrates to the current schema, safely."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from collections.abc import Sequence
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from prepdeck.clock import FixedClock
from prepdeck.domain.cards import Card
from prepdeck.domain.stories import Story
from prepdeck.errors import DamagedDatabaseError, RefusedError, StoreError
from prepdeck.store import LATEST_VERSION, RetentionCounts, connect, migrations
from prepdeck.store.db import Db, open_connection
from prepdeck.store.migrations import migrate
from prepdeck.store.schema import MIGRATIONS, Migration

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)

# Rows written with the SQL of the version that introduced each table, so a later
# migration is tested against data shaped as users really have it.
SAMPLE_ROWS: dict[int, Sequence[str]] = {
    1: (
        "INSERT INTO decks (id, title, source, content_hash, installed_at, updated_at) "
        "VALUES ('star', 'STAR answers', 'file', 'abc', '2026-01-01T00:00:00.000000+00:00', "
        "'2026-01-01T00:00:00.000000+00:00')",
        "INSERT INTO cards (deck_id, card_id, kind, prompt, answer, position, state, "
        "stability, difficulty, due, last_review, last_review_ms, reps) VALUES ('star', "
        "'conflict', 'question', 'A conflict?', 'Listen first.', 0, 2, 12.5, 4.0, "
        "'2026-02-01T00:00:00.000000+00:00', '2026-01-20T00:00:00.000000+00:00', "
        "1768867200000, 1)",
        "INSERT INTO reviews (review_id, deck_id, card_id, rating, reviewed_at, day, mode, "
        "applied, state, stability, difficulty, due, last_review) VALUES "
        "('0123456789abcdef0123456789abcdef', 'star', 'conflict', 3, "
        "'2026-01-20T00:00:00.000000+00:00', '2026-01-19', 'drill', 1, 2, 12.5, 4.0, "
        "'2026-02-01T00:00:00.000000+00:00', '2026-01-20T00:00:00.000000+00:00')",
    ),
    5: (
        "INSERT INTO interviews (name, name_key, at, decks, note, deck_id, created_at) "
        "VALUES ('Acme', 'acme', '2026-12-10T13:00:00.000000+00:00', '[\"star\"]', '', "
        "'my-interview-acme', '2026-11-25T09:00:00.000000+00:00')",
    ),
    7: (
        "INSERT INTO sources (url, added_at, index_text, fetched_at) VALUES "
        "('https://example.org/index.json', '2026-11-25T09:00:00.000000+00:00', "
        "'{\"prepdeck-index\": 1, \"decks\": []}', '2026-11-25T09:00:00.000000+00:00')",
    ),
    9: (
        "INSERT INTO debriefs (name_key, written_at, surprises, went_well, to_change) VALUES "
        "('acme', '2026-12-10T18:00:00.000000+00:00', '[\"Why leave?\"]', 'The demo', "
        "'Shorter answers')",
        "INSERT INTO dismissed_follow_ups (name_key, kind, dismissed_at) VALUES "
        "('acme', 'thank-you', '2026-12-11T09:00:00.000000+00:00')",
    ),
    11: (
        "INSERT INTO own_answers (deck_id, card_id, answer, updated_at) VALUES "
        "('star', 'conflict', 'I asked what they needed.', '2026-12-01T09:00:00.000000+00:00')",
    ),
}


def build_at_version(path: Path, version: int) -> None:
    """A database as a prepdeck at schema ``version`` left it, holding sample rows."""
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA foreign_keys = ON")
    for number in range(1, version + 1):
        connection.execute("BEGIN")
        MIGRATIONS[number - 1](connection)
        for statement in SAMPLE_ROWS.get(number, ()):
            connection.execute(statement)
        connection.execute(f"PRAGMA user_version = {number}")
        connection.execute("COMMIT")
    connection.close()


def schema_of(path: Path) -> list[tuple[str, str, str]]:
    connection = sqlite3.connect(path)
    rows = connection.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name"
    ).fetchall()
    connection.close()
    return [(kind, name, " ".join(sql.split())) for kind, name, sql in rows]


def test_the_latest_version_is_the_number_of_migrations() -> None:
    # Opening a database at the latest version skips the migrations' module: the number
    # is kept beside the connection, and a new migration must raise it.
    assert len(MIGRATIONS) == LATEST_VERSION


def test_a_database_at_the_latest_version_opens_without_the_migrations(tmp_path: Path) -> None:
    path = tmp_path / "prepdeck.sqlite3"
    connect(path, backups_dir=tmp_path / "backups").close()
    probe = (
        "import sys\n"
        "from pathlib import Path\n"
        "from prepdeck.store import connect\n"
        f"store = connect(Path({str(path)!r}), backups_dir=Path({str(tmp_path)!r}))\n"
        "print(store.schema_version)\n"
        "print(','.join(m for m in ('prepdeck.store.migrations', 'prepdeck.store.schema')"
        " if m in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.split("\n")[:2] == [str(LATEST_VERSION), ""]


def test_every_sample_row_belongs_to_a_real_version() -> None:
    assert set(SAMPLE_ROWS) <= set(range(1, LATEST_VERSION + 1))


@pytest.mark.parametrize("version", range(LATEST_VERSION))
def test_a_database_at_every_older_version_migrates_to_the_current_schema(
    tmp_path: Path, version: int
) -> None:
    fresh = tmp_path / "fresh.sqlite3"
    connect(fresh, backups_dir=tmp_path / "unused").close()
    old = tmp_path / "old.sqlite3"
    build_at_version(old, version)

    store = connect(old, backups_dir=tmp_path / "backups", clock=FixedClock(NOW))

    assert store.schema_version == LATEST_VERSION
    store.close()
    assert schema_of(old) == schema_of(fresh)
    backups = list((tmp_path / "backups").glob("*.sqlite3"))
    assert len(backups) == (1 if version > 0 else 0)


def test_rows_written_by_the_latest_version_survive_reopening(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    build_at_version(path, LATEST_VERSION)
    with connect(path, backups_dir=tmp_path / "backups") as store:
        [card] = store.decks.cards("star")
        assert card.card_id == "conflict"
        assert card.schedule is not None and card.schedule.stability == 12.5
        assert [review.review_id for review in store.reviews.all()] == [
            "0123456789abcdef0123456789abcdef"
        ]
        [interview] = store.interviews.all()
        assert (interview.name, interview.decks) == ("Acme", ("star",))
        assert interview.at == datetime(2026, 12, 10, 13, 0, tzinfo=UTC)
        [source] = store.sources.all()
        assert source.url == "https://example.org/index.json"
        assert source.fetched_at == datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
        assert source.index_text is not None and "prepdeck-index" in source.index_text
        debrief = store.debriefs.find("Acme")
        assert debrief is not None
        assert (debrief.surprises, debrief.went_well, debrief.to_change) == (
            ("Why leave?",),
            "The demo",
            "Shorter answers",
        )
        assert store.debriefs.dismissed() == {("acme", "thank-you")}
        assert store.answers.find("star", "conflict") == "I asked what they needed."
    assert not (tmp_path / "backups").exists()


def test_version_6_indexes_the_cards_an_older_database_holds(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    build_at_version(path, 5)
    with connect(path, backups_dir=tmp_path / "backups", clock=FixedClock(NOW)) as store:
        rows = store._db.rows(
            "SELECT deck_id, kind, stability, last_review_ms, card_id "
            "FROM cards INDEXED BY cards_memory WHERE retired = 0"
        )
    assert rows == [("star", "question", 12.5, 1768867200000, "conflict")]


def test_version_7_adds_no_source_to_an_older_database(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    build_at_version(path, 6)
    with connect(path, backups_dir=tmp_path / "backups", clock=FixedClock(NOW)) as store:
        assert store.sources.all() == []
        store.sources.add("https://a.org/i.yaml", index_text="x", entries="[]", now=NOW)
        with pytest.raises(RefusedError, match="already a source"):
            store.sources.add("https://a.org/i.yaml", index_text="x", entries="[]", now=NOW)
        assert store.sources.remove("https://a.org/i.yaml")
        assert not store.sources.remove("https://a.org/i.yaml")


def test_version_8_keeps_a_cached_index_and_leaves_its_entries_to_be_read(
    tmp_path: Path,
) -> None:
    path = tmp_path / "db.sqlite3"
    build_at_version(path, 7)
    with sqlite3.connect(path) as connection:
        connection.execute(
            "INSERT INTO sources (url, added_at, index_text, fetched_at) "
            "VALUES ('https://a.org/i.yaml', '2026-01-20T00:00:00Z', 'text', "
            "'2026-01-20T00:00:00Z')"
        )
    with connect(path, backups_dir=tmp_path / "backups", clock=FixedClock(NOW)) as store:
        [source] = [row for row in store.sources.all() if row.url == "https://a.org/i.yaml"]
    assert (source.url, source.index_text, source.entries) == ("https://a.org/i.yaml", "text", None)


def test_version_9_adds_debriefs_that_go_with_their_interview(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    build_at_version(path, 8)
    with connect(path, backups_dir=tmp_path / "backups", clock=FixedClock(NOW)) as store:
        assert store.debriefs.find("acme") is None
        assert store.debriefs.dismissed() == set()
        store.debriefs.save(
            "ACME", written_at=NOW, surprises=["A?", "B?"], went_well="ok", to_change=""
        )
        store.debriefs.save("acme", written_at=NOW, surprises=["A?"], went_well="", to_change="x")
        store.debriefs.dismiss("Acme", "check-in", at=NOW)
        store.debriefs.dismiss("Acme", "check-in", at=NOW)
        debrief = store.debriefs.find("Acme")
        assert debrief is not None and (debrief.surprises, debrief.to_change) == (("A?",), "x")
        assert store.debriefs.dismissed() == {("acme", "check-in")}
        # No row without its interview, and none left behind when it goes.
        with pytest.raises(StoreError):
            store.debriefs.dismiss("Globex", "check-in", at=NOW)
        with pytest.raises(StoreError):
            store.debriefs.dismiss("Acme", "follow-up", at=NOW)
        assert store.interviews.remove("acme")
        assert store.debriefs.find("acme") is None
        assert store.debriefs.dismissed() == set()


def test_version_10_keeps_stories_and_their_links_to_cards(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    build_at_version(path, 9)
    with connect(path, backups_dir=tmp_path / "backups", clock=FixedClock(NOW)) as store:
        assert store.stories.all() == []
        story = Story("ship", "Ship it", "Late.", "", "Split it.", "On time.", None, ("a",))
        card = Card("ship", "Tell it: Ship it", "Situation: Late.")
        store.stories.save([(story, card)], now=NOW)
        assert store.stories.find("ship") == story
        assert store.decks.get("my-stories").source == "personal"
        # A link hangs on the card's identity, installed or not, and goes with its story.
        assert store.stories.link("ship", "star", "conflict")
        assert store.stories.link("ship", "gone", "card")
        assert not store.stories.link("ship", "star", "conflict")
        assert [s.id for s in store.stories.stories_of("star", "conflict")] == ["ship"]
        with pytest.raises(StoreError):
            store.stories.link("nope", "star", "conflict")
        assert store.stories.remove("ship")
        assert store.stories.cards_of("ship") == []
        assert store.stories.all_links() == {}
        [kept] = store.decks.cards("my-stories", include_retired=True)
        assert kept.retired


def test_version_11_keeps_own_answers_apart_from_the_cards(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    build_at_version(path, 10)
    with connect(path, backups_dir=tmp_path / "backups", clock=FixedClock(NOW)) as store:
        assert store.answers.all() == []
        store.answers.save("star", "conflict", "I listened first.", at=NOW)
        # A card not (or no longer) installed may keep its answer: no foreign key.
        store.answers.save("gone", "card", "Kept anyway.", at=NOW)
        assert store.answers.find("star", "conflict") == "I listened first."
        store.answers.save("star", "conflict", "", at=NOW)
        assert store.answers.find("star", "conflict") is None
        assert [(row.deck_id, row.answer) for row in store.answers.all()] == [
            ("gone", "Kept anyway.")
        ]


def test_version_12_lists_the_active_cards_an_older_database_holds_in_file_order(
    tmp_path: Path,
) -> None:
    path = tmp_path / "db.sqlite3"
    build_at_version(path, 11)
    with connect(path, backups_dir=tmp_path / "backups", clock=FixedClock(NOW)) as store:
        rows = store._db.rows(
            "SELECT deck_id, card_id, prompt FROM cards INDEXED BY cards_listed "
            "WHERE deck_id = 'star' AND retired = 0 AND position >= 0 ORDER BY position"
        )
        counts, uncovered = store.coverage.figures(["star"])
    assert rows == [("star", "conflict", "A conflict?")]
    # The sample's card has an own answer (version 11): covered, so not listed.
    assert (counts.cards, counts.with_answer, uncovered) == (1, 1, [])


def test_version_13_reads_an_older_log_by_day_deck_and_kind_from_its_indexes(
    tmp_path: Path,
) -> None:
    path = tmp_path / "db.sqlite3"
    build_at_version(path, 12)
    connection = sqlite3.connect(path, isolation_level=None)
    # A lapse of the sample's card in review, as version 12 logged it.
    connection.execute(
        "INSERT INTO reviews (review_id, deck_id, card_id, rating, reviewed_at, day, mode, "
        "applied, duration_ms, state_before, state) VALUES ('f' || substr("
        "'0123456789abcdef0123456789abcdef', 2), 'star', 'conflict', 1, "
        "'2026-02-02T08:00:00.000000+00:00', '2026-02-02', 'drill', 1, 9000, 2, 3)"
    )
    connection.close()
    since = datetime(2026, 1, 1, tzinfo=UTC)
    with connect(path, backups_dir=tmp_path / "backups", clock=FixedClock(NOW)) as store:
        indexes = {row[0] for row in store._db.rows("SELECT name FROM sqlite_master")}
        activity = store.figures.daily_activity(since.date())
        star = store.figures.daily_activity(since.date(), deck_id="star")
        days = store.figures.review_days(deck_id="star")
        by_kind = store.figures.retention_by_kind(since)
        by_deck = store.figures.retention_by_deck(since)
    assert {"reviews_by_day", "reviews_by_deck_day", "reviews_retained", "cards_kind"} <= indexes
    assert activity == star == {date(2026, 1, 19): (1, 0), date(2026, 2, 2): (1, 9000)}
    assert days == [date(2026, 2, 2), date(2026, 1, 19)]
    assert by_kind == {"question": RetentionCounts(1, 0)}
    assert by_deck == {"star": RetentionCounts(1, 0)}


_INSERT_CARD_IN_STATE = (
    "INSERT INTO cards (deck_id, card_id, kind, prompt, answer, position, state, due) "
    "VALUES ('star', ?, 'question', 'Q?', 'A.', 1, ?, ?)"
)


def _steps_of_writing_a_card(path: Path) -> set[str]:
    connection = sqlite3.connect(path)
    try:
        plan = connection.execute("EXPLAIN " + _INSERT_CARD_IN_STATE, ("new", 2, "2026-02-01"))
        return {row[1] for row in plan}
    finally:
        connection.close()


def test_version_14_checks_a_cards_state_without_a_temporary_table_per_row(
    tmp_path: Path,
) -> None:
    path = tmp_path / "db.sqlite3"
    build_at_version(path, 13)
    assert "OpenEphemeral" in _steps_of_writing_a_card(path)
    with connect(path, backups_dir=tmp_path / "backups", clock=FixedClock(NOW)):
        pass
    assert "OpenEphemeral" not in _steps_of_writing_a_card(path)
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        # The same states as before are allowed, and no other.
        connection.execute(_INSERT_CARD_IN_STATE, ("fresh", None, None))
        for state in (1, 2, 3):
            connection.execute(_INSERT_CARD_IN_STATE, (f"in-{state}", state, "2026-02-01"))
        for bad in (0, 4, 2.5):
            with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
                connection.execute(_INSERT_CARD_IN_STATE, (f"bad-{bad}", bad, "2026-02-01"))
        kept = connection.execute(
            "SELECT card_id, state, stability FROM cards WHERE card_id = 'conflict'"
        ).fetchall()
        assert kept == [("conflict", 2, 12.5)]
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        connection.close()


def test_version_15_starts_an_older_home_on_the_default_parameters(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    build_at_version(path, 14)
    with connect(path, backups_dir=tmp_path / "backups", clock=FixedClock(NOW)) as store:
        assert store.parameters.in_force() is None
        # The sample's one applied review is the log a fit would learn from.
        assert store.parameters.applied_reviews() == 1
        assert [len(history) for history in store.parameters.histories()] == [1]
        # At most one set in force.
        insert = (
            "INSERT INTO parameter_sets (parameters, fitted_at, reviews_used, log_reviews, "
            "log_loss_before, log_loss_after, rmse_before, rmse_after, applied) VALUES "
            "('[]', '2026-11-25T09:00:00.000000+00:00', 0, 0, 0, 0, 0, 0, 1)"
        )
        store._db.connection.execute(insert)
        with pytest.raises(sqlite3.IntegrityError):
            store._db.connection.execute(insert)


def test_version_16_keeps_a_spoken_answer_with_its_review_and_drops_it_with_it(
    tmp_path: Path,
) -> None:
    path = tmp_path / "db.sqlite3"
    build_at_version(path, 15)
    with connect(path, backups_dir=tmp_path / "backups", clock=FixedClock(NOW)) as store:
        tables = {row[0] for row in store._db.rows("SELECT name FROM sqlite_master")}
        assert "spoken_answers" in tables
        [review_id] = [row[0] for row in store._db.rows("SELECT review_id FROM reviews")]
        with store._db.write() as connection:
            connection.execute(
                "INSERT INTO spoken_answers VALUES (?, 'I listened first', 2.5, 3, 0, NULL)",
                (review_id,),
            )
            with pytest.raises(sqlite3.IntegrityError):
                connection.execute(
                    "INSERT INTO spoken_answers VALUES ('f' || substr(?, 2), 'x', 1, 1, 0, NULL)",
                    (review_id,),
                )
        with store._db.write() as connection:
            connection.execute("DELETE FROM reviews WHERE review_id = ?", (review_id,))
        assert list(store._db.rows("SELECT * FROM spoken_answers")) == []


def test_version_17_counts_an_older_log_as_this_homes_own_to_push(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    build_at_version(path, 16)
    with connect(path, backups_dir=tmp_path / "backups", clock=FixedClock(NOW)) as store:
        unpushed = store.sync.unpushed()
        assert [review.review_id for review in unpushed.reviews] == [
            "0123456789abcdef0123456789abcdef"
        ]
        made = store.sync.home_id(lambda: "00000000000000aa")
        assert store.sync.home_id(lambda: "ffffffffffffffff") == made == "00000000000000aa"
        store.sync.mark_pushed(unpushed.last_no, unpushed.last_review_id, None, [])
        assert store.sync.unpushed().reviews == []
        assert store.sync.batches(made) == {}
        assert store.sync.items("answer") == {}


def _add_note_column(connection: sqlite3.Connection) -> None:
    connection.execute("ALTER TABLE decks ADD COLUMN note TEXT")


def _broken(connection: sqlite3.Connection) -> None:
    connection.execute("ALTER TABLE decks ADD COLUMN half_done TEXT")
    connection.execute("INSERT INTO no_such_table VALUES (1)")


def _open(path: Path) -> Db:
    return Db(open_connection(path, busy_timeout=1.0), path)


def _migrate(path: Path, backups: Path, migrations: Sequence[Migration]) -> int:
    db = _open(path)
    try:
        return migrate(db, backups_dir=backups, now=NOW, migrations=migrations)
    finally:
        db.close()


def test_a_database_holding_data_is_backed_up_before_a_migration(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    build_at_version(path, LATEST_VERSION)
    upgrade = (*MIGRATIONS, _add_note_column)

    found = _migrate(path, tmp_path / "backups", upgrade)

    assert found == LATEST_VERSION
    [backup] = (tmp_path / "backups").glob("*.sqlite3")
    assert f"v{LATEST_VERSION}" in backup.name
    copy = sqlite3.connect(backup)
    assert copy.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
    assert copy.execute("SELECT count(*) FROM cards").fetchone()[0] == 1
    assert "note" not in [row[1] for row in copy.execute("PRAGMA table_info(decks)")]
    copy.close()
    migrated = sqlite3.connect(path)
    assert migrated.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION + 1
    assert "note" in [row[1] for row in migrated.execute("PRAGMA table_info(decks)")]
    migrated.close()


def test_a_failing_migration_leaves_the_database_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    build_at_version(path, LATEST_VERSION)
    before = schema_of(path)

    with pytest.raises(StoreError, match=f"version {LATEST_VERSION + 1} failed.*copy"):
        _migrate(path, tmp_path / "backups", (*MIGRATIONS, _broken))

    assert schema_of(path) == before
    check = sqlite3.connect(path)
    assert check.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
    check.close()


def test_a_database_from_a_newer_prepdeck_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    build_at_version(path, LATEST_VERSION)
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    connection.close()
    with pytest.raises(StoreError, match="newer"):
        connect(path, backups_dir=tmp_path / "backups")


def test_a_database_of_another_program_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite3"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE notes (body TEXT)")
    connection.commit()
    connection.close()
    with pytest.raises(StoreError, match="not a prepdeck database"):
        connect(path, backups_dir=tmp_path / "backups")
    assert [kind for kind, _, _ in schema_of(path)] == ["table"]


def test_a_version_migrated_meanwhile_by_another_process_is_not_applied_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "db.sqlite3"
    with connect(path, backups_dir=tmp_path):
        pass
    # This process took its first look while the database was still empty, just before
    # another one migrated it.
    monkeypatch.setattr(migrations, "_first_look", lambda db: (0, False))
    db = _open(path)
    try:
        assert migrate(db, backups_dir=tmp_path, now=NOW) == 0
    finally:
        db.close()
    with connect(path, backups_dir=tmp_path) as store:
        assert store.schema_version == LATEST_VERSION


def _corrupt_file(connection: sqlite3.Connection) -> None:
    error = sqlite3.DatabaseError("database disk image is malformed")
    error.sqlite_errorcode = 11  # SQLITE_CORRUPT, as SQLite sets it
    raise error


def test_a_failing_migration_keeps_the_errors_advice_apart(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    build_at_version(path, LATEST_VERSION)
    with pytest.raises(StoreError) as raised:
        _migrate(path, tmp_path / "backups", (*MIGRATIONS, _corrupt_file))
    error = raised.value
    # The start-up screen shows the problem above its own steps, which give the advice.
    assert "failed" in error.problem and "backup" in error.problem  # the copy kept
    assert "prepdeck restore" not in error.problem
    # Opening the home (``connect``) names the newest backup; here, where to find it.
    assert isinstance(error, DamagedDatabaseError)
    assert error.advice is not None and "prepdeck doctor" in error.advice
    assert str(error) == f"{error.problem}; {error.advice}"


def test_version_18_pushes_again_from_a_deleted_review_of_this_home(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    build_at_version(path, 17)
    with connect(path, backups_dir=tmp_path / "backups", clock=FixedClock(NOW)) as store:
        with store._db.write() as connection:
            connection.execute(
                "INSERT INTO sync_home (one, home_id, pushed_to, pushed_review) "
                "VALUES (1, 'aa', 1, '0123456789abcdef0123456789abcdef')"
            )
            connection.execute("DELETE FROM reviews WHERE id = 1")
        row = store._db.one("SELECT pushed_to, pushed_review FROM sync_home")
    assert row == (0, None)


def test_version_19_reads_an_older_homes_queue_and_memory_from_its_rebuilt_indexes(
    tmp_path: Path,
) -> None:
    path = tmp_path / "db.sqlite3"
    build_at_version(path, 18)
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute(_INSERT_CARD_IN_STATE, ("stuck", 1, "2026-11-25T08:00:00.000000+00:00"))
    connection.execute(_INSERT_CARD_IN_STATE, ("fresh", None, None))
    connection.close()
    with connect(path, backups_dir=tmp_path / "backups", clock=FixedClock(NOW)) as store:
        learning = store.queue.learning(NOW, NOW.date())
        new = store.queue.new(NOW.date(), limit=5)
        memory = store._db.rows(
            "SELECT card_id, stability FROM cards INDEXED BY cards_memory "
            "WHERE retired = 0 AND deck_id = 'star' AND kind = 'question'"
        )
        keys = {
            name: [row[2] for row in store._db.rows(f"PRAGMA index_info({name})")][:4]
            for name in ("cards_memory", "cards_new")
        }
    assert [card.card_id for card in learning] == ["stuck"]
    assert [card.card_id for card in new] == ["fresh"]
    # Reviewed cards first, each kind by card id: a grade leaves the card's entry where
    # it was. The third and fourth keys are the expressions ``stability IS NULL`` and
    # ``last_review_ms IS NULL``, which have no name.
    assert memory == [("conflict", 12.5), ("fresh", None), ("stuck", None)]
    assert keys == {
        "cards_memory": ["deck_id", "kind", None, None],
        "cards_new": ["deck_id", "position", "no", "card_id"],
    }
