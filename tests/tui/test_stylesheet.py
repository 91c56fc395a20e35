"""The app keeps its styles in one stylesheet, as the drill issue asks, and reads the
home's part of it before the first frame, the rest after."""

from __future__ import annotations

import importlib
import pkgutil
from datetime import timedelta
from pathlib import Path
from typing import cast

import pytest
from textual.css.model import RuleSet
from textual.css.stylesheet import Stylesheet
from textual.screen import Screen

import prepdeck.tui
from prepdeck.errors import StoreError
from prepdeck.paths import locations
from prepdeck.tui.app import HOME_LINES_READ, LATER_STYLES, PrepdeckApp, make_app
from prepdeck.tui.screens.home import HomeScreen
from prepdeck.tui.screens.message import MessageScreen
from tests.tui.fakes import START
from tests.tui.homes import SIZE, home_app, install_bundled, open_test_home

PACKAGE = Path(prepdeck.tui.__file__).parent


def _screen_classes() -> list[type[Screen[object]]]:
    for module in pkgutil.walk_packages([str(PACKAGE)], prefix="prepdeck.tui."):
        importlib.import_module(module.name)
    found: list[type[Screen[object]]] = []
    pending: list[type[Screen[object]]] = [Screen]
    while pending:
        for subclass in pending.pop().__subclasses__():
            pending.append(subclass)
            if subclass.__module__.startswith("prepdeck."):
                found.append(subclass)
    return found


def test_the_package_holds_one_stylesheet_and_the_app_reads_it() -> None:
    stylesheets = sorted(path.name for path in PACKAGE.rglob("*.tcss"))
    assert stylesheets == ["app.tcss"]
    assert PrepdeckApp.CSS_PATH == "app.tcss"


def test_no_screen_carries_styles_of_its_own() -> None:
    screens = _screen_classes()
    assert len(screens) >= 10  # the walk found the screens
    for screen in screens:
        own = vars(screen)
        assert own.get("CSS_PATH") is None, screen.__name__
        assert not own.get("CSS"), screen.__name__
        assert not own.get("DEFAULT_CSS"), screen.__name__


def _rules_read_later(app: PrepdeckApp) -> list[RuleSet]:
    text = (PACKAGE / "app.tcss").read_text(encoding="utf-8")
    first, marker, rest = text.partition(LATER_STYLES)
    assert marker and "HomeScreen" in first and "DrillScreen" in rest
    stylesheet = Stylesheet(variables=app.get_css_variables())
    stylesheet.add_source(marker + rest)
    return stylesheet.rules


async def test_no_rule_read_after_the_first_frame_matches_any_part_of_the_home() -> None:
    # The home's first frame is styled without them: one that matched would change it.
    home = open_test_home()
    install_bundled(home)
    home.interviews.add("Acme", START + timedelta(days=2))
    app = home_app(home)
    async with app.run_test(size=SIZE) as pilot:
        later = _rules_read_later(app)
        for size in (SIZE, (60, 15)):  # tall and short: the home's classes differ
            await pilot.resize_terminal(*size)
            await pilot.pause()
            nodes = list(app.screen.walk_children(with_self=True))
            # The screen and its eleven widgets, the figure row drawing its tiles itself.
            assert len(nodes) >= 12 and "-interview" in app.screen.classes
            for node in nodes:
                matching = [
                    rule.css
                    for rule in later
                    if any(Stylesheet._check_rule(rule, node.css_path_nodes))
                ]
                assert not matching, (node, matching)


async def test_a_screen_shown_before_the_first_frame_has_the_rest_of_the_stylesheet() -> None:
    app = make_app(startup_error=StoreError("database is locked"), where=locations())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, MessageScreen)
        # `#message` is styled below the line: 76 cells wide in a round border.
        message = app.screen.query_one("#message")
        assert message.region.width == 76
        assert message.styles.border_top[0] == "round"


def _home_line_rules_read(app: PrepdeckApp) -> bool:
    return any(label == HOME_LINES_READ for _path, label in app.stylesheet.source)


async def test_the_rules_of_the_lines_the_home_hides_are_read_when_it_first_shows_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Read as the home mounts, which is before its first frame is drawn: whether the
    # home had those rules for that frame.
    at_mount: list[bool] = []
    on_mount = HomeScreen.on_mount

    def record(screen: HomeScreen) -> None:
        at_mount.append(_home_line_rules_read(screen.prepdeck))
        on_mount(screen)

    monkeypatch.setattr(HomeScreen, "on_mount", record)
    home = open_test_home()
    install_bundled(home)
    async with home_app(home).run_test(size=SIZE) as pilot:
        await pilot.pause()
        # Nothing hidden to show: read just after the first frame, the lines hidden.
        assert at_mount == [False]
        assert _home_line_rules_read(cast("PrepdeckApp", pilot.app))
        assert not pilot.app.screen.query_one("#next-interview").display
    home.interviews.add("Acme", START + timedelta(days=2))
    async with home_app(home).run_test(size=(60, 15)) as pilot:
        await pilot.pause()
        # An interview to show: read before the first frame, which styles it by them.
        assert at_mount == [False, True]
        assert pilot.app.screen.query_one("#next-interview").display
        assert not pilot.app.screen.query_one("#home-hint").display
