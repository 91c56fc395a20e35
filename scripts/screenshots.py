"""Save the pictures of the app that the README and the user guide show.

The app draws them itself, on the bundled decks in a home made for the occasion and
thrown away after, at a fixed time and terminal size, so running the script again after
a change to a screen gives pictures of that change and of nothing else:

    python -m scripts.screenshots            # writes docs/images/*.svg
    python -m scripts.screenshots OUT_DIR
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

from prepdeck.clock import FixedClock
from prepdeck.paths import locations
from prepdeck.services import open_services
from prepdeck.tui.app import make_app

ROOT = Path(__file__).resolve().parent.parent
IMAGES = ROOT / "docs" / "images"

SIZE = (100, 30)
"""Columns and rows of the terminal the pictures show."""

AT = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)
"""The moment the pictures are taken, whenever the script runs."""

SHOTS: dict[str, tuple[str, ...]] = {
    "home": (),
    "revealed-card": ("a", "space", "a", "f"),
    "browser": ("slash", *"interviewer", "enter"),
    "interviews": ("a", *("space", "4") * 6, "q", "q", "i"),
}
"""Each picture's file name (without ``.svg``) and the keys pressed on the home before it
is taken: the home itself; the first card of the drill, revealed, with two points ticked;
the card browser on a search; the interviews screen, after six cards of a drill."""

INTERVIEWS: dict[str, tuple[tuple[str, timedelta, str, tuple[str, ...]], ...]] = {
    "interviews": (
        ("Acme", timedelta(days=1, hours=4), "onsite, 3 rounds", ("Kafka at scale",)),
        ("Globex", timedelta(days=6, hours=23, minutes=30), "", ()),
    ),
}
"""The interviews of a picture's home: name, how long after the picture is taken, a note
and its needs."""


def _stopped_timer() -> float:
    # The drill's timer never moves, so its clock reads the same in every picture.
    return 0.0


async def _take(home_dir: Path, name: str, keys: Sequence[str], directory: Path) -> Path:
    # FSRS varies long intervals at random; the grade bar must read the same every run.
    services = open_services(locations(home_dir), clock=FixedClock(AT), fuzzing=False)
    with services:
        for interview, ahead, note, needs in INTERVIEWS.get(name, ()):
            services.interviews.add(interview, AT + ahead, note=note)
            for need in needs:
                services.interviews.need(interview, need)
        app = make_app(services=services, monotonic=_stopped_timer)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press(*keys)
            # Readiness is measured by a worker: the picture waits for its figures.
            await app.workers.wait_for_complete()
            await pilot.pause()
            app.save_screenshot(filename=f"{name}.svg", path=str(directory))
    return directory / f"{name}.svg"


async def save_screenshots(directory: Path) -> list[Path]:
    """Write one SVG per entry of ``SHOTS`` into ``directory``; returns their paths."""
    directory.mkdir(parents=True, exist_ok=True)
    saved: list[Path] = []
    for name, keys in SHOTS.items():
        # A fresh home each time: what one picture did (a grade, a search) is not in the next.
        with tempfile.TemporaryDirectory(prefix="prepdeck-screenshot-") as home_dir:
            saved.append(await _take(Path(home_dir), name, keys, directory))
    return saved


def main(argv: Sequence[str] = ()) -> None:
    # Dates on screen are local: pin the zone, and keep the theme's colours in.
    os.environ["TZ"] = "UTC"
    time.tzset()
    os.environ.pop("NO_COLOR", None)
    directory = Path(argv[0]) if argv else IMAGES
    for path in asyncio.run(save_screenshots(directory)):
        print(path)


if __name__ == "__main__":
    main(sys.argv[1:])
