"""Deck sources at scale: ``deck search`` from the cache, and ``deck update`` of a big deck.

A small HTTP server on 127.0.0.1 serves the indexes and the decks from a process of its
own (a thread per request), so serving takes no time from the process measured; every
home is a fresh temporary one, opened with ``open_services`` as the commands open theirs
(the bundled decks synced, untimed).

* search -- sources listing 5,000 decks in all, laid out two ways (5 sources of 1,000
  entries, one source of 5,000), each as YAML and as JSON. The sources are registered
  (``source add``: fetched and cached), then ``services.sources.search(TERM)`` is timed
  in-process, answered from the cache fetched moments before. Interleaved with it, run
  for run: the floor, the cached texts SELECTed and read by their format's C reader
  building nothing it need not (libyaml's events for YAML, ``json.loads`` for JSON), the
  least any search that reads the cached texts again pays; to show where the time goes,
  the bare SELECT and ``read_index`` of the cached texts; and a sketch of another cache,
  each index's entries kept once checked as compact JSON in a table of their own and
  only decoded and matched by a search. Target: search p99 under 100 ms in every
  layout. As a side figure (no target), the whole ``prepdeck deck search TERM --json``
  on the 5 x 1,000 YAML home against ``python -c "import yaml, fsrs, sqlite3"``, as in
  ``bench_cli.py``.
* update -- a 10,000-card deck (``make_big_deck.py``) offered by an index. Each round,
  on a fresh home: the first install (``services.updates.install(ID)``) timed; then, on
  another fresh home, version 1 installed untimed, the index switched to version 2 (100
  cards with a new prompt), and ``services.updates.update(ID)`` timed. Both fetch the
  index afresh, download, check and validate the deck, then merge it. Target: the
  update's median at most 1.2 x the first install's.

Run: ``python -m benchmarks.bench_sources [--runs N] [--rounds N] [--update-rounds N]
[--cards N] [--changed N] [--no-cli] [--only search|update]``; exits 1 when a target is
missed.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import multiprocessing
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import yaml

from benchmarks.make_big_deck import WORDS, write_deck
from benchmarks.timing import interleaved as interleaved_commands
from benchmarks.timing import p99
from benchmarks.timing import report as report_commands
from prepdeck.formats.deck.yamltree import gc_paused
from prepdeck.formats.index import IndexEntry, read_index
from prepdeck.library.sources import matches
from prepdeck.paths import locations
from prepdeck.services import Services, open_services

SEARCH_TARGET_MS = 100.0
UPDATE_TARGET = 1.2
TOTAL_DECKS = 5_000
LAYOUTS = ((5, 1_000), (1, 5_000))
"""Sources x entries per source."""
FORMATS = ("yaml", "json")
TERM = "kubernetes"
"""Found in 3 entries of 50 (6 %): in a title, a description or a tag."""
TOPICS = ["python", "sql", "networking", "leadership", "support", "security", "cloud"]
BIG_DECK_ID = "big-benchmark"
CLI_FLOOR = 'floor: python -c "import yaml, fsrs, sqlite3"'
CLI_SEARCH = f"prepdeck deck search {TERM} --json"


# --- the server ------------------------------------------------------------------------


def serve(folder: Path, port: Connection) -> None:
    """Serve the files of ``folder`` on 127.0.0.1, each request in a thread; send the port."""

    class Handler(SimpleHTTPRequestHandler):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, directory=str(folder), **kwargs)

        def log_message(self, format: str, *args: object) -> None:
            pass

    with ThreadingHTTPServer(("127.0.0.1", 0), Handler) as httpd:
        httpd.daemon_threads = True
        port.send(httpd.server_address[1])
        httpd.serve_forever()


class Server:
    """Files served over HTTP by a process of their own, as a remote server would, so
    that serving takes no time from the process measured. ``publish`` writes a file."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        receiver, sender = multiprocessing.Pipe(duplex=False)
        self._process = multiprocessing.Process(target=serve, args=(folder, sender), daemon=True)
        self._process.start()
        self._port: int = receiver.recv()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self._port}/{path}"

    def publish(self, path: str, body: bytes) -> str:
        """Serve ``body`` at ``path`` (a file replaced whole, never seen half written);
        its URL."""
        target = self.folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        written = target.with_name(target.name + ".part")
        written.write_bytes(body)
        written.replace(target)
        return self.url(path)

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *_: object) -> None:
        self._process.terminate()
        self._process.join(timeout=5)


