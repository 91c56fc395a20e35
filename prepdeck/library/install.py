"""``deck install``: find the deck (path, then URL), validate it, then merge it in."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from prepdeck.clock import Clock
from prepdeck.domain.cards import Deck
from prepdeck.domain.ids import is_valid_id
from prepdeck.domain.sources import DeckSource, may_update
from prepdeck.errors import DeckError, DeckFileError, FileError, PrepdeckError
from prepdeck.formats.deck.loader import load_deck_bytes, read_deck_file
from prepdeck.formats.index import IndexEntry
from prepdeck.library.fetch import Progress, check_sha256, fetch_url, is_url
from prepdeck.store import DeckInstall, MergeReport, Store


@dataclass(frozen=True, slots=True)
class Fetched:
    data: bytes
    source: str
    shown: str


def fetch_deck_source(target: str) -> Fetched:
    """An existing path first, then an http(s) URL."""
    path = Path(target).expanduser()
    if path.exists():
        # The loader's own reading: a pipe or a device is refused, not waited on or read
        # for ever, and a file over the size limit is refused unread.
        try:
            return Fetched(read_deck_file(path), DeckSource.FILE, target)
        except DeckFileError as error:
            raise FileError(f"{target}: {error.message}") from None
    if is_url(target):
        return Fetched(fetch_url(target), target, target)
    raise FileError(f"{target}: no such file, and not an http(s) URL")


def check_deck(fetched: Fetched) -> Deck:
    """The deck, or a DeckError listing every problem (warnings do not block an install)."""
    # Every rule a deck must meet to be installed is the loader's, so that ``deck
    # validate`` reports each one, at its position, before an install is tried.
    result = load_deck_bytes(fetched.data, fetched.shown)
    if result.deck is None:
        raise DeckError([problem.format() for problem in result.errors])
    return result.deck


@dataclass(frozen=True, slots=True)
class CheckedDeck:
    """A deck found, checked against its sha256 and validated: ready to merge in."""

    deck: Deck
    source: str
    content_hash: str


def prepare_install(target: str, *, sha256: str | None = None) -> CheckedDeck:
    """Find and validate a deck without touching any database."""
    fetched = fetch_deck_source(target)
    if sha256 is not None:
        check_sha256(fetched.data, sha256, fetched.shown)
    deck = check_deck(fetched)
    return CheckedDeck(deck, fetched.source, hashlib.sha256(fetched.data).hexdigest())


def names_index_id(target: str) -> bool:
    """Whether ``target`` is to be looked up in the sources: neither an existing path nor
    an http(s) URL, and shaped as a deck id."""
    return not is_url(target) and not Path(target).expanduser().exists() and is_valid_id(target)


def prepare_offered(
    entry: IndexEntry,
    source: str,
    *,
    sha256: str | None = None,
    progress: Progress | None = None,
) -> CheckedDeck:
    """Download the deck an index entry names, check it against the entry's sha256 (and
    ``sha256`` when given) and validate it; the deck records the index as its source."""
    data = fetch_url(entry.url, progress=progress)
    check_sha256(data, entry.sha256, entry.url)
    if sha256 is not None:
        check_sha256(data, sha256, entry.url)
    deck = check_deck(Fetched(data, source, entry.url))
    if deck.id != entry.id:
        raise PrepdeckError(
            f"{entry.url}: holds deck '{deck.id}', but {source} lists it as '{entry.id}'"
        )
    return CheckedDeck(deck, source, hashlib.sha256(data).hexdigest())


def merge_checked(
    store: Store, clock: Clock, checked: CheckedDeck, *, replace: bool = False
) -> MergeReport:
    """Merge a validated deck in, unless it would silently take over another source's deck."""
    return merge_all_checked(store, clock, [checked], replace=replace)[0]


def merge_all_checked(
    store: Store,
    clock: Clock,
    checked: Sequence[CheckedDeck],
    *,
    replace: bool = False,
    written: Callable[[int], None] | None = None,
) -> list[MergeReport]:
    """``merge_checked`` each deck, all in one transaction, so that a failure leaves every
    deck as it was; ``written`` is told how many decks are written so far."""
    for each in checked:
        existing = store.decks.find(each.deck.id)
        if existing is not None and not replace and not may_update(existing.source, each.source):
            raise PrepdeckError(
                f"deck '{each.deck.id}' is installed from {_describe(existing.source)}; "
                f"installing it from {_describe(each.source)} takes it over: add --replace "
                "to do so (its history is kept)"
            )
    return store.decks.install_many(
        [DeckInstall(each.deck, each.source, each.content_hash) for each in checked],
        now=clock.now(),
        written=written,
    )


def _describe(source: str) -> str:
    if source == DeckSource.FILE:
        return "a local file"
    if source == DeckSource.BUNDLED:
        return "prepdeck's bundled decks"
    return source
