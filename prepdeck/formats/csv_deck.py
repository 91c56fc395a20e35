"""A deck's cards as CSV, for spreadsheets: read with every problem at its line and column,
and written with every column a card has.

One row is one card under a header row that names its columns. ``prompt`` and
``answer`` are required; ``id``, ``kind``, ``points``, ``followups``, ``tags`` and
``seconds`` are optional. Points and follow-ups are separated by ``;`` (``\\;`` is a
semicolon inside one, ``\\\\`` a backslash before a separator), tags by spaces. A card
without an id gets the one a deck file gives an id-less card, from its prompt.
"""

from __future__ import annotations

import csv
import difflib
import io
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

from prepdeck.domain.cards import Card, Kind
from prepdeck.domain.ids import derive_card_id, is_valid_id
from prepdeck.errors import DeckError, TooManyProblems
from prepdeck.formats.deck.loader import MAX_SECONDS
from prepdeck.formats.deck.problems import MAX_PROBLEMS, STOPPED, Problem, Severity, quote

COLUMNS = ("id", "prompt", "answer", "points", "tags", "kind", "followups", "seconds")
"""Every column a CSV deck may have, in the order they are written."""
REQUIRED = ("prompt", "answer")
OWN_ANSWER_COLUMN = "my_answer"
"""Written by ``deck export --with-my-answers``; never read back as the deck's answer."""

Progress = Callable[[int, int], None]
"""Told how many rows are done out of how many there are."""

_SEPARATOR = re.compile(r"\\([\\;])|;")
_NEEDS_ESCAPE = re.compile(r"\\(?=[\\;]|$)")
_KIND_NAMES = ", ".join(kind.value for kind in Kind)


@dataclass(frozen=True, slots=True)
class _Record:
    """One CSV record: its cells, the line it starts on, and its text in the file."""

    cells: list[str]
    line: int
    raw: str

    def start(self, index: int) -> tuple[int, int]:
        """Where the cell ``index`` starts in the file, as (line, column)."""
        # Worked out only for a problem to report: walking every record would slow a
        # large file that has none.
        return _cell_starts(self.raw, self.line)[index]


def read_csv_cards(text: str, path: str, *, progress: Progress | None = None) -> tuple[Card, ...]:
    """The cards of a CSV deck's ``text`` (decoded, BOM removed); ``path`` names the file
    in problems. Raises ``DeckError`` with one ``PATH:LINE:COL: message`` per problem."""
    reader = _Reader(path)
    try:
        cards = reader.cards(text, progress)
    except TooManyProblems:
        reader.problems.append(Problem(path, None, None, Severity.ERROR, STOPPED))
        cards = ()
    if reader.problems:
        raise DeckError([problem.format() for problem in reader.problems])
    return cards


def split_list(cell: str) -> tuple[str, ...]:
    """The items of a ``points`` or ``followups`` cell: split at each ``;`` that is not
    escaped, each trimmed, empty ones dropped."""
    items: list[str] = []
    current: list[str] = []
    position = 0
    for match in _SEPARATOR.finditer(cell):
        current.append(cell[position : match.start()])
        if match.group(1) is not None:
            current.append(match.group(1))
        else:
            items.append("".join(current))
            current = []
        position = match.end()
    current.append(cell[position:])
    items.append("".join(current))
    return tuple(item.strip() for item in items if item.strip())


def join_list(items: tuple[str, ...]) -> str:
    """``items`` as one cell that ``split_list`` reads back."""
    return "; ".join(_NEEDS_ESCAPE.sub(r"\\\\", item).replace(";", "\\;") for item in items)


def tag_word(tag: str) -> str:
    """A tag as one word: a space separates tags in a CSV cell and in Anki, so the spaces
    inside one become underscores."""
    return "_".join(tag.split())


