"""``prepdeck reviews export|import`` as real subprocesses, reviews recorded in-process."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from prepdeck.srs import CardState, Rating
from prepdeck.store import ReviewMode
from tests.cli.conftest import (
    REVIEW_FIELDS,
    UNFUZZED,
    Reviewer,
    WriteFile,
    assert_user_error,
    bundled_card_ids,
    export_rows,
    run_json,
)
from tests.cli.helpers import run_prepdeck

TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00")
IMPORTED = re.compile(
    r"imported (\d+) reviews?, skipped (\d+) duplicates?, replayed (\d+) cards?\n"
)

CARDS = bundled_card_ids("company-needs")
A, B, C = CARDS[:3]


def stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def fsrs_fields(state: CardState | None) -> dict[str, Any]:
    if state is None:
        return {"state": None, "stability": None, "difficulty": None, "due": None}
    return {
        "state": int(state.state),
        "stability": state.stability,
        "difficulty": state.difficulty,
        "due": stamp(state.due),
    }


def record_history(reviewer: Reviewer) -> list[dict[str, Any]]:
    """Five reviews of three cards, recorded out of time order across cards; the rows an
    export must give, oldest first (without review ids)."""
    now = datetime.now(UTC).replace(microsecond=123456)
    b_at, a_first, a_cram, a_hard, c_at = (
        now - timedelta(days=3),
        now - timedelta(days=10),
        now - timedelta(days=2),
        now - timedelta(days=1),
        now - timedelta(minutes=5),
    )
    b_state = reviewer.grade("company-needs", B, Rating.GOOD, b_at, duration_ms=2000, points=(2, 3))
    a_state = reviewer.grade("company-needs", A, Rating.EASY, a_first, duration_ms=900)
    a_unchanged = reviewer.grade(
        "company-needs",
        A,
        Rating.AGAIN,
        a_cram,
        mode=ReviewMode.CRAM,
        applied=False,
        duration_ms=None,
        points=None,
    )
    assert a_unchanged == a_state
    a_after = reviewer.grade("company-needs", A, Rating.HARD, a_hard)
    c_state = reviewer.grade("company-needs", C, Rating.GOOD, c_at, draft="my words")

    expected = [
        (A, 4, a_first, "drill", True, (900, 1, 2), a_state),
        (B, 3, b_at, "drill", True, (2000, 2, 3), b_state),
        (A, 1, a_cram, "cram", False, (None, None, None), a_state),
        (A, 2, a_hard, "drill", True, (1000, 1, 2), a_after),
        (C, 3, c_at, "drill", True, (1000, 1, 2), c_state),
    ]
    return [
        {
            "deck_id": "company-needs",
            "card_id": card,
            "rating": rating,
            "reviewed_at": stamp(at),
            "mode": mode,
            "applied": applied,
            "duration_ms": duration,
            "points_hit": hit,
            "points_total": total,
            **fsrs_fields(state),
        }
        for card, rating, at, mode, applied, (duration, hit, total), state in expected
    ]


def partial_row(card_id: str, rating: int, reviewed_at: str, **rest: Any) -> dict[str, Any]:
    """A row with only the fields an import needs (and ``rest``)."""
    return {
        "deck_id": "company-needs",
        "card_id": card_id,
        "rating": rating,
        "reviewed_at": reviewed_at,
        **rest,
    }


def csv_text(rows: list[dict[str, Any]], fields: list[str]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(
            {
                key: "true" if value is True else "false" if value is False else value
                for key, value in row.items()
            }
        )
    return out.getvalue()


def imported(done: subprocess.CompletedProcess[str]) -> tuple[int, int, int]:
    assert done.returncode == 0, done.stderr
    found = IMPORTED.fullmatch(done.stdout)
    assert found, done.stdout
    return int(found[1]), int(found[2]), int(found[3])


# --- export ----------------------------------------------------------------------------


def test_export_rows_carry_every_review_field_in_order(
    reviewer: Reviewer, isolated_home: Path, tmp_path: Path
) -> None:
    expected = record_history(reviewer)

    rows = export_rows(isolated_home)

    assert all(list(row) == REVIEW_FIELDS for row in rows)
    assert {row.pop("review_id") for row in rows} == set(reviewer.recorded)
    assert rows == expected
    assert all(TIME.fullmatch(row["reviewed_at"]) for row in rows)
    assert all(TIME.fullmatch(row["due"]) for row in rows)

    # The same rows, as CSV, on stdout and into files.
    jsonl = run_prepdeck("reviews", "export", home=isolated_home)
    as_csv = run_prepdeck("reviews", "export", "--format", "csv", home=isolated_home)
    assert as_csv.returncode == 0, as_csv.stderr
    full_rows = [json.loads(line) for line in jsonl.stdout.splitlines()]
    assert as_csv.stdout == csv_text(full_rows, REVIEW_FIELDS)
    assert as_csv.stdout.splitlines()[0] == ",".join(REVIEW_FIELDS)
    for export_format, printed in (("jsonl", jsonl.stdout), ("csv", as_csv.stdout)):
        target = tmp_path / f"reviews.{export_format}"
        done = run_prepdeck(
            "reviews", "export", "--format", export_format, "-o", str(target), home=isolated_home
        )
        assert done.returncode == 0, done.stderr
        assert done.stdout == ""
        assert target.read_text(encoding="utf-8") == printed


def test_export_with_drafts_adds_the_draft_last(reviewer: Reviewer, isolated_home: Path) -> None:
    record_history(reviewer)

    done = run_prepdeck("reviews", "export", "--with-drafts", home=isolated_home)

    assert done.returncode == 0, done.stderr
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert all(list(row) == [*REVIEW_FIELDS, "draft"] for row in rows)
    assert [row["draft"] for row in rows] == [None, None, None, None, "my words"]


def test_export_of_a_home_without_reviews_is_empty(isolated_home: Path) -> None:
    jsonl = run_prepdeck("reviews", "export", home=isolated_home)
    as_csv = run_prepdeck("reviews", "export", "--format", "csv", home=isolated_home)

    assert (jsonl.returncode, jsonl.stdout) == (0, "")
    assert (as_csv.returncode, as_csv.stdout) == (0, ",".join(REVIEW_FIELDS) + "\n")


# --- round trips -----------------------------------------------------------------------


@pytest.mark.parametrize("export_format", ["jsonl", "csv"])
def test_export_then_import_into_a_new_home_gives_the_same_log_and_stats(
    reviewer: Reviewer,
    isolated_home: Path,
    new_home: Callable[[], Path],
    tmp_path: Path,
    export_format: str,
) -> None:
    record_history(reviewer)
    target = tmp_path / f"reviews.{export_format}"
    done = run_prepdeck(
        "reviews", "export", "--format", export_format, "-o", str(target), home=isolated_home
    )
    assert done.returncode == 0, done.stderr
    other = new_home()

    assert imported(run_prepdeck("reviews", "import", str(target), home=other)) == (5, 0, 3)

    assert export_rows(other) == export_rows(isolated_home)
    assert run_json("stats", "--json", home=other) == run_json(
        "stats", "--json", home=isolated_home
    )
    # The same file again adds nothing.
    assert imported(run_prepdeck("reviews", "import", str(target), home=other)) == (0, 5, 0)
    assert len(export_rows(other)) == 5


def test_partial_rows_are_replayed_and_deduplicated(
    isolated_home: Path, write_file: WriteFile
) -> None:
    base = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)
    times = [base, base + timedelta(days=1), base + timedelta(days=2), base + timedelta(days=9)]
    plus_two = timezone(timedelta(hours=2))
    rows = [
        partial_row(A, 3, times[0].isoformat().replace("+00:00", "Z")),
        partial_row(A, 3, times[1].astimezone(plus_two).isoformat()),
        # A cram review, applied left out: it does not change the schedule.
        partial_row(A, 1, (times[1] + timedelta(hours=1)).isoformat(), mode="cram"),
        partial_row(A, 1, times[2].isoformat()),
        partial_row(A, 4, times[3].isoformat()),
    ]
    moments = [times[0], times[1], times[1] + timedelta(hours=1), times[2], times[3]]
    partial = write_file("partial.jsonl", "".join(json.dumps(row) + "\n" for row in rows))

    assert imported(run_prepdeck("reviews", "import", str(partial), home=isolated_home)) == (
        5,
        0,
        1,
    )

    exported = export_rows(isolated_home)
    applied = [rows[0], rows[1], rows[3], rows[4]]
    states = UNFUZZED.replay(
        1, [(Rating(row["rating"]), at) for row, at in zip(applied, times, strict=True)]
    )
    after = [states[0], states[1], states[1], states[2], states[3]]
    assert [row["reviewed_at"] for row in exported] == [stamp(at) for at in moments]
    for row, state in zip(exported, after, strict=True):
        assert re.fullmatch(r"[0-9a-f]{32}", row["review_id"])
        assert {key: row[key] for key in ("state", "stability", "difficulty", "due")} == (
            fsrs_fields(state)
        )
    assert [(row["mode"], row["applied"]) for row in exported] == [
        ("drill", True),
        ("drill", True),
        ("cram", False),
        ("drill", True),
        ("drill", True),
    ]
    assert all(row["duration_ms"] is None and row["points_total"] is None for row in exported)

    # The same moments written with other offsets, and as CSV: all duplicates.
    minus_seven = timezone(timedelta(hours=-7))
    again = [
        {**row, "reviewed_at": at.astimezone(minus_seven).isoformat()}
        for row, at in zip(rows, moments, strict=True)
    ]
    shifted = write_file(
        "shifted.csv", csv_text(again, ["deck_id", "card_id", "rating", "reviewed_at", "mode"])
    )
    assert imported(run_prepdeck("reviews", "import", str(shifted), home=isolated_home)) == (
        0,
        5,
        0,
    )
    assert export_rows(isolated_home) == exported


def test_rows_of_cards_not_installed_are_skipped_and_named(
    isolated_home: Path, write_file: WriteFile
) -> None:
    rows = [
        partial_row(A, 3, "2026-03-01T09:30:00+00:00"),
        {**partial_row("x", 3, "2026-03-01T09:30:00+00:00"), "deck_id": "no-such-deck"},
    ]
    path = write_file("mixed.jsonl", "".join(json.dumps(row) + "\n" for row in rows))

    done = run_prepdeck("reviews", "import", str(path), home=isolated_home)

    assert imported(done) == (1, 0, 1)
    # One of each, said in the singular.
    assert done.stdout == "imported 1 review, skipped 0 duplicates, replayed 1 card\n"
    assert done.stderr == "skipped 1 review of a card not installed: no-such-deck/x\n"
    assert [row["card_id"] for row in export_rows(isolated_home)] == [A]


# --- refused files ---------------------------------------------------------------------


def test_bad_jsonl_rows_are_all_reported_and_nothing_is_written(
    isolated_home: Path, write_file: WriteFile
) -> None:
    good = partial_row(A, 3, "2026-03-01T09:30:00+00:00")
    lines = [
        json.dumps(good),
        json.dumps({**good, "rating": 7}),
        json.dumps({key: value for key, value in good.items() if key != "reviewed_at"}),
        json.dumps({**good, "reviewed_at": "2026-03-01T09:30:00"}),
        "not json at all",
        json.dumps([1, 2]),
        json.dumps({**good, "card_id": "Bad Id"}),
        json.dumps({**good, "review_id": "xyz"}),
    ]
    path = write_file("bad.jsonl", "\n".join(lines) + "\n")

    done = run_prepdeck("reviews", "import", str(path), home=isolated_home)

    assert_user_error(
        done,
        f"{path}:2: rating",
        f"{path}:3: reviewed_at: missing",
        f"{path}:4: reviewed_at",
        f"{path}:5: not a JSON object",
        f"{path}:6: not a JSON object",
        f"{path}:7: card_id",
        f"{path}:8: review_id",
    )
    assert f"{path}:1:" not in done.stderr
    assert len(done.stderr.splitlines()) == 7
    assert list(isolated_home.iterdir()) == []


@pytest.mark.parametrize(
    ("rows", "more"), [(60, "10 more problems"), (51, "1 more problem")], ids=["ten", "one"]
)
def test_past_fifty_problems_the_report_says_how_many_more_there_are(
    isolated_home: Path, write_file: WriteFile, rows: int, more: str
) -> None:
    good = partial_row(A, 3, "2026-03-01T09:30:00+00:00")
    path = write_file(
        "many.jsonl", "".join(json.dumps({**good, "rating": 9}) + "\n" for _ in range(rows))
    )

    done = run_prepdeck("reviews", "import", str(path), home=isolated_home)

    assert_user_error(done)
    lines = done.stderr.splitlines()
    assert len(lines) == 51
    assert lines[49] == f"{path}:50: rating: must be 1, 2, 3 or 4, not 9"
    assert lines[50] == f"{path}: {more} not shown"
    assert list(isolated_home.iterdir()) == []


def test_times_past_what_a_date_can_hold_are_located_user_errors(
    isolated_home: Path, write_file: WriteFile
) -> None:
    edges = [
        "9999-12-31T23:59:59-05:00",  # past year 9999 once in UTC
        "9999-12-31T23:59:59+00:00",  # a date, but no room for the next due date
        "0001-01-01T00:00:00+05:00",  # before year 1 once in UTC
    ]
    path = write_file(
        "edges.jsonl", "".join(json.dumps(partial_row(A, 3, at)) + "\n" for at in edges)
    )

    done = run_prepdeck("reviews", "import", str(path), home=isolated_home)

    assert_user_error(done)
    assert done.stderr.splitlines() == [
        f"{path}:{line}: reviewed_at: '{at}' is out of range: must be from 1970 to 9000 (UTC)"
        for line, at in enumerate(edges, start=1)
    ]
    assert list(isolated_home.iterdir()) == []


def test_every_problem_of_a_row_is_reported(isolated_home: Path, write_file: WriteFile) -> None:
    row = {
        **partial_row(A, 7, "2026-03-01T09:30:00"),
        "mode": "exam",
        "duration_ms": -5,
    }
    path = write_file("many.jsonl", json.dumps(row) + "\n")
    headless = {key: value for key, value in row.items() if key not in ("deck_id", "card_id")}
    csv_path = write_file(
        "many.csv",
        "deck_id,card_id,rating,reviewed_at,applied\n"
        "company-needs,Bad Id,x,2026-03-01T09:30:00+00:00,maybe\n",
    )
    missing = write_file("missing.jsonl", json.dumps(headless) + "\n")

    done = run_prepdeck("reviews", "import", str(path), home=isolated_home)
    from_csv = run_prepdeck("reviews", "import", str(csv_path), home=isolated_home)
    partial = run_prepdeck("reviews", "import", str(missing), home=isolated_home)

    assert_user_error(done)
    assert done.stderr.splitlines() == [
        f"{path}:1: rating: must be 1, 2, 3 or 4, not 7",
        f"{path}:1: reviewed_at: '2026-03-01T09:30:00' needs an offset, e.g. +00:00",
        f"{path}:1: mode: must be drill or cram, not 'exam'",
        f"{path}:1: duration_ms: must not be negative",
    ]
    assert_user_error(from_csv)
    assert from_csv.stderr.splitlines() == [
        f"{csv_path}:2: card_id: 'Bad Id' is not a valid id",
        f"{csv_path}:2: rating: must be a whole number, not 'x'",
        f"{csv_path}:2: applied: must be true or false, not 'maybe'",
    ]
    assert_user_error(partial)
    assert partial.stderr.splitlines()[:3] == [
        f"{missing}:1: deck_id: missing",
        f"{missing}:1: card_id: missing",
        f"{missing}:1: rating: must be 1, 2, 3 or 4, not 7",
    ]
    assert list(isolated_home.iterdir()) == []


def test_bad_csv_rows_are_reported_and_the_log_is_untouched(
    isolated_home: Path, write_file: WriteFile
) -> None:
    good = write_file(
        "good.csv",
        f"deck_id,card_id,rating,reviewed_at\ncompany-needs,{A},3,2026-03-01T09:30:00+00:00\n",
    )
    imported(run_prepdeck("reviews", "import", str(good), home=isolated_home))
    before = export_rows(isolated_home)
    bad = write_file(
        "bad.csv",
        "deck_id,card_id,rating,reviewed_at,applied\n"
        f"company-needs,{B},3,2026-03-02T09:30:00+00:00,\n"
        f"company-needs,{B},x,2026-03-03T09:30:00+00:00,\n"
        f"company-needs,{B},3,2026-03-04T09:30:00+00:00,maybe\n",
    )
    headless = write_file("headless.csv", "deck_id,card_id,reviewed_at\ncompany-needs,a,2026\n")

    done = run_prepdeck("reviews", "import", str(bad), home=isolated_home)
    no_header = run_prepdeck("reviews", "import", str(headless), home=isolated_home)

    assert_user_error(done, f"{bad}:3: rating", f"{bad}:4: applied")
    assert len(done.stderr.splitlines()) == 2
    assert_user_error(no_header, f"{headless}:1:", "rating")
    assert export_rows(isolated_home) == before


def test_missing_and_empty_files_are_user_errors(
    isolated_home: Path, write_file: WriteFile, tmp_path: Path
) -> None:
    missing = run_prepdeck("reviews", "import", str(tmp_path / "nope.jsonl"), home=isolated_home)
    empty = run_prepdeck("reviews", "import", str(write_file("empty.csv", "")), home=isolated_home)

    assert_user_error(missing, "nope.jsonl: no such file")
    assert_user_error(empty, "empty.csv: empty file")
