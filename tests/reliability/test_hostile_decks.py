"""Hostile deck files: whatever the bytes, the loader ``prepdeck deck validate`` uses gives
a valid deck or errors that say where, never an exception."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from prepdeck.formats.deck.loader import load_deck_bytes
from prepdeck.formats.deck.problems import STOPPED
from prepdeck.formats.deck.yamltree import LINE_BREAK
from tests.cli.conftest import BUNDLED_DECKS

PATH = "hostile.yaml"
VALID = (BUNDLED_DECKS / "interview-collateral.yaml").read_bytes()
VALID_LINES = VALID.splitlines(keepends=True)

FILE_WIDE = {"not UTF-8 text", "empty file", STOPPED}
"""The only errors that name no line: they are about the file as a whole."""

# Characters that mean something to YAML, and a few that do not, for text that gets past
# the UTF-8 check and into the parser.
YAML_ALPHABET = st.sampled_from(list(" \t\n\r:-?[]{},#&*!|>'\"%@`\\abcxyz019.~\u00e9\u2028\ufeff"))


def assert_valid_or_located(data: bytes) -> None:
    result = load_deck_bytes(data, PATH)
    if result.deck is not None:
        assert not result.errors
        return
    assert result.errors, "a deck refused without saying why"
    # The lines as YAML counts them, the byte order mark left out as the loader leaves it.
    text = data.removeprefix(b"\xef\xbb\xbf").decode("utf-8", errors="replace")
    lines = LINE_BREAK.split(text)
    for problem in result.problems:
        assert problem.path == PATH
        assert "\n" not in problem.format()
        if problem.line is None:
            assert problem.message in FILE_WIDE or problem.message.endswith("not shown")
        else:
            # On a line of the file, at one of its characters or just past its end.
            assert 1 <= problem.line <= len(lines), problem
            assert problem.col is not None, problem
            assert 1 <= problem.col <= len(lines[problem.line - 1]) + 1, problem
            assert problem.format().startswith(f"{PATH}:{problem.line}:{problem.col}: ")


@st.composite
def mutated_decks(draw: st.DrawFn) -> bytes:
    """A bundled deck with a few lines deleted, duplicated or swapped, and a few bytes
    deleted, changed or put in."""
    lines = list(VALID_LINES)
    for _ in range(draw(st.integers(1, 4))):
        edit = draw(st.sampled_from(["delete", "duplicate", "swap", "bytes"]))
        at = draw(st.integers(0, len(lines) - 1))
        if edit == "delete":
            del lines[at]
        elif edit == "duplicate":
            lines.insert(at, lines[at])
        elif edit == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[at], lines[other] = lines[other], lines[at]
        else:
            line = bytearray(lines[at])
            where = draw(st.integers(0, len(line)))
            cut = draw(st.integers(0, 3))
            line[where : where + cut] = draw(st.binary(max_size=3))
            lines[at] = bytes(line)
    return b"".join(lines)


def test_the_deck_mutated_from_is_valid() -> None:
    assert load_deck_bytes(VALID, PATH).deck is not None


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=512))
def test_random_bytes_give_a_located_error_or_a_deck(data: bytes) -> None:
    assert_valid_or_located(data)


@settings(max_examples=200, deadline=None)
@given(st.text(YAML_ALPHABET, max_size=300))
# Once reported on a line after the last: the parser's mark at the end of a file whose
# last line has no line break.
@example("[")
@example("- a\n- b: [\n  ")
def test_random_yaml_like_text_gives_a_located_error_or_a_deck(text: str) -> None:
    assert_valid_or_located(text.encode("utf-8", "surrogatepass"))


@settings(max_examples=150, deadline=None)
@given(mutated_decks())
def test_a_mutated_deck_gives_a_located_error_or_a_deck(data: bytes) -> None:
    assert_valid_or_located(data)
