"""STAR stories: the value, what a story must hold, its id, and the card it is drilled as.

A story is what the user did, told in four parts (situation, task, action, result) with,
when there is one, the number that proves it (``metric``). A story needs a title, a
situation, an action and a result: without any of these it is not a story yet. The task
is often said with the situation, and not every result has a number, so both may be
empty.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from prepdeck.domain.ids import ID_MAX_LENGTH, is_valid_id, slug

STORY_FIELDS = ("id", "title", "situation", "task", "action", "result", "metric", "tags")
"""Every field of a story, in the order they are shown and written."""

REQUIRED_FIELDS = ("title", "situation", "action", "result")

PARTS = (("situation", "Situation"), ("task", "Task"), ("action", "Action"), ("result", "Result"))
"""The STAR parts, each with the label its line of the outline starts with."""

DRILL_DECK_ID = "my-stories"
DRILL_DECK_TITLE = "My stories"

_FALLBACK_SLUG = "story"


@dataclass(frozen=True, slots=True)
class Story:
    id: str
    title: str
    situation: str
    task: str
    action: str
    result: str
    metric: str | None = None
    """The number that proves it; None when the story has none."""
    tags: tuple[str, ...] = ()

    def cleaned(self) -> Story:
        """Trimmed text, the title on one line, a blank metric as none, blank and repeated
        tags dropped."""
        metric = (self.metric or "").strip()
        return Story(
            id=self.id.strip(),
            title=" ".join(self.title.split()),
            situation=self.situation.strip(),
            task=self.task.strip(),
            action=self.action.strip(),
            result=self.result.strip(),
            metric=metric or None,
            tags=clean_tags(self.tags),
        )


def clean_tags(tags: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(tag.strip() for tag in tags if tag.strip()))


def story_problems(story: Story) -> list[tuple[str, str]]:
    """What keeps ``story`` (cleaned) from being kept: (field, message) pairs, none when
    it may be."""
    problems: list[tuple[str, str]] = []
    if not is_valid_id(story.id):
        problems.append(
            (
                "id",
                f"{story.id!r} is not a story id: lower-case letters and digits, words "
                f"joined by single dashes, at most {ID_MAX_LENGTH} characters",
            )
        )
    for name in REQUIRED_FIELDS:
        if not getattr(story, name):
            problems.append((name, f"a story needs a {name}"))
    return problems


def title_slug(title: str) -> str:
    """The id a title gives: its ASCII letters and digits, dashes between words, cut to
    leave room for a number; ``story`` when nothing of it is ASCII."""
    # Room for "-99", so a numbered id of a long title is still a valid id.
    return slug(title, max_length=ID_MAX_LENGTH - 3) or _FALLBACK_SLUG


def free_story_id(title: str, taken: Iterable[str]) -> str:
    """The slug of ``title``, with ``-2``, ``-3``… added while it is taken."""
    base = title_slug(title)
    used = set(taken)
    candidate, number = base, 1
    while candidate in used:
        number += 1
        candidate = f"{base}-{number}"
    return candidate


# -- the drill card ---------------------------------------------------------------------


def drill_prompt(story: Story) -> str:
    return f"Tell it in 90 seconds: {story.title} (situation to result, with the number)"


def outline_lines(story: Story) -> list[str]:
    """``Label: text`` for each part the story has, the metric last."""
    lines = [f"{label}: {getattr(story, name)}" for name, label in PARTS if getattr(story, name)]
    if story.metric:
        lines.append(f"Metric: {story.metric}")
    return lines


def drill_answer(story: Story) -> str:
    """The STAR outline, one part to a line."""
    return "\n".join(outline_lines(story))


def drill_points(story: Story) -> tuple[str, ...]:
    """One point to tick per part told, each on one line."""
    return tuple(" ".join(line.split()) for line in outline_lines(story))
