"""A new user's first days on the bundled decks: which new cards the drill deals, and that
every figure about them says what the drill does."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from prepdeck.clock import FixedClock
from prepdeck.paths import locations
from prepdeck.services import Services, open_services
from prepdeck.srs import Rating, SrsScheduler
from prepdeck.study.session import Session

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
SCHEDULER = SrsScheduler(enable_fuzzing=False)


@pytest.fixture
def home(isolated_home: Path) -> Iterator[Services]:
    with open_services(locations(isolated_home), clock=FixedClock(NOW)) as opened:
        yield opened


def drill(home: Services, deck_ids: list[str] | None = None) -> Session:
    config = home.config
    return Session(
        home._store,
        SCHEDULER,
        home.clock,
        day_start_hour=config.day_start_hour,
        new_per_day=config.new_per_day,
        reviews_per_day=config.reviews_per_day,
        deck_ids=deck_ids,
    )


def new_cards_dealt(session: Session) -> list[str]:
    """The decks of the new cards a session shows, graded Good one after another."""
    decks: list[str] = []
    while session.current is not None:
        if session.current.is_new:
            decks.append(session.current.deck_id)
        session.grade(Rating.GOOD)
    return decks


def queued(session: Session) -> int:
    """The cards a fresh session holds, the one on show included."""
    return 0 if session.current is None else session.left + 1


def test_the_first_days_new_cards_come_from_every_bundled_deck(home: Services) -> None:
    bundled = {row.id for row in home.deck_overview() if row.source == "bundled"}
    # Fewer decks than the day's new cards: every deck gets its turn.
    assert 8 <= len(bundled) < home.config.new_per_day
    dealt = new_cards_dealt(drill(home))
    assert len(dealt) == home.config.new_per_day == 10
    assert set(dealt) == bundled


def test_new_today_says_what_the_drill_will_deal(home: Services) -> None:
    """A deck's ``new_today`` is what a drill of that deck deals; the day's total is what
    a drill of every deck deals, and the home and ``stats`` say the same."""
    promised = {row.id: row.new_today for row in home.deck_overview()}
    assert {deck_id: queued(drill(home, [deck_id])) for deck_id in promised} == promised
    figures = home.today_figures()
    stats = home.stats()
    assert figures.new_available == stats.new_available == queued(drill(home)) == 10
    new_cards_dealt(drill(home))
    after = home.today_figures()
    assert after.new_available == home.stats().new_available == queued(drill(home)) == 0


def test_a_decks_own_new_limit_only_lowers_its_share(home: Services) -> None:
    held, *others = [row.id for row in home.deck_overview()]
    home._store.decks.set_limits(held, new_per_day=0, reviews_per_day=None)
    promised = {row.id: row.new_today for row in home.deck_overview()}
    dealt = Counter(new_cards_dealt(drill(home)))
    assert promised[held] == 0 and held not in dealt
    assert sum(dealt.values()) == 10
    assert set(dealt) == set(others)


def test_a_buried_new_card_is_gone_from_new_today_not_introduced(home: Services) -> None:
    session = drill(home)
    buried = session.current
    assert buried is not None and buried.is_new
    session.bury()
    assert home.today_figures().new_available == queued(session) == 10
    dealt = new_cards_dealt(session)
    assert len(dealt) == 10
    assert home.today_figures().new_available == 0
    assert home._store.figures.new_introduced(home.today()) == Counter(dealt)
