"""One table of where prepdeck stands: every case beside its floor or peer, and its target.

Builds its own data in a temporary directory, runs each case through the measuring
function of its own benchmark script (the scripts still run alone, with more detail),
and prints one Markdown table: the case, prepdeck's figure, the floor or peer measured
in the same run, their ratio, the target and whether it is met. The floors and peers:

* the C YAML loader (``yaml.load(..., Loader=yaml.CSafeLoader)``) on the same file, for
  validating and installing a deck, and for opening a home holding a big one;
* a bare Textual app showing one ``Static``, for start-up, the drill's keys and memory;
* ``python -c "import yaml, fsrs, sqlite3"``, for the JSON commands;
* Anki's engine (the ``anki`` package, a dev dependency; ``anki_peer.py``) on the same
  cards, for building the day's queue and for grading, and for importing a package;
* bare SQL on the same database (a SELECT, an INSERT + UPDATE + COMMIT, a COUNT);
* for the interview cases, the floors their own scripts name.

``--quick`` uses 10,000 cards where the table says 100,000 (and 100,000 reviews where it
says 1,000,000), fewer rounds, and finishes in about two minutes on a small machine; its
figures show the shape, not the targets' scale. The full run takes 6.5 to 13 minutes on
two cores, depending on the machine's other work. Needs tmux (start-up and memory run the
real app in a terminal) and Linux (memory reads ``/proc``).

Run: ``python benchmarks/run.py [--quick] [--only NAME ...]``; exits 1 when any target
is missed, 0 when every one is met.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import (
    anki_peer,
    bench_apkg_import,
    bench_cli,
    bench_coverage,
    bench_cram,
    bench_drill_tui,
    bench_grade,
    bench_install,
    bench_memory,
    bench_plan,
    bench_readiness,
    bench_sources,
    bench_startup,
    bench_stats,
    bench_validate,
)
from benchmarks.make_big_deck import write_deck
from benchmarks.table import (
    Row,
    exit_code,
    limit_row,
    markdown,
    megabytes,
    ms,
    ratio_row,
    shown_p99_row,
)
from benchmarks.table import p99_ratio_row as p99_row
from benchmarks.timing import p99
from prepdeck.paths import locations
from prepdeck.store import connect


@dataclass(frozen=True, slots=True)
class Scale:
    cards: int
    """Cards of the big home (100,000 in the table)."""
    deck_cards: int
    """Cards of the deck validated, installed and shown at start-up (10,000)."""
    reviews: int
    rounds: int
    """Runs of each whole command."""
    startup_rounds: int
    runs: int
    """Runs of each call in process."""
    grades: int
    drills: int
    tui_grades: int
    notes: int
    """Notes of the Anki package imported."""
    apkg_rounds: int
    layouts: tuple[tuple[int, int, str], ...]
    """Sources x entries x format of the deck search."""


FULL = Scale(
    cards=100_000,
    deck_cards=10_000,
    reviews=1_000_000,
    rounds=11,
    startup_rounds=15,
    runs=500,
    grades=500,
    drills=3,
    tui_grades=200,
    notes=20_000,
    apkg_rounds=7,
    layouts=((5, 1_000, "yaml"), (5, 1_000, "json"), (1, 5_000, "yaml"), (1, 5_000, "json")),
)
QUICK = Scale(
    cards=10_000,
    deck_cards=10_000,
    reviews=100_000,
    rounds=3,
    startup_rounds=4,
    runs=100,
    grades=150,
    drills=2,
    tui_grades=40,
    notes=2_000,
    apkg_rounds=3,
    layouts=((5, 1_000, "yaml"),),
)


def seconds(samples: list[float]) -> list[float]:
    """Milliseconds, as the in-process scripts report them, to seconds."""
    return [value / 1000 for value in samples]


class Bench:
    """The scratch directory, the shared big home, and the rows so far."""

    def __init__(self, root: Path, scale: Scale) -> None:
        self.root = root
        self.scale = scale
        self.rows: list[Row] = []
        self._base: Path | None = None
        self._anki: Path | None = None

    def note(self, text: str) -> None:
        print(f"  {text}", flush=True)

    @property
    def big_home(self) -> Path:
        """A home of ``scale.cards`` cards in 20 decks, 30 % with months of history, as
        ``bench_grade`` builds it; built once. Cases that write use a copy."""
        if self._base is None:
            base = self.root / "base"
            where = locations(base)
            base.mkdir()
            with connect(where.database, backups_dir=where.backups) as store:
                bench_grade.install_decks(store, self.scale.cards, 20)
            bench_grade.give_history(where.database, 0.3)
            self._base = base
        return self._base

    def copy_of_big_home(self, name: str) -> Path:
        copy = self.root / name
        shutil.copytree(self.big_home, copy)
        return copy

    @property
    def anki(self) -> Path:
        """Anki's collection of the same cards (``anki_peer``); built once."""
        if self._anki is None:
            path = self.root / "anki" / "collection.anki2"
            path.parent.mkdir()
            took = anki_peer.build_collection(path, locations(self.big_home).database)
            self.note(f"Anki's collection of {self.scale.cards:,} cards built in {took:.1f} s")
            self._anki = path
        return self._anki


