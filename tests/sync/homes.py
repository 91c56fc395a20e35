"""Homes that sync with each other in one test: each its own folder and database, at a
clock the test moves, with one small deck installed from a file."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from prepdeck.clock import FixedClock
from prepdeck.library.install import prepare_install
from prepdeck.paths import locations
from prepdeck.services import Services, open_services
from prepdeck.srs import Rating

START = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)

DECK = """\
prepdeck: 1
id: practice
title: Practice
cards:
""" + "".join(
    f"  - {{id: c{n}, prompt: Question {n}, answer: Answer {n}, points: [p]}}\n"
    for n in range(1, 13)
)


def deck_file(root: Path) -> Path:
    path = root / "practice.yaml"
    if not path.exists():
        path.write_text(DECK, encoding="utf-8")
    return path


def open_home(root: Path, name: str, *, at: datetime = START) -> Services:
    """The home ``root/name`` at ``at``, the practice deck installed (once)."""
    services = open_services(locations(root / name), clock=FixedClock(at), sync_bundled=False)
    if services.library.find("practice") is None:
        services.library.merge(prepare_install(str(deck_file(root))))
    return services


def clock_of(services: Services) -> FixedClock:
    assert isinstance(services.clock, FixedClock)
    return services.clock


def drill(services: Services, grades: list[Rating], *, step: timedelta) -> None:
    """Grade the cards the drill deals, one rating each, ``step`` apart."""
    for rating in grades:
        session = services.new_session(["practice"])
        assert session.current is not None, "the drill dealt no card"
        session.reveal()
        session.grade(rating, duration_ms=1000)
        clock_of(services).advance(step)


def review_set(services: Services) -> set[tuple[Any, ...]]:
    stream = services.reviews.all()
    try:
        return {
            (r.review_id, r.deck_id, r.card_id, int(r.rating), r.reviewed_at, r.mode, r.applied)
            for r in stream
        }
    finally:
        stream.close()  # type: ignore[attr-defined]


def states(services: Services, deck_id: str = "practice") -> dict[str, Any]:
    return {
        stored.card_id: (stored.schedule, stored.reps, stored.lapses)
        for stored in services.library.cards(deck_id, include_retired=True)
    }


def remote_files(root: Path) -> dict[str, str]:
    """Every file under ``root`` (git's own aside), by path, with its sha256."""
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file() and ".git" not in path.relative_to(root).parts[:1]
    }
