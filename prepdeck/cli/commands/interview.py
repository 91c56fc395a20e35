"""``prepdeck interview ...``: the interviews being prepared for, their needs, and what
comes after: the debrief and the follow-ups."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

import click

from prepdeck.cli.help import FullHelpGroup
from prepdeck.cli.output import print_json, print_table

if TYPE_CHECKING:
    from prepdeck.prep.interviews import Interview


@click.group(cls=FullHelpGroup)
def interview() -> None:
    """Add the interviews you prepare for and what each company needs; debrief them after."""


def _shown_time(moment: datetime) -> str:
    """Local time, to the minute, with its offset."""
    return moment.astimezone().strftime("%Y-%m-%d %H:%M %z")


@interview.command("add")
@click.argument("name", metavar="NAME")
@click.option(
    "--at",
    "at_text",
    metavar="TIME",
    help="When (required): 2026-12-10 14:00, tomorrow 14:00, fri 9:30, in 3 days.",
)
@click.option(
    "--deck", "decks", multiple=True, metavar="ID", help="A deck it is about; repeat. Default: all."
)
@click.option("--note", default="", metavar="TEXT", help="A note to keep with it.")
def add(name: str, at_text: str | None, decks: tuple[str, ...], note: str) -> None:
    """Add an interview at a time ahead, with its own personal deck."""
    from prepdeck.clock import SystemClock
    from prepdeck.domain.moments import parse_moment
    from prepdeck.errors import PrepdeckError
    from prepdeck.services import open_services

    if at_text is None:
        raise PrepdeckError('interview add: --at is required (e.g. --at "tomorrow 14:00")')
    # Read before the home is opened: a time that cannot be read writes nothing.
    at = parse_moment(at_text, now=SystemClock().now())
    with open_services() as services:
        added = services.interviews.add(name, at, decks=decks, note=note)
    click.echo(
        f"added interview {added.name} on {_shown_time(added.at)}; "
        f"its own cards go to deck {added.deck_id}"
    )


def _document(item: Interview) -> dict[str, object]:
    return {
        "name": item.name,
        "at": item.at.astimezone().isoformat(timespec="seconds"),
        "decks": list(item.decks),
        "note": item.note,
        "deck_id": item.deck_id,
    }


@interview.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")
def list_interviews(as_json: bool) -> None:
    """Every interview, soonest first, with its decks."""
    from prepdeck.services import open_services

    with open_services() as services:
        items = services.interviews.all()
    if as_json:
        print_json([_document(item) for item in items])
        return
    print_table(
        None,
        ["Interview", "When", "Decks", "Own deck", "Note"],
        [
            (
                item.name,
                _shown_time(item.at),
                ("all active: " if item.all_decks else "") + ", ".join(item.decks),
                item.deck_id,
                item.note,
            )
            for item in items
        ],
        empty='No interviews. Add one with: prepdeck interview add NAME --at "fri 9:30"',
    )


@interview.command("remove")
@click.argument("name", metavar="NAME")
def remove(name: str) -> None:
    """Remove an interview; its own deck leaves the drill, its reviews are kept."""
    from prepdeck.services import open_services

    with open_services() as services:
        removed = services.interviews.remove(name)
    click.echo(f"removed interview {removed.name}; deck {removed.deck_id} is hidden, reviews kept")


@interview.command("need")
@click.argument("name", metavar="NAME")
@click.argument("text", metavar="TEXT")
def need(name: str, text: str) -> None:
    """Add a card asking what you have done that shows the company's need TEXT."""
    from prepdeck.services import open_services

    with open_services() as services:
        found = services.interviews.get(name)
        card = services.interviews.need(name, text)
    click.echo(f"added card {card.id} to {found.deck_id}: {card.prompt}")


@interview.command("debrief")
@click.argument("name", metavar="NAME")
@click.option(
    "--surprise",
    "surprises",
    multiple=True,
    metavar="TEXT",
    help="A question that surprised you; repeat. Each becomes a card of its own deck.",
)
@click.option("--went-well", default=None, metavar="TEXT", help="What went well.")
@click.option("--to-change", default=None, metavar="TEXT", help="What you would do differently.")
def debrief(
    name: str, surprises: tuple[str, ...], went_well: str | None, to_change: str | None
) -> None:
    """Write down how an interview went, once its time has come; run it again to add more."""
    from prepdeck.domain.plural import plural
    from prepdeck.services import open_services

    with open_services() as services:
        saved = services.debriefs.amend(name, surprises, went_well=went_well, to_change=to_change)
    click.echo(
        f"debrief saved for {saved.debrief.interview}: "
        f"{plural(len(saved.added), 'card')} added to {saved.deck_id}"
    )


@interview.command("followups")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")
def followups(as_json: bool) -> None:
    """The follow-ups due after your interviews: a thank-you note, then a check-in."""
    from prepdeck.services import open_services

    with open_services() as services:
        due = services.debriefs.due_follow_ups()
    if as_json:
        print_json(
            [
                {"interview": one.interview, "kind": one.kind.value, "due": one.due.isoformat()}
                for one in due
            ]
        )
        return
    print_table(
        None,
        ["Interview", "Follow-up", "Due since"],
        [(one.interview, one.kind.value, one.due.isoformat()) for one in due],
        empty="No follow-ups due.",
    )


@interview.command("dismiss")
@click.argument("name", metavar="NAME")
@click.argument("kind", metavar="thank-you|check-in")
def dismiss(name: str, kind: str) -> None:
    """Stop the reminder of a follow-up you have done (or will not do)."""
    from prepdeck.services import open_services

    with open_services() as services:
        done = services.debriefs.dismiss(name, kind)
    click.echo(f"dismissed the {done.kind.value} reminder of {done.interview}")


_MOST_WIDTH = 100
"""Text lines stop here on a wide terminal, short enough to read."""


@interview.command("checklist")
@click.argument("name", metavar="NAME")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")
def checklist(name: str, as_json: bool) -> None:
    """The day-of checklist: pitch, needs and bridges, contingencies, questions to ask."""
    import shutil

    from prepdeck.cli.checklist import checklist_document, checklist_lines
    from prepdeck.services import open_services

    with open_services() as services:
        found = services.day_of(name)
    if as_json:
        print_json(checklist_document(found))
        return
    width = min(shutil.get_terminal_size().columns, _MOST_WIDTH)
    click.echo("\n".join(checklist_lines(found, width)))
