"""The keys a screen shows next to its controls, after the user's keymap has rebound them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from textual.app import App
from textual.binding import Binding, BindingType

Keymap = Mapping[str, str]
"""Binding id to key string, as written in ``keymap`` in config.toml."""


def bindings_of(bindings: Iterable[BindingType]) -> list[Binding]:
    """``Binding`` objects of a ``BINDINGS`` list, one per binding (not per key)."""
    result: list[Binding] = []
    for binding in bindings:
        result.append(binding if isinstance(binding, Binding) else Binding(*binding))
    return result


def binding_with_id(bindings: Iterable[BindingType], binding_id: str) -> Binding:
    for binding in bindings_of(bindings):
        if binding.id == binding_id:
            return binding
    raise KeyError(binding_id)


def first_key(binding: Binding, keymap: Keymap) -> str:
    """The first key ``binding`` answers to, keymap applied, as Textual names it."""
    keys = keymap.get(binding.id, "") if binding.id else ""
    if not keys.strip():
        keys = binding.key
    return next((key.strip() for key in keys.split(",") if key.strip()), binding.key)


def key_display(app: App[Any], binding: Binding, keymap: Keymap) -> str:
    """How the first key of ``binding`` is written on screen, keymap applied."""
    first = first_key(binding, keymap)
    display = None if binding.id and binding.id in keymap else binding.key_display
    return app.get_key_display(binding.with_key(first, key_display=display))


def binding_ids(bindings: Iterable[BindingType]) -> set[str]:
    return {binding.id for binding in bindings_of(bindings) if binding.id}


def keys_display(
    app: App[Any], bindings: Iterable[BindingType], binding_id: str, keymap: Keymap
) -> str:
    """Every key bound to ``binding_id``, as shown on screen, joined with commas."""
    if keymap.get(binding_id, "").strip():
        keys = [key.strip() for key in keymap[binding_id].split(",") if key.strip()]
    else:
        keys = [
            key.strip()
            for binding in bindings_of(bindings)
            if binding.id == binding_id
            for key in binding.key.split(",")
            if key.strip()
        ]
    probe = Binding("", "")
    # A key bound twice under one id (one binding per part of a screen) is listed once.
    return ", ".join(app.get_key_display(probe.with_key(key)) for key in dict.fromkeys(keys))


def keys_in_force(app: App[Any]) -> Keymap:
    """The keymap the app applies to every screen: the user's, as prepdeck checked it at
    start-up. A host without one (a test's bare app) applies none."""
    keymap = getattr(app, "keymap", None)
    return keymap if isinstance(keymap, Mapping) else {}
