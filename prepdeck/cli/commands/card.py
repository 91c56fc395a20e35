"""``prepdeck card ...``: the user's own cards, written without a deck file."""

from __future__ import annotations

import click

from prepdeck.cli.help import FullHelpGroup
from prepdeck.cli.output import print_json


@click.group(cls=FullHelpGroup)
def card() -> None:
    """Write your own cards into the personal deck my-cards."""


@card.command("add")
@click.option("--prompt", metavar="TEXT", help="The question or situation (required).")
@click.option("--answer", metavar="TEXT", help="Your model answer (required; may be empty).")
@click.option("--point", "points", multiple=True, metavar="TEXT", help="A key point; repeat.")
@click.option(
    "--kind", metavar="KIND", default="question", help="question, scenario or company-need."
)
@click.option("--tag", "tags", multiple=True, metavar="TAG", help="A tag; repeat.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")
def add(
    prompt: str | None,
    answer: str | None,
    points: tuple[str, ...],
    kind: str,
    tags: tuple[str, ...],
    as_json: bool,
) -> None:
    """Add a card to my-cards and print its id."""
    from prepdeck.errors import PrepdeckError
    from prepdeck.library.personal import PERSONAL_DECK_ID, CardDraft, parse_kind
    from prepdeck.services import open_services

    # Checked here rather than by click, so each mistake is one line, as docs/user-guide.md
    # says of every user error.
    if prompt is None:
        raise PrepdeckError("card add: --prompt is required")
    if answer is None:
        raise PrepdeckError('card add: --answer is required (--answer "" for none yet)')
    draft = CardDraft(
        prompt=prompt, answer=answer, points=points, kind=parse_kind(kind), tags=tags
    ).clean()
    with open_services() as services:
        added = services.library.add_personal_card(draft)
    if as_json:
        print_json(
            {
                "deck_id": PERSONAL_DECK_ID,
                "id": added.id,
                "kind": added.kind.value,
                "prompt": added.prompt,
                "answer": added.answer,
                "points": list(added.points),
                "tags": list(added.tags),
            }
        )
        return
    click.echo(added.id)
