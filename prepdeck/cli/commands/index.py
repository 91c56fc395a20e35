"""``prepdeck index build``: an index of deck files, to publish beside them."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from prepdeck.cli.help import FullHelpGroup
from prepdeck.cli.output import output_option


@click.group(cls=FullHelpGroup)
def index() -> None:
    """Publish decks: an index others can register with prepdeck source add."""


@index.command("build")
@click.argument("directory", metavar="DIR", type=click.Path(file_okay=False))
@click.option(
    "--base-url",
    metavar="URL",
    help="Where DIR is published, e.g. a raw file URL of a git repository; "
    "without it each deck's URL is relative to the index.",
)
@output_option()
def build(directory: str, base_url: str | None, output: str | None) -> None:
    """List every deck file under DIR with its id, title, description, version, licence,
    tags, URL and sha256. A deck with errors or without a licence refuses the index."""
    import json

    from prepdeck.domain.plural import plural
    from prepdeck.errors import PrepdeckError, UnwritableFile
    from prepdeck.library.index_build import build_index

    root = Path(directory)
    if not root.is_dir():
        raise PrepdeckError(f"index build: {directory} is not a folder")
    if base_url is not None and not base_url.startswith(("https://", "http://")):
        raise PrepdeckError(
            f"index build: --base-url must start with https:// or http://, not {base_url!r}"
        )
    built = build_index(root, base_url=base_url)
    if built.problems:
        for problem in built.problems:
            click.echo(problem, err=True)
        click.echo(
            f"prepdeck: index build: refused, {plural(len(built.problems), 'problem')}; "
            "nothing written",
            err=True,
        )
        sys.exit(1)
    text = json.dumps(built.as_document(), indent=2, ensure_ascii=False) + "\n"
    if output is None:
        sys.stdout.write(text)
        return
    path = Path(output)
    try:
        partial = path.with_name(path.name + ".partial")
        partial.write_text(text, encoding="utf-8")
        partial.replace(path)
    except OSError as error:
        raise UnwritableFile(output, error) from None
    click.echo(f"wrote an index of {plural(len(built.entries), 'deck')} to {output}")
