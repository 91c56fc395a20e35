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
    from prepdeck.srs.scheduler import ForgettingCurve
    from prepdeck.store import Store

_DAY_MS = 86_400_000


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
) -> Readiness:
    """Readiness at ``at`` of ``deck_ids`` (every deck neither removed nor paused when
    None), with the ``limit`` weakest cards."""
    at_ms = int(as_utc(at).timestamp() * 1000)
    scored: list[tuple[float, str, str]] = []
    by_deck: dict[str, list[float]] = defaultdict(list)
    by_kind: dict[str, list[float]] = defaultdict(list)
    unseen = 0
    recall = curve.recall
    for deck_id, card_id, kind, stability, last_review_ms in store.figures.memory_rows(deck_ids):
        if stability is None or last_review_ms is None:
            value = 0.0
            unseen += 1
        else:
            # Whole days since the last review, as FSRS counts them.
            value = recall(stability, (at_ms - last_review_ms) // _DAY_MS)
        scored.append((value, deck_id, card_id))
        by_deck[deck_id].append(value)
        by_kind[kind].append(value)
    scored.sort()
    weakest = []
    for value, deck_id, card_id in scored[: max(0, limit)]:
        card = store.cards.get(deck_id, card_id)
        weakest.append(WeakCard(deck_id, card_id, card.card.prompt, round(value, 4)))
    total = len(scored)
    return Readiness(
        at=at.isoformat(),
        cards=total,
        unseen=unseen,
        expected_recall=round(sum(v for v, _, _ in scored) / total, 4) if total else 0.0,
        weakest=weakest,
        per_deck={deck: _mean(values) for deck, values in sorted(by_deck.items())},
        per_kind={kind: _mean(values) for kind, values in sorted(by_kind.items())},
    )


def _mean(values: list[float]) -> float:
    return round(sum(values) / len(values), 4)