# --- the cases, in the table's order -----------------------------------------------


def deck_commands(bench: Bench) -> None:
    scale = bench.scale
    deck = bench.root / "deck.yaml"
    write_deck(deck, scale.deck_cards)
    timings = bench_validate.measure(
        deck,
        scale.rounds,
        bench_install.command_env(bench.root),
        install_root=bench.root / "installs",
    )
    floor = timings[bench_validate.FLOOR]
    bench.rows.append(
        ratio_row(
            f"validate a {scale.deck_cards:,}-card deck",
            timings[bench_validate.MEASURED],
            floor,
            floor_name="CSafeLoader of the file",
            at_most=bench_validate.TARGET,
        )
    )
    big = bench.root / "big-deck.yaml"
    write_deck(big, scale.cards, lean=True)
    took = bench_install.install_home(big, bench.root / "big-deck-home", bench.root)
    bench.note(f"{scale.cards:,}-card deck installed in {took:.1f} s (untimed)")
    reopened = bench_install.measure_reopen(
        big, bench.root / "big-deck-home", runs=max(5, scale.rounds * 2), floor_runs=1
    )
    bench.rows.append(
        limit_row(
            f"re-open a home after installing a {scale.cards:,}-card deck (in process)",
            reopened["reopen"],
            statistic="median",
            below=bench_install.REOPEN_TARGET_S,
            floor=reopened["floor"],
            floor_name="CSafeLoader of that deck",
        )
    )
    bench.rows.append(
        ratio_row(
            f"install the {scale.deck_cards:,}-card deck into a fresh home",
            timings[bench_validate.INSTALL],
            floor,
            floor_name="CSafeLoader of the file",
            at_most=bench_install.INSTALL_TARGET,
        )
    )


def startup(bench: Bench) -> None:
    scale = bench.scale
    root = bench.root / "startup"
    root.mkdir()
    timings = bench_startup.measure(root, scale.deck_cards, scale.startup_rounds)
    bench.rows.append(
        ratio_row(
            f"start-up to the home's first frame, {scale.deck_cards:,} cards",
            timings[bench_startup.MEASURED],
            timings[bench_startup.FLOOR],
            floor_name="bare Textual app",
            at_most=bench_startup.TARGET,
        )
    )


def json_commands(bench: Bench) -> None:
    root = bench.root / "cli"
    root.mkdir()
    timings = bench_cli.measure(root, max(5, bench.scale.rounds * 2))
    for name in bench_cli.MEASURED:
        bench.rows.append(
            ratio_row(
                f"`{name.removeprefix('prepdeck ')}`, bundled decks",
                timings[name],
                timings[bench_cli.FLOOR],
                floor_name="python -c 'import yaml, fsrs, sqlite3'",
                at_most=bench_cli.TARGET,
            )
        )


def queue(bench: Bench) -> None:
    scale = bench.scale
    database = locations(bench.big_home).database
    anki, queued = anki_peer.queue_samples(bench.anki, scale.runs)
    raw = sqlite3.connect(database, isolation_level=None)
    with connect(database, backups_dir=bench.root / "backups") as store:
        samples = bench_grade.queue_samples(store, raw, bench_grade.NOW, scale.runs)
    raw.close()
    floor = seconds(samples["floor"])
    bench.rows.append(
        limit_row(
            f"build today's queue (200 due + 20 new), {scale.cards:,} cards",
            seconds(samples["queue"]),
            statistic="p99",
            at_most=bench_grade.QUEUE_TARGET_MS / 1000,
            floor=anki,
            floor_name=f"Anki get_queued_cards ({queued} cards)",
            also=f"SELECT of 220 rows: p99 {ms(p99(floor))}",
        )
    )


