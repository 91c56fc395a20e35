"""Reports turn into JSON by one rule: field names are the keys, in their order."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import NamedTuple

from prepdeck.domain.days import tomorrow
from prepdeck.reports.json import to_json
from prepdeck.reports.stats import DeckFigures, Stats
from prepdeck.store import StateCounts


class Pair(NamedTuple):
    left: int
    right: str | None


@dataclass(frozen=True)
class Holder:
    name: str
    pairs: list[Pair]


def test_reports_nest_as_objects_in_field_order() -> None:
    held = Holder("x", [Pair(1, None), Pair(2, "b")])
    assert to_json(held) == {
        "name": "x",
        "pairs": [{"left": 1, "right": None}, {"left": 2, "right": "b"}],
    }
    assert list(to_json(Pair(1, "a"))) == ["left", "right"]  # type: ignore[call-overload]


def test_stats_put_the_deck_id_first_and_the_decks_last() -> None:
    figures = {
        "reviews_total": 1,
        "reviews_today": 0,
        "time_today_s": 0.0,
        "streak_days": 0,
        "due_now": 0,
        "new_available": 0,
        "true_retention": None,
        "forecast": [0],
        "states": StateCounts(),
    }
    stats = Stats(**figures, per_deck=[DeckFigures(deck_id="d", **figures)])  # type: ignore[arg-type]
    document = to_json(stats)
    assert isinstance(document, dict)
    assert list(document) == [*figures, "per_deck"]
    assert list(document["per_deck"][0]) == ["deck_id", *figures]
    assert document["states"] == dict.fromkeys(StateCounts._fields, 0)


def test_tomorrow_is_the_next_app_day() -> None:
    # 02:00 UTC is still the day before when the day starts at 04:00.
    assert tomorrow(datetime(2026, 3, 2, 2, 0, tzinfo=UTC), 4, UTC) == date(2026, 3, 2)
    assert tomorrow(datetime(2026, 3, 2, 5, 0, tzinfo=UTC), 4, UTC) == date(2026, 3, 3)
