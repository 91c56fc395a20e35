"""Time the drill's hot paths on a database of 100,000 cards.

Builds a throw-away database: 20 decks of 5,000 cards, 30 % of them reviewed, with
stabilities spread log-normally around 20 days and four past reviews each, as after
months of daily drills. Then it measures, against floors taken in the same run:

* queue -- the due query (200 cards, ranked by retrievability) plus the new query
  (20 cards). Once as a daily user opens the app, once after a week away (a backlog of
  several thousand due cards). Target: p99 <= 5 ms. Floor: a bare primary-key SELECT
  returning as many rows.
* grade -- ``SrsScheduler.outcomes`` (done when the answer is revealed) and
  ``ReviewLog.record`` (the grade itself: one transaction, committed). Target:
  p99 <= 0.5 ms. Floor: a bare INSERT + UPDATE + COMMIT on the same database.
* the deck list counts, and the checkpoint the app runs when idle.

Run: ``python benchmarks/bench_grade.py [--cards N] [--runs N] [--db PATH]``; exits 1
when a target is missed.
"""

from __future__ import annotations

import argparse
import math
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from prepdeck.deck.model import Card, Deck
from prepdeck.srs import Rating, SrsScheduler
from prepdeck.store import QueueCard, Store, connect
from prepdeck.store.codec import time_text, unix_ms

NOW = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)
WEEK_LATER = NOW + timedelta(days=7)
QUEUE_TARGET_MS = 5.0
GRADE_TARGET_MS = 0.5
QUEUE_COLUMNS = "no, deck_id, card_id, state, step, stability, difficulty, due, last_review"


def install_decks(store: Store, cards: int, decks: int) -> None:
    per_deck = cards // decks
    started = time.perf_counter()
    for number in range(decks):
        deck = Deck(
            id=f"bench-{number:02d}",
            title=f"Bench {number}",
            cards=tuple(
                Card(
                    id=f"card-{index}",
                    prompt=f"Question {index} of deck {number}: tell me about a time when...",
                    answer="A model answer of a few sentences. " * 6,
                    points=("situation", "action", "result"),
                    tags=("bench",),
                )
                for index in range(per_deck)
            ),
        )
        store.decks.install(deck, source="file", content_hash=f"{number:064x}", now=NOW)
    elapsed = time.perf_counter() - started
    print(f"installed {decks} decks x {per_deck} cards in {elapsed:.1f} s")


def give_history(path: Path, reviewed_share: float) -> None:
    """Schedules and past reviews for a share of the cards, written with plain SQL.

    Running the scheduler for each would take minutes and measure nothing of interest.
    A card was last reviewed at a random point of its interval plus a day, so the ones
    due now are those that fell due since yesterday: a user who drills daily.
    """
    rng = random.Random(7)
    connection = sqlite3.connect(path, isolation_level=None)
    numbers = [row[0] for row in connection.execute("SELECT no FROM cards")]
    schedules = []
    history = []
    for no in rng.sample(numbers, int(len(numbers) * reviewed_share)):
        stability = min(3650.0, max(0.5, math.exp(rng.gauss(math.log(20), 1.2))))
        interval = max(1, round(stability))
        last_review = NOW - timedelta(days=rng.uniform(0, interval + 1))
        if rng.random() < 0.05:  # in a learning or relearning step
            state, step, last_review = rng.choice((1, 3)), 0, NOW - timedelta(minutes=30)
            due = last_review + timedelta(minutes=rng.choice((1, 10, 60)))
        else:
            state, step, due = 2, None, last_review + timedelta(days=interval)
        schedules.append(
            (
                state,
                step,
                stability,
                rng.uniform(1, 10),
                time_text(due),
                time_text(last_review),
                unix_ms(last_review),
                no,
            )
        )
        for back in range(4):
            at = time_text(last_review - timedelta(days=interval * back))
            history.append((no, f"{no:08x}{back:024x}", rng.choice((1, 3, 3, 3, 4)), at))
    connection.execute("BEGIN")
    connection.executemany(
        "UPDATE cards SET state = ?, step = ?, stability = ?, difficulty = ?, due = ?, "
        "last_review = ?, last_review_ms = ?, reps = 4 WHERE no = ?",
        schedules,
    )
    connection.executemany(
        "INSERT INTO reviews (review_id, deck_id, card_id, rating, reviewed_at, day, mode, "
        "applied, duration_ms, state_before, state, stability, difficulty, due, last_review) "
        "SELECT ?2, deck_id, card_id, ?3, ?4, substr(?4, 1, 10), 'drill', 1, 30000, 2, 2, "
        "stability, difficulty, due, last_review FROM cards WHERE no = ?1",
        history,
    )
    connection.execute("COMMIT")
    connection.close()


def timed(action: Callable[[], object], runs: int) -> list[float]:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def median_and_p99(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]


