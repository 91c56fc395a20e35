"""The benchmark table's rows, verdicts and exit code, from made-up figures (no timing)."""

from __future__ import annotations

import pytest

from benchmarks.table import (
    Row,
    exit_code,
    limit_row,
    markdown,
    megabytes,
    ms,
    p99_ratio_row,
    ratio_row,
    shown_p99_row,
)


def test_a_ratio_at_the_target_is_met_and_above_it_is_missed() -> None:
    met = ratio_row("validate", [0.5, 0.5, 0.5], [1.0, 1.0, 1.0], floor_name="yaml", at_most=0.5)
    missed = ratio_row("validate", [0.6, 0.5, 0.7], [1.0, 1.0, 1.0], floor_name="yaml", at_most=0.5)
    assert met.ratio == pytest.approx(0.5)
    assert met.met is True
    assert missed.ratio == pytest.approx(0.6)
    assert missed.met is False
    assert missed.prepdeck == "median 600 ms"
    assert missed.floor == "yaml: median 1.00 s"
    assert missed.target == "<= 0.5x"


def test_a_limit_row_takes_the_statistic_it_names() -> None:
    samples = [0.001] * 99 + [0.050]  # the p99 of 100 samples is the 99th: 1 ms
    by_p99 = limit_row("queue", samples, statistic="p99", at_most=0.002)
    assert by_p99.prepdeck == "median 1.00 ms, p99 1.00 ms"
    assert by_p99.met is True
    by_max = limit_row("queue", samples, statistic="max", at_most=0.002)
    assert by_max.met is False
    assert by_max.target == "max <= 2.00 ms"


def test_below_is_strict_and_at_most_is_not() -> None:
    assert limit_row("stats", [1.0], statistic="median", below=1.0).met is False
    assert limit_row("stats", [1.0], statistic="median", at_most=1.0).met is True


def test_a_limit_row_needs_exactly_one_bound() -> None:
    with pytest.raises(ValueError, match="exactly one"):
        limit_row("x", [1.0], statistic="median")
    with pytest.raises(ValueError, match="exactly one"):
        limit_row("x", [1.0], statistic="median", below=1.0, at_most=1.0)
    with pytest.raises(ValueError, match="unknown statistic"):
        limit_row("x", [1.0], statistic="mean", below=1.0)


def test_a_limit_row_shows_its_floor_with_the_ratio_and_its_unit() -> None:
    row = limit_row(
        "memory",
        [150.0],
        statistic="max",
        below=300.0,
        floor=[50.0],
        floor_name="bare app",
        also="measured once",
        unit=megabytes,
    )
    assert row.prepdeck == "max 150 MB"
    assert row.floor == "bare app: max 50 MB; measured once"
    assert row.ratio == pytest.approx(3.0)
    assert row.target == "max < 300 MB"
    assert row.met is True


def test_the_grade_row_compares_p99s_and_shows_the_peer_beside() -> None:
    grade = [0.0002] * 99 + [0.0009]
    floor = [0.0001] * 99 + [0.0004]
    row = p99_ratio_row(
        "grade",
        grade,
        floor,
        floor_name="bare commit",
        at_most=3.0,
        peer=[0.0003] * 10,
        peer_name="Anki",
    )
    assert row.ratio == pytest.approx(2.0)
    assert row.met is True
    assert row.floor == "bare commit: p99 0.100 ms; Anki: median 0.300 ms, p99 0.300 ms"
    slower = p99_ratio_row("grade", [0.0004] * 100, floor, floor_name="bare", at_most=3.0)
    assert slower.met is False


def test_a_shown_row_compares_p99s_and_has_no_target() -> None:
    row = shown_p99_row(
        "grade beside its rows", [0.0002] * 98 + [0.0006] * 2, [0.0003] * 100, floor_name="SQL"
    )
    assert row.case == "grade beside its rows (shown, no target)"
    assert row.prepdeck == "median 0.200 ms, p99 0.600 ms"
    assert row.floor == "SQL: median 0.300 ms, p99 0.300 ms"
    assert row.ratio == pytest.approx(2.0)
    assert (row.target, row.met) == ("—", None)
    assert exit_code([row]) == 0


def test_durations_read_in_their_best_unit() -> None:
    assert ms(2.5) == "2.50 s"
    assert ms(0.25) == "250 ms"
    assert ms(0.0025) == "2.50 ms"
    assert ms(0.00025) == "0.250 ms"


def test_the_table_has_a_line_per_row_and_says_which_targets_are_missed() -> None:
    rows = [
        Row("validate", "median 1 s", "yaml: median 2 s", 0.5, "<= 0.5x", True),
        Row("grade", "p99 3 ms", "bare: p99 1 ms", 3.5, "p99 <= 3x", False),
        Row("shown", "p99 1 ms", "—", None, "—", None),
    ]
    lines = markdown(rows).splitlines()
    assert lines[0].startswith("| case | prepdeck | floor / peer, same run | ratio |")
    assert lines[2] == "| validate | median 1 s | yaml: median 2 s | 0.50x | <= 0.5x | met |"
    assert lines[3].endswith("| 3.50x | p99 <= 3x | MISSED |")
    assert lines[4] == "| shown | p99 1 ms | — | — | — | — |"
    assert len(lines) == 2 + len(rows)


def test_the_exit_code_is_one_only_when_a_target_is_missed() -> None:
    met = Row("a", "", "", 1.0, "", True)
    shown = Row("b", "", "", None, "", None)
    missed = Row("c", "", "", 2.0, "", False)
    assert exit_code([met, shown]) == 0
    assert exit_code([]) == 0
    assert exit_code([met, missed, shown]) == 1


def test_a_p99_row_shows_the_medians_beside_the_p99s() -> None:
    row = limit_row(
        "queue",
        [0.001] * 99 + [0.003],
        statistic="p99",
        at_most=0.002,
        floor=[0.004] * 100,
        floor_name="Anki",
    )
    assert row.prepdeck == "median 1.00 ms, p99 1.00 ms"
    assert row.floor == "Anki: median 4.00 ms, p99 4.00 ms"
    assert row.ratio == pytest.approx(0.25)
