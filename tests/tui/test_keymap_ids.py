"""Every key of the app can be rebound by its id, and the keymap check knows them all."""

from __future__ import annotations

import importlib
import pkgutil

from textual.dom import DOMNode

import prepdeck.tui
from prepdeck.tui.app import PrepdeckApp, known_binding_ids
from prepdeck.tui.keys import binding_ids
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
