"""Anki packages (``.apkg``): the zip checked, its collection copied into a private
temporary directory, and the notes, cards, decks and review log read from it.

A package holds one SQLite collection under one of three names. Current Anki writes
``collection.anki21b``, zstd-compressed in a frame that declares no size, beside a
placeholder ``collection.anki2`` telling older versions to upgrade; older versions wrote
``collection.anki21`` or ``collection.anki2`` alone. The newest name present is read.
Nothing is extracted by the names the zip gives: the collection is streamed, within a
size limit, to a fixed name inside a directory only this user can read, and every member
name is checked all the same, so a package built to escape is refused rather than read.
"""

from __future__ import annotations

import html
import json
import re
import sqlite3
import tempfile
import zipfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from typing import IO, NamedTuple

from prepdeck.errors import FileError

MAX_ENTRIES = 50_000
"""Members a package may hold (media files included)."""
MAX_TOTAL_BYTES = 4 * 2**30
"""What all members together may declare, uncompressed."""
MAX_COLLECTION_BYTES = 1 * 2**30
"""How large the collection may be once decompressed."""

COLLECTION_NAMES = ("collection.anki21b", "collection.anki21", "collection.anki2")
"""The collection's names, newest first: the first one present is read."""
_ZSTD_NAMES = frozenset({"collection.anki21b"})
_CHUNK = 2**20

FIELD_SEPARATOR = "\x1f"
_SEPARATOR = "\x1e"
"""Between the fields joined to be converted at once; Anki's own separator is \\x1f."""
_MODERN_DECK_SEPARATOR = "\x1f"
DECK_PATH_SEPARATOR = "::"


class AnkiNote(NamedTuple):
    id: int
    guid: str
    fields: tuple[str, ...]
    tags: tuple[str, ...]


class AnkiCard(NamedTuple):
    id: int
    note_id: int
    deck_id: int
    """The card's home deck: the original one for a card lent to a filtered deck."""
    ord: int


class AnkiReview(NamedTuple):
    id: int
    """The moment of the review, in milliseconds since the epoch."""
    card_id: int
    ease: int
    """1 Again to 4 Easy; 0 for an entry made by hand (rescheduled, forgotten)."""
    type: int
    """0 learning, 1 review, 2 relearning, 3 filtered, 4 manual, 5 rescheduled."""
    time_ms: int


class AnkiCollection(NamedTuple):
    decks: dict[int, str]
    """Each deck's full path, its parts joined by ``::``."""
    notes: list[AnkiNote]
    cards: list[AnkiCard]
    """Each note's first card (the lowest ``ord``): the one a note is imported as."""
    reviews: list[AnkiReview]


def read_package(
    path: str | Path, *, with_reviews: bool, shown: str | None = None
) -> AnkiCollection:
    """The collection of the package at ``path``; any problem is a one-line
    ``FileError`` starting with ``shown`` (the path as the user gave it)."""
    where = shown if shown is not None else str(path)
    with collection_copy(path, where) as database:
        try:
            return _read_collection(database, with_reviews=with_reviews)
        except sqlite3.DatabaseError as error:
            raise FileError(f"{where}: not a readable Anki collection ({error})") from None
        except (ValueError, KeyError, TypeError) as error:
            raise FileError(f"{where}: damaged Anki collection ({error})") from None


@contextmanager
def collection_copy(path: str | Path, where: str) -> Iterator[Path]:
    """The package's collection as a SQLite file in a private temporary directory,
    removed on leaving."""
    try:
        archive = zipfile.ZipFile(path)
    except FileNotFoundError:
        raise FileError(f"{where}: no such file") from None
    except IsADirectoryError:
        raise FileError(f"{where}: is a directory, not an Anki package") from None
    except (zipfile.BadZipFile, OSError, ValueError):
        raise FileError(f"{where}: not an Anki package (not a zip file)") from None
    with archive:
        member = _checked_collection_member(archive, where)
        # mkdtemp makes the directory readable by this user alone.
        with tempfile.TemporaryDirectory(prefix="prepdeck-apkg-") as directory:
            target = Path(directory) / "collection.sqlite"
            try:
                with archive.open(member) as source, target.open("wb") as out:
                    _copy_bounded(source, out, member.filename in _ZSTD_NAMES, where)
            except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError) as error:
                raise FileError(f"{where}: damaged Anki package ({error})") from None
            yield target


