"""The values of a checked deck file (see ``cards``, where they are imported from)."""

from __future__ import annotations

from dataclasses import dataclass, field

from prepdeck.domain.cards import Kind


@dataclass(frozen=True, slots=True)
class Source:
    """A work a deck derives from (``based_on``)."""

    title: str
    url: str | None = None
    license: str | None = None


@dataclass(frozen=True, slots=True)
class Card:
    id: str
    prompt: str
    answer: str
    kind: Kind = Kind.QUESTION
    points: tuple[str, ...] = ()
    followups: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    seconds: int | None = None
    # False when the id was derived from the prompt rather than written in the file. Not
    # part of a card's equality: written out, the same card has its id in the file.
    explicit_id: bool = field(default=True, compare=False)


@dataclass(frozen=True, slots=True)
class Deck:
    id: str
    title: str
    cards: tuple[Card, ...]
    description: str | None = None
    author: str | None = None
    license: str | None = None
    version: str | None = None
    tags: tuple[str, ...] = ()
    based_on: tuple[Source, ...] = field(default=())
