"""Own-answer files: a YAML list of ``{deck_id, card_id, answer}`` read with each entry's
place, and the user's answers written as YAML or as Markdown to read.

Reading uses the deck loader's safe YAML reader, so nothing in the file is re-typed
(an answer of ``no`` stays the word) and no tag or alias is acted on. Every problem is
reported on its own line as ``FILE:LINE:COL: what is wrong``; a file with any problem
yields no entry at all, so an import is all or nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from prepdeck.domain.text import one_line
from prepdeck.errors import AnswersFileError, DeckFileError, ExtraDocumentError, YamlSyntaxError
from prepdeck.formats.bounded import read_bounded
from prepdeck.formats.deck.problems import quote
from prepdeck.formats.deck.yamltree import MappingNode, Node, Scalar, SequenceNode, read_tree
from prepdeck.formats.listed import read_each_once

MAX_FILE_BYTES = 16 * 1024 * 1024
"""An answers file this large is not one: each answer is a few paragraphs."""
_MAX_PROBLEMS = 20
_MAX_NODES = 400_000
FIELDS = ("deck_id", "card_id", "answer")


@dataclass(frozen=True, slots=True)
class AnswerEntry:
    """One entry of an answers file, with where it starts for messages."""

    deck_id: str
    card_id: str
    answer: str
    line: int
    col: int


class AnswerText(NamedTuple):
    """One answer to write out, with what a reader needs to place it."""

    deck_id: str
    deck_title: str
    card_id: str
    prompt: str
    answer: str


def read_answers_file(path: str) -> list[AnswerEntry]:
    """The entries of the answers file at ``path``; AnswersFileError names every problem."""
    data = _read_bytes(path)
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise AnswersFileError(f"{path}: not UTF-8 text (byte {error.start + 1})") from None
    try:
        tree = read_tree(data, _MAX_PROBLEMS, _MAX_NODES)
    except YamlSyntaxError as error:
        raise AnswersFileError(f"{path}:{error.line}:{error.col}: {error.message}") from None
    except ExtraDocumentError as error:
        raise AnswersFileError(
            f"{path}:{error.line}:{error.col}: more than one YAML document; an answers file "
            "holds one list"
        ) from None
    problems = [f"{path}:{issue.line}:{issue.col}: {issue.message}" for issue in tree.issues]
    if problems or tree.stopped is not None:
        raise AnswersFileError("\n".join(problems[:_MAX_PROBLEMS]))
    if tree.root is None:
        raise AnswersFileError(f"{path}:1:1: empty file; expected a list of answers")
    checker = _Checker(path)
    entries = checker.entries(tree.root)
    if checker.problems:
        raise AnswersFileError("\n".join(checker.problems[:_MAX_PROBLEMS]))
    return entries


def _read_bytes(path: str) -> bytes:
    try:
        return read_bounded(path, limit=MAX_FILE_BYTES, what="an answers file")
    except DeckFileError as problem:
        raise AnswersFileError(f"{path}: {problem}") from None


class _Checker:
    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[str] = []

    def problem(self, node: Node, message: str) -> None:
        self.problems.append(f"{self.path}:{node.line}:{node.col}: {message}")

    def entries(self, root: Node) -> list[AnswerEntry]:
        if not isinstance(root, SequenceNode):
            self.problem(root, "expected a list of answers, each with deck_id, card_id and answer")
            return []

        def repeated(node: Node, entry: AnswerEntry, first: int) -> None:
            self.problem(
                node,
                f"card {entry.card_id} of deck {entry.deck_id} is named twice "
                f"(first at line {first})",
            )

        return read_each_once(
            root.items, self.entry, lambda entry: (entry.deck_id, entry.card_id), repeated
        )

    def entry(self, item: Node) -> AnswerEntry | None:
        if not isinstance(item, MappingNode):
            self.problem(item, "expected an answer: a mapping of deck_id, card_id and answer")
            return None
        values: dict[str, str] = {}
        for name, (key, value) in item.entries.items():
            if name not in FIELDS:
                self.problem(key, f"unknown field {quote(name)}; expected {', '.join(FIELDS)}")
            elif not isinstance(value, Scalar):
                self.problem(value, f"{name} must be text")
            else:
                values[name] = value.value
        missing = [name for name in FIELDS if name not in values and name not in item.entries]
        if missing:
            self.problem(item, f"missing {' and '.join(missing)}")
        if len(values) != len(FIELDS):
            return None
        for name in ("deck_id", "card_id"):
            if not values[name].strip():
                self.problem(item.entries[name][1], f"{name} is empty")
                return None
        return AnswerEntry(
            values["deck_id"], values["card_id"], values["answer"], item.line, item.col
        )


def answers_yaml(answers: Iterable[AnswerText]) -> str:
    """The answers as the list ``read_answers_file`` reads back, in the order given."""
    from prepdeck.formats.deck.writer import dump_yaml

    data = [
        {"deck_id": item.deck_id, "card_id": item.card_id, "answer": item.answer}
        for item in answers
    ]
    return dump_yaml(data) if data else "[]\n"


def answers_markdown(answers: Sequence[AnswerText]) -> str:
    """The answers to read: a section per deck, each card's prompt a heading over the
    answer. ``answers`` come grouped by deck."""
    parts = ["# My answers\n"]
    deck_id: str | None = None
    for item in answers:
        if item.deck_id != deck_id:
            deck_id = item.deck_id
            parts.append(f"\n## {one_line(item.deck_title)} ({item.deck_id})\n")
        parts.append(f"\n### {one_line(item.prompt) or item.card_id}\n\n{item.answer.strip()}\n")
    if deck_id is None:
        parts.append("\nNo answers written yet.\n")
    return "".join(parts)
