"""A real home in the test's own ``$PREPDECK_HOME``, at a fixed time, and ways to give it a
history: reviews long ago (cards overdue now) and repeated failures (leeches)."""

from __future__ import annotations

import os
import re
from datetime import datetime, timedelta
from pathlib import Path

from textual.widgets import Static

from prepdeck.clock import FixedClock
from prepdeck.formats.deck.loader import load_deck_bytes
from prepdeck.library.bundled import bundled_deck_files
from prepdeck.services import Services, open_services
from prepdeck.srs import Rating, SrsScheduler
from prepdeck.store import ImportedReview
from prepdeck.tui.app import PrepdeckApp, make_app
from prepdeck.tui.screens.home import HomeScreen
from prepdeck.tui.widgets.deck_table import DeckTable
from prepdeck.tui.widgets.figures import FigureRow
from tests.tui.fakes import START, FakeTimer

SIZE = (80, 24)
REPLAY = SrsScheduler(enable_fuzzing=False)


def open_test_home(config: str | None = None, *, at: datetime = START) -> Services:
    """The home of ``$PREPDECK_HOME`` (empty until the app starts), with ``config`` as its
    config.toml."""
    where = Path(os.environ["PREPDECK_HOME"])
    if config is not None:
        (where / "config.toml").write_text(config, encoding="utf-8")
    return open_services(sync_bundled=False, clock=FixedClock(at))


def home_app(home: Services) -> PrepdeckApp:
    return make_app(services=home, monotonic=FakeTimer())


def bundled_titles() -> dict[str, str]:
    """Deck id to title of every deck shipped with prepdeck."""
    titles: dict[str, str] = {}
    for path in bundled_deck_files():
        deck = load_deck_bytes(path.read_bytes(), str(path)).deck
        assert deck is not None, path
        titles[deck.id] = deck.title
    return titles


def install_bundled(home: Services) -> None:
    from prepdeck.library.bundled import sync_bundled_decks

    sync_bundled_decks(home._store, home.clock)


def home_screen(app: PrepdeckApp) -> HomeScreen:
    screen = app.screen
    assert isinstance(screen, HomeScreen), f"expected the home, got {screen!r}"
    return screen


def deck_rows(app: PrepdeckApp) -> list[list[str]]:
    """The deck list as shown, one list of cells per line: title, cards, due, new today
    and status (empty when the deck has none)."""
    rows: list[list[str]] = []
    for text in deck_lines(app):
        # Columns are separated by two spaces or more; the status column may be absent.
        cells = [cell for cell in re.split(r"\s{2,}", text[2:].strip()) if cell]
        rows.append(cells + [""] * (5 - len(cells)))
    return rows


def deck_lines(app: PrepdeckApp) -> list[str]:
    """The text of each line of the deck list, as drawn."""
    table = home_screen(app).query_one(DeckTable)
    return [table.line_content(index).plain for index in range(table.row_count)]


def selected_line(app: PrepdeckApp) -> str:
    [selected] = [line for line in deck_lines(app) if line.startswith("› ")]
    return selected


def deck_row(app: PrepdeckApp, title: str) -> list[str]:
    for row in deck_rows(app):
        if row[0] == title:
            return row
    raise AssertionError(f"no row {title!r} in {deck_rows(app)}")


def tile(app: PrepdeckApp, tile_id: str) -> str:
    return home_screen(app).query_one(FigureRow).tile(tile_id).value


def text(app: PrepdeckApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def review(home: Services, deck_id: str, card_id: str, *steps: tuple[Rating, datetime]) -> None:
    home._store.reviews.import_reviews(
        [ImportedReview(deck_id, card_id, rating, at) for rating, at in steps],
        scheduler=REPLAY,
        day_of=lambda moment: moment.date(),
    )


def make_overdue(home: Services, deck_id: str, count: int, *, days_ago: int = 120) -> list[str]:
    """Put the first ``count`` cards of a deck in review state, overdue now, the first ones
    weakest; returns their ids."""
    cards = home._store.decks.cards(deck_id)[:count]
    for offset, card in enumerate(cards):
        start = START - timedelta(days=days_ago - offset)
        review(
            home,
            deck_id,
            card.card_id,
            (Rating.GOOD, start),
            (Rating.GOOD, start + timedelta(days=1)),
        )
    return [card.card_id for card in cards]


def make_leech(home: Services, deck_id: str, card_id: str, lapses: int = 4) -> None:
    """Learn the card, then forget it ``lapses`` times: an Again in review state, and a
    Good that brings it back to review after each."""
    start = START - timedelta(days=20)
    ratings = [Rating.GOOD, Rating.GOOD] + [Rating.AGAIN, Rating.GOOD] * lapses
    review(
        home,
        deck_id,
        card_id,
        *((rating, start + timedelta(hours=index)) for index, rating in enumerate(ratings)),
    )
