"""A small database for the reliability tests, and the checks every one of them makes."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from prepdeck.domain.cards import Card, Deck
from prepdeck.srs import is_lapse
from prepdeck.store import connect
from tests.reliability.grader import SCHEDULER

DECK = Deck(
    id="basics",
    title="Basics",
    cards=tuple(Card(id=f"c{n}", prompt=f"Question {n}?", answer="Yes.") for n in range(4)),
)
CARD_IDS = [card.id for card in DECK.cards]
INSTALLED = datetime(2026, 1, 1, tzinfo=UTC)


def new_database(folder: Path) -> Path:
    """A database in ``folder`` holding ``DECK``, no card reviewed yet."""
    path = folder / "prepdeck.sqlite3"
    with connect(path, backups_dir=folder / "backups") as store:
        store.decks.install(DECK, source="file", content_hash="0" * 64, now=INSTALLED)
    return path


def start_grader(
    path: Path, seed: int, count: int, *, together: bool = False
) -> subprocess.Popen[str]:
    """The grader of ``tests.reliability.grader`` as its own process, on ``DECK``'s cards;
    ``together``: waiting for a line to start, and taking turns with another grader."""
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.reliability.grader",
            *(["--wait", "--pause"] if together else []),
            str(path),
            str(seed),
            str(count),
            DECK.id,
            *CARD_IDS,
        ],
        stdin=subprocess.PIPE if together else subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        text=True,
    )


def integrity(path: Path) -> str:
    """What ``PRAGMA integrity_check`` says of the database: "ok" when it is sound."""
    connection = sqlite3.connect(path)
    try:
        return "; ".join(row[0] for row in connection.execute("PRAGMA integrity_check"))
    finally:
        connection.close()


def logged_ids(path: Path) -> list[str]:
    """The ids of every review in the log, in the order they were written."""
    connection = sqlite3.connect(path)
    try:
        return [row[0] for row in connection.execute("SELECT review_id FROM reviews ORDER BY id")]
    finally:
        connection.close()


def assert_schedules_replay(path: Path) -> None:
    """Each card's stored schedule, reps and lapses are those a replay of its log gives."""
    with connect(path, backups_dir=path.parent / "backups") as store:
        for card_id in CARD_IDS:
            stored = store.cards.get(DECK.id, card_id)
            applied = [r for r in store.reviews.of_card(DECK.id, card_id) if r.applied]
            replayed = SCHEDULER.replay(stored.no, [(r.rating, r.reviewed_at) for r in applied])
            assert stored.schedule == (replayed[-1] if replayed else None), card_id
            # Each review logged the schedule it was applied to.
            assert [r.before for r in applied] == [None, *replayed[:-1]][: len(applied)]
            assert stored.reps == len(applied)
            befores = [None, *replayed]
            assert stored.lapses == sum(
                is_lapse(r.rating, before) for r, before in zip(applied, befores, strict=False)
            )