@contextmanager
def fresh_home(parent: Path) -> Iterator[Services]:
    """Services on a new, empty home under ``parent``, the bundled decks synced."""
    with (
        tempfile.TemporaryDirectory(dir=parent) as home,
        open_services(locations(Path(home))) as services,
    ):
        yield services


# --- indexes ---------------------------------------------------------------------------


def index_entries(source: int, count: int) -> list[dict[str, Any]]:
    """``count`` plausible entries, their ids unique across sources."""
    rng = random.Random(source)
    entries = []
    for number in range(count):
        deck_id = f"s{source}-deck-{number}"
        topic = rng.choice(TOPICS)
        words = [rng.choice(WORDS) for _ in range(3)]
        title = f"{topic.title()} {' '.join(words)}"
        description = " ".join(rng.choice(WORDS) for _ in range(18)) + "."
        tags = [topic, rng.choice(WORDS)]
        # Where the term goes, if anywhere: a title, a description or a tag.
        if number % 50 == 7:
            title += " on Kubernetes"
        elif number % 50 == 23:
            description = description[:-1] + " running on kubernetes."
        elif number % 50 == 41:
            tags.append(TERM)
        entries.append(
            {
                "id": deck_id,
                "title": title,
                "description": description,
                "version": f"1.{number % 7}.0",
                "url": f"decks/{deck_id}.yaml",
                "sha256": hashlib.sha256(deck_id.encode()).hexdigest(),
                "license": "CC-BY-4.0",
                "tags": tags,
            }
        )
    return entries


def index_text(entries: list[dict[str, Any]], form: str) -> bytes:
    document = {"prepdeck-index": 1, "decks": entries}
    if form == "json":
        return json.dumps(document, indent=2).encode("utf-8")
    return yaml.safe_dump(document, sort_keys=False, width=1_000).encode("utf-8")


# --- search ----------------------------------------------------------------------------


def timed_runs(actions: dict[str, Callable[[], object]], runs: int) -> dict[str, list[float]]:
    """Milliseconds per run of each action, taken in turn so noise falls on all alike;
    one untimed run of each first."""
    for action in actions.values():
        action()
    samples: dict[str, list[float]] = {name: [] for name in actions}
    for _ in range(runs):
        for name, action in actions.items():
            started = time.perf_counter()
            action()
            samples[name].append((time.perf_counter() - started) * 1000)
    return samples


def yaml_events(text: str) -> None:
    """Walk libyaml's events of ``text`` and build nothing: the least any YAML reading costs."""
    for _ in yaml.parse(text, Loader=yaml.CSafeLoader):
        pass


def register_sources(
    server: Server, services: Services, sources: int, per_source: int, form: str
) -> int:
    """Serve and add ``sources`` indexes of ``per_source`` entries; the decks they offer."""
    offered = 0
    for source in range(sources):
        path = f"{form}-{sources}x{per_source}/s{source}/index.{form}"
        url = server.publish(path, index_text(index_entries(source, per_source), form))
        offered += services.sources.add(url)
    return offered


def checked_entries_cache(texts: list[tuple[str, str]], path: Path) -> sqlite3.Connection:
    """A sketch of another cache: each index's entries, once checked, kept as compact JSON
    (a list of field lists) in a table of their own, so a search only decodes them."""
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE cached (id INTEGER PRIMARY KEY, url TEXT, entries TEXT)")
    for url, text in texts:
        read = read_index(text.encode("utf-8"), url)
        assert not read.problems, read.problems
        compact = json.dumps([list(entry) for entry in read.entries], separators=(",", ":"))
        connection.execute("INSERT INTO cached (url, entries) VALUES (?, ?)", (url, compact))
    connection.commit()
    return connection


