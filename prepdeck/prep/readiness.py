"""Readiness: how much of a set of cards is likely to be recalled at one moment.

Each card counts with FSRS's predicted recall at that moment; a card never reviewed
counts 0, since nothing says it would be recalled. The mean is the expected share of
cards recalled; the weakest cards come first, and the mean is also given per deck and
per kind of card.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, NamedTuple

from prepdeck.srs.scheduler import as_utc

if TYPE_CHECKING:
    from prepdeck.prep.interviews import Interview
    from prepdeck.srs.scheduler import ForgettingCurve
    from prepdeck.store import Store
    from prepdeck.store.records import RecallGroup


class WeakCard(NamedTuple):
    deck_id: str
    card_id: str
    prompt: str
    retrievability: float


class Readiness(NamedTuple):
    at: str
    """The moment, ISO 8601 with its offset."""
    cards: int
    unseen: int
    """Cards never reviewed: each counts 0."""
    expected_recall: float
    weakest: list[WeakCard]
    per_deck: dict[str, float]
    per_kind: dict[str, float]


def readiness(
    store: Store,
    curve: ForgettingCurve,
    at: datetime,
    *,
    deck_ids: Sequence[str] | None = None,
    limit: int = 10,
    reviewed_only: bool = False,
) -> Readiness:
    """Readiness at ``at`` of ``deck_ids`` (every deck neither removed nor paused when
    None), with the ``limit`` weakest cards: those never reviewed first, unless
    ``reviewed_only`` leaves them out of the list (they still count in the mean)."""
    # Whole days since the last review, as FSRS counts them, are counted from this.
    at_ms = int(as_utc(at).timestamp() * 1000)
    figures = store.figures.recall(
        curve, at_ms, deck_ids=deck_ids, weakest=max(0, limit), reviewed_only=reviewed_only
    )
    by_deck: dict[str, list[RecallGroup]] = defaultdict(list)
    by_kind: dict[str, list[RecallGroup]] = defaultdict(list)
    for group in figures.groups:
        by_deck[group.deck_id].append(group)
        by_kind[group.kind].append(group)
    return Readiness(
        at=at.isoformat(),
        cards=sum(group.cards for group in figures.groups),
        unseen=sum(group.unseen for group in figures.groups),
        expected_recall=_mean(figures.groups),
        weakest=[
            WeakCard(row.deck_id, row.card_id, row.prompt, round(row.recall, 4))
            for row in figures.weakest
        ],
        per_deck={deck: _mean(groups) for deck, groups in sorted(by_deck.items())},
        per_kind={kind: _mean(groups) for kind, groups in sorted(by_kind.items())},
    )


def interview_readiness(
    store: Store, curve: ForgettingCurve, interviews: Sequence[Interview]
) -> dict[str, Readiness]:
    """Readiness of each interview at its time, over the decks it studies, by name;
    without the weakest cards."""
    return {
        interview.name: readiness(
            store, curve, interview.at, deck_ids=interview.studied_decks, limit=0
        )
        for interview in interviews
    }


def _mean(groups: list[RecallGroup]) -> float:
    """The mean recall of the cards of ``groups``, never-reviewed ones at 0; 0 for none."""
    cards = sum(group.cards for group in groups)
    return round(sum(group.recall for group in groups) / cards, 4) if cards else 0.0