def grade(bench: Bench) -> None:
    scale = bench.scale
    home = bench.copy_of_big_home("grade")
    where = locations(home)
    anki, anki_next = anki_peer.grade_samples(bench.anki, scale.grades * scale.drills)
    raw = sqlite3.connect(where.database, isolation_level=None)
    raw.execute("PRAGMA synchronous = NORMAL")
    figures = bench_grade.grade_samples(
        where.database, where.backups, raw, scale.drills, scale.grades
    )
    raw.close()
    bench.rows.append(
        p99_row(
            f"grade (FSRS + commit), {scale.cards:,} cards",
            seconds(figures["grade"]),
            seconds(figures["floor"]),
            floor_name="bare INSERT + UPDATE + COMMIT",
            at_most=bench_grade.GRADE_TARGET_RATIO,
            peer=anki,
            peer_name="Anki answer_card",
        )
    )
    bench.rows.append(
        shown_p99_row(
            "grade beside the same rows written as bare SQL",
            seconds(figures["grade"]),
            seconds(figures["same_rows"]),
            floor_name="UPDATE + INSERT + COMMIT of a card and a review, "
            f"{statistics.mean(figures['same_rows_pages']):.1f} pages",
        )
    )
    anki_key = [answer + following for answer, following in zip(anki, anki_next, strict=True)]
    bench.rows.append(
        shown_p99_row(
            "grade key's work: commit + next card read",
            seconds(figures["grade_key"]),
            anki_key,
            floor_name="Anki answer_card + get_queued_cards",
        )
    )


def drill_frames(bench: Bench) -> None:
    scale = bench.scale
    home = bench.copy_of_big_home("drill")
    where = locations(home)
    with connect(where.database, backups_dir=where.backups) as store:
        store.checkpoint()
        bare = asyncio.run(bench_drill_tui.time_bare(scale.tui_grades))
        shown, _, _, _, _ = asyncio.run(bench_drill_tui.time_drill(store, scale.tui_grades))
    bench.rows.append(
        limit_row(
            f"grade key to the next card drawn, {scale.cards:,} cards",
            seconds(shown),
            statistic="p99",
            below=bench_drill_tui.TARGET_MS / 1000,
            floor=seconds(bare),
            floor_name="bare Textual app, key to frame",
        )
    )


def stats(bench: Bench) -> None:
    scale = bench.scale
    home = bench.root / "stats-home"
    bench_stats.build_home(home, scale.cards, scale.reviews)
    timings = bench_stats.measure_command(home, bench.root, scale.rounds)
    bench.rows.append(
        limit_row(
            f"`stats --json`, {scale.reviews:,} reviews",
            timings[bench_stats.MEASURED],
            statistic="median",
            below=bench_stats.COMMAND_TARGET_S,
            floor=timings[bench_stats.COUNT],
            floor_name="a process running one COUNT over the log",
        )
    )