def report(
    name: str,
    samples: list[float],
    *,
    floor: list[float] | None = None,
    target: float | None = None,
) -> bool:
    median, p99 = median_and_p99(samples)
    line = f"{name:<34} median {median:7.3f} ms  p99 {p99:7.3f} ms"
    if floor is not None:
        floor_median, floor_p99 = median_and_p99(floor)
        line += f"  = floor x{median / floor_median:4.1f} (median) x{p99 / floor_p99:4.1f} (p99)"
    met = True
    if target is not None:
        met = p99 <= target
        line += f"  [target p99 <= {target} ms: {'met' if met else 'MISSED'}]"
    print(line)
    return met


def measure_queue(store: Store, raw: sqlite3.Connection, runs: int) -> bool:
    floor = timed(
        lambda: raw.execute(
            f"SELECT {QUEUE_COLUMNS} FROM cards WHERE no > 5000 LIMIT 220"
        ).fetchall(),
        runs,
    )
    report("floor: SELECT 220 rows by rowid", floor)
    met = measure_queue_at(store, "daily", NOW, floor, runs)
    met &= measure_queue_at(store, "a week away", WEEK_LATER, floor, runs)
    return met


def measure_queue_at(
    store: Store, label: str, now: datetime, floor: list[float], runs: int
) -> bool:
    today = now.date()
    counts = store.figures.deck_counts(now, today).values()
    print(f"-- {label}: {sum(c.due for c in counts)} cards due")

    def build_queue() -> None:
        store.queue.due(now, today, limit=200)
        store.queue.new(today, limit=20)

    report("  due query (200)", timed(lambda: store.queue.due(now, today, limit=200), runs))
    report("  new query (20)", timed(lambda: store.queue.new(today, limit=20), runs))
    met = report(
        "  queue: due + new", timed(build_queue, runs), floor=floor, target=QUEUE_TARGET_MS
    )
    report("  deck counts (deck list)", timed(lambda: store.figures.deck_counts(now, today), 30))
    return met


def measure_grades(store: Store, raw: sqlite3.Connection, cards: list[QueueCard]) -> bool:
    scheduler = SrsScheduler()
    reveal: list[float] = []
    commit: list[float] = []
    both: list[float] = []
    at = WEEK_LATER
    # A drill starts from a folded log: the app checkpoints when idle.
    store.checkpoint()
    for card in cards:
        at += timedelta(seconds=20)
        started = time.perf_counter()
        outcomes = scheduler.outcomes(card.no, card.schedule, at)
        revealed = time.perf_counter()
        store.reviews.record(
            card.deck_id,
            card.card_id,
            rating=Rating.GOOD,
            reviewed_at=at,
            day=at.date(),
            before=card.schedule,
            after=outcomes[Rating.GOOD],
            duration_ms=20_000,
            points_hit=2,
            points_total=3,
        )
        done = time.perf_counter()
        reveal.append((revealed - started) * 1000)
        commit.append((done - revealed) * 1000)
        both.append((done - started) * 1000)

    raw.execute("CREATE TABLE floor_log (review_id TEXT, no INTEGER, rating INTEGER, at TEXT)")
    numbers = iter(range(1, len(cards) + 1))

    def bare_write() -> None:
        no = next(numbers)
        raw.execute("BEGIN IMMEDIATE")
        raw.execute("INSERT INTO floor_log VALUES (?, ?, 3, ?)", (f"{no:032x}", no, "t"))
        raw.execute("UPDATE cards SET reps = reps WHERE no = ?", (no,))
        raw.execute("COMMIT")

    floor = timed(bare_write, len(cards))
    print(f"-- {len(cards)} grades")
    report("floor: INSERT + UPDATE + COMMIT", floor)
    report("reveal: four outcomes (FSRS)", reveal)
    met = report("grade: record, committed", commit, floor=floor, target=GRADE_TARGET_MS)
    met &= report("reveal + grade", both, floor=floor, target=GRADE_TARGET_MS)
    report("idle checkpoint after the drill", timed(store.checkpoint, 1))
    return met


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--cards", type=int, default=100_000)
    parser.add_argument("--decks", type=int, default=20)
    parser.add_argument("--reviewed-share", type=float, default=0.3)
    parser.add_argument("--runs", type=int, default=500)
    parser.add_argument("--db", type=Path, help="build the database here (default: a temp dir)")
    arguments = parser.parse_args()

    with tempfile.TemporaryDirectory() as scratch:
        path = arguments.db or Path(scratch) / "bench.sqlite3"
        if path.exists():
            print(f"{path} exists; give a path to a new file", file=sys.stderr)
            return 2
        backups = Path(scratch) / "backups"
        with connect(path, backups_dir=backups) as store:
            install_decks(store, arguments.cards, arguments.decks)
        give_history(path, arguments.reviewed_share)

        with connect(path, backups_dir=backups) as store:
            raw = sqlite3.connect(path, isolation_level=None)
            raw.execute("PRAGMA synchronous = NORMAL")
            print(f"{store.reviews.total()} reviews logged")
            met = measure_queue(store, raw, arguments.runs)
            cards = store.queue.due(WEEK_LATER, WEEK_LATER.date(), limit=arguments.runs)
            met &= measure_grades(store, raw, cards)
            raw.close()
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
