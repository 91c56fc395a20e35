"""A grader run as its own process by the reliability tests.

It opens a home's database through the real store and grades cards of one deck in a loop,
printing each review's id (flushed) once ``record`` has returned: a line printed is a grade
acknowledged. It imports the store and the scheduler only, so the tests can start it many
times over quickly.

Run: ``python -m tests.reliability.grader DATABASE SEED COUNT DECK CARD...``. A COUNT of 0
grades until the process is killed. With ``--wait``, it prints ``ready`` once the database
is open and starts grading when a line arrives on standard input, so two graders can be
started together; with ``--pause``, it rests a moment after each grade, as a person
would, so that another grader waiting for the database gets its turn.
"""

from __future__ import annotations

import random
import sys
import time
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

from prepdeck.srs import CardState, Rating, SrsScheduler
from prepdeck.store import ReviewMode, connect

SCHEDULER = SrsScheduler(enable_fuzzing=False)
"""Unfuzzed, as a replay of the log is: the schedule stored can be checked against one."""

PAUSE = 0.002
"""Seconds ``--pause`` rests after each grade."""

CRAM_SHARE = 0.2
"""Share of the grades logged as cram reviews that leave the schedule as it is."""


def graded(number: int, rating: Rating, before: CardState | None, at: datetime) -> CardState:
    return SCHEDULER.review(number, before, rating, at)


def main(arguments: list[str]) -> int:
    wait = "--wait" in arguments
    pause = "--pause" in arguments
    database, seed, count, deck_id, *card_ids = [a for a in arguments if not a.startswith("--")]
    rng = random.Random(int(seed))
    path = Path(database)
    with connect(path, backups_dir=path.parent / "backups") as store:
        numbers = {card_id: store.cards.get(deck_id, card_id).no for card_id in card_ids}
        if wait:
            print("ready", flush=True)
            sys.stdin.readline()
        done = 0
        while int(count) == 0 or done < int(count):
            card_id = rng.choice(card_ids)
            rating = rng.choice(list(Rating))
            applied = rng.random() >= CRAM_SHARE
            now = datetime.now(UTC)
            recorded = store.reviews.record(
                deck_id,
                card_id,
                rating=rating,
                reviewed_at=now,
                day=now.date(),
                outcome=partial(graded, numbers[card_id], rating) if applied else None,
                mode=ReviewMode.DRILL if applied else ReviewMode.CRAM,
                applied=applied,
            )
            print(recorded.review_id, flush=True)
            done += 1
            if pause:
                time.sleep(PAUSE)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
