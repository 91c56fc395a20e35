"""A safe YAML reader that keeps every scalar as the text the author typed.

It walks libyaml's event stream instead of constructing Python objects, so no tag is
ever acted on, no alias is ever expanded and no value is re-typed (``no`` stays "no",
``1:30`` stays "1:30"). Tags, anchors, aliases and duplicate keys are reported as
problems. The walk is iterative, so deep nesting cannot exhaust the Python stack, and
it stops at a cap of issues, so a file of a million duplicate keys is judged in moments.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from prepdeck.domain.text import one_line
from prepdeck.errors import ExtraDocumentError, TooManyIssues, TooManyNodes, YamlSyntaxError
from prepdeck.formats.deck.problems import quote

try:
    from yaml._yaml import CParser as _Parser

    # libyaml's reader errors give a byte offset, the Python reader's a character offset.
    _OFFSETS_IN_BYTES = True
except ImportError:  # pragma: no cover - only where libyaml is missing
    from yaml.parser import Parser as _FallbackParser
    from yaml.reader import Reader as _Reader
    from yaml.scanner import Scanner as _Scanner

    class _Parser(_Reader, _Scanner, _FallbackParser):  # type: ignore[no-redef]
        def __init__(self, stream: bytes) -> None:
            _Reader.__init__(self, stream)
            _Scanner.__init__(self)
            _FallbackParser.__init__(self)

    _OFFSETS_IN_BYTES = False


@dataclass(slots=True)
class Scalar:
    value: str
    line: int
    col: int
    # "" plain, "'" or '"' quoted, "|" or ">" block.
    style: str

    @property
    def plain(self) -> bool:
        return self.style == ""


@dataclass(slots=True)
class MappingNode:
    line: int
    col: int
    # key -> (key scalar, value node); duplicates are reported, the first one kept.
    entries: dict[str, tuple[Scalar, Node]] = field(default_factory=dict)


@dataclass(slots=True)
class SequenceNode:
    line: int
    col: int
    items: list[Node] = field(default_factory=list)


@dataclass(slots=True)
class Invalid:
    """Stands where a refused construct (an alias, a complex key) was, keeping the shape."""

    line: int
    col: int


Node = Scalar | MappingNode | SequenceNode | Invalid


@dataclass(frozen=True, slots=True)
class TreeIssue:
    line: int
    col: int
    message: str


@dataclass(slots=True)
class Tree:
    root: Node | None
    issues: list[TreeIssue]
    # Why reading stopped before the end ("issues" or "nodes"); the root is then only
    # partly built and must not be judged.
    stopped: str | None = None


_TAG_PREFIX = "tag:yaml.org,2002:"


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(_TAG_PREFIX) :] if tag.startswith(_TAG_PREFIX) else tag


class _Builder:
    """Assembles nodes from events; one open container per stack entry."""

    __slots__ = ("issues", "max_issues", "nodes_left", "pending_keys", "root", "stack")

    def __init__(self, max_issues: int, max_nodes: int) -> None:
        self.root: Node | None = None
        self.stack: list[MappingNode | SequenceNode] = []
        # For each open mapping, the key waiting for its value (None when a key is due).
        self.pending_keys: list[Scalar | Invalid | None] = []
        self.issues: list[TreeIssue] = []
        self.max_issues = max_issues
        self.nodes_left = max_nodes

    def report(self, line: int, col: int, message: str) -> None:
        if len(self.issues) >= self.max_issues:
            raise TooManyIssues
        self.issues.append(TreeIssue(line, col, message))

    def attach(self, node: Node) -> None:
        self.nodes_left -= 1
        if self.nodes_left < 0:
            raise TooManyNodes(node.line, node.col)
        if not self.stack:
            self.root = node
            return
        top = self.stack[-1]
        if type(top) is SequenceNode:
            top.items.append(node)
            return
        assert type(top) is MappingNode
        key = self.pending_keys[-1]
        if key is None:
            if type(node) is Scalar:
                self.pending_keys[-1] = node
            else:
                if type(node) is not Invalid:
                    self.report(
                        node.line, node.col, "a key must be plain text, not a list or mapping"
                    )
                self.pending_keys[-1] = Invalid(node.line, node.col)
            return
        self.pending_keys[-1] = None
        if type(key) is Scalar:
            first = top.entries.get(key.value)
            if first is None:
                top.entries[key.value] = (key, node)
            else:
                self.report(
                    key.line,
                    key.col,
                    f"duplicate key {quote(key.value)} (first at line {first[0].line})",
                )

    def open(self, container: MappingNode | SequenceNode) -> None:
        self.attach(container)
        self.stack.append(container)
        self.pending_keys.append(None)

    def close(self) -> None:
        self.stack.pop()
        self.pending_keys.pop()

    def refuse_decorations(self, event: Any) -> None:
        mark = event.start_mark
        if event.anchor is not None:
            self.report(
                mark.line + 1,
                mark.column + 1,
                f"anchors are not allowed (&{_bare(event.anchor)}); write the text out in full",
            )
        if event.tag is not None:
            self.report(
                mark.line + 1,
                mark.column + 1,
                f"tags are not allowed ({_bare(_short_tag(event.tag))}); write the value as "
                "plain or quoted text",
            )


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic collector: parsing makes millions of short-lived acyclic objects,
    and collections during it cost more than the parse while finding nothing to free."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def read_tree(data: bytes, max_issues: int, max_nodes: int) -> Tree:
    """Parse one YAML document into nodes, reporting refused constructs as issues.

    Past ``max_issues`` issues or ``max_nodes`` nodes (keys, values, lists, mappings)
    reading stops and the tree says so. Raises YamlSyntaxError for malformed YAML and
    ExtraDocumentError for a second document.
    """
    builder = _Builder(max_issues, max_nodes)
    documents = 0
    aliases_seen: set[str] = set()
    parser = _Parser(data)
    # The C parser is untyped; events are read by attribute in the hot loop below.
    next_event: Callable[[], Any] = parser.get_event
    try:
        while True:
            event = next_event()
            kind = type(event)
            if kind is ScalarEvent:
                if event.anchor is not None or event.tag is not None:
                    builder.refuse_decorations(event)
                mark = event.start_mark
                builder.attach(
                    Scalar(event.value, mark.line + 1, mark.column + 1, event.style or "")
                )
            elif kind is MappingStartEvent:
                if event.anchor is not None or event.tag is not None:
                    builder.refuse_decorations(event)
                mark = event.start_mark
                builder.open(MappingNode(mark.line + 1, mark.column + 1))
            elif kind is SequenceStartEvent:
                if event.anchor is not None or event.tag is not None:
                    builder.refuse_decorations(event)
                mark = event.start_mark
                builder.open(SequenceNode(mark.line + 1, mark.column + 1))
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                builder.close()
            elif kind is AliasEvent:
                mark = event.start_mark
                # One report per anchor name: a fan-out of thousands says nothing new.
                if event.anchor not in aliases_seen:
                    aliases_seen.add(event.anchor)
                    builder.report(
                        mark.line + 1,
                        mark.column + 1,
                        f"aliases are not allowed (*{_bare(event.anchor)}); write the text out "
                        "in full",
                    )
                builder.attach(Invalid(mark.line + 1, mark.column + 1))
            elif kind is DocumentStartEvent:
                documents += 1
                if documents > 1:
                    mark = event.start_mark
                    raise ExtraDocumentError(mark.line + 1, mark.column + 1)
            elif kind is StreamEndEvent or event is None:
                break
    except TooManyIssues:
        return Tree(builder.root, builder.issues, stopped="issues")
    except TooManyNodes as error:
        issue = TreeIssue(
            error.line,
            error.col,
            f"more than {max_nodes:,} values in one file (keys, texts, lists); a deck of "
            "10,000 cards holds about 170,000: is this the right file?",
        )
        return Tree(builder.root, [*builder.issues, issue], stopped="nodes")
    except yaml.MarkedYAMLError as error:
        raise _syntax_error(error, data) from None
    except yaml.reader.ReaderError as error:
        raise _reader_error(data, error) from None
    except yaml.YAMLError as error:
        raise YamlSyntaxError(1, 1, f"YAML syntax error: {one_line(str(error))}") from None
    return Tree(builder.root, builder.issues)


LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
"""Line breaks as YAML counts them, so positions found in the text agree with the parser's."""


