"""Coverage: which questions you have prepared, by your own answer or a linked story.

The scope is a set of decks, read the way readiness reads them (``store.figures``,
``scope_decks``): an interview's decks and its own deck of needs, paused ones included;
one deck, named, paused or not; or, when neither is named, every deck neither removed nor
paused. The stories' own deck ``my-stories`` is never counted: a story is an answer, not
a question. Of the active (not retired) cards of the scope, ``with_answer`` have an own
answer, ``with_story`` at least one linked story, and the uncovered ones neither; they
are listed deck by deck, in deck id order, each deck's in its file's order.

A story question is a card that asks for a story: tagged ``star`` by the card itself, or
a need in an interview's own deck (``STORY_TAG``, ``NEED_KIND``). The coverage screen
lays them out against the stories, and the advice names those with no story yet: a bank
of 5 to 10 stories that covers them (conflict, failure, pressure, leadership…) is enough
for most interviews.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import NamedTuple

from prepdeck.clock import Clock
from prepdeck.domain.cards import Kind
from prepdeck.domain.plural import plural
from prepdeck.domain.stories import DRILL_DECK_ID
from prepdeck.errors import NotFoundError
from prepdeck.prep.interviews import DECK_PREFIX, Interviews
from prepdeck.store import Store
from prepdeck.store.coverage import QuestionRow
from prepdeck.store.coverage import UncoveredCard as UncoveredCard

StoryQuestion = QuestionRow
"""A card that asks for a story, with its own answer and the stories linked to it."""

STORY_TAG = "star"
"""A card tagged this by its own tags, in any case, asks for a story ("tell me about a
time when…"). A deck's tags are not its cards': the behavioural deck is tagged ``star``
as a whole, yet rating yourself or your first six months are no story."""
NEED_KIND = Kind.COMPANY_NEED
"""A card of this kind in an interview's own deck (``prep.interviews.DECK_PREFIX``) asks
what you have done that shows a need: a story too. Bundled decks have cards of this kind
that ask something else (how to find out what a company needs), so the kind alone is not
enough. With ``STORY_TAG``, the whole rule of a story question."""

BANK_ENOUGH = (5, 10)
"""How many stories cover the common behavioural questions: below the first, the bank is
still being built."""

FIGURE_WORDS = ("Cards", "With your answer", "With a story", "With neither")
"""How every front end names the figures of a coverage report, in this order: ``cards``,
``with_answer``, ``with_story`` and the count of ``uncovered``."""


def without_story_heading(interview: str | None) -> str:
    """The words over the story questions of a scope that have no story yet."""
    if interview is not None:
        return f"Likely at {interview} with no story"
    return "Story questions with no story"


class CoverageScope(NamedTuple):
    """What a report covers: an interview, one deck, or (neither) every active deck."""

    interview: str | None = None
    deck_id: str | None = None


class Coverage(NamedTuple):
    """The figures of a scope; ``uncovered`` may be the first few of ``uncovered_count``."""

    cards: int
    with_answer: int
    with_story: int
    uncovered: list[UncoveredCard]
    uncovered_count: int

    @property
    def figures(self) -> tuple[int, int, int, int]:
        """The figures ``FIGURE_WORDS`` name, in their order."""
        return (self.cards, self.with_answer, self.with_story, self.uncovered_count)

    def contract(self) -> dict[str, object]:
        """The report as ``coverage --json`` prints it: these keys, no others."""
        return {
            "cards": self.cards,
            "with_answer": self.with_answer,
            "with_story": self.with_story,
            "uncovered": [
                {"deck_id": deck_id, "card_id": card_id, "prompt": prompt}
                for deck_id, card_id, prompt in self.uncovered
            ],
        }


class BankStory(NamedTuple):
    id: str
    title: str


class StoryCoverage(NamedTuple):
    """The story questions of a scope against the stories of the bank."""

    stories: list[BankStory]
    """Every story of the bank, by id."""
    questions: list[StoryQuestion]
    """The scope's story questions, in the order of the report's uncovered cards."""

    @property
    def without_story(self) -> list[StoryQuestion]:
        """The story questions with no story, an interview's own needs first: they are
        what it is about."""
        missing = [question for question in self.questions if not question.stories]
        return sorted(missing, key=lambda question: not question.deck_id.startswith(DECK_PREFIX))

    def themes_without_story(self) -> list[str]:
        """The tags of the story questions with no story, ``star`` aside, most shared
        first (ties by name): what the missing stories would be about."""
        counted = Counter(
            tag.casefold()
            for question in self.without_story
            for tag in question.tags
            if tag.casefold() != STORY_TAG
        )
        return [tag for tag, _ in sorted(counted.items(), key=lambda item: (-item[1], item[0]))]

    def advice(self) -> str:
        """What to do next with the bank, in a sentence or two."""
        low, high = BANK_ENOUGH
        count = len(self.stories)
        held = f"Your bank holds {plural(count, 'story', 'stories')}."
        missing = self.without_story
        themes = self.themes_without_story()
        about = (
            f" about {', '.join(themes[:6])}{' and more' if len(themes) > 6 else ''}"
            if themes
            else ""
        )
        if count < low:
            return (
                f"{held} {low} to {high} stories that cover the common behavioural questions "
                f"(conflict, failure, pressure, leadership…) are enough for most interviews"
                + (f"; write some{about}." if missing else ".")
            )
        if missing:
            return (
                f"{held} Link one to each story question with none"
                f" ({plural(len(missing), 'question')}{about})."
            )
        return f"{held} Every story question here has a story."


class CoverageReports:
    """Coverage of an interview, a deck or every active deck."""

    def __init__(self, store: Store, clock: Clock) -> None:
        self._store = store
        self._clock = clock

    def decks(self, scope: CoverageScope) -> list[str]:
        """The ids of the decks ``scope`` covers, in id order; an interview or a deck that
        is not there is refused, as is ``my-stories``."""
        if scope.interview is not None and scope.deck_id is not None:
            raise ValueError("a coverage scope is an interview or a deck, not both")
        deck_ids: Sequence[str] | None = None
        if scope.interview is not None:
            deck_ids = Interviews(self._store, self._clock).get(scope.interview).studied_decks
        elif scope.deck_id is not None:
            if scope.deck_id == DRILL_DECK_ID:
                raise NotFoundError(
                    f"{DRILL_DECK_ID} holds your stories, not questions: coverage counts "
                    "the cards your stories are linked to"
                )
            # Imported here: the other scopes never load the library's modules.
            from prepdeck.library.decks import Library

            Library(self._store, self._clock).active(scope.deck_id)
            deck_ids = (scope.deck_id,)
        return self._store.coverage.decks(deck_ids, leave_out=DRILL_DECK_ID)

    def report(self, scope: CoverageScope, *, limit: int | None = None) -> Coverage:
        """The figures of ``scope`` and its uncovered cards, the first ``limit`` of them
        (all for None)."""
        counts, rows = self._store.coverage.figures(self.decks(scope), limit=limit)
        return Coverage(
            cards=counts.cards,
            with_answer=counts.with_answer,
            with_story=counts.with_story,
            uncovered=rows,
            uncovered_count=counts.cards - counts.covered,
        )

    def stories(self, scope: CoverageScope) -> StoryCoverage:
        """The story questions of ``scope``, each with its own answer and stories, and
        the stories of the bank."""
        rows = self._store.coverage.questions(
            self.decks(scope),
            tag=STORY_TAG,
            need_kind=NEED_KIND.value,
            need_decks=DECK_PREFIX,
        )
        return StoryCoverage(
            stories=[BankStory(story.id, story.title) for story in self._store.stories.all()],
            questions=rows,
        )
