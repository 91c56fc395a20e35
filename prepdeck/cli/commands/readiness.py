"""``prepdeck readiness``: how much of the decks would be recalled at one moment."""

from __future__ import annotations

from datetime import datetime

import click

from prepdeck.cli.output import print_json, print_pairs, print_table
from prepdeck.errors import PrepdeckError


@click.command("readiness")
@click.option("--at", "at_text", metavar="TIME", help="The moment, e.g. 2026-12-10T14:00.")
@click.option("--limit", type=int, default=10, show_default=True, help="Weakest cards listed.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")
def readiness(at_text: str | None, limit: int, as_json: bool) -> None:
    """Expected recall of every active card at a moment (now by default), weakest first."""
    from prepdeck.reports.json import to_json
    from prepdeck.services import open_services

    if limit < 0:
        raise PrepdeckError(f"readiness: --limit must be 0 or more, not {limit}")
    with open_services() as services:
        at = services.clock.now().astimezone() if at_text is None else _moment(at_text)
        report = services.readiness(at, limit=limit)
    if as_json:
        print_json(to_json(report))
        return
    print_pairs(
        [
            ("At", at.strftime("%a %d %b %Y %H:%M")),
            ("Cards", report.cards),
            ("Never reviewed", report.unseen),
            ("Expected recall", f"{report.expected_recall:.0%}"),
        ]
    )
    print_table(
        "By deck", ["Deck", "Recall"], [(deck, f"{v:.0%}") for deck, v in report.per_deck.items()]
    )
    print_table(
        "By kind", ["Kind", "Recall"], [(kind, f"{v:.0%}") for kind, v in report.per_kind.items()]
    )
    print_table(
        "Weakest",
        ["Deck", "Card", "Recall", "Prompt"],
        [(c.deck_id, c.card_id, f"{c.retrievability:.0%}", c.prompt) for c in report.weakest],
        empty="No cards.",
    )


def _moment(text: str) -> datetime:
    """An ISO 8601 date-time; without an offset, it is local time."""
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise PrepdeckError(
            f'readiness: cannot read "{text}" as a time; write e.g. 2026-12-10T14:00'
        ) from None
    return moment.astimezone() if moment.tzinfo is None else moment
