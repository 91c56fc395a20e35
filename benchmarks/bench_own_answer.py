"""Time revealing a card with the user's own answer and linked stories against one without.

Builds the same throw-away database as ``bench_grade.py`` (20 decks of 5,000 cards, 30 %
reviewed), then gives an own answer of a few paragraphs to every other card of the first
ten decks (25,000 answers), and links two of 200 STAR stories to every other one of
those (12,500 cards, 25,000 links). A drill ``Session`` then reveals, run for run in turn,
a card picked at random among those with neither, those with an own answer only, and
those with an own answer and two stories: the four FSRS outcomes and, since schema
versions 10 and 11, the lookups of the own answer and of the stories linked to the card.
The floor is the reveal of a card with neither, measured in the same run. Target: the
median reveal with an own answer and two stories at most 1.2 times the floor's.

Run: ``python -m benchmarks.bench_own_answer [--cards N] [--runs N]``; exits 1 when the
target is missed.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from benchmarks.bench_grade import NOW, give_history, install_decks, interleaved, report
from prepdeck.clock import FixedClock
from prepdeck.domain.stories import Story
from prepdeck.prep.stories import drill_card
from prepdeck.srs import SrsScheduler
from prepdeck.store import Store, connect
from prepdeck.study.session import DrillCard, Session

TARGET_RATIO = 1.2
ANSWER = "In my last team I owned the release pipeline, and when it broke... " * 8
STORIES = 200


def give_stories(store: Store, answered: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Two stories linked to every other answered card; those cards are returned."""
    stories = [
        Story(
            id=f"story-{number}",
            title=f"The release that slipped, take {number}",
            situation="Our release train missed two dates in a row. " * 3,
            task="Get the next one out on the day promised.",
            action="Split the release into flags and ran a daily go or no-go. " * 3,
            result="Shipped on the day, and every release since has.",
            metric="12 releases on time",
            tags=("ownership", "delivery"),
        )
        for number in range(STORIES)
    ]
    store.stories.save([(story, drill_card(story)) for story in stories], now=NOW)
    linked = answered[::2]
    for index, (deck_id, card_id) in enumerate(linked):
        for story in (stories[index % STORIES], stories[(index + 1) % STORIES]):
            store.stories.link(story.id, deck_id, card_id)
    print(f"{STORIES} stories, {2 * len(linked)} links to {len(linked)} answered cards")
    return linked


def give_answers(store: Store, decks: int, per_deck: int) -> list[tuple[str, str]]:
    """Own answers for every other card of the first half of the decks; the cards left
    without one are returned."""
    answered: list[tuple[str, str, str]] = []
    without: list[tuple[str, str]] = []
    for number in range(decks):
        for index in range(per_deck):
            key = (f"bench-{number:02d}", f"card-{index}")
            if number < decks // 2 and index % 2 == 0:
                answered.append((*key, ANSWER))
            else:
                without.append(key)
    store.answers.save_many(answered, at=NOW)
    print(f"{len(answered)} own answers kept")
    return without


def revealing(session: Session, store: Store, cards: list[tuple[str, str]]) -> Callable[[], None]:
    """A reveal of a card drawn from ``cards``, worked out afresh as a new card's is."""
    rng = random.Random(11)
    # Read before timing: dealing a card reads it, with or without an own answer.
    shown = [
        DrillCard(stored.no, stored.deck_id, "Bench", stored.card, stored.schedule, 0)
        for stored in (store.cards.get(*key) for key in rng.sample(cards, 500))
    ]

    def reveal() -> None:
        # The session's own steps to deal a card read its queue too; only the reveal is
        # timed here, so the card is put in front of it directly.
        session.current = rng.choice(shown)
        session._outcomes = None
        session.reveal()

    return reveal


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--cards", type=int, default=100_000)
    parser.add_argument("--decks", type=int, default=20)
    parser.add_argument("--runs", type=int, default=3000)
    arguments = parser.parse_args()
    per_deck = arguments.cards // arguments.decks

    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "bench.sqlite3"
        backups = Path(scratch) / "backups"
        with connect(path, backups_dir=backups) as store:
            install_decks(store, arguments.cards, arguments.decks)
        give_history(path, 0.3)
        with connect(path, backups_dir=backups) as store:
            without = give_answers(store, arguments.decks, per_deck)
            answered = [(row.deck_id, row.card_id) for row in store.answers.all()]
            with_stories = give_stories(store, answered)
            answer_only = sorted(set(answered) - set(with_stories))
            session = Session(store, SrsScheduler(), FixedClock(NOW))
            samples = interleaved(
                {
                    "floor": revealing(session, store, without),
                    "own": revealing(session, store, answer_only),
                    "stories": revealing(session, store, with_stories),
                },
                arguments.runs,
            )
    report("floor: reveal, neither", samples["floor"])
    report("reveal with an own answer", samples["own"], floor=samples["floor"])
    report("... and two linked stories", samples["stories"], floor=samples["floor"])
    floor_median = statistics.median(samples["floor"])
    own_ratio = statistics.median(samples["own"]) / floor_median
    ratio = statistics.median(samples["stories"]) / floor_median
    met = ratio <= TARGET_RATIO
    print(f"median ratio, own answer only x{own_ratio:.2f}")
    print(
        f"median ratio, own answer and two stories x{ratio:.2f} "
        f"[target <= {TARGET_RATIO}: {'met' if met else 'MISSED'}]"
    )
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
