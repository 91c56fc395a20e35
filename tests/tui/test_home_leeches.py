"""Leeches on the home: counted, listed, suspended, or rewritten in the add-card form."""

from __future__ import annotations

from datetime import timedelta

from prepdeck.srs import Rating
from prepdeck.tui.screens.home import HomeScreen
from prepdeck.tui.screens.leeches import LeechesScreen, LeechTable
from prepdeck.tui.widgets.figures import FigureRow
from tests.tui.fakes import START
from tests.tui.homes import (
    SIZE,
    home_app,
    home_screen,
    install_bundled,
    make_leech,
    open_test_home,
    review,
    text,
    tile,
)


async def test_leeches_are_counted_listed_and_suspended() -> None:
    home = open_test_home()
    install_bundled(home)
    first, second = home._store.decks.cards("tough-questions")[:2]
    make_leech(home, "tough-questions", first.card_id, lapses=5)
    make_leech(home, "tough-questions", second.card_id, lapses=3)  # not yet a leech
    with home:
        app = home_app(home)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert tile(app, "leech-count") == "1"
            await pilot.press("L")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, LeechesScreen)
            table = screen.query_one(LeechTable)
            assert table.row_count == 1
            deck, prompt, failed, status = (cell.plain for cell in table.get_row_at(0))
            assert (deck, failed, status) == ("Tough questions", "5", "")
            assert prompt.startswith(" ".join(first.card.prompt.split())[:20])
            assert text(app, "#leech-prompt") == first.card.prompt.strip()

            await pilot.press("s")
            await pilot.pause()
            assert home._store.cards.get("tough-questions", first.card_id).suspended
            assert [cell.plain for cell in table.get_row_at(0)][3] == "suspended"

            await pilot.press("q")
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)
            assert tile(app, "leech-count") == "0"

            # Brought back from the list, the card counts again.
            await pilot.press("L")
            await pilot.pause()
            await pilot.press("exclamation_mark")
            await pilot.pause()
            assert not home._store.cards.get("tough-questions", first.card_id).suspended


async def test_writing_your_own_version_opens_the_add_card_form_filled_in() -> None:
    from prepdeck.tui.dialogs.add_card import AddCardScreen

    home = open_test_home()
    install_bundled(home)
    leech = home._store.decks.cards("company-needs")[0]
    make_leech(home, "company-needs", leech.card_id)
    with home:
        app = home_app(home)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("L")
            await pilot.pause()
            await pilot.press("w")
            await pilot.pause()
            form = app.screen
            assert isinstance(form, AddCardScreen)
            assert form.current_draft().prompt == leech.card.prompt
            assert form.current_draft().answer == leech.card.answer
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, LeechesScreen)


async def test_the_list_says_when_there_are_no_leeches() -> None:
    home = open_test_home()
    with home:
        app = home_app(home)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert tile(app, "leech-count") == "0"
            row = home_screen(app).query_one(FigureRow)
            # The other tiles are not clickable: the column before the leech tile is the
            # figure before it, and a click there leaves the home where it is.
            start, end = row.tile_span("leech-count")
            await pilot.click("#today", offset=(start - 1, 1))
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)
            # The leech tile is clickable across its width: its last column opens the list.
            await pilot.click("#today", offset=(end - 1, 1))
            await pilot.pause()
            assert isinstance(app.screen, LeechesScreen)
            assert text(app, "#leech-about").startswith("No leeches.")
            # Nothing to act on: the keys are off.
            await pilot.press("s", "w")
            await pilot.pause()
            assert isinstance(app.screen, LeechesScreen)


async def test_the_list_has_a_title_and_counts_lapses_as_the_browser_does() -> None:
    home = open_test_home()
    install_bundled(home)
    leech, learnt = home._store.decks.cards("tough-questions")[:2]
    make_leech(home, "tough-questions", leech.card_id, lapses=6)
    # Failed six times while still being learnt, then learnt: no lapse, not a leech.
    review(
        home,
        "tough-questions",
        learnt.card_id,
        *(
            (rating, START - timedelta(days=10, hours=-index))
            for index, rating in enumerate([Rating.AGAIN] * 6 + [Rating.GOOD, Rating.GOOD])
        ),
    )
    with home:
        app = home_app(home)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("L")
            await pilot.pause()
            assert text(app, "#leech-title") == "Leeches"
            table = app.screen.query_one(LeechTable)
            assert [str(column.label) for column in table.columns.values()][2] == "Lapses"
            assert table.row_count == 1
            assert table.get_row_at(0)[2].plain == "6"
            assert text(app, "#leech-about").startswith("Forgotten 4 times or more")
