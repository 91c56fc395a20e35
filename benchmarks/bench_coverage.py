"""Time the coverage report over 100,000 cards and 50 stories.

Builds the same throw-away home as ``bench_grade.py`` (20 decks of 5,000 cards, 30 %
reviewed), then adds a bank of 50 stories, each linked to 40 cards spread over the decks
(2,000 links), own answers to every 20th card (5,000), and the tag ``star`` on every
100th card (1,000 story questions). Then, interleaved run for run:

* floor -- a plain query listing the active cards, deck id, card id and prompt, in deck
  and file order: what the report cannot do without when nearly every card is uncovered;
* ``Services.coverage()`` -- the three figures and every uncovered card (some 93,000),
  what ``coverage --json`` prints. Target: median under 200 ms;
* the same with the first 20 uncovered cards, as ``coverage`` prints for people;
* ``Services.story_coverage()`` -- the story questions against the stories, what the
  coverage screen lays out (in a worker).

``--cli`` also times ``prepdeck coverage --json`` as a whole process on that home, against
``prepdeck deck list --json`` on the same home.

Run: ``python -m benchmarks.bench_coverage [--cards N] [--runs N] [--cli]``; exits 1 when
the target is missed.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
import tempfile
from pathlib import Path

from benchmarks.bench_grade import (
    NOW,
    give_history,
    install_decks,
    interleaved,
    median_and_p99,
    report,
)
from benchmarks.timing import interleaved as interleaved_commands
from benchmarks.timing import report as report_commands
from prepdeck.clock import FixedClock
from prepdeck.paths import locations
from prepdeck.services import open_services

TARGET_MS = 200.0
STORIES = 50
LINKS_PER_STORY = 40
ANSWER_EVERY = 20
STAR_EVERY = 100


def give_bank(home: Path, cards: int, decks: int) -> None:
    """Stories, their links, own answers and ``star`` tags, as described above."""
    per_deck = cards // decks
    with open_services(locations(home), clock=FixedClock(NOW), sync_bundled=False) as services:
        bank = services.stories
        for number in range(STORIES):
            story = bank.add(
                title=f"Story {number}",
                situation="The release slipped a week before the launch.",
                action="Split the work and cut the slow tests.",
                result="Shipped on the day.",
                tags=("bench",),
            )
            for link in range(LINKS_PER_STORY):
                index = (number * LINKS_PER_STORY + link) * 37 % cards
                bank.link(story.id, f"bench-{index // per_deck:02d}/card-{index % per_deck}")
    answers = [
        (f"bench-{index // per_deck:02d}", f"card-{index % per_deck}", "My own answer.")
        for index in range(0, cards, ANSWER_EVERY)
    ]
    connection = sqlite3.connect(locations(home).database, isolation_level=None)
    connection.execute("BEGIN")
    connection.executemany(
        "INSERT INTO own_answers (deck_id, card_id, answer, updated_at) "
        "VALUES (?, ?, ?, '2026-11-25T09:30:00.000000+00:00')",
        answers,
    )
    connection.execute(
        "UPDATE cards SET tags = '[\"bench\", \"star\"]' WHERE deck_id LIKE 'bench-%' "
        f"AND CAST(substr(card_id, 6) AS INTEGER) % {STAR_EVERY} = 0"
    )
    connection.execute("COMMIT")
    connection.close()


def build_home(home: Path, cards: int, decks: int) -> None:
    """The home described above, at ``home``."""
    where = locations(home)
    with open_services(where, clock=FixedClock(NOW), sync_bundled=False) as services:
        install_decks(services._store, cards, decks)
    give_history(where.database, reviewed_share=0.3)
    give_bank(home, cards, decks)


def measure(home: Path, runs: int) -> dict[str, list[float]]:
    """Milliseconds per run, interleaved: "floor", "report", "first 20", "story questions"."""
    where = locations(home)
    raw = sqlite3.connect(where.database)
    with open_services(where, clock=FixedClock(NOW), sync_bundled=False) as services:
        full = services.coverage()
        print(
            f"{full.cards:,} cards, {full.with_answer:,} with an answer, "
            f"{full.with_story:,} with a story, {full.uncovered_count:,} uncovered; "
            f"{len(services.story_coverage().questions):,} story questions"
        )
        samples = interleaved(
            {
                "floor": lambda: raw.execute(
                    "SELECT deck_id, card_id, prompt FROM cards WHERE retired = 0 "
                    "ORDER BY deck_id, position"
                ).fetchall(),
                "report": lambda: services.coverage(),
                "first 20": lambda: services.coverage(limit=20),
                "story questions": lambda: services.story_coverage(),
            },
            runs,
        )
    raw.close()
    return samples


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--cards", type=int, default=100_000)
    parser.add_argument("--decks", type=int, default=20)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--cli", action="store_true", help="also time the command")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        home = Path(scratch) / "home"
        build_home(home, options.cards, options.decks)
        samples = measure(home, options.runs)
        if options.cli:
            env = {**os.environ, "PREPDECK_HOME": str(home)}
            prepdeck = [sys.executable, "-m", "prepdeck"]
            timings = interleaved_commands(
                {
                    "floor: prepdeck deck list --json": [*prepdeck, "deck", "list", "--json"],
                    "prepdeck coverage --json": [*prepdeck, "coverage", "--json"],
                },
                max(5, options.runs // 3),
                env,
            )
            report_commands(timings, "floor: prepdeck deck list --json")
    report("floor: list the active cards", samples["floor"])
    met = report(
        f"coverage, {options.cards:,} cards",
        samples["report"],
        floor=samples["floor"],
    )
    report("coverage, first 20 uncovered", samples["first 20"], floor=samples["floor"])
    report("story questions x stories", samples["story questions"], floor=samples["floor"])
    median, p99 = median_and_p99(samples["report"])
    floor_median, floor_p99 = median_and_p99(samples["floor"])
    met = median <= TARGET_MS
    print(
        f"coverage / floor: median {median / floor_median:.2f}, p99 {p99 / floor_p99:.2f}; "
        f"[target median <= {TARGET_MS:.0f} ms: {'met' if met else 'MISSED'}]"
    )
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