def interviews(bench: Bench) -> None:
    scale = bench.scale
    database = locations(bench.big_home).database
    runs = max(10, scale.runs // 16)
    with connect(database, backups_dir=bench.root / "backups") as store:
        ready = bench_readiness.measure(store, database, bench_grade.WEEK_LATER, runs)
        cram = bench_cram.measure(store, runs)
    bench.rows.append(
        limit_row(
            f"readiness, {scale.cards:,} cards",
            seconds(ready["readiness"]),
            statistic="p99",
            below=bench_readiness.TARGET_MS / 1000,
            floor=seconds(ready["floor"]),
            floor_name="SELECT of every card's columns",
        )
    )
    bench.rows.append(
        limit_row(
            f"open a cram, {scale.cards:,} cards",
            seconds(cram["cram"]),
            statistic="p99",
            below=bench_cram.TARGET_MS / 1000,
            floor=seconds(cram["drill"]),
            floor_name="open the daily drill",
        )
    )
    plan_root = bench.root / "plan"
    plan_root.mkdir()
    plan = bench_plan.measure(plan_root, 500, 0.6, max(10, scale.runs // 25))
    bench.rows.append(
        limit_row(
            "plan, 500 cards over 30 days",
            seconds(plan["plan"]),
            statistic="p99",
            at_most=bench_plan.PLAN_TARGET_MS / 1000,
            floor=seconds(plan["floor"]),
            floor_name="readiness at the interview",
        )
    )
    bench.rows.append(
        limit_row(
            "plan again after a review",
            seconds(plan["replan"]),
            statistic="p99",
            at_most=bench_plan.REPLAN_TARGET_MS / 1000,
            floor=seconds(plan["replan_floor"]),
            floor_name="readiness at the interview",
        )
    )


def search(bench: Bench) -> None:
    scale = bench.scale
    scratch = bench.root / "sources"
    (scratch / "served").mkdir(parents=True)
    runs = max(10, scale.runs // 10)
    with bench_sources.Server(scratch / "served") as server:
        for sources, per_source, form in scale.layouts:
            samples = bench_sources.search_samples(server, scratch, sources, per_source, form, runs)
            bench.rows.append(
                limit_row(
                    f"`deck search`, {sources} x {per_source:,} index entries, {form}",
                    seconds(samples["search"]),
                    statistic="p99",
                    below=bench_sources.SEARCH_TARGET_MS / 1000,
                    floor=seconds(samples["floor"]),
                    floor_name="SELECT + C reader of the cached indexes",
                )
            )


def coverage(bench: Bench) -> None:
    scale = bench.scale
    home = bench.copy_of_big_home("coverage")
    bench_coverage.give_bank(home, scale.cards, 20)
    samples = bench_coverage.measure(home, max(10, scale.runs // 16))
    bench.rows.append(
        limit_row(
            f"`coverage`, {scale.cards:,} cards, 50 stories",
            seconds(samples["report"]),
            statistic="median",
            at_most=bench_coverage.TARGET_MS / 1000,
            floor=seconds(samples["floor"]),
            floor_name="list the active cards",
        )
    )


def apkg(bench: Bench) -> None:
    scale = bench.scale
    folder = bench.root / "apkg"
    folder.mkdir()
    package = bench_apkg_import.build_package(folder, scale.notes)
    bench_apkg_import.time_prepdeck(package, folder / "warm-home")
    bench_apkg_import.time_anki(package, folder / "warm.anki2")
    ours: list[float] = []
    theirs: list[float] = []
    for number in range(scale.apkg_rounds):
        ours.append(bench_apkg_import.time_prepdeck(package, folder / f"home-{number}"))
        theirs.append(bench_apkg_import.time_anki(package, folder / f"anki-{number}.anki2"))
    bench.rows.append(
        ratio_row(
            f"`deck import` of a {scale.notes:,}-note Anki package",
            ours,
            theirs,
            floor_name="Anki's own import",
            at_most=bench_apkg_import.TARGET,
        )
    )


def memory(bench: Bench) -> None:
    scale = bench.scale
    home = bench.copy_of_big_home("memory-home")
    root = bench.root / "memory"
    root.mkdir()
    grades = max(10, scale.tui_grades // 4)
    figures = bench_memory.measure(root, home, grades)
    bench.rows.append(
        limit_row(
            f"max RSS of the TUI, {scale.cards:,} cards (home, {grades} grades, stats)",
            [figures["prepdeck"]],
            statistic="max",
            below=bench_memory.TARGET_MB,
            floor=[figures["floor"]],
            floor_name="bare Textual app",
            unit=megabytes,
        )
    )


CASES: dict[str, Callable[[Bench], None]] = {
    "deck": deck_commands,
    "startup": startup,
    "json": json_commands,
    "queue": queue,
    "grade": grade,
    "drill": drill_frames,
    "stats": stats,
    "interviews": interviews,
    "search": search,
    "coverage": coverage,
    "apkg": apkg,
    "memory": memory,
}


@contextmanager
def scratch() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="prepdeck-bench-") as directory:
        yield Path(directory)


def machine() -> str:
    """The CPU, cores, memory, Python, SQLite and system this run is on."""
    cpu = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        total_kb = int(meminfo.read_text(encoding="utf-8").split()[1])
        memory = f", {total_kb / 2**20:.0f} GiB RAM"
    return (
        f"{cpu}, {os.cpu_count()} cores{memory}; Python {platform.python_version()}, "
        f"SQLite {sqlite3.sqlite_version}; {platform.system()} {platform.release()}"
    )


def load() -> str:
    """The system's load averages over 1, 5 and 15 minutes."""
    return " / ".join(f"{value:.1f}" for value in os.getloadavg())


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10,000 cards, fewer rounds")
    parser.add_argument("--only", nargs="+", choices=list(CASES), help="run only these cases")
    options = parser.parse_args()
    if shutil.which("tmux") is None:
        print("tmux is not installed; start-up and memory need a real terminal", file=sys.stderr)
        return 2
    scale = QUICK if options.quick else FULL
    started = time.perf_counter()
    print(f"{machine()}; load averages {load()} (1 / 5 / 15 min)", flush=True)
    with scratch() as root:
        bench = Bench(root, scale)
        for name, case in CASES.items():
            if options.only and name not in options.only:
                continue
            print(
                f"-- {name} ({time.perf_counter() - started:.0f} s in, load {load()})", flush=True
            )
            try:
                case(bench)
            except Exception as error:  # one case failing still leaves the others' rows
                traceback.print_exc()
                bench.rows.append(Row(name, f"failed: {error}", "—", None, "—", False))
    print()
    print(markdown(bench.rows))
    print()
    print(
        f"{'quick' if options.quick else 'full'} run, {time.perf_counter() - started:.0f} s; "
        f"load averages at the end {load()} (1 / 5 / 15 min); {machine()}"
    )
    return exit_code(bench.rows)


if __name__ == "__main__":
    sys.exit(main())
