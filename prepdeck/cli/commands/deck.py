"""``prepdeck deck ...``: validate, install, list, show, remove and export decks."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import click

from prepdeck.cli.help import FullHelpGroup
from prepdeck.cli.output import (
    output_option,
    print_json,
    print_pairs,
    print_table,
    write_output,
)
from prepdeck.cli.quick import deck_list_json
from prepdeck.domain.text import one_line
from prepdeck.errors import PrepdeckError, UnwritableFile

if TYPE_CHECKING:
    from prepdeck.formats.deck.loader import LoadResult
    from prepdeck.formats.deck.problems import Problem
    from prepdeck.library.decks import MergeReport
    from prepdeck.services import Services

DECK_SUFFIXES = (".yaml", ".yml")
EXPORT_FORMATS = ("yaml", "apkg", "csv")
"""The formats `deck export` writes."""
IMPORT_SUFFIXES = (".apkg", ".csv")
"""The files `deck import` reads, by suffix."""


@click.group(cls=FullHelpGroup)
def deck() -> None:
    """Write, check, install and share decks."""


def _expand(paths: tuple[str, ...]) -> list[Path]:
    """Files as given; a directory stands for the deck files directly inside it."""
    expanded: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.suffix in DECK_SUFFIXES and p.is_file())
            expanded.extend(found or [path])
        else:
            expanded.append(path)
    return expanded


def _as_strict(problem: Problem, strict: bool) -> Problem:
    from prepdeck.formats.deck.problems import Severity

    if strict and problem.severity is Severity.WARNING:
        return replace(problem, severity=Severity.ERROR)
    return problem


@deck.command("validate")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")
def validate(paths: tuple[str, ...], strict: bool, as_json: bool) -> None:
    """Check deck files (or folders of them); exit 0 if all are valid."""
    # Imported here: the loader brings PyYAML, which only the commands reading files need.
    from prepdeck.domain.plural import plural
    from prepdeck.formats.deck.loader import load_deck
    from prepdeck.formats.deck.problems import MAX_PROBLEMS, STOPPED, Severity

    results: list[LoadResult] = [load_deck(path) for path in _expand(paths)]
    all_ok = True
    report: list[dict[str, object]] = []
    for result in results:
        problems = [_as_strict(p, strict) for p in result.problems]
        ok = result.ok(strict)
        all_ok = all_ok and ok
        cards = len(result.deck.cards) if result.deck is not None else 0
        if as_json:
            report.append(
                {
                    "path": result.path,
                    "ok": ok,
                    "cards": cards,
                    "errors": [p.to_json() for p in problems],
                }
            )
            continue
        for problem in problems:
            click.echo(problem.format(), err=True)
        if ok:
            click.echo(f"{result.path}: ok, {plural(cards, 'card')}")
        elif problems and problems[-1].message == STOPPED:
            # Reading stopped at the cap, so no count of the errors would be true.
            click.echo(f"{result.path}: refused, more than {MAX_PROBLEMS} problems")
        else:
            # The line counting the warnings not listed is not itself one of them.
            listed = problems[:-1] if result.unlisted_warnings else problems
            errors = sum(p.severity is Severity.ERROR for p in listed)
            errors += result.unlisted_warnings if strict else 0
            click.echo(f"{result.path}: refused, {plural(errors, 'error')}")
    if as_json:
        print_json(report)
    if not all_ok:
        sys.exit(1)


def _services() -> Services:
    from prepdeck.services import open_services

    return open_services()


@deck.command("install")
@click.argument("target")
@click.option(
    "--sha256", "sha256", metavar="HEX", help="Refuse the deck unless its SHA-256 matches."
)
@click.option("--replace", is_flag=True, help="Take over a deck installed from another source.")
@click.option(
    "--source",
    "source_url",
    metavar="URL",
    help="For an id: the source to install from, when several offer it.",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")
def install(
    target: str, sha256: str | None, replace: bool, source_url: str | None, as_json: bool
) -> None:
    """Validate a deck (path, URL, or an id offered by a source) and merge it in,
    keeping history.

    Cards are matched by id: new ones are added, changed ones updated, missing ones
    retired; the reviews of each stay with it. A deck found by id must match the sha256
    its index gives.
    """
    from prepdeck.library.install import names_index_id, prepare_install

    if names_index_id(target):
        with _services() as services:
            installed = services.updates.install(
                target, source=source_url, sha256=sha256, replace=replace
            )
        for warning in installed.warnings:
            click.echo(f"prepdeck: warning: {warning}", err=True)
        checked, report = installed.checked, installed.report
    else:
        if source_url is not None:
            raise PrepdeckError("deck install: --source goes with a deck id, not a path or URL")
        # Found and validated before the home is opened: a refused deck writes nothing.
        checked = prepare_install(target, sha256=sha256)
        with _services() as services:
            report = services.library.merge(checked, replace=replace)
    counts = _merge_counts(report)
    if as_json:
        print_json({"id": report.deck_id, "created": report.created, **counts})
        return
    verb = "installed" if report.created else "updated"
    click.echo(
        f"{verb} {report.deck_id}: {counts['added']} added, {counts['changed']} changed, "
        f"{counts['retired']} retired, {counts['unchanged']} unchanged"
    )
    from prepdeck.domain.reuse import reuse_notes

    for note in reuse_notes(checked.deck):
        _note(f"{report.deck_id}: {note}")


@deck.command("list")
@click.option("--all", "include_removed", is_flag=True, help="Include removed decks.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")
def list_decks(include_removed: bool, as_json: bool) -> None:
    """Installed decks with their due and new cards."""
    if as_json:
        deck_list_json(include_removed)
        return
    with _services() as services:
        rows = services.deck_overview(include_removed=include_removed)
    print_table(
        None,
        ["Deck", "Title", "Cards", "Due", "New", "New today", "License", "Source"],
        [
            (
                _with_state(row.id, removed=row.removed, paused=row.paused),
                row.title,
                row.cards,
                row.due,
                row.new,
                row.new_today,
                row.license or "-",
                row.source,
            )
            for row in rows
        ],
        empty="No decks installed. Install one with: prepdeck deck install PATH",
    )


def _with_state(deck_id: str, *, removed: bool, paused: bool) -> str:
    states = [name for name, on in (("removed", removed), ("paused", paused)) if on]
    return f"{deck_id} ({', '.join(states)})" if states else deck_id


@deck.command("show")
@click.argument("deck_id", metavar="ID")
@click.option("--all", "include_retired", is_flag=True, help="Include retired cards.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")
def show(deck_id: str, include_retired: bool, as_json: bool) -> None:
    """A deck and its cards."""
    with _services() as services:
        stored = services.library.get(deck_id)
        cards = services.library.cards(deck_id, include_retired=include_retired)
    document = {
        "id": stored.id,
        "title": stored.title,
        "description": stored.description,
        "author": stored.author,
        "license": stored.license,
        "version": stored.version,
        "tags": list(stored.tags),
        "cards": [
            {
                "id": item.card.id,
                "kind": item.card.kind.value,
                "prompt": item.card.prompt,
                "answer": item.card.answer,
                "points": list(item.card.points),
                "followups": list(item.card.followups),
                "tags": list(item.card.tags),
                "seconds": item.card.seconds,
                "retired": item.retired,
            }
            for item in cards
        ],
    }
    if as_json:
        print_json(document)
        return
    details: list[tuple[str, object]] = [
        ("Deck", stored.id),
        ("Title", stored.title),
        ("Description", (stored.description or "").strip() or None),
        ("Version", stored.version),
        ("License", stored.license),
        ("Author", stored.author),
        ("Source", stored.source),
        ("Cards", len([c for c in cards if not c.retired])),
    ]
    from prepdeck.domain.reuse import reuse_notes

    details += [("Reuse", note) for note in reuse_notes(stored)]
    print_pairs([(name, value) for name, value in details if value is not None])
    print_table(
        None,
        ["Card", "Kind", "Prompt"],
        [
            (
                item.card.id + (" (retired)" if item.retired else ""),
                item.card.kind.value,
                one_line(item.card.prompt, width=70),
            )
            for item in cards
        ],
    )


@deck.command("remove")
@click.argument("deck_id", metavar="ID")
@click.option("--purge", is_flag=True, help="Delete the deck and all its history for good.")
def remove(deck_id: str, purge: bool) -> None:
    """Hide a deck, keeping its history (--purge deletes everything)."""
    with _services() as services:
        services.library.remove(deck_id, purge=purge)
    click.echo(f"{'purged' if purge else 'removed'} {deck_id}")


@deck.command("pause")
@click.argument("deck_id", metavar="ID")
def pause(deck_id: str) -> None:
    """Keep a deck out of drills until resumed; its schedule is kept."""
    if _set_paused(deck_id, True):
        click.echo(
            f"paused {deck_id}: its cards stay out of drills until: prepdeck deck resume {deck_id}"
        )
    else:
        click.echo(f"{deck_id} is already paused")


@deck.command("resume")
@click.argument("deck_id", metavar="ID")
def resume(deck_id: str) -> None:
    """Bring a paused deck back into drills."""
    if _set_paused(deck_id, False):
        click.echo(f"resumed {deck_id}: its cards are back in the drill")
    else:
        click.echo(f"{deck_id} is not paused")


def _set_paused(deck_id: str, paused: bool) -> bool:
    """Pause or resume ``deck_id``; False when it already was as asked, which is no error:
    a script making sure of a state need not look first."""
    with _services() as services:
        library = services.library
        if library.active(deck_id).paused == paused:
            return False
        library.set_paused(deck_id, paused)
    return True


@deck.command("export")
@click.argument("deck_id", metavar="ID")
@click.option(
    "--format",
    "export_format",
    type=click.Choice(EXPORT_FORMATS),
    default="yaml",
    show_default=True,
    help="yaml (a deck file), csv (for spreadsheets) or apkg (for Anki; needs -o).",
)
@output_option()
@click.option(
    "--id",
    "new_id",
    metavar="ID",
    help="Write the deck under this id (default: its own; a personal deck's without 'my-').",
)
@click.option(
    "--with-my-answers",
    is_flag=True,
    help="Carry your own answers: in place of the deck's (yaml), in a my_answer column "
    "(csv) or a MyAnswer field (apkg).",
)
def export(
    deck_id: str,
    export_format: str,
    output: str | None,
    new_id: str | None,
    with_my_answers: bool,
) -> None:
    """Write a deck as a file that deck install takes back, a CSV file for spreadsheets,
    or an Anki package.

    Every card id is written out, so the cards keep their history when the file is
    edited and installed or imported again. A personal deck goes out under an id install
    accepts, without the cards that have no answer yet. Your own answers stay out unless
    --with-my-answers is given.
    """
    from prepdeck.domain.plural import plural
    from prepdeck.formats.deck.writer import dump_deck, write_deck

    if export_format == "apkg" and output is None:
        raise PrepdeckError("deck export: --format apkg writes a file; name it with -o FILE")
    yaml = export_format == "yaml"
    with _services() as services:
        exported = services.library.export(
            deck_id, new_id=new_id, with_own_answers=with_my_answers and yaml
        )
        own = services.library.own_answers(deck_id) if with_my_answers and not yaml else None
    written = exported.deck
    if exported.renamed_from is not None:
        _note(
            f"{exported.renamed_from} is a personal deck: exported as '{written.id}' "
            "(choose another id with --id)"
        )
    if exported.left_out:
        _note(
            f"left out {plural(len(exported.left_out), 'card')} without an answer, which a "
            f"shared deck needs: {_some(exported.left_out)}"
        )
    if export_format == "csv":
        from prepdeck.formats.csv_deck import dump_csv

        write_output(dump_csv(written.cards, own_answers=own), output)
    elif export_format == "apkg":
        assert output is not None
        from prepdeck.cli.progress import progress_bar
        from prepdeck.formats.apkg_writer import write_apkg

        try:
            with progress_bar("Writing the Anki package") as progress:
                write_apkg(written, Path(output), own_answers=own, progress=progress)
        except OSError as error:
            raise UnwritableFile(output, error) from None
    elif output is None:
        sys.stdout.write(dump_deck(written))
    else:
        try:
            write_deck(written, Path(output))
        except OSError as error:
            raise UnwritableFile(output, error) from None
    if output is not None:
        click.echo(f"wrote {written.id} ({plural(len(written.cards), 'card')}) to {output}")


LARGE_IMPORT_NOTES = 2000
"""From this many notes, an Anki import shows its progress (on a terminal)."""


@deck.command("import")
@click.argument("file", metavar="FILE.apkg|FILE.csv", type=click.Path(dir_okay=False))
@click.option(
    "--id",
    "deck_id",
    metavar="ID",
    help="The deck's id; with several Anki decks, the start of each one's id "
    "(default: the file name's).",
)
@click.option(
    "--with-history", is_flag=True, help="Anki packages: import the review log too, replayed."
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")
def import_(file: str, deck_id: str | None, with_history: bool, as_json: bool) -> None:
    """Import an Anki package (.apkg) or a CSV file of cards as decks.

    An Anki package becomes one deck per non-empty Anki deck, each note a card whose id
    comes from the note's guid. A CSV file's first row names its columns: prompt and
    answer, and any of id, points, tags, kind, followups and seconds; every problem is
    reported at its line and column, and nothing is written unless there is none.
    Importing again merges by card id, so each card keeps its history.
    """
    from prepdeck.cli.progress import progress_bar
    from prepdeck.domain.plural import plural

    suffix = Path(file).suffix.lower()
    if suffix in DECK_SUFFIXES:
        raise PrepdeckError(
            f"deck import: {file} is a deck file; install it with: prepdeck deck install {file}"
        )
    if suffix not in IMPORT_SUFFIXES:
        raise PrepdeckError(
            f"deck import: {file}: not an Anki package or CSV file (expected "
            f"{' or '.join(IMPORT_SUFFIXES)})"
        )
    if suffix == ".csv" and with_history:
        raise PrepdeckError("deck import: --with-history reads an Anki package's review log")
    path = Path(file).expanduser()
    with _services() as services, progress_bar("Importing") as advance:
        advance = None if as_json else advance
        if suffix == ".csv":
            merges: Sequence[MergeReport] = [
                services.library.import_csv(path, deck_id=deck_id, progress=advance).report
            ]
            skipped_notes, history = 0, None
        else:

            def notes_done(step: str, done: int, total: int) -> None:
                # Only a large package's notes are worth a bar (each is counted twice:
                # read, then written); the log follows quickly.
                if advance is not None and step == "notes" and total >= 2 * LARGE_IMPORT_NOTES:
                    advance(done, total)

            result = services.import_anki(
                path,
                deck_id=deck_id,
                with_history=with_history,
                progress=notes_done,
                shown=file,
            )
            merges, skipped_notes, history = result.merges, result.skipped_notes, result.history
    if as_json:
        print_json(
            {
                "decks": [
                    {"id": merge.deck_id, "created": merge.created, **_merge_counts(merge)}
                    for merge in merges
                ],
                "skipped_notes": skipped_notes,
                "reviews": None
                if history is None
                else {
                    "added": history.added,
                    "duplicates": history.duplicates,
                    "replayed_cards": history.replayed_cards,
                },
            }
        )
        return
    for merge in merges:
        counts = _merge_counts(merge)
        verb = "imported" if merge.created else "updated"
        click.echo(
            f"{verb} {merge.deck_id}: {counts['added']} added, {counts['changed']} changed, "
            f"{counts['retired']} retired, {counts['unchanged']} unchanged"
        )
    if skipped_notes:
        _note(f"left out {plural(skipped_notes, 'note')} without text on both sides")
    if history is not None:
        click.echo(
            f"imported {plural(history.added, 'review')} "
            f"({history.duplicates} already logged), "
            f"{plural(history.replayed_cards, 'card')} replayed"
        )


def _note(message: str) -> None:
    """A line on stderr about a change made to carry the command out: stdout may be data."""
    click.echo(f"prepdeck: {message}", err=True)


def _some(ids: Sequence[str], shown: int = 5) -> str:
    return ", ".join(ids[:shown]) + (", ..." if len(ids) > shown else "")


@deck.command("new")
@click.argument("deck_id", metavar="ID")
@output_option("File to write, which must not exist yet (default: standard output).")
def new(deck_id: str, output: str | None) -> None:
    """Write a starter deck to fill in: every field explained, one card of each kind.

    It validates as it is (prepdeck deck validate --strict FILE); replace the example
    cards with your own, then install or publish it.
    """
    from prepdeck.domain.ids import is_valid_id
    from prepdeck.errors import PrepdeckError
    from prepdeck.formats.deck.starter import starter_deck

    if not is_valid_id(deck_id):
        raise PrepdeckError(
            f"deck new: {deck_id!r} is not a deck id: lower-case letters and digits, "
            "words joined by single dashes, at most 64 characters"
        )
    if deck_id.startswith("my-"):
        raise PrepdeckError(
            f"deck new: {deck_id!r} starts with 'my-', which is kept for personal decks"
        )
    text = starter_deck(deck_id)
    if output is None:
        sys.stdout.write(text)
        return
    path = Path(output)
    try:
        # "x": never overwrite a deck someone has started writing.
        with path.open("x", encoding="utf-8") as file:
            file.write(text)
    except FileExistsError:
        raise PrepdeckError(
            f"deck new: {output} exists already; choose another file or remove it first"
        ) from None
    except OSError as error:
        raise UnwritableFile(output, error) from None
    click.echo(
        f"wrote a starter deck {deck_id} to {output}; "
        f"check it with: prepdeck deck validate --strict {output}"
    )


@deck.command("outdated")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")
def outdated(as_json: bool) -> None:
    """Installed decks whose source now offers a newer version (every index read afresh)."""
    with _services() as services:
        rows, warnings = services.sources.outdated()
    for warning in warnings:
        click.echo(f"prepdeck: warning: {warning}", err=True)
    if as_json:
        print_json(
            [
                {
                    "id": row.deck_id,
                    "installed": row.installed,
                    "available": row.available,
                    "source": row.source,
                }
                for row in rows
            ]
        )
        return
    print_table(
        None,
        ["Deck", "Installed", "Available", "Source"],
        [(row.deck_id, row.installed or "-", row.available or "-", row.source) for row in rows],
        empty="Every deck from a source is up to date.",
    )


@deck.command("search")
@click.argument("term", metavar="TERM")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")
@click.option("--refresh", is_flag=True, help="Fetch every index again, whatever its cache's age.")
def search(term: str, as_json: bool, refresh: bool) -> None:
    """Decks the sources offer whose id, title, description or tags hold TERM.

    Each index answers from what was fetched within the last hour; a source that cannot
    be fetched is a warning, and the others still answer.
    """
    with _services() as services:
        found = services.sources.search(term, refresh=refresh)
    if found.sources == 0:
        _note("no sources to search; add one with: prepdeck source add URL")
    for warning in found.warnings:
        click.echo(f"prepdeck: warning: {warning}", err=True)
    if as_json:
        print_json(
            [
                {
                    "id": offer.entry.id,
                    "title": offer.entry.title,
                    "description": offer.entry.description,
                    "version": offer.entry.version,
                    "license": offer.entry.license,
                    "tags": list(offer.entry.tags),
                    "source": offer.source,
                    "installed": offer.installed,
                }
                for offer in found.decks
            ]
        )
        return
    print_table(
        None,
        ["Deck", "Title", "Version", "License", "Installed", "Source"],
        [
            (
                offer.entry.id,
                one_line(offer.entry.title, width=50),
                offer.entry.version,
                offer.entry.license,
                "yes" if offer.installed else "",
                offer.source,
            )
            for offer in found.decks
        ],
        empty=f"No deck in the sources matches {term!r}."
        if not found.warnings
        else f"No deck in the sources that answered matches {term!r}.",
    )


@deck.command("update")
@click.argument("deck_id", metavar="[ID]", required=False)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")
def update(deck_id: str | None, as_json: bool) -> None:
    """Bring decks installed from a source up to the version it offers now (every index
    read afresh), or only the deck ID.

    Each deck is merged as an install is: reviews and your own data stay with their
    cards. A deck that fails to download, match its sha256 or validate is left exactly
    as it was, and the command exits 1.
    """
    with _services() as services:
        run = services.updates.update(deck_id)
    for warning in run.warnings:
        click.echo(f"prepdeck: warning: {warning}", err=True)
    if as_json:
        print_json(
            [
                {
                    "id": item.deck_id,
                    "from": item.from_version,
                    "to": item.to_version,
                    "source": item.source,
                    **_merge_counts(item.report),
                }
                for item in run.updated
            ]
        )
    else:
        for item in run.updated:
            counts = _merge_counts(item.report)
            click.echo(
                f"updated {item.deck_id} {item.from_version or '-'} -> "
                f"{item.to_version or '-'}: {counts['added']} added, "
                f"{counts['changed']} changed, {counts['retired']} retired, "
                f"{counts['unchanged']} unchanged"
            )
        for current in run.current:
            click.echo(f"{current} is up to date")
        if not run.updated and not run.current and not run.failed:
            click.echo("Every deck from a source is up to date.")
    for failure in run.failed:
        _note(f"{failure.deck_id} not updated, left as it was:")
        click.echo(failure.message, err=True)
    if run.failed:
        sys.exit(1)


def _merge_counts(report: MergeReport) -> dict[str, int]:
    """What a merge did, as ``deck install`` and ``deck update`` print it: a revived card
    counts as changed."""
    return {
        "added": len(report.added),
        "changed": len(report.changed) + len(report.revived),
        "retired": len(report.retired),
        "unchanged": len(report.unchanged),
    }
