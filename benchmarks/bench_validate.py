"""``prepdeck deck validate`` of a 10,000-card deck against a bare CSafeLoader load.

Both are whole processes, run in turn. The target is a ratio of at most 1.0.
Run: ``python benchmarks/bench_validate.py [ROUNDS]``.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.make_big_deck import write_deck
from benchmarks.timing import interleaved, report


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    with tempfile.TemporaryDirectory() as scratch:
        deck = Path(scratch) / "big.yaml"
        write_deck(deck, 10_000)
        size_mb = deck.stat().st_size / 1e6
        print(f"deck: 10,000 cards, {size_mb:.1f} MB, {rounds} rounds")
        bare = (
            "import yaml; yaml.load(open(%r, 'rb'), Loader=yaml.CSafeLoader)" % str(deck)  # noqa: UP031
        )
        timings = interleaved(
            {
                "floor: python -c yaml.load(CSafeLoader)": [sys.executable, "-c", bare],
                "prepdeck deck validate": [
                    sys.executable,
                    "-m",
                    "prepdeck",
                    "deck",
                    "validate",
                    str(deck),
                ],
            },
            rounds,
        )
        ratios = report(timings, "floor: python -c yaml.load(CSafeLoader)")
        verdict = "meets" if ratios["prepdeck deck validate"] <= 1.0 else "MISSES"
        print(f"validate/floor = {ratios['prepdeck deck validate']:.2f} ({verdict} the 1.0 target)")


if __name__ == "__main__":
    main()
