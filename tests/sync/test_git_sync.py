"""Two homes merging through a bare git repository, pushed to with the user's own git."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from prepdeck.errors import SyncError
from prepdeck.srs import Rating
from tests.cli.conftest import assert_user_error
from tests.sync.homes import clock_of, drill, open_home, review_set, states

HOUR = timedelta(hours=1)


def bare_repository(root: Path) -> Path:
    path = root / "remote.git"
    subprocess.run(["git", "init", "--quiet", "--bare", str(path)], check=True)
    return path


def commits(repository: Path) -> list[str]:
    done = subprocess.run(
        ["git", "--git-dir", str(repository), "log", "--all", "--format=%s"],
        capture_output=True,
        text=True,
        check=False,
    )
    return done.stdout.splitlines()


def pushed_files(repository: Path) -> list[str]:
    done = subprocess.run(
        ["git", "--git-dir", str(repository), "log", "--all", "--name-only", "--format="],
        capture_output=True,
        text=True,
        check=True,
    )
    return sorted(line for line in done.stdout.splitlines() if line)


@pytest.mark.parametrize("first", ["laptop", "desktop"])
def test_two_homes_merge_through_a_bare_repository_in_either_order(
    tmp_path: Path, first: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # No identity of the user's: the sync brings its own.
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    remote = str(bare_repository(tmp_path))
    laptop = open_home(tmp_path, "laptop")
    desktop = open_home(tmp_path, "desktop")
    drill(laptop, [Rating.GOOD, Rating.AGAIN, Rating.GOOD], step=HOUR)
    clock_of(desktop).advance(timedelta(minutes=20))
    drill(desktop, [Rating.EASY, Rating.HARD], step=HOUR)
    one, other = (laptop, desktop) if first == "laptop" else (desktop, laptop)
    for home in (one, other, one):
        home.sync(remote)
    assert len(review_set(laptop)) == 5
    assert review_set(laptop) == review_set(desktop)
    assert states(laptop) == states(desktop)
    # Both drill before either syncs again.
    drill(laptop, [Rating.GOOD], step=HOUR)
    drill(desktop, [Rating.GOOD], step=HOUR)
    one.sync(remote)
    other.sync(remote)
    one.sync(remote)
    assert len(review_set(laptop)) == 7
    assert review_set(laptop) == review_set(desktop)
    assert states(laptop) == states(desktop)
    history = commits(Path(remote))
    files = pushed_files(Path(remote))
    for home in (laptop, desktop):
        again = home.sync(remote)
        assert again.pushed_batch is None and again.pulled_batches == 0
    assert commits(Path(remote)) == history
    assert pushed_files(Path(remote)) == files
    assert all(name.startswith("prepdeck-homes/") for name in files)


def test_a_refused_push_is_one_line_naming_the_remote(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    remote = bare_repository(tmp_path)
    hook = remote / "hooks" / "pre-receive"
    hook.write_text("#!/bin/sh\necho 'pushes are closed' >&2\nexit 1\n", encoding="utf-8")
    hook.chmod(0o755)
    laptop = open_home(tmp_path, "laptop")
    drill(laptop, [Rating.GOOD], step=HOUR)
    with pytest.raises(SyncError) as refused:
        laptop.sync(str(remote))
    message = str(refused.value)
    assert message.startswith(f"git push to {remote} was refused: ")
    assert "\n" not in message
    # The batch stays committed in the clone and goes with the next push that is taken.
    hook.unlink()
    assert laptop.sync(str(remote)).pushed_batch is None
    assert len(pushed_files(remote)) == 1


def test_without_git_a_git_remote_is_refused_in_one_line(tmp_path: Path) -> None:
    remote = bare_repository(tmp_path)
    home = tmp_path / "home"
    environment = dict(os.environ, PREPDECK_HOME=str(home), PATH=str(tmp_path / "no-bin"))
    done = subprocess.run(
        [sys.executable, "-m", "prepdeck", "sync", "--remote", str(remote)],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
        check=False,
    )
    assert_user_error(done, "git is not installed")
    assert len(done.stderr.strip().splitlines()) == 1


def test_a_remote_git_cannot_reach_is_one_line(tmp_path: Path) -> None:
    laptop = open_home(tmp_path, "laptop")
    with pytest.raises(SyncError, match=r"^git clone failed: .+") as failed:
        laptop.sync(str(tmp_path / "missing.git"))
    assert "\n" not in str(failed.value)


def test_a_clone_of_an_empty_remote_follows_the_branch_another_home_pushed_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    remote = str(bare_repository(tmp_path))
    laptop = open_home(tmp_path, "laptop")
    desktop = open_home(tmp_path, "desktop")
    desktop.sync(remote)
    # This machine's git names its first branch apart from the other's.
    (clone,) = (tmp_path / "desktop" / "sync").iterdir()
    subprocess.run(["git", "-C", str(clone), "checkout", "-q", "--orphan", "trunk"], check=True)
    drill(laptop, [Rating.GOOD], step=HOUR)
    laptop.sync(remote)
    assert desktop.sync(remote).pulled_reviews == 1
    drill(desktop, [Rating.EASY], step=HOUR)
    desktop.sync(remote)
    laptop.sync(remote)
    assert review_set(laptop) == review_set(desktop)
    assert len(review_set(laptop)) == 2


def test_a_temporary_file_left_by_a_killed_sync_is_never_committed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    remote = bare_repository(tmp_path)
    laptop = open_home(tmp_path, "laptop")
    drill(laptop, [Rating.GOOD], step=HOUR)
    home = laptop.sync(str(remote)).home
    (clone,) = (tmp_path / "laptop" / "sync").iterdir()
    (clone / "prepdeck-homes" / home / ".00000009.jsonl.tmp").write_text("{", encoding="utf-8")
    assert laptop.sync(str(remote)).pushed_batch is None
    drill(laptop, [Rating.GOOD], step=HOUR)
    assert laptop.sync(str(remote)).pushed_batch == f"prepdeck-homes/{home}/00000002.jsonl"
    assert pushed_files(remote) == [
        f"prepdeck-homes/{home}/00000001.jsonl",
        f"prepdeck-homes/{home}/00000002.jsonl",
    ]


def test_a_push_refused_because_another_home_pushed_meanwhile_is_merged_and_pushed_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    remote = bare_repository(tmp_path)
    laptop = open_home(tmp_path, "laptop")
    desktop = open_home(tmp_path, "desktop")
    drill(desktop, [Rating.GOOD], step=HOUR)
    desktop.sync(str(remote))
    drill(laptop, [Rating.EASY], step=HOUR)
    # The first push is turned away once, as when another home pushed in between.
    marker = tmp_path / "refused-once"
    hook = remote / "hooks" / "pre-receive"
    hook.write_text(
        f"#!/bin/sh\nif [ ! -e '{marker}' ]; then touch '{marker}'; exit 1; fi\nexit 0\n",
        encoding="utf-8",
    )
    hook.chmod(0o755)
    report = laptop.sync(str(remote))
    assert marker.exists()
    assert report.pushed_batch is not None
    assert len(pushed_files(remote)) == 2
    desktop.sync(str(remote))
    assert review_set(laptop) == review_set(desktop)


def test_a_merge_that_conflicts_is_one_line_and_leaves_the_clone_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    remote = bare_repository(tmp_path)
    laptop = open_home(tmp_path, "laptop")
    drill(laptop, [Rating.GOOD], step=HOUR)
    laptop.sync(str(remote))
    [clone] = (tmp_path / "laptop" / "sync").iterdir()
    identity = ["-c", "user.name=t", "-c", "user.email=t@t.invalid"]

    def git(where: Path, *arguments: str) -> None:
        subprocess.run(["git", *identity, *arguments], cwd=where, check=True, capture_output=True)

    # The same path, written apart in the home's copy and on the remote.
    other = tmp_path / "other"
    git(tmp_path, "clone", "--quiet", str(remote), str(other))
    (other / "clash.txt").write_text("theirs\n")
    git(other, "add", "clash.txt")
    git(other, "commit", "--quiet", "-m", "theirs")
    git(other, "push", "--quiet")
    (clone / "clash.txt").write_text("ours\n")
    git(clone, "add", "clash.txt")
    git(clone, "commit", "--quiet", "-m", "ours")

    with pytest.raises(SyncError, match="cannot merge") as refused:
        laptop.sync(str(remote))
    assert "\n" not in str(refused.value)
    assert not (clone / ".git" / "MERGE_HEAD").exists()
    assert (clone / "clash.txt").read_text() == "ours\n"
