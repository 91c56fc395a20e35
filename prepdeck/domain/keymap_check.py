"""The check of a ``[keymap]`` against the table of ``keymap`` (see there for its rules,
and where these names are imported from)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

from prepdeck.domain.keymap import (
    KNOWN_ACTIONS,
    POINT_ACTIONS,
    POINT_KEYS,
    SCREEN_KEYS,
    SPARE_POINT_KEYS,
    split_keys,
)


class ResolvedKeymap(NamedTuple):
    keymap: dict[str, str]
    """Action id to keys, what the app applies: the accepted entries, and the point keys
    wherever they move off their defaults."""
    problems: tuple[str, ...]
    """One line per entry refused, naming the file and the entry; none of them fatal."""


def resolve_keymap(entries: Mapping[str, str], file_name: str = "config.toml") -> ResolvedKeymap:
    """Check ``entries`` (the ``[keymap]`` table) and say what the app should apply."""
    problems: list[str] = []
    accepted: dict[str, tuple[str, ...]] = {}
    for action, keys in entries.items():
        if action in KNOWN_ACTIONS:
            accepted[action] = split_keys(keys)
            continue
        import difflib  # only for the hint on a mistyped action

        close = difflib.get_close_matches(action, sorted(KNOWN_ACTIONS), n=1)
        hint = f"; did you mean {close[0]}?" if close else ""
        problems.append(f"{file_name}: keymap: {action}: unknown action, ignored{hint}")
    order = list(accepted)
    while refused := _clashing_entries(accepted, order):
        # In file order, as the user reads the file.
        for action, key, other, screen in sorted(refused, key=lambda r: order.index(r[0])):
            del accepted[action]
            written = entries[action]
            default = _default_keys(action, screen)
            problems.append(
                f'{file_name}: keymap: {action} = "{written}": {key} already does {other} '
                f"on the {screen}; {action} keeps {default}"
            )
    keymap = {action: ",".join(keys) for action, keys in accepted.items()}
    for point, point_keys in screen_keys(accepted)["drill"].items():
        if point not in POINT_ACTIONS or point in accepted:
            continue
        if not point_keys:
            problems.append(
                f"{file_name}: keymap: no key left for {point}: too many of "
                f"{' '.join(POINT_KEYS + SPARE_POINT_KEYS)} do other things in the drill"
            )
        elif point_keys != (SCREEN_KEYS["drill"][point],):
            # Every point off its default key is named, so the app rebinds them all.
            keymap[point] = ",".join(point_keys)
    problems += _keep_shared_keys(keymap, file_name)
    return ResolvedKeymap(keymap, tuple(problems))


def _keep_shared_keys(keymap: dict[str, str], file_name: str) -> list[str]:
    """Name in ``keymap`` every action sharing a default key with a rebound one.

    Textual drops a rebound action's old keys for every binding holding them: rebinding
    ``back`` alone would take ``escape`` from ``leave-draft`` too. Named, it keeps it.
    A keymap entry applies on every screen, so an action is named only when its keys are
    the same on every screen that has it; otherwise naming it would change its keys on
    the other screens (``escape`` would quit from the home), so it loses the key there
    and the returned line says so, and how to give it back.
    """
    problems: list[str] = []
    for screen, defaults in SCREEN_KEYS.items():
        moved_by = {
            key: action
            for action in keymap
            if action in defaults
            for key in split_keys(defaults[action])
        }
        for action, keys in defaults.items():
            own = split_keys(keys)
            lost = [key for key in own if key in moved_by]
            if action in keymap or not lost:
                continue
            if all(
                split_keys(other[action]) == own
                for other in SCREEN_KEYS.values()
                if action in other
            ):
                keymap[action] = ",".join(own)
                continue
            takers = sorted({moved_by[key] for key in lost})
            problems.append(
                f"{file_name}: keymap: {action} no longer answers to {', '.join(lost)} on the "
                f"{screen}, since {' and '.join(takers)} moved off it; write "
                f'{action} = "{",".join(own)}" to give it back (on every screen)'
            )
    return problems


def screen_keys(accepted: Mapping[str, tuple[str, ...]]) -> dict[str, dict[str, tuple[str, ...]]]:
    """Screen to action to the keys it answers to with the ``accepted`` entries applied."""
    screens: dict[str, dict[str, tuple[str, ...]]] = {}
    for screen, defaults in SCREEN_KEYS.items():
        screens[screen] = {
            action: accepted[action] if action in accepted else split_keys(keys)
            for action, keys in defaults.items()
        }
    drill = screens["drill"]
    taken = {
        key
        for action, keys in drill.items()
        if action not in POINT_ACTIONS or action in accepted
        for key in keys
    }
    pool = iter(key for key in (*POINT_KEYS, *SPARE_POINT_KEYS) if key not in taken)
    for action in POINT_ACTIONS:
        if action not in accepted:
            drill[action] = tuple(key for key in (next(pool, None),) if key is not None)
    return screens


def _default_keys(action: str, screen: str) -> str:
    keys = split_keys(SCREEN_KEYS[screen][action])
    return "its default key " + keys[0] if len(keys) == 1 else "its default keys " + ", ".join(keys)


def _clashing_entries(
    accepted: Mapping[str, tuple[str, ...]], order: list[str]
) -> list[tuple[str, str, str, str]]:
    """(entry, key, other action, screen) for each accepted entry to refuse: its key does
    something else on a screen where the default keys did not already share it."""
    refused: dict[str, tuple[str, str, str, str]] = {}
    for screen, actions in screen_keys(accepted).items():
        holders: dict[str, list[str]] = {}
        for action, keys in actions.items():
            for key in keys:
                holders.setdefault(key, []).append(action)
        defaults = SCREEN_KEYS[screen]
        for key, sharing in holders.items():
            if len(sharing) < 2 or all(key in split_keys(defaults[a]) for a in sharing):
                # Keys two actions share by design (escape leaves the draft box, or ends
                # the drill when the draft is not being typed in).
                continue
            by_entry = [a for a in sharing if a in accepted and key in accepted[a]]
            if len(by_entry) == len(sharing):
                by_entry.sort(key=order.index)
                keeps = by_entry.pop(0)
            else:
                keeps = next(a for a in sharing if a not in by_entry)
            for action in by_entry:
                refused.setdefault(action, (action, key, keeps, screen))
    return list(refused.values())
