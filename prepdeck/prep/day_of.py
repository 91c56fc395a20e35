"""The day-of checklist: what to go over on the day of one interview.

It gathers the pitch (the user's pitch card ``my-pitch/pitch`` first, always, then
the cards tagged ``pitch`` in the decks the interview studies), the interview's needs
with what to bridge each to (the cards of its own deck and their answers), four
contingencies that can go wrong on the day with the scenario cards that rehearse them,
and the questions to ask them (the key points of cards tagged ``questions-to-ask``).
Decks paused or removed are left out, and so are suspended and retired cards: what the
user set aside for the drill is set aside here too. The pitch card is the one exception
short of retirement: it is the user's own, so it is listed even when its deck is paused
or the card suspended. Each pitch card shows the user's own answer when there is one.

Only the cards carrying one of the tags read here leave the database, so a large deck
without them costs little.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

from prepdeck.clock import Clock
from prepdeck.domain.cards import Kind
from prepdeck.domain.pitch import PITCH_CARD_ID, PITCH_DECK_ID, PITCH_DECK_TITLE, PITCH_TAG
from prepdeck.prep.interviews import Interview, Interviews, need_text
from prepdeck.prep.pitch import PITCH_REF, ensure_pitch_card
from prepdeck.store import Store, StoredCard

QUESTIONS_TAG = "questions-to-ask"
MOST_PITCHES = 3
"""Cards tagged ``pitch`` listed after the user's pitch card."""
MOST_SCENARIOS = 3
"""Scenario cards listed under one contingency: enough to recall, few enough to read."""
MOST_QUESTIONS = 8

PITCH_TITLE = "Your pitch"
NEEDS_TITLE = "Their needs and your bridges"
CONTINGENCIES_TITLE = "If something goes wrong"
QUESTIONS_TITLE = "Questions to ask them"
"""The headings of the checklist's parts, the same on every front end."""

NO_PITCH = (
    "Your pitch card is retired and no card of its decks is tagged pitch: say who you are, "
    "what you did that fits, and why this role."
)
"""Said only when the pitch card is retired: otherwise it is always listed."""
UNWRITTEN_PITCH = "Not in your own words yet."
"""Said of the pitch card while it has no own answer, before how to write one."""
WRITE_PITCH_IN_APP = (
    f"Drill {PITCH_DECK_TITLE} from the home (select it, press {{drill}}), and once the "
    "card is revealed press {own} to write yours."
)
"""How to write the pitch in the app; the front end fills in the keys in force."""
WRITE_PITCH_BY_FILE = (
    f"Write yours as the answer of {PITCH_REF} in a file of your answers "
    "(prepdeck answers export shows the form), then run: prepdeck answers import FILE"
)
NO_NEEDS = "No needs written for it yet: add what the company needs to the interview."
NO_QUESTIONS = "No card tagged questions-to-ask in its decks: bring two questions about their work."

NO_BRIDGE = (
    "Nothing written yet. Write the example that shows it as the card's answer, in the "
    "card browser; until then, say one out loud."
)
"""Said of a need whose card has no answer."""


class Section(NamedTuple):
    """One thing that can go wrong on the day, and the tags of the scenarios about it."""

    title: str
    tags: frozenset[str]
    reminder: str
    """What to remember when no card of the interview's decks rehearses it."""


SECTIONS = (
    Section(
        "Travel delay",
        frozenset({"travel", "late"}),
        "Leave early, keep their number to hand, and call before you are late, not after.",
    ),
    Section(
        "Interviewer late or swapped",
        frozenset({"interviewer"}),
        "Wait calmly, check in once, and give a new face your pitch as if you expected them.",
    ),
    Section(
        "A question you never heard",
        frozenset({"content"}),
        "Pause, ask what they mean, say how you would find out, and tie it to what you did.",
    ),
    Section(
        "The video call failing",
        frozenset({"video"}),
        "Have their phone number and a second device ready; rejoin and pick up where you were.",
    ),
)
"""The contingencies, in the order the checklist lists them."""


class ChecklistCard(NamedTuple):
    """A card as the checklist shows it."""

    deck_id: str
    card_id: str
    prompt: str
    answer: str
    """The card's own (model) answer."""
    points: tuple[str, ...]
    own_answer: str | None = None
    """The answer the user wrote to a pitch card, shown instead of the model answer."""

    @property
    def key(self) -> str:
        return f"pitch:{self.deck_id}/{self.card_id}"

    @property
    def is_pitch_card(self) -> bool:
        """Whether it is the user's pitch card, which asks for their own answer."""
        return (self.deck_id, self.card_id) == (PITCH_DECK_ID, PITCH_CARD_ID)