def search_samples(
    server: Server, scratch: Path, sources: int, per_source: int, form: str, runs: int
) -> dict[str, list[float]]:
    """Milliseconds per run, interleaved, on a fresh home with ``sources`` sources of
    ``per_source`` entries as ``form``: "floor", "select", "read_index", "search",
    "sketch" (see the module's docstring)."""
    label = f"{sources} x {per_source:,} entries, {form}"
    with fresh_home(scratch) as services:
        offered = register_sources(server, services, sources, per_source, form)
        database = services.locations.database
        raw = sqlite3.connect(database)
        load = json.loads if form == "json" else yaml_events

        def cached() -> list[tuple[str, str]]:
            rows: list[tuple[str, str]] = raw.execute(
                "SELECT url, index_text FROM sources ORDER BY id"
            ).fetchall()
            return rows

        def floor() -> None:
            for _, text in cached():
                load(text)

        def read_cached() -> None:
            for url, text in cached():
                read_index(text.encode("utf-8"), url)

        sketch = checked_entries_cache(cached(), scratch / f"sketch-{form}-{sources}.sqlite3")

        def search_sketch() -> list[IndexEntry]:
            # The collector paused, as read_index pauses it: many small acyclic objects.
            with gc_paused():
                return [
                    entry
                    for (entries,) in sketch.execute("SELECT entries FROM cached ORDER BY id")
                    for entry in (IndexEntry(*row) for row in json.loads(entries))
                    if matches(entry, TERM)
                ]

        found = services.sources.search(TERM)
        assert not found.warnings and found.sources == sources, found.warnings
        assert [offer.entry for offer in found.decks] == search_sketch()
        samples = timed_runs(
            {
                "floor": floor,
                "select": cached,
                "read_index": read_cached,
                "search": lambda: services.sources.search(TERM),
                "sketch": search_sketch,
            },
            runs,
        )
        raw.close()
        sketch.close()
    size = sum(path.stat().st_size for path in server.folder.glob(f"{form}-{sources}x*/*/*"))
    print(
        f"-- {label}: {offered:,} decks offered, {size / 1e6:.1f} MB of index, "
        f"{len(found.decks)} found, {runs} runs"
    )
    return samples


def measure_search(
    server: Server, scratch: Path, sources: int, per_source: int, form: str, runs: int
) -> bool:
    return report_search(search_samples(server, scratch, sources, per_source, form, runs))


def report_search(samples: dict[str, list[float]]) -> bool:
    floor_median, floor_p99 = statistics.median(samples["floor"]), p99(samples["floor"])
    names = {
        "floor": "floor: SELECT + C reader parse",
        "select": "  SELECT the cached texts",
        "read_index": "  read_index of the cached texts",
        "search": "services.sources.search",
        "sketch": "sketch: checked entries as JSON",
    }
    for key, name in names.items():
        median, high = statistics.median(samples[key]), p99(samples[key])
        print(
            f"{name:<34} median {median:7.1f} ms  ratio {median / floor_median:5.2f}   "
            f"p99 {high:7.1f} ms  ratio {high / floor_p99:5.2f}"
        )
    high = p99(samples["search"])
    met = high < SEARCH_TARGET_MS
    verdict = "meets" if met else "MISSES"
    print(f"search p99 {high:.1f} ms ({verdict} the < {SEARCH_TARGET_MS:g} ms target)")
    return met


def measure_search_command(server: Server, scratch: Path, rounds: int) -> None:
    """The whole command against bare imports, on a home of 5 x 1,000 YAML entries."""
    home = scratch / "cli-home"
    with open_services(locations(home)) as services:
        register_sources(server, services, 5, 1_000, "yaml")
    env = dict(os.environ, PREPDECK_HOME=str(home), NO_COLOR="1")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(scratch / "pycache")
    prepdeck = [sys.executable, "-m", "prepdeck"]
    print(f"-- the whole command, 5 x 1,000 entries, yaml, bytecode compiled, {rounds} rounds")
    timings = interleaved_commands(
        {
            CLI_FLOOR: [sys.executable, "-c", "import yaml, fsrs, sqlite3"],
            CLI_SEARCH: [*prepdeck, "deck", "search", TERM, "--json"],
        },
        rounds,
        env,
    )
    ratios = report_commands(timings, CLI_FLOOR)
    print(f"{CLI_SEARCH}: floor x{ratios[CLI_SEARCH]:.2f} (side figure, no target)")


# --- update ----------------------------------------------------------------------------


def deck_versions(scratch: Path, cards: int, changed: int) -> tuple[bytes, bytes]:
    """Version 1.0.0 of the big deck, and 1.1.0 with ``changed`` prompts rewritten."""
    path = scratch / "big.yaml"
    write_deck(path, cards)
    first = path.read_text(encoding="utf-8")
    second = first.replace("\nversion: 1.0.0\n", "\nversion: 1.1.0\n", 1)
    step = cards // changed
    for number in range(0, step * changed, step):
        # "Card 12. " cannot match inside "Card 120. ": the full stop ends the number.
        second = second.replace(
            f"    prompt: Card {number}. ", f"    prompt: Card {number}, revised. ", 1
        )
    return first.encode("utf-8"), second.encode("utf-8")


