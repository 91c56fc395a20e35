"""The drill screen on a home of 100,000 cards: from a grade key to the next card on screen.

Drives the real app headless (``App.run_test``) on the real session and a real database,
built as ``bench_grade`` builds it: 20 decks of 5,000 cards, 30 % with months of history.

The pilot's ``press`` and ``pause`` wait for the process to look idle by sleeping in
steps of 20 ms, which would swamp what is measured here. So keys are posted to the app
directly and the clock stops when the app hands the terminal the frame that shows the
result: each frame is rendered to the escape sequences a terminal would receive (work a
headless app otherwise skips) and searched for the text expected. Between keys the pilot
waits for the app to settle, untimed, and a key is sent no sooner than two frame periods
(at 60 Hz) after the last frame. Textual draws from a timer that, after each frame, sleeps
to the second tick of its 60 Hz grid (17 to 33 ms): a key sent 20 ms after a frame, as the
pilot's settling alone gives, waited up to 13 ms for that sleep (a quarter of the bare
app's keys, 6 % of the grades), a wait that no key typed by a person, long after the frame
of the key before it, has.
For each card the answer is revealed (untimed), then three keys are timed:

* floor, same app: ``a`` ticks the first key point, then ``a`` unticks it: the cheapest
  key of the drill, a key binding and a small repaint (time to the next frame);
* the grade, ``3`` (Good): the review committed, the next card read, the card area
  rebuilt, up to the first frame holding the new card's prompt. "settled" is the last
  frame the key caused, once the app is idle again.

A bare Textual app whose one ``Static`` counts key presses is timed before and after the
drill, as the floor of Textual itself. Target: the grade's p99 under 16 ms, one frame at
60 Hz (raised from 50 ms by the benchmark table, ``run.py``).

Run: ``python benchmarks/bench_drill_tui.py [--grades N] [--cards N]``; exits 1 when the
target is missed.
"""

from __future__ import annotations

import argparse
import asyncio
import re
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from textual import events
from textual.app import App, ComposeResult
from textual.pilot import Pilot
from textual.widgets import Static

from benchmarks.bench_grade import NOW, give_history, install_decks
from prepdeck.clock import FixedClock
from prepdeck.config import Config
from prepdeck.srs import SrsScheduler
from prepdeck.store import QueueCard, Store, connect
from prepdeck.study.session import Session
from prepdeck.tui.app import make_app

TARGET_MS = 16.0
AFTER_FRAME_S = 2 / 60
"""A timed key is sent no sooner than this after the last frame (see the top)."""
SIZE = (120, 40)
"""A roomy terminal: more cells to lay out and paint than the tests' 80 x 24."""


_ESCAPES = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
_CLOCK_ONLY = re.compile(r"-?\d+:\d\d( / \d+:\d\d)?")
"""A frame repainting nothing but the drill's clock, which ticks twice a second."""


class Frames:
    """Watches the frames an app sends to its (headless) terminal."""

    def __init__(self, app: App[Any]) -> None:
        self.app = app
        self.times: list[float] = []
        """When each frame was sent, the clock's own ticks left out."""
        self._last = time.perf_counter()
        """When the last frame, of any kind, was sent."""
        self._needle: str | None = None
        self._seen = asyncio.Event()
        self._seen_at = 0.0
        display = app._display

        def watched(screen: Any, renderable: Any) -> None:
            display(screen, renderable)
            if renderable is None or not hasattr(renderable, "render_segments"):
                return
            # What a real terminal driver writes; headless apps skip it, a terminal cannot.
            text = renderable.render_segments(app.console)
            now = self._last = time.perf_counter()
            if not _CLOCK_ONLY.fullmatch(_ESCAPES.sub("", text).strip()):
                self.times.append(now)
            if not self._seen.is_set() and (self._needle is None or self._needle in text):
                self._seen_at = now
                self._seen.set()

        app._display = watched  # type: ignore[method-assign]

    async def press(self, key: str, needle: str | None, pilot: Pilot[Any]) -> tuple[float, float]:
        """Post ``key``; milliseconds to the first frame holding ``needle`` (any frame when
        None) and to the last frame before the app is idle again."""
        # Untimed: past the frame timer's sleep after the last frame (see the top).
        await asyncio.sleep(max(0.0, self._last + AFTER_FRAME_S - time.perf_counter()))
        self._needle = needle
        self._seen.clear()
        started = time.perf_counter()
        self.app.post_message(events.Key(key, key))
        await asyncio.wait_for(self._seen.wait(), timeout=10)
        shown = self._seen_at
        await pilot.pause()  # untimed: let every message and repaint the key caused finish
        settled = max(t for t in self.times if t >= started)
        return (shown - started) * 1000, (settled - started) * 1000


