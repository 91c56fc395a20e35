"""``prepdeck plan``: the days before an interview, laid out for the most recall at it."""

from __future__ import annotations

from datetime import date

import click

from prepdeck.cli.output import print_json, print_pairs, print_table
from prepdeck.errors import PrepdeckError

MAX_MINUTES = 600


@click.command("plan")
@click.option("--interview", "name", metavar="NAME", help="The interview to plan for (required).")
@click.option(
    "--minutes-per-day",
    "minutes",
    type=int,
    metavar="N",
    help="Minutes a day to review. Default: minutes_per_day in config.toml (15).",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")
def plan(name: str | None, minutes: int | None, as_json: bool) -> None:
    """Which cards to review on which day, from today to the interview, so that as much
    as possible is recalled at it; with the recall the ordinary drill would give."""
    from prepdeck.reports.json import to_json
    from prepdeck.services import open_services

    if name is None:
        raise PrepdeckError('plan: --interview is required (e.g. --interview "Acme")')
    if minutes is not None and not 1 <= minutes <= MAX_MINUTES:
        raise PrepdeckError(f"plan: --minutes-per-day must be 1-{MAX_MINUTES}, not {minutes}")
    with open_services() as services:
        result = services.plan(name, minutes_per_day=minutes)
    if as_json:
        print_json(to_json(result.plan))
        return
    laid = result.plan
    print_pairs(
        [
            ("Interview", result.interview),
            ("At", date_time(laid.at)),
            ("Cards", result.cards),
            ("Minutes a day", laid.minutes_per_day),
            ("Expected recall, plan followed", f"{laid.expected_recall_with_plan:.0%}"),
            ("Expected recall, ordinary drill", f"{laid.expected_recall_without_plan:.0%}"),
        ]
    )
    rows = []
    for day, minutes_planned, new in zip(laid.days, result.minutes, result.new, strict=True):
        count = len(day.cards)
        rows.append(
            (
                _day_name(date.fromisoformat(day.date)),
                count,
                new,
                count - new,
                f"{minutes_planned:g}",
            )
        )
    print_table(
        "Days", ["Day", "Cards", "New", "Reviews", "Minutes"], rows, empty="No day left before it."
    )
    if result.today:
        click.echo("Today's cards come first in the drill: prepdeck drill")
    elif result.cards and not any(day.cards for day in laid.days):
        click.echo(
            f"No review fits in {laid.minutes_per_day} min a day, or none would lift recall "
            "at the interview: a new card takes two showings of its time; "
            "try more minutes with --minutes-per-day."
        )


def date_time(text: str) -> str:
    from datetime import datetime

    return datetime.fromisoformat(text).astimezone().strftime("%a %d %b %Y %H:%M")


def _day_name(day: date) -> str:
    return day.strftime("%a %d %b")
