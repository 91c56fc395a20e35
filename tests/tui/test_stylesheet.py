"""The app keeps its styles in one stylesheet, as the drill issue asks."""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

from textual.screen import Screen

import prepdeck.tui
from prepdeck.tui.app import PrepdeckApp

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
