"""Every refusal of the deck format, one broken deck each, checked by message and position.

Each file under ``tests/decks/broken`` says what it must produce in header comments:
``# expect: LINE:COL: message`` (or ``# expect: message`` for a file-wide problem), and
``# only`` when nothing else may be reported.
"""

from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from prepdeck.errors import DeckFileError
from prepdeck.formats.deck import loader
from prepdeck.formats.deck.loader import MAX_DECK_BYTES, load_deck, read_deck_file
from prepdeck.formats.deck.problems import MAX_PROBLEMS, Problem, Severity

BROKEN = Path(__file__).parent.parent / "decks" / "broken"
_EXPECT = re.compile(r"#\s*expect:\s*(?:(\d+):(\d+):\s*)?(.+)")


@dataclass(frozen=True)
class Expected:
    line: int | None
    col: int | None
    message: str


def _expectations(path: Path) -> tuple[list[Expected], bool]:
    text = path.read_text(encoding="utf-8")
    if not text:
        return [Expected(None, None, "empty file")], True
    expected: list[Expected] = []
    only = False
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        if line.strip() == "# only":
            only = True
        match = _EXPECT.fullmatch(line.strip())
        if match:
            number, column, message = match.groups()
            expected.append(
                Expected(
                    int(number) if number else None,
                    int(column) if column else None,
                    message.strip(),
                )
            )
    return expected, only


BROKEN_FILES = sorted(BROKEN.glob("*.yaml"))


def test_the_corpus_covers_at_least_fifteen_refusals() -> None:
    assert len(BROKEN_FILES) >= 15


@pytest.mark.parametrize("path", BROKEN_FILES, ids=lambda p: p.stem)
def test_broken_deck_is_refused_with_its_position(path: Path) -> None:
    expected, only = _expectations(path)
    assert expected, f"{path.name} declares no '# expect:' line"
    result = load_deck(path)

    assert result.deck is None
    errors = [p for p in result.problems if p.severity is Severity.ERROR]
    assert errors
    for want in expected:
        matching = [
            p
            for p in result.problems
            if p.line == want.line and p.col == want.col and want.message in p.message
        ]
        assert matching, f"{path.name}: no {want}; got {[p.format() for p in result.problems]}"
    if only:
        assert len(result.problems) == len(expected), [p.format() for p in result.problems]


def test_every_problem_line_reads_path_line_col_message() -> None:
    path = BROKEN / "unknown-kind.yaml"
    lines = [p.format() for p in load_deck(path).problems]
    assert f"{path}:7:11: unknown kind 'senario'; did you mean 'scenario'?" in lines[0]


def test_binary_and_non_utf8_files_are_refused(tmp_path: Path) -> None:
    binary = tmp_path / "image.yaml"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    latin = tmp_path / "latin.yaml"
    latin.write_bytes("prepdeck: 1\nid: caf\ntitle: Caf\xe9\n".encode("latin-1"))
    for path in (binary, latin):
        (problem,) = load_deck(path).problems
        assert problem.format() == f"{path}: not UTF-8 text"


def test_missing_file_and_directory_are_refused(tmp_path: Path) -> None:
    (missing,) = load_deck(tmp_path / "nope.yaml").problems
    assert missing.format().endswith("nope.yaml: no such file")
    (directory,) = load_deck(tmp_path).problems
    assert "is a directory" in directory.message


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(
        b"\xef\xbb\xbfprepdeck: 1\nid: bom\ntitle: Bom\ncards:\n"
        b"  - id: a\n    prompt: p\n    answer: a\n    points: [x]\n"
    )
    result = load_deck(path)
    assert result.deck is not None and result.problems == ()


def _deadline(seconds: float) -> float:
    return time.monotonic() + seconds


def test_deep_nesting_ends_in_a_clear_answer(tmp_path: Path) -> None:
    path = tmp_path / "deep.yaml"
    depth = 200_000
    path.write_text("prepdeck: 1\nid: deep\ntitle: Deep\ncards: " + "[" * depth + "]" * depth)
    deadline = _deadline(30)
    result = load_deck(path)
    assert time.monotonic() < deadline  # a hang guard, not a benchmark
    assert result.deck is None
    assert result.problems and all(p.line is not None for p in result.problems)


