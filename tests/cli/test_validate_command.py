"""``prepdeck deck validate`` as a real subprocess."""

from __future__ import annotations

import json
from pathlib import Path

from prepdeck import __version__
from tests.cli.helpers import run_prepdeck

GOOD = """prepdeck: 1
id: good
title: Good deck
cards:
  - id: why-us
    prompt: Why do you want to work here?
    answer: Because of the product.
    points: [product, team]
"""

WARNED = """prepdeck: 1
id: warned
title: Warned deck
cards:
  - prompt: Why do you want to work here?
    answer: Because of the product.
"""


def _write(directory: Path, name: str, text: str) -> Path:
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


def test_version(isolated_home: Path) -> None:
    done = run_prepdeck("--version", home=isolated_home)
    assert done.returncode == 0
    assert done.stdout.strip() == f"prepdeck {__version__}"


def test_valid_deck_exits_zero(tmp_path: Path, isolated_home: Path) -> None:
    path = _write(tmp_path, "good.yaml", GOOD)
    done = run_prepdeck("deck", "validate", str(path), home=isolated_home)
    assert done.returncode == 0, done.stderr
    assert "ok, 1 card\n" in done.stdout
    assert done.stderr == ""


def test_the_summary_counts_cards_and_errors_in_good_english(
    tmp_path: Path, isolated_home: Path
) -> None:
    two = GOOD + "  - id: why-now\n    prompt: Why now?\n    answer: Timing.\n    points: [x]\n"
    good = _write(tmp_path, "two.yaml", two)
    bad = _write(tmp_path, "bad.yaml", GOOD.replace("prompt:", "promt:"))
    worse = _write(
        tmp_path, "worse.yaml", GOOD.replace("prompt:", "promt:").replace("id: why", "id: W")
    )
    done = run_prepdeck("deck", "validate", str(good), str(bad), str(worse), home=isolated_home)
    assert done.stdout.splitlines() == [
        f"{good}: ok, 2 cards",
        f"{bad}: refused, 2 errors",
        f"{worse}: refused, 3 errors",
    ]


def test_a_file_past_the_problem_cap_is_not_given_a_false_count(
    tmp_path: Path, isolated_home: Path
) -> None:
    path = _write(tmp_path, "keys.yaml", GOOD + "k: v\n" * 300)
    done = run_prepdeck("deck", "validate", str(path), home=isolated_home)
    assert done.returncode == 1
    assert done.stdout == f"{path}: refused, more than 200 problems\n"
    lines = done.stderr.splitlines()
    assert len(lines) == 201
    assert lines[-1] == f"{path}: too many problems; stopped after 200; fix the ones above first"


def test_broken_deck_exits_one_with_located_errors_and_no_traceback(
    tmp_path: Path, isolated_home: Path
) -> None:
    path = _write(tmp_path, "bad.yaml", GOOD.replace("prompt:", "promt:"))
    done = run_prepdeck("deck", "validate", str(path), home=isolated_home)
    assert done.returncode == 1
    assert f"{path}:6:5: unknown key 'promt' in a card; did you mean 'prompt'?" in done.stderr
    assert "Traceback" not in done.stderr


def test_warnings_pass_unless_strict(tmp_path: Path, isolated_home: Path) -> None:
    path = _write(tmp_path, "warned.yaml", WARNED)
    relaxed = run_prepdeck("deck", "validate", str(path), home=isolated_home)
    assert relaxed.returncode == 0
    assert f"{path}:5:5: warning: card has no id" in relaxed.stderr
    strict = run_prepdeck("deck", "validate", "--strict", str(path), home=isolated_home)
    assert strict.returncode == 1
    assert f"{path}:5:5: card has no points" in strict.stderr