def _checked_collection_member(archive: zipfile.ZipFile, where: str) -> zipfile.ZipInfo:
    members = archive.infolist()
    if len(members) > MAX_ENTRIES:
        raise FileError(
            f"{where}: refused, {len(members)} entries in the package (the limit is {MAX_ENTRIES})"
        )
    total = 0
    by_name: dict[str, zipfile.ZipInfo] = {}
    for member in members:
        if not _is_safe_name(member.filename):
            raise FileError(f"{where}: refused, unsafe entry name {member.filename!r}")
        total += member.file_size
        by_name[member.filename] = member
    if total > MAX_TOTAL_BYTES:
        raise FileError(
            f"{where}: refused, its entries declare {_megabytes(total)} MB (the limit is "
            f"{MAX_TOTAL_BYTES // 2**20} MB)"
        )
    for name in COLLECTION_NAMES:
        if name in by_name:
            member = by_name[name]
            if member.file_size > MAX_COLLECTION_BYTES:
                raise FileError(f"{where}: refused, {_too_large(member.file_size)}")
            return member
    raise FileError(f"{where}: not an Anki package (no collection inside)")


def _is_safe_name(name: str) -> bool:
    """A plain relative name: no drive, no root, no parent step, no backslash."""
    if not name or "\\" in name or "\x00" in name or name.startswith("/"):
        return False
    if re.match(r"[A-Za-z]:", name):
        return False
    return ".." not in PurePosixPath(name).parts


def _copy_bounded(source: IO[bytes], out: IO[bytes], zstd: bool, where: str) -> None:
    """Copy (and decompress) ``source`` into ``out``, refusing past the size limit: a
    zstd frame without a declared size is only known by reading it."""
    reader: IO[bytes] = source
    if zstd:
        import zstandard

        try:
            reader = zstandard.ZstdDecompressor().stream_reader(source)
            written = _pump(reader, out, where)
        except zstandard.ZstdError as error:
            raise FileError(f"{where}: damaged Anki package ({error})") from None
    else:
        written = _pump(reader, out, where)
    if written == 0:
        raise FileError(f"{where}: not an Anki package (its collection is empty)")


def _pump(reader: IO[bytes], out: IO[bytes], where: str) -> int:
    written = 0
    while chunk := reader.read(_CHUNK):
        written += len(chunk)
        if written > MAX_COLLECTION_BYTES:
            raise FileError(f"{where}: refused, {_too_large(written, at_least=True)}")
        out.write(chunk)
    return written


def _too_large(size: int, *, at_least: bool = False) -> str:
    more = "over " if at_least else ""
    return (
        f"its collection is {more}{_megabytes(size)} MB (the limit is "
        f"{MAX_COLLECTION_BYTES // 2**20} MB)"
    )


