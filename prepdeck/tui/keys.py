"""The bindings of screens and widgets, their keys taken from the keymap check's table, and
the keys a screen shows next to its controls after the user's keymap has rebound them.

The default key of every rebindable action is written once, in
``prepdeck.domain.keymap.SCREEN_KEYS``; a screen or widget names its actions by id and
says what they do (``Keyed``), and ``screen_bindings`` gives each the keys of its id.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Literal, NamedTuple

from textual.app import App
from textual.binding import Binding, BindingType

from prepdeck.domain.keymap import APP_KEYS, SCREEN_KEYS, split_keys

Keymap = Mapping[str, str]
"""Binding id to key string, as written in ``keymap`` in config.toml."""


class Keyed(NamedTuple):
    """A binding whose keys are those of its id in the keymap check's table."""

    id: str
    action: str
    description: str
    show: bool | Literal["first"] = True
    """``"first"``: a binding per key, only the first shown in the footer (one entry
    there for several keys, each rebound with the id all the same)."""
    tooltip: str = ""
    priority: bool = False


class KeyedBindings(list[BindingType]):
    """A ``BINDINGS`` list built from the table of one screen (``screen`` None: the app's
    own keys, active on every screen but a modal one)."""

    def __init__(self, screen: str | None, bindings: Iterable[BindingType]) -> None:
        super().__init__(bindings)
        self.screen = screen


def screen_bindings(screen: str, *bindings: Keyed | Binding) -> KeyedBindings:
    """``bindings`` with the keys ``SCREEN_KEYS[screen]`` gives their ids; a ``Binding``
    (one no keymap entry can name: no id) is taken as it is."""
    return KeyedBindings(screen, _with_keys(SCREEN_KEYS[screen], bindings))


def app_bindings(*bindings: Keyed) -> KeyedBindings:
    """The app's own bindings, with the keys ``APP_KEYS`` gives their ids."""
    return KeyedBindings(None, _with_keys(APP_KEYS, bindings))


def _with_keys(table: Mapping[str, str], specs: Iterable[Keyed | Binding]) -> list[Binding]:
    bindings: list[Binding] = []
    for spec in specs:
        if isinstance(spec, Binding):
            assert spec.id is None, f"{spec.id}: a binding with an id takes its keys from the table"
            bindings.append(spec)
            continue
        keys = split_keys(table[spec.id])
        if spec.show == "first":
            groups = [(keys[0], True), *((key, False) for key in keys[1:])]
        else:
            groups = [(",".join(keys), spec.show)]
        for key, show in groups:
            bindings.append(
                Binding(
                    key,
                    spec.action,
                    spec.description,
                    show=show,
                    priority=spec.priority,
                    tooltip=spec.tooltip,
                    id=spec.id,
                )
            )
    return bindings


def bindings_of(bindings: Iterable[BindingType]) -> list[Binding]:
    """``Binding`` objects of a ``BINDINGS`` list, one per binding (not per key)."""
    return [binding if isinstance(binding, Binding) else Binding(*binding) for binding in bindings]


def binding_with_id(bindings: Iterable[BindingType], binding_id: str) -> Binding:
    for binding in bindings_of(bindings):
        if binding.id == binding_id:
            return binding
    raise KeyError(binding_id)


def binding_ids(bindings: Iterable[BindingType]) -> set[str]:
    return {binding.id for binding in bindings_of(bindings) if binding.id}


def _keys_of(keys: str) -> list[str]:
    """The keys of a comma-separated key string, as written."""
    return [key.strip() for key in keys.split(",") if key.strip()]


def first_key(binding: Binding, keymap: Keymap) -> str:
    """The first key ``binding`` answers to, keymap applied, as Textual names it."""
    rebound = _keys_of(keymap.get(binding.id, "")) if binding.id else []
    return next(iter(rebound or _keys_of(binding.key)), binding.key)


def key_display(app: App[Any], binding: Binding, keymap: Keymap) -> str:
    """How the first key of ``binding`` is written on screen, keymap applied."""
    first = first_key(binding, keymap)
    display = None if binding.id and binding.id in keymap else binding.key_display
    return app.get_key_display(binding.with_key(first, key_display=display))


def keys_display(
    app: App[Any], bindings: Iterable[BindingType], binding_id: str, keymap: Keymap
) -> str:
    """Every key bound to ``binding_id``, as shown on screen, joined with commas."""
    keys = _keys_of(keymap.get(binding_id, "")) or [
        key
        for binding in bindings_of(bindings)
        if binding.id == binding_id
        for key in _keys_of(binding.key)
    ]
    probe = Binding("", "")
    # A key bound twice under one id (one binding per part of a screen) is listed once.
    return ", ".join(app.get_key_display(probe.with_key(key)) for key in dict.fromkeys(keys))


def keys_in_force(app: App[Any]) -> Keymap:
    """The keymap the app applies to every screen: the user's, as prepdeck checked it at
    start-up. A host without one (a test's bare app) applies none."""
    keymap = getattr(app, "keymap", None)
    return keymap if isinstance(keymap, Mapping) else {}
