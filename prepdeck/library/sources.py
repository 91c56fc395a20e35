"""Deck sources: the indexes a user registered, their cache, and searching them.

An index is fetched with the same size cap and deadline as a deck, and must read without
a single problem before it is registered or used. ``deck search`` answers from each
index as fetched within the last hour; an index that cannot be fetched or read is a
warning, and the other sources still answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from prepdeck.clock import Clock
from prepdeck.domain.versions import is_older_version
from prepdeck.errors import (
    IndexFileError,
    LocatedError,
    NotFoundError,
    PrepdeckError,
    RefusedError,
)
from prepdeck.formats.index import IndexEntry, entries_from_json, entries_json, read_index
from prepdeck.library.fetch import fetch_url, is_url
from prepdeck.store import Store
from prepdeck.store.sources import StoredSource

CACHE_AGE = timedelta(hours=1)
"""How long a fetched index answers searches before it is fetched again."""


@dataclass(frozen=True, slots=True)
class SourceRow:
    url: str
    added_at: datetime
    fetched_at: datetime | None
    decks: int | None
    """Decks in the cached index; None when it holds none that reads."""


@dataclass(frozen=True, slots=True)
class Offered:
    """A deck an index offers, with the index's URL and whether it is installed."""

    entry: IndexEntry
    source: str
    installed: bool


@dataclass(frozen=True, slots=True)
class Outdated:
    """An installed deck whose source offers a newer version."""

    deck_id: str
    installed: str | None
    available: str | None
    source: str
    entry: IndexEntry
    """What the source offers now: where to download it, and its sha256."""


@dataclass(frozen=True, slots=True)
class Offers:
    decks: list[Offered]
    warnings: list[str]
    """One line per source that could not be fetched or read."""
    sources: int
    """How many sources were asked."""


def fetch_index(url: str) -> tuple[str, list[IndexEntry]]:
    """The text and entries of the index at ``url``; raises FetchError or IndexFileError."""
    data = fetch_url(url, what="an index")
    read = read_index(data, url)
    if read.problems:
        raise IndexFileError(read.problems)
    # read_index refuses anything but UTF-8 text, so this cannot fail.
    return data.removeprefix(b"\xef\xbb\xbf").decode("utf-8"), read.entries


def matches(entry: IndexEntry, term: str) -> bool:
    """Whether ``term`` appears, whatever its case, in the entry's id, title, description
    or one of its tags."""
    needle = term.casefold()
    fields = (entry.id, entry.title, entry.description, *entry.tags)
    return any(needle in field.casefold() for field in fields)


