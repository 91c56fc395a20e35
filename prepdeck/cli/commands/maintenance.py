"""``prepdeck backup``, ``restore`` and ``doctor``: looking after the database."""

from __future__ import annotations

from pathlib import Path

import click

from prepdeck.cli.guard import EXIT_USER_ERROR
from prepdeck.cli.output import print_json, print_pairs


@click.command("backup")
@click.option(
    "--to",
    "target",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FILE",
    help="Write the backup here (a new file) instead of the backups folder.",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")
def backup(target: Path | None, as_json: bool) -> None:
    """Copy the database now: a complete, consistent copy in one file."""
    from prepdeck.services import open_services

    with open_services() as services:
        written = services.backups.take(target)
    if as_json:
        print_json({"path": str(written), "bytes": written.stat().st_size})
    else:
        click.echo(f"Backed up to {written}")


@click.command("restore")
@click.argument("source", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")
def restore(source: Path, as_json: bool) -> None:
    """Make a backup the home's database; the database it replaces is kept as a backup.

    The file is checked first (a sound prepdeck database this version can open), and
    nothing changes if it fails, or while another prepdeck has the home open."""
    from prepdeck.clock import SystemClock
    from prepdeck.maintenance.restore import restore as restore_file
    from prepdeck.paths import locations

    restored = restore_file(locations(), source, SystemClock())
    replaced = None if restored.replaced is None else str(restored.replaced)
    if as_json:
        print_json(
            {
                "restored_from": str(restored.source),
                "replaced_kept_at": replaced,
                "schema_version": restored.schema_version,
            }
        )
        return
    click.echo(f"Restored from {restored.source}")
    if replaced is not None:
        click.echo(f"The database it replaced is kept at {replaced}")


@click.command("doctor")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")
def doctor(as_json: bool) -> None:
    """Check the database (every page, references, orphans, schema) and the backups.

    Exits 1 only when the database is damaged; old or missing backups are warnings."""
    from prepdeck.clock import SystemClock
    from prepdeck.maintenance.doctor import examine
    from prepdeck.paths import locations

    diagnosis = examine(locations(), SystemClock().now())
    if as_json:
        print_json(
            {
                "damaged": diagnosis.damaged,
                "findings": [
                    {"check": found.check, "status": str(found.status), "message": found.message}
                    for found in diagnosis.findings
                ],
            }
        )
    else:
        print_pairs(
            [(found.check, f"{found.status}: {found.message}") for found in diagnosis.findings]
        )
    if diagnosis.damaged:
        raise SystemExit(EXIT_USER_ERROR)
