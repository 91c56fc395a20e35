"""Today's backup is taken after the first frame, in a thread, while the user drills."""

from __future__ import annotations

import asyncio
import threading

import pytest

from prepdeck.maintenance.backups import Backups, DailyBackup
from prepdeck.store.backups import list_backups
from tests.tui.homes import SIZE, home_app, install_bundled, open_test_home, tile


async def test_the_daily_backup_waits_for_the_first_frame_and_holds_up_no_grade(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    started, gate = threading.Event(), threading.Event()
    real_take_daily = Backups.take_daily

    def held(self: Backups) -> DailyBackup:
        started.set()
        gate.wait(10)
        return real_take_daily(self)

    monkeypatch.setattr(Backups, "take_daily", held)
    home = open_test_home()
    install_bundled(home)
    with home:
        app = home_app(home)
        async with app.run_test(size=SIZE) as pilot:
            assert await asyncio.to_thread(started.wait, 10)
            # The backup is under way: the drill goes on, and its grade is in the log.
            await pilot.press("a", "space", "3")
            await pilot.pause()
            assert len(list(home.reviews.all())) == 1
            gate.set()
            await app.workers.wait_for_complete()
            await pilot.press("q", "q")
            await pilot.pause()
            assert tile(app, "reviews-today") == "1"
        backups = list_backups(home.locations.backups)
    assert [backup.kind for backup in backups] == ["daily"]
