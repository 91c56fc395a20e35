"""Time pulling another home's reviews with ``sync`` against a plain ``reviews import``.

One home holds a deck of 10,000 cards, installed from a file, and 100,000 reviews (ten
per card, days apart), and pushes them to a shared folder with ``sync``: one batch. Its
log is also exported as ``reviews export`` writes it. A second home holding the same
deck and no review is then copied afresh for each run, and either pulls the batch with
``sync`` or imports the export with ``reviews import``, run for run in turn; the timing
starts with the database open and ends when the call returns, reading the files
included. The floor is the plain import. Target: the median pull at most 2 times the
median import.

Run: ``python -m benchmarks.bench_sync [--cards N] [--per-card N] [--runs N]``; exits 1
when the target is missed.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from prepdeck.clock import FixedClock
from prepdeck.formats.review_log import read_review_file, review_row, write_jsonl
from prepdeck.library.install import prepare_install
from prepdeck.paths import locations
from prepdeck.services import Services, open_services
from prepdeck.srs import Rating
from prepdeck.store import ImportedReview

TARGET_RATIO = 2.0
START = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def deck_text(cards: int) -> str:
    lines = ["prepdeck: 1", "id: bench-sync", "title: Sync benchmark", "cards:"]
    lines += [
        f"  - {{id: card-{n}, prompt: Question {n}, answer: Answer {n}, points: [a, b]}}"
        for n in range(cards)
    ]
    return "\n".join(lines) + "\n"


def open_home(path: Path, deck: Path) -> Services:
    services = open_services(locations(path), clock=FixedClock(NOW), sync_bundled=False)
    if services.library.find("bench-sync") is None:
        services.library.merge(prepare_install(str(deck)))
    return services


def history(cards: int, per_card: int) -> list[ImportedReview]:
    ratings = (Rating.GOOD, Rating.GOOD, Rating.HARD, Rating.EASY, Rating.AGAIN)
    return [
        ImportedReview(
            deck_id="bench-sync",
            card_id=f"card-{n}",
            rating=ratings[(n + k) % len(ratings)],
            reviewed_at=START + timedelta(days=3 * k, seconds=n),
        )
        for n in range(cards)
        for k in range(per_card)
    ]


def timed_run(
    pristine: Path, work: Path, deck: Path, action: str, remote: Path, export: Path
) -> float:
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(pristine, work)
    with open_home(work, deck) as home:
        start = time.perf_counter()
        if action == "sync":
            report = home.sync(str(remote))
            added = report.pulled_reviews
        else:
            added = home.reviews.import_reviews(read_review_file(export)).added
        elapsed = time.perf_counter() - start
    assert added > 0, f"{action} added nothing"
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=10_000)
    parser.add_argument("--per-card", type=int, default=10)
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        root = Path(directory)
        deck = root / "bench-sync.yaml"
        deck.write_text(deck_text(options.cards), encoding="utf-8")
        remote = root / "shared"
        remote.mkdir()
        export = root / "reviews.jsonl"
        with open_home(root / "laptop", deck) as laptop:
            added = laptop.reviews.import_reviews(history(options.cards, options.per_card)).added
            pushed = laptop.sync(str(remote)).pushed_reviews
            stream = laptop.reviews.all()
            with export.open("w", encoding="utf-8") as out:
                write_jsonl((review_row(review) for review in stream), out)
        print(f"{added} reviews of {options.cards} cards; {pushed} pushed in one batch")
        pristine = root / "desktop-pristine"
        open_home(pristine, deck).close()
        work = root / "desktop"
        timings: dict[str, list[float]] = {"reviews import": [], "sync (pull)": []}
        for _ in range(options.runs):
            timings["reviews import"].append(
                timed_run(pristine, work, deck, "import", remote, export)
            )
            timings["sync (pull)"].append(timed_run(pristine, work, deck, "sync", remote, export))
    floor = statistics.median(timings["reviews import"])
    for name, values in timings.items():
        median = statistics.median(values)
        print(
            f"{name:<16} median {median * 1000:8.0f} ms  min {min(values) * 1000:8.0f} ms  "
            f"ratio {median / floor:.2f}"
        )
    ratio = statistics.median(timings["sync (pull)"]) / floor
    verdict = "met" if ratio <= TARGET_RATIO else "MISSED"
    print(f"target: at most {TARGET_RATIO:.1f}x the plain import; {verdict}")
    return 0 if ratio <= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
