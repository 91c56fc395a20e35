"""Anki's engine on the same cards as a prepdeck benchmark database: the peer of the queue
and of the grade.

``anki`` (a dev dependency, never a runtime one) is the engine of the Anki app, its
scheduler written in Rust. ``build_collection`` makes a collection holding one Basic note
per card of a database built by ``bench_grade`` (same count, same order), all in one deck,
and copies every card's schedule into it with plain SQL: the state, the FSRS stability and
difficulty, the due day and the last review (kept in the card's data, as Anki keeps it),
and the same four past reviews per reviewed card in its review log. FSRS is on, the deck
takes 200 reviews and 20 new cards a day, and new cards do not count against the review
limit, so its queue holds the same cards as prepdeck's.

Times are shifted: the prepdeck database is built around a fixed moment, Anki's engine
reads the system clock, so every date is moved by the same offset onto today.

* ``queue_samples`` -- ``col.sched.get_queued_cards(fetch_limit=1)``, what Anki's reviewer
  asks for, each time after a change of the deck's options (untimed), which makes the
  engine gather, sort and limit the day's cards afresh (it otherwise keeps its queue
  between calls). The first card comes with its four next states, worked out by FSRS.
* ``grade_samples`` -- ``build_answer`` + ``answer_card`` with Good on the first queued
  card: the engine writes the card and its review log entry in one transaction (WAL,
  ``synchronous = FULL``, as the engine sets them) and moves its queue on. Reading the
  next card (``get_queued_cards``, its four next states) is timed apart.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from benchmarks.bench_grade import NOW

SECONDS_PER_DAY = 86_400


@contextmanager
def collection(path: Path) -> Iterator[Any]:
    from anki.collection import Collection

    col = Collection(str(path))
    try:
        yield col
    finally:
        col.close()


def build_collection(path: Path, database: Path) -> float:
    """A collection at ``path`` holding the cards of the prepdeck ``database``; seconds taken."""
    from anki.collection import AddNoteRequest

    started = time.perf_counter()
    source = sqlite3.connect(database)
    cards = source.execute(
        "SELECT prompt, answer, state, step, stability, difficulty, due, last_review "
        "FROM cards ORDER BY no"
    ).fetchall()
    history = dict(
        source.execute(
            "SELECT c.no - first.no, count(*) FROM reviews r JOIN cards c "
            "ON c.deck_id = r.deck_id AND c.card_id = r.card_id, "
            "(SELECT min(no) AS no FROM cards) AS first GROUP BY c.no"
        ).fetchall()
    )
    source.close()
    with collection(path) as col:
        basic = col.models.by_name("Basic")
        deck_id = col.decks.id("Default")
        requests = []
        for prompt, answer, *_ in cards:
            note = col.new_note(basic)
            note["Front"], note["Back"] = prompt, answer
            requests.append(AddNoteRequest(note=note, deck_id=deck_id))
        col.add_notes(requests)
        col.set_config("fsrs", True)
        col.set_config("newCardsIgnoreReviewLimit", True)
        set_daily_limits(col, reviews=200, new=20)
        ids = col.db.list("SELECT id FROM cards ORDER BY id")
        _copy_schedules(col, ids, cards, history)
    return time.perf_counter() - started


def _copy_schedules(
    col: Any, ids: list[int], cards: list[tuple[Any, ...]], history: dict[int, int]
) -> None:
    today: int = col.sched.today
    offset = time.time() - NOW.timestamp()  # moves the database's moment onto now
    updates = []
    log = []
    log_ids: set[int] = set()
    for index, (_, _, state, _, stability, difficulty, due, last) in enumerate(cards):
        if state == 0 or stability is None:
            continue
        due_at, last_at = datetime.fromisoformat(due), datetime.fromisoformat(last)
        last_seconds = int(last_at.timestamp() + offset)
        data = json.dumps({"s": stability, "d": difficulty, "dr": 0.9, "lrt": last_seconds})
        interval = max(1, (due_at - last_at).days)
        if state == 2:
            queue, anki_due = 2, today + (due_at.date() - NOW.date()).days
        else:  # learning (1) or relearning (3): due at a moment, in seconds
            queue, anki_due = 1, int(due_at.timestamp() + offset)
        updates.append((state, queue, anki_due, interval, data, ids[index]))
        for back in range(history.get(index, 0)):
            at = last_at - timedelta(days=interval * back)
            log_id = int((at.timestamp() + offset) * 1000)
            while log_id in log_ids:
                log_id += 1
            log_ids.add(log_id)
            log.append((log_id, ids[index], 3, interval, interval, 0, 30_000, 1))

    def write() -> None:
        col.db.executemany(
            "UPDATE cards SET type = ?, queue = ?, due = ?, ivl = ?, data = ?, reps = 4, "
            "left = 1 WHERE id = ?",
            updates,
        )
        col.db.executemany(
            "INSERT INTO revlog (id, cid, usn, ease, ivl, lastIvl, factor, time, type) "
            "VALUES (?, ?, -1, ?, ?, ?, ?, ?, ?)",
            log,
        )

    col.db.transact(write)


def set_daily_limits(col: Any, *, reviews: int, new: int) -> None:
    config = col.decks.config_dict_for_deck_id(col.decks.id("Default"))
    config["rev"]["perDay"] = reviews
    config["new"]["perDay"] = new
    col.decks.update_config(config)


def queue_samples(path: Path, runs: int) -> tuple[list[float], int]:
    """Seconds per build of the day's queue, each built afresh; and the cards it counts."""
    samples: list[float] = []
    with collection(path) as col:
        config = col.decks.config_dict_for_deck_id(col.decks.id("Default"))
        queued = col.sched.get_queued_cards(fetch_limit=1)  # warm the page cache
        for _ in range(runs):
            col.decks.update_config(config)  # untimed: the engine drops its queue
            started = time.perf_counter()
            queued = col.sched.get_queued_cards(fetch_limit=1)
            samples.append(time.perf_counter() - started)
        count = queued.review_count + queued.new_count + queued.learning_count
    return samples, count


def grade_samples(path: Path, grades: int) -> tuple[list[float], list[float]]:
    """Seconds per answer (Good, committed) and per read of the next card, ``grades`` times."""
    from anki.cards import Card
    from anki.scheduler.v3 import CardAnswer

    answers: list[float] = []
    nexts: list[float] = []
    with collection(path) as col:
        set_daily_limits(col, reviews=grades + 200, new=0)
        queued = col.sched.get_queued_cards(fetch_limit=1)
        for _ in range(grades):
            if not queued.cards:
                break
            top = queued.cards[0]
            card = Card(col)
            card._load_from_backend_card(top.card)
            card.start_timer()
            started = time.perf_counter()
            answer = col.sched.build_answer(card=card, states=top.states, rating=CardAnswer.GOOD)
            col.sched.answer_card(answer)
            answered = time.perf_counter()
            queued = col.sched.get_queued_cards(fetch_limit=1)
            nexts.append(time.perf_counter() - answered)
            answers.append(answered - started)
        set_daily_limits(col, reviews=200, new=20)
    return answers, nexts