class DeckSources:
    """The registered indexes of one home."""

    def __init__(self, store: Store, clock: Clock) -> None:
        self._store = store
        self._clock = clock

    def add(self, url: str) -> int:
        """Register the index at ``url`` once it fetches and reads; the number of decks
        it offers."""
        if not is_url(url):
            raise PrepdeckError(f"source add: {url!r} is not an http(s) URL")
        if any(source.url == url for source in self._store.sources.all()):
            raise RefusedError(f"{url}: already a source")
        text, entries = fetch_index(url)
        self._store.sources.add(
            url, index_text=text, entries=entries_json(entries), now=self._clock.now()
        )
        return len(entries)

    def remove(self, url: str) -> None:
        if not self._store.sources.remove(url):
            raise NotFoundError(f"{url}: not a source (see prepdeck source list)")

    def all(self) -> list[SourceRow]:
        rows: list[SourceRow] = []
        for source in self._store.sources.all():
            count: int | None = None
            if source.index_text is not None:
                cached = _cached_entries(source)
                count = None if cached is None else len(cached)
            rows.append(SourceRow(source.url, source.added_at, source.fetched_at, count))
        return rows

    def offers(self, *, refresh: bool = False) -> Offers:
        """Every deck every source offers, in source order; ``refresh`` fetches each index
        again whatever its cache's age.

        A source whose cache is over an hour old and that cannot be fetched answers from
        that older copy, with a warning: a host down for a while still lets people find
        its decks (installing one needs the host anyway). Asked to refresh, it does not.
        """
        now = self._clock.now()
        installed = {deck.id for deck in self._store.decks.installed()}
        decks: list[Offered] = []
        warnings: list[str] = []
        sources = self._store.sources.all()
        for source in sources:
            try:
                entries = self._entries(source, now, refresh=refresh)
            except LocatedError as error:
                warnings.extend(error.message.splitlines())
                stale = None if refresh else _stale_entries(source)
                if stale is None:
                    continue
                entries, fetched_at = stale
                warnings.append(
                    f"{source.url}: answering from the copy fetched {fetched_at:%Y-%m-%d %H:%M} UTC"
                )
            decks.extend(Offered(entry, source.url, entry.id in installed) for entry in entries)
        return Offers(decks, warnings, len(sources))

    def outdated(self) -> tuple[list[Outdated], list[str]]:
        """Installed decks whose source (the index they were installed from) now offers
        a newer version, every index read afresh; and a warning per source that could
        not be fetched or read."""
        found = self.offers(refresh=True)
        offered = {(offer.source, offer.entry.id): offer.entry for offer in found.decks}
        rows = []
        for deck in self._store.decks.installed():
            entry = offered.get((deck.source, deck.id))
            if entry is not None and is_older_version(deck.version, entry.version):
                rows.append(Outdated(deck.id, deck.version, entry.version, deck.source, entry))
        return rows, found.warnings

    def search(self, term: str, *, refresh: bool = False) -> Offers:
        found = self.offers(refresh=refresh)
        return Offers(
            [deck for deck in found.decks if matches(deck.entry, term)],
            found.warnings,
            found.sources,
        )

    def locate(self, deck_id: str, *, source: str | None = None) -> tuple[Offered, list[str]]:
        """The one offer of ``deck_id``, every index (or only ``source``) fetched afresh,
        and a warning per other source that could not be fetched or read."""
        sources = self._store.sources.all()
        if source is not None:
            sources = [item for item in sources if item.url == source]
            if not sources:
                raise NotFoundError(f"{source}: not a source (see prepdeck source list)")
        if not sources:
            raise NotFoundError(
                f"{deck_id}: no such file, not an http(s) URL, and no source to look the id "
                "up in (add one with prepdeck source add URL)"
            )
        now = self._clock.now()
        installed = {deck.id for deck in self._store.decks.installed()}
        found: list[Offered] = []
        warnings: list[str] = []
        for item in sources:
            try:
                entries = self._entries(item, now, refresh=True)
            except LocatedError as error:
                warnings.extend(error.message.splitlines())
                continue
            found.extend(
                Offered(entry, item.url, entry.id in installed)
                for entry in entries
                if entry.id == deck_id
            )
        if not found:
            raise NotFoundError(
                "\n".join(
                    [
                        *warnings,
                        f"{deck_id}: no such file, not an http(s) URL, and no source offers "
                        "a deck with this id (see prepdeck deck search)",
                    ]
                )
            )
        if len(found) > 1:
            names = ", ".join(offer.source for offer in found)
            raise RefusedError(
                f"{deck_id}: offered by {len(found)} sources ({names}); "
                "name the one to install from with --source URL"
            )
        return found[0], warnings

    def _entries(self, source: StoredSource, now: datetime, *, refresh: bool) -> list[IndexEntry]:
        fresh = (
            source.index_text is not None
            and source.fetched_at is not None
            and timedelta(0) <= now - source.fetched_at < CACHE_AGE
        )
        if fresh and not refresh:
            cached = _cached_entries(source)
            if cached is not None:
                return cached
        text, entries = fetch_index(source.url)
        self._store.sources.cache(
            source.url, index_text=text, entries=entries_json(entries), now=now
        )
        return entries


def _stale_entries(source: StoredSource) -> tuple[list[IndexEntry], datetime] | None:
    """The entries of the copy cached before, whatever its age, when it still reads."""
    cached = _cached_entries(source)
    if cached is None or source.fetched_at is None:
        return None
    return cached, source.fetched_at


def _cached_entries(source: StoredSource) -> list[IndexEntry] | None:
    """The entries of the cached index: decoded as stored when it was fetched, or, for a
    cache kept before they were stored, read from its text; None when it does not read."""
    if source.entries is not None:
        return entries_from_json(source.entries)
    if source.index_text is None:
        return None
    read = read_index(source.index_text.encode("utf-8"), source.url)
    return None if read.problems else read.entries
