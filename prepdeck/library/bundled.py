"""The decks shipped with prepdeck: installed into a new home, merged in when they change."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from prepdeck.clock import Clock
from prepdeck.domain.sources import DeckSource
from prepdeck.paths import Locations, bundled_decks_directory, bundled_hashes
from prepdeck.store import Store, connect

if TYPE_CHECKING:
    from prepdeck.store import MergeReport


def bundled_deck_files(directory: Path | None = None) -> list[Path]:
    folder = directory or bundled_decks_directory()
    if not folder.is_dir():
        return []
    return sorted(path for path in folder.iterdir() if path.suffix in (".yaml", ".yml"))


def is_brand_new(store: Store) -> bool:
    """No deck was ever installed in this home, not even one removed since."""
    return not store.decks.ever_installed()


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

    A deck is known by the hash of its file. The hashes are kept beside the database
    (``paths.bundled_hashes``) with each file's size, modification and change times and
    inode, so on most starts nothing is read or hashed, let alone parsed: a file is
    hashed again only when one of those has changed, or when its hash is not an
    installed deck's. A deck the user removed stays removed; a deck the user took over
    from another source is left alone; an older bundled version never overwrites a
    newer one.
    """
    reports: list[MergeReport] = []
    installed = {deck.id: deck for deck in store.decks.installed(include_removed=True)}
    known_hashes = {deck.content_hash for deck in installed.values()}
    hashes_file = bundled_hashes(Path(store.path).parent)
    remembered = _read_hashes(hashes_file)
    seen: dict[str, _Entry] = {}
    for path in bundled_deck_files(directory):
        key = str(path)
        stamp = _stamp(path)
        entry = remembered.get(key)
        if entry is not None and entry[0] == stamp and entry[1] in known_hashes:
            seen[key] = entry
            continue
        data = path.read_bytes()
        digest = _sha256(data)
        if _settled(stamp):
            seen[key] = (stamp, digest)
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
    if seen != remembered:
        _write_hashes(hashes_file, seen)
    return reports


_Stamp = tuple[int, int, int, int]
"""A file's size, modification and change times (ns) and inode: an edit changes the
times, a new install of the package the inode and the change time, which no installer
can set back even when it keeps the files' modification times."""
_Entry = tuple[_Stamp, str]
"""A bundled file's stamp and the sha256 of its bytes when it had that stamp."""

SETTLED_NS = 2_000_000_000
"""A file modified less than this long ago may change again within the same timestamp;
its hash is not remembered until it is older (as git treats its index)."""


def _stamp(path: Path) -> _Stamp:
    status = path.stat()
    return (status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino)


def _settled(stamp: _Stamp) -> bool:
    # The file system's clock, not the app's: the app's may be fixed, or far from it.
    import time

    return stamp[1] < time.time_ns() - SETTLED_NS


def _sha256(data: bytes) -> str:
    # hashlib loads OpenSSL: imported here, it stays out of every start that finds its
    # bundled decks unchanged, and out of the app's first frame.
    import hashlib

    return hashlib.sha256(data).hexdigest()


def _read_hashes(path: Path) -> dict[str, _Entry]:
    """The hashes remembered in ``path``; none when it is missing or unreadable (they
    are then taken again)."""
    import json

    try:
        raw = json.loads(path.read_bytes())
        return {
            str(key): ((int(size), int(mtime), int(ctime), int(inode)), str(digest))
            for key, (size, mtime, ctime, inode, digest) in raw["files"].items()
        }
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return {}


def _write_hashes(path: Path, entries: dict[str, _Entry]) -> None:
    """Remember ``entries`` in ``path``, replaced whole; a home that cannot hold the
    file only loses the saving."""
    import json

    files = {key: [*stamp, digest] for key, (stamp, digest) in sorted(entries.items())}
    temporary = path.with_name(path.name + ".tmp")
    try:
        temporary.write_text(json.dumps({"files": files}, indent=1), encoding="utf-8")
        temporary.replace(path)
    except OSError:
        pass
