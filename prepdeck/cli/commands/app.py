"""``prepdeck drill`` and ``prepdeck cram``: the app opened straight on a session."""

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


_KINDS = ("question", "scenario", "company-need")


@click.command("cram")
@click.option("--interview", "name", metavar="NAME", help="Cram for this interview, at its time.")
@click.option(
    "--deck",
    "deck_ids",
    multiple=True,
    metavar="ID",
    help="Only this deck (the interview's own needs stay in); repeat for several.",
)
@click.option("--tag", metavar="TAG", help="Only cards with this tag.")
@click.option("--kind", type=click.Choice(_KINDS), help="Only cards of this kind.")
@click.option(
    "--until",
    "until_text",
    metavar="TIME",
    help="Be ready at this time instead of an interview's: tomorrow 9:00, fri 14:00.",
)
@click.option(
    "--minutes",
    type=click.IntRange(min=1, max=24 * 60),
    metavar="N",
    help="A session clock: the cram ends after N minutes.",
)
@click.option(
    "--reschedule",
    is_flag=True,
    help="Apply grades to the schedule as a drill does (default: keep the schedule).",
)
def cram(
    name: str | None,
    deck_ids: tuple[str, ...],
    tag: str | None,
    kind: str | None,
    until_text: str | None,
    minutes: int | None,
    reschedule: bool,
) -> None:
    """Drill the cards weakest at an interview's time (the next interview by default):
    its own needs first, then scenarios, then the weakest cards. Grades leave the
    schedule as it is unless --reschedule."""
    from prepdeck.clock import SystemClock
    from prepdeck.domain.cram import CramRequest
    from prepdeck.domain.moments import parse_moment
    from prepdeck.errors import PrepdeckError

    if name is not None and until_text is not None:
        raise PrepdeckError("cram: give --interview or --until, not both")
    # Read before the home is opened: a time that cannot be read writes nothing.
    until = None if until_text is None else parse_moment(until_text, now=SystemClock().now())
    request = CramRequest(
        interview=name,
        deck_ids=deck_ids,
        kind=kind,
        tag=tag,
        until=until,
        reschedule=reschedule,
    )
    run_app(deck_ids, opens_on="cram", cram=request, cram_minutes=minutes)
