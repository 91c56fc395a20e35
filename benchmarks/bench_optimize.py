"""Time ``prepdeck optimize``: fitting FSRS parameters to 100,000 reviews, and applying a set
(replaying the schedule of 100,000 cards).

Two throw-away homes, their logs written with plain SQL from a learner who forgets faster
than FSRS's defaults assume (``tests/domain/forgetful.py``):

- **fit**: 20,000 cards with 5 reviews each, 100,000 reviews. ``Services.optimize`` as a
  dry run (read the log, fit, measure the set in force and the fitted one) against its
  floor, reading the same histories from the log into Python. Target: under 10 s.
- **apply**: 100,000 cards with 3 reviews each. Putting a set in force and replaying
  every card in one transaction (``ParameterSets.apply``) against its floor, the fsrs
  package replaying the same reviews in memory, with no database. Target: under 30 s.

Each is run ``--runs`` times, interleaved with its floor.

Run: ``python -m benchmarks.bench_optimize [--fit-cards N] [--apply-cards N] [--runs N]``;
exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from benchmarks.bench_grade import interleaved, median_and_p99
from prepdeck.clock import FixedClock
from prepdeck.config import Config
from prepdeck.domain.cards import Card, Deck
from prepdeck.paths import Locations
from prepdeck.services import open_services
from prepdeck.srs.fit import fit_parameters
from prepdeck.store import connect
from prepdeck.store.codec import new_review_id, time_text
from prepdeck.store.parameters import ParameterSet
from prepdeck.study.scheduling import scheduler_for
from tests.domain.forgetful import START, forgetful_reviews

FIT_TARGET_S = 10.0
APPLY_TARGET_S = 30.0
NOW = START + timedelta(days=800)


def build_home(directory: Path, cards: int, per_card: int) -> Locations:
    """A home of one deck of ``cards`` cards, each with ``per_card`` reviews."""
    where = Locations(
        home=directory,
        database=directory / "prepdeck.sqlite3",
        config=directory / "config.toml",
        backups=directory / "backups",
        logs=directory / "logs",
    )
    card_ids = [f"c{index}" for index in range(cards)]
    with connect(where.database, backups_dir=where.backups) as store:
        store.decks.install(
            Deck(
                id="bench",
                title="Bench",
                cards=tuple(
                    Card(id=card_id, prompt=f"Q {card_id}?", answer="A.") for card_id in card_ids
                ),
            ),
            source="file",
            content_hash="bench",
            now=START,
        )
    rows = forgetful_reviews("bench", card_ids, reviews_per_card=per_card)
    connection = sqlite3.connect(where.database, isolation_level=None)
    connection.execute("BEGIN")
    connection.executemany(
        "INSERT INTO reviews (review_id, deck_id, card_id, rating, reviewed_at, day, mode, "
        "applied) VALUES (?, ?, ?, ?, ?, substr(?, 1, 10), 'drill', 1)",
        [
            (new_review_id(), row.deck_id, row.card_id, int(row.rating), at, at)
            for row in rows
            for at in (time_text(row.reviewed_at),)
        ],
    )
    connection.execute("COMMIT")
    connection.close()
    return where


def seconds(samples: list[float]) -> tuple[float, float]:
    median, worst = median_and_p99(samples)
    return median / 1000, worst / 1000


def line(name: str, samples: list[float], floor: list[float], target: float | None) -> bool:
    median, worst = seconds(samples)
    floor_median, _ = seconds(floor)
    text = (
        f"{name:<10} median {median:6.2f} s  worst {worst:6.2f} s  "
        f"= floor x{median / floor_median:5.1f} (floor {floor_median:.2f} s)"
    )
    met = target is None or worst < target
    if target is not None:
        text += f"  target < {target:.0f} s: {'met' if met else 'MISSED'}"
    print(text)
    return met


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--fit-cards", type=int, default=20_000)
    parser.add_argument("--apply-cards", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()
    met = True
    with tempfile.TemporaryDirectory() as directory:
        started = time.perf_counter()
        where = build_home(Path(directory) / "fit", options.fit_cards, 5)
        print(f"fit home built in {time.perf_counter() - started:.1f} s")
        with open_services(where, clock=FixedClock(NOW), sync_bundled=False) as services:
            store = services._store
            histories = list(store.parameters.histories())
            reviews = sum(len(history) for history in histories)
            print(f"fit: {len(histories):,} cards, {reviews:,} reviews")
            samples = interleaved(
                {
                    "floor": lambda: list(store.parameters.histories()),
                    "fit": lambda: services.optimize(apply=False),
                    "rust": lambda: fit_parameters(histories),
                },
                options.runs,
            )
        met &= line("fit", samples["fit"], samples["floor"], FIT_TARGET_S)
        line("  of it, the optimiser", samples["rust"], samples["floor"], None)

        started = time.perf_counter()
        where = build_home(Path(directory) / "apply", options.apply_cards, 3)
        print(f"apply home built in {time.perf_counter() - started:.1f} s")
        with open_services(where, clock=FixedClock(NOW), sync_bundled=False) as services:
            store = services._store
            histories = list(store.parameters.histories())
            fitted = fit_parameters(histories)
            print(f"apply: {len(histories):,} cards, {sum(map(len, histories)):,} reviews")
            config = Config()
            replayer = scheduler_for(config, fitted, fuzzing=False)
            fit_set = ParameterSet(fitted, NOW, 0, 0, 0.0, 0.0, 0.0, 0.0)

            def apply() -> None:
                store.parameters.apply(
                    fit_set, lambda weights: scheduler_for(config, weights, fuzzing=False)
                )

            def floor() -> None:
                for number, history in enumerate(histories):
                    replayer.replay(number, history)

            actions: dict[str, Callable[[], object]] = {"floor": floor, "apply": apply}
            samples = interleaved(actions, options.runs)
        met &= line("apply", samples["apply"], samples["floor"], APPLY_TARGET_S)
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
