"""Time ``deck import`` of a 20,000-note Anki package against Anki's own import of it.

The package is built once by Anki's engine (the ``anki`` package, a dev dependency) and
kept in the temporary directory: four decks, one of them nested, each note with HTML in
both fields and two tags, exported as current Anki exports (zstd-compressed collection).
Each round then imports it twice, side by side:

* prepdeck -- ``Services.import_anki`` into a home opened just before (its bundled decks
  installed), what ``prepdeck deck import FILE.apkg`` runs;
* anki -- ``Collection.import_anki_package`` into a collection created just before.

Opening the home and creating the collection are left out of both timings. Target: the
median of prepdeck's time is at most 1.5 times Anki's.

Run: ``python -m benchmarks.bench_apkg_import [--notes N] [--rounds N]``; exits 1 when
the target is missed.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.timing import p99
from prepdeck.paths import locations
from prepdeck.services import open_services

TARGET = 1.5
DECKS = ("Behavioral", "Behavioral::Conflict", "System design", "Python")


def build_package(folder: Path, notes: int) -> Path:
    from anki.collection import AddNoteRequest, Collection, ExportAnkiPackageOptions

    package = folder / f"anki-{notes}.apkg"
    if package.exists():
        return package
    col = Collection(str(folder / "source.anki2"))
    try:
        basic = col.models.by_name("Basic")
        assert basic is not None
        deck_ids = [col.decks.id(name) for name in DECKS]
        requests = []
        for number in range(notes):
            note = col.new_note(basic)
            note["Front"] = (
                f"<div>Question {number}: tell me about a time you <b>led</b> a change"
                f"</div><div>at work &amp; how it went</div>"
            )
            note["Back"] = (
                f"<ul><li>Situation {number}</li><li>Task</li><li>Action, with "
                f"<i>numbers</i></li><li>Result</li></ul>Keep it under two minutes.<br>"
            )
            note.tags = ["behavioral", f"Topic::T{number % 50}"]
            deck_id = deck_ids[number % len(DECKS)]
            assert deck_id is not None
            requests.append(AddNoteRequest(note=note, deck_id=deck_id))
        col.add_notes(requests)
        col.export_anki_package(
            out_path=str(package),
            options=ExportAnkiPackageOptions(
                with_scheduling=True, with_deck_configs=True, with_media=False, legacy=False
            ),
            limit=None,
        )
    finally:
        col.close()
    return package


def time_prepdeck(package: Path, home: Path) -> float:
    with open_services(locations(home)) as services:
        started = time.perf_counter()
        result = services.import_anki(package)
        elapsed = time.perf_counter() - started
    assert sum(len(merge.added) for merge in result.merges) > 0
    return elapsed


def time_anki(package: Path, path: Path) -> float:
    from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest

    col = Collection(str(path))
    try:
        request = ImportAnkiPackageRequest(
            package_path=str(package),
            options=ImportAnkiPackageOptions(with_scheduling=True, with_deck_configs=True),
        )
        started = time.perf_counter()
        col.import_anki_package(request)
        elapsed = time.perf_counter() - started
        assert col.note_count() > 0
    finally:
        col.close()
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=7)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        package = build_package(folder, options.notes)
        print(f"package: {options.notes} notes, {package.stat().st_size / 2**20:.1f} MB")
        timings: dict[str, list[float]] = {"prepdeck": [], "anki": []}
        # A first import of each warms the file cache and the imports; it is not counted.
        time_prepdeck(package, folder / "warm-home")
        time_anki(package, folder / "warm.anki2")
        for number in range(options.rounds):
            timings["prepdeck"].append(time_prepdeck(package, folder / f"home-{number}"))
            timings["anki"].append(time_anki(package, folder / f"anki-{number}.anki2"))
        for name, values in timings.items():
            print(
                f"{name:<9} median {statistics.median(values) * 1000:7.0f} ms   "
                f"p99 {p99(values) * 1000:7.0f} ms"
            )
        ratio = statistics.median(timings["prepdeck"]) / statistics.median(timings["anki"])
        print(f"ratio of medians: {ratio:.2f} (target: at most {TARGET})")
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
