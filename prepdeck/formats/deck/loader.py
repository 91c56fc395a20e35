"""Read a deck file into a checked Deck, collecting every problem with its position."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from prepdeck.domain.cards import FORMAT_VERSION, Card, Deck, Kind, Source, is_personal_deck_id
from prepdeck.domain.ids import derive_card_id, is_valid_id, prompt_key
from prepdeck.errors import DeckFileError, ExtraDocumentError, TooManyProblems, YamlSyntaxError
from prepdeck.formats.bounded import read_bounded
from prepdeck.formats.deck.licenses import LicenseCheck, check_license
from prepdeck.formats.deck.problems import MAX_PROBLEMS, STOPPED, Problem, Severity, quote
from prepdeck.formats.deck.syntax_hints import explain
from prepdeck.formats.deck.yamltree import (
    Invalid,
    MappingNode,
    Node,
    Scalar,
    SequenceNode,
    gc_paused,
    read_tree,
)

DECK_KEYS = (
    "prepdeck",
    "id",
    "title",
    "description",
    "author",
    "license",
    "version",
    "tags",
    "based_on",
    "cards",
)
CARD_KEYS = ("id", "kind", "prompt", "answer", "points", "followups", "tags", "seconds")
SOURCE_KEYS = ("title", "url", "license")

LONG_ANSWER = 2_000
MAX_SECONDS = 86_400

_VERSION = re.compile(r"(?:0|[1-9][0-9]*)\.(?:0|[1-9][0-9]*)\.(?:0|[1-9][0-9]*)")
_VERSION_WITH_ZEROS = re.compile(r"([0-9]+)\.([0-9]+)\.([0-9]+)")
_SPDX_EXPECTED = "an SPDX identifier, e.g. CC-BY-4.0"
_DECIMAL = re.compile(r"[0-9]+")
_KIND_NAMES = ", ".join(kind.value for kind in Kind)


@dataclass(frozen=True, slots=True)
class _ReadCard:
    """What was read of one card: the card when it is valid, and its id and prompt when
    those could be read, for the checks across cards."""

    card: Card | None
    card_id: str | None
    explicit_id: bool
    prompt: str | None


@dataclass(frozen=True, slots=True)
class LoadResult:
    path: str
    deck: Deck | None
    problems: tuple[Problem, ...]
    unlisted_warnings: int = 0
    """Warnings past the cap, left out of ``problems`` but for its last line, which
    counts them."""

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity is Severity.WARNING)

    def ok(self, strict: bool = False) -> bool:
        return self.deck is not None and not (self.warnings if strict else ())


def load_deck(path: str | Path, *, allow_personal: bool = False) -> LoadResult:
    """Load the deck at ``path``; unreadable files become problems, not exceptions.

    A ``my-*`` deck id is refused unless ``allow_personal`` is set: only prepdeck's own
    personal decks may carry one, and they are judged by their looser rules (an answer
    may be empty, points are not asked for).
    """
    shown = str(path)
    try:
        data = read_deck_file(path)
    except DeckFileError as error:
        return _refused(shown, error.message)
    return load_deck_bytes(data, shown, allow_personal=allow_personal)


MAX_DECK_BYTES = 64 * 1024 * 1024
"""The largest deck file read: five times a 10,000-card deck of long answers."""

MAX_NODES = 1_000_000
"""The most YAML nodes read from one file: six times a 10,000-card deck. Bytes alone do
not bound the work, since 64 MB of ``[a,a,a,...]`` is 32 million values."""


def read_deck_file(path: str | Path) -> bytes:
    """The bytes of the deck file at ``path``: never waits on a pipe, never reads past the
    size limit. Raises DeckFileError."""
    return read_bounded(path, limit=MAX_DECK_BYTES, what="a deck file")


def load_deck_bytes(data: bytes, path: str, *, allow_personal: bool = False) -> LoadResult:
    """Check and convert a deck given as the bytes of its file; ``path`` names it in
    problems. ``allow_personal`` as for ``load_deck``."""
    with gc_paused():
        return _load(data, path, allow_personal)


def _load(data: bytes, path: str, allow_personal: bool) -> LoadResult:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if b"\x00" in data:
        return _refused(path, "not UTF-8 text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return _refused(path, "not UTF-8 text")
    if not text.strip():
        return _refused(path, "empty file")
    try:
        tree = read_tree(data, MAX_PROBLEMS, MAX_NODES)
    except YamlSyntaxError as error:
        return _syntax_refusal(path, text, error)
    except ExtraDocumentError as error:
        return LoadResult(
            path,
            None,
            (
                Problem(
                    path,
                    error.line,
                    error.col,
                    Severity.ERROR,
                    "a deck file holds one YAML document; remove this second one",
                ),
            ),
        )
    if tree.root is None or (
        isinstance(tree.root, Scalar) and tree.root.plain and not tree.root.value
    ):
        return _refused(path, "empty file")
    checker = _DeckChecker(path, allow_personal)
    deck: Deck | None = None
    try:
        for issue in tree.issues:
            checker.error(issue.line, issue.col, issue.message)
        if tree.stopped is None:
            deck = checker.check(tree.root)
        elif tree.stopped == "issues":
            # The tree is only partly built: judging it would report keys as missing.
            raise TooManyProblems
    except TooManyProblems:
        checker.stopped = True
    problems = checker.sorted_problems()
    unlisted = 0 if checker.stopped else checker.dropped_warnings
    return LoadResult(path, None if checker.failed else deck, problems, unlisted)


def _refused(path: str, message: str) -> LoadResult:
    return LoadResult(path, None, (Problem(path, None, None, Severity.ERROR, message),))


def _syntax_refusal(path: str, text: str, error: YamlSyntaxError) -> LoadResult:
    line, col, message = explain(text, error)
    return LoadResult(path, None, (Problem(path, line, col, Severity.ERROR, message),))


def _closest(word: str, known: Iterable[str]) -> str | None:
    matches = difflib.get_close_matches(word, list(known), n=1, cutoff=0.6)
    return matches[0] if matches else None


class _DeckChecker:
    """Walks the tree once, turning it into a Deck and noting every problem on the way."""

    def __init__(self, path: str, allow_personal: bool) -> None:
        self.path = path
        self.allow_personal = allow_personal
        self.problems: list[Problem] = []
        # Any error at all, kept or not: the deck is refused.
        self.failed = False
        self.stopped = False
        # Warnings past the cap in a deck that may still load: counted, not kept.
        self.dropped_warnings = 0

    def error(self, line: int, col: int, message: str) -> None:
        self._add(Problem(self.path, line, col, Severity.ERROR, message))

    def warn(self, line: int, col: int, message: str) -> None:
        if len(self.problems) >= MAX_PROBLEMS and not self.failed:
            self.dropped_warnings += 1
            return
        self._add(Problem(self.path, line, col, Severity.WARNING, message))

    def _add(self, problem: Problem) -> None:
        is_error = problem.severity is Severity.ERROR
        self.failed = self.failed or is_error
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(problem)
            return
        if not self.failed:
            # A deck with only warnings still loads, so its walk goes on to the end.
            self.dropped_warnings += 1
            return
        if is_error:
            # A refused deck shows at least one error, even when warnings came first.
            for index in range(len(self.problems) - 1, -1, -1):
                if self.problems[index].severity is Severity.WARNING:
                    self.problems[index] = problem
                    break
        raise TooManyProblems

    def sorted_problems(self) -> tuple[Problem, ...]:
        ordered = sorted(self.problems, key=lambda p: (p.line or 0, p.col or 0))
        if self.stopped:
            ordered.append(Problem(self.path, None, None, Severity.ERROR, STOPPED))
        elif self.dropped_warnings:
            ordered.append(
                Problem(
                    self.path,
                    None,
                    None,
                    Severity.WARNING,
                    f"{self.dropped_warnings:,} more warnings not shown",
                )
            )
        return tuple(ordered)

    # -- shapes -------------------------------------------------------------------------

    def _known_keys(self, node: MappingNode, known: tuple[str, ...], what: str) -> None:
        for key, (key_node, _) in node.entries.items():
            if key in known:
                continue
            hint = _closest(key, known)
            advice = f"did you mean '{hint}'?" if hint else "known keys: " + ", ".join(known)
            self.error(key_node.line, key_node.col, f"unknown key {quote(key)} in {what}; {advice}")

    def _missing(self, node: MappingNode, key: str, what: str) -> None:
        self.error(node.line, node.col, f"{what} is missing the required key '{key}'")

    def _text(self, node: Node, key: str, *, required: bool) -> str | None:
        """A text value as typed; None when absent-by-emptiness or wrong (already reported)."""
        if isinstance(node, Scalar):
            if not node.value.strip() and (node.plain or required):
                if required:
                    self.error(node.line, node.col, f"{key} must not be empty")
                return None
            return node.value
        if isinstance(node, Invalid):
            return None
        self.error(node.line, node.col, f"{key} must be text, not a {_shape(node)}")
        return None

    def _text_list(self, node: Node, key: str) -> tuple[str, ...] | None:
        """The texts of a list; None when the list or any item in it is refused (and
        already reported), so no other problem is inferred from what is left."""
        if isinstance(node, Scalar) and node.plain and not node.value:
            return ()
        if not isinstance(node, SequenceNode):
            if not isinstance(node, Invalid):
                self.error(node.line, node.col, f"{key} must be a list of text, not {_a(node)}")
            return None
        values: list[str] = []
        for item in node.items:
            if isinstance(item, Scalar):
                if item.value.strip():
                    values.append(item.value)
                else:
                    self.error(item.line, item.col, f"{key} must not hold an empty item")
            elif not isinstance(item, Invalid):
                self.error(item.line, item.col, f"{key} items must be text, not {_a(item)}")
        return tuple(values) if len(values) == len(node.items) else None

    def _integer(self, node: Node, key: str) -> int | None:
        if isinstance(node, Scalar) and node.plain and _DECIMAL.fullmatch(node.value):
            return int(node.value)
        if not isinstance(node, Invalid):
            self.error(node.line, node.col, f"{key} must be an unquoted whole number")
        return None

    def _identifier(self, node: Node, what: str) -> str | None:
        value = self._text(node, what, required=True)
        if value is None:
            return None
        if not is_valid_id(value):
            assert isinstance(node, Scalar)
            self.error(
                node.line,
                node.col,
                f"{what} {quote(value)} is not a valid id: use lowercase letters, digits and "
                "single hyphens (at most 64 characters), e.g. 'why-hire-you'",
            )
            return None
        return value

    # -- the deck ----------------------------------------------------------------------

    def check(self, root: Node) -> Deck | None:
        if not isinstance(root, MappingNode):
            line, col = root.line, root.col
            self.error(
                line,
                col,
                "the top level must be a mapping of deck keys (prepdeck, id, title, cards, ...), "
                f"not {_a(root)}",
            )
            return None
        entries = {key: value for key, (_, value) in root.entries.items()}
        if not self._format_supported(root, entries.get("prepdeck")):
            return None
        self._known_keys(root, DECK_KEYS, "the deck")

        deck_id = None
        if "id" in entries:
            deck_id = self._identifier(entries["id"], "deck id")
        else:
            self._missing(root, "id", "the deck")
        title = None
        if "title" in entries:
            title = self._text(entries["title"], "title", required=True)
        else:
            self._missing(root, "title", "the deck")
        optional: dict[str, str | None] = {
            key: self._text(entries[key], key, required=False)
            for key in ("description", "author", "license", "version")
            if key in entries
        }
        license_ = optional.get("license")
        if license_ is not None and not self._check_license(
            entries["license"], license_, "license", refuse=True
        ):
            optional["license"] = None
        self._check_version(entries, optional)
        tags = self._list_field(entries, "tags")
        based_on = self._sources(entries["based_on"]) if "based_on" in entries else ()

        personal = deck_id is not None and self._personal(entries["id"], deck_id)
        cards: tuple[Card, ...] = ()
        if "cards" in entries:
            cards = self._cards(entries["cards"], personal)
        else:
            self._missing(root, "cards", "the deck")
        if deck_id is None or title is None or not cards:
            return None
        return Deck(
            id=deck_id,
            title=title,
            cards=cards,
            description=optional.get("description"),
            author=optional.get("author"),
            license=optional.get("license"),
            version=optional.get("version"),
            tags=tags,
            based_on=based_on,
        )

    def _personal(self, node: Node, deck_id: str) -> bool:
        """Whether the deck is judged as a personal one; a reserved id where none is
        allowed is an error, and the deck is then judged as the shared deck it must
        become under another id."""
        if not is_personal_deck_id(deck_id):
            return False
        if self.allow_personal:
            return True
        self.error(
            node.line,
            node.col,
            f"deck id '{deck_id}' is reserved for personal decks (ids starting with 'my-'); "
            "choose another id",
        )
        return False

    def _format_supported(self, root: MappingNode, node: Node | None) -> bool:
        """False only when the file is of a newer format, whose other keys we cannot judge."""
        if node is None:
            self._missing(root, "prepdeck", "the deck")
            return True
        version = self._integer(node, "prepdeck (the format version)")
        if version is None:
            return True
        assert isinstance(node, Scalar)
        if version > FORMAT_VERSION:
            self.error(
                node.line,
                node.col,
                f"deck format {version} is newer than this prepdeck reads (format "
                f"{FORMAT_VERSION}); update prepdeck to use this deck",
            )
            return False
        if version < 1:
            self.error(node.line, node.col, f"unknown deck format {version}; write 'prepdeck: 1'")
        return True

    def _check_license(self, node: Node, value: str, key: str, *, refuse: bool) -> bool:
        """Report what is wrong with the licence expression ``value``; False when it is
        malformed. That is an error when ``refuse`` is set (the deck's own licence), else
        a warning: a source's licence may predate SPDX, or have no id."""
        check = check_license(value)
        if not check.well_formed:
            hint = f"; {check.hint}" if check.hint else ""
            if refuse:
                self.error(
                    node.line, node.col, f"{key} {quote(value)} must be {_SPDX_EXPECTED}{hint}"
                )
            else:
                self.warn(
                    node.line, node.col, f"{key} {quote(value)} is not {_SPDX_EXPECTED}{hint}"
                )
            return False
        if not check.ok:
            self.warn(node.line, node.col, _license_ids_message(key, value, check))
        return True

    def _check_version(self, entries: dict[str, Node], values: dict[str, str | None]) -> None:
        value = values.get("version")
        if value is None or _VERSION.fullmatch(value):
            return
        node = entries["version"]
        padded = _VERSION_WITH_ZEROS.fullmatch(value)
        if padded:
            # Semantic versions forbid leading zeros: 01.2.3 and 1.2.3 must not both exist.
            plain = ".".join(number.lstrip("0") or "0" for number in padded.groups())
            message = f"version {quote(value)} has a leading zero; write {quote(plain)}"
        else:
            message = f"version {quote(value)} must be MAJOR.MINOR.PATCH, e.g. 1.2.0"
        self.error(node.line, node.col, message)
        values["version"] = None

    def _sources(self, node: Node) -> tuple[Source, ...]:
        if not isinstance(node, SequenceNode):
            if not isinstance(node, Invalid):
                self.error(
                    node.line, node.col, f"based_on must be a list of sources, not {_a(node)}"
                )
            return ()
        sources: list[Source] = []
        for item in node.items:
            if not isinstance(item, MappingNode):
                if not isinstance(item, Invalid):
                    self.error(
                        item.line,
                        item.col,
                        "each based_on entry must be a mapping with title, url and license",
                    )
                continue
            self._known_keys(item, SOURCE_KEYS, "a based_on entry")
            fields = {key: value for key, (_, value) in item.entries.items()}
            title = (
                self._text(fields["title"], "title", required=True) if "title" in fields else None
            )
            if "title" not in fields:
                self._missing(item, "title", "a based_on entry")
            url = self._text(fields["url"], "url", required=False) if "url" in fields else None
            license_ = (
                self._text(fields["license"], "license", required=False)
                if "license" in fields
                else None
            )
            if license_ is not None:
                self._check_license(fields["license"], license_, "based_on license", refuse=False)
            if title is not None:
                sources.append(Source(title=title, url=url, license=license_))
        return tuple(sources)

    # -- cards -------------------------------------------------------------------------

    def _cards(self, node: Node, personal: bool) -> tuple[Card, ...]:
        if not isinstance(node, SequenceNode):
            if not isinstance(node, Invalid):
                self.error(node.line, node.col, f"cards must be a list of cards, not {_a(node)}")
            return ()
        if not node.items:
            self.error(
                node.line, node.col, "cards must not be empty; a deck needs at least one card"
            )
            return ()
        cards: list[Card] = []
        first_id_at: dict[str, int] = {}
        first_prompt_at: dict[str, int] = {}
        complete = True
        for item in node.items:
            read = self._card(item, personal)
            card = read.card
            if card is None:
                complete = False
            # Ids and prompts are compared even for cards with other problems, so every
            # problem of the file is reported at once.
            if read.card_id is not None:
                assert isinstance(item, MappingNode)
                if read.card_id in first_id_at:
                    what = "card id" if read.explicit_id else "card id derived from the prompt"
                    self.error(
                        item.line,
                        item.col,
                        f"duplicate {what} '{read.card_id}' "
                        f"(first at line {first_id_at[read.card_id]})",
                    )
                    complete = False
                else:
                    first_id_at[read.card_id] = item.line
            if read.prompt is not None:
                assert isinstance(item, MappingNode)
                same_prompt = prompt_key(read.prompt)
                if same_prompt in first_prompt_at:
                    self.warn(
                        item.line,
                        item.col,
                        f"this prompt repeats the card at line {first_prompt_at[same_prompt]}",
                    )
                else:
                    first_prompt_at[same_prompt] = item.line
            if card is not None:
                cards.append(card)
        return tuple(cards) if complete else ()

    def _card(self, node: Node, personal: bool) -> _ReadCard:
        if not isinstance(node, MappingNode):
            if not isinstance(node, Invalid):
                self.error(node.line, node.col, f"each card must be a mapping, not {_a(node)}")
            return _ReadCard(None, None, False, None)
        self._known_keys(node, CARD_KEYS, "a card")
        fields = {key: value for key, (_, value) in node.entries.items()}
        ok = True

        prompt = None
        if "prompt" in fields:
            prompt = self._text(fields["prompt"], "prompt", required=True)
        else:
            self._missing(node, "prompt", "this card")
        ok = ok and prompt is not None

        answer: str | None = ""
        if "answer" in fields:
            answer = self._text(fields["answer"], "answer", required=not personal)
            if answer is None and personal and isinstance(fields["answer"], Scalar):
                answer = ""
        elif not personal:
            self._missing(node, "answer", "this card")
            answer = None
        ok = ok and answer is not None

        kind = Kind.QUESTION
        if "kind" in fields:
            kind_text = self._text(fields["kind"], "kind", required=True)
            parsed = _parse_kind(kind_text)
            if kind_text is not None and parsed is None:
                kind_node = fields["kind"]
                hint = _closest(kind_text, [k.value for k in Kind])
                advice = f"did you mean '{hint}'? " if hint else ""
                self.error(
                    kind_node.line,
                    kind_node.col,
                    f"unknown kind {quote(kind_text)}; {advice}(kinds: {_KIND_NAMES})",
                )
            ok = ok and parsed is not None
            kind = parsed or kind

        seconds = None
        if "seconds" in fields:
            seconds = self._seconds(fields["seconds"])
            ok = ok and seconds is not None

        points = self._text_list(fields["points"], "points") if "points" in fields else ()
        followups = self._list_field(fields, "followups")
        tags = self._list_field(fields, "tags")

        card_id: str | None
        explicit = "id" in fields
        if explicit:
            card_id = self._identifier(fields["id"], "card id")
            ok = ok and card_id is not None
        else:
            card_id = derive_card_id(prompt) if prompt is not None else None
        # Warnings come before the verdict: a card with an error has them to fix too.
        if not explicit and card_id is not None:
            self.warn(
                node.line,
                node.col,
                f"card has no id; it gets '{card_id}' from its prompt and loses its history "
                "when the prompt is edited; add an 'id:' line",
            )
        # Points that are there but refused have their own error: no warning on top.
        if points == () and not personal:
            self.warn(node.line, node.col, "card has no points; add the key points to grade by")
        if answer is not None and len(answer) > LONG_ANSWER:
            answer_node = fields["answer"]
            self.warn(
                answer_node.line,
                answer_node.col,
                f"answer is {len(answer):,} characters; keep it under {LONG_ANSWER:,} "
                "so it can be recalled",
            )
        if not ok or prompt is None or answer is None or card_id is None:
            return _ReadCard(None, card_id, explicit, prompt)
        card = Card(
            id=card_id,
            prompt=prompt,
            answer=answer,
            kind=kind,
            points=points or (),
            followups=followups,
            tags=tags,
            seconds=seconds,
            explicit_id=explicit,
        )
        return _ReadCard(card, card_id, explicit, prompt)

    def _list_field(self, fields: dict[str, Node], key: str) -> tuple[str, ...]:
        """An optional list of text: empty when absent or refused."""
        return (self._text_list(fields[key], key) or ()) if key in fields else ()

    def _seconds(self, node: Node) -> int | None:
        value = self._integer(node, "seconds")
        if value is None:
            return None
        if not 1 <= value <= MAX_SECONDS:
            assert isinstance(node, Scalar)
            self.error(node.line, node.col, f"seconds must be between 1 and {MAX_SECONDS:,}")
            return None
        return value


def _parse_kind(text: str | None) -> Kind | None:
    if text is None:
        return None
    try:
        return Kind(text)
    except ValueError:
        return None


def _shape(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "mapping"
    if isinstance(node, SequenceNode):
        return "list"
    return "text"


def _license_ids_message(key: str, value: str, check: LicenseCheck) -> str:
    """What is wrong with the ids of a well-formed licence expression, in one line."""

    def named(ids: tuple[str, ...], singular: str, plural: str) -> str:
        return f"{' and '.join(quote(i) for i in ids)} {singular if len(ids) == 1 else plural}"

    parts = []
    if check.unknown:
        parts.append(
            named(check.unknown, "is", "are") + " not on the SPDX licence list; "
            "a licence of your own is written LicenseRef-NAME"
        )
    if check.exceptions_as_licenses:
        parts.append(
            named(check.exceptions_as_licenses, "is a licence exception", "are licence exceptions")
            + ": an exception goes after WITH, as in Apache-2.0 WITH LLVM-exception"
        )
    if check.licenses_as_exceptions:
        parts.append(
            named(check.licenses_as_exceptions, "is a licence", "are licences")
            + ", not an exception to one: join licences with AND or OR"
        )
    offenders = check.unknown + check.exceptions_as_licenses + check.licenses_as_exceptions
    where = key if offenders == (value,) else f"{key} {quote(value)}:"
    return f"{where} {'; '.join(parts)}"


def _a(node: Node) -> str:
    return {"mapping": "a mapping", "list": "a list", "text": "text"}[_shape(node)]
