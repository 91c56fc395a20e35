"""The user guide names the keys as the screens show them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from prepdeck.tui.app import PrepdeckApp
from prepdeck.tui.widgets.footer import KeyFooter
from tests.tui.conftest import Build
from tests.tui.homes import SIZE, home_app, install_bundled, open_test_home

GUIDE = Path(__file__).resolve().parent.parent.parent / "docs" / "user-guide.md"


def guide_section(title: str) -> str:
    text = GUIDE.read_text(encoding="utf-8")
    start = text.index(f"\n{title}\n")
    end = text.find("\n#", start + len(title) + 2)
    return text[start:end]


def guide_footer_words(title: str) -> dict[str, str]:
    """Key to footer word of the key table under ``title``: the first key of each row and
    its `footer` column, where the row has one."""
    words: dict[str, str] = {}
    for line in guide_section(title).splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) < 3 or not cells[1] or cells[1] in ("footer", "---"):
            continue
        first_key = re.match(r"`([^`]+)`", cells[0])
        if first_key:
            words[first_key.group(1)] = cells[1]
    return words


def footer_entries(app: PrepdeckApp) -> dict[str, str]:
    footer = app.screen.query_one(KeyFooter)
    line = str(footer.render())
    entries: dict[str, str] = {}
    for entry in re.split(r"\s{2,}", line.strip()):
        key, _, word = entry.partition(" ")
        entries[key] = word
    return entries


# How the footer writes a key, and how the guide does.
_GUIDE_KEY = {"esc": "escape", "⏎": "enter"}


async def test_the_guide_names_each_drill_footer_key_with_the_footers_word(build: Build) -> None:
    app, _, _ = build()
    words = guide_footer_words("### Keys on the drill screen")
    async with app.run_test(size=SIZE) as pilot:
        shown = footer_entries(app)
        await pilot.press("d")
        await pilot.pause()
        shown |= footer_entries(app)
    assert shown, "the footer showed no key"
    for key, word in shown.items():
        assert words.get(_GUIDE_KEY.get(key, key)) == word, (key, word, words)


async def test_tab_moves_from_the_browsers_results_to_the_selected_card_as_the_guide_says() -> None:
    assert "`tab`" in guide_section("### Keys in the browser")
    home = open_test_home()
    with home:
        install_bundled(home)
        app = home_app(home)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("slash", "enter")
            await pilot.pause()
            assert app.focused is app.screen.query_one("#results")
            await pilot.press("tab")
            await pilot.pause()
            assert app.focused is app.screen.query_one("#detail")
            await pilot.press("shift+tab")
            await pilot.pause()
            assert app.focused is app.screen.query_one("#results")


async def test_the_guide_names_each_interviews_footer_key_with_the_footers_word() -> None:
    from datetime import timedelta

    words = guide_footer_words("### Keys on the interviews screen")
    home = open_test_home()
    with home:
        home.interviews.add("Acme", home.clock.now() + timedelta(days=2))
        app = home_app(home)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("i")
            await pilot.pause()
            shown = footer_entries(app)
            assert "`tab`" in guide_section("### Keys on the interviews screen")
            await pilot.press("tab")
            await pilot.pause()
            assert app.focused is app.screen.query_one("#interview-detail")
        await app.workers.wait_for_complete()
    assert set(shown) >= {"a", "n", "c", "r", "q", "?"}, shown
    for key, word in shown.items():
        if word.endswith("palette"):
            continue  # the palette's key, at the right, is named in the home's section
        assert words.get(_GUIDE_KEY.get(key, key)) == word, (key, word, words)


async def test_the_guide_names_each_stories_footer_key_with_the_footers_word() -> None:
    words = guide_footer_words("### Your stories")
    home = open_test_home()
    with home:
        install_bundled(home)
        story = home.stories.add(
            title="Calmed a conflict",
            situation="Two leads disagreed about the roadmap",
            action="I compared the cost of both plans",
            result="We shipped both",
        )
        home.stories.link(story.id, home.stories.suggest(story.id)[0].ref)
        app = home_app(home)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("m")
            await pilot.pause()
            shown = footer_entries(app)
    assert set(shown) >= {"a", "e", "l", "u", "d", "r", "q", "?"}, shown
    for key, word in shown.items():
        if word.endswith("palette"):
            continue  # the palette's key, at the right, is named in the home's section
        assert words.get(_GUIDE_KEY.get(key, key)) == word, (key, word, words)


async def test_the_guide_names_each_stats_footer_key_with_the_footers_word(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from prepdeck.tui.screens import stats
    from tests.tui.progress_fixture import hand_built_progress

    monkeypatch.setattr(stats, "load_progress", lambda services: hand_built_progress())
    words = guide_footer_words("### The stats screen")
    home = open_test_home()
    with home:
        app = home_app(home)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("s")
            await app.workers.wait_for_complete()
            await pilot.pause()
            shown = footer_entries(app)
    assert set(shown) >= {"⏎", "r", "q", "?"}, shown
    for key, word in shown.items():
        if word.endswith("palette"):
            continue  # the palette's key, at the right, is named in the home's section
        assert words.get(_GUIDE_KEY.get(key, key)) == word, (key, word, words)
