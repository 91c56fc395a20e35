"""What to do about a YAML syntax error.

The parser names the symptom ("mapping values are not allowed in this context"); the
author needs the mistake behind it. Each common mistake gives a known symptom, and the
line the error is on tells apart the mistakes that share one, so a short hint naming the
fix is added to the parser's words.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from prepdeck.errors import YamlSyntaxError
from prepdeck.formats.deck.problems import quote
from prepdeck.formats.deck.yamltree import LINE_BREAK

TAB_INDENTATION = "tab used for indentation; indent with spaces"

COLON_IN_VALUE = (
    "a ': ' inside a value starts a new key: put the whole value in quotes, or write it on "
    "the lines below after '|'"
)
KEY_TOO_DEEP = (
    "this key is indented deeper than the line above: line it up with the keys above it "
    "(text that goes on from the line above belongs in quotes or after '|')"
)
INDENTATION = (
    "this line's indentation matches no line above it: line up the keys of one card, and "
    "start every card's '-' at the same column"
)
TEXT_AFTER_QUOTE = "text follows the closing quote or bracket: put the whole value in quotes"
DASH_IN_VALUE = (
    "a value on the key's line cannot start with '- ': put it in quotes, or write the list "
    "on the lines below"
)
BACKSLASH = (
    "inside double quotes a backslash starts an escape: write \\\\ for one, or use single quotes"
)
KEY_WITHOUT_SPACE = (
    "a key needs a colon and a space after it ('prompt: text'); a line that goes on from a "
    "value must be indented deeper than its key"
)
QUESTION_MARK = "a value cannot start with '? ': put it in quotes"
TEXT_AFTER_BAR = "after '|' or '>' the text starts on the next line, indented deeper than its key"
ANCHOR_SIGN = "a value cannot start with '&' or '*': put it in quotes"


class Explained(NamedTuple):
    line: int
    col: int
    message: str


def explain(text: str, error: YamlSyntaxError) -> Explained:
    """Where to report ``error`` in ``text`` (the whole file), and its message with a hint.

    A tab in the indentation at or above the error is the cause whatever the parser
    says, so it is reported alone, at the tab.
    """
    lines = LINE_BREAK.split(text, maxsplit=error.line)[: error.line]
    tab = _tab_indentation(lines)
    if tab is not None:
        return Explained(tab[0], tab[1], TAB_INDENTATION)
    line_text = lines[error.line - 1] if len(lines) >= error.line else ""
    hint = _hint(error, line_text)
    message = error.message if hint is None else f"{error.message}; {hint}"
    return Explained(error.line, error.col, message)


_INDENT = re.compile(r"(?:[ \t]|-(?=[ \t]))*")
_LEADING_INDENT = re.compile("^" + _INDENT.pattern)


def _tab_indentation(lines: list[str]) -> tuple[int, int] | None:
    """The last of ``lines`` whose indentation holds a tab, and the tab's column.

    The indentation runs over list dashes too: in ``-<tab>id: a`` the tab indents the
    card's mapping.
    """
    for number in range(len(lines), 0, -1):
        indent = _INDENT.match(lines[number - 1])
        if indent is not None and "\t" in indent.group():
            return number, indent.group().index("\t") + 1
    return None


def _hint(error: YamlSyntaxError, line_text: str) -> str | None:
    problem = error.problem
    # What the line holds before the error, without its indentation and list dashes.
    before = line_text[: error.col - 1]
    written = _LEADING_INDENT.sub("", before, count=1)
    if problem.startswith("mapping values are not allowed"):
        # A key already on this line means the colon is inside its value; otherwise the
        # line reads as more of the value above, which a key indented too deep does.
        return COLON_IN_VALUE if ":" in written else KEY_TOO_DEEP
    if problem == "did not find expected key":
        return TEXT_AFTER_QUOTE if written.rstrip()[-1:] in ("'", '"', "]", "}") else INDENTATION
    if problem == "did not find expected '-' indicator":
        return INDENTATION
    if problem.startswith("found unexpected end of stream") and "quoted scalar" in error.context:
        return f"the quote that opens the value at line {error.context_line} is never closed"
    if problem == "found character that cannot start any token":
        character = line_text[error.col - 1 : error.col]
        if character == "\t":
            return "a tab cannot stand here: use spaces"
        if character:
            return f"a value cannot start with {quote(character)}: put it in quotes"
        return None
    if problem == "block sequence entries are not allowed in this context":
        return DASH_IN_VALUE
    if problem == "found unknown escape character":
        return BACKSLASH
    if problem == "could not find expected ':'":
        return KEY_WITHOUT_SPACE
    if problem == "did not find expected comment or line break" and "block scalar" in error.context:
        return TEXT_AFTER_BAR
    if problem == "did not find expected alphabetic or numeric character":
        return ANCHOR_SIGN
    if problem == "mapping keys are not allowed in this context":
        return QUESTION_MARK
    if problem in ("did not find expected ',' or ']'", "did not find expected ',' or '}'"):
        return (
            f"close the bracket opened at line {error.context_line}, and put quotes around "
            "any item that holds a ',', ':' or bracket"
        )
    return None