def test_strict_counts_the_warnings_not_shown_too(tmp_path: Path, isolated_home: Path) -> None:
    # 150 cards without id or points: 300 warnings, of which 200 are listed.
    cards = "".join(f"  - prompt: Prompt {n}\n    answer: a\n" for n in range(150))
    path = _write(tmp_path, "warned.yaml", "prepdeck: 1\nid: w\ntitle: W\ncards:\n" + cards)
    strict = run_prepdeck("deck", "validate", "--strict", str(path), home=isolated_home)
    assert strict.returncode == 1
    assert f"{path}: 100 more warnings not shown" in strict.stderr
    assert strict.stdout.strip() == f"{path}: refused, 300 errors"


def test_json_report_shape(tmp_path: Path, isolated_home: Path) -> None:
    good = _write(tmp_path, "good.yaml", GOOD)
    missing = tmp_path / "missing.yaml"
    done = run_prepdeck("deck", "validate", "--json", str(good), str(missing), home=isolated_home)
    assert done.returncode == 1
    report = json.loads(done.stdout)
    assert report[0] == {"path": str(good), "ok": True, "cards": 1, "errors": []}
    assert report[1]["ok"] is False
    assert report[1]["errors"] == [
        {"line": None, "col": None, "severity": "error", "message": "no such file"}
    ]


def test_a_directory_validates_every_deck_in_it(tmp_path: Path, isolated_home: Path) -> None:
    _write(tmp_path, "one.yaml", GOOD)
    _write(tmp_path, "two.yml", GOOD.replace("id: good", "id: other"))
    _write(tmp_path, "notes.txt", "not a deck")
    done = run_prepdeck("deck", "validate", "--json", str(tmp_path), home=isolated_home)
    assert done.returncode == 0
    assert [Path(entry["path"]).name for entry in json.loads(done.stdout)] == [
        "one.yaml",
        "two.yml",
    ]


def test_validate_writes_nothing(tmp_path: Path, isolated_home: Path) -> None:
    path = _write(tmp_path, "good.yaml", GOOD)
    run_prepdeck("deck", "validate", str(path), home=isolated_home)
    assert list(isolated_home.iterdir()) == []


def test_unknown_command_is_a_user_error(isolated_home: Path) -> None:
    done = run_prepdeck("deck", "frobnicate", home=isolated_home)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr


def test_a_refused_install_reports_located_lines_as_they_are(
    tmp_path: Path, isolated_home: Path
) -> None:
    path = _write(tmp_path, "bad.yaml", GOOD.replace("prompt:", "promt:"))
    done = run_prepdeck("deck", "install", str(path), home=isolated_home)
    assert done.returncode == 1
    assert f"{path}:6:5: unknown key 'promt'" in done.stderr.splitlines()[1]
    assert all(line.startswith(f"{path}:") for line in done.stderr.splitlines())


def test_a_reserved_deck_id_is_refused_by_validate_at_its_position_as_by_install(
    tmp_path: Path, isolated_home: Path
) -> None:
    path = _write(tmp_path, "mine.yaml", GOOD.replace("id: good", "id: my-own-deck"))
    reserved = f"{path}:2:5: deck id 'my-own-deck' is reserved for personal decks"

    validated = run_prepdeck("deck", "validate", str(path), home=isolated_home)
    strict = run_prepdeck("deck", "validate", "--strict", str(path), home=isolated_home)
    as_json = run_prepdeck("deck", "validate", "--json", str(path), home=isolated_home)
    installed = run_prepdeck("deck", "install", str(path), home=isolated_home)

    for done in (validated, strict, as_json, installed):
        assert done.returncode == 1, done.stdout + done.stderr
        assert "Traceback" not in done.stderr
    assert validated.stderr.startswith(reserved)
    assert strict.stderr.startswith(reserved)
    (report,) = json.loads(as_json.stdout)
    assert report["ok"] is False
    assert [(e["line"], e["col"], e["severity"]) for e in report["errors"]] == [(2, 5, "error")]
    # install refuses with the very lines validate printed.
    assert installed.stderr.splitlines() == validated.stderr.splitlines()
