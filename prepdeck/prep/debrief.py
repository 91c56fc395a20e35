"""After an interview: its debrief, and the follow-ups to send.

A debrief is written once the interview's time has come (``is_upcoming`` no longer holds):
the questions that surprised the user, what went well, and what they would do
differently. Each surprise becomes a card of kind ``question`` in the interview's own
deck, with an empty answer for the user to write, as a need's card has; a surprise
already asked by a card of that deck (the same prompt, case and spacing aside) is not
added twice. Saving again keeps the new texts and adds only the new surprises; a surprise
taken off the list keeps its card.

Follow-ups, one rule for every front end (``follow_ups_of``): a thank-you note is due
from the app day after the interview's app day, a check-in from seven app days after
it; each stays due until dismissed. The rows go with the interview (see
``store.debriefs``), so a removed interview has none, and one of the same name added
again is debriefed and reminded afresh.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta, tzinfo
from enum import StrEnum
from typing import TYPE_CHECKING, NamedTuple

from prepdeck.clock import Clock
from prepdeck.domain.cards import Kind
from prepdeck.domain.days import app_day
from prepdeck.errors import InterviewError
from prepdeck.prep.interviews import Interview, Interviews, is_upcoming
from prepdeck.store import Store
from prepdeck.store.interviews import name_key

if TYPE_CHECKING:
    from prepdeck.prep.debrief_records import Debrief as Debrief
    from prepdeck.prep.debrief_records import SavedDebrief as SavedDebrief


class FollowUpKind(StrEnum):
    THANK_YOU = "thank-you"
    CHECK_IN = "check-in"


FOLLOW_UP_DELAYS: dict[FollowUpKind, timedelta] = {
    FollowUpKind.THANK_YOU: timedelta(days=1),
    FollowUpKind.CHECK_IN: timedelta(days=7),
}
"""How many app days after the interview's own each follow-up falls due."""


class FollowUp(NamedTuple):
    interview: str
    kind: FollowUpKind
    due: date
    """The app day from which it is due."""
    at: datetime
    """When the interview took place."""


def parse_follow_up_kind(text: str) -> FollowUpKind:
    try:
        return FollowUpKind(text.strip().lower())
    except ValueError:
        names = " or ".join(kind.value for kind in FollowUpKind)
        raise InterviewError(f"unknown follow-up {text!r}: use {names}") from None


def clean_surprises(surprises: Iterable[str]) -> tuple[str, ...]:
    """One question per entry, its whitespace collapsed; blank ones and repeats (the same
    prompt, case and spacing aside) left out."""
    # Imported where a debrief is written: the home only reads the follow-ups due.
    from prepdeck.domain.ids import prompt_key

    kept: dict[str, str] = {}
    for surprise in surprises:
        text = " ".join(surprise.split())
        if text:
            kept.setdefault(prompt_key(text), text)
    return tuple(kept.values())


def follow_ups_of(
    interview: Interview, day_start_hour: int, zone: tzinfo | None = None
) -> list[FollowUp]:
    """The follow-ups of ``interview``, each with the app day it falls due."""
    day = app_day(interview.at, day_start_hour, zone)
    return [
        FollowUp(interview.name, kind, day + delay, interview.at)
        for kind, delay in FOLLOW_UP_DELAYS.items()
    ]


