"""The review log as JSON lines or CSV: what ``reviews export`` writes and ``import`` reads."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from prepdeck.deck.ids import is_valid_id
from prepdeck.errors import PrepdeckError
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


class ReviewFileError(PrepdeckError):
    """A review file holds rows that cannot be read; one line per problem."""

    located = True


def read_review_file(path: Path) -> list[ImportedReview]:
    """Rows of a JSONL or CSV export (told apart by content); every bad row is reported."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise PrepdeckError(f"{path}: no such file") from None
    except UnicodeDecodeError:
        raise PrepdeckError(f"{path}: not UTF-8 text") from None
    except OSError as error:
        raise PrepdeckError(f"{path}: cannot be read ({error.strerror or error})") from None
    stripped = text.lstrip()
    problems: list[str] = []
    rows = _jsonl_rows(path, text, problems) if stripped.startswith("{") else _csv_rows(path, text)
    reviews: list[ImportedReview] = []
    for line, raw in rows:
        try:
            reviews.append(parse_review(raw))
        except ValueError as error:
            problems.append(f"{path}:{line}: {error}")
    if problems:
        raise ReviewFileError("\n".join(problems[:50]))
    return reviews


def _jsonl_rows(path: Path, text: str, problems: list[str]) -> Iterator[tuple[int, dict[str, Any]]]:
    """The objects of a JSONL text; lines that are not one go to ``problems``, in order
    with the rows' own problems, so every bad line is reported."""
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as error:
            problems.append(f"{path}:{number}: not a JSON object ({error.msg})")
            continue
        if not isinstance(value, dict):
            problems.append(f"{path}:{number}: not a JSON object")
            continue
        yield number, value


def _csv_rows(path: Path, text: str) -> Iterator[tuple[int, dict[str, Any]]]:
    reader = csv.DictReader(io.StringIO(text))
    if reader.fieldnames is None:
        raise PrepdeckError(f"{path}: empty file")
    missing = [field for field in REQUIRED_FIELDS if field not in reader.fieldnames]
    if missing:
        raise PrepdeckError(f"{path}:1: the header lacks {', '.join(missing)}")
    for row in reader:
        yield reader.line_num, {key: value for key, value in row.items() if value not in ("", None)}


def parse_review(raw: dict[str, Any]) -> ImportedReview:
    """Only deck_id, card_id, rating and reviewed_at are needed; the rest has defaults."""
    for field in REQUIRED_FIELDS:
        if raw.get(field) in (None, ""):
            raise ValueError(f"missing {field}")
    deck_id, card_id = str(raw["deck_id"]), str(raw["card_id"])
    for name, value in (("deck_id", deck_id), ("card_id", card_id)):
        if not is_valid_id(value):
            raise ValueError(f"{name} '{value}' is not a valid id")
    rating = _integer(raw["rating"], "rating")
    if rating not in (1, 2, 3, 4):
        raise ValueError("rating must be 1, 2, 3 or 4")
    reviewed_at = _time(raw["reviewed_at"])
    mode_text = raw.get("mode") or "drill"
    try:
        mode = ReviewMode(mode_text)
    except ValueError:
        raise ValueError(f"mode must be drill or cram, not '{mode_text}'") from None
    applied = _boolean(raw["applied"]) if raw.get("applied") not in (None, "") else None
    review_id = raw.get("review_id")
    if review_id is not None:
        review_id = str(review_id).lower()
        if len(review_id) != 32 or any(ch not in "0123456789abcdef" for ch in review_id):
            raise ValueError("review_id must be 32 hex digits")
    draft = raw.get("draft")
    return ImportedReview(
        deck_id=deck_id,
        card_id=card_id,
        rating=Rating(rating),
        reviewed_at=reviewed_at,
        mode=mode,
        applied=applied,
        review_id=review_id,
        duration_ms=_optional_integer(raw.get("duration_ms"), "duration_ms"),
        points_hit=_optional_integer(raw.get("points_hit"), "points_hit"),
        points_total=_optional_integer(raw.get("points_total"), "points_total"),
        draft=str(draft) if draft is not None else None,
    )


def _integer(value: Any, name: str) -> int:
    if isinstance(value, bool):
        raise ValueError(f"{name} must be a whole number")
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value)
    raise ValueError(f"{name} must be a whole number")


def _optional_integer(value: Any, name: str) -> int | None:
    if value is None or value == "":
        return None
    number = _integer(value, name)
    if number < 0:
        raise ValueError(f"{name} must not be negative")
    return number


def _boolean(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("true", "1", "yes"):
        return True
    if text in ("false", "0", "no"):
        return False
    raise ValueError("applied must be true or false")


def _time(value: Any) -> datetime:
    try:
        moment = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(f"reviewed_at '{value}' is not an ISO 8601 time") from None
    if moment.tzinfo is None:
        raise ValueError(f"reviewed_at '{value}' needs an offset, e.g. +00:00")
    return moment.astimezone(UTC)
