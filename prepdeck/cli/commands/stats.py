"""``prepdeck stats``: how the practice is going."""

from __future__ import annotations

import click

from prepdeck.cli.output import print_json, print_pairs, print_table
from prepdeck.domain.plural import plural


@click.command("stats")
@click.option("--deck", "deck_id", metavar="ID", help="Only this deck.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")
def stats(deck_id: str | None, as_json: bool) -> None:
    """Reviews, streak, what is due, retention and the month ahead."""
    from prepdeck.reports.json import to_json
    from prepdeck.services import open_services

    with open_services() as services:
        figures = services.stats(deck_id=deck_id)
    if as_json:
        print_json(to_json(figures))
        return
    retention = figures.true_retention
    print_pairs(
        [
            ("Reviews today", figures.reviews_today),
            ("Time today", _minutes(figures.time_today_s)),
            ("Streak", plural(figures.streak_days, "day")),
            ("Due now", figures.due_now),
            ("New available", figures.new_available),
            (
                "True retention (30 days)",
                "no reviews yet" if retention is None else f"{retention:.0%}",
            ),
            ("Due in the next 7 days", sum(figures.forecast[:7])),
            ("Reviews in all", figures.reviews_total),
        ]
    )
    print_table(
        None,
        ["Deck", "Due", "New", "Reviews"],
        [
            (row.deck_id, row.due_now, row.new_available, row.reviews_total)
            for row in figures.per_deck
        ],
    )


def _minutes(seconds: float) -> str:
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes}m {rest:02d}s"
