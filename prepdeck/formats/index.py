"""Reading a deck index: ``{prepdeck-index: 1, decks: [{id, title, ...}]}``, YAML or JSON.

The bytes are read with the deck format's safe YAML reader (JSON is read as the YAML it
is), so no tag is acted on, no alias expanded and every value keeps the text typed. Each
problem is one line, ``WHERE:LINE:COL: message`` (``WHERE: message`` when no place is
known), ``WHERE`` being the index's URL or path. Any problem refuses the whole index:
an index that is half right would list decks its author never meant to publish.
"""

from __future__ import annotations

import json
import re
import urllib.parse
from collections.abc import Sequence
from difflib import get_close_matches
from pathlib import Path
from typing import NamedTuple

from prepdeck.domain.ids import is_valid_id
from prepdeck.errors import ExtraDocumentError, YamlSyntaxError
from prepdeck.formats.deck.problems import one_line, quote
from prepdeck.formats.deck.yamltree import (
    MappingNode,
    Node,
    Scalar,
    SequenceNode,
    gc_paused,
    read_tree,
)
from prepdeck.formats.listed import read_each_once

INDEX_FORMAT = 1
"""The newest index format this prepdeck reads."""

MAX_INDEX_PROBLEMS = 50
MAX_INDEX_NODES = 1_000_000
"""About a hundred thousand entries: far more than any index holds."""

ENTRY_KEYS = ("id", "title", "description", "version", "url", "sha256", "license", "tags")
TOP_KEYS = ("prepdeck-index", "decks")
_SHA256 = re.compile(r"[0-9a-f]{64}")
_VERSION = re.compile(r"\d+\.\d+\.\d+")
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})


class IndexEntry(NamedTuple):
    """One deck an index offers; ``url`` as written in the index (relative or absolute)
    when built, absolute once read from a published index."""

    id: str
    title: str
    description: str
    version: str | None
    url: str
    sha256: str
    license: str
    tags: list[str]


class ReadIndex(NamedTuple):
    entries: list[IndexEntry]
    """In the index's order; empty when there are problems."""
    problems: list[str]
    """One line each; none when the index may be used."""


def resolve_url(base: str, url: str) -> str:
    """``url`` read against the index's own URL (or, for a local index, its folder)."""
    if url.startswith(("http://", "https://")) or base.startswith(("http://", "https://")):
        return urllib.parse.urljoin(base, url)
    return str(Path(base).parent / url)


def read_index(data: bytes, where: str) -> ReadIndex:
    """The entries of the index ``data``, fetched from (or read at) ``where``."""
    with gc_paused():
        return _read(data, where)


