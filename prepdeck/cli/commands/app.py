"""``prepdeck drill``: the app opened straight on a drill."""

from __future__ import annotations

import click

from prepdeck.cli.open_app import run_app


@click.command("drill")
@click.option(
    "--deck",
    "deck_ids",
    multiple=True,
    metavar="ID",
    help="Drill only this deck; repeat for several.",
)
def drill(deck_ids: tuple[str, ...]) -> None:
    """Drill today's due cards and a few new ones."""
    run_app(deck_ids, opens_on="drill")
