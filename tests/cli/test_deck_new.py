"""``prepdeck deck new``: a starter deck that validates under --strict, never written over
a file that exists."""

from __future__ import annotations

from pathlib import Path

from tests.cli.conftest import assert_user_error, run_json
from tests.cli.helpers import run_prepdeck


def test_the_starter_deck_validates_strictly_and_installs(
    isolated_home: Path, tmp_path: Path
) -> None:
    done = run_prepdeck("deck", "new", "data-engineering", home=isolated_home)
    assert done.returncode == 0, done.stderr
    deck_file = tmp_path / "deck.yaml"
    deck_file.write_text(done.stdout, encoding="utf-8")
    [report] = run_json(
        "deck", "validate", "--strict", "--json", str(deck_file), home=isolated_home
    )
    assert report["ok"] and report["errors"] == [] and report["cards"] == 3
    shown_kinds = {"question", "scenario", "company-need"}
    assert all(f"kind: {kind}" in done.stdout for kind in shown_kinds)
    assert run_prepdeck("deck", "install", str(deck_file), home=isolated_home).returncode == 0
    shown = run_json("deck", "show", "data-engineering", "--json", home=isolated_home)
    assert shown["license"] == "CC-BY-4.0" and shown["version"] == "0.1.0"


def test_output_file_is_written_once_and_never_overwritten(
    isolated_home: Path, tmp_path: Path
) -> None:
    target = tmp_path / "mine.yaml"
    done = run_prepdeck("deck", "new", "mine", "-o", str(target), home=isolated_home)
    assert done.returncode == 0 and "validate --strict" in done.stdout
    target.write_text("my own work\n", encoding="utf-8")
    again = run_prepdeck("deck", "new", "mine", "-o", str(target), home=isolated_home)
    assert_user_error(again, "exists already")
    assert target.read_text(encoding="utf-8") == "my own work\n"


def test_bad_and_reserved_ids_are_refused(isolated_home: Path) -> None:
    assert_user_error(run_prepdeck("deck", "new", "Bad Id", home=isolated_home), "not a deck id")
    assert_user_error(run_prepdeck("deck", "new", "my-deck", home=isolated_home), "'my-'")


def test_a_deck_based_on_a_no_derivatives_source_says_so_on_install_and_show(
    isolated_home: Path, tmp_path: Path
) -> None:
    deck_file = tmp_path / "derived.yaml"
    done = run_prepdeck("deck", "new", "derived", "-o", str(deck_file), home=isolated_home)
    assert done.returncode == 0
    text = deck_file.read_text(encoding="utf-8").replace(
        "# based_on:                   # the works your cards draw on, if any\n"
        "#   - {title: A book or article, url: https://example.org, license: CC-BY-4.0}",
        "based_on:\n  - {title: A book, url: https://example.org, license: CC-BY-NC-ND-4.0}",
    )
    assert "based_on:\n  - {title: A book" in text
    deck_file.write_text(text, encoding="utf-8")
    installed = run_prepdeck("deck", "install", str(deck_file), home=isolated_home)
    assert installed.returncode == 0, installed.stderr
    assert "based on 'A book' (CC-BY-NC-ND-4.0), non-commercial" in installed.stderr
    assert "no derivatives" in installed.stderr
    shown = run_prepdeck("deck", "show", "derived", home=isolated_home)
    assert "no derivatives: adapted works are not allowed" in shown.stdout
