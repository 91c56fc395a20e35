"""How long matching an answer against a card's key points takes (target: under 5 ms).

For every card of the bundled decks that has key points, the card's own model answer
stands in for the user's answer (a few hundred words at most, as a spoken answer is). It
times ``covered_points`` per card, in a fresh process's first pass (the stemmer loaded
and nothing cached yet) and then warm, against a floor measured in the same run: splitting
the same answer into words with ``str.split``.

    python -m benchmarks.bench_match [--rounds N]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import yaml

from benchmarks.timing import p99
from prepdeck.domain.spoken import covered_points

DECKS = Path(__file__).resolve().parent.parent / "decks"


def _cards() -> list[tuple[str, tuple[str, ...]]]:
    cards: list[tuple[str, tuple[str, ...]]] = []
    for path in sorted(DECKS.glob("*.yaml")):
        deck = yaml.safe_load(path.read_text(encoding="utf-8"))
        for card in deck["cards"]:
            if card.get("points"):
                cards.append((str(card["answer"]), tuple(map(str, card["points"]))))
    return cards


def _time(action: object, cards: list[tuple[str, tuple[str, ...]]]) -> list[float]:
    assert callable(action)
    times: list[float] = []
    for answer, points in cards:
        start = time.perf_counter()
        action(answer, points)
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rounds", type=int, default=20)
    options = parser.parse_args()
    cards = _cards()
    words = statistics.median(len(answer.split()) for answer, _ in cards)
    print(f"{len(cards)} cards with points, answers of {words:.0f} words (median)")
    cold = _time(covered_points, cards)

    def split(answer: str, points: tuple[str, ...]) -> None:
        answer.split()

    matched: list[float] = []
    floor: list[float] = []
    for _ in range(options.rounds):
        matched += _time(covered_points, cards)
        floor += _time(split, cards)
    base = statistics.median(floor)
    for name, values in (("first pass", cold), ("warm", matched), ("floor: str.split", floor)):
        median = statistics.median(values)
        print(
            f"{name:<18} median {median * 1000:7.3f} ms  p99 {p99(values) * 1000:7.3f} ms  "
            f"max {max(values) * 1000:7.3f} ms  ratio to floor {median / base:8.1f}"
        )


if __name__ == "__main__":
    main()
