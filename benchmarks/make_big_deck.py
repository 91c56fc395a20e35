"""Write a large, valid format-1 deck for benchmarks: ``make_big_deck.py OUT [CARDS]``."""

from __future__ import annotations

import random
import sys
from pathlib import Path

WORDS = [
    "team",
    "customer",
    "outage",
    "deadline",
    "budget",
    "release",
    "incident",
    "migration",
    "stakeholder",
    "priority",
    "feedback",
    "mentor",
    "backlog",
    "estimate",
    "risk",
    "metric",
    "rollout",
    "review",
    "handover",
    "support",
    "ticket",
    "network",
    "router",
    "printer",
    "account",
    "password",
    "laptop",
    "training",
    "policy",
]


def sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def write_deck(out: Path, cards: int, seed: int = 7, *, lean: bool = False) -> None:
    """``cards`` cards of five answer sentences, three points, a follow-up, tags and a
    time each; the cards of a ``lean`` deck have an id, a prompt and a one-sentence
    answer, so that 100,000 of them stay under a deck file's limits (64 MB, a million
    values)."""
    rng = random.Random(seed)
    kinds = ("question", "scenario", "company-need")
    lines = [
        "prepdeck: 1",
        "id: big-benchmark",
        "title: Benchmark deck",
        "description: |",
        "  A generated deck used to measure loading and drilling at scale.",
        "license: CC-BY-4.0",
        "version: 1.0.0",
        "tags: [benchmark]",
        "cards:",
    ]
    for number in range(cards):
        lines.append(f"  - id: card-{number}")
        if not lean:
            lines.append(f"    kind: {kinds[number % 3]}")
        lines.append(f"    prompt: Card {number}. {sentence(rng, 14)}")
        lines.append("    answer: |")
        for _ in range(1 if lean else 5):
            lines.append("      " + sentence(rng, 16))
        if not lean:
            lines.append("    points:")
            for _ in range(3):
                lines.append(f"      - {sentence(rng, 6)}")
            lines.append(f"    followups: [{sentence(rng, 8)[:-1]}]")
            lines.append("    tags: [generated, scale]")
            lines.append(f"    seconds: {60 + number % 120}")
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    target = Path(sys.argv[1])
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 10_000
    write_deck(target, count)
