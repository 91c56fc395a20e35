"""The user's own answer on a revealed card: written in the pane or in their editor, kept
in the database, and shown above the model answer whenever the card is revealed."""

from __future__ import annotations

import stat
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import Static, TextArea

from prepdeck.domain.cards import Card, Deck
from prepdeck.srs import SrsScheduler
from prepdeck.store import Store, connect
from prepdeck.study.session import Session
from prepdeck.tui.app import PrepdeckApp, make_app
from prepdeck.tui.dialogs.own_answer import OwnAnswerScreen
from prepdeck.tui.screens.drill import DrillScreen
from tests.tui.fakes import START, FakeTimer, fixed_clock

DECK = Deck(
    id="basics",
    title="Basics",
    cards=(
        Card(id="why-you", prompt="Why you?", answer="Results, tied to their need.", points=("A",)),
        Card(id="late", prompt="The train is late.", answer="Call ahead."),
        Card(id="platform", prompt="They scale.", answer="My pipeline."),
    ),
)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with connect(tmp_path / "prepdeck.db", backups_dir=tmp_path / "backups") as opened:
        opened.decks.install(DECK, source="file", content_hash="0" * 64, now=START)
        yield opened


@pytest.fixture(autouse=True)
def no_editor(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)


def real_app(store: Store) -> PrepdeckApp:
    clock = fixed_clock()

    def open_session() -> Session:
        return Session(store, SrsScheduler(enable_fuzzing=False), clock)

    return make_app(open_session, clock=clock, monotonic=FakeTimer())


def text_of(app: PrepdeckApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def own_part_shown(app: PrepdeckApp) -> bool:
    return bool(app.screen.query_one("#own-part").display)


def fake_editor(folder: Path, body: str) -> Path:
    """A script that stands in for the user's editor: ``body`` runs with the file's path."""
    script = folder / "editor.py"
    script.write_text(
        f"#!{sys.executable}\nimport sys\npath = sys.argv[1]\n{body}\n", encoding="utf-8"
    )
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return script


@pytest.mark.parametrize("size", [(60, 15), (100, 30), (200, 50)])
async def test_an_answer_written_on_a_revealed_card_shows_now_and_when_it_comes_back(
    store: Store, size: tuple[int, int]
) -> None:
    app = real_app(store)
    async with app.run_test(size=size) as pilot:
        await pilot.press("m")
        await pilot.pause()
        # Nothing to answer before the card is revealed.
        assert isinstance(app.screen, DrillScreen)
        await pilot.press("space")
        await pilot.pause()
        assert not own_part_shown(app)
        assert text_of(app, "#answer-title") == "Answer"
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, OwnAnswerScreen)
        assert app.focused is app.screen.query_one("#own-answer-text", TextArea)
        # However short the terminal, the pane's buttons stay on it.
        save = app.screen.query_one("#own-answer-save").region
        assert save.height and save.bottom <= size[1] and save.right <= size[0]
        await pilot.press(*"I ship results", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, DrillScreen)
        assert own_part_shown(app)
        assert text_of(app, "#own-answer") == "I ship results"
        assert text_of(app, "#answer-title") == "Model answer"
        assert store.answers.find("basics", "why-you") == "I ship results"
        # The next card has no answer of the user's: it reads as it always did.
        await pilot.press("n", "space")
        await pilot.pause()
        assert text_of(app, "#prompt") == "The train is late."
        assert not own_part_shown(app)
        assert text_of(app, "#answer-title") == "Answer"
        await pilot.press("n", "n", "space")
        await pilot.pause()
        assert text_of(app, "#prompt") == "Why you?"
        assert own_part_shown(app)
        assert text_of(app, "#own-answer") == "I ship results"


async def test_the_pane_opens_on_the_answer_kept_and_escape_keeps_it(store: Store) -> None:
    store.answers.save("basics", "why-you", "Kept before.", at=START)
    app = real_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("space")
        await pilot.pause()
        assert text_of(app, "#own-answer") == "Kept before."
        await pilot.press("m")
        await pilot.pause()
        area = app.screen.query_one("#own-answer-text", TextArea)
        assert area.text == "Kept before."
        await pilot.press(*" More.", "escape")
        await pilot.pause()
        assert isinstance(app.screen, DrillScreen)
    assert store.answers.find("basics", "why-you") == "Kept before."


async def test_emptying_the_answer_deletes_it(store: Store) -> None:
    store.answers.save("basics", "why-you", "Gone soon.", at=START)
    app = real_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("space", "m")
        await pilot.pause()
        app.screen.query_one("#own-answer-text", TextArea).text = ""
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not own_part_shown(app)
        assert text_of(app, "#answer-title") == "Answer"
    assert store.answers.find("basics", "why-you") is None


async def test_the_users_editor_writes_the_answer_when_one_is_set(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.answers.save("basics", "why-you", "Draft one.", at=START)
    editor = fake_editor(
        tmp_path,
        "text = open(path, encoding='utf-8').read()\n"
        "open(path, 'w', encoding='utf-8').write(text + '\\nFrom the editor.\\n')",
    )
    monkeypatch.setenv("EDITOR", str(editor))
    app = real_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("space", "m")
        await pilot.pause()
        assert isinstance(app.screen, DrillScreen)
        assert text_of(app, "#own-answer") == "Draft one.\nFrom the editor."
    assert store.answers.find("basics", "why-you") == "Draft one.\nFrom the editor."


@pytest.mark.parametrize(
    "body",
    [
        "open(path, 'w').write('Half written')\nsys.exit(1)",
        "pass",
    ],
    ids=["failed", "unchanged"],
)
async def test_an_editor_that_fails_or_changes_nothing_saves_nothing(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, body: str
) -> None:
    monkeypatch.setenv("VISUAL", str(fake_editor(tmp_path, body)))
    monkeypatch.setenv("EDITOR", "/no/such/editor")
    app = real_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("space", "m")
        await pilot.pause()
        assert not own_part_shown(app)
    assert store.answers.find("basics", "why-you") is None
