"""Installing a deck by the id a source offers, and ``deck update``: bringing the decks
installed from sources up to the versions the sources offer now.

Both read every index afresh. Each deck is downloaded, checked against its index's
sha256 and validated before the store's merge touches it, and the merge is one
transaction, so a failed update leaves the installed deck exactly as it was.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from prepdeck.clock import Clock
from prepdeck.domain.sources import DeckSource
from prepdeck.errors import NotFoundError, PrepdeckError, RefusedError
from prepdeck.library.fetch import Progress, is_url
from prepdeck.library.install import CheckedDeck, merge_checked, prepare_offered
from prepdeck.library.sources import DeckSources, Outdated
from prepdeck.store import MergeReport, Store


@dataclass(frozen=True, slots=True)
class Installed:
    """A deck installed (or merged in again) from the source that offers it."""

    checked: CheckedDeck
    report: MergeReport
    source: str
    warnings: list[str]
    """One line per other source that could not be fetched or read."""


@dataclass(frozen=True, slots=True)
class Updated:
    """A deck brought from one version to another, and what the merge did to its cards."""

    deck_id: str
    from_version: str | None
    to_version: str | None
    source: str
    report: MergeReport


@dataclass(frozen=True, slots=True)
class UpdateFailed:
    deck_id: str
    message: str
    """Why, one line per problem; the deck is as it was before."""


@dataclass(frozen=True, slots=True)
class UpdateRun:
    updated: list[Updated] = field(default_factory=list)
    failed: list[UpdateFailed] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    """One line per source that could not be fetched or read."""
    current: list[str] = field(default_factory=list)
    """Ids asked for by name that were already at their source's version."""


class DeckUpdates:
    """Decks that come from the registered sources: install by id, update."""

    def __init__(self, store: Store, clock: Clock) -> None:
        self._store = store
        self._clock = clock
        self._sources = DeckSources(store, clock)

    def install(
        self,
        deck_id: str,
        *,
        source: str | None = None,
        sha256: str | None = None,
        replace: bool = False,
        progress: Progress | None = None,
    ) -> Installed:
        """Install the deck a source offers as ``deck_id`` (from ``source`` when several
        offer it), or merge it in again."""
        offer, warnings = self._sources.locate(deck_id, source=source)
        # Downloaded and validated before anything is merged: a refused deck writes
        # nothing to the decks.
        checked = prepare_offered(offer.entry, offer.source, sha256=sha256, progress=progress)
        report = merge_checked(self._store, self._clock, checked, replace=replace)
        return Installed(checked, report, offer.source, warnings)

    def pending(self) -> tuple[list[Outdated], list[str]]:
        """The decks an update would bring up to date, and a warning per source that
        could not be fetched or read."""
        return self._sources.outdated()

    def update(self, deck_id: str | None = None, *, progress: Progress | None = None) -> UpdateRun:
        """Update every deck whose source offers a newer version, or only ``deck_id``.

        A deck that fails (download, checksum, validation, merge) is reported and left as
        it was; the others still update.
        """
        if deck_id is not None:
            self._check_updatable(deck_id)
        rows, warnings = self._sources.outdated()
        if deck_id is not None:
            rows = [row for row in rows if row.deck_id == deck_id]
        run = UpdateRun(warnings=warnings)
        if deck_id is not None and not rows:
            if any(line.startswith(self._source_of(deck_id)) for line in warnings):
                # Its own source did not answer: nothing is known about its version.
                run.failed.append(UpdateFailed(deck_id, f"{deck_id}: its source did not answer"))
            else:
                run.current.append(deck_id)
            return run
        for row in rows:
            try:
                checked = prepare_offered(row.entry, row.source, progress=progress)
                report = merge_checked(self._store, self._clock, checked)
            except PrepdeckError as error:
                run.failed.append(UpdateFailed(row.deck_id, error.message))
                continue
            run.updated.append(
                Updated(row.deck_id, row.installed, checked.deck.version, row.source, report)
            )
        return run

    def _source_of(self, deck_id: str) -> str:
        found = self._store.decks.find(deck_id)
        return "" if found is None else found.source

    def _check_updatable(self, deck_id: str) -> None:
        """Refuse, saying how such a deck is updated, a deck no source keeps up to date."""
        found = self._store.decks.find(deck_id)
        if found is None or found.removed:
            raise NotFoundError(f"no installed deck '{deck_id}'; see: prepdeck deck list")
        source = found.source
        if source == DeckSource.BUNDLED:
            raise RefusedError(
                f"{deck_id}: a bundled deck; it is brought up to date with prepdeck itself"
            )
        if source == DeckSource.PERSONAL:
            raise RefusedError(f"{deck_id}: your own deck; it has no source to update from")
        if source == DeckSource.FILE:
            raise RefusedError(
                f"{deck_id}: installed from a local file; install the file again to update it "
                "(prepdeck deck install FILE)"
            )
        registered = {row.url for row in self._store.sources.all()}
        if is_url(source) and source not in registered:
            raise RefusedError(
                f"{deck_id}: installed from {source}, which is not a registered source; "
                f"install that URL again to update it, or add its index with "
                "prepdeck source add URL"
            )
