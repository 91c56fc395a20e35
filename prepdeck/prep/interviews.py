"""Interviews: when each one is, what it is about, and its own personal deck.

The rules live here; the rows are kept by ``store.interviews``. A name is unique
whatever its case. An interview is added only ahead of now. Its decks are installed
decks, named when it is added; none named means every active deck at the time of use
(stored as an empty list, so a deck installed later counts too), other interviews'
personal decks left out. Each interview owns a personal deck ``my-interview-<slug>``,
created with its first card (``need``): removing the interview removes that deck from
the drill and keeps its cards and reviews, which come back if an interview of the same
name is added again; its debrief and dismissed follow-ups (``prep.debrief``) go with it.
Adding an interview also gives the home the pitch card, once (``prep.pitch``).

An interview is upcoming until its time and past from then on (``is_upcoming``): the
one rule by which every list, the cram and the home tell the two apart.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, NamedTuple

from prepdeck.clock import Clock
from prepdeck.domain.cards import Kind
from prepdeck.domain.days import app_day
from prepdeck.errors import InterviewError, NotFoundError
from prepdeck.store import Store
from prepdeck.store.interviews import StoredInterview, name_key

if TYPE_CHECKING:
    from prepdeck.domain.cards import Card

DECK_PREFIX = "my-interview-"


class Interview(NamedTuple):
    """An interview as shown: its decks resolved."""

    name: str
    at: datetime
    """When it takes place, timezone-aware (UTC)."""
    decks: tuple[str, ...]
    """The deck ids it is about; every active deck when none was named."""
    all_decks: bool
    """True when no deck was named, so ``decks`` are every active deck."""
    note: str
    deck_id: str

    @property
    def studied_decks(self) -> tuple[str, ...]:
        """What preparing for it covers: its decks, then its own deck of needs."""
        return tuple(dict.fromkeys((*self.decks, self.deck_id)))


def interview_deck_id(name: str, taken: Iterable[str] = ()) -> str:
    """The personal deck id for an interview named ``name``: ``my-interview-`` and a slug
    of the name (ASCII letters and digits, dashes between words), numbered while taken,
    never longer than a deck id may be. A name with no letter or digit of ASCII gets a
    short hash instead."""
    # Imported here, as the hash below is: the home reads interviews and names no deck.
    from prepdeck.domain.ids import ID_MAX_LENGTH

    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = "-".join(re.findall(r"[a-z0-9]+", ascii_name.lower()))
    if not slug:
        # Imported only here: hashlib loads OpenSSL, and the app's home reads interviews.
        import hashlib

        slug = "i-" + hashlib.sha256(name_key(name).encode()).hexdigest()[:8]
    used = set(taken)
    number = 1
    while True:
        suffix = "" if number == 1 else f"-{number}"
        room = ID_MAX_LENGTH - len(DECK_PREFIX) - len(suffix)
        candidate = DECK_PREFIX + slug[:room].rstrip("-") + suffix
        if candidate not in used:
            return candidate
        number += 1


_NEED_PREFIX = "They need "
_NEED_SUFFIX = ": what have you done that shows it?"


def need_prompt(text: str) -> str:
    """The prompt of the card for a company need."""
    return f"{_NEED_PREFIX}{text}{_NEED_SUFFIX}"


def need_text(prompt: str) -> str:
    """The need a card of ``need_prompt`` was written for; any other prompt (one edited
    since, say) as it is."""
    if prompt.startswith(_NEED_PREFIX) and prompt.endswith(_NEED_SUFFIX):
        inner = prompt[len(_NEED_PREFIX) : -len(_NEED_SUFFIX)]
        if inner.strip():
            return inner
    return prompt


def is_upcoming(at: datetime, now: datetime) -> bool:
    """Whether an interview at ``at`` is still to come at ``now``: until its very time."""
    return at > now


def is_interview_day(at: datetime, now: datetime, day_start_hour: int) -> bool:
    """Whether an interview at ``at`` is still to come and falls on the app day of
    ``now``: the day its checklist (``day_of``) is offered on the home."""
    return is_upcoming(at, now) and app_day(at, day_start_hour) == app_day(now, day_start_hour)


class Interviews:
    """Add, list, remove interviews and write their company-need cards."""

    def __init__(self, store: Store, clock: Clock) -> None:
        self._store = store
        self._clock = clock

    def add(
        self, name: str, at: datetime, *, decks: Sequence[str] = (), note: str = ""
    ) -> Interview:
        """Add an interview; a blank or taken name, a time not ahead or a deck not installed
        is refused, and nothing is written."""
        shown = " ".join(name.split())
        if not shown:
            raise InterviewError("an interview needs a name")
        if at.tzinfo is None:
            raise ValueError("an interview's time must be timezone-aware")
        if not is_upcoming(at, self._clock.now()):
            raise InterviewError(
                f"{at.astimezone().strftime('%Y-%m-%d %H:%M')} is in the past: "
                "an interview must be ahead"
            )
        existing = self._store.interviews.find(shown)
        if existing is not None:
            raise InterviewError(f'an interview named "{existing.name}" exists already')
        wanted = tuple(dict.fromkeys(deck.strip() for deck in decks))
        for deck_id in wanted:
            found = self._store.decks.find(deck_id)
            if found is None or found.removed:
                raise NotFoundError(f"no installed deck '{deck_id}'; see: prepdeck deck list")
        stored = StoredInterview(
            name=shown,
            at=at,
            decks=wanted,
            note=note.strip(),
            deck_id=self._deck_id_for(shown),
            created_at=self._clock.now(),
        )
        self._store.interviews.add(stored)
        # The deck of a removed interview of the same name comes back with it.
        kept = self._store.decks.find(stored.deck_id)
        if kept is not None and kept.removed:
            self._store.decks.restore(stored.deck_id)
        # Every interview opens with "tell me about yourself": the first one brings the card.
        from prepdeck.prep.pitch import ensure_pitch_card

        ensure_pitch_card(self._store, self._clock)
        return self._shown(stored)

    def _deck_id_for(self, name: str) -> str:
        # A deck left by a removed interview of the same slug is taken up again, cards,
        # reviews and all; only decks of interviews still here are taken.
        return interview_deck_id(name, self._store.interviews.deck_ids())

    def all(self) -> list[Interview]:
        """Every interview, soonest first, past ones too."""
        return [self._shown(stored) for stored in self._store.interviews.all()]

    def upcoming(self) -> list[Interview]:
        """The interviews still to come, soonest first."""
        now = self._clock.now()
        return [
            self._shown(stored)
            for stored in self._store.interviews.all()
            if is_upcoming(stored.at, now)
        ]

    def past(self) -> list[Interview]:
        """The interviews whose time has come, the latest first."""
        now = self._clock.now()
        return [
            self._shown(stored)
            for stored in reversed(self._store.interviews.all())
            if not is_upcoming(stored.at, now)
        ]

    def get(self, name: str) -> Interview:
        return self._shown(self._stored(name))

    def _stored(self, name: str) -> StoredInterview:
        found = self._store.interviews.find(name)
        if found is None:
            raise NotFoundError(
                f'no interview named "{" ".join(name.split())}"; see: prepdeck interview list'
            )
        return found

    def _shown(self, stored: StoredInterview) -> Interview:
        if stored.decks:
            decks = stored.decks
        else:
            others = self._store.interviews.deck_ids() - {stored.deck_id}
            decks = tuple(
                deck.id for deck in self._store.decks.installed() if deck.id not in others
            )
        return Interview(
            name=stored.name,
            at=stored.at,
            decks=decks,
            all_decks=not stored.decks,
            note=stored.note,
            deck_id=stored.deck_id,
        )

    def need(self, name: str, text: str) -> Card:
        """Add a company-need card for ``text`` to the interview's personal deck."""
        stored = self._stored(name)
        need = " ".join(text.split()).rstrip(".")
        if not need:
            raise InterviewError("the need is empty: write what the company needs")
        from prepdeck.library.personal import CardDraft, add_personal_card

        draft = CardDraft(prompt=need_prompt(need), answer="", kind=Kind.COMPANY_NEED)
        return add_personal_card(
            self._store,
            self._clock,
            draft,
            deck_id=stored.deck_id,
            title=f"Interview: {stored.name}",
        )

    def needs(self, name: str) -> list[Card]:
        """The cards of the interview's own deck, in the order they were added; none
        before its first need, nor while its deck is out of the drill."""
        deck_id = self._stored(name).deck_id
        deck = self._store.decks.find(deck_id)
        if deck is None or deck.removed:
            return []
        return [stored.card for stored in self._store.decks.cards(deck_id)]

    def remove(self, name: str) -> Interview:
        """Remove the interview and take its personal deck out of the drill, keeping the
        deck's cards and reviews."""
        shown = self._shown(self._stored(name))
        self._store.interviews.remove(name)
        deck = self._store.decks.find(shown.deck_id)
        if deck is not None and not deck.removed:
            self._store.decks.remove(shown.deck_id)
        return shown
