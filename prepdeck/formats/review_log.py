"""The review log as JSON lines or CSV: what ``reviews export`` writes and ``import`` reads."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from prepdeck.domain.ids import is_valid_id
from prepdeck.domain.plural import plural
from prepdeck.domain.text import one_line
from prepdeck.errors import ReviewFileError, RowProblems
from prepdeck.srs import Rating
from prepdeck.store.records import ImportedReview, Review, ReviewMode

EXPORT_FIELDS = (
    "review_id",
    "deck_id",
    "card_id",
    "rating",
    "reviewed_at",
    "mode",
    "applied",
    "duration_ms",
    "points_hit",
    "points_total",
    "state",
    "stability",
    "difficulty",
    "due",
)
REQUIRED_FIELDS = ("deck_id", "card_id", "rating", "reviewed_at")


def json_time(moment: datetime) -> str:
    """ISO 8601, UTC, with microseconds: ``2026-11-25T10:29:03.123456+00:00``."""
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def review_row(review: Review, *, with_draft: bool = False) -> dict[str, Any]:
    """One export row; FSRS fields are the state after the review (or before, when the
    review did not change the schedule; nulls for a card never scheduled)."""
    state = review.after if review.applied else (review.after or review.before)
    row: dict[str, Any] = {
        "review_id": review.review_id,
        "deck_id": review.deck_id,
        "card_id": review.card_id,
        "rating": int(review.rating),
        "reviewed_at": json_time(review.reviewed_at),
        "mode": review.mode.value,
        "applied": review.applied,
        "duration_ms": review.duration_ms,
        "points_hit": review.points_hit,
        "points_total": review.points_total,
        "state": int(state.state) if state else None,
        "stability": state.stability if state else None,
        "difficulty": state.difficulty if state else None,
        "due": json_time(state.due) if state else None,
    }
    if with_draft:
        row["draft"] = review.draft
    return row


def write_jsonl(rows: Iterable[dict[str, Any]], out: io.TextIOBase | Any) -> int:
    count = 0
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False, separators=(",", ":")) + "\n")
        count += 1
    return count


def write_csv(rows: Iterable[dict[str, Any]], out: io.TextIOBase | Any, *, with_draft: bool) -> int:
    fields = [*EXPORT_FIELDS, "draft"] if with_draft else list(EXPORT_FIELDS)
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    count = 0
    for row in rows:
        writer.writerow(
            {key: ("true" if v is True else "false" if v is False else v) for key, v in row.items()}
        )
        count += 1
    return count


MAX_REPORTED = 50
"""Problems listed at most; a file of bad rows is one mistake, not thousands of lines."""

EARLIEST = datetime(1970, 1, 1, tzinfo=UTC)
LATEST = datetime(9000, 12, 31, 23, 59, 59, 999999, tzinfo=UTC)
"""Reviews outside these bounds are refused. Local-time conversion fails before 1970 on
some platforms, and a replay must still be able to add FSRS's longest interval (100
years) and any day start or offset to a review's time without leaving datetime's range."""

_MAX_SQLITE_INTEGER = 2**63 - 1


def read_review_file(path: Path) -> list[ImportedReview]:
    """Rows of a JSONL or CSV export (told apart by content); every bad row is reported."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ReviewFileError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise ReviewFileError(f"{path}: is a directory, not a review file") from None
    except UnicodeDecodeError:
        raise ReviewFileError(f"{path}: not UTF-8 text") from None
    except OSError as error:
        raise ReviewFileError(f"{path}: cannot be read ({error.strerror or error})") from None
    stripped = text.lstrip()
    problems: list[str] = []
    rows = _jsonl_rows(path, text, problems) if stripped.startswith("{") else _csv_rows(path, text)
    reviews: list[ImportedReview] = []
    for line, raw in rows:
        try:
            reviews.append(parse_review(raw))
        except RowProblems as error:
            problems.extend(f"{path}:{line}: {problem}" for problem in error.problems)
    if problems:
        shown = problems[:MAX_REPORTED]
        if len(problems) > MAX_REPORTED:
            more = plural(len(problems) - MAX_REPORTED, "more problem")
            shown.append(f"{path}: {more} not shown")
        raise ReviewFileError("\n".join(shown))
    return reviews


def _jsonl_rows(path: Path, text: str, problems: list[str]) -> Iterator[tuple[int, dict[str, Any]]]:
    """The objects of a JSONL text; lines that are not one go to ``problems``, in order
    with the rows' own problems, so every bad line is reported."""
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except ValueError as error:  # a JSONDecodeError, or a number past int's digit limit
            reason = error.msg if isinstance(error, json.JSONDecodeError) else str(error)
            problems.append(f"{path}:{number}: not a JSON object ({reason})")
            continue
        if not isinstance(value, dict):
            problems.append(f"{path}:{number}: not a JSON object")
            continue
        yield number, value


