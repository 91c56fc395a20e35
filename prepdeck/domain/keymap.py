"""The ``[keymap]`` of config.toml checked against the keys of every screen.

Free of the UI library, so every command can report keymap problems: the default key of
each action lives here, screen by screen, and nowhere else (the TUI's screens and widgets
take the keys of their bindings from this table, by id). An entry prepdeck cannot follow
is refused and reported, never applied half:

- an unknown action is ignored;
- a key that would do two things on one screen is refused, and the action keeps its
  default keys (two entries on the same key: the first one in the file wins);
- the keys that tick key points in the drill are handed out in order from a pool,
  skipping every key another drill action uses, so a point is never labelled with a key
  that does something else.

The check itself is in ``keymap_check``, imported when one of its names is first asked for
from here: the app's start reads this table, and checks a keymap only when the config has
one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from prepdeck.domain.keymap_check import ResolvedKeymap as ResolvedKeymap
    from prepdeck.domain.keymap_check import resolve_keymap as resolve_keymap
    from prepdeck.domain.keymap_check import screen_keys as screen_keys

POINT_COUNT = 16
POINT_ACTIONS = tuple(f"point-{number}" for number in range(1, POINT_COUNT + 1))
POINT_KEYS = ("a", "s", "f", "g", "h", "j", "k", "l", "w", "e", "t", "y", "i", "o", "p", "z")
"""The default keys of the points, in order: home row first, skipping the drill's letters."""
SPARE_POINT_KEYS = ("x", "c", "v")
"""Taken by points, in order, when other drill actions are bound to some of ``POINT_KEYS``."""

APP_KEYS = {"help": "question_mark"}
"""The app's own keys: active on every screen but a modal one (a form, a question)."""
_ROWS = {"row-up": "up,k", "row-down": "down,j", "row-first": "home", "row-last": "end"}

SCREEN_KEYS: dict[str, dict[str, str]] = {
    "home screen": {
        "drill-deck": "enter,d",
        "drill-all": "a",
        "pause": "p",
        "limits": "l",
        "catch-up": "c",
        "leeches": "L",
        "interviews": "i",
        "stats": "s",
        "stories": "m",
        "follow-up-dismiss": "f",
        "day-of": "o",
        "get-decks": "g",
        "browse": "slash",
        "add-card": "plus",
        "settings": "comma",
        "theme": "t",
        "back": "q",
        **_ROWS,
        **APP_KEYS,
    },
    "drill": {
        "reveal": "space",
        "again": "1",
        "hard": "2",
        "good": "3",
        "easy": "4",
        "accept": "enter",
        "draft": "d",
        "leave-draft": "escape",
        "undo": "u",
        "skip": "n",
        "bury": "b",
        "suspend": "exclamation_mark",
        "my-answer": "m",
        "record": "r",
        "back": "q,escape",
        **dict(zip(POINT_ACTIONS, POINT_KEYS, strict=True)),
        **APP_KEYS,
    },
    "cram": {"reschedule": "R", **APP_KEYS},
    "summary": {"undo": "u", "back": "q,escape", "summary-close": "enter", **APP_KEYS},
    "card browser": {
        "search": "slash",
        "results": "down",
        "suspend": "s",
        "bury": "b",
        "reset-card": "r",
        "drill-card": "d",
        "own-version": "w",
        "add-card": "a",
        "back": "q,escape",
        **APP_KEYS,
    },
    "reset question": {"confirm-yes": "y", "confirm-no": "n,escape"},
    "add-card form": {"save": "ctrl+s", "cancel": "escape"},
    "catch-up screen": {"catch-up-drill": "enter", "back": "q,escape", **APP_KEYS},
    "leeches screen": {
        "leech-suspend": "s,exclamation_mark",
        "leech-rewrite": "w",
        "back": "q,escape",
        **_ROWS,
        **APP_KEYS,
    },
    "interviews screen": {
        "interview-add": "a",
        "interview-need": "n",
        "interview-cram": "c",
        "day-of": "o",
        "interview-remove": "r",
        "interview-debrief": "d",
        "interview-coverage": "s",
        "back": "q,escape",
        **_ROWS,
        **APP_KEYS,
    },
    "stats screen": {
        "stats-drill-card": "enter,d",
        "stats-refresh": "r",
        "back": "q,escape",
        **_ROWS,
        **APP_KEYS,
    },
    "coverage screen": {"coverage-scope": "s", "back": "q,escape", **_ROWS, **APP_KEYS},
    "get decks": {
        "deck-search": "slash",
        "deck-install": "enter,i",
        "deck-update-all": "u",
        "deck-refresh": "r",
        "source-add": "a",
        "back": "q,escape",
        **_ROWS,
        **APP_KEYS,
    },
    "source form": {"save": "ctrl+s", "cancel": "escape"},
    "interview form": {"save": "ctrl+s", "cancel": "escape"},
    "need form": {"save": "ctrl+s", "cancel": "escape"},
    "deck limits form": {"limits-save": "ctrl+s", "limits-cancel": "escape"},
    "settings screen": {"save": "ctrl+s", "cancel": "escape"},
    "key list": {"help-close": "escape,q,question_mark"},
    "start-up error screen": {"back": "q,escape", **APP_KEYS},
    "debrief form": {"save": "ctrl+s", "cancel": "escape"},
    "day of": {"checklist-tick": "space,enter", "back": "q,escape", **_ROWS, **APP_KEYS},
    "answer form": {"save": "ctrl+s", "cancel": "escape"},
    "stories screen": {
        "story-add": "a",
        "story-edit": "e",
        "story-link": "l",
        "suggestion-link": "enter",
        "story-unlink": "u",
        "story-drill": "d",
        "story-coverage": "c",
        "story-remove": "r",
        "back": "q,escape",
        **_ROWS,
        **APP_KEYS,
    },
    "story form": {"save": "ctrl+s", "cancel": "escape"},
}
"""Screen name (as reports name it) to action id to its default keys, as Textual names
them. Every key active on a screen is listed under it: its own, its widgets', the app's."""

KNOWN_ACTIONS = frozenset(action for keys in SCREEN_KEYS.values() for action in keys)

_KEY_NAME_REPLACEMENTS = {
    "solidus": "slash",
    "reverse_solidus": "backslash",
    "commercial_at": "at",
    "hyphen_minus": "minus",
    "plus_sign": "plus",
    "low_line": "underscore",
}


def key_name(key: str) -> str:
    """``key`` as Textual names it: a single symbol by its long name (``?`` is
    ``question_mark``), anything else as written."""
    key = key.strip()
    if len(key) != 1 or key.isalnum():
        return key
    import unicodedata

    try:
        name = unicodedata.name(key).lower().replace("-", "_").replace(" ", "_")
    except ValueError:
        return "tab" if key == "\t" else key
    return _KEY_NAME_REPLACEMENTS.get(name, name)


def split_keys(keys: str) -> tuple[str, ...]:
    """The keys of a keymap value (``"space,v"``), each as Textual names it."""
    return tuple(dict.fromkeys(key_name(key) for key in keys.split(",") if key.strip()))


_CHECK = frozenset({"ResolvedKeymap", "resolve_keymap", "screen_keys"})


def __getattr__(name: str) -> object:
    if name in _CHECK:
        from prepdeck.domain import keymap_check

        return getattr(keymap_check, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
