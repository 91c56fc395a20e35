"""A YAML syntax error keeps the parser's words and its position, and says what to do."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from prepdeck.formats.deck.loader import load_deck_bytes
from prepdeck.formats.deck.problems import Problem
from prepdeck.formats.deck.syntax_hints import COLON_IN_VALUE, KEY_TOO_DEEP

_WORDS = st.from_regex(r"[A-Za-z][A-Za-z ]{0,10}[A-Za-z]", fullmatch=True)


def _only_problem(text: str) -> Problem:
    result = load_deck_bytes(text.encode("utf-8"), "deck.yaml")
    assert result.deck is None
    (problem,) = result.problems
    return problem


def _deck(card_lines: list[str]) -> str:
    return "\n".join(["prepdeck: 1", "id: d", "title: T", "cards:", *card_lines]) + "\n"


@settings(max_examples=50)
@given(
    key=st.sampled_from(["prompt", "answer", "kind"]),
    before=_WORDS,
    after=_WORDS,
)
def test_an_unquoted_colon_in_a_value_is_located_and_explained(
    key: str, before: str, after: str
) -> None:
    line = f"    {key}: {before}: {after}"
    card = ["  - id: a", "    prompt: P", "    answer: A", "    points: [p]"]
    card[{"prompt": 1, "answer": 2, "kind": 3}[key]] = line

    problem = _only_problem(_deck(card))

    col = len(f"    {key}: {before}") + 1
    assert problem.format() == (
        f"deck.yaml:{card.index(line) + 5}:{col}: YAML syntax error: mapping values are not "
        f"allowed in this context; {COLON_IN_VALUE}"
    )


@settings(max_examples=30)
@given(extra=st.integers(min_value=1, max_value=6))
def test_a_key_indented_deeper_than_the_one_above_is_told_so(extra: int) -> None:
    card = ["  - id: a", "    prompt: P", " " * (4 + extra) + "answer: A", "    points: [p]"]

    problem = _only_problem(_deck(card))

    assert (problem.line, problem.col) == (7, 4 + extra + len("answer") + 1)
    assert problem.message.endswith(KEY_TOO_DEEP)
    assert problem.message.startswith("YAML syntax error: mapping values are not allowed")


def test_an_error_the_hints_do_not_know_keeps_the_parsers_words_alone() -> None:
    problem = _only_problem("prepdeck: 1\n%YAML 1.1\n")

    assert problem.message.startswith("YAML syntax error: ")
    assert ";" not in problem.message