def _megabytes(size: int) -> int:
    return -(-size // 2**20)


# -- the collection -------------------------------------------------------------------------


def _read_collection(database: Path, *, with_reviews: bool) -> AnkiCollection:
    connection = sqlite3.connect(f"{database.as_uri()}?mode=ro", uri=True)
    try:
        connection.execute("PRAGMA query_only = ON")
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
        if "notes" not in tables or "cards" not in tables:
            raise sqlite3.DatabaseError("no notes or cards table")
        decks = _modern_decks(connection) if "decks" in tables else _legacy_decks(connection)
        # A package's notes share a few sets of tags: each is split once.
        tag_sets: dict[str, tuple[str, ...]] = {}
        notes = [
            AnkiNote(
                number,
                guid,
                tuple(fields.split(FIELD_SEPARATOR)),
                tag_sets.get(tags) or tag_sets.setdefault(tags, tuple(tags.split())),
            )
            for number, guid, fields, tags in connection.execute(
                "SELECT id, guid, flds, tags FROM notes ORDER BY id"
            )
        ]
        # SQLite takes the other columns of a min() group from the row that holds it.
        cards = list(
            map(
                AnkiCard._make,
                connection.execute(
                    "SELECT id, nid, CASE WHEN odid != 0 THEN odid ELSE did END, min(ord) "
                    "FROM cards GROUP BY nid ORDER BY nid"
                ),
            )
        )
        reviews = (
            [
                AnkiReview(*row)
                for row in connection.execute(
                    "SELECT id, cid, ease, type, time FROM revlog ORDER BY id"
                )
            ]
            if with_reviews and "revlog" in tables
            else []
        )
    finally:
        connection.close()
    return AnkiCollection(decks, notes, cards, reviews)


def _modern_decks(connection: sqlite3.Connection) -> dict[int, str]:
    return {
        number: DECK_PATH_SEPARATOR.join(name.split(_MODERN_DECK_SEPARATOR))
        for number, name in connection.execute("SELECT id, name FROM decks")
    }


def _legacy_decks(connection: sqlite3.Connection) -> dict[int, str]:
    row = connection.execute("SELECT decks FROM col").fetchone()
    if row is None:
        raise sqlite3.DatabaseError("no collection row")
    decks = json.loads(row[0])
    return {int(number): str(deck["name"]) for number, deck in decks.items()}


# -- field text -----------------------------------------------------------------------------

_BLOCK_TAGS = frozenset(
    {
        "address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "figcaption",
        "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "ol",
        "p", "pre", "section", "table", "tr", "ul",
    }
)  # fmt: skip
_DROPPED_WITH_CONTENT = frozenset({"script", "style", "audio", "video", "object"})
_SOUND = re.compile(r"\[sound:[^\]\x1e]*\]")
_SPACE_LIKE = str.maketrans("\t\r\f\v\xa0", "     ")
_RUNS_OF_SPACES = re.compile("  +")
_BLANK_LINES = re.compile(r"\n{3,}")


class _TextCollector(HTMLParser):
    """Gathers the text of a field: block tags and ``<br>`` become line breaks, media
    and scripts are dropped, entities are unescaped by the parser itself."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _DROPPED_WITH_CONTENT:
            self._skipping += 1
        else:
            self._break(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._break(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROPPED_WITH_CONTENT:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _BLOCK_TAGS:
            self._break(tag)

    def _break(self, tag: str) -> None:
        # Each <br> is a line break; the edge of a block only ends the line, so one
        # block after another is not a blank line between them.
        ends_line = bool(self.parts) and not self.parts[-1].endswith("\n")
        if tag == "br" or (tag in _BLOCK_TAGS and ends_line):
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def html_to_text(field: str) -> str:
    """A field's HTML as plain text: line breaks kept, spaces within a line collapsed,
    sound tags and media dropped."""
    return fields_to_text([field])[0]


def fields_to_text(fields: Sequence[str]) -> list[str]:
    """``html_to_text`` of each field, all at once.

    A package has tens of thousands of fields, mostly a few ``<div>``, ``<br>`` and
    ``<b>``: the standard library's parser takes several times as long over them as the
    whole rest of an import, and so does running regular expressions field by field. So
    the fields are joined and their plain tags rewritten in a few passes over the whole
    text; a field with anything else in it (a comment, a script, a stray ``<``) is read
    by the parser alone.
    """
    joined = _SEPARATOR.join(fields)
    if "[sound:" in joined:
        joined = _SOUND.sub("", joined)
    if (
        joined.count(_SEPARATOR) != len(fields) - 1
        or _BLOCK_EDGE in joined
        or _REMOVED_TAG in joined
    ):
        return [field_text_by_parser(field) for field in fields]
    # Text and tag names in turn: each name is looked up in a table holding every name
    # the fields use, so that the lookups run without a line of Python per tag.
    pieces = _TAG.split(joined)
    names = pieces[1::2]
    if not "".join(names).islower():
        names = [name.lower() for name in names]
    table = _TAG_TEXT | dict.fromkeys(set(names).difference(_TAG_TEXT), _REMOVED_TAG)
    pieces[1::2] = map(table.__getitem__, names)
    marked = "".join(pieces)
    stray = "<" in marked
    # References are read while each tag still leaves a mark: as in the parser, "&" and
    # "amp;" on either side of a tag are no reference. They are read before the blocks'
    # edges are, as the parser has read them before it meets the next tag.
    marked = _unescape(marked).replace(_REMOVED_TAG, "")
    # As in the parser: a block's edge ends the line, unless it has just ended.
    marked = _EDGES_AFTER_FIELD.sub(_SEPARATOR, _EDGES_AFTER_LINE.sub("\n", marked))
    marked = marked.lstrip(_BLOCK_EDGE)
    while _BLOCK_EDGE * 2 in marked:
        marked = marked.replace(_BLOCK_EDGE * 2, _BLOCK_EDGE)
    texts = _tidy(marked.replace(_BLOCK_EDGE, "\n")).split(_SEPARATOR)
    if stray or not _DROPPED_WITH_CONTENT.isdisjoint(names):
        for number, field in enumerate(fields):
            if _DROPPED_TAG.search(field) is not None or "<" in _TAG.sub("", field):
                texts[number] = field_text_by_parser(field)
    return [text.strip() for text in texts]


_COMMON_ENTITIES = {
    "&amp;": "&", "&nbsp;": "\xa0", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'",
}  # fmt: skip
"""The references Anki's editor writes, the most frequent first."""


def _unescape(text: str) -> str:
    """``html.unescape``, without a call of Python per reference when every ``&`` starts
    one of the common ones (which then cannot overlap)."""
    unread = text.count("&")
    if not unread:
        return text
    present: list[str] = []
    for entity in _COMMON_ENTITIES:
        found = text.count(entity)
        if found:
            present.append(entity)
            unread -= found
            if not unread:
                break
    if unread:
        return html.unescape(text)
    # "&amp;" last, so that no "&" it gives back is read again.
    for entity in sorted(present, key=lambda entity: entity == "&amp;"):
        text = text.replace(entity, _COMMON_ENTITIES[entity])
    return text


def field_text_by_parser(field: str) -> str:
    """``html_to_text`` by the standard library's parser alone: what the faster way
    must give."""
    return _tidy(parsed_html_text(_SOUND.sub("", field))).strip()


def _tidy(text: str) -> str:
    """Spaces within each line collapsed, the lines trimmed, blank lines one at most."""
    spaced = text.translate(_SPACE_LIKE)
    if "  " in spaced:
        spaced = _RUNS_OF_SPACES.sub(" ", spaced)
    trimmed = spaced.replace(" \n", "\n").replace("\n ", "\n")
    return _BLANK_LINES.sub("\n\n", trimmed) if "\n\n\n" in trimmed else trimmed


def parsed_html_text(field: str) -> str:
    """The text of any HTML, by the standard library's parser."""
    collector = _TextCollector()
    collector.feed(field)
    collector.close()
    return "".join(collector.parts)


_TAG = re.compile(
    r"""<(/?[a-zA-Z][a-zA-Z0-9]*+)(?:[^\S\x1e](?:[^<>"'\x1e]++|"[^"\x1e]*+"|'[^'\x1e]*+')*+)?+/?>"""
)
"""A plain start or end tag, its name (with the slash of an end tag) captured; never
across the separator of joined fields (which Python counts as white space). The
quantifiers are possessive: what each takes could never be given back to make a tag
match, and not keeping the places to go back to makes the search a tenth faster."""
_BLOCK_EDGE = "\x00"
_REMOVED_TAG = "\x01"
"""Where a tag that leaves no text was, until the references are read."""
_TAG_TEXT = {
    "br": "\n",
    **{name: _BLOCK_EDGE for name in _BLOCK_TAGS},
    **{f"/{name}": _BLOCK_EDGE for name in _BLOCK_TAGS},
}
"""What a tag leaves in the text: a line break, a block's edge, or (any other) nothing."""
_DROPPED_TAG = re.compile(
    r"<(?:" + "|".join(sorted(_DROPPED_WITH_CONTENT)) + r")(?=[\s/>])", re.IGNORECASE
)
_EDGES_AFTER_LINE = re.compile("\n" + _BLOCK_EDGE + "+")
_EDGES_AFTER_FIELD = re.compile(_SEPARATOR + _BLOCK_EDGE + "+")


_CLOZE = re.compile(r"\{\{c\d+::(.*?)(?:::(.*?))?\}\}", re.DOTALL)


def has_cloze(text: str) -> bool:
    # Most notes have no deletion: a substring test rules them out faster than the search.
    return "{{c" in text and _CLOZE.search(text) is not None


def cloze_question(text: str) -> str:
    """Each deletion hidden as ``[...]``, or as ``[hint]`` when it has one."""
    return _CLOZE.sub(lambda match: f"[{match.group(2) or '...'}]", text)


def cloze_answer(text: str) -> str:
    """The text with every deletion shown."""
    return _CLOZE.sub(lambda match: match.group(1), text)
