"""Coverage: which active cards of a set of decks have the user's own answer, a linked
story, or neither, counted in SQL.

An answer (``own_answers``, schema version 11) and a link (``story_links``, version 10)
hang on a card's identity with no foreign key, so a row of a retired card or of a deck
not in the set counts for nothing: each is joined to the active card it names. The counts
start from those two tables, small beside the cards, and look each row's card up by the
key ``(deck_id, card_id)``; the cards themselves are only counted, in the index
``cards_active``. Only the cards the report lists (those with neither) and the cards
asking for a story are read row by row.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from itertools import repeat
from typing import NamedTuple, cast

from prepdeck.store.codec import parse_list
from prepdeck.store.db import StorePart
from prepdeck.store.figures import scope_decks


class CoverageCounts(NamedTuple):
    cards: int
    """Active cards of the decks."""
    with_answer: int
    with_story: int
    """With at least one linked story."""
    covered: int
    """With an own answer, a story, or both."""


class UncoveredCard(NamedTuple):
    """A card with neither an own answer nor a story."""

    deck_id: str
    card_id: str
    prompt: str


class QuestionRow(NamedTuple):
    """A card that asks for a story, with what covers it."""

    deck_id: str
    card_id: str
    prompt: str
    tags: tuple[str, ...]
    answered: bool
    """Whether the user wrote their own answer to it."""
    stories: tuple[str, ...]
    """The ids of the stories linked to it, in id order."""

    @property
    def covered(self) -> bool:
        """With an own answer, a story, or both: as ``CoverageCounts.covered`` counts."""
        return self.answered or bool(self.stories)


_ACTIVE_CARD = """
    CROSS JOIN cards AS c ON c.deck_id = k.deck_id AND c.card_id = k.card_id
    WHERE c.retired = 0
"""
"""The active card a row ``k`` of answers or links names; CROSS JOIN keeps the small
table outside, so each of its rows is one probe of the cards' unique key."""

_IN_DECKS = "deck_id IN (SELECT value FROM json_each(:decks))"

_LINKED_K = (
    "EXISTS (SELECT 1 FROM story_links AS l WHERE l.deck_id = k.deck_id AND l.card_id = k.card_id)"
)

_COUNTS = f"""
SELECT
  (SELECT count(*) FROM cards WHERE retired = 0 AND {_IN_DECKS}),
  answered.cards,
  (SELECT count(*) FROM (SELECT DISTINCT deck_id, card_id FROM story_links
                         WHERE {_IN_DECKS}) AS k {_ACTIVE_CARD}),
  answered.linked
FROM (SELECT count(*) AS cards, coalesce(sum({_LINKED_K}), 0) AS linked
      FROM own_answers AS k {_ACTIVE_CARD} AND k.{_IN_DECKS}) AS answered
"""
"""The active cards, those with an own answer, those with a story, and those with both:
a union of answers and links to count the cards with either took twice as long."""

_ANSWERED = (
    "EXISTS (SELECT 1 FROM own_answers AS a WHERE a.deck_id = c.deck_id AND a.card_id = c.card_id)"
)
_UNCOVERED = """
SELECT deck_id, card_id, prompt FROM cards INDEXED BY cards_listed
WHERE deck_id = :deck AND retired = 0 AND position >= 0
  AND card_id NOT IN (SELECT card_id FROM own_answers WHERE deck_id = :deck
                      UNION ALL
                      SELECT card_id FROM story_links WHERE deck_id = :deck)
ORDER BY position, no
LIMIT :limit
"""
"""One deck's cards with neither an own answer nor a story, in file order, read from the
index ``cards_listed`` (schema version 12) alone, in its order. The deck's answered and
linked cards are gathered once, into a small index each card is looked up in: a 20 %
shorter run than two lookups per card in the answers' and links' own keys."""

_QUESTIONS = f"""
SELECT c.deck_id, c.card_id, c.prompt, c.tags, {_ANSWERED} FROM cards AS c
WHERE c.retired = 0 AND c.{_IN_DECKS}
  AND ((c.kind = :need_kind AND substr(c.deck_id, 1, length(:need_decks)) = :need_decks)
       -- LIKE is a cheap first sieve over the JSON text; json_each then matches the
       -- tag whole, in any case, as LIKE does for ASCII.
       OR (c.tags LIKE :tag_like
           AND EXISTS (SELECT 1 FROM json_each(c.tags) WHERE value = :tag COLLATE NOCASE)))
ORDER BY c.deck_id, c.position, c.no
"""


class CoverageQueries(StorePart):
    """Own answers and story links counted over the active cards of a set of decks."""

    __slots__ = ()

    def decks(self, deck_ids: Sequence[str] | None, *, leave_out: str) -> list[str]:
        """The ids of the decks a figure over ``deck_ids`` reads (``scope_decks``: the
        named ones not removed, or every deck neither removed nor paused), ``leave_out``
        left out, in id order."""
        rows = self._db.rows(
            f"SELECT id FROM ({scope_decks(deck_ids)}) WHERE id <> ? ORDER BY id",
            (*(deck_ids or ()), leave_out),
        )
        return [str(row[0]) for row in rows]

    def figures(
        self, deck_ids: Sequence[str], *, limit: int | None = None
    ) -> tuple[CoverageCounts, list[UncoveredCard]]:
        """The counts of the active cards of ``deck_ids`` and, read in the same snapshot,
        those with neither an own answer nor a story: by deck in the order given, each
        deck's in file order; the first ``limit`` of them (all for None)."""
        found: list[UncoveredCard] = []
        with self._db.snapshot():
            row = self._db.one(_COUNTS, {"decks": json.dumps(list(deck_ids))})
            cards, answered, linked, both = cast("tuple[int, int, int, int]", row)
            # A deck at a time: each sort is of one deck's cards, and a short list stops
            # at the first deck that fills it.
            for deck_id in deck_ids:
                need = -1 if limit is None else limit - len(found)
                if need == 0:
                    break
                rows = self._db.rows(_UNCOVERED, {"deck": deck_id, "limit": need})
                # tuple.__new__ makes each row an UncoveredCard without a Python call per
                # row: two thirds of the time of _make, over the 100,000 rows a home may list.
                found += map(tuple.__new__, repeat(UncoveredCard), rows)
        return CoverageCounts(cards, answered, linked, answered + linked - both), found

    def questions(
        self, deck_ids: Sequence[str], *, tag: str, need_kind: str, need_decks: str
    ) -> list[QuestionRow]:
        """The active cards of ``deck_ids`` tagged ``tag`` (any case), or of the kind
        ``need_kind`` in a deck whose id starts with ``need_decks``; by deck id then file
        order, each with whether it has an own answer and the ids of its stories."""
        decks = json.dumps(list(deck_ids))
        with self._db.snapshot():
            rows = self._db.rows(
                _QUESTIONS,
                {
                    "decks": decks,
                    "tag": tag,
                    "tag_like": f'%"{tag}"%',
                    "need_kind": need_kind,
                    "need_decks": need_decks,
                },
            )
            links: dict[tuple[str, str], list[str]] = {}
            for deck_id, card_id, story_id in self._db.rows(
                f"SELECT deck_id, card_id, story_id FROM story_links WHERE {_IN_DECKS} "
                "ORDER BY deck_id, card_id, story_id",
                {"decks": decks},
            ):
                links.setdefault((deck_id, card_id), []).append(story_id)
        return [
            QuestionRow(
                deck_id,
                card_id,
                prompt,
                parse_list(tags),
                bool(answered),
                tuple(links.get((deck_id, card_id), ())),
            )
            for deck_id, card_id, prompt, tags, answered in rows
        ]
