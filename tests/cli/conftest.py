"""Shared pieces of the command tests: deck texts, homes, a local deck server, reviews."""

from __future__ import annotations

import json
import os
import subprocess
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from prepdeck.domain.days import app_day, day_start
from prepdeck.formats.deck.loader import load_deck
from prepdeck.paths import locations
from prepdeck.services import Services, open_services
from prepdeck.srs import CardState, Rating, SrsScheduler
from prepdeck.store import ReviewMode
from tests.cli.helpers import run_prepdeck

BUNDLED_DECKS = Path(__file__).resolve().parents[2] / "decks"

LOCAL_ZONE: tzinfo = timezone(timedelta(hours=5, minutes=30))
"""The zone the time-sensitive tests run prepdeck in: its dates differ from UTC's."""
LOCAL_TZ = "IST-5:30"
"""``LOCAL_ZONE`` as a POSIX TZ value (no zone database needed)."""

DAY_START_HOUR = 4
"""The default of ``day_start_hour``."""

REVIEW_FIELDS = [
    "review_id",
    "deck_id",
    "card_id",
    "rating",
    "reviewed_at",
    "mode",
    "applied",
    "duration_ms",
    "points_hit",
    "points_total",
    "state",
    "stability",
    "difficulty",
    "due",
]
"""The fields of a review as ``reviews export`` writes it, in their order."""


# --- deck texts ------------------------------------------------------------------------


def deck_yaml(
    deck_id: str,
    cards: Sequence[str] | dict[str, str],
    *,
    title: str | None = None,
) -> str:
    """A valid format-1 deck; ``cards`` are ids, or ids mapped to their answers."""
    answers = cards if isinstance(cards, dict) else {card: f"Answer {card}." for card in cards}
    lines = ["prepdeck: 1", f"id: {deck_id}", f"title: {title or 'Deck ' + deck_id}", "cards:"]
    for card_id, answer in answers.items():
        lines += [
            f"  - id: {card_id}",
            f"    prompt: Question {card_id}?",
            f"    answer: {answer}",
            f"    points: [point of {card_id}]",
        ]
    return "\n".join(lines) + "\n"


def bundled_card_ids(deck_id: str) -> list[str]:
    """The card ids of a bundled deck, in file order."""
    deck = load_deck(BUNDLED_DECKS / f"{deck_id}.yaml").deck
    assert deck is not None, deck_id
    return [card.id for card in deck.cards]


WriteFile = Callable[[str, str | bytes], Path]


@pytest.fixture
def write_file(tmp_path: Path) -> WriteFile:
    """Write text (or bytes) to a file of the given name in a temporary folder."""
    folder = tmp_path / "files"
    folder.mkdir()

    def write(name: str, content: str | bytes) -> Path:
        path = folder / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return write


# --- homes and commands ----------------------------------------------------------------


@pytest.fixture
def new_home(tmp_path_factory: pytest.TempPathFactory) -> Callable[[], Path]:
    """Another empty home, for commands that compare two."""
    return lambda: tmp_path_factory.mktemp("other-home")


def run_json(*args: str, home: Path) -> Any:
    """Run a command that must succeed and print one JSON document, and parse it."""
    done = run_prepdeck(*args, home=home)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def assert_user_error(done: subprocess.CompletedProcess[str], *expected: str) -> None:
    """Exit 1, the expected text on stderr, no traceback and nothing on stdout."""
    assert done.returncode == 1, (done.stdout, done.stderr)
    assert "Traceback" not in done.stderr
    assert done.stdout == ""
    for text in expected:
        assert text in done.stderr, done.stderr


def deck_ids(home: Path, *flags: str) -> list[str]:
    return [row["id"] for row in run_json("deck", "list", "--json", *flags, home=home)]


def export_rows(home: Path) -> list[dict[str, Any]]:
    done = run_prepdeck("reviews", "export", "--format", "jsonl", home=home)
    assert done.returncode == 0, done.stderr
    return [json.loads(line) for line in done.stdout.splitlines()]


@pytest.fixture
def local_zone(monkeypatch: pytest.MonkeyPatch) -> tzinfo:
    """Run prepdeck's subprocesses in ``LOCAL_ZONE``; tests pass the zone explicitly."""
    monkeypatch.setenv("TZ", LOCAL_TZ)
    return LOCAL_ZONE


