"""``prepdeck locate`` and where a home lives, as real subprocesses."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.conftest import environment_without_home, run_json
from tests.cli.helpers import run_prepdeck

KEYS = ["home", "database", "config", "backups", "logs"]


def test_locate_json_gives_absolute_paths_inside_prepdeck_home(isolated_home: Path) -> None:
    found = run_json("locate", "--json", home=isolated_home)

    assert list(found) == KEYS
    home = isolated_home.resolve()
    assert Path(found["home"]) == home
    for key in KEYS[1:]:
        path = Path(found[key])
        assert path.is_absolute()
        assert path.parent == home, key
    assert len({found[key] for key in KEYS}) == len(KEYS)
    # Only looking: locate neither opens the database nor installs anything.
    assert not Path(found["database"]).exists()

    run_json("deck", "list", "--json", home=isolated_home)
    assert Path(found["database"]).is_file()


def test_locate_human_output_names_every_path_whole(tmp_path: Path) -> None:
    # Longer than the 80 columns rich assumes for a pipe: paths must not be cut.
    home = tmp_path / ("long-directory-" * 4) / ("deeper-directory-" * 4)
    found = run_json("locate", "--json", home=home)
    done = run_prepdeck("locate", home=home)

    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    for key in KEYS:
        assert any(line.split() == [key, found[key]] for line in lines), (key, done.stdout)
    assert [line.rstrip() for line in lines] == lines


def test_relative_and_tilde_homes_are_made_absolute(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path / "user"))

    relative = run_json("locate", "--json", home=Path("relative-home"))
    tilde = run_json("locate", "--json", home=Path("~/tilde-home"))

    assert relative["home"] == str(tmp_path.resolve() / "relative-home")
    assert relative["database"].startswith(relative["home"])
    assert tilde["home"] == str((tmp_path / "user" / "tilde-home").resolve())


@pytest.mark.skipif(sys.platform != "linux", reason="XDG data directories are Linux's")
@pytest.mark.parametrize("setting", [None, ""])
def test_without_prepdeck_home_the_user_data_directory_is_used(
    tmp_path: Path, setting: str | None
) -> None:
    data = tmp_path / "xdg-data"
    env = environment_without_home(XDG_DATA_HOME=str(data), NO_COLOR="1")
    if setting is not None:
        env["PREPDECK_HOME"] = setting
    done = subprocess.run(
        [sys.executable, "-m", "prepdeck", "locate", "--json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )

    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["home"] == str((data / "prepdeck").resolve())


@pytest.mark.skipif(sys.platform != "linux", reason="XDG data directories are Linux's")
@pytest.mark.parametrize(
    ("xdg_data_home", "home"),
    [
        ("{tmp}/xdg-data", "{tmp}/user"),
        ("{tmp}/xdg-data/", None),
        (None, "{tmp}/user"),
        (None, "{tmp}/user/"),
        ("", "{tmp}/user"),
        # Left to platformdirs: a relative or blank variable, no absolute home.
        ("relative", "{tmp}/user"),
        (" ", "{tmp}/user"),
        (None, "relative-user"),
        (None, None),
    ],
)
def test_the_user_data_directory_is_the_one_platformdirs_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, xdg_data_home: str | None, home: str | None
) -> None:
    from platformdirs import user_data_path

    from prepdeck.paths import home_directory

    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PREPDECK_HOME", raising=False)
    for name, value in (("XDG_DATA_HOME", xdg_data_home), ("HOME", home)):
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value.format(tmp=tmp_path))

    assert home_directory() == user_data_path("prepdeck", appauthor=False).resolve()


@pytest.mark.skipif(sys.platform != "linux", reason="XDG data directories are Linux's")
def test_an_xdg_data_home_needs_no_platformdirs(tmp_path: Path) -> None:
    probe = (
        "import sys\n"
        "from prepdeck.paths import home_directory\n"
        "print(home_directory(), 'platformdirs' in sys.modules)\n"
    )
    for variable, home in (("XDG_DATA_HOME", tmp_path / "data"), ("HOME", tmp_path / "user")):
        env = {
            key: value
            for key, value in environment_without_home().items()
            if key not in ("XDG_DATA_HOME", "HOME")
        }
        env[variable] = str(home)
        done = subprocess.run(
            [sys.executable, "-c", probe],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        share = "prepdeck" if variable == "XDG_DATA_HOME" else ".local/share/prepdeck"
        assert done.stdout.split() == [str((home / share).resolve()), "False"]