class Debriefs:
    """Write and read debriefs; list and dismiss the follow-ups due."""

    def __init__(
        self, store: Store, clock: Clock, *, day_start_hour: int, zone: tzinfo | None = None
    ) -> None:
        self._store = store
        self._clock = clock
        self._day_start_hour = day_start_hour
        self._zone = zone
        self._interviews = Interviews(store, clock)

    def _past(self, name: str, refusal: str) -> Interview:
        interview = self._interviews.get(name)
        if is_upcoming(interview.at, self._clock.now()):
            raise InterviewError(f"{interview.name} is still ahead: {refusal}")
        return interview

    def save(
        self, name: str, surprises: Sequence[str], went_well: str, to_change: str
    ) -> SavedDebrief:
        """Keep the debrief of the interview ``name`` and turn each new surprise into a card
        of its own deck; refused while the interview is still ahead, or when it is empty."""
        from prepdeck.prep.debrief_records import Debrief, SavedDebrief

        interview = self._past(name, "a debrief is for after the interview")
        asked = clean_surprises(surprises)
        well, change = went_well.strip(), to_change.strip()
        if not (asked or well or change):
            raise InterviewError(
                "the debrief is empty: write a question that surprised you, "
                "what went well or what you would do differently"
            )
        # Imported here: the home reads the follow-ups due, and only a debrief adds cards.
        from prepdeck.library.personal import CardDraft, add_personal_card, check_personal_card

        drafts = [
            CardDraft(prompt=question, answer="", kind=Kind.QUESTION)
            for question in self._not_asked(interview.deck_id, asked)
        ]
        # Every card is checked before the first is written, so a refusal writes nothing.
        for draft in drafts:
            check_personal_card(self._store, draft, interview.deck_id)
        added = tuple(
            add_personal_card(
                self._store,
                self._clock,
                draft,
                deck_id=interview.deck_id,
                title=f"Interview: {interview.name}",
            )
            for draft in drafts
        )
        now = self._clock.now()
        self._store.debriefs.save(
            interview.name, written_at=now, surprises=asked, went_well=well, to_change=change
        )
        return SavedDebrief(
            Debrief(interview.name, now, asked, well, change), added, interview.deck_id
        )

    def amend(
        self,
        name: str,
        surprises: Sequence[str] = (),
        *,
        went_well: str | None = None,
        to_change: str | None = None,
    ) -> SavedDebrief:
        """``save`` with ``surprises`` added to those kept, and each text left as kept
        unless given."""
        from prepdeck.prep.debrief_records import Debrief

        kept = self.get(name) or Debrief(name, self._clock.now(), (), "", "")
        return self.save(
            name,
            [*kept.surprises, *surprises],
            kept.went_well if went_well is None else went_well,
            kept.to_change if to_change is None else to_change,
        )

    def _not_asked(self, deck_id: str, questions: Sequence[str]) -> list[str]:
        if self._store.decks.find(deck_id) is None:
            return list(questions)  # its first card creates the deck
        from prepdeck.domain.ids import prompt_key

        taken = {prompt_key(stored.card.prompt) for stored in self._store.decks.cards(deck_id)}
        return [question for question in questions if prompt_key(question) not in taken]

    def get(self, name: str) -> Debrief | None:
        """The debrief kept for the interview ``name``; None before the first."""
        interview = self._interviews.get(name)
        stored = self._store.debriefs.find(interview.name)
        if stored is None:
            return None
        from prepdeck.prep.debrief_records import Debrief

        return Debrief(
            interview.name, stored.written_at, stored.surprises, stored.went_well, stored.to_change
        )

    def due_follow_ups(self, now: datetime | None = None) -> list[FollowUp]:
        """The follow-ups due at ``now`` (the clock's when None) and not dismissed, the
        earliest due first."""
        moment = self._clock.now() if now is None else now
        today = app_day(moment, self._day_start_hour, self._zone)
        dismissed = self._store.debriefs.dismissed()
        due = [
            follow_up
            for interview in self._interviews.all()
            if not is_upcoming(interview.at, moment)
            for follow_up in follow_ups_of(interview, self._day_start_hour, self._zone)
            if follow_up.due <= today
            and (name_key(follow_up.interview), follow_up.kind.value) not in dismissed
        ]
        return sorted(due, key=lambda one: (one.due, one.at, name_key(one.interview)))

    def dismiss(self, name: str, kind: str | FollowUpKind) -> FollowUp:
        """Stop reminding of the ``kind`` follow-up of the interview ``name``: for good,
        even before it falls due; refused while the interview is still ahead."""
        wanted = parse_follow_up_kind(kind)
        interview = self._past(name, "there is nothing to follow up yet")
        self._store.debriefs.dismiss(interview.name, wanted.value, at=self._clock.now())
        [follow_up] = [
            one
            for one in follow_ups_of(interview, self._day_start_hour, self._zone)
            if one.kind is wanted
        ]
        return follow_up


def __getattr__(name: str) -> object:
    # A debrief's values are defined when one is read or written (``debrief_records``):
    # the home reads only the follow-ups due.
    if name in ("Debrief", "SavedDebrief"):
        from prepdeck.prep import debrief_records

        return getattr(debrief_records, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
