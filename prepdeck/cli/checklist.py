"""The day-of checklist as plain text, with a box to tick on paper, or as one JSON value."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable
from datetime import datetime

from prepdeck.prep.day_of import (
    CONTINGENCIES_TITLE,
    NEEDS_TITLE,
    NO_NEEDS,
    NO_PITCH,
    NO_QUESTIONS,
    PITCH_TITLE,
    QUESTIONS_TITLE,
    UNWRITTEN_PITCH,
    WRITE_PITCH_BY_FILE,
    ChecklistCard,
    DayOfChecklist,
)

_BOX = "[ ] "
_UNDER = " " * len(_BOX)
"""Where the lines under an item start: below its text, clear of the box."""


def local_time(moment: datetime) -> str:
    """ISO 8601 in local time, with its offset, as every ``--json`` writes a time."""
    return moment.astimezone().isoformat(timespec="seconds")


def checklist_document(checklist: DayOfChecklist) -> dict[str, object]:
    """The checklist as JSON values; the shape is documented in the user guide."""
    return {
        "interview": checklist.interview,
        "at": local_time(checklist.at),
        "note": checklist.note,
        "deck_id": checklist.deck_id,
        "pitch": [
            {**_card(card), "answer": card.answer, "own_answer": card.own_answer}
            for card in checklist.pitch
        ],
        "needs": [
            {
                "deck_id": need.deck_id,
                "card_id": need.card_id,
                "need": need.need,
                "bridge": need.bridge or None,
            }
            for need in checklist.needs
        ],
        "contingencies": [
            {
                "title": contingency.title,
                "cards": [_card(card) for card in contingency.cards],
                "reminder": contingency.reminder,
            }
            for contingency in checklist.contingencies
        ],
        "questions": [
            {
                "deck_id": question.deck_id,
                "card_id": question.card_id,
                "question": question.question,
            }
            for question in checklist.questions
        ],
    }


def _card(card: ChecklistCard) -> dict[str, object]:
    return {
        "deck_id": card.deck_id,
        "card_id": card.card_id,
        "prompt": card.prompt,
        "points": list(card.points),
    }


def checklist_lines(checklist: DayOfChecklist, width: int) -> list[str]:
    """The checklist as lines of at most ``width`` columns (a word longer than the line
    excepted): headings, one box per item, what to go over under each."""
    lines = [f"{checklist.interview} · {checklist.at.astimezone():%a %d %b %Y %H:%M}"]
    if checklist.note:
        lines += _wrapped(f"Note: {checklist.note}", width)
    ready = len(checklist.keys)
    lines.append(f"{ready} items to go over; tick each when it is ready.")

    lines += _heading(PITCH_TITLE)
    for card in checklist.pitch:
        lines += _item(card.prompt, width)
        lines += _under(_pitch_paragraphs(card), width)
        lines += _under((f"- {point}" for point in card.points), width)
    if not checklist.pitch:
        lines += _wrapped(NO_PITCH, width)

    lines += _heading(NEEDS_TITLE)
    for need in checklist.needs:
        lines += _item(need.need, width)
        lines += _under(_paragraphs(need.bridge_text), width)
    if not checklist.needs:
        lines += _wrapped(NO_NEEDS + ' See: prepdeck interview need NAME "TEXT"', width)

    lines += _heading(CONTINGENCIES_TITLE)
    for contingency in checklist.contingencies:
        lines += _item(contingency.title, width)
        if not contingency.cards:
            lines += _under([contingency.reminder], width)
        for card in contingency.cards:
            lines += _under([card.prompt], width)
            lines += _under((f"  - {point}" for point in card.points), width)

    lines += _heading(QUESTIONS_TITLE)
    for question in checklist.questions:
        lines += _item(question.question, width)
    if not checklist.questions:
        lines += _wrapped(NO_QUESTIONS, width)
    return lines


def _pitch_paragraphs(card: ChecklistCard) -> list[str]:
    """The user's own answer; else, for the pitch card, how to write it (its points
    give the shape), and for any other card its model answer."""
    if card.own_answer is not None:
        return _paragraphs(card.own_answer)
    if card.is_pitch_card:
        return [f"{UNWRITTEN_PITCH} {WRITE_PITCH_BY_FILE}"]
    return _paragraphs(card.answer)


def _heading(title: str) -> list[str]:
    return ["", title, "-" * len(title)]


def _paragraphs(text: str) -> list[str]:
    return [" ".join(part.split()) for part in text.split("\n") if part.strip()]


def _item(text: str, width: int) -> list[str]:
    return textwrap.wrap(
        " ".join(text.split()),
        width,
        initial_indent=_BOX,
        subsequent_indent=_UNDER,
        break_long_words=False,
        break_on_hyphens=False,
    )


def _under(texts: Iterable[str], width: int) -> list[str]:
    lines: list[str] = []
    for text in texts:
        # A point's text lines up under its dash.
        hanging = _UNDER + " " * (len(text) - len(text.lstrip(" -")))
        lines += textwrap.wrap(
            text,
            width,
            initial_indent=_UNDER,
            subsequent_indent=hanging,
            break_long_words=False,
            break_on_hyphens=False,
        )
    return lines


def _wrapped(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)