def test_huge_alias_fanout_is_not_expanded(tmp_path: Path) -> None:
    path = tmp_path / "bomb.yaml"
    rows = ["prepdeck: 1", "bomb:", "  - &l0 [x, x, x, x, x, x, x, x, x, x]"]
    rows += [f"  - &l{n} [{', '.join([f'*l{n - 1}'] * 10)}]" for n in range(1, 30)]
    path.write_text("\n".join(rows) + "\n")
    deadline = _deadline(30)
    result = load_deck(path)
    assert time.monotonic() < deadline
    assert result.deck is None
    assert any("aliases are not allowed" in p.message for p in result.problems)
    # Problems are capped rather than listed by the hundred.
    assert len(result.problems) <= 202


def test_a_five_megabyte_field_is_loaded_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "big-field.yaml"
    answer = "a" * 5_000_000
    path.write_text(
        "prepdeck: 1\nid: big\ntitle: Big\ncards:\n  - id: a\n    prompt: p\n"
        f"    answer: {answer}\n    points: [x]\n"
    )
    result = load_deck(path)
    assert result.deck is not None
    (warning,) = result.warnings
    assert warning.line == 7 and "answer is 5,000,000 characters" in warning.message


def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    pipe = tmp_path / "deck.yaml"
    os.mkfifo(pipe)
    result = load_deck(pipe)
    assert [p.format() for p in result.problems] == [f"{pipe}: is a named pipe, not a deck file"]


def test_a_device_is_refused_rather_than_read_for_ever() -> None:
    result = load_deck("/dev/zero")
    assert [p.format() for p in result.problems] == ["/dev/zero: is a device, not a deck file"]


