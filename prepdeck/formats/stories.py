"""The story file: a YAML list of stories, each a mapping of a story's fields.

``story export`` writes it and ``story import`` reads it back. It is read with the deck
format's safe YAML reader, so no tag is acted on, no alias expanded and every value
keeps the text typed. Each problem is one line, ``PATH:LINE:COL: message``; any problem
refuses the whole file. An entry without an id takes the slug of its title, unnumbered,
so importing the same file twice updates its stories rather than adding them again.
"""

from __future__ import annotations

from collections.abc import Sequence
from difflib import get_close_matches
from pathlib import Path

from prepdeck.domain.stories import STORY_FIELDS, Story, story_problems, title_slug
from prepdeck.errors import DeckFileError, ExtraDocumentError, StoryFileError, YamlSyntaxError
from prepdeck.formats.bounded import read_bounded
from prepdeck.formats.deck.problems import one_line, quote
from prepdeck.formats.deck.writer import dump_yaml
from prepdeck.formats.deck.yamltree import (
    MappingNode,
    Node,
    Scalar,
    SequenceNode,
    gc_paused,
    read_tree,
)
from prepdeck.formats.listed import read_each_once

MAX_STORY_BYTES = 8 * 1024 * 1024
"""The largest story file read: thousands of stories of long text fit well within it."""

_MAX_PROBLEMS = 50
_MAX_NODES = 500_000
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})


def read_story_file(path: Path) -> list[Story]:
    """The stories of the file at ``path``, cleaned and checked, in file order; raises
    ``StoryFileError`` with one line per problem."""
    shown = one_line(str(path))
    try:
        data = read_bounded(path, limit=MAX_STORY_BYTES, what="a story file")
    except DeckFileError as problem:
        raise StoryFileError(f"{shown}: {problem}") from None
    with gc_paused():
        return _Reader(shown).read(data)


class _Reader:
    def __init__(self, shown: str) -> None:
        self.shown = shown
        self.problems: list[str] = []

    def error(self, line: int | None, col: int | None, message: str) -> None:
        place = self.shown if line is None else f"{self.shown}:{line}:{col}"
        self.problems.append(f"{place}: {one_line(message)}")

    def refuse(self) -> StoryFileError:
        return StoryFileError("\n".join(self.problems))

    def read(self, data: bytes) -> list[Story]:
        if data.startswith(b"\xef\xbb\xbf"):
            data = data[3:]
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = ""
            self.error(None, None, "not UTF-8 text")
        if "\x00" in text:
            self.error(None, None, "not UTF-8 text")
        if self.problems:
            raise self.refuse()
        if not text.strip():
            self.error(None, None, "empty file: a story file is a list of stories")
            raise self.refuse()
        try:
            tree = read_tree(data, _MAX_PROBLEMS, _MAX_NODES)
        except YamlSyntaxError as error:
            self.error(error.line, error.col, error.message)
            raise self.refuse() from None
        except ExtraDocumentError as error:
            self.error(error.line, error.col, "a story file holds one YAML document")
            raise self.refuse() from None
        for issue in tree.issues:
            self.error(issue.line, issue.col, issue.message)
        if tree.stopped is not None or tree.root is None:
            raise self.refuse()
        stories = self._stories(tree.root)
        if self.problems:
            raise self.refuse()
        return stories

    def _stories(self, root: Node) -> list[Story]:
        if not isinstance(root, SequenceNode):
            self.error(root.line, root.col, "a story file is a list of stories (- title: ...)")
            return []

        def repeated(node: Node, story: Story, first: int) -> None:
            self.error(
                node.line,
                node.col,
                f"story id {quote(story.id)} appears twice (first at line {first})",
            )

        return read_each_once(root.items, self._story, lambda story: story.id, repeated)

    def _story(self, node: Node) -> Story | None:
        if not isinstance(node, MappingNode):
            self.error(node.line, node.col, "each story is a mapping (title, situation, ...)")
            return None
        before = len(self.problems)
        for key, (scalar, _) in node.entries.items():
            if key not in STORY_FIELDS:
                close = get_close_matches(key, STORY_FIELDS, n=1, cutoff=0.6)
                hint = f"; did you mean {close[0]}?" if close else ""
                self.error(scalar.line, scalar.col, f"unknown key {quote(key)} in a story{hint}")
        values = {key: value for key, (_, value) in node.entries.items()}
        texts = {name: self._text(values.get(name), name) for name in STORY_FIELDS[:-1]}
        tags = self._tags(values.get("tags"))
        if len(self.problems) > before:
            return None
        title = texts["title"] or ""
        story = Story(
            id=texts["id"] or title_slug(title),
            title=title,
            situation=texts["situation"] or "",
            task=texts["task"] or "",
            action=texts["action"] or "",
            result=texts["result"] or "",
            metric=texts["metric"],
            tags=tags,
        ).cleaned()
        for name, message in story_problems(story):
            where = values.get(name) or node
            self.error(where.line, where.col, message)
        return None if len(self.problems) > before else story

    def _text(self, value: Node | None, name: str) -> str | None:
        if value is None or (isinstance(value, Scalar) and value.plain and value.value in _NULLS):
            return None
        if not isinstance(value, Scalar):
            self.error(value.line, value.col, f"{name} must be text")
            return None
        return value.value

    def _tags(self, value: Node | None) -> tuple[str, ...]:
        if value is None or (isinstance(value, Scalar) and value.plain and value.value in _NULLS):
            return ()
        if not isinstance(value, SequenceNode):
            self.error(value.line, value.col, "tags must be a list of text")
            return ()
        tags: list[str] = []
        for item in value.items:
            if not isinstance(item, Scalar):
                self.error(item.line, item.col, "each tag must be text")
                continue
            tags.append(item.value)
        return tuple(tags)


# -- writing ----------------------------------------------------------------------------


def _story_data(story: Story) -> dict[str, object]:
    data: dict[str, object] = {
        "id": story.id,
        "title": story.title,
        "situation": story.situation,
    }
    if story.task:
        data["task"] = story.task
    data["action"] = story.action
    data["result"] = story.result
    if story.metric is not None:
        data["metric"] = story.metric
    if story.tags:
        data["tags"] = list(story.tags)
    return data


def dump_stories(stories: Sequence[Story]) -> str:
    """The stories as a story file, which ``read_story_file`` reads back the same."""
    if not stories:
        return "[]\n"
    return dump_yaml([_story_data(story) for story in stories])