def publish(server: Server, deck: bytes, version: str) -> None:
    """Make the index offer ``deck`` as ``version``."""
    path = f"decks/{BIG_DECK_ID}-{version}.yaml"
    server.publish(path, deck)
    entry = {
        "id": BIG_DECK_ID,
        "title": "Benchmark deck",
        "description": "A generated deck used to measure loading and drilling at scale.",
        "version": version,
        "url": path,
        "sha256": hashlib.sha256(deck).hexdigest(),
        "license": "CC-BY-4.0",
        "tags": ["benchmark"],
    }
    server.publish("index.yaml", index_text([entry], "yaml"))


def measure_update(server: Server, scratch: Path, rounds: int, cards: int, changed: int) -> bool:
    first, second = deck_versions(scratch, cards, changed)
    index_url = server.url("index.yaml")
    installs: list[float] = []
    updates: list[float] = []

    def install_round() -> float:
        publish(server, first, "1.0.0")
        with fresh_home(scratch) as services:
            services.sources.add(index_url)
            started = time.perf_counter()
            installed = services.updates.install(BIG_DECK_ID)
            took = time.perf_counter() - started
        assert len(installed.report.added) == cards
        return took

    def update_round() -> float:
        publish(server, first, "1.0.0")
        with fresh_home(scratch) as services:
            services.sources.add(index_url)
            services.updates.install(BIG_DECK_ID)
            publish(server, second, "1.1.0")
            started = time.perf_counter()
            run = services.updates.update(BIG_DECK_ID)
            took = time.perf_counter() - started
        assert not run.failed and len(run.updated) == 1, run
        assert len(run.updated[0].report.changed) == changed, run.updated[0].report.changed
        return took

    install_round()  # warm-up: the modules imported, the file cache filled
    for _ in range(rounds):
        installs.append(install_round())
        updates.append(update_round())
    print(
        f"-- {cards:,}-card deck, {len(first) / 1e6:.1f} MB; version 2 changes {changed} "
        f"prompts; {rounds} rounds, a fresh home each"
    )
    base = statistics.median(installs)
    for name, values in (("first install", installs), (f"update, {changed} changed", updates)):
        median = statistics.median(values)
        print(
            f"{name:<34} median {median * 1000:7.1f} ms  ratio {median / base:5.2f}   "
            f"min {min(values) * 1000:7.1f} ms  max {max(values) * 1000:7.1f} ms"
        )
    paired = statistics.median(
        update / install for update, install in zip(updates, installs, strict=True)
    )
    print(f"update/install round by round: median {paired:.2f} (less swayed by load that drifts)")
    ratio = statistics.median(updates) / base
    met = ratio <= UPDATE_TARGET
    verdict = "meets" if met else "MISSES"
    print(f"update/install = {ratio:.2f} ({verdict} the {UPDATE_TARGET} target)")
    return met


def measure_all(server: Server, scratch: Path, options: argparse.Namespace) -> bool:
    """Every figure in turn; whether every target is met."""
    met = True
    if options.only in (None, "search"):
        for sources, per_source in LAYOUTS:
            assert sources * per_source == TOTAL_DECKS
            for form in FORMATS:
                met &= measure_search(server, scratch, sources, per_source, form, options.runs)
        if not options.no_cli:
            measure_search_command(server, scratch, options.rounds)
    if options.only in (None, "update"):
        met &= measure_update(
            server, scratch, options.update_rounds, options.cards, options.changed
        )
    return met


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=50, help="search runs per layout")
    parser.add_argument("--rounds", type=int, default=21, help="rounds of the whole command")
    parser.add_argument("--update-rounds", type=int, default=7)
    parser.add_argument("--cards", type=int, default=10_000)
    parser.add_argument("--changed", type=int, default=100)
    parser.add_argument("--no-cli", action="store_true", help="skip the whole-command figure")
    parser.add_argument("--only", choices=("search", "update"), help="measure only this target")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        scratch = Path(directory)
        (scratch / "served").mkdir()
        with Server(scratch / "served") as server:
            met = measure_all(server, scratch, options)
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
