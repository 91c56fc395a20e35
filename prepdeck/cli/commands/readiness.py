"""``prepdeck readiness``: how much of the decks would be recalled at one moment."""

from __future__ import annotations

import click

from prepdeck.cli.output import print_json, print_pairs, print_table
from prepdeck.errors import PrepdeckError


@click.command("readiness")
@click.option("--interview", "name", metavar="NAME", help="At this interview, on its decks.")
@click.option(
    "--at", "at_text", metavar="TIME", help="The moment, e.g. 2026-12-10 14:00, fri 9:30."
)
@click.option("--limit", type=int, default=10, show_default=True, help="Weakest cards listed.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")
def readiness(name: str | None, at_text: str | None, limit: int, as_json: bool) -> None:
    """Expected recall at a moment (now by default), weakest first: of every active card,
    or of an interview's decks and its own needs at its time."""
    from prepdeck.clock import SystemClock
    from prepdeck.domain.moments import parse_moment
    from prepdeck.reports.json import to_json
    from prepdeck.services import open_services

    if limit < 0:
        raise PrepdeckError(f"readiness: --limit must be 0 or more, not {limit}")
    if name is not None and at_text is not None:
        raise PrepdeckError("readiness: give --interview or --at, not both")
    # Read before the home is opened, as interview add does: a time that cannot be read
    # writes nothing, not even a new home.
    now = SystemClock().now()
    at = now.astimezone() if at_text is None else parse_moment(at_text, now=now)
    deck_ids: tuple[str, ...] | None = None
    with open_services() as services:
        if name is not None:
            interview = services.interviews.get(name)
            at = interview.at.astimezone()
            deck_ids = interview.studied_decks
        report = services.readiness(at, deck_ids=deck_ids, limit=limit)
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
