"""``prepdeck backup``, ``restore`` and ``doctor`` as a user runs them, and what every
command says about a damaged database."""

from __future__ import annotations

from pathlib import Path

from tests.cli.conftest import assert_user_error, run_json
from tests.cli.helpers import run_prepdeck


def test_backup_then_restore_round_trips_and_the_doctor_is_content(isolated_home: Path) -> None:
    taken = run_json("backup", "--json", home=isolated_home)
    backup = Path(taken["path"])
    assert backup.parent == isolated_home / "backups" and taken["bytes"] > 0
    assert run_prepdeck("deck", "remove", "company-needs", home=isolated_home).returncode == 0

    restored = run_json("restore", str(backup), "--json", home=isolated_home)

    assert restored["restored_from"] == str(backup)
    assert Path(restored["replaced_kept_at"]).is_file()
    ids = [row["id"] for row in run_json("deck", "list", "--json", home=isolated_home)]
    assert "company-needs" in ids
    diagnosis = run_json("doctor", "--json", home=isolated_home)
    assert diagnosis["damaged"] is False
    assert [found["check"] for found in diagnosis["findings"]] == [
        "database",
        "schema",
        "integrity",
        "orphans",
        "backups",
    ]


def test_a_damaged_database_is_named_with_its_newest_backup_by_every_command(
    isolated_home: Path,
) -> None:
    backup = Path(run_json("backup", "--json", home=isolated_home)["path"])
    database = isolated_home / "prepdeck.sqlite3"
    database.write_bytes(database.read_bytes()[:40_000])
    for side in ("-wal", "-shm"):
        Path(f"{database}{side}").unlink(missing_ok=True)
    damaged = database.read_bytes()

    for command in (("deck", "list"), ("stats", "--json"), ("backup",)):
        done = run_prepdeck(*command, home=isolated_home)
        assert_user_error(done, "damaged", f"prepdeck restore {backup}")
        assert len(done.stderr.splitlines()) == 1
    doctor = run_prepdeck("doctor", home=isolated_home)
    assert doctor.returncode == 1 and "Traceback" not in doctor.stderr
    assert f"prepdeck restore {backup}" in doctor.stdout
    assert database.read_bytes() == damaged

    run_json("restore", str(backup), "--json", home=isolated_home)
    assert run_json("doctor", "--json", home=isolated_home)["damaged"] is False


def test_restore_refuses_what_is_not_a_backup_and_changes_nothing(
    isolated_home: Path, tmp_path: Path
) -> None:
    run_json("backup", "--json", home=isolated_home)
    database = isolated_home / "prepdeck.sqlite3"
    before = database.read_bytes()
    notes = tmp_path / "notes.txt"
    notes.write_text("not a database\n" * 100)

    assert_user_error(run_prepdeck("restore", str(notes), home=isolated_home), str(notes))
    assert_user_error(
        run_prepdeck("backup", "--to", str(notes), home=isolated_home), "exists already"
    )
    assert database.read_bytes() == before
    assert notes.read_text() == "not a database\n" * 100
