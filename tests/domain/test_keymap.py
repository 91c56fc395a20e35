"""The keymap check: every problem reported, and no key ever does two things on a screen."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from prepdeck.domain.keymap import (
    KNOWN_ACTIONS,
    POINT_ACTIONS,
    SCREEN_KEYS,
    resolve_keymap,
    screen_keys,
    split_keys,
)


def point_keys(keymap: dict[str, str]) -> list[str]:
    accepted = {action: split_keys(keys) for action, keys in keymap.items()}
    drill = screen_keys(accepted)["drill"]
    return [drill[action][0] for action in POINT_ACTIONS]


def test_no_keymap_means_the_default_keys_and_no_problem() -> None:
    resolved = resolve_keymap({})
    assert resolved == ({}, ())
    assert point_keys({})[:4] == ["a", "s", "f", "g"]


def test_a_point_key_taken_by_another_drill_action_moves_the_points_along() -> None:
    resolved = resolve_keymap({"good": "a"})
    assert resolved.problems == ()
    assert resolved.keymap["good"] == "a"
    keys = point_keys(resolved.keymap)
    assert "a" not in keys
    assert keys[:3] == ["s", "f", "g"]
    assert len(set(keys)) == len(keys) == 16


def test_a_key_of_another_screen_only_is_no_problem() -> None:
    # p pauses a deck on the home, but the drill's reveal is not on the home.
    resolved = resolve_keymap({"reveal": "p"})
    assert resolved.problems == ()
    assert "p" not in point_keys(resolved.keymap)


def test_every_unknown_action_is_reported_and_ignored() -> None:
    resolved = resolve_keymap({"revael": "v", "skip": "x", "nonsense": "y"})
    assert resolved.problems == (
        "config.toml: keymap: revael: unknown action, ignored; did you mean reveal?",
        "config.toml: keymap: nonsense: unknown action, ignored",
    )
    assert resolved.keymap == {"skip": "x"}


def test_a_key_doing_something_else_on_a_screen_is_refused() -> None:
    resolved = resolve_keymap({"skip": "b", "point-1": "n", "pause": "a"})
    assert resolved.problems == (
        'config.toml: keymap: skip = "b": b already does bury on the drill; '
        "skip keeps its default key n",
        'config.toml: keymap: pause = "a": a already does drill-all on the home screen; '
        "pause keeps its default key p",
        # skip is back on n, so the point asking for n is refused in its turn.
        'config.toml: keymap: point-1 = "n": n already does skip on the drill; '
        "point-1 keeps its default key a",
    )
    assert "skip" not in resolved.keymap
    assert "pause" not in resolved.keymap
    assert "point-1" not in resolved.keymap


def test_two_entries_on_one_key_keep_the_first() -> None:
    resolved = resolve_keymap({"skip": "x", "bury": "x"})
    assert resolved.keymap == {"skip": "x"}
    assert resolved.problems == (
        'config.toml: keymap: bury = "x": x already does skip on the drill; '
        "bury keeps its default key b",
    )


def test_swapping_two_keys_is_no_problem() -> None:
    resolved = resolve_keymap({"skip": "b", "bury": "n"})
    assert resolved == ({"skip": "b", "bury": "n"}, ())


def test_a_key_the_defaults_already_share_is_no_problem() -> None:
    # escape leaves the draft box, and ends the drill when no draft is being typed.
    resolved = resolve_keymap({"back": "escape"})
    assert resolved.problems == ()
    # Named, so rebinding back does not take escape away from leave-draft.
    assert resolved.keymap["leave-draft"] == "escape"


def test_symbols_are_compared_by_their_names() -> None:
    resolved = resolve_keymap({"skip": "!"})
    assert resolved.problems == (
        'config.toml: keymap: skip = "!": exclamation_mark already does suspend on the drill; '
        "skip keeps its default key n",
    )


KEYS = st.sampled_from(["a", "b", "n", "q", "s", "x", "z", "1", "enter", "escape", "?", "k"])


@given(
    st.dictionaries(
        st.sampled_from([*sorted(KNOWN_ACTIONS), "unknown"]),
        st.lists(KEYS, min_size=1, max_size=2).map(",".join),
        max_size=8,
    )
)
def test_no_key_is_left_doing_two_things_on_a_screen(entries: dict[str, str]) -> None:
    resolved = resolve_keymap(entries)
    applied = {action: split_keys(keys) for action, keys in resolved.keymap.items()}
    for screen, actions in screen_keys(applied).items():
        defaults = SCREEN_KEYS[screen]
        holders: dict[str, list[str]] = {}
        for action, keys in actions.items():
            for key in keys:
                holders.setdefault(key, []).append(action)
        for key, sharing in holders.items():
            if len(sharing) > 1:
                assert all(key in split_keys(defaults[action]) for action in sharing), (
                    screen,
                    key,
                    sharing,
                )
    # Each entry is either applied or reported, never dropped in silence.
    for action in entries:
        assert action in resolved.keymap or any(
            f"keymap: {action}" in line for line in resolved.problems
        )


def test_points_left_without_a_key_are_reported() -> None:
    entries = {"reveal": "space,a,s,f,g,h,j,k,l,w,e,t,y,i,o,p,z,x,c"}
    resolved = resolve_keymap(entries)
    assert resolved.keymap["point-1"] == "v"
    assert resolved.problems[0] == (
        "config.toml: keymap: no key left for point-2: too many of "
        "a s f g h j k l w e t y i o p z x c v do other things in the drill"
    )
    assert len(resolved.problems) == 15


def test_a_shared_key_lost_on_one_screen_is_reported_not_spread_to_others() -> None:
    # Moving leave-draft off escape takes escape from the drill's back as well. Naming
    # back with the drill's keys would apply on every screen: escape would quit from the
    # home, or clash there with an entry such as catch-up = "escape".
    for entries in ({"leave-draft": "a"}, {"leave-draft": "a", "catch-up": "escape"}):
        resolved = resolve_keymap(entries)
        assert "back" not in resolved.keymap
        assert resolved.problems == (
            "config.toml: keymap: back no longer answers to escape on the drill, since "
            'leave-draft moved off it; write back = "q,escape" to give it back (on every '
            "screen)",
        )


def test_a_shared_key_is_kept_by_naming_an_action_found_on_one_screen() -> None:
    resolved = resolve_keymap({"back": "x"})
    assert resolved.keymap["leave-draft"] == "escape"
    assert resolved.problems == ()
