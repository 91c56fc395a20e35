"""``prepdeck source ...``: the deck indexes searched and installed from by id."""

from __future__ import annotations

from datetime import datetime

import click

from prepdeck.cli.help import FullHelpGroup
from prepdeck.cli.output import json_time, print_json, print_table


@click.group(cls=FullHelpGroup)
def source() -> None:
    """Register deck indexes: deck search looks in them, deck install ID installs from them."""


def _shown_time(moment: datetime | None) -> str:
    return "" if moment is None else moment.astimezone().strftime("%Y-%m-%d %H:%M")


@source.command("add")
@click.argument("url", metavar="URL")
def add(url: str) -> None:
    """Register the index at URL; it is fetched and checked first."""
    from prepdeck.domain.plural import plural
    from prepdeck.services import open_services

    with open_services() as services:
        count = services.sources.add(url)
    click.echo(f"added {url}: {plural(count, 'deck')}")


@source.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")
def list_sources(as_json: bool) -> None:
    """The registered indexes."""
    from prepdeck.services import open_services

    with open_services() as services:
        rows = services.sources.all()
    if as_json:
        print_json(
            [
                {
                    "url": row.url,
                    "added_at": json_time(row.added_at),
                    "fetched_at": json_time(row.fetched_at),
                    "decks": row.decks,
                }
                for row in rows
            ]
        )
        return
    print_table(
        None,
        ["Source", "Decks", "Fetched"],
        [(row.url, row.decks, _shown_time(row.fetched_at)) for row in rows],
        empty="No sources. Add one with: prepdeck source add URL",
    )


@source.command("remove")
@click.argument("url", metavar="URL")
def remove(url: str) -> None:
    """Forget an index; decks installed from it stay installed."""
    from prepdeck.services import open_services

    with open_services() as services:
        services.sources.remove(url)
    click.echo(f"removed {url}")
