"""One sync: bring in what other homes wrote, then write out what this home has new.

The remote holds ``prepdeck-homes/HOME-ID/NNNNNNNN.jsonl``: each home writes only its own
folder, one new batch per sync that has something to push, and never changes or
deletes a file there, so a file-sync tool never sees two writers on one file. Pulling
reads each batch of another home not read whole yet, merges its items (``items``) and
feeds its reviews to the same import as ``reviews import`` (deduplicated on
``review_id``, each touched card replayed), so every home ends with the same log and
the same schedules whatever order the syncs ran in, and a sync with nothing new
changes nothing.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from prepdeck.clock import Clock
from prepdeck.domain.plural import plural
from prepdeck.errors import BadBatch, SyncError
from prepdeck.formats.sync_batch import (
    BATCH_NAME,
    HOME_ID,
    Batch,
    batch_lines,
    batch_name,
    read_batch,
    write_batch,
)
from prepdeck.store import Store
from prepdeck.store.codec import time_text
from prepdeck.sync.items import merge_items, outgoing
from prepdeck.sync.remote import HOMES, Remote, resolve_remote

if TYPE_CHECKING:
    from prepdeck.library.reviews import ReviewHistory

Progress = Callable[[int, int], None]
"""Told how many of the pulled reviews were merged, out of how many."""

HOLD_VARIABLE = "PREPDECK_TEST_SYNC_HOLD"
"""For tests only: a path; a sync that set it writes the path once its batch is in the
temporary file, then waits there to be killed, before the rename."""


@dataclass(slots=True)
class SyncReport:
    """What a sync did; ``to_json`` is what ``sync --json`` prints."""

    remote: str
    home: str
    pushed_batch: str | None = None
    pushed_reviews: int = 0
    pushed_items: int = 0
    pulled_batches: int = 0
    pulled_reviews: int = 0
    duplicate_reviews: int = 0
    pulled_items: int = 0
    unknown_cards: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    skipped: list[dict[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    new_home: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "remote": self.remote,
            "home": self.home,
            "pushed": {
                "batch": self.pushed_batch,
                "reviews": self.pushed_reviews,
                "items": self.pushed_items,
            },
            "pulled": {
                "batches": self.pulled_batches,
                "reviews": self.pulled_reviews,
                "duplicates": self.duplicate_reviews,
                "items": self.pulled_items,
                "unknown_cards": self.unknown_cards,
            },
            "conflicts": self.conflicts,
            "skipped": self.skipped,
            "warnings": self.warnings,
            "new_home": self.new_home,
        }


def new_home_id() -> str:
    return os.urandom(8).hex()


def run_sync(
    store: Store,
    clock: Clock,
    history: ReviewHistory,
    remote_text: str,
    *,
    clones: Path,
    install_from: Callable[[str, str], None],
    progress: Progress | None = None,
) -> SyncReport:
    # The remote is reached before the home id is made: a sync refused writes nothing.
    remote = resolve_remote(remote_text, clones)
    remote.open()
    home = store.sync.home_id(new_home_id)
    homes = remote.root / HOMES
    try:
        (homes / home).mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise SyncError(f"sync remote {remote.description}: cannot write ({error})") from None
    report = SyncReport(remote.description, home)
    _pull(store, clock, history, homes, home, report, install_from, progress)
    home = report.new_home or home
    if report.new_home is not None:
        (homes / home).mkdir(parents=True, exist_ok=True)
    _push(store, clock, history, homes / home, home, report)
    remote.publish(home)
    return report


def _pull(
    store: Store,
    clock: Clock,
    history: ReviewHistory,
    homes: Path,
    home: str,
    report: SyncReport,
    install_from: Callable[[str, str], None],
    progress: Progress | None,
) -> None:
    try:
        waiting = _waiting(store, homes, home)
    except OSError as error:
        raise SyncError(f"cannot read {homes}: {error.strerror or error}") from None
    batches: list[tuple[str, Batch]] = []
    for folder_name, path in waiting:
        try:
            batch = read_batch(path)
            if batch.home != folder_name:
                raise BadBatch(f"written by home {batch.home}, not {folder_name}")
            batches.append((folder_name, batch))
        except BadBatch as error:
            report.skipped.append(
                {"batch": f"{HOMES}/{folder_name}/{path.name}", "problem": str(error)}
            )
    if not batches:
        return
    now = time_text(clock.now())
    merged = merge_items(
        store,
        [item for _, batch in batches for item in batch.items],
        home=home,
        now=now,
        install_from=install_from,
    )
    report.pulled_items += merged.applied
    report.conflicts += merged.conflicts
    report.warnings += merged.warnings
    records: list[tuple[str, str, str, bool]] = []
    strays_added = 0
    unknown: set[tuple[str, str]] = set()
    total = sum(len(batch.reviews) for _, batch in batches)
    merged_before = 0
    for folder_name in sorted({name for name, _ in batches}):
        group = [batch for name, batch in batches if name == folder_name]
        rows = [review for batch in group for review in batch.reviews]
        result = history.import_reviews(
            rows, origin=folder_name, progress=_offset(progress, merged_before, total)
        )
        merged_before += len(rows)
        if folder_name == home:
            strays_added += result.added
        else:
            report.pulled_reviews += result.added
        report.duplicate_reviews += result.duplicates
        missing = set(result.unknown_cards)
        unknown |= missing
        for batch in group:
            # Read again next time: reviews of cards not installed, items not taken.
            waits = missing and any((r.deck_id, r.card_id) in missing for r in batch.reviews)
            fails = merged.failed and any((i.kind, i.key) in merged.failed for i in batch.items)
            complete = not (waits or fails)
            records.append((folder_name, batch_name(batch.sequence), batch.sha256, complete))
    report.pulled_batches = sum(1 for name, _ in batches if name != home)
    report.unknown_cards = [f"{deck}/{card}" for deck, card in sorted(unknown)]
    store.sync.record_batches(records)
    if strays_added:
        # Batches in this home's folder that this database never wrote, holding reviews it
        # lacked: a copy of the database (or an older backup restored) writes under the
        # same id. Two writers must never share a folder, so this one takes a new id.
        report.pulled_reviews += strays_added
        report.new_home = new_home_id()
        store.sync.change_home_id(report.new_home)
        report.warnings.append(
            f"another copy of this database wrote to home {home}: "
            f"this one writes as home {report.new_home} from now on"
        )


def _waiting(store: Store, homes: Path, home: str) -> list[tuple[str, Path]]:
    """(home id, path) of each batch not read whole yet, this home's own written here
    aside."""
    waiting: list[tuple[str, Path]] = []
    for folder in sorted(p for p in homes.iterdir() if p.is_dir()):
        if not HOME_ID.fullmatch(folder.name):
            continue
        seen = store.sync.batches(folder.name)
        for path in sorted(folder.iterdir()):
            if not BATCH_NAME.fullmatch(path.name) or seen.get(path.name) is True:
                continue
            if folder.name == home and path.name in seen:
                continue
            waiting.append((folder.name, path))
    return waiting


def _push(
    store: Store,
    clock: Clock,
    history: ReviewHistory,
    folder: Path,
    home: str,
    report: SyncReport,
) -> None:
    try:
        present = {
            p.name: int(m["sequence"])
            for p in folder.iterdir()
            if (m := BATCH_NAME.fullmatch(p.name))
        }
    except OSError as error:
        raise SyncError(f"cannot read {folder}: {error.strerror or error}") from None
    # Batches this home pushed that the remote lacks: another remote than before, or a
    # push that never landed. Everything is pushed again; the other homes keep one of each.
    lost = store.sync.batches(home).keys() - present.keys()
    if lost:
        store.sync.push_everything_again(home, lost)
        report.warnings.append(
            f"{plural(len(lost), 'batch', 'batches')} this home pushed before missing from "
            "this remote: every review and item of this home is pushed again"
        )
    unpushed = store.sync.unpushed()
    items, versions = outgoing(store, home, time_text(clock.now()), again=bool(lost))
    if not unpushed.reviews and not items:
        return
    recorded = [int(name[:8]) for name in store.sync.batches(home)]
    try:
        # The next number after any batch of this home, on the remote or remembered.
        sequence = max([0, *present.values(), *recorded]) + 1
        name = batch_name(sequence)
        lines = batch_lines(home, sequence, unpushed.reviews, items)
        sha = write_batch(folder, name, lines, before_rename=_hold_for_tests)
    except OSError as error:
        raise SyncError(f"cannot write a batch in {folder}: {error.strerror or error}") from None
    store.sync.mark_pushed(unpushed.last_no, unpushed.last_review_id, (home, name, sha), versions)
    # The other homes replay these cards, unfuzzed, when they pull them: so does this one.
    history.replay((r.deck_id, r.card_id) for r in unpushed.reviews)
    report.pushed_batch = f"{HOMES}/{home}/{name}"
    report.pushed_reviews = len(unpushed.reviews)
    report.pushed_items = len(items)


def _offset(progress: Progress | None, before: int, total: int) -> Progress | None:
    """``progress`` told of one home's rows as part of every home's."""
    if progress is None:
        return None
    tell = progress

    def told(done: int, _: int) -> None:
        tell(before + done, total)

    return told


def _hold_for_tests() -> None:
    marker = os.environ.get(HOLD_VARIABLE)
    if not marker:
        return
    import time

    Path(marker).write_text("holding\n", encoding="utf-8")
    while True:
        time.sleep(1)


__all__ = ["Remote", "SyncReport", "run_sync"]
