"""``prepdeck locate``: where prepdeck keeps its files."""

from __future__ import annotations

import click

from prepdeck.cli.output import print_json, print_pairs
from prepdeck.paths import locations


@click.command("locate")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")
def locate(as_json: bool) -> None:
    """Show the paths of the database, config, backups and logs."""
    found = locations().to_json()
    if as_json:
        print_json(found)
    else:
        print_pairs(list(found.items()))
