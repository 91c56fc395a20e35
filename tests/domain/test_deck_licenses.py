"""Licence fields: SPDX expressions, with ids checked against the SPDX list."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from prepdeck.formats.deck.licenses import check_license
from prepdeck.formats.deck.loader import load_deck
from prepdeck.formats.deck.problems import Severity

KNOWN = ("CC-BY-4.0", "CC-BY-SA-4.0", "CC0-1.0", "MIT", "Apache-2.0", "LicenseRef-my-notes")


def deck_with(tmp_path: Path, license_line: str, source_license: str | None = None) -> Path:
    source = ""
    if source_license is not None:
        source = f"based_on:\n  - title: A book\n    license: {source_license}\n"
    path = tmp_path / "deck.yaml"
    path.write_text(
        "prepdeck: 1\nid: licensed\ntitle: Licensed\n"
        f"license: {license_line}\n{source}"
        "cards:\n  - id: one\n    prompt: A prompt\n    answer: An answer\n    points: [a]\n",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize(
    "expression",
    [
        "CC-BY-4.0",
        "cc-by-4.0",
        "MIT OR CC0-1.0",
        "(MIT OR Apache-2.0) AND CC-BY-4.0",
        "((MIT OR Apache-2.0) AND CC0-1.0)",
        "MIT AND (Apache-2.0 OR (BSD-2-Clause AND CC0-1.0))",
        "( MIT OR Apache-2.0 )",
        "GPL-2.0+",
        "Apache-2.0 WITH LLVM-exception",
        "GPL-2.0-or-later",
        "LicenseRef-my-notes",
    ],
)
def test_spdx_ids_and_expressions_load_without_a_word(tmp_path: Path, expression: str) -> None:
    result = load_deck(deck_with(tmp_path, f"'{expression}'"))
    assert result.deck is not None and result.deck.license == expression
    assert result.problems == ()


def test_an_id_off_the_spdx_list_is_a_warning_at_the_value(tmp_path: Path) -> None:
    result = load_deck(deck_with(tmp_path, "CC-BY-40"))
    assert result.deck is not None  # it still loads; --strict refuses it
    assert not result.ok(strict=True)
    (problem,) = result.problems
    assert problem.severity is Severity.WARNING
    assert (problem.line, problem.col) == (4, 10)
    assert problem.message == (
        "license 'CC-BY-40' is not on the SPDX licence list; "
        "a licence of your own is written LicenseRef-NAME"
    )


def test_an_unknown_id_inside_an_expression_is_named(tmp_path: Path) -> None:
    (problem,) = load_deck(deck_with(tmp_path, "MIT OR CC-BY-40 OR Foo-1 OR foo-1")).problems
    assert problem.message.startswith(
        "license 'MIT OR CC-BY-40 OR Foo-1 OR foo-1': 'CC-BY-40' and 'Foo-1' are not on the SPDX"
    )


def test_an_exception_and_a_licence_in_each_others_places_are_named(tmp_path: Path) -> None:
    (misplaced,) = load_deck(deck_with(tmp_path, "MIT OR LLVM-exception")).problems
    assert misplaced.severity is Severity.WARNING
    assert misplaced.message == (
        "license 'MIT OR LLVM-exception': 'LLVM-exception' is a licence exception: "
        "an exception goes after WITH, as in Apache-2.0 WITH LLVM-exception"
    )
    (swapped,) = load_deck(deck_with(tmp_path, "MIT WITH Apache-2.0")).problems
    assert swapped.message == (
        "license 'MIT WITH Apache-2.0': 'Apache-2.0' is a licence, not an exception to one: "
        "join licences with AND or OR"
    )


def test_lowercase_operators_are_refused_with_the_reason(tmp_path: Path) -> None:
    (problem,) = load_deck(deck_with(tmp_path, "MIT or CC0-1.0")).problems
    assert problem.severity is Severity.ERROR
    assert problem.message == (
        "license 'MIT or CC0-1.0' must be an SPDX identifier, e.g. CC-BY-4.0; "
        "AND, OR and WITH are written in capitals"
    )


@pytest.mark.parametrize(
    "expression",
    [
        "CC BY 4.0",
        "MIT OR",
        "(MIT",
        "MIT)",
        "()",
        "AND",
        "MIT WITH",
        "LicenseRef-",
        "LicenseRef-a+b",
    ],
)
def test_a_malformed_expression_is_refused(tmp_path: Path, expression: str) -> None:
    result = load_deck(deck_with(tmp_path, f"'{expression}'"))
    assert result.deck is None
    (problem,) = result.problems
    assert problem.severity is Severity.ERROR
    assert problem.message == f"license '{expression}' must be an SPDX identifier, e.g. CC-BY-4.0"


def test_a_sources_licence_is_checked_but_only_warned_about(tmp_path: Path) -> None:
    odd = load_deck(deck_with(tmp_path, "CC-BY-4.0", source_license="'CC BY-SA 3.0'"))
    assert odd.deck is not None
    (problem,) = odd.problems
    assert problem.severity is Severity.WARNING
    assert (problem.line, problem.col) == (7, 14)
    assert "based_on license 'CC BY-SA 3.0' is not an SPDX identifier" in problem.message

    unknown = load_deck(deck_with(tmp_path, "CC-BY-4.0", source_license="CC-BY-SA-30"))
    (problem,) = unknown.problems
    assert problem.message.startswith("based_on license 'CC-BY-SA-30' is not on the SPDX")

    fine = load_deck(deck_with(tmp_path, "CC-BY-4.0", source_license="CC-BY-SA-3.0"))
    assert fine.problems == ()


@st.composite
def expressions(draw: st.DrawFn) -> str:
    terms = draw(st.lists(st.sampled_from(KNOWN), min_size=1, max_size=5))
    operators = draw(st.lists(st.sampled_from(("AND", "OR")), min_size=4, max_size=4))
    text = terms[0]
    for operator, term in zip(operators, terms[1:], strict=False):
        text = f"({text}) {operator} {term}" if draw(st.booleans()) else f"{text} {operator} {term}"
    return text


@given(expressions())
def test_any_expression_of_known_ids_passes(expression: str) -> None:
    assert check_license(expression).ok


@given(expressions())
@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_expression_of_known_ids_loads_as_a_deck_licence(
    tmp_path: Path, expression: str
) -> None:
    result = load_deck(deck_with(tmp_path, f"'{expression}'"))
    assert result.problems == () and result.deck is not None


@given(expressions(), st.sampled_from(("CC-BY-40", "Foo-1", "Proprietary")))
def test_an_unknown_id_is_found_wherever_it_sits(expression: str, stranger: str) -> None:
    check = check_license(f"{expression} OR {stranger}")
    assert check.well_formed and check.unknown == (stranger,)