def test_a_file_over_the_size_limit_is_refused_unread(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    with big.open("wb") as file:
        file.truncate(MAX_DECK_BYTES + 1)  # sparse: nothing is written, nothing is read
    result = load_deck(big)
    assert [p.format() for p in result.problems] == [
        f"{big}: file too large (65 MB; the limit is 64 MB)"
    ]


def test_no_reported_line_holds_a_line_break() -> None:
    for path in BROKEN_FILES:
        for problem in load_deck(path).problems:
            assert "\n" not in problem.message and "\r" not in problem.message, path.name
            assert len(problem.format().splitlines()) == 1, path.name


@pytest.mark.parametrize(
    ("character", "shown"),
    [
        ("\x01", "U+0001"),
        ("\x7f", "U+007F"),
        ("\x1b", "U+001B"),
        ("\x80", "U+0080"),
        ("\ufffe", "U+FFFE"),
    ],
)
def test_a_control_character_is_reported_where_it_is(
    tmp_path: Path, character: str, shown: str
) -> None:
    path = tmp_path / "control.yaml"
    # Letters of two and three bytes before it: the column counts characters, not bytes.
    path.write_text(f"prepdeck: 1\nid: c\ntitle: Café ✓ {character}x\n", encoding="utf-8")
    (problem,) = load_deck(path).problems
    assert (problem.line, problem.col) == (3, 15)
    assert problem.message == f"control character {shown} is not allowed in YAML"


def _deck_head() -> str:
    return "prepdeck: 1\nid: many\ntitle: Many\ncards:\n  - id: a\n    prompt: p\n    answer: a\n"


def _assert_stopped(problems: tuple[Problem, ...], path: Path) -> None:
    assert len(problems) == MAX_PROBLEMS + 1
    assert problems[-1].format() == (
        f"{path}: too many problems; stopped after {MAX_PROBLEMS}; fix the ones above first"
    )


def test_a_million_duplicate_keys_stop_at_the_cap(tmp_path: Path) -> None:
    path = tmp_path / "keys.yaml"
    path.write_text(_deck_head() + "k: v\n" * 1_000_000)
    deadline = _deadline(30)
    result = load_deck(path)
    assert time.monotonic() < deadline
    assert result.deck is None
    _assert_stopped(result.problems, path)
    assert all("duplicate key 'k'" in p.message for p in result.problems[:-1])


def test_half_a_million_tags_stop_at_the_cap(tmp_path: Path) -> None:
    path = tmp_path / "tags.yaml"
    path.write_text(_deck_head() + "    points: [" + ", ".join(["!!str x"] * 500_000) + "]\n")
    deadline = _deadline(30)
    result = load_deck(path)
    assert time.monotonic() < deadline
    _assert_stopped(result.problems, path)


def test_thirty_thousand_bad_flow_cards_stop_at_the_cap(tmp_path: Path) -> None:
    path = tmp_path / "flow.yaml"
    path.write_text(
        "prepdeck: 1\nid: f\ntitle: F\ncards: [" + ", ".join(["{x: 1}"] * 30_000) + "]\n"
    )
    result = load_deck(path)
    _assert_stopped(result.problems, path)


def test_reading_stops_at_the_cap_rather_than_going_on_to_the_end(tmp_path: Path) -> None:
    path = tmp_path / "stops.yaml"
    # A syntax error after the cap is never reached: the file is not read that far.
    path.write_text(_deck_head() + "k: v\n" * (MAX_PROBLEMS + 5) + "bad: [unclosed\n")
    result = load_deck(path)
    _assert_stopped(result.problems, path)
    assert not any("syntax" in p.message for p in result.problems)


def test_a_deck_with_hundreds_of_warnings_still_loads(tmp_path: Path) -> None:
    path = tmp_path / "warned.yaml"
    cards = "".join(f"  - prompt: Prompt {n}\n    answer: a\n" for n in range(150))
    path.write_text("prepdeck: 1\nid: w\ntitle: W\ncards:\n" + cards)
    result = load_deck(path)
    assert result.deck is not None and len(result.deck.cards) == 150
    assert not result.errors
    assert len(result.problems) == MAX_PROBLEMS + 1
    assert result.problems[-1].format() == f"{path}: warning: 100 more warnings not shown"


def test_an_error_after_hundreds_of_warnings_is_shown(tmp_path: Path) -> None:
    path = tmp_path / "warned.yaml"
    cards = "".join(f"  - prompt: Prompt {n}\n    answer: a\n" for n in range(150))
    path.write_text(
        "prepdeck: 1\nid: w\ntitle: W\ncards:\n"
        + cards
        + "  - prompt: Last\n    answer: a\n    kind: senario\n"
    )
    result = load_deck(path)
    assert result.deck is None
    assert any("unknown kind 'senario'" in p.message for p in result.errors)
    _assert_stopped(result.problems, path)


def test_a_file_of_too_many_values_is_refused_before_it_is_all_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(loader, "MAX_NODES", 1_000)
    path = tmp_path / "values.yaml"
    path.write_text("prepdeck: 1\nid: v\ntitle: V\ncards: [" + "a, " * 5_000 + "a]\n")
    (problem,) = load_deck(path).problems
    assert (problem.line, problem.col) == (4, 2_982)
    assert problem.message.startswith("more than 1,000 values in one file")


def test_a_ten_thousand_card_deck_is_well_inside_the_limits(tmp_path: Path) -> None:
    path = tmp_path / "large.yaml"
    card = (
        "  - id: c{n}\n    prompt: Question number {n}, asked the way an interviewer would?\n"
        "    answer: |\n      " + "A model answer that runs to a few sentences. " * 20 + "\n"
        "    points: [one, two, three, four, five]\n    followups: [why?, how?, when?]\n"
        "    tags: [general, tough]\n    seconds: 90\n"
    )
    path.write_text(
        "prepdeck: 1\nid: large\ntitle: Large\ncards:\n"
        + "".join(card.format(n=n) for n in range(10_000))
    )
    assert path.stat().st_size * 4 < MAX_DECK_BYTES
    result = load_deck(path)
    assert result.problems == () and result.deck is not None
    assert len(result.deck.cards) == 10_000


def test_read_deck_file_refuses_what_load_deck_refuses(tmp_path: Path) -> None:
    # The reader other callers (deck install) share: no wait on a pipe, no read of a device.
    pipe = tmp_path / "deck.yaml"
    os.mkfifo(pipe)
    for path, message in [
        (pipe, "is a named pipe, not a deck file"),
        (Path("/dev/zero"), "is a device, not a deck file"),
        (tmp_path, "is a directory, not a deck file"),
        (tmp_path / "nope.yaml", "no such file"),
    ]:
        with pytest.raises(DeckFileError) as refused:
            read_deck_file(path)
        assert refused.value.message == message
