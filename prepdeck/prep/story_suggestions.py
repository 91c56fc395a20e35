"""Which cards a story could answer: those sharing its tags and the words it is told in.

A shared tag weighs more than a shared word, since a tag is chosen and a word may be
chance. Words are lower-cased runs of four letters or more, less a few words any text
holds. Plain Python over the cards' text: a few thousand cards take milliseconds.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

from prepdeck.domain.cards import Card
from prepdeck.domain.stories import Story

TAG_WEIGHT = 3
"""What one shared tag counts, against 1 for a shared word."""

_WORD = re.compile(r"[^\W\d_]{4,}")

_STOP_WORDS = frozenset(
    {
        "about", "after", "again", "also", "been", "before", "being", "could", "does",
        "done", "each", "from", "have", "into", "just", "like", "made", "make", "many",
        "more", "most", "much", "only", "other", "over", "same", "should", "some", "such",
        "than", "that", "their", "them", "then", "there", "these", "they", "this", "those",
        "very", "were", "what", "when", "where", "which", "while", "will", "with", "would",
        "your", "yours", "down", "took", "every",
        # Words of how questions are asked, not of what about.
        "tell", "time", "example", "describe",
    }
)  # fmt: skip


class Suggestion(NamedTuple):
    deck_id: str
    card_id: str
    prompt: str
    score: int
    tags: tuple[str, ...]
    """The tags the card shares with the story."""
    words: tuple[str, ...]
    """The words it shares, in alphabetical order."""

    @property
    def ref(self) -> str:
        return f"{self.deck_id}/{self.card_id}"


def content_words(*texts: str) -> set[str]:
    """The words of ``texts`` that say what they are about."""
    words: set[str] = set()
    for text in texts:
        words.update(word for word in _WORD.findall(text.lower()) if word not in _STOP_WORDS)
    return words


def story_words(story: Story) -> set[str]:
    return content_words(
        story.title,
        story.situation,
        story.task,
        story.action,
        story.result,
        story.metric or "",
    )


def rank_cards(story: Story, cards: Iterable[tuple[str, Card]], *, limit: int) -> list[Suggestion]:
    """The ``limit`` cards of ``cards`` ((deck id, card) pairs) that share most with
    ``story``, best first; ties by deck and card id. Cards sharing nothing are left out."""
    wanted_tags = {tag.casefold() for tag in story.tags}
    wanted_words = story_words(story)
    found: list[Suggestion] = []
    for deck_id, card in cards:
        tags = tuple(tag for tag in card.tags if tag.casefold() in wanted_tags)
        words = wanted_words & content_words(card.prompt, card.answer, *card.points)
        score = TAG_WEIGHT * len(tags) + len(words)
        if score:
            found.append(
                Suggestion(deck_id, card.id, card.prompt, score, tags, tuple(sorted(words)))
            )
    found.sort(key=lambda one: (-one.score, one.deck_id, one.card_id))
    return found[:limit]
