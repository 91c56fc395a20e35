"""What a cram is for: the request read against the interviews and the decks.

An interview named is crammed for at its time, on its decks (or those chosen among
them) and always its own deck of needs, which the cram deals first. With neither an
interview nor a time, the next interview to come is the one; with none to come, the
cram ranks the cards as they stand now. A time in the past has nothing left to prepare.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from prepdeck.domain.cram import CramRequest, CramTarget
from prepdeck.errors import InterviewError, MomentError, PrepdeckError
from prepdeck.prep.interviews import Interview, Interviews, is_upcoming
from prepdeck.store import StoredDeck


def resolve_cram(
    request: CramRequest,
    *,
    now: datetime,
    interviews: Interviews,
    check_deck: Callable[[str], StoredDeck],
) -> CramTarget:
    """The target of ``request``; ``check_deck`` returns an installed deck by id or
    raises. Raises a one-line error for anything it cannot cram for."""
    if request.interview is not None and request.until is not None:
        raise PrepdeckError("cram: give --interview or --until, not both")
    for deck_id in request.deck_ids:
        if check_deck(deck_id).paused:
            raise PrepdeckError(
                f"deck '{deck_id}' is paused; to cram it, resume it: prepdeck deck resume {deck_id}"
            )
    interview: Interview | None = None
    if request.interview is not None:
        interview = interviews.get(request.interview)
    elif request.until is None:
        interview = next((one for one in interviews.all() if is_upcoming(one.at, now)), None)
    if interview is not None:
        if not is_upcoming(interview.at, now):
            raise InterviewError(
                f"interview '{interview.name}' was on "
                f"{interview.at.astimezone():%a %d %b %Y %H:%M}: nothing left to cram for; "
                "cram for a time ahead with --until"
            )
        chosen = request.deck_ids or interview.decks
        return CramTarget(
            at=interview.at,
            interview=interview.name,
            deck_ids=tuple(dict.fromkeys((*chosen, interview.deck_id))),
            needs_deck=interview.deck_id,
            kind=request.kind,
            tag=request.tag,
        )
    if request.until is not None and request.until <= now:
        raise MomentError(
            f"cram: --until {request.until.astimezone():%a %d %b %Y %H:%M} is not ahead of now"
        )
    return CramTarget(
        at=request.until or now,
        deck_ids=request.deck_ids or None,
        kind=request.kind,
        tag=request.tag,
    )
