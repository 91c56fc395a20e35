"""The user's own answers: one per card, in their own words, kept apart from the deck.

An answer hangs on the card's identity (deck id, card id), never on its text, so a deck
update that rewrites the card keeps it, and it never goes into the deck's file unless an
export asks for it (``deck export --with-my-answers``). Saving an empty answer deletes
it. An import names each card by its identity; a card that is not installed, or an
entry of the wrong shape, refuses the whole file, so nothing is half imported.
"""

from __future__ import annotations

from collections.abc import Iterable

from prepdeck.clock import Clock
from prepdeck.domain.own_answers import clean_answer
from prepdeck.errors import AnswersFileError, NotFoundError
from prepdeck.formats.answers import (
    AnswerEntry,
    AnswerText,
    answers_markdown,
    answers_yaml,
    read_answers_file,
)
from prepdeck.store import Store


class OwnAnswers:
    """Read, write, export and import the user's own answers."""

    def __init__(self, store: Store, clock: Clock) -> None:
        self._store = store
        self._clock = clock

    def get(self, deck_id: str, card_id: str) -> str | None:
        return self._store.answers.find(deck_id, card_id)

    def set(self, deck_id: str, card_id: str, answer: str) -> str | None:
        """Keep ``answer`` for the installed card; an empty one deletes the answer kept.
        Returns the answer as kept, None when there is none now."""
        if self._store.cards.find(deck_id, card_id) is None:
            raise NotFoundError(f"no card {card_id} in deck {deck_id}")
        kept = clean_answer(answer)
        self._store.answers.save(deck_id, card_id, kept, at=self._clock.now())
        return kept or None

    def all(self) -> list[AnswerText]:
        """Every own answer, by deck id then card id, with its card's prompt and deck
        title where the card is still in the database (else the ids stand in)."""
        titles: dict[str, str] = {}
        texts: list[AnswerText] = []
        for row in self._store.answers.all():
            if row.deck_id not in titles:
                deck = self._store.decks.find(row.deck_id)
                titles[row.deck_id] = row.deck_id if deck is None else deck.title
            stored = self._store.cards.find(row.deck_id, row.card_id)
            prompt = row.card_id if stored is None else stored.card.prompt
            texts.append(
                AnswerText(row.deck_id, titles[row.deck_id], row.card_id, prompt, row.answer)
            )
        return texts

    def export_yaml(self) -> str:
        return answers_yaml(self.all())

    def export_markdown(self) -> str:
        return answers_markdown(self.all())

    def import_file(self, path: str) -> int:
        """Keep every answer of the file at ``path``, replacing those of the same cards.
        Returns how many entries were imported; writes nothing when any is refused."""
        entries = read_answers_file(path)
        problems = [
            f"{path}:{entry.line}:{entry.col}: {problem}"
            for entry in entries
            if (problem := self._not_installed(entry)) is not None
        ]
        if problems:
            raise AnswersFileError("\n".join(problems))
        return self._store.answers.save_many(_cleaned(entries), at=self._clock.now())

    def _not_installed(self, entry: AnswerEntry) -> str | None:
        deck = self._store.decks.find(entry.deck_id)
        if deck is None or deck.removed:
            return f"deck {entry.deck_id} is not installed"
        stored = self._store.cards.find(entry.deck_id, entry.card_id)
        if stored is None or stored.retired:
            return f"deck {entry.deck_id} has no card {entry.card_id}"
        return None


def _cleaned(entries: Iterable[AnswerEntry]) -> list[tuple[str, str, str]]:
    return [(entry.deck_id, entry.card_id, clean_answer(entry.answer)) for entry in entries]