def _read(data: bytes, where: str) -> ReadIndex:
    shown = one_line(where)

    def refused(message: str, line: int | None = None, col: int | None = None) -> ReadIndex:
        place = shown if line is None else f"{shown}:{line}:{col}"
        return ReadIndex([], [f"{place}: {one_line(message)}"])

    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if b"\x00" in data:
        return refused("not UTF-8 text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return refused("not UTF-8 text")
    if not text.strip():
        return refused("empty index")
    json_error: json.JSONDecodeError | None = None
    if text.lstrip().startswith("{"):
        try:
            json.loads(text)
            # Valid JSON: a tab is only ever space between tokens, which YAML refuses.
            data = data.replace(b"\t", b" ")
        except json.JSONDecodeError as error:
            json_error = error
        except RecursionError:
            return refused("nested too deeply")
    try:
        tree = read_tree(data, MAX_INDEX_PROBLEMS, MAX_INDEX_NODES)
    except YamlSyntaxError as error:
        if json_error is not None and where.lower().endswith(".json"):
            return refused(
                f"JSON syntax error: {json_error.msg}", json_error.lineno, json_error.colno
            )
        return refused(error.message, error.line, error.col)
    except ExtraDocumentError as error:
        return refused(
            "an index holds one YAML document; remove this second one", error.line, error.col
        )
    checker = _Checker(shown, where)
    for issue in tree.issues:
        checker.error(issue.line, issue.col, issue.message)
    if tree.stopped is not None or tree.root is None:
        if tree.root is None:
            return refused("empty index")
        return ReadIndex([], checker.problems)
    entries = checker.check(tree.root)
    if checker.problems:
        return ReadIndex([], checker.problems)
    return ReadIndex(entries, [])


class _Checker:
    def __init__(self, shown: str, where: str) -> None:
        self.shown = shown
        self.where = where
        self.problems: list[str] = []

    def error(self, line: int, col: int, message: str) -> None:
        self.problems.append(f"{self.shown}:{line}:{col}: {one_line(message)}")

    def check(self, root: Node) -> list[IndexEntry]:
        if not isinstance(root, MappingNode):
            self.error(root.line, root.col, "an index is a mapping with prepdeck-index and decks")
            return []
        self._unknown_keys(root, TOP_KEYS, "an index")
        fields = {key: value for key, (_, value) in root.entries.items()}
        version = fields.get("prepdeck-index")
        if version is None:
            self.error(root.line, root.col, "missing prepdeck-index (add prepdeck-index: 1)")
            return []
        if not (isinstance(version, Scalar) and version.plain and version.value.isdigit()):
            self.error(version.line, version.col, "prepdeck-index must be an unquoted integer")
            return []
        if int(version.value) > INDEX_FORMAT:
            self.error(
                version.line,
                version.col,
                f"prepdeck-index {version.value} is newer than this prepdeck reads "
                f"({INDEX_FORMAT}); upgrade prepdeck",
            )
            return []
        decks = fields.get("decks")
        if decks is None:
            self.error(root.line, root.col, "missing decks (a list of the decks offered)")
            return []
        if not isinstance(decks, SequenceNode):
            self.error(decks.line, decks.col, "decks must be a list")
            return []

        def repeated(node: Node, entry: IndexEntry, first: int) -> None:
            self.error(
                node.line,
                node.col,
                f"deck id {quote(entry.id)} is listed twice (first at line {first})",
            )

        return read_each_once(decks.items, self._entry, lambda entry: entry.id, repeated)

    def _unknown_keys(self, node: MappingNode, known: tuple[str, ...], what: str) -> None:
        for key, (scalar, _) in node.entries.items():
            if key not in known:
                close = get_close_matches(key, known, n=1, cutoff=0.6)
                hint = f"; did you mean {close[0]}?" if close else ""
                self.error(scalar.line, scalar.col, f"unknown key {quote(key)} in {what}{hint}")

    def _entry(self, node: Node) -> IndexEntry | None:
        if not isinstance(node, MappingNode):
            self.error(node.line, node.col, "each deck is a mapping (id, title, url, ...)")
            return None
        before = len(self.problems)
        self._unknown_keys(node, ENTRY_KEYS, "a deck entry")
        fields = {key: value for key, (_, value) in node.entries.items()}
        deck_id = self._text(node, fields, "id", required=True)
        if deck_id is not None and not is_valid_id(deck_id):
            place = fields["id"]
            self.error(
                place.line,
                place.col,
                f"{quote(deck_id)} is not a deck id: lower-case letters and digits, words "
                "joined by single dashes, at most 64 characters",
            )
        elif deck_id is not None and deck_id.startswith("my-"):
            place = fields["id"]
            self.error(place.line, place.col, f"{quote(deck_id)}: 'my-' is kept for personal decks")
        title = self._text(node, fields, "title", required=True)
        description = self._text(node, fields, "description", required=False)
        version = self._text(node, fields, "version", required=False)
        if version is not None and _VERSION.fullmatch(version) is None:
            place = fields["version"]
            self.error(place.line, place.col, f"version {quote(version)} is not MAJOR.MINOR.PATCH")
        url = self._text(node, fields, "url", required=True)
        sha256 = self._text(node, fields, "sha256", required=True)
        if sha256 is not None and _SHA256.fullmatch(sha256.lower()) is None:
            place = fields["sha256"]
            self.error(place.line, place.col, "sha256 must be 64 hexadecimal digits")
        license_id = self._text(
            node,
            fields,
            "license",
            required=True,
            why="an index lists only decks that say how others may reuse them",
        )
        tags = self._tags(fields.get("tags"))
        if len(self.problems) > before:
            return None
        assert deck_id and title is not None and url and sha256 and license_id
        return IndexEntry(
            id=deck_id,
            title=title,
            description=(description or "").strip(),
            version=version,
            url=resolve_url(self.where, url),
            sha256=sha256.lower(),
            license=license_id,
            tags=tags,
        )

    def _text(
        self,
        node: MappingNode,
        fields: dict[str, Node],
        key: str,
        *,
        required: bool,
        why: str = "",
    ) -> str | None:
        value = fields.get(key)
        absent = value is None or (
            isinstance(value, Scalar) and value.plain and value.value in _NULLS
        )
        if absent:
            if required:
                label = fields.get("id")
                named = (
                    f" {quote(label.value)}" if isinstance(label, Scalar) and label.value else ""
                )
                reason = f": {why}" if why else ""
                where = node if value is None else value
                self.error(where.line, where.col, f"deck{named} has no {key}{reason}")
            return None
        assert value is not None
        if not isinstance(value, Scalar):
            self.error(value.line, value.col, f"{key} must be text")
            return None
        text = value.value.strip()
        if required and not text:
            self.error(value.line, value.col, f"{key} must not be empty")
            return None
        return text

    def _tags(self, value: Node | None) -> list[str]:
        if value is None or (isinstance(value, Scalar) and value.plain and value.value in _NULLS):
            return []
        if not isinstance(value, SequenceNode):
            self.error(value.line, value.col, "tags must be a list of text")
            return []
        tags: list[str] = []
        for item in value.items:
            if not isinstance(item, Scalar):
                self.error(item.line, item.col, "each tag must be text")
                continue
            tags.append(item.value)
        return tags


def entries_json(entries: Sequence[IndexEntry]) -> str:
    """Checked entries as compact JSON, for ``entries_from_json`` to read back unchecked."""
    return json.dumps([list(entry) for entry in entries], separators=(",", ":"))


def entries_from_json(text: str) -> list[IndexEntry]:
    """The entries ``entries_json`` wrote: trusted, as they were checked before."""
    return [
        IndexEntry(id, title, description, version, url, sha256, license, tags)
        for id, title, description, version, url, sha256, license, tags in json.loads(text)
    ]
