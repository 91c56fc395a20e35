"""A sync batch: one file of what one home pushed in one sync, as JSON lines.

The first line is the header, ``{"prepdeck-sync": 1, "home": ID, "sequence": N, "rows": R}``;
each of the ``R`` lines after it is one row: a review (``"type": "review"``, the fields of
``reviews export`` with the draft), or a personal item (``"type": "item"``: ``kind``,
``key``, ``stamp``, ``home`` and ``value``, null when the item was deleted). A batch is
written under a temporary name and renamed when whole, and never changed after; a file
that does not read as one (bad JSON, a wrong header, fewer rows than it announces) is
refused whole, and its reader names it.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from prepdeck.errors import BadBatch, RowProblems
from prepdeck.formats.review_log import parse_review, review_row
from prepdeck.store.records import ImportedReview, Review

FORMAT = 1
"""The batch format written; a batch of a newer format is refused, never misread."""

BATCH_NAME = re.compile(r"(?P<sequence>[0-9]{8})\.jsonl")
"""A batch file's name: its sequence number in its home, eight digits."""

HOME_ID = re.compile(r"[0-9a-f]{16}")


def batch_name(sequence: int) -> str:
    return f"{sequence:08d}.jsonl"


@dataclass(frozen=True, slots=True)
class BatchItem:
    """A personal item as a batch carries it: the version of ``key`` written at ``stamp``
    by ``home``; ``value`` None when that version deleted it."""

    kind: str
    key: str
    stamp: str
    home: str
    value: dict[str, Any] | None


@dataclass(frozen=True, slots=True)
class Batch:
    home: str
    sequence: int
    reviews: list[ImportedReview]
    items: list[BatchItem]
    sha256: str


def batch_lines(
    home: str, sequence: int, reviews: Iterable[Review], items: Iterable[BatchItem]
) -> list[str]:
    """The lines of a batch, header first, each ending in a newline."""
    rows = [_line({"type": "review", **review_row(review, with_draft=True)}) for review in reviews]
    rows += [
        _line(
            {
                "type": "item",
                "kind": item.kind,
                "key": item.key,
                "stamp": item.stamp,
                "home": item.home,
                "value": item.value,
            }
        )
        for item in items
    ]
    header = {"prepdeck-sync": FORMAT, "home": home, "sequence": sequence, "rows": len(rows)}
    return [_line(header), *rows]


def _line(value: dict[str, Any]) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n"


def write_batch(
    folder: Path, name: str, lines: list[str], *, before_rename: Callable[[], None] | None = None
) -> str:
    """Write ``lines`` to ``folder/name`` whole or not at all; returns its sha256.

    The text goes to a hidden temporary name first, is flushed to the disk and only then
    renamed, so a reader (or a file-sync tool) never sees a batch half written. An
    existing batch is never replaced.
    """
    data = "".join(lines).encode("utf-8")
    target = folder / name
    if target.exists():
        raise FileExistsError(f"{target} exists already")
    temporary = folder / f".{name}.tmp"
    with temporary.open("wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    if before_rename is not None:
        before_rename()
    try:
        # A link fails when the name is taken, where a rename would replace the file.
        os.link(temporary, target)
    except FileExistsError:
        raise
    except OSError:
        # A file system without hard links (some network and cloud drives).
        if target.exists():
            raise FileExistsError(f"{target} exists already") from None
        temporary.replace(target)
    else:
        temporary.unlink()
    return hashlib.sha256(data).hexdigest()


def read_batch(path: Path) -> Batch:
    """The batch at ``path``; BadBatch saying what is wrong (and on which line) when it
    cannot be read whole."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise BadBatch(f"cannot be read ({error.strerror or error})") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise BadBatch("not UTF-8 text") from None
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    else:
        raise BadBatch("cut short (its last line has no end)")
    header = _object(path, 1, lines[0] if lines else "")
    version = header.get("prepdeck-sync")
    if not isinstance(version, int) or isinstance(version, bool):
        raise BadBatch("line 1: not a sync batch header")
    if version > FORMAT:
        raise BadBatch(f"batch format {version} is newer than this prepdeck reads")
    home, sequence, count = header.get("home"), header.get("sequence"), header.get("rows")
    if not isinstance(home, str) or not HOME_ID.fullmatch(home):
        raise BadBatch("line 1: home: must be 16 hex digits")
    if not isinstance(sequence, int) or not isinstance(count, int) or count < 0:
        raise BadBatch("line 1: sequence and rows must be whole numbers")
    if len(lines) - 1 != count:
        raise BadBatch(f"holds {len(lines) - 1} rows, its header says {count}")
    reviews: list[ImportedReview] = []
    items: list[BatchItem] = []
    for number, line in enumerate(lines[1:], start=2):
        row = _object(path, number, line)
        kind = row.pop("type", None)
        if kind == "review":
            try:
                reviews.append(parse_review(row))
            except RowProblems as error:
                raise BadBatch(f"line {number}: {error.problems[0]}") from None
        elif kind == "item":
            items.append(_item(path, number, row))
        else:
            raise BadBatch(f"line {number}: unknown row type {kind!r}")
    return Batch(home, sequence, reviews, items, hashlib.sha256(data).hexdigest())


def _object(path: Path, number: int, line: str) -> dict[str, Any]:
    try:
        value = json.loads(line)
    except ValueError:
        raise BadBatch(f"line {number}: not a JSON object") from None
    if not isinstance(value, dict):
        raise BadBatch(f"line {number}: not a JSON object")
    return value


def _item(path: Path, number: int, row: dict[str, Any]) -> BatchItem:
    kind, key, stamp, home, value = (
        row.get("kind"),
        row.get("key"),
        row.get("stamp"),
        row.get("home"),
        row.get("value"),
    )
    if not all(isinstance(field, str) and field for field in (kind, key, stamp, home)):
        raise BadBatch(f"line {number}: an item needs kind, key, stamp and home")
    if value is not None and not isinstance(value, dict):
        raise BadBatch(f"line {number}: an item's value must be an object or null")
    assert isinstance(kind, str) and isinstance(key, str)
    assert isinstance(stamp, str) and isinstance(home, str)
    return BatchItem(kind, key, stamp, home, value)
