"""What an answer says: the key points it covers, its filler words and its pace.

The answer is a typed draft or the transcript of a spoken one; either way it is plain
text and the rules here need no file, database or sound. A point is covered when enough
of its content words appear in the answer after stemming (Snowball's English stemmer), a
stem one letter off counting as the same word, so "behavior" covers "behaviour" and a
misheard ending is forgiven. A point that asks for a number, a figure or a percentage is
covered by any number in the answer. The result is a suggestion: the user still ticks.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import pairwise


def _set_of(words: str) -> frozenset[str]:
    return frozenset(words.split())


_WORD = re.compile(r"\d+(?:[.,]\d+)*%?|[^\W\d_]+(?:['’][^\W\d_]+)*")

# Words that carry no content of their own, and the verbs a rubric opens with ("Names
# the project", "Gives the outcome"): the answer says the project, it does not say
# "names". Kept as stems, since they are compared after stemming.
_STOP_WORDS = _set_of(
    """
    a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing done down during
    each either few for from further had has have having he her here hers herself him
    himself his how i if in into is it its itself just me more most much my myself no
    nor not now of off on once one only or other our ours ourselves out over own same
    she should so some such than that the their theirs them themselves then there these
    they this those through to too under until up very was we were what when where which
    while who whom why will with without would you your yours yourself yourselves
    instead rather whether every many s t d ll m re ve give say state name explain
    describe tell mention show back link tie cite provide include use make
    """
)

# Stems of the words with which a point asks for a number.
_ASKS_FOR_NUMBER = frozenset({"number", "figur", "percentag", "percent", "metric", "quantifi"})

_NUMBER_WORDS = _set_of(
    """
    two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
    sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty
    ninety hundred hundreds thousand thousands million millions billion billions percent
    half dozen dozens twice double triple quarter
    """
)

_FILLER_WORDS = frozenset({"um", "umm", "uh", "uhm", "er", "erm", "ah", "hmm", "mm", "mhm"})
_FILLER_PAIRS = frozenset({("you", "know"), ("i", "mean")})
"""Counted as fillers: hesitation sounds, and these two phrases wherever they occur."""

_NEAR_LENGTH = 5
"""Stems this long or longer may differ by one letter and still count as the same word."""


def words_of(text: str) -> list[str]:
    """The words of ``text``, lowercased, numbers kept whole ("2.5", "30%")."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return _WORD.findall(folded)


@cache
def _stemmer() -> Callable[[str], str]:
    # Imported on the first match, never when the drill or a command starts.
    import snowballstemmer

    stem = snowballstemmer.stemmer("english").stemWord
    return cache(stem)


@cache
def _stop_stems() -> frozenset[str]:
    stem = _stemmer()
    return _STOP_WORDS | {stem(word) for word in _STOP_WORDS}


def _is_number(word: str) -> bool:
    return word[0].isdigit() or word in _NUMBER_WORDS


@dataclass(frozen=True, slots=True)
class _Answer:
    stems: frozenset[str]
    long_stems: tuple[str, ...]
    has_number: bool


def _read_answer(text: str) -> _Answer:
    stem = _stemmer()
    words = words_of(text)
    stems = frozenset(stem(word) for word in words if word not in _STOP_WORDS)
    return _Answer(
        stems=stems,
        long_stems=tuple(s for s in stems if len(s) >= _NEAR_LENGTH - 1),
        has_number=any(_is_number(word) for word in words),
    )


def _content_stems(point: str) -> list[str]:
    stem = _stemmer()
    stop = _stop_stems()
    stems: list[str] = []
    for word in words_of(point):
        if word in _STOP_WORDS:
            continue
        stemmed = stem(word)
        if stemmed not in stop and stemmed not in stems:
            stems.append(stemmed)
    return stems


def _one_letter_apart(a: str, b: str) -> bool:
    """One letter changed, added or dropped."""
    if len(a) > len(b):
        a, b = b, a
    if len(b) - len(a) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    for index, (x, y) in enumerate(zip(a, b, strict=False)):
        if x != y:
            return a[index:] == b[index + 1 :]
    return True


def _said(stem: str, answer: _Answer) -> bool:
    if stem in answer.stems:
        return True
    if len(stem) < _NEAR_LENGTH:
        return False
    return any(_one_letter_apart(stem, other) for other in answer.long_stems)


def _needed(count: int) -> int:
    """How many of a point's content words the answer must say: all of one or two,
    half (rounded up) of more."""
    return count if count <= 2 else (count + 1) // 2


def _covers(answer: _Answer, point: str) -> bool:
    stems = _content_stems(point)
    if not stems:
        return False
    if answer.has_number and any(stem in _ASKS_FOR_NUMBER for stem in stems):
        return True
    said = sum(_said(stem, answer) for stem in stems)
    return said >= _needed(len(stems))


def covered_points(answer: str, points: Sequence[str]) -> tuple[bool, ...]:
    """For each of ``points``, in order, whether ``answer`` covers it."""
    if not points:
        return ()
    read = _read_answer(answer)
    return tuple(_covers(read, point) for point in points)


def count_fillers(text: str) -> int:
    """Hesitation sounds ("um", "uh", "er") and "you know" and "I mean" in ``text``."""
    words = words_of(text)
    count = sum(word in _FILLER_WORDS for word in words)
    return count + sum(pair in _FILLER_PAIRS for pair in pairwise(words))


def words_per_minute(words: int, seconds: float) -> int | None:
    """Spoken words per minute, rounded; None for no time at all."""
    if seconds <= 0:
        return None
    return round(words * 60 / seconds)


def count_words(text: str) -> int:
    return len(words_of(text))


def pace_note(wpm: int | None, seconds: float, budget: int | None) -> str:
    """The pace and the time against the card's budget, in words."""
    parts: list[str] = []
    if wpm is not None:
        # Interview answers read well at 120 to 160 words a minute.
        if wpm < 110:
            judged = "slow"
        elif wpm > 170:
            judged = "fast"
        else:
            judged = "steady"
        parts.append(f"{wpm} words a minute ({judged})")
    if budget is not None:
        over = seconds - budget
        if over > 0:
            parts.append(f"{round(seconds)} s of {budget} s, {round(over)} s over")
        else:
            parts.append(f"{round(seconds)} s of {budget} s")
    return " · ".join(parts)


@dataclass(frozen=True, slots=True)
class SpokenAnswer:
    """What is kept of an answer spoken in the drill, with its review."""

    transcript: str
    seconds: float
    words: int
    fillers: int
    audio: str | None = None
    """The recording's file name in the home's audio folder, when ``keep_audio`` is on."""
