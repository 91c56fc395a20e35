"""The stories linked to a card, shown as outlines when it is revealed: after the user's
own answer and the points, before the model answer, and not at all on other cards."""

from __future__ import annotations

import pytest

from prepdeck.domain.stories import Story
from prepdeck.prep.stories import drill_card
from prepdeck.store import Store
from tests.tui.fakes import START
from tests.tui.test_drill_own_answer import real_app, store, text_of

__all__ = ["store"]

STORIES = (
    Story(
        id="late-release",
        title="The late release",
        situation="Two releases in a row slipped by a week.",
        task="Ship the next one on the day promised.",
        action="Split the checklist and automated the smoke tests.",
        result="It went out on the day, and so did the next five.",
        metric="6 of 6 on time",
    ),
    Story(
        id="hard-talk",
        title="A hard conversation",
        situation="A colleague missed every review.",
        task="",
        action="Asked what got in the way, then agreed a slot.",
        result="Reviews came back within a day.",
    ),
)


def link_both(store: Store) -> None:
    store.stories.save([(story, drill_card(story)) for story in STORIES], now=START)
    for story in STORIES:
        store.stories.link(story.id, "basics", "why-you")


@pytest.mark.parametrize("size", [(60, 15), (100, 30)])
async def test_a_linked_card_shows_its_stories_between_own_answer_and_model_answer(
    store: Store, size: tuple[int, int]
) -> None:
    link_both(store)
    store.answers.save("basics", "why-you", "I ship results", at=START)
    app = real_app(store)
    async with app.run_test(size=size) as pilot:
        await pilot.press("space")
        await pilot.pause()
        screen = app.screen
        assert screen.query_one("#stories-part").display
        stories = text_of(app, "#stories")
        lines = stories.splitlines()
        # By id: the hard talk before the late release, each title then its parts.
        second = lines.index("The late release")
        assert lines[:second] == [
            "A hard conversation",
            "Situation: A colleague missed every review.",
            "Action: Asked what got in the way, then agreed a slot.",
            "Result: Reviews came back within a day.",
            "",
        ]
        assert "Result: It went out on the day, and so did the next five." in stories
        assert stories.endswith("Metric: 6 of 6 on time")
        assert text_of(app, "#answer-title") == "Model answer"
        tops = [
            screen.query_one(selector).virtual_region.y
            for selector in ("#own-part", "#points-part", "#stories-part", "#answer-title")
        ]
        assert tops == sorted(tops)
        # However short the terminal, the points are in sight without scrolling.
        checklist = screen.query_one("#points").region
        assert checklist.height and checklist.bottom <= size[1]
        # The next card has no story: no part for them, and the answer is just "Answer".
        await pilot.press("n", "space")
        await pilot.pause()
        assert text_of(app, "#prompt") != "Why you?"
        assert not screen.query_one("#stories-part").display
        assert text_of(app, "#answer-title") == "Answer"
