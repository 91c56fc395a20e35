"""The built-in pitch card: "tell me about yourself", answered in about a minute.

Almost every interview opens with it, and it is the one answer that is the user's own
from the first word: the card's answer says how a pitch is built, not what to say, and
the user writes theirs as the card's own answer. It is the one card of the personal deck
``my-pitch``; when it is added belongs to ``prep.pitch``.
"""

from __future__ import annotations

from prepdeck.domain.cards import Card, Kind

PITCH_DECK_ID = "my-pitch"
PITCH_DECK_TITLE = "My pitch"
PITCH_CARD_ID = "pitch"
PITCH_TAG = "pitch"
"""The tag of the cards a day-of checklist lists as the pitch, this one among them."""
PITCH_SECONDS = 60

PITCH_PROMPT = "Tell me about yourself: your 60-second pitch."

PITCH_ANSWER = "\n\n".join(
    (
        "A minute, in four moves, about the job on the table rather than your whole history.",
        "Now: who you are at work today, in one sentence: your role, your field, and the "
        "kind of problem you are good at.",
        "Proof: the two or three things you did that matter most for this role, each with "
        "its result as a number (time saved, errors cut, users served). Pick them for what "
        "this employer needs, not for what you are proudest of.",
        "Why here, why now: what draws you to this role and this company, and why it is the "
        "right next step for you at this point.",
        "Hand back: end on a line that gives them the turn, such as a question about the "
        "team or the problem the role is there to solve.",
        "Write your own version as this card's own answer, and say it out loud until it "
        "fits in the minute without reading.",
    )
)
"""One paragraph to a line, as a deck's folded answer is: the screen wraps them."""

PITCH_POINTS = (
    "Opens with who you are now, in one sentence",
    "Two or three results that fit this role, each with a number",
    "Says why this role and this company, and why now",
    "Hands the turn back with a question or an invitation",
    "Fits in about a minute",
)


def pitch_card() -> Card:
    """The pitch card as first added: the same text in every home."""
    return Card(
        id=PITCH_CARD_ID,
        prompt=PITCH_PROMPT,
        answer=PITCH_ANSWER,
        kind=Kind.QUESTION,
        points=PITCH_POINTS,
        tags=(PITCH_TAG, "opening"),
        seconds=PITCH_SECONDS,
        explicit_id=True,
    )
