"""Stories: the rows of ``stories`` and ``story_links`` (schema version 10), kept and read.

A story and the card it is drilled as are written in one transaction, so neither is ever
found without the other. What a story must hold, its id and its card's text belong to
``domain.stories`` and ``prep.stories``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from prepdeck.domain.cards import Card
from prepdeck.domain.sources import DeckSource
from prepdeck.domain.stories import DRILL_DECK_ID, DRILL_DECK_TITLE, Story
from prepdeck.store.codec import list_text, parse_list, time_text
from prepdeck.store.db import Db, Row, StorePart
from prepdeck.store.deck_merge import put_card, retire_card

_COLUMNS = "id, title, situation, task, action, result, metric, tags"

_STORIES_OF_CARD = (
    f"SELECT {', '.join('s.' + name for name in _COLUMNS.split(', '))} "
    "FROM story_links AS l JOIN stories AS s ON s.id = l.story_id "
    "WHERE l.deck_id = ? AND l.card_id = ?"
)
"""Built once, and left unsorted (a card has a few stories, sorted in Python for less than
SQLite's sort costs): it runs on every card revealed in a drill."""

_MOST_REMEMBERED = 512
"""Rows of ``stories_of`` kept with the story built from them; past this, forgotten."""

_UPSERT = """
INSERT INTO stories (id, title, situation, task, action, result, metric, tags, created_at,
                     updated_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (id) DO UPDATE SET
    title = excluded.title, situation = excluded.situation, task = excluded.task,
    action = excluded.action, result = excluded.result, metric = excluded.metric,
    tags = excluded.tags, updated_at = excluded.updated_at
"""


def _story(
    id: str,
    title: str,
    situation: str,
    task: str,
    action: str,
    result: str,
    metric: str | None,
    tags: str,
) -> Story:
    return Story(id, title, situation, task, action, result, metric, parse_list(tags))


def _story_id(story: Story) -> str:
    return story.id


class Stories(StorePart):
    """The stories by id, and the cards each is linked to."""

    __slots__ = ("_built",)

    def __init__(self, db: Db) -> None:
        super().__init__(db)
        # The drill reads the stories of every card it reveals, mostly the same few: a row
        # read before gives back the story built from it. The whole row is the key, so an
        # edited story is a new row and never served stale.
        self._built: dict[Row, Story] = {}

    def save(self, stories: Sequence[tuple[Story, Card]], *, now: datetime) -> None:
        """Add or replace each story (by id) with its drill card in ``my-stories``, all in
        one transaction: a card already there keeps its schedule and gets the new text."""
        stamp = time_text(now)
        with self._db.write() as connection:
            for story, card in stories:
                connection.execute(
                    _UPSERT,
                    (
                        story.id,
                        story.title,
                        story.situation,
                        story.task,
                        story.action,
                        story.result,
                        story.metric,
                        list_text(story.tags),
                        stamp,
                        stamp,
                    ),
                )
                put_card(
                    connection,
                    DRILL_DECK_ID,
                    DRILL_DECK_TITLE,
                    card,
                    source=DeckSource.PERSONAL,
                    stamp=stamp,
                )

    def find(self, story_id: str) -> Story | None:
        row = self._db.one(f"SELECT {_COLUMNS} FROM stories WHERE id = ?", (story_id,))
        return None if row is None else _story(*row)

    def all(self) -> list[Story]:
        return [
            _story(*row) for row in self._db.rows(f"SELECT {_COLUMNS} FROM stories ORDER BY id")
        ]

    def ids(self) -> set[str]:
        return {row[0] for row in self._db.rows("SELECT id FROM stories")}

    def remove(self, story_id: str) -> bool:
        """Delete the story and its links and retire its drill card; False when there is
        no such story."""
        with self._db.write() as connection:
            cursor = connection.execute("DELETE FROM stories WHERE id = ?", (story_id,))
            if cursor.rowcount == 1:
                retire_card(connection, DRILL_DECK_ID, story_id)
        return cursor.rowcount == 1

    # -- links ---------------------------------------------------------------------------

    def link(self, story_id: str, deck_id: str, card_id: str) -> bool:
        """Link the story to the card; False when they were linked already."""
        with self._db.write() as connection:
            cursor = connection.execute(
                "INSERT INTO story_links (story_id, deck_id, card_id) VALUES (?, ?, ?) "
                "ON CONFLICT DO NOTHING",
                (story_id, deck_id, card_id),
            )
        return cursor.rowcount == 1

    def unlink(self, story_id: str, deck_id: str, card_id: str) -> bool:
        """False when they were not linked."""
        with self._db.write() as connection:
            cursor = connection.execute(
                "DELETE FROM story_links WHERE story_id = ? AND deck_id = ? AND card_id = ?",
                (story_id, deck_id, card_id),
            )
        return cursor.rowcount == 1

    def cards_of(self, story_id: str) -> list[tuple[str, str]]:
        """(deck id, card id) of each card linked to the story, in id order."""
        return [
            (deck_id, card_id)
            for deck_id, card_id in self._db.rows(
                "SELECT deck_id, card_id FROM story_links WHERE story_id = ? "
                "ORDER BY deck_id, card_id",
                (story_id,),
            )
        ]

    def all_links(self) -> dict[str, list[tuple[str, str]]]:
        """The linked cards of every story that has any, by story id."""
        links: dict[str, list[tuple[str, str]]] = {}
        for story_id, deck_id, card_id in self._db.rows(
            "SELECT story_id, deck_id, card_id FROM story_links ORDER BY story_id, deck_id, card_id"
        ):
            links.setdefault(story_id, []).append((deck_id, card_id))
        return links

    def stories_of(self, deck_id: str, card_id: str) -> list[Story]:
        """The stories linked to one card, by id."""
        built = self._built
        stories: list[Story] = []
        for row in self._db.rows(_STORIES_OF_CARD, (deck_id, card_id)):
            story = built.get(row)
            if story is None:
                if len(built) >= _MOST_REMEMBERED:
                    built.clear()
                story = built[row] = _story(*row)
            stories.append(story)
        if len(stories) > 1:
            stories.sort(key=_story_id)
        return stories
