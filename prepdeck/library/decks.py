"""The installed decks, as the front ends act on them: find, install, remove, pause, limit,
export, and the user's own cards."""

from __future__ import annotations

from typing import TYPE_CHECKING

from prepdeck.clock import Clock
from prepdeck.domain.cards import PERSONAL_DECK_ID, PERSONAL_DECK_TITLE
from prepdeck.errors import NotFoundError
from prepdeck.store import Store, StoredDeck
from prepdeck.store.records import lazy_record

if TYPE_CHECKING:
    # Imported by the methods that use them: listing decks, what most commands do, needs
    # neither the deck parser, the web client that installing brings, the exporter, nor
    # the personal deck's module.
    from pathlib import Path

    from prepdeck.domain.cards import Card
    from prepdeck.formats.csv_deck import Progress
    from prepdeck.library.csv_import import CsvImport
    from prepdeck.library.export import Export
    from prepdeck.library.install import CheckedDeck
    from prepdeck.library.personal import CardDraft
    from prepdeck.store import MergeReport, StoredCard

__all__ = ["Library", "MergeReport", "StoredCard", "StoredDeck"]


def __getattr__(name: str) -> object:
    # ``MergeReport`` and ``StoredCard`` are defined when first asked for (``store.records``).
    return lazy_record(__name__, name)


class Library:
    """The decks of one home's database."""

    __slots__ = ("_clock", "_store")

    def __init__(self, store: Store, clock: Clock) -> None:
        self._store = store
        self._clock = clock

    # -- reading -------------------------------------------------------------------------

    def installed(self, *, include_removed: bool = False) -> list[StoredDeck]:
        return self._store.decks.installed(include_removed=include_removed)

    def find(self, deck_id: str) -> StoredDeck | None:
        return self._store.decks.find(deck_id)

    def get(self, deck_id: str) -> StoredDeck:
        """The deck ``deck_id``, removed or not; ``NotFoundError`` if it was never installed."""
        return self._store.decks.get(deck_id)

    def active(self, deck_id: str) -> StoredDeck:
        """The deck ``deck_id``; a removed deck is no more to act on than one never installed."""
        found = self._store.decks.find(deck_id)
        if found is None or found.removed:
            raise NotFoundError(f"no installed deck '{deck_id}'; see: prepdeck deck list")
        return found

    def cards(self, deck_id: str, *, include_retired: bool = False) -> list[StoredCard]:
        return self._store.decks.cards(deck_id, include_retired=include_retired)

    # -- changing ------------------------------------------------------------------------

    def merge(self, checked: CheckedDeck, *, replace: bool = False) -> MergeReport:
        """Merge a found and validated deck in (see ``merge_checked``)."""
        from prepdeck.library.install import merge_checked

        return merge_checked(self._store, self._clock, checked, replace=replace)

    def remove(self, deck_id: str, *, purge: bool = False) -> None:
        self._store.decks.remove(deck_id, purge=purge)

    def set_paused(self, deck_id: str, paused: bool) -> None:
        self._store.decks.set_paused(deck_id, paused)

    def set_limits(
        self, deck_id: str, *, new_per_day: int | None, reviews_per_day: int | None
    ) -> None:
        """The deck's own daily caps; None follows the global ones."""
        self._store.decks.set_limits(
            deck_id, new_per_day=new_per_day, reviews_per_day=reviews_per_day
        )

    def export(
        self, deck_id: str, *, new_id: str | None = None, with_own_answers: bool = False
    ) -> Export:
        """The deck ``deck_id`` as a deck file ``deck install`` takes back; with
        ``with_own_answers``, each card the user answered carries their answer."""
        from prepdeck.library.export import prepare_export

        stored = self._store.decks.get(deck_id)
        cards = [item.card for item in self._store.decks.cards(deck_id)]
        own = self._store.answers.of_deck(deck_id) if with_own_answers else None
        return prepare_export(stored, cards, new_id=new_id, own_answers=own)

    def own_answers(self, deck_id: str) -> dict[str, str]:
        """Card id to the user's own answer, for each card of ``deck_id`` answered: what
        the exports that carry them apart from the deck's answers write."""
        return self._store.answers.of_deck(deck_id)

    def import_csv(
        self, path: Path, *, deck_id: str | None = None, progress: Progress | None = None
    ) -> CsvImport:
        """Merge the CSV deck at ``path`` in as the deck ``deck_id`` (default: from the
        file name), keeping history (see ``csv_import.import_csv``)."""
        from prepdeck.library.csv_import import import_csv

        return import_csv(self._store, self._clock, path, deck_id=deck_id, progress=progress)

    # -- the user's own cards ------------------------------------------------------------

    def check_personal_card(self, draft: CardDraft, deck_id: str = PERSONAL_DECK_ID) -> CardDraft:
        """``draft`` cleaned, if ``add_personal_card`` would take it (see ``personal``)."""
        from prepdeck.library.personal import check_personal_card

        return check_personal_card(self._store, draft, deck_id)

    def add_personal_card(
        self,
        draft: CardDraft,
        *,
        deck_id: str = PERSONAL_DECK_ID,
        title: str = PERSONAL_DECK_TITLE,
    ) -> Card:
        """Add ``draft`` to a personal deck, created on first use with ``title`` (see
        ``personal.add_personal_card``)."""
        from prepdeck.library.personal import add_personal_card

        return add_personal_card(self._store, self._clock, draft, deck_id=deck_id, title=title)

    # -- the bundled decks ---------------------------------------------------------------

    def sync_bundled(self) -> list[MergeReport]:
        """Install the bundled decks this home never had and merge in changed ones."""
        from prepdeck.library.bundled import sync_bundled_decks

        return sync_bundled_decks(self._store, self._clock)

    def sync_bundled_if_brand_new(self) -> list[MergeReport]:
        """The bundled decks, now, for a home that never had a deck."""
        # Every app start asks, and a home has decks but once: the bundled decks' module
        # is imported for a brand-new one only.
        if self._store.decks.ever_installed():
            return []
        from prepdeck.library.bundled import sync_bundled_if_brand_new

        return sync_bundled_if_brand_new(self._store, self._clock)
