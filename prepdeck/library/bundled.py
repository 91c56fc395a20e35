"""The decks shipped with prepdeck: installed into a new home, merged in when they change."""

from __future__ import annotations

from pathlib import Path

from prepdeck.clock import Clock
from prepdeck.domain.sources import DeckSource
from prepdeck.paths import Locations, bundled_decks_directory
from prepdeck.store import MergeReport, Store, connect


def bundled_deck_files(directory: Path | None = None) -> list[Path]:
    folder = directory or bundled_decks_directory()
    if not folder.is_dir():
        return []
    return sorted(path for path in folder.iterdir() if path.suffix in (".yaml", ".yml"))


def is_brand_new(store: Store) -> bool:
    """No deck was ever installed in this home, not even one removed since."""
    return not store.decks.installed(include_removed=True)


def sync_bundled_if_brand_new(store: Store, clock: Clock) -> list[MergeReport]:
    """A brand-new home gets the bundled decks now: it has nothing else to show or drill.

    Any other home has them brought up to date later, when nothing waits on it.
    """
    if not is_brand_new(store):
        return []
    return sync_bundled_decks(store, clock)


def sync_bundled_apart(where: Locations, clock: Clock) -> list[MergeReport]:
    """``sync_bundled_decks`` on a connection of its own, for a thread other than the one
    that opened the home."""
    with connect(where.database, backups_dir=where.backups, clock=clock) as store:
        return sync_bundled_decks(store, clock)


def sync_bundled_decks(
    store: Store, clock: Clock, directory: Path | None = None
) -> list[MergeReport]:
    """Install bundled decks a home has never had and merge in changed ones.

    Only the file's hash is compared on each start, so unchanged decks cost a read and a
    hash, never a parse. A deck the user removed stays removed; a deck the user took over
    from another source is left alone; an older bundled version never overwrites a newer
    one.
    """
    # hashlib loads OpenSSL: imported here, it stays out of the app's first frame, which
    # leaves this for later.
    import hashlib

    reports: list[MergeReport] = []
    installed = {deck.id: deck for deck in store.decks.installed(include_removed=True)}
    known_hashes = {deck.content_hash for deck in installed.values()}
    for path in bundled_deck_files(directory):
        data = path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        if digest in known_hashes:
            continue
        # Imported only now: on most starts every deck is known, and neither PyYAML nor
        # packaging (for the versions) is needed.
        from prepdeck.domain.versions import is_older_version
        from prepdeck.formats.deck.loader import load_deck_bytes

        result = load_deck_bytes(data, str(path))
        deck = result.deck
        if deck is None:
            continue  # a broken bundled deck is a packaging bug the test suite catches
        existing = installed.get(deck.id)
        if existing is not None and (
            existing.removed
            or existing.source != DeckSource.BUNDLED
            or is_older_version(deck.version, existing.version)
        ):
            continue
        reports.append(
            store.decks.install(
                deck, source=DeckSource.BUNDLED, content_hash=digest, now=clock.now()
            )
        )
    return reports