def in_app_day(day: date, zone: tzinfo, *, hours: float = 1.0) -> datetime:
    """A moment ``hours`` into the app day ``day``, in UTC."""
    return day_start(day, DAY_START_HOUR, zone) + timedelta(hours=hours)


def earlier_today(zone: tzinfo, *, back: timedelta = timedelta(0)) -> datetime:
    """A moment of today's app day that has passed, ``back`` before the middle of what
    has passed of it (never before the day's start)."""
    now = datetime.now(UTC)
    start = day_start(app_day(now, DAY_START_HOUR, zone), DAY_START_HOUR, zone)
    middle = start + (now - start) / 2
    return max(start + timedelta(microseconds=1), middle - back)


def today_in(zone: tzinfo) -> date:
    return app_day(datetime.now(UTC), DAY_START_HOUR, zone)


# --- reviews through the store ---------------------------------------------------------

UNFUZZED = SrsScheduler(enable_fuzzing=False)


@dataclass
class Reviewer:
    """Records reviews into a home in-process, the way the drill does, without fuzz."""

    home: Services
    zone: tzinfo
    recorded: list[str] = field(default_factory=list)

    def grade(
        self,
        deck_id: str,
        card_id: str,
        rating: Rating,
        at: datetime,
        *,
        mode: ReviewMode = ReviewMode.DRILL,
        applied: bool = True,
        duration_ms: int | None = 1000,
        points: tuple[int, int] | None = (1, 2),
        draft: str | None = None,
    ) -> CardState | None:
        number = self.home._store.cards.get(deck_id, card_id).no
        recorded = self.home._store.reviews.record(
            deck_id,
            card_id,
            rating=rating,
            reviewed_at=at,
            day=app_day(at, DAY_START_HOUR, self.zone),
            outcome=lambda before, when: UNFUZZED.review(number, before, rating, when),
            mode=mode,
            applied=applied,
            duration_ms=duration_ms,
            points_hit=None if points is None else points[0],
            points_total=None if points is None else points[1],
            draft=draft,
        )
        self.recorded.append(recorded.review_id)
        return recorded.after


@pytest.fixture
def reviewer(isolated_home: Path, local_zone: tzinfo) -> Iterator[Reviewer]:
    """The isolated home opened in-process (bundled decks installed), to record reviews."""
    with open_services(locations(isolated_home)) as home:
        yield Reviewer(home, local_zone)


# --- a deck server on the loopback interface -------------------------------------------


@dataclass(frozen=True)
class Route:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    stream_bytes: int = 0
    """When set, that many bytes are streamed after ``body`` without a Content-Length."""


class DeckServer:
    """Serves routes set by the test on 127.0.0.1, each request logged by path."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[str] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                server.requests.append(self.path)
                route = server.routes.get(self.path, Route(404, b"not found"))
                try:
                    self.send_response(route.status)
                    for name, value in route.headers.items():
                        self.send_header(name, value)
                    if route.stream_bytes:
                        self.send_header("Connection", "close")
                    elif "Content-Length" not in route.headers:
                        self.send_header("Content-Length", str(len(route.body)))
                    self.end_headers()
                    self.wfile.write(route.body)
                    chunk = b"#" * 65536
                    left = route.stream_bytes
                    while left > 0:
                        self.wfile.write(chunk[: min(left, len(chunk))])
                        left -= len(chunk)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up, as it should on an oversize body
                self.close_connection = True

            def log_message(self, format: str, *args: object) -> None:
                pass

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    def url(self, path: str) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host!s}:{port}{path}"

    def serve(self, path: str, route: Route) -> str:
        self.routes[path] = route
        return self.url(path)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)


@pytest.fixture
def deck_server(monkeypatch: pytest.MonkeyPatch) -> Iterator[DeckServer]:
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    server = DeckServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()


def environment_without_home(**extra: str) -> dict[str, str]:
    """The environment of a user who never set PREPDECK_HOME."""
    env = {key: value for key, value in os.environ.items() if key != "PREPDECK_HOME"}
    env.update(extra)
    return env
