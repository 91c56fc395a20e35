"""``prepdeck sync``: merge with the other homes through a folder or a git remote."""

from __future__ import annotations

import click

from prepdeck.cli.output import print_json
from prepdeck.domain.plural import plural


@click.command("sync")
@click.option(
    "--remote",
    metavar="PATH|GIT-URL",
    help="A folder shared with the other homes, or a git remote (default: sync_remote "
    "in config.toml).",
)
@click.option("--json", "as_json", is_flag=True, help="Print what was pushed and pulled.")
def sync(remote: str | None, as_json: bool) -> None:
    """Bring in the reviews, decks, own cards and answers, stories and interviews of your
    other homes, and write out this home's new ones. Nothing on the remote is ever
    changed or deleted; a batch that cannot be read is named and skipped, and the rest
    still merges."""
    from prepdeck.services import open_services

    with open_services() as services:
        if as_json:
            report = services.sync(remote)
        else:
            from prepdeck.cli.progress import progress_bar

            with progress_bar("Merging reviews") as advance:
                report = services.sync(remote, progress=advance)
    for skipped in report.skipped:
        click.echo(f"warning: skipped batch {skipped['batch']}: {skipped['problem']}", err=True)
    for line in (*report.conflicts, *report.warnings):
        click.echo(f"warning: {line}", err=True)
    if report.unknown_cards:
        shown = ", ".join(report.unknown_cards[:5])
        more = ", ..." if len(report.unknown_cards) > 5 else ""
        click.echo(
            f"warning: reviews of cards not installed here wait for their decks: {shown}{more}",
            err=True,
        )
    if as_json:
        print_json(report.to_json())
        return
    pulled = (
        f"pulled {plural(report.pulled_reviews, 'review')} and "
        f"{plural(report.pulled_items, 'item')} "
        f"from {plural(report.pulled_batches, 'batch', 'batches')}"
    )
    pushed = (
        f"pushed {plural(report.pushed_reviews, 'review')} and "
        f"{plural(report.pushed_items, 'item')}"
        if report.pushed_batch
        else "nothing new to push"
    )
    click.echo(f"{report.remote}: {pulled}; {pushed}")
