"""Every key of the app can be rebound by its id, and the keymap check knows them all."""

from __future__ import annotations

import importlib
import pkgutil

from textual.dom import DOMNode
from textual.keys import _normalize_key_list

import prepdeck.tui
from prepdeck.domain.keymap import KNOWN_ACTIONS, SCREEN_KEYS, key_name, split_keys
from prepdeck.tui.app import PrepdeckApp, known_binding_ids
from prepdeck.tui.keys import binding_ids, bindings_of
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
            ):
                owners.append(value)
    return owners


def _every_binding_id() -> set[str]:
    return set().union(*(binding_ids(owner.BINDINGS) for owner in _every_bindings_owner()))


def test_the_keymap_check_knows_the_id_of_every_key_of_every_screen() -> None:
    defined = _every_binding_id()
    assert len(defined) > 20  # the walk found the screens
    assert defined - known_binding_ids() == set()


async def test_a_keymap_of_ids_from_every_screen_starts_without_a_warning() -> None:
    every_id = sorted(_every_binding_id())
    # Each id bound to a key of its own, so the keymap stays unambiguous.
    keys = [
        f"{modifier}f{number}" for modifier in ("", "ctrl+", "shift+") for number in range(1, 25)
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


SCREEN_OWNERS: dict[str, tuple[str, ...]] = {
    "home screen": (
        "prepdeck.tui.screens.home.HomeScreen",
        "prepdeck.tui.widgets.deck_table.DeckTable",
    ),
    "drill": ("prepdeck.tui.screens.drill.DrillScreen",),
    "summary": ("prepdeck.tui.screens.summary.SummaryScreen",),
    "card browser": ("prepdeck.tui.screens.browser.BrowserScreen",),
    "reset question": ("prepdeck.tui.dialogs.confirm.ConfirmScreen",),
    "add-card form": ("prepdeck.tui.dialogs.add_card.AddCardScreen",),
    "catch-up screen": ("prepdeck.tui.screens.catch_up.CatchUpScreen",),
    "leeches screen": (
        "prepdeck.tui.screens.leeches.LeechesScreen",
        "prepdeck.tui.widgets.row_table.RowTable",
    ),
    "deck limits form": ("prepdeck.tui.dialogs.limits.LimitsScreen",),
    "settings screen": ("prepdeck.tui.dialogs.settings.SettingsScreen",),
    "key list": ("prepdeck.tui.dialogs.help.HelpScreen",),
    "start-up error screen": ("prepdeck.tui.screens.message.MessageScreen",),
}
"""The classes whose keys are active on each screen the keymap check names."""
MODAL = {"reset question", "add-card form", "deck limits form", "settings screen", "key list"}


def _owner(path: str) -> type[DOMNode]:
    module, _, name = path.rpartition(".")
    owner: type[DOMNode] = getattr(importlib.import_module(module), name)
    assert issubclass(owner, DOMNode)
    return owner


def test_the_keymap_check_knows_the_default_keys_of_every_screen() -> None:
    assert set(SCREEN_OWNERS) == set(SCREEN_KEYS)
    for screen, owners in SCREEN_OWNERS.items():
        bindings = [b for path in owners for b in bindings_of(_owner(path).BINDINGS)]
        if screen not in MODAL:
            # The app's keys reach every screen but a modal one.
            bindings += bindings_of(PrepdeckApp.BINDINGS)
        keys: dict[str, list[str]] = {}
        for binding in bindings:
            if binding.id:
                keys.setdefault(binding.id, []).extend(split_keys(binding.key))
        defined = {action: tuple(dict.fromkeys(found)) for action, found in keys.items()}
        assert defined == {
            action: split_keys(default) for action, default in SCREEN_KEYS[screen].items()
        }, screen
    assert known_binding_ids() == KNOWN_ACTIONS


def test_keys_are_named_as_textual_names_them() -> None:
    # Not a comma: it separates the keys of an entry.
    typed = "? ! / + . - _ @ \\ a L 1 space ctrl+s"
    for key in typed.split():
        assert key_name(key) == _normalize_key_list(key)
