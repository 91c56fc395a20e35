"""``prepdeck reviews export|import``: the review log in and out."""

from __future__ import annotations

import sys
from collections.abc import Generator, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO, TypeVar

import click

from prepdeck.cli.help import FullHelpGroup
from prepdeck.cli.output import output_option
from prepdeck.domain.plural import plural
from prepdeck.errors import UnwritableFile

_T = TypeVar("_T")


@click.group("reviews", cls=FullHelpGroup)
def reviews() -> None:
    """Export or import the review log."""


@reviews.command("export")
@click.option(
    "--format",
    "export_format",
    type=click.Choice(["jsonl", "csv"]),
    default="jsonl",
    show_default=True,
)
@output_option()
@click.option("--with-drafts", is_flag=True, help="Include the typed drafts.")
def export(export_format: str, output: str | None, with_drafts: bool) -> None:
    """Every review, oldest first, one row each."""
    from prepdeck.formats.review_log import review_row
    from prepdeck.services import open_services

    with open_services() as services, _closed_first(services.reviews.all()) as stored:
        rows = (review_row(review, with_draft=with_drafts) for review in stored)
        if output is None:
            _write(export_format, rows, sys.stdout, with_drafts)
            return
        target = Path(output)
        temporary = target.with_name(target.name + ".tmp")
        try:
            with temporary.open("w", encoding="utf-8", newline="") as handle:
                count = _write(export_format, rows, handle, with_drafts)
            temporary.replace(target)
        except OSError as error:
            raise UnwritableFile(output, error) from None
    click.echo(f"wrote {plural(count, 'review')} to {output}", err=True)


@contextmanager
def _closed_first(lazy: Iterator[_T]) -> Iterator[Iterator[_T]]:
    """``lazy`` closed on leaving, even on an error, before the database it reads from.

    Left to the garbage collector, a stream stopped early (``| head -1``) would close its
    statement after the connection, and Python would print that failure at exit.
    """
    try:
        yield lazy
    finally:
        if isinstance(lazy, Generator):
            lazy.close()


def _write(export_format: str, rows: object, out: TextIO, with_drafts: bool) -> int:
    from prepdeck.formats.review_log import write_csv, write_jsonl

    if export_format == "csv":
        return write_csv(rows, out, with_draft=with_drafts)  # type: ignore[arg-type]
    return write_jsonl(rows, out)  # type: ignore[arg-type]


@reviews.command("import")
@click.argument("file", type=click.Path(dir_okay=False))
def import_(file: str) -> None:
    """Add reviews from an export (JSONL or CSV), skipping duplicates.

    Each card that gains reviews is replayed, so its schedule follows them.
    """
    from prepdeck.formats.review_log import read_review_file
    from prepdeck.services import open_services

    rows = read_review_file(Path(file))
    with open_services() as services:
        report = services.reviews.import_reviews(rows)
    click.echo(
        f"imported {plural(report.added, 'review')}, "
        f"skipped {plural(report.duplicates, 'duplicate')}, "
        f"replayed {plural(report.replayed_cards, 'card')}"
    )
    if report.unknown_rows:
        shown = ", ".join(f"{d}/{c}" for d, c in report.unknown_cards[:5])
        more = "" if len(report.unknown_cards) <= 5 else ", ..."
        cards = "a card" if len(report.unknown_cards) == 1 else "cards"
        click.echo(
            f"skipped {plural(report.unknown_rows, 'review')} of {cards} not installed: "
            f"{shown}{more}",
            err=True,
        )
