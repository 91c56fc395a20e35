"""``prepdeck stats``: how the practice is going."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING

import click

from prepdeck.cli.output import print_lines, print_pairs, print_table
from prepdeck.cli.quick import stats_json
from prepdeck.domain.plural import plural

if TYPE_CHECKING:
    from prepdeck.reports.progress import DayActivity, Progress, RetentionRow

HEATMAP_WEEKS = 26
"""Columns of the heatmap: half a year, which fits an 80-column terminal."""
SHADES = "·░▒▓█"
"""A day with no review, then four shades by the quartile of its count among the days
with reviews: characters, so the map reads the same without colour."""
WEEKDAYS = ("Mon", "", "Wed", "", "Fri", "", "Sun")
PROMPT_SHOWN = 48


@click.command("stats")
@click.option("--deck", "deck_id", metavar="ID", help="Only this deck.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")
def stats(deck_id: str | None, as_json: bool) -> None:
    """Reviews, streak, what is due, retention and the month ahead."""
    if as_json:
        stats_json(deck_id)
        return
    from prepdeck.services import open_services

    with open_services() as services:
        progress = services.progress(deck_id=deck_id)
    _print_progress(progress)


def _print_progress(progress: Progress) -> None:
    figures = progress.figures
    recent = progress.recent
    states = figures.states
    print_pairs(
        [
            ("Reviews today", figures.reviews_today),
            ("Time today", _minutes(figures.time_today_s)),
            ("Streak", plural(figures.streak_days, "day")),
            ("Due now", figures.due_now),
            ("New available", figures.new_available),
            (
                "True retention (30 days)",
                _against(figures.true_retention, progress.desired_retention),
            ),
            (
                "Last 30 days",
                f"{plural(sum(day.reviews for day in recent), 'review')} on "
                f"{plural(sum(1 for day in recent if day.reviews), 'day')}, "
                f"{_minutes(sum(day.seconds for day in recent))}",
            ),
            ("Due ahead", _forecast(figures.forecast)),
            (
                "Cards",
                " · ".join(f"{name} {count}" for name, count in states._asdict().items()),
            ),
            ("Reviews in all", figures.reviews_total),
        ]
    )
    print_lines(["", *heatmap(progress.calendar, progress.today)])
    retention = {row.label: row for row in progress.retention_by_deck}
    print_table(
        None,
        ["Deck", "Due", "New", "Reviews", "Retention"],
        [
            (
                row.deck_id,
                row.due_now,
                row.new_available,
                row.reviews_total,
                _rate(retention.get(row.deck_id)),
            )
            for row in figures.per_deck
        ],
    )
    if progress.retention_by_kind:
        print_table(
            f"Retention by kind (desired {progress.desired_retention:.0%})",
            ["Kind", "Reviews", "Retention"],
            [(row.label, row.reviews, _rate(row)) for row in progress.retention_by_kind],
        )
    if progress.weakest:
        print_table(
            "Weakest now",
            ["Card", "Recall", "Prompt"],
            [
                (f"{card.deck_id}/{card.card_id}", f"{card.recall:.0%}", _cut(card.prompt))
                for card in progress.weakest
            ],
        )
    if progress.spoken:
        print_table(
            "Spoken answers per week",
            ["Week of", "Answers", "Pace", "Fillers"],
            [
                (
                    week.week.isoformat(),
                    week.answers,
                    "" if week.wpm is None else f"{week.wpm} wpm",
                    _fillers(week.fillers, week.fillers_per_minute),
                )
                for week in progress.spoken
            ],
        )
    if progress.interviews:
        print_table(
            "Interviews ahead",
            ["Interview", "When", "Ready", "Cards", "Unseen"],
            [
                (
                    interview.name,
                    interview.at.astimezone().strftime("%Y-%m-%d %H:%M"),
                    f"{interview.expected_recall:.0%}",
                    interview.cards,
                    interview.unseen,
                )
                for interview in progress.interviews
            ],
        )


def _fillers(count: int, per_minute: float | None) -> str:
    return str(count) if per_minute is None else f"{count} ({per_minute:.1f} a minute)"


def heatmap(calendar: Sequence[DayActivity], today: date) -> list[str]:
    """The last ``HEATMAP_WEEKS`` weeks of ``calendar`` as lines of text: a column per
    week (Monday to Sunday, down), a row per weekday, each day shaded by its count; days
    after ``today`` blank. Ends with a legend."""
    counts = {day.day: day.reviews for day in calendar}
    first = today - timedelta(days=today.weekday() + 7 * (HEATMAP_WEEKS - 1))
    shown = [counts.get(first + timedelta(days=offset), 0) for offset in range(7 * HEATMAP_WEEKS)]
    bounds = _quartiles([count for count in shown if count])
    lines = []
    for weekday, label in enumerate(WEEKDAYS):
        cells = []
        for week in range(HEATMAP_WEEKS):
            day = first + timedelta(days=7 * week + weekday)
            count = counts.get(day, 0)
            cells.append(" " if day > today else SHADES[_shade(count, bounds)])
        lines.append(f"{label:<4}{''.join(cells)}".rstrip())
    legend = " ".join(SHADES)
    lines.append(f"    less {legend} more   (reviews a day, last {HEATMAP_WEEKS} weeks)")
    return lines


def _quartiles(counts: list[int]) -> list[int]:
    """The counts at a quarter, half and three quarters of ``counts`` sorted."""
    ordered = sorted(counts)
    if not ordered:
        return []
    return [ordered[(len(ordered) - 1) * part // 4] for part in (1, 2, 3)]


def _shade(count: int, bounds: list[int]) -> int:
    """0 for no review, else 1 to 4: one more for each quartile ``count`` exceeds."""
    return 0 if count == 0 else 1 + sum(count > bound for bound in bounds)


def _forecast(forecast: list[int]) -> str:
    return f"today {forecast[0]} · 7 days {sum(forecast[:7])} · 30 days {sum(forecast[:30])}"


def _against(rate: float | None, desired: float) -> str:
    shown = "no reviews yet" if rate is None else f"{rate:.0%}"
    return f"{shown} (desired {desired:.0%})"


def _rate(row: RetentionRow | None) -> str:
    if row is None or row.rate is None:
        return "–"
    return f"{row.rate:.0%} of {row.reviews}"


def _cut(prompt: str) -> str:
    line = " ".join(prompt.split())
    return line if len(line) <= PROMPT_SHOWN else line[: PROMPT_SHOWN - 1].rstrip() + "…"


def _minutes(seconds: float) -> str:
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes}m {rest:02d}s"
