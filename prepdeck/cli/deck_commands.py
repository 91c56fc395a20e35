"""``prepdeck deck ...``: validate, install, list, show, remove and export decks."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from prepdeck.deck.loader import LoadResult, load_deck
from prepdeck.deck.problems import Problem, Severity

DECK_SUFFIXES = (".yaml", ".yml")


@click.group()
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
    if strict and problem.severity is Severity.WARNING:
        return Problem(problem.path, problem.line, problem.col, Severity.ERROR, problem.message)
    return problem


@deck.command("validate")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")
def validate(paths: tuple[str, ...], strict: bool, as_json: bool) -> None:
    """Check deck files (or directories of them); exit 0 only when all are valid."""
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
            click.echo(f"{result.path}: ok, {cards} cards")
        else:
            errors = sum(p.severity is Severity.ERROR for p in problems)
            click.echo(f"{result.path}: refused, {errors} error{'s' if errors != 1 else ''}")
    if as_json:
        json.dump(report, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    if not all_ok:
        sys.exit(1)
