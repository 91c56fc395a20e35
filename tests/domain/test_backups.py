"""Backups, restore and the doctor, on real files: what is kept, what is refused, and
that a damaged database is examined and replaced without a byte of it changed."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from prepdeck.clock import FixedClock
from prepdeck.domain.backups import DAILY_KEPT, WEEKLY_KEPT, backups_to_keep
from prepdeck.errors import DamagedDatabaseError, RefusedError
from prepdeck.maintenance.doctor import Status, examine
from prepdeck.maintenance.restore import restore
from prepdeck.paths import Locations, locations
from prepdeck.services import Services, open_services
from prepdeck.store.backups import list_backups, newest_backup
from prepdeck.store.schema import MIGRATIONS
from tests.domain.histories import install

NOW = datetime(2026, 12, 4, 10, 0, tzinfo=UTC)


@pytest.fixture
def where(tmp_path: Path) -> Locations:
    return locations(tmp_path / "home")


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


@pytest.fixture
def services(where: Locations, clock: FixedClock) -> Iterator[Services]:
    with open_services(where, clock=clock, sync_bundled=False) as opened:
        install(opened._store, "basics", 3, now=NOW)
        yield opened


def review_count(database: Path) -> int:
    connection = sqlite3.connect(database)
    try:
        return int(connection.execute("SELECT COUNT(*) FROM reviews").fetchone()[0])
    finally:
        connection.close()


def grade_one(services: Services) -> None:
    session = services.new_session(["basics"])
    session.reveal()
    from prepdeck.srs import Rating

    session.grade(Rating.GOOD)


# -- the keeping rule -------------------------------------------------------------------


@given(st.lists(st.dates(date(2020, 1, 1), date(2030, 1, 1)), min_size=1, max_size=60))
def test_the_newest_of_each_recent_day_and_week_is_kept_and_no_more(days: list[date]) -> None:
    taken = dict(enumerate(sorted(days)))
    kept = backups_to_keep(taken)
    recent_days = sorted(set(days), reverse=True)[:DAILY_KEPT]
    for day in recent_days:
        assert max(key for key, value in taken.items() if value == day) in kept
    weeks = sorted({day.isocalendar()[:2] for day in days}, reverse=True)[:WEEKLY_KEPT]
    for week in weeks:
        assert max(key for key, value in taken.items() if value.isocalendar()[:2] == week) in kept
    assert len(kept) <= DAILY_KEPT + WEEKLY_KEPT
    # Nothing is kept that stands for neither a recent day nor a recent week.
    for key in kept:
        assert taken[key] in recent_days or taken[key].isocalendar()[:2] in weeks


# -- taking them ------------------------------------------------------------------------


def test_a_daily_backup_is_taken_once_an_app_day(services: Services, clock: FixedClock) -> None:
    first = services.backups.take_daily()
    assert first.taken is not None and first.taken.is_file()
    clock.advance(timedelta(hours=3))
    assert services.backups.take_daily().taken is None
    # 04:00 the next day starts a new app day (the default day start hour).
    clock.advance(timedelta(hours=15))
    assert services.backups.take_daily().taken is not None
    assert [backup.kind for backup in services.backups.all()] == ["daily", "daily"]


def test_old_daily_backups_are_pruned_and_others_never(
    services: Services, clock: FixedClock, where: Locations
) -> None:
    manual = services.backups.take()
    for _ in range(60):
        services.backups.take_daily()
        clock.advance(timedelta(days=1))
    dailies = [backup for backup in list_backups(where.backups) if backup.kind == "daily"]
    assert DAILY_KEPT < len(dailies) <= DAILY_KEPT + WEEKLY_KEPT
    newest_days = sorted(backup.taken_at.date() for backup in dailies)[-DAILY_KEPT:]
    assert newest_days == [
        (NOW + timedelta(days=offset)).date() for offset in range(60 - DAILY_KEPT, 60)
    ]
    assert manual.is_file()


def test_a_backup_is_a_complete_database_in_one_file(services: Services, where: Locations) -> None:
    grade_one(services)
    copy = services.backups.take(where.home / "copy.sqlite3")
    assert review_count(copy) == 1
    assert not Path(f"{copy}-wal").exists()


def test_a_backup_never_overwrites_a_file(services: Services, where: Locations) -> None:
    taken = where.home / "there.sqlite3"
    taken.write_text("keep me")
    with pytest.raises(RefusedError, match="exists already"):
        services.backups.take(taken)
    assert taken.read_text() == "keep me"


# -- restore ----------------------------------------------------------------------------


def test_restore_brings_back_the_backup_and_keeps_what_it_replaced(
    services: Services, where: Locations, clock: FixedClock
) -> None:
    backup = services.backups.take()
    grade_one(services)
    services.close()
    restored = restore(where, backup, clock)
    assert review_count(where.database) == 0
    assert restored.replaced is not None
    assert review_count(restored.replaced) == 1
    assert restored.schema_version == len(MIGRATIONS)


def test_restore_refuses_a_file_that_is_not_a_sound_prepdeck_database(
    services: Services, where: Locations, clock: FixedClock
) -> None:
    grade_one(services)
    services.close()
    before = where.database.read_bytes()
    garbage = where.home / "garbage.sqlite3"
    garbage.write_bytes(b"not a database at all " * 200)
    foreign = where.home / "foreign.sqlite3"
    sqlite3.connect(foreign).execute("CREATE TABLE t (x)").connection.commit()
    for refused, reason in ((garbage, "not a prepdeck"), (foreign, "not a prepdeck database")):
        with pytest.raises(RefusedError, match=reason):
            restore(where, refused, clock)
    with pytest.raises(RefusedError, match="no such file"):
        restore(where, where.home / "missing.sqlite3", clock)
    assert where.database.read_bytes() == before
    assert list_backups(where.backups) == []


def test_restore_refuses_a_backup_from_a_newer_prepdeck(
    services: Services, where: Locations, clock: FixedClock
) -> None:
    newer = services.backups.take(where.home / "newer.sqlite3")
    connection = sqlite3.connect(newer)
    connection.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    connection.close()
    services.close()
    with pytest.raises(RefusedError, match="newer prepdeck"):
        restore(where, newer, clock)


def test_restore_waits_for_every_other_prepdeck_to_close(
    services: Services, where: Locations, clock: FixedClock
) -> None:
    backup = services.backups.take()
    # ``services`` is still open: a running app.
    with pytest.raises(RefusedError, match="open in another prepdeck"):
        restore(where, backup, clock)


# -- damage -----------------------------------------------------------------------------


def damage(where: Locations) -> bytes:
    """Cut the database short, as a disk or a copy that stopped midway would."""
    data = where.database.read_bytes()
    where.database.write_bytes(data[: len(data) // 3])
    for side in ("-wal", "-shm"):
        Path(f"{where.database}{side}").unlink(missing_ok=True)
    return where.database.read_bytes()


def test_a_damaged_database_names_the_newest_backup_and_is_left_as_it_is(
    services: Services, where: Locations, clock: FixedClock
) -> None:
    services.backups.take_daily()
    clock.advance(timedelta(hours=1))
    newest = services.backups.take()
    services.close()
    damaged = damage(where)
    with pytest.raises(DamagedDatabaseError) as caught:
        open_services(where, clock=clock, sync_bundled=False)
    assert f"prepdeck restore {newest}" in str(caught.value)
    assert where.database.read_bytes() == damaged
    diagnosis = examine(where, clock.now())
    assert diagnosis.damaged
    assert f"prepdeck restore {newest}" in diagnosis.findings[0].message
    assert where.database.read_bytes() == damaged
    restored = restore(where, newest, clock)
    assert restored.replaced is not None and restored.replaced.read_bytes() == damaged
    # The copy of the damaged file is never the one offered next time.
    assert newest_backup(where.backups) == list_backups(where.backups)[-2]
    with open_services(where, clock=clock, sync_bundled=False) as reopened:
        assert [deck.id for deck in reopened.library.installed()] == ["basics"]


# -- the doctor -------------------------------------------------------------------------


def statuses(where: Locations, now: datetime) -> dict[str, Status]:
    return {found.check: found.status for found in examine(where, now).findings}


def test_the_doctor_passes_a_sound_home_and_warns_of_missing_or_old_backups(
    services: Services, where: Locations, clock: FixedClock
) -> None:
    assert statuses(where, NOW) == {
        "database": Status.OK,
        "schema": Status.OK,
        "integrity": Status.OK,
        "orphans": Status.OK,
        "backups": Status.WARNING,
    }
    services.backups.take()
    assert statuses(where, NOW)["backups"] is Status.OK
    assert statuses(where, NOW + timedelta(days=8))["backups"] is Status.WARNING
    assert not examine(where, NOW + timedelta(days=8)).damaged


def test_the_doctor_warns_of_rows_that_name_missing_rows(
    services: Services, where: Locations
) -> None:
    grade_one(services)
    services.close()
    connection = sqlite3.connect(where.database)
    connection.execute("PRAGMA foreign_keys = OFF")
    connection.execute("UPDATE reviews SET card_id = 'gone'")
    connection.execute("INSERT INTO story_links VALUES ('a-story', 'basics', 'gone')")
    connection.commit()
    connection.close()
    diagnosis = examine(where, NOW)
    finding = next(f for f in diagnosis.findings if f.check == "orphans")
    assert finding.status is Status.WARNING
    assert "1 in reviews" in finding.message and "in story_links" in finding.message
    assert not diagnosis.damaged


def test_the_doctor_never_writes(services: Services, where: Locations) -> None:
    services.close()
    before = where.database.read_bytes()
    examine(where, NOW)
    assert where.database.read_bytes() == before
