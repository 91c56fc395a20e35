"""The key points an answer covers, its fillers and its pace."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from prepdeck.domain.spoken import (
    count_fillers,
    count_words,
    covered_points,
    pace_note,
    words_of,
    words_per_minute,
)

POINTS = (
    "Names no more than three strengths",
    "Backs each strength with a specific event or number",
    "Links the strengths to the job being applied for",
    "Says what they do about the frustration",
)


def test_an_answer_that_covers_every_point() -> None:
    answer = (
        "My three strengths are planning and calm. For a specific event: I planned the office "
        "move. Both strengths fit this job you applied for me to do. When I felt "
        "frustration, what I did was write it down and fix it."
    )
    assert covered_points(answer, POINTS) == (True, True, True, True)


def test_an_answer_that_covers_some_points() -> None:
    answer = "I am good at my job, and the strengths I have apply to it."
    assert covered_points(answer, POINTS) == (False, False, True, False)


def test_an_answer_that_covers_none() -> None:
    assert covered_points("I like long walks and cheese.", POINTS) == (False,) * 4


def test_stemming_and_one_letter_forgive_wording() -> None:
    assert covered_points("We measured the behavior", ["Measures behaviour"]) == (True,)
    assert covered_points("I was managing projects", ["Managed a project"]) == (True,)


def test_any_number_covers_a_point_that_asks_for_one() -> None:
    point = ["Gives a percentage for the result"]
    assert covered_points("we cut costs by 30%", point) == (True,)
    assert covered_points("it went up by twenty percent", point) == (True,)
    assert covered_points("it went up by 3", ["Quantifies the outcome with a figure"]) == (True,)
    assert covered_points("it went up a lot", point) == (False,)


def test_a_point_of_only_rubric_words_is_never_covered() -> None:
    assert covered_points("say, name and give", ["Says and names"]) == (False,)


def test_no_points_no_answer() -> None:
    assert covered_points("anything", []) == ()
    assert covered_points("", POINTS) == (False,) * 4


def test_fillers_and_pace() -> None:
    assert count_fillers("Um, so, you know, I mean, uh, it went er fine; I knew it") == 5
    assert count_fillers("") == 0
    assert count_words("It's 2.5 times, 30% more!") == 5
    assert words_per_minute(150, 60) == 150
    assert words_per_minute(10, 0) is None
    assert pace_note(150, 100, 90) == "150 words a minute (steady) · 100 s of 90 s, 10 s over"
    assert pace_note(None, 30, None) == ""


_text = st.text(alphabet=st.characters(codec="utf-8"), max_size=200)
_points = st.lists(st.text(max_size=60), max_size=8)


@given(_text, _points)
def test_one_answer_per_point_in_order(answer: str, points: list[str]) -> None:
    result = covered_points(answer, points)
    assert len(result) == len(points)
    assert result == tuple(covered_points(answer, [point])[0] for point in points)


@given(_points, _text)
def test_saying_more_never_uncovers_a_point(points: list[str], extra: str) -> None:
    answer = " ".join(points)
    before = covered_points(answer, points)
    after = covered_points(answer + " " + extra, points)
    assert all(a or not b for a, b in zip(after, before, strict=True))


# Made-up words (a q without a u): never one the rubric leaves out, like "the" or "names".
_made_up = st.from_regex(r"[b-p]{2}q[b-p]{3,8}", fullmatch=True)


@given(st.lists(_made_up, min_size=1, max_size=6), _text)
def test_a_point_read_back_word_for_word_is_covered(words: list[str], around: str) -> None:
    point = " ".join(words)
    assert covered_points(f"{around} {point.upper()} {around}", [point]) == (True,)


@given(_text)
def test_words_are_never_blank(text: str) -> None:
    assert all(word.strip() for word in words_of(text))
    assert count_fillers(text) <= count_words(text)
