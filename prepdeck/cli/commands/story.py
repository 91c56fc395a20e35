"""``prepdeck story ...``: the STAR story bank, its links to cards, and its file."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from prepdeck.cli.help import FullHelpGroup
from prepdeck.cli.output import output_option, print_json, print_pairs, print_table, write_output

if TYPE_CHECKING:
    from prepdeck.domain.stories import Story


@click.group(cls=FullHelpGroup)
def story() -> None:
    """Keep your STAR stories, link them to the questions they answer, drill them."""


def _listed(item: Story, cards: list[str]) -> dict[str, object]:
    return {"id": item.id, "title": item.title, "tags": list(item.tags), "cards": cards}


def _shown(item: Story, cards: list[str]) -> dict[str, object]:
    return {
        **_listed(item, cards),
        "situation": item.situation,
        "task": item.task,
        "action": item.action,
        "result": item.result,
        "metric": item.metric,
    }


@story.command("add")
@click.option("--title", metavar="TEXT", help="What the story is about (required).")
@click.option("--situation", metavar="TEXT", help="Where you were (required).")
@click.option("--task", default="", metavar="TEXT", help="What was yours to do.")
@click.option("--action", metavar="TEXT", help="What you did (required).")
@click.option("--result", metavar="TEXT", help="What came of it (required).")
@click.option("--metric", metavar="TEXT", help="The number that proves it.")
@click.option("--tag", "tags", multiple=True, metavar="TAG", help="A tag; repeat.")
@click.option("--id", "story_id", metavar="ID", help="Its id (default: made from the title).")
def add(
    title: str | None,
    situation: str | None,
    task: str,
    action: str | None,
    result: str | None,
    metric: str | None,
    tags: tuple[str, ...],
    story_id: str | None,
) -> None:
    """Add a story, drilled from now on as a card of my-stories; print its id."""
    from prepdeck.errors import PrepdeckError
    from prepdeck.services import open_services

    # Checked here rather than by click, so each mistake is one line.
    for name, value in (
        ("title", title),
        ("situation", situation),
        ("action", action),
        ("result", result),
    ):
        if value is None:
            raise PrepdeckError(f"story add: --{name} is required")
    assert title is not None and situation is not None
    assert action is not None and result is not None
    with open_services() as services:
        added = services.stories.add(
            title=title,
            situation=situation,
            task=task,
            action=action,
            result=result,
            metric=metric,
            tags=tags,
            story_id=story_id,
        )
    click.echo(added.id)


@story.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")
def list_stories(as_json: bool) -> None:
    """Every story, by id, with its tags and linked cards."""
    from prepdeck.services import open_services

    with open_services() as services:
        items = services.stories.all()
        links = services.stories.all_cards()
    if as_json:
        print_json([_listed(item, links.get(item.id, [])) for item in items])
        return
    print_table(
        None,
        ["Story", "Title", "Tags", "Cards"],
        [
            (item.id, item.title, ", ".join(item.tags), len(links.get(item.id, [])))
            for item in items
        ],
        empty="No stories. Add one with: prepdeck story add --title ... (see --help)",
    )


@story.command("show")
@click.argument("story_id", metavar="ID")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")
def show(story_id: str, as_json: bool) -> None:
    """A story's parts, tags and linked cards."""
    from prepdeck.services import open_services

    with open_services() as services:
        item = services.stories.get(story_id)
        cards = services.stories.cards_of(item.id)
    if as_json:
        print_json(_shown(item, cards))
        return
    print_pairs(
        [
            ("Story", item.id),
            ("Title", item.title),
            ("Situation", item.situation),
            ("Task", item.task),
            ("Action", item.action),
            ("Result", item.result),
            ("Metric", item.metric or ""),
            ("Tags", ", ".join(item.tags)),
            ("Cards", "\n".join(cards)),
        ]
    )