class BareApp(App[None]):
    """One Static whose text changes on each key: Textual's own cost of a key and a repaint."""

    presses = 0

    def compose(self) -> ComposeResult:
        yield Static("presses: 000000", id="count")

    def on_key(self) -> None:
        self.presses += 1
        self.query_one("#count", Static).update(f"presses: {self.presses:06d}")


async def time_bare(presses: int) -> list[float]:
    app = BareApp()
    samples: list[float] = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        frames = Frames(app)
        for number in range(1, presses + 1):
            shown, _ = await frames.press("x", f"presses: {number:06d}", pilot)
            samples.append(shown)
    return samples


def needle(prompt: str) -> str:
    """The start of a bench prompt, unique to its card: ``Question 12 of deck 3:``."""
    return prompt.split(":")[0] + ":"


async def time_drill(
    store: Store, grades: int
) -> tuple[list[float], list[float], list[float], float, int]:
    # The morning after the history ends: nothing reviewed yet that day, so the session
    # holds a full day's reviews (the history stamps many reviews on its last day).
    clock = FixedClock(NOW + timedelta(days=1))
    session_built: list[float] = []

    def open_session() -> Session:
        started = time.perf_counter()
        session = Session(store, SrsScheduler(), clock)
        session_built.append((time.perf_counter() - started) * 1000)
        return session

    app = make_app(open_session, config=Config(), clock=clock)
    grade: list[float] = []
    settled: list[float] = []
    toggle: list[float] = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        frames = Frames(app)
        session: Session = app.screen.session  # type: ignore[attr-defined]
        idle_from = len(frames.times)
        await asyncio.sleep(1.0)
        idle_frames = len(frames.times) - idle_from
        for _ in range(grades):
            before = session.current
            assert before is not None, "the queue ran out; use fewer --grades"
            await pilot.press("space")
            await pilot.pause()
            for _tick in range(2):
                toggle.append((await frames.press("a", None, pilot))[0])
            upcoming = next_card(session, clock)
            next_prompt = store.cards.get(upcoming.deck_id, upcoming.card_id).card.prompt
            shown, done = await frames.press("3", needle(next_prompt), pilot)
            grade.append(shown)
            settled.append(done)
            after = session.current
            assert after is not None and after.no == upcoming.no
            assert str(app.screen.query_one("#prompt", Static).render()) == next_prompt.rstrip()
        assert session.done == grades
    return grade, settled, toggle, session_built[0], idle_frames


def next_card(session: Session, clock: FixedClock) -> QueueCard:
    """The card the session shows after a Good on this one: a learning step now due, else
    the head of the main queue (the card graded Good is never shown again at once)."""
    queue = session._queue
    learning = sorted(queue.learning, key=lambda entry: (entry[0], entry[1].no))
    if learning and learning[0][0] <= clock.now():
        return learning[0][1]
    assert queue.main, "the queue ran out; use fewer --grades"
    return queue.main[0]


def line(name: str, samples: list[float], floor: list[float] | None = None) -> str:
    ordered = sorted(samples)
    median = statistics.median(ordered)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    text = f"{name:<42} median {median:7.2f} ms  p99 {p99:7.2f} ms"
    if floor is not None:
        floor_ordered = sorted(floor)
        floor_median = statistics.median(floor_ordered)
        floor_p99 = floor_ordered[min(len(floor_ordered) - 1, int(len(floor_ordered) * 0.99))]
        text += f"  = floor x{median / floor_median:4.1f} (median) x{p99 / floor_p99:4.1f} (p99)"
    return text


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--cards", type=int, default=100_000)
    parser.add_argument("--grades", type=int, default=200)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "bench.sqlite3"
        backups = Path(scratch) / "backups"
        with connect(path, backups_dir=backups) as store:
            install_decks(store, arguments.cards, 20)
        give_history(path, 0.3)
        with connect(path, backups_dir=backups) as store:
            store.checkpoint()
            bare = asyncio.run(time_bare(arguments.grades))
            grade, settled, toggle, built, idle = asyncio.run(time_drill(store, arguments.grades))
            bare += asyncio.run(time_bare(arguments.grades))
    print(
        f"{arguments.grades} grades, terminal {SIZE[0]}x{SIZE[1]}; session built in "
        f"{built:.0f} ms; {idle} frames besides the clock's in 1 s of idle drill"
    )
    print(line("floor: bare Textual app, Static.update", bare))
    print(line("floor: drill, tick a key point (a)", toggle))
    print(line("grade (3): next prompt on screen", grade, toggle))
    print(line("  against the bare app", grade, bare))
    print(line("grade (3): settled, last frame", settled, toggle))
    p99 = sorted(grade)[min(len(grade) - 1, int(len(grade) * 0.99))]
    met = p99 < TARGET_MS
    print(
        f"grade p99 {p99:.1f} ms ({'meets' if met else 'MISSES'} the < {TARGET_MS:.0f} ms target)"
    )
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
