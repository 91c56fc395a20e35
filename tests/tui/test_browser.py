"""The card browser on a real database: search, read a card in full, and act on it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from rich.text import Text
from textual.app import App
from textual.screen import Screen
from textual.widgets import DataTable, Input, Static

from prepdeck.clock import FixedClock
from prepdeck.config import Config
from prepdeck.domain.cards import Card, Deck, Kind
from prepdeck.library.decks import Library
from prepdeck.srs import CardState, Rating, SrsScheduler, State
from prepdeck.store import Store, connect
from prepdeck.study.browser import CardBrowser
from prepdeck.tui.dialogs.add_card import AddCardScreen
from prepdeck.tui.dialogs.confirm import ConfirmScreen
from prepdeck.tui.screens.browser import BrowserScreen

SIZE = (80, 24)
NOW = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)
TODAY = date(2026, 11, 25)
MARKUP_PROMPT = "Why [bold]you[/bold]? [@click=app.quit]x[/]"

BASICS = Deck(
    id="basics",
    title="Basics",
    cards=(
        Card(
            id="why-you",
            prompt=MARKUP_PROMPT,
            answer="Results [red]tied[/red] to their need.",
            points=("A result", "Their [i]need[/i]"),
            tags=("behavioral",),
        ),
        Card(
            id="outage",
            kind=Kind.SCENARIO,
            prompt="The outage call at 2am.",
            answer="Calm first.",
            tags=("tech",),
        ),
        Card(
            id="platform",
            kind=Kind.COMPANY_NEED,
            prompt="They scale the platform.",
            answer="My pipeline.",
            tags=("tech", "behavioral"),
        ),
        Card(id="late", kind=Kind.SCENARIO, prompt="The train is late.", answer="Call ahead."),
    ),
)
EXTRA = Deck(
    id="extra",
    title="Extra",
    cards=(Card(id="extra-one", prompt="Another outage story.", answer="Told well."),),
)
REVIEWED = CardState(
    state=State.REVIEW,
    step=None,
    stability=4.0,
    difficulty=5.0,
    due=NOW + timedelta(days=3),
    last_review=NOW - timedelta(days=2),
)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with connect(tmp_path / "db.sqlite3", backups_dir=tmp_path / "backups") as opened:
        for deck in (BASICS, EXTRA):
            opened.decks.install(deck, source="file", content_hash=deck.id, now=NOW)
        opened.reviews.record(
            "basics",
            "why-you",
            rating=Rating.GOOD,
            reviewed_at=NOW - timedelta(days=2),
            day=TODAY - timedelta(days=2),
            outcome=lambda *_: REVIEWED,
            duration_ms=48_000,
            points_hit=1,
            points_total=2,
        )
        opened.cards.set_suspended("basics", "late", True)
        opened.cards.bury("basics", "platform", TODAY + timedelta(days=1))
        yield opened


class Host(App[None]):
    """A bare app that shows one screen and keeps what it was dismissed with."""

    def __init__(self, make: Callable[[], Screen[Any]]) -> None:
        super().__init__()
        self._make = make
        self.dismissed: list[object] = []

    def on_mount(self) -> None:
        self.push_screen(self._make(), self.dismissed.append)


SCHEDULER = SrsScheduler(enable_fuzzing=False)


def browser_app(
    store: Store, on_drill: Callable[[str, str], None] | None = None, query: str = ""
) -> Host:
    clock = FixedClock(NOW)
    return Host(
        lambda: BrowserScreen(
            CardBrowser(store, SCHEDULER, clock, day_start_hour=Config().day_start_hour),
            Library(store, clock),
            on_drill=on_drill,
            query=query,
        )
    )


def browser(app: App[None]) -> BrowserScreen:
    screen = app.screen
    assert isinstance(screen, BrowserScreen)
    return screen


def listed(app: App[None]) -> list[str]:
    return [f"{hit.deck_id}/{hit.card_id}" for hit in browser(app).hits]


def text_of(app: App[None], selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def search(pilot: Any, text: str) -> None:
    app = pilot.app
    box = browser(app).search_box
    box.focus()
    box.value = ""
    await pilot.press(*text, "enter")
    await pilot.pause()


async def test_everything_active_is_listed_in_deck_then_file_order(store: Store) -> None:
    app = browser_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert listed(app) == [
            "basics/why-you",
            "basics/outage",
            "basics/platform",
            "basics/late",
            "extra/extra-one",
        ]
        assert text_of(app, "#browser-status") == "5 cards"
        assert app.focused is browser(app).search_box


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("outage", ["basics/outage", "extra/extra-one"]),
        ("RESULT", ["basics/why-you"]),
        ("tag:tech", ["basics/outage", "basics/platform"]),
        ("kind:scenario", ["basics/outage", "basics/late"]),
        ("is:suspended", ["basics/late"]),
        ("is:buried", ["basics/platform"]),
        ("is:review", ["basics/why-you"]),
        ("is:new deck:basics", ["basics/outage"]),
        ("kind:need tag:behavioral", ["basics/platform"]),
    ],
)
async def test_search_by_text_tag_kind_and_state(
    store: Store, query: str, expected: list[str]
) -> None:
    app = browser_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await search(pilot, query)
        assert listed(app) == expected
        # Enter moves to the results, where the keys act on the first card.
        assert app.focused is browser(app).results
        selected = browser(app).selected
        assert selected is not None
        assert selected.card_id == expected[0].split("/")[1]


async def test_typing_searches_after_a_pause(store: Store) -> None:
    app = browser_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press(*"train")
        await pilot.pause(0.5)
        assert listed(app) == ["basics/late"]
        assert app.focused is browser(app).search_box


async def test_a_bad_filter_is_reported_and_clears_the_old_results(store: Store) -> None:
    app = browser_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await search(pilot, "kind:story")
        status = app.screen.query_one("#browser-status", Static)
        assert status.has_class("-error")
        assert str(status.render()).startswith("kind:story: no such kind")
        # The cards of the search before are not what this one asks for: none are listed,
        # and no key acts on a card left over from them.
        assert listed(app) == []
        assert browser(app).results.row_count == 0
        assert browser(app).selected is None
        assert text_of(app, "#detail-head") == "Fix the search to list cards."
        assert app.focused is browser(app).search_box


async def test_the_error_line_goes_once_the_search_is_fixed(store: Store) -> None:
    app = browser_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press(*"kind:sto")
        await pilot.pause(0.5)
        status = app.screen.query_one("#browser-status", Static)
        assert status.has_class("-error")
        await pilot.press("backspace", "backspace", "backspace", *"scenario")
        await pilot.pause(0.5)
        assert not status.has_class("-error")
        assert str(status.render()) == "2 cards"
        assert listed(app) == ["basics/outage", "basics/late"]
        assert text_of(app, "#detail-head") == "Basics (basics) / outage · scenario"


async def test_nothing_found_says_so(store: Store) -> None:
    app = browser_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await search(pilot, "zebra")
        assert listed(app) == []
        assert text_of(app, "#detail-head") == "No card matches."
        assert browser(app).selected is None


async def test_the_detail_shows_text_history_interval_and_recall(store: Store) -> None:
    app = browser_app(store, query="is:review")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert listed(app) == ["basics/why-you"]
        schedule = text_of(app, "#detail-schedule")
        recall = SCHEDULER.retrievability(REVIEWED, NOW)
        assert schedule.startswith("Review: due in 3d (2026-11-28 10:00) · interval 5d")
        assert f"recall now {recall:.0%}" in schedule
        assert recall < 1.0
        assert schedule.endswith("1 review, 0 lapses")
        history = text_of(app, "#detail-history")
        assert history == "2026-11-23 10:00  Good   drill      48s  points 1/2"
        assert text_of(app, "#detail-head") == "Basics (basics) / why-you · question"
        assert text_of(app, "#detail-tags") == "behavioral"


async def test_card_text_is_shown_literally_never_as_markup(store: Store) -> None:
    app = browser_app(store, query="is:review")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert text_of(app, "#detail-prompt") == MARKUP_PROMPT
        assert text_of(app, "#detail-answer") == "Results [red]tied[/red] to their need."
        assert text_of(app, "#detail-points") == "- A result\n- Their [i]need[/i]"
        table: DataTable[Any] = browser(app).results
        cell = table.get_cell_at(table.cursor_coordinate._replace(column=4))
        # A plain str cell would be read as markup by the table; rich Text never is.
        assert isinstance(cell, Text)
        assert cell.plain.startswith("Why [bold]you[/bold]?")
        # The [@click=app.quit] in the prompt did nothing: the app still runs.
        assert app.is_running


async def test_a_new_card_says_it_was_never_reviewed(store: Store) -> None:
    app = browser_app(store, query="outage deck:basics")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert text_of(app, "#detail-schedule") == "New: never reviewed · 0 reviews, 0 lapses"
        assert text_of(app, "#detail-history") == "Not reviewed yet."


async def test_unsuspend_and_suspend_reach_the_database(store: Store) -> None:
    app = browser_app(store, query="is:suspended")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert listed(app) == ["basics/late"]
        await pilot.press("s")
        await pilot.pause()
        assert not store.cards.get("basics", "late").suspended
        # The list follows the search: the card is no longer suspended.
        assert listed(app) == []
        await search(pilot, "train")
        await pilot.press("s")
        await pilot.pause()
        assert store.cards.get("basics", "late").suspended


async def test_unbury_and_bury_reach_the_database(store: Store) -> None:
    app = browser_app(store, query="is:buried")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("b")
        await pilot.pause()
        assert store.cards.get("basics", "platform").buried_until is None
        await search(pilot, "outage deck:basics")
        await pilot.press("b")
        await pilot.pause()
        assert store.cards.get("basics", "outage").buried_until == TODAY + timedelta(days=1)
        assert listed(app) == ["basics/outage"]
        assert browser(app).hits[0].status.value == "buried"


async def test_reset_asks_first_and_then_reaches_the_database(store: Store) -> None:
    app = browser_app(store, query="is:review")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert store.cards.get("basics", "why-you").schedule == REVIEWED
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        card = store.cards.get("basics", "why-you")
        assert card.schedule is None
        assert card.reps == 0
        # The review log keeps the review: only the schedule starts over.
        assert len(store.reviews.of_card("basics", "why-you")) == 1
        assert isinstance(app.screen, BrowserScreen)


async def test_reset_is_offered_only_for_reviewed_cards(store: Store) -> None:
    app = browser_app(store, query="outage deck:basics")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, BrowserScreen)


async def test_drill_this_card_calls_back_with_its_ids(store: Store) -> None:
    asked: list[tuple[str, str]] = []
    app = browser_app(store, on_drill=lambda deck, card: asked.append((deck, card)))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await search(pilot, "story")
        await pilot.press("d")
        await pilot.pause()
        assert asked == [("extra", "extra-one")]
        # A suspended card would be skipped by the drill: the user is told instead.
        await search(pilot, "is:suspended")
        await pilot.press("d")
        await pilot.pause()
        assert asked == [("extra", "extra-one")]


async def test_without_a_callback_there_is_no_drill_key(store: Store) -> None:
    app = browser_app(store, query="story")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = browser(app)
        assert screen.check_action("drill", ()) is False
        assert screen.check_action("suspend", ()) is True


async def test_letters_typed_in_the_search_box_are_text(store: Store) -> None:
    app = browser_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("s", "b", "r", "q")
        await pilot.pause()
        assert browser(app).search_box.value == "sbrq"
        assert not store.cards.get("basics", "why-you").suspended
        assert isinstance(app.screen, BrowserScreen)


async def test_q_and_escape_go_back(store: Store) -> None:
    app = browser_app(store, query="outage")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
        assert not isinstance(app.screen, BrowserScreen)
        assert app.dismissed == [None]
    app = browser_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.focused, Input)
        await pilot.press("escape")
        await pilot.pause()
        assert app.dismissed == [None]


async def test_own_version_opens_the_form_with_the_card_text(store: Store) -> None:
    app = browser_app(store, query="train")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("w")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, AddCardScreen)
        assert form.current_draft().prompt == "The train is late."
        assert form.current_draft().kind is Kind.SCENARIO
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, BrowserScreen)
        [mine] = store.decks.cards("my-cards")
        assert mine.card.prompt == "The train is late."


async def test_help_lists_the_browser_keys(store: Store) -> None:
    app = browser_app(store, query="outage")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        titles = [str(widget.render()) for widget in app.screen.query(".help-title")]
        assert titles[:3] == ["Search", "Selected card", "Card browser"]
        assert titles[-1] == "Search words and filters"
        rows = [
            (
                str(row.query_one(".help-key", Static).render()),
                str(row.query_one(".help-text", Static).render()),
            )
            for row in app.screen.query(".help-row")
        ]
        texts = {text: key for key, text in rows}
        # Suspend and unsuspend share one row (and one keymap id).
        assert texts["Suspend the card (out of every queue), or unsuspend it"].startswith("s")
        assert texts["Bury the card until tomorrow, or unbury it"].startswith("b")
        assert ("r", "Make the card new again (asks first; reviews stay in the log)") in rows
        assert ("is:due", "cards due now") in rows
        assert any(key == "is:leech" for key, _ in rows)


def lapse(store: Store, times: int, *, draft: str | None = None) -> None:
    """Forget the reviewed card ``times`` times; it stays in review state."""
    for index in range(times):
        store.reviews.record(
            "basics",
            "why-you",
            rating=Rating.AGAIN,
            reviewed_at=NOW - timedelta(days=1, hours=-index),
            day=TODAY - timedelta(days=1),
            outcome=lambda *_: REVIEWED,
            draft=draft,
        )


async def test_a_leech_is_marked_in_the_list_and_the_detail_and_found_by_is_leech(
    store: Store,
) -> None:
    lapse(store, 4)
    app = browser_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        table: DataTable[Any] = browser(app).results
        prompts = [table.get_row_at(row)[4].plain for row in range(table.row_count)]
        assert prompts[0].startswith("leech Why [bold]you[/bold]?")
        assert not any(prompt.startswith("leech") for prompt in prompts[1:])
        assert text_of(app, "#detail-schedule").endswith("5 reviews, 4 lapses · a leech")
        await search(pilot, "is:leech")
        assert listed(app) == ["basics/why-you"]


async def test_three_lapses_are_not_yet_a_leech(store: Store) -> None:
    lapse(store, 3)
    app = browser_app(store, query="is:review")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert text_of(app, "#detail-schedule").endswith("4 reviews, 3 lapses")
        table: DataTable[Any] = browser(app).results
        assert not table.get_row_at(0)[4].plain.startswith("leech")
        await search(pilot, "is:leech")
        assert listed(app) == []


async def test_a_personal_card_without_an_answer_says_so(store: Store) -> None:
    from prepdeck.library.personal import CardDraft, add_personal_card

    add_personal_card(store, FixedClock(NOW), CardDraft(prompt="What is my pitch?"))
    app = browser_app(store, query="deck:my-cards")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert text_of(app, "#detail-prompt") == "What is my pitch?"
        assert text_of(app, "#detail-answer") == "(no answer yet)"


async def test_the_history_shows_each_review_with_its_draft(store: Store) -> None:
    lapse(store, 1, draft="I led the [b]migration[/b]\nand it went well\n")
    app = browser_app(store, query="is:review")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert text_of(app, "#detail-history").splitlines() == [
            "2026-11-24 10:00  Again  drill",
            "    draft: I led the [b]migration[/b]",
            "           and it went well",
            "2026-11-23 10:00  Good   drill      48s  points 1/2",
        ]