@story.command("edit")
@click.argument("story_id", metavar="ID")
@click.option("--title", metavar="TEXT", help="A new title.")
@click.option("--situation", metavar="TEXT", help="A new situation.")
@click.option("--task", metavar="TEXT", help='A new task ("" for none).')
@click.option("--action", metavar="TEXT", help="A new action.")
@click.option("--result", metavar="TEXT", help="A new result.")
@click.option("--metric", metavar="TEXT", help='A new metric ("" for none).')
@click.option("--tag", "tags", multiple=True, metavar="TAG", help="A tag; repeat. Replaces all.")
@click.option("--no-tags", is_flag=True, help="Remove every tag.")
def edit(
    story_id: str,
    title: str | None,
    situation: str | None,
    task: str | None,
    action: str | None,
    result: str | None,
    metric: str | None,
    tags: tuple[str, ...],
    no_tags: bool,
) -> None:
    """Change a story; its drill card gets the new text and keeps its schedule."""
    from prepdeck.errors import PrepdeckError
    from prepdeck.services import open_services

    if tags and no_tags:
        raise PrepdeckError("story edit: --tag and --no-tags cannot go together")
    with open_services() as services:
        edited = services.stories.edit(
            story_id,
            title=title,
            situation=situation,
            task=task,
            action=action,
            result=result,
            metric=metric,
            tags=() if no_tags else (tags or None),
        )
    click.echo(f"edited story {edited.id}")


@story.command("remove")
@click.argument("story_id", metavar="ID")
def remove(story_id: str) -> None:
    """Remove a story and its links; its drill card is retired, its reviews kept."""
    from prepdeck.services import open_services

    with open_services() as services:
        removed = services.stories.remove(story_id)
    click.echo(f"removed story {removed.id}")


@story.command("import")
@click.argument("file", metavar="FILE", type=click.Path(dir_okay=False))
def import_stories(file: str) -> None:
    """Add or update the stories of a YAML file (a list of stories), all or none."""
    from prepdeck.services import open_services

    with open_services() as services:
        done = services.stories.import_file(Path(file))
    click.echo(f"imported {file}: {len(done.added)} added, {len(done.updated)} updated")


@story.command("export")
@output_option()
def export(output: str | None) -> None:
    """Write every story as the YAML file story import reads."""
    from prepdeck.services import open_services

    with open_services() as services:
        text = services.stories.export()
        count = len(services.stories.all())
    write_output(text, output)
    if output is not None:
        click.echo(f"wrote {count} {'story' if count == 1 else 'stories'} to {output}")


@story.command("link")
@click.argument("story_id", metavar="STORY")
@click.argument("ref", metavar="DECK/CARD")
def link(story_id: str, ref: str) -> None:
    """Link a story to a card it answers."""
    from prepdeck.services import open_services

    with open_services() as services:
        added = services.stories.link(story_id, ref)
    click.echo(f"linked {story_id} to {ref}" if added else f"{story_id} was linked to {ref}")


@story.command("unlink")
@click.argument("story_id", metavar="STORY")
@click.argument("ref", metavar="DECK/CARD")
def unlink(story_id: str, ref: str) -> None:
    """Undo a link between a story and a card."""
    from prepdeck.services import open_services

    with open_services() as services:
        services.stories.unlink(story_id, ref)
    click.echo(f"unlinked {story_id} from {ref}")


@story.command("suggest")
@click.argument("story_id", metavar="STORY")
@click.option("--limit", default=5, show_default=True, type=click.IntRange(1, 100))
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")
def suggest(story_id: str, limit: int, as_json: bool) -> None:
    """Cards the story may answer: sharing its tags, then its words; best first."""
    from prepdeck.services import open_services

    with open_services() as services:
        found = services.stories.suggest(story_id, limit=limit)
    if as_json:
        print_json(
            [
                {
                    "card": one.ref,
                    "prompt": one.prompt,
                    "score": one.score,
                    "tags": list(one.tags),
                    "words": list(one.words),
                }
                for one in found
            ]
        )
        return
    print_table(
        None,
        ["Card", "Prompt", "Shared"],
        [(one.ref, one.prompt, ", ".join((*one.tags, *one.words))) for one in found],
        empty="No card shares a tag or a word with this story.",
    )
