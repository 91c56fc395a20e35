"""Time the plan to an interview: laying out 500 cards over 30 days, and working it out
again after one review, as the drill does after each grade.

A throw-away home holds one deck of ``--cards`` cards, ``--reviewed`` of them reviewed
before (stabilities from a day to two months, last reviews up to 40 days back), the rest
new; the interview is 30 days ahead and the budget 15 minutes a day. Each case runs in
turn with the floor, the same run: reading readiness at the interview over the same
cards, one pass of FSRS's forgetting curve over every card, in SQL.

Targets (the plan issue): a plan within 1 s; a plan worked out again after a review
within 100 ms.

Run: ``python -m benchmarks.bench_plan [--cards N] [--runs N]``; exits 1 when a target is
missed.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from benchmarks.bench_grade import interleaved, report
from prepdeck.clock import FixedClock
from prepdeck.domain.cards import Card, Deck
from prepdeck.paths import locations
from prepdeck.services import Services, open_services
from prepdeck.srs import Rating
from prepdeck.store import ImportedReview

NOW = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)
PLAN_TARGET_MS = 1000.0
REPLAN_TARGET_MS = 100.0


def build_home(services: Services, cards: int, reviewed: float) -> None:
    store = services._store
    deck = Deck(
        id="bench",
        title="Bench",
        cards=tuple(
            Card(id=f"c{index}", prompt=f"Prompt {index}?", answer="A.") for index in range(cards)
        ),
    )
    store.decks.install(deck, source="file", content_hash="bench", now=NOW - timedelta(days=90))
    chance = random.Random(3)
    history: list[ImportedReview] = []
    for index in range(int(cards * reviewed)):
        met = NOW - timedelta(days=chance.randint(2, 40), hours=chance.randint(0, 12))
        history.append(ImportedReview("bench", f"c{index}", Rating.GOOD, met))
        history.append(
            ImportedReview("bench", f"c{index}", Rating.GOOD, met + timedelta(minutes=10))
        )
        if chance.random() < 0.5:
            again = met + timedelta(days=chance.randint(1, 2))
            if again < NOW:
                rating = Rating.GOOD if chance.random() < 0.8 else Rating.AGAIN
                history.append(ImportedReview("bench", f"c{index}", rating, again))
    store.reviews.import_reviews(
        history, scheduler=services.scheduler, day_of=lambda moment: moment.date()
    )


def measure(directory: Path, cards: int, reviewed: float, runs: int) -> dict[str, list[float]]:
    """Milliseconds per run, on a home built under ``directory``: "floor" and "plan"
    (interleaved), then "replan_floor" and "replan", one of each after each review."""
    clock = FixedClock(NOW)
    with open_services(
        locations(directory), clock=clock, sync_bundled=False, fuzzing=False
    ) as services:
        build_home(services, cards, reviewed)
        interview = services.interviews.add("Bench", NOW + timedelta(days=30), decks=["bench"])
        first = services.plan("Bench")
        print(
            f"{first.cards} cards, {len(first.plan.days)} days, "
            f"{sum(len(day.cards) for day in first.plan.days)} reviews planned; "
            f"expected recall {first.plan.expected_recall_with_plan:.1%} with the plan, "
            f"{first.plan.expected_recall_without_plan:.1%} with the ordinary drill"
        )
        floor = lambda: services.readiness(interview.at, deck_ids=["bench"], limit=0)  # noqa: E731
        samples = interleaved({"floor": floor, "plan": lambda: services.plan("Bench")}, runs)
        # After each review, as the drill does: one planner kept, one card graded and
        # named as the one changed.
        planner = services.planner()
        planner.plan(interview, clock.now(), baseline=False)
        drill = services.new_session(["bench"])
        samples["replan"], samples["replan_floor"] = [], []
        for _ in range(runs):
            if drill.current is None:
                break
            graded = [drill.current.no]
            drill.grade(Rating.GOOD, duration_ms=60_000)

            def replan(graded: list[int] = graded) -> object:
                return planner.plan(interview, clock.now(), baseline=False, changed=graded)

            clock.advance(timedelta(seconds=30))
            timed = interleaved({"floor": floor, "replan": replan}, 1)
            samples["replan"] += timed["replan"]
            samples["replan_floor"] += timed["floor"]
    return samples


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--cards", type=int, default=500)
    parser.add_argument("--reviewed", type=float, default=0.6)
    parser.add_argument("--runs", type=int, default=20)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        samples = measure(Path(directory), options.cards, options.reviewed, options.runs)
    report("floor: readiness at the interview", samples["floor"])
    met = report(
        "plan, from nothing", samples["plan"], floor=samples["floor"], target=PLAN_TARGET_MS
    )
    report("floor: readiness at the interview", samples["replan_floor"])
    met &= report(
        "plan again after a review",
        samples["replan"],
        floor=samples["replan_floor"],
        target=REPLAN_TARGET_MS,
    )
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