def dump_csv(cards: tuple[Card, ...], *, own_answers: Mapping[str, str] | None = None) -> str:
    """``cards`` as CSV text with every column, and the user's answers in a last
    ``my_answer`` column when ``own_answers`` is given (None leaves the column out)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    header = list(COLUMNS)
    if own_answers is not None:
        header.append(OWN_ANSWER_COLUMN)
    writer.writerow(header)
    for card in cards:
        row = [
            card.id,
            card.prompt,
            card.answer,
            join_list(card.points),
            " ".join(tag_word(tag) for tag in card.tags),
            card.kind.value,
            join_list(card.followups),
            "" if card.seconds is None else str(card.seconds),
        ]
        if own_answers is not None:
            row.append(own_answers.get(card.id, ""))
        writer.writerow(row)
    return buffer.getvalue()


class _Reader:
    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []

    def error(self, line: int, col: int, message: str) -> None:
        self.problems.append(Problem(self.path, line, col, Severity.ERROR, message))
        if len(self.problems) >= MAX_PROBLEMS:
            raise TooManyProblems

    def cards(self, text: str, progress: Progress | None) -> tuple[Card, ...]:
        records = self._records(text)
        if records is None:
            return ()
        header, rows = records[0], records[1:]
        columns = self._header(header)
        if columns is None:
            return ()
        if not rows:
            self.error(header.line, 1, "no cards: add a row under the header for each card")
        cards: list[Card] = []
        first_at: dict[str, int] = {}
        for done, record in enumerate(rows, start=1):
            card = self._card(record, columns)
            if card is not None:
                if card.id in first_at:
                    what = "card id" if card.explicit_id else "card id derived from the prompt"
                    self.error(
                        record.line,
                        1,
                        f"duplicate {what} '{card.id}' (first at line {first_at[card.id]})",
                    )
                else:
                    first_at[card.id] = record.line
                    cards.append(card)
            if progress is not None:
                progress(done, len(rows))
        return tuple(cards)

    def _records(self, text: str) -> list[_Record] | None:
        """Every record that is not blank, or None when the file is no CSV to read."""
        consumed: list[str] = []
        line_count = 0

        def lines() -> Iterator[str]:
            nonlocal line_count
            for line in io.StringIO(text, newline=""):
                consumed.append(line)
                line_count += 1
                yield line

        reader = csv.reader(lines(), strict=True)
        records: list[_Record] = []
        while True:
            start = line_count + 1
            consumed.clear()
            try:
                cells = next(reader)
            except StopIteration:
                break
            except csv.Error as error:
                self.error(start, 1, f"not readable as CSV: {error}")
                return None
            if any(cell.strip() for cell in cells):
                records.append(_Record(cells, start, "".join(consumed)))
        if not records:
            self.problems.append(
                Problem(self.path, None, None, Severity.ERROR, "empty: a header row is needed")
            )
            return None
        return records

    def _header(self, header: _Record) -> dict[str, int] | None:
        """Column name to index, or None when the header is refused."""
        columns: dict[str, int] = {}
        ok = True
        for index, raw in enumerate(header.cells):
            name = raw.strip().lower()
            line, col = header.start(index)
            if name in COLUMNS:
                if name in columns:
                    self.error(line, col, f"column '{name}' appears twice")
                    ok = False
                columns[name] = index
            elif name == OWN_ANSWER_COLUMN:
                self.error(
                    line,
                    col,
                    f"column '{name}' holds your own answers, which deck import does not "
                    "read; remove the column",
                )
                ok = False
            elif len(header.cells) == 1 and (";" in raw or "\t" in raw):
                self.error(
                    line,
                    col,
                    "the header is one column: separate the columns with commas, "
                    "not semicolons or tabs",
                )
                return None
            else:
                hint = difflib.get_close_matches(name, COLUMNS, n=1)
                advice = f"did you mean '{hint[0]}'? " if hint else ""
                self.error(
                    line,
                    col,
                    f"unknown column {quote(raw)}; {advice}(columns: {', '.join(COLUMNS)})",
                )
                ok = False
        for name in REQUIRED:
            if name not in columns:
                self.error(
                    header.line,
                    1,
                    f"the header has no '{name}' column; the first row must name the "
                    "columns, 'prompt' and 'answer' among them",
                )
                ok = False
        return columns if ok else None

    def _card(self, record: _Record, columns: dict[str, int]) -> Card | None:
        cells = record.cells
        if len(cells) > len(columns):
            line, col = record.start(len(columns))
            self.error(
                line,
                col,
                f"this row has {len(cells)} cells, but the header names {len(columns)} columns",
            )
            return None

        def cell(name: str) -> str:
            index = columns.get(name)
            return cells[index] if index is not None and index < len(cells) else ""

        def at(name: str) -> tuple[int, int]:
            index = columns[name]
            return record.start(index) if index < len(cells) else (record.line, 1)

        ok = True
        prompt = cell("prompt")
        if not prompt.strip():
            self.error(*at("prompt"), "prompt is empty; every card needs one")
            ok = False
        answer = cell("answer")
        if not answer.strip():
            self.error(*at("answer"), "answer is empty; every card needs one")
            ok = False

        kind = Kind.QUESTION
        kind_text = cell("kind").strip()
        if kind_text:
            try:
                kind = Kind(kind_text.lower())
            except ValueError:
                hint = difflib.get_close_matches(kind_text.lower(), list(Kind), n=1)
                advice = f"did you mean '{hint[0]}'? " if hint else ""
                self.error(
                    *at("kind"),
                    f"unknown kind {quote(kind_text)}; {advice}(kinds: {_KIND_NAMES})",
                )
                ok = False

        seconds: int | None = None
        seconds_text = cell("seconds").strip()
        if seconds_text:
            if not seconds_text.isdecimal() or not 1 <= int(seconds_text) <= MAX_SECONDS:
                self.error(
                    *at("seconds"),
                    f"seconds {quote(seconds_text)} must be a whole number from 1 to "
                    f"{MAX_SECONDS:,}",
                )
                ok = False
            else:
                seconds = int(seconds_text)

        card_id = cell("id").strip()
        explicit = bool(card_id)
        if not explicit:
            card_id = derive_card_id(prompt)
        elif not is_valid_id(card_id):
            self.error(
                *at("id"),
                f"card id {quote(card_id)} is not a valid id: use lowercase letters, "
                "digits and single hyphens (at most 64 characters), or leave it empty",
            )
            ok = False
        if not ok:
            return None
        return Card(
            id=card_id,
            prompt=prompt,
            answer=answer,
            kind=kind,
            points=split_list(cell("points")),
            followups=split_list(cell("followups")),
            tags=tuple(cell("tags").split()),
            seconds=seconds,
            explicit_id=explicit,
        )


def _cell_starts(raw: str, first_line: int) -> list[tuple[int, int]]:
    """Where each cell of the record ``raw`` starts, as (line, column), 1-based.

    The record is walked as the csv module reads it: a comma outside quotes ends a cell;
    a doubled quote inside quotes is one quote, and toggling twice leaves the state as it
    was, so it needs no case of its own.
    """
    starts = [(first_line, 1)]
    line, col = first_line, 1
    quoted = False
    for index, character in enumerate(raw):
        if character == '"':
            quoted = not quoted
        elif character == "," and not quoted:
            starts.append((line, col + 1))
        # Lines end as the reader splits them: at \n, \r\n or a lone \r.
        if character == "\n" or (character == "\r" and raw[index + 1 : index + 2] != "\n"):
            line, col = line + 1, 1
        else:
            col += 1
    return starts
