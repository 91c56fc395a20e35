"""The values the store hands out and takes in for cards, installs and statistics (see
``records``): imported on first use, since the home's first frame reads none of them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from prepdeck.domain.cards import Card, Deck, Kind
    from prepdeck.srs import CardState


@dataclass(frozen=True, slots=True)
class StoredCard:
    """A card with its content as last installed, its flags and its schedule."""

    no: int
    deck_id: str
    card: Card
    position: int
    retired: bool
    suspended: bool
    buried_until: date | None
    schedule: CardState | None
    reps: int
    lapses: int

    @property
    def card_id(self) -> str:
        return self.card.id


class CardText(NamedTuple):
    """A card's text as stored, in ``cards`` and ``card_versions`` alike; its fields are
    those of ``Card`` by the same names."""

    kind: Kind
    prompt: str
    answer: str
    points: tuple[str, ...]
    followups: tuple[str, ...]
    tags: tuple[str, ...]
    seconds: int | None


class CardVersion(NamedTuple):
    """Text a card carried until a re-install replaced it."""

    replaced_at: datetime
    deck_version: str | None
    text: CardText


class DeckInstall(NamedTuple):
    """A deck to merge in, where it came from and the hash of its file."""

    deck: Deck
    source: str
    content_hash: str


class MergeReport(NamedTuple):
    """Card ids by what an install did to them.

    ``revived`` cards were retired and are back (their text updated, old text kept);
    ``changed`` cards were active and got new text. A card is in exactly one list, and
    a card that only moved within the file counts as unchanged.
    """

    deck_id: str
    created: bool
    added: tuple[str, ...]
    changed: tuple[str, ...]
    revived: tuple[str, ...]
    retired: tuple[str, ...]
    unchanged: tuple[str, ...]


class StateCounts(NamedTuple):
    """Active cards by the first that applies: suspended, buried, then their FSRS state.

    ``retired`` counts the retired cards beside them.
    """

    new: int = 0
    learning: int = 0
    review: int = 0
    relearning: int = 0
    suspended: int = 0
    buried: int = 0
    retired: int = 0

    @classmethod
    def total(cls, parts: Iterable[StateCounts]) -> StateCounts:
        """The counts of ``parts`` added state by state."""
        return cls(*(sum(column) for column in zip(cls(), *parts, strict=True)))


class RetentionCounts(NamedTuple):
    """Applied reviews of cards in review state beforehand, and those rated Hard or better."""

    reviews: int
    passed: int

    @property
    def share(self) -> float | None:
        return self.passed / self.reviews if self.reviews else None


class RecallGroup(NamedTuple):
    """The cards of one deck and kind, not retired, at one moment (``FigureQueries.recall``)."""

    deck_id: str
    kind: str
    cards: int
    unseen: int
    """Cards never reviewed: without a stability or a last review."""
    recall: float
    """FSRS's predicted recall of each of the other cards, summed."""


class WeakRow(NamedTuple):
    """A card among the weakest at a moment, with its predicted recall (0 if never reviewed)."""

    deck_id: str
    card_id: str
    prompt: str
    recall: float


class RecallFigures(NamedTuple):
    """Recall at one moment: per deck and kind, in that order, and the weakest cards."""

    groups: list[RecallGroup]
    weakest: list[WeakRow]