def _csv_rows(path: Path, text: str) -> Iterator[tuple[int, dict[str, Any]]]:
    reader = csv.DictReader(io.StringIO(text))
    try:
        header = reader.fieldnames
    except csv.Error as error:
        raise ReviewFileError(f"{path}:1: {error}") from None
    if header is None:
        raise ReviewFileError(f"{path}: empty file")
    missing = [field for field in REQUIRED_FIELDS if field not in header]
    if missing:
        raise ReviewFileError(f"{path}:1: the header lacks {', '.join(missing)}")
    try:
        for row in reader:
            yield (
                reader.line_num,
                {key: value for key, value in row.items() if value not in ("", None)},
            )
    except csv.Error as error:
        raise ReviewFileError(f"{path}:{reader.line_num}: {error}") from None


def parse_review(raw: dict[str, Any]) -> ImportedReview:
    """Only deck_id, card_id, rating and reviewed_at are needed; the rest has defaults.

    Raises RowProblems naming every problem of the row, not only the first.
    """
    problems: list[str] = []
    present = {field: raw.get(field) not in (None, "") for field in REQUIRED_FIELDS}
    problems.extend(f"{field}: missing" for field in REQUIRED_FIELDS if not present[field])
    deck_id, card_id = str(raw.get("deck_id")), str(raw.get("card_id"))
    for name, value in (("deck_id", deck_id), ("card_id", card_id)):
        if present[name] and not is_valid_id(value):
            problems.append(f"{name}: {_shown(value)} is not a valid id")
    rating = _integer(raw["rating"], "rating", problems) if present["rating"] else None
    if rating is not None and rating not in (1, 2, 3, 4):
        problems.append(f"rating: must be 1, 2, 3 or 4, not {rating}")
    reviewed_at = _time(raw["reviewed_at"], problems) if present["reviewed_at"] else None
    mode_text = raw.get("mode") or "drill"
    mode = None
    try:
        mode = ReviewMode(mode_text)
    except ValueError:
        problems.append(f"mode: must be drill or cram, not {_shown(mode_text)}")
    applied = None
    if raw.get("applied") not in (None, ""):
        applied = _boolean(raw["applied"], "applied", problems)
    review_id = raw.get("review_id")
    if review_id is not None:
        review_id = str(review_id).lower()
        if len(review_id) != 32 or any(ch not in "0123456789abcdef" for ch in review_id):
            problems.append("review_id: must be 32 hex digits")
    counts = {
        name: _optional_integer(raw.get(name), name, problems)
        for name in ("duration_ms", "points_hit", "points_total")
    }
    if problems:
        raise RowProblems(problems)
    assert rating is not None and reviewed_at is not None and mode is not None
    draft = raw.get("draft")
    return ImportedReview(
        deck_id=deck_id,
        card_id=card_id,
        rating=Rating(rating),
        reviewed_at=reviewed_at,
        mode=mode,
        applied=applied,
        review_id=review_id,
        duration_ms=counts["duration_ms"],
        points_hit=counts["points_hit"],
        points_total=counts["points_total"],
        draft=str(draft) if draft is not None else None,
    )


def _integer(value: Any, name: str, problems: list[str]) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str):
        try:
            return int(value.strip())
        except ValueError:
            pass
    problems.append(f"{name}: must be a whole number, not {_shown(value)}")
    return None


def _optional_integer(value: Any, name: str, problems: list[str]) -> int | None:
    if value is None or value == "":
        return None
    number = _integer(value, name, problems)
    if number is None:
        return None
    if number < 0:
        problems.append(f"{name}: must not be negative")
        return None
    if number > _MAX_SQLITE_INTEGER:
        problems.append(f"{name}: too large")
        return None
    return number


def _boolean(value: Any, name: str, problems: list[str]) -> bool | None:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("true", "1", "yes"):
        return True
    if text in ("false", "0", "no"):
        return False
    problems.append(f"{name}: must be true or false, not {_shown(value)}")
    return None


def _time(value: Any, problems: list[str]) -> datetime | None:
    text = str(value)
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        problems.append(f"reviewed_at: {_shown(text)} is not an ISO 8601 time")
        return None
    if moment.tzinfo is None:
        problems.append(f"reviewed_at: {_shown(text)} needs an offset, e.g. +00:00")
        return None
    try:
        utc = moment.astimezone(UTC)
    except OverflowError:
        utc = None
    if utc is None or not EARLIEST <= utc <= LATEST:
        problems.append(
            f"reviewed_at: {_shown(text)} is out of range: "
            f"must be from {EARLIEST.year} to {LATEST.year} (UTC)"
        )
        return None
    return utc


def _shown(value: Any) -> str:
    """A bad value as the user typed it, kept short enough for one line."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return f"'{one_line(text, width=40)}'"
