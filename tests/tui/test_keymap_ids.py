"""Every key of the app can be rebound by its id, and the keymap check knows them all."""

from __future__ import annotations

import importlib
import pkgutil

import pytest
from textual.binding import Binding
from textual.dom import DOMNode
from textual.keys import _normalize_key_list
from textual.screen import ModalScreen, Screen

import prepdeck.tui
from prepdeck.domain.keymap import KNOWN_ACTIONS, SCREEN_KEYS, key_name, split_keys
from prepdeck.tui.app import PrepdeckApp
from prepdeck.tui.keys import Keyed, KeyedBindings, binding_ids, bindings_of, screen_bindings
from tests.tui.homes import SIZE, home_app, open_test_home


def _every_bindings_owner() -> list[type[DOMNode]]:
    owners: list[type[DOMNode]] = [PrepdeckApp]
    for module_info in pkgutil.walk_packages(prepdeck.tui.__path__, "prepdeck.tui."):
        module = importlib.import_module(module_info.name)
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, DOMNode)
                and value.__module__ == module.__name__
                and "BINDINGS" in vars(value)
                and value not in owners
            ):
                owners.append(value)
    return owners


def _every_binding_id() -> set[str]:
    return set().union(*(binding_ids(owner.BINDINGS) for owner in _every_bindings_owner()))


def test_the_keymap_check_knows_the_id_of_every_key_of_every_screen() -> None:
    defined = _every_binding_id()
    assert len(defined) > 20  # the walk found the screens
    assert defined - KNOWN_ACTIONS == set()


async def test_a_keymap_of_ids_from_every_screen_starts_without_a_warning() -> None:
    every_id = sorted(_every_binding_id())
    # Each id bound to a key of its own, so the keymap stays unambiguous.
    keys = [
        f"{modifier}f{number}"
        for modifier in ("", "ctrl+", "shift+", "alt+", "ctrl+shift+")
        for number in range(1, 25)
    ]
    assert len(every_id) <= len(keys)
    entries = "\n".join(
        f'{binding_id} = "{key}"' for binding_id, key in zip(every_id, keys, strict=False)
    )
    home = open_test_home(f"[keymap]\n{entries}\n")
    with home:
        app = home_app(home)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            warnings = [n.message for n in app._notifications if "keymap" in n.message]
            assert warnings == []


def _owners_by_screen() -> dict[str, list[type[DOMNode]]]:
    """The classes with keys of their own, by the screen of the table their keys come from;
    the app, whose keys come from a table of their own, apart."""
    owners: dict[str, list[type[DOMNode]]] = {}
    for owner in _every_bindings_owner():
        bindings = owner.BINDINGS
        if not binding_ids(bindings):
            continue
        # Any binding a keymap entry can name takes its keys from the table.
        assert isinstance(bindings, KeyedBindings), owner
        if bindings.screen is None:
            assert owner is PrepdeckApp
        else:
            owners.setdefault(bindings.screen, []).append(owner)
    return owners


def _is_modal(screen: str, owners: list[type[DOMNode]]) -> bool:
    screens = [owner for owner in owners if issubclass(owner, Screen)]
    assert len(screens) == 1, f"{screen}: one screen class takes its keys from its table"
    return issubclass(screens[0], ModalScreen)


def test_every_screen_binds_the_default_keys_of_its_table_and_no_others() -> None:
    by_screen = _owners_by_screen()
    assert isinstance(PrepdeckApp.BINDINGS, KeyedBindings) and PrepdeckApp.BINDINGS.screen is None
    # Every screen the keymap check names has classes taking their keys from its table.
    assert set(by_screen) == set(SCREEN_KEYS)
    for screen, owners in by_screen.items():
        bindings = [b for owner in owners for b in bindings_of(owner.BINDINGS)]
        if not _is_modal(screen, owners):
            # The app's keys reach every screen but a modal one.
            bindings += bindings_of(PrepdeckApp.BINDINGS)
        keys: dict[str, list[str]] = {}
        for binding in bindings:
            if binding.id:
                keys.setdefault(binding.id, []).extend(split_keys(binding.key))
        defined = {action: tuple(dict.fromkeys(found)) for action, found in keys.items()}
        # Each id of the table is bound, with all of its keys, and nothing else is.
        assert defined == {
            action: split_keys(default) for action, default in SCREEN_KEYS[screen].items()
        }, screen


def test_a_binding_for_each_key_shows_only_the_first_in_the_footer() -> None:
    bindings = bindings_of(
        screen_bindings("drill", Keyed("back", "end", "End", show="first", tooltip="End it"))
    )
    assert [(b.key, b.show, b.id, b.tooltip) for b in bindings] == [
        ("q", True, "back", "End it"),
        ("escape", False, "back", "End it"),
    ]
    hidden = bindings_of(screen_bindings("drill", Keyed("back", "end", "End", show=False)))
    assert [(b.key, b.show) for b in hidden] == [("q,escape", False)]


def test_a_binding_takes_its_keys_from_the_table_only() -> None:
    with pytest.raises(KeyError):
        screen_bindings("drill", Keyed("no-such-action", "end", "End"))
    with pytest.raises(AssertionError):
        screen_bindings("drill", Binding("x", "end", "End", id="back"))
    # Keys no keymap entry names (no id) are the screen's own business.
    loose = Binding("pageup", "page_up", "Page up")
    assert screen_bindings("drill", loose) == [loose]


def test_keys_are_named_as_textual_names_them() -> None:
    # Not a comma: it separates the keys of an entry.
    typed = "? ! / + . - _ @ \\ a L 1 space ctrl+s"
    for key in typed.split():
        assert key_name(key) == _normalize_key_list(key)