def _reader_error(data: bytes, error: yaml.reader.ReaderError) -> YamlSyntaxError:
    """A character YAML refuses, at its line and column."""
    offset = max(0, error.position)
    if _OFFSETS_IN_BYTES:
        before = data[:offset].decode("utf-8", errors="replace")
    else:
        before = data.decode("utf-8", errors="replace")[:offset]
    breaks = LINE_BREAK.findall(before)
    line_start = before.rfind(breaks[-1]) + len(breaks[-1]) if breaks else 0
    line, col = len(breaks) + 1, len(before) - line_start + 1
    character = error.character
    code = character if isinstance(character, int) else ord(character)
    return YamlSyntaxError(line, col, f"control character U+{code:04X} is not allowed in YAML")


def _bare(name: str) -> str:
    """An anchor or tag name for a message, without the quotes ``quote`` adds."""
    return quote(name)[1:-1]


def _syntax_error(error: yaml.MarkedYAMLError, data: bytes) -> YamlSyntaxError:
    mark = error.problem_mark or error.context_mark
    line = 1 if mark is None else mark.line + 1
    col = 1 if mark is None else mark.column + 1
    # At the end of a file whose last line has no line break, the parser's marks fall on
    # a line after it, which the file does not have: the error is at the end of the text.
    end = _end_of(data)
    line, col = min((line, col), end)
    problem = error.problem or "malformed YAML"
    message = f"YAML syntax error: {problem}"
    context, context_line = "", None
    if error.context and error.context_mark is not None and error.context_mark is not mark:
        context, context_line = error.context, min(error.context_mark.line + 1, end[0])
        message += f" ({context} at line {context_line})"
    return YamlSyntaxError(
        line, col, message, problem=problem, context=context, context_line=context_line
    )


def _end_of(data: bytes) -> tuple[int, int]:
    """The line and column just past the last character of ``data``."""
    lines = LINE_BREAK.split(data.decode("utf-8", errors="replace"))
    return len(lines), len(lines[-1]) + 1
