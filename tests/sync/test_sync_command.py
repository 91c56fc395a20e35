"""``prepdeck sync`` as a user runs it: its JSON, its one-line refusals, the config key,
and a sync killed while writing its batch."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

from prepdeck.srs import Rating
from prepdeck.sync.engine import HOLD_VARIABLE
from tests.cli.conftest import assert_user_error, run_json
from tests.cli.helpers import run_prepdeck
from tests.sync.homes import drill, open_home, review_set

HOUR = timedelta(hours=1)
HELD_WITHIN = 60.0
"""Seconds the killed sync may take to reach its rename: a hang guard, not a speed limit."""


def test_json_says_what_was_pushed_and_pulled(tmp_path: Path) -> None:
    remote = tmp_path / "shared"
    remote.mkdir()
    with open_home(tmp_path, "laptop") as laptop:
        drill(laptop, [Rating.GOOD, Rating.GOOD], step=HOUR)
    first = run_json("sync", "--remote", str(remote), "--json", home=tmp_path / "laptop")
    assert first["pushed"]["reviews"] == 2
    assert first["pushed"]["batch"] == f"prepdeck-homes/{first['home']}/00000001.jsonl"
    assert first["skipped"] == [] and first["conflicts"] == []
    other = run_json("sync", "--remote", str(remote), "--json", home=tmp_path / "desktop")
    assert other["pulled"] == {
        "batches": 1,
        "reviews": 2,
        "duplicates": 0,
        "items": 1,  # the practice deck, installed from a file on the laptop only
        "unknown_cards": [],
    }
    assert other["pushed"]["batch"] is None
    assert other["home"] != first["home"]


def test_the_remote_may_come_from_config(tmp_path: Path) -> None:
    remote = tmp_path / "shared"
    remote.mkdir()
    home = tmp_path / "home"
    home.mkdir()
    (home / "config.toml").write_text(f'sync_remote = "{remote}"\n', encoding="utf-8")
    done = run_prepdeck("sync", home=home)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"{remote}: pulled 0 reviews")


def test_a_bad_config_value_is_one_line(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / "config.toml").write_text("sync_remote = 3\n", encoding="utf-8")
    assert_user_error(
        run_prepdeck("sync", home=home), "config.toml: sync_remote: must be a folder path"
    )


def test_no_remote_and_a_missing_folder_are_refused(tmp_path: Path) -> None:
    home = tmp_path / "home"
    assert_user_error(run_prepdeck("sync", home=home), "no sync remote: pass --remote")
    missing = tmp_path / "not-there"
    assert_user_error(
        run_prepdeck("sync", "--remote", str(missing), home=home),
        f"sync remote {missing}: no such folder",
    )
    assert not missing.exists()


def test_a_corrupt_batch_is_a_warning_and_the_sync_succeeds(tmp_path: Path) -> None:
    remote = tmp_path / "shared"
    stranger = remote / "prepdeck-homes" / "00000000000000aa"
    stranger.mkdir(parents=True)
    (stranger / "00000001.jsonl").write_text('{"prepdeck-sync": 1}', encoding="utf-8")
    done = run_prepdeck("sync", "--remote", str(remote), "--json", home=tmp_path / "home")
    assert done.returncode == 0, done.stderr
    assert (
        "warning: skipped batch prepdeck-homes/00000000000000aa/00000001.jsonl: "
        "cut short" in done.stderr
    )


def test_a_sync_killed_while_writing_its_batch_leaves_no_batch_behind(tmp_path: Path) -> None:
    remote = tmp_path / "shared"
    remote.mkdir()
    with open_home(tmp_path, "laptop") as laptop:
        drill(laptop, [Rating.GOOD, Rating.HARD, Rating.GOOD], step=HOUR)
        expected = review_set(laptop)
    marker = tmp_path / "holding"
    environment = dict(
        os.environ, PREPDECK_HOME=str(tmp_path / "laptop"), **{HOLD_VARIABLE: str(marker)}
    )
    killed = subprocess.Popen(
        [sys.executable, "-m", "prepdeck", "sync", "--remote", str(remote)],
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        waited = 0.0
        while not marker.exists():
            assert killed.poll() is None, "the sync ended before its rename"
            assert waited < HELD_WITHIN, "the sync never reached its rename"
            time.sleep(0.05)
            waited += 0.05
    finally:
        killed.send_signal(signal.SIGKILL)
        killed.wait(timeout=HELD_WITHIN)
    assert killed.returncode == -signal.SIGKILL
    written = [p for p in remote.rglob("*") if p.is_file()]
    assert [p.name for p in written] == [".00000001.jsonl.tmp"]
    # Another home sees no batch, and nothing to skip.
    with open_home(tmp_path, "desktop") as desktop:
        seen = desktop.sync(str(remote))
        assert (seen.pulled_batches, seen.skipped) == (0, [])
    # The killed home's next sync writes the batch whole, and the other home takes it.
    done = run_prepdeck("sync", "--remote", str(remote), home=tmp_path / "laptop")
    assert done.returncode == 0, done.stderr
    with open_home(tmp_path, "desktop") as desktop:
        assert desktop.sync(str(remote)).pulled_reviews == 3
        assert review_set(desktop) == expected
