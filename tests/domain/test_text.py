from __future__ import annotations

from prepdeck.domain.text import one_line


def test_whitespace_and_line_breaks_become_single_spaces() -> None:
    assert one_line("  found\n\tcharacter  '@'\r\n that cannot start ") == (
        "found character '@' that cannot start"
    )
    assert one_line("") == ""
    assert one_line(" \n ") == ""


def test_a_width_cuts_the_line_with_an_ellipsis() -> None:
    assert one_line("a b c", width=5) == "a b c"
    assert one_line("abcdef", width=5) == "abcd…"
    assert len(one_line("x" * 100, width=40)) == 40
    assert one_line("why\nus", width=70) == "why us"
