"""The story bank: STAR stories, the cards each answers, and the card each is drilled as.

The rows live in ``store.stories``; the rules here. A story's id is given or made from
its title (a slug, numbered while another story has it) and never changes. Each story is
drilled as the card of its id in the personal deck ``my-stories``, written with it:
editing the story rewrites the card's text and keeps its schedule; removing the story
deletes its links and retires the card, whose reviews are kept, as a personal card's
are. A story added again under that id gets the card back, schedule and all.

Links join a story to any installed card but those of ``my-stories``, many to many.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from prepdeck.clock import Clock
from prepdeck.domain.cards import Card, Kind
from prepdeck.domain.stories import (
    DRILL_DECK_ID,
    Story,
    drill_answer,
    drill_points,
    drill_prompt,
    free_story_id,
    story_problems,
)
from prepdeck.errors import NotFoundError, StoryError
from prepdeck.library.personal import CardDraft
from prepdeck.prep.story_suggestions import Suggestion, rank_cards
from prepdeck.store import Store


class ImportedStories(NamedTuple):
    added: tuple[str, ...]
    updated: tuple[str, ...]


def drill_card(story: Story) -> Card:
    """The card ``story`` is drilled as, cleaned as a personal card is."""
    draft = CardDraft(
        prompt=drill_prompt(story),
        answer=drill_answer(story),
        points=drill_points(story),
        kind=Kind.QUESTION,
        tags=story.tags,
    ).clean()
    # The id is the story's from the start: an edit of the title keeps the card's history.
    return Card(
        id=story.id,
        prompt=draft.prompt,
        answer=draft.answer,
        kind=draft.kind,
        points=draft.points,
        tags=draft.tags,
        explicit_id=True,
    )


def parse_card_ref(text: str) -> tuple[str, str]:
    """(deck id, card id) of ``DECK/CARD``."""
    deck_id, slash, card_id = text.strip().partition("/")
    if not slash or not deck_id or not card_id or "/" in card_id:
        raise StoryError(f"{text!r} does not name a card: write DECK/CARD, e.g. star/conflict")
    return deck_id, card_id


def card_ref(deck_id: str, card_id: str) -> str:
    return f"{deck_id}/{card_id}"


def _checked(story: Story) -> Story:
    cleaned = story.cleaned()
    problems = story_problems(cleaned)
    if problems:
        raise StoryError("; ".join(message for _, message in problems))
    return cleaned


class StoryBank:
    """Add, edit, remove, link and suggest stories; import and export their file."""

    def __init__(self, store: Store, clock: Clock) -> None:
        self._store = store
        self._clock = clock

    # -- the stories ---------------------------------------------------------------------

    def add(
        self,
        *,
        title: str,
        situation: str,
        action: str,
        result: str,
        task: str = "",
        metric: str | None = None,
        tags: tuple[str, ...] = (),
        story_id: str | None = None,
    ) -> Story:
        """Add a story and its drill card; a missing part or a taken id is refused, and
        nothing is written."""
        taken = self._store.stories.ids()
        if story_id is not None and story_id.strip() in taken:
            raise StoryError(
                f"a story with id {story_id.strip()!r} exists already; "
                f"change it with: prepdeck story edit {story_id.strip()}"
            )
        story = _checked(
            Story(
                id=story_id if story_id is not None else free_story_id(title, taken),
                title=title,
                situation=situation,
                task=task,
                action=action,
                result=result,
                metric=metric,
                tags=tags,
            )
        )
        self._store.stories.save([(story, drill_card(story))], now=self._clock.now())
        return story

    def edit(
        self,
        story_id: str,
        *,
        title: str | None = None,
        situation: str | None = None,
        task: str | None = None,
        action: str | None = None,
        result: str | None = None,
        metric: str | None = None,
        tags: tuple[str, ...] | None = None,
    ) -> Story:
        """Change the fields given (None: left as it is; an empty metric or task clears
        it; tags replace the old ones) and rewrite the drill card's text."""
        current = self.get(story_id)
        story = _checked(
            Story(
                id=current.id,
                title=current.title if title is None else title,
                situation=current.situation if situation is None else situation,
                task=current.task if task is None else task,
                action=current.action if action is None else action,
                result=current.result if result is None else result,
                metric=current.metric if metric is None else metric,
                tags=current.tags if tags is None else tags,
            )
        )
        self._store.stories.save([(story, drill_card(story))], now=self._clock.now())
        return story

    def remove(self, story_id: str) -> Story:
        """Remove the story and its links; its drill card is retired, reviews kept."""
        story = self.get(story_id)
        self._store.stories.remove(story.id)
        return story

    def get(self, story_id: str) -> Story:
        found = self._store.stories.find(story_id.strip())
        if found is None:
            raise NotFoundError(f"no story {story_id.strip()!r}; see: prepdeck story list")
        return found

    def all(self) -> list[Story]:
        """Every story, by id."""
        return self._store.stories.all()

    # -- links ---------------------------------------------------------------------------

    def cards_of(self, story_id: str) -> list[str]:
        """``DECK/CARD`` of each card linked to the story."""
        return [card_ref(*pair) for pair in self._store.stories.cards_of(self.get(story_id).id)]

    def all_cards(self) -> dict[str, list[str]]:
        """``DECK/CARD`` of the linked cards of every story, by story id."""
        return {
            story_id: [card_ref(*pair) for pair in pairs]
            for story_id, pairs in self._store.stories.all_links().items()
        }

    def stories_of(self, deck_id: str, card_id: str) -> list[Story]:
        """The stories linked to one card."""
        return self._store.stories.stories_of(deck_id, card_id)

    def link(self, story_id: str, ref: str) -> bool:
        """Link the story to the installed card ``DECK/CARD``; False when it was already."""
        story = self.get(story_id)
        deck_id, card_id = parse_card_ref(ref)
        if deck_id == DRILL_DECK_ID:
            raise StoryError(
                f"{DRILL_DECK_ID} holds the stories themselves: link a story to a question it "
                "answers"
            )
        deck = self._store.decks.find(deck_id)
        if deck is None or deck.removed:
            raise NotFoundError(f"no installed deck {deck_id!r}; see: prepdeck deck list")
        card = self._store.cards.find(deck_id, card_id)
        if card is None or card.retired:
            raise NotFoundError(
                f"no card {card_id!r} in deck {deck_id!r}; see: prepdeck deck show {deck_id}"
            )
        return self._store.stories.link(story.id, deck_id, card_id)

    def unlink(self, story_id: str, ref: str) -> None:
        """Undo a link; one that does not exist is refused."""
        story = self.get(story_id)
        deck_id, card_id = parse_card_ref(ref)
        if not self._store.stories.unlink(story.id, deck_id, card_id):
            raise NotFoundError(f"story {story.id} is not linked to {card_ref(deck_id, card_id)}")

    def suggest(self, story_id: str, *, limit: int = 5) -> list[Suggestion]:
        """The cards the story may answer, best first: sharing its tags, then its words;
        cards already linked and the stories' own cards left out."""
        story = self.get(story_id)
        linked = set(self._store.stories.cards_of(story.id))
        return rank_cards(story, self._candidates(linked), limit=limit)

    def _candidates(self, linked: set[tuple[str, str]]) -> Iterator[tuple[str, Card]]:
        for deck in self._store.decks.installed():
            if deck.id == DRILL_DECK_ID:
                continue
            for stored in self._store.decks.cards(deck.id):
                if (deck.id, stored.card.id) not in linked:
                    yield deck.id, stored.card

    # -- the story file ------------------------------------------------------------------

    def import_file(self, path: Path) -> ImportedStories:
        """Add or update (by id) every story of the file, or, if any entry is wrong, none."""
        from prepdeck.formats.stories import read_story_file

        stories = read_story_file(path)
        taken = self._store.stories.ids()
        self._store.stories.save(
            [(story, drill_card(story)) for story in stories], now=self._clock.now()
        )
        return ImportedStories(
            added=tuple(story.id for story in stories if story.id not in taken),
            updated=tuple(story.id for story in stories if story.id in taken),
        )

    def export(self) -> str:
        """Every story as the file ``import_file`` reads."""
        from prepdeck.formats.stories import dump_stories

        return dump_stories(self.all())
