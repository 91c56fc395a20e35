"""``prepdeck coverage``: how many questions your own answers and stories prepare you for."""

from __future__ import annotations

import click

from prepdeck.cli.output import print_json, print_pairs
from prepdeck.errors import PrepdeckError

SHOWN = 20
"""Uncovered cards listed for people; ``--json`` lists them all."""
SHOWN_QUESTIONS = 10
"""Story questions with no story listed under the advice."""


@click.command("coverage")
@click.option(
    "--interview", "name", metavar="NAME", help="The cards of its decks and its own needs."
)
@click.option("--deck", "deck_id", metavar="ID", help="The cards of one deck.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")
def coverage(name: str | None, deck_id: str | None, as_json: bool) -> None:
    """Cards with your own answer, with a linked story, and with neither: of every active
    deck (paused ones aside), of an interview's decks and needs, or of one deck. Your
    stories' own deck my-stories is never counted."""
    from prepdeck.services import open_services

    if name is not None and deck_id is not None:
        raise PrepdeckError("coverage: give --interview or --deck, not both")
    with open_services() as services:
        if as_json:
            print_json(services.coverage(interview=name, deck_id=deck_id).contract())
            return
        report = services.coverage(interview=name, deck_id=deck_id, limit=SHOWN)
        stories = services.story_coverage(interview=name, deck_id=deck_id)
        shown_name = services.interviews.get(name).name if name is not None else None
    from prepdeck.domain.text import one_line
    from prepdeck.prep.coverage import FIGURE_WORDS, without_story_heading

    print_pairs(list(zip(FIGURE_WORDS, report.figures, strict=True)))
    if report.uncovered:
        click.echo("\nWith neither your answer nor a story:")
        for card in report.uncovered:
            click.echo(f"  {card.deck_id}/{card.card_id}  {one_line(card.prompt)}")
        _more(report.uncovered_count - len(report.uncovered), "; --json lists them all")
    click.echo(f"\n{stories.advice()}")
    missing = stories.without_story
    if missing:
        click.echo(f"\n{without_story_heading(shown_name)}:")
        for question in missing[:SHOWN_QUESTIONS]:
            click.echo(f"  {question.deck_id}/{question.card_id}  {one_line(question.prompt)}")
        _more(len(missing) - SHOWN_QUESTIONS)


def _more(left: int, where: str = "") -> None:
    if left > 0:
        click.echo(f"  … and {left} more{where}")