class Need(NamedTuple):
    """A need of the interview, and the answer written to it: what to bridge it to."""

    deck_id: str
    card_id: str
    need: str
    bridge: str
    """The card's answer; empty while none is written."""

    @property
    def key(self) -> str:
        return f"need:{self.deck_id}/{self.card_id}"

    @property
    def bridge_text(self) -> str:
        """The bridge, or what to do while there is none."""
        return self.bridge or NO_BRIDGE


class Contingency(NamedTuple):
    title: str
    cards: tuple[ChecklistCard, ...]
    reminder: str
    """One line to go by; the front ends show it when ``cards`` is empty."""

    @property
    def key(self) -> str:
        return f"contingency:{self.title}"


class Question(NamedTuple):
    """A question to ask them: a key point of a card tagged ``questions-to-ask``."""

    deck_id: str
    card_id: str
    question: str

    @property
    def key(self) -> str:
        return f"question:{self.deck_id}/{self.card_id}:{self.question}"


@dataclass(frozen=True, slots=True)
class DayOfChecklist:
    """The checklist of one interview. Each pitch card, need, contingency and question
    is one item to tick, named by its ``key``."""

    interview: str
    at: datetime
    """When the interview is, timezone-aware."""
    note: str
    deck_id: str
    """The interview's own deck, where its needs are."""
    pitch: tuple[ChecklistCard, ...]
    needs: tuple[Need, ...]
    contingencies: tuple[Contingency, ...]
    questions: tuple[Question, ...]

    @property
    def keys(self) -> tuple[str, ...]:
        """The key of every item, in the order they are listed."""
        return (
            *(card.key for card in self.pitch),
            *(need.key for need in self.needs),
            *(contingency.key for contingency in self.contingencies),
            *(question.key for question in self.questions),
        )


def day_of_checklist(store: Store, clock: Clock, name: str) -> DayOfChecklist:
    """The checklist of the interview ``name`` (any case); an unknown name raises
    ``NotFoundError``."""
    interviews = Interviews(store, clock)
    interview = interviews.get(name)
    decks = _active_decks(store, interview)
    tags = {PITCH_TAG, QUESTIONS_TAG, *(tag for section in SECTIONS for tag in section.tags)}
    cards = [stored for stored in store.cards.tagged(decks, tags) if not stored.suspended]
    return DayOfChecklist(
        interview=interview.name,
        at=interview.at,
        note=interview.note,
        deck_id=interview.deck_id,
        pitch=_pitch(store, clock, _with_tag(cards, {PITCH_TAG})),
        needs=tuple(
            Need(interview.deck_id, card.id, need_text(card.prompt), card.answer.strip())
            for card in interviews.needs(interview.name)
            if card.kind is Kind.COMPANY_NEED
        ),
        contingencies=tuple(_contingency(section, cards) for section in SECTIONS),
        questions=_questions(_with_tag(cards, {QUESTIONS_TAG})),
    )


def _active_decks(store: Store, interview: Interview) -> list[str]:
    active: list[str] = []
    for deck_id in interview.studied_decks:
        deck = store.decks.find(deck_id)
        if deck is not None and not deck.removed and not deck.paused:
            active.append(deck_id)
    return active


def _with_tag(cards: list[StoredCard], tags: set[str] | frozenset[str]) -> list[StoredCard]:
    return [stored for stored in cards if any(tag.lower() in tags for tag in stored.card.tags)]


def _shown(stored: StoredCard) -> ChecklistCard:
    card = stored.card
    return ChecklistCard(stored.deck_id, card.id, card.prompt, card.answer.strip(), card.points)


def _pitch(store: Store, clock: Clock, tagged: list[StoredCard]) -> tuple[ChecklistCard, ...]:
    """The user's pitch card, then up to ``MOST_PITCHES`` others, with their own answers."""
    pitch_card = ensure_pitch_card(store, clock)
    others = [stored for stored in tagged if stored.no != pitch_card.no][:MOST_PITCHES]
    listed = others if pitch_card.retired else [pitch_card, *others]
    return tuple(
        _shown(stored)._replace(own_answer=store.answers.find(stored.deck_id, stored.card.id))
        for stored in listed
    )


def _contingency(section: Section, cards: list[StoredCard]) -> Contingency:
    scenarios = [
        _shown(stored)
        for stored in _with_tag(cards, section.tags)
        if stored.card.kind is Kind.SCENARIO
    ]
    return Contingency(section.title, tuple(scenarios[:MOST_SCENARIOS]), section.reminder)


def _questions(cards: list[StoredCard]) -> tuple[Question, ...]:
    questions: dict[str, Question] = {}
    for stored in cards:
        # A card without points still names a question: its prompt.
        for text in stored.card.points or (stored.card.prompt,):
            wording = " ".join(text.split())
            questions.setdefault(
                wording.casefold(), Question(stored.deck_id, stored.card.id, wording)
            )
            if len(questions) == MOST_QUESTIONS:
                return tuple(questions.values())
    return tuple(questions.values())
