"""``prepdeck answers export|import``: the user's own answers to cards, in and out."""

from __future__ import annotations

import click

from prepdeck.cli.help import FullHelpGroup
from prepdeck.cli.output import output_option, write_output
from prepdeck.domain.plural import plural


@click.group("answers", cls=FullHelpGroup)
def answers() -> None:
    """Export or import your own answers to cards."""


@answers.command("export")
@click.option(
    "--format",
    "export_format",
    type=click.Choice(["yaml", "markdown"]),
    default="yaml",
    show_default=True,
    help="yaml: what answers import reads back; markdown: to read or print.",
)
@output_option()
def export(export_format: str, output: str | None) -> None:
    """Every answer you wrote, by deck then card.

    yaml is a list of {deck_id, card_id, answer}; markdown has a section per deck, each
    card's prompt a heading over your answer.
    """
    from prepdeck.services import open_services

    with open_services() as services:
        own = services.answers
        text = own.export_markdown() if export_format == "markdown" else own.export_yaml()
    write_output(text, output)
    if output is not None:
        click.echo(f"wrote your answers to {output}", err=True)


@answers.command("import")
@click.argument("file")
def import_(file: str) -> None:
    """Keep the answers of FILE (a list of {deck_id, card_id, answer}), replacing yours
    for the same cards; an empty answer deletes yours.

    Every card must be installed; if any entry is refused, nothing is imported.
    """
    from prepdeck.services import open_services

    with open_services() as services:
        count = services.answers.import_file(file)
    click.echo(f"imported {plural(count, 'answer')}")
