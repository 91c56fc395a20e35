"""The personal deck ``my-cards``: cards the user writes in the app or with ``card add``.

Personal decks never come from a file, so they are written straight into the store, a
card at a time, rather than merged in by ``deck install`` (which refuses ``my-*`` ids and
would retire every card missing from the deck it is given).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from prepdeck.clock import Clock
from prepdeck.domain.cards import PERSONAL_DECK_ID as PERSONAL_DECK_ID
from prepdeck.domain.cards import PERSONAL_DECK_TITLE as PERSONAL_DECK_TITLE
from prepdeck.domain.cards import Card, Kind, is_personal_deck_id
from prepdeck.domain.ids import ID_MAX_LENGTH, derive_card_id, prompt_key
from prepdeck.domain.sources import DeckSource
from prepdeck.errors import PersonalCardError
from prepdeck.store import Store


@dataclass(frozen=True, slots=True)
class CardDraft:
    """What the user typed for a new card; ``clean`` turns it into the values stored."""

    prompt: str
    answer: str = ""
    points: tuple[str, ...] = ()
    kind: Kind = Kind.QUESTION
    tags: tuple[str, ...] = ()

    @classmethod
    def from_card(cls, card: Card) -> CardDraft:
        """A draft holding ``card``'s text, to write one's own version of it."""
        return cls(
            prompt=card.prompt,
            answer=card.answer,
            points=card.points,
            kind=card.kind,
            tags=card.tags,
        )

    def clean(self) -> CardDraft:
        """Trimmed text, blank points and tags dropped, repeated tags once; an empty
        prompt raises ``PersonalCardError``."""
        prompt = self.prompt.strip()
        if not prompt:
            raise PersonalCardError("the prompt is empty: write the question to answer")
        return CardDraft(
            prompt=prompt,
            answer=self.answer.strip(),
            points=tuple(point.strip() for point in self.points if point.strip()),
            kind=self.kind,
            tags=tuple(dict.fromkeys(tag.strip() for tag in self.tags if tag.strip())),
        )


def parse_kind(text: str) -> Kind:
    """The kind named by ``text`` (``question``, ``scenario``, ``company-need``)."""
    try:
        return Kind(text.strip().lower())
    except ValueError:
        names = ", ".join(kind.value for kind in Kind)
        raise PersonalCardError(f"unknown kind {text!r}: use one of {names}") from None


def split_lines(text: str) -> tuple[str, ...]:
    """One key point per line, blank lines left out."""
    return tuple(line.strip() for line in text.splitlines() if line.strip())


def split_tags(text: str) -> tuple[str, ...]:
    """Tags typed in one field, separated by commas."""
    return tuple(tag.strip() for tag in text.split(",") if tag.strip())


def free_card_id(prompt: str, taken: Iterable[str]) -> str:
    """The id derived from ``prompt``, with ``-2``, ``-3``… added while it is taken.

    The derived id is what a deck file without ids would give the card, so an exported
    and re-imported deck keeps its cards' identity.
    """
    base = derive_card_id(prompt)
    used = set(taken)
    candidate, number = base, 1
    while candidate in used:
        number += 1
        candidate = f"{base}-{number}"
    assert len(candidate) <= ID_MAX_LENGTH
    return candidate


def check_personal_card(
    store: Store, draft: CardDraft, deck_id: str = PERSONAL_DECK_ID
) -> CardDraft:
    """``draft`` cleaned, if ``add_personal_card`` would take it; else ``PersonalCardError``.

    Writes nothing, so a form can check what is typed as it changes.
    """
    if not is_personal_deck_id(deck_id):
        raise ValueError(f"{deck_id!r} is not a personal deck id (my-*)")
    cleaned = draft.clean()
    if store.decks.find(deck_id) is None:
        return cleaned
    wanted = prompt_key(cleaned.prompt)
    for stored in store.decks.cards(deck_id, include_retired=True):
        if not stored.retired and prompt_key(stored.card.prompt) == wanted:
            raise PersonalCardError(f"{deck_id} already has this prompt, as card {stored.card.id}")
    return cleaned


def add_personal_card(
    store: Store,
    clock: Clock,
    draft: CardDraft,
    *,
    deck_id: str = PERSONAL_DECK_ID,
    title: str = PERSONAL_DECK_TITLE,
) -> Card:
    """Add ``draft`` to the personal deck (created on first use) and return the stored card.

    The same prompt twice in one deck (compared as deck validation compares them, so
    case and spacing do not count) is refused: it is almost always a double submit,
    and two cards with one prompt would split its reviews. A prompt whose derived id is
    taken by a different prompt gets a numbered id instead.
    """
    cleaned = check_personal_card(store, draft, deck_id)
    existing = store.decks.cards(deck_id, include_retired=True) if store.decks.find(deck_id) else []
    card = Card(
        id=free_card_id(cleaned.prompt, (stored.card.id for stored in existing)),
        prompt=cleaned.prompt,
        answer=cleaned.answer,
        kind=cleaned.kind,
        points=cleaned.points,
        tags=cleaned.tags,
        # The id is stored with the card from the start and never re-derived, so editing
        # the prompt later keeps the card's history.
        explicit_id=True,
    )
    store.decks.append_card(deck_id, title, card, source=DeckSource.PERSONAL, now=clock.now())
    return card
