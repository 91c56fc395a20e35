"""Reading commands that run without click: ``deck list --json`` and ``stats --json``.

Scripts and status bars call these two over and over, and loading click (its parser,
its parameter types and what they import) was the largest part of their start. When
the words after ``prepdeck`` are exactly one of them with flags only (each at most
once, in any order), ``prepdeck.launch`` runs it from here; any other command line,
``--help`` and option values included, goes through click as before. Both ways run the
same code and print the same bytes: the click commands call the functions below.

Free of click, as ``guard`` is.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence

from prepdeck.cli.guard import fail, guarded

QuickRun = Callable[[frozenset[str]], None]


def deck_list_json(include_removed: bool) -> None:
    """``deck list --json``: the installed decks (``--all``: removed ones too)."""
    from prepdeck.cli.output import print_json
    from prepdeck.reports.json import to_json
    from prepdeck.services import open_services

    with open_services() as services:
        rows = services.deck_overview(include_removed=include_removed)
    print_json(to_json(rows))


def stats_json(deck_id: str | None) -> None:
    """``stats --json``: the figures of every active deck, or of ``deck_id`` alone."""
    from prepdeck.cli.output import print_json
    from prepdeck.reports.json import to_json
    from prepdeck.services import open_services

    with open_services() as services:
        figures = services.stats(deck_id=deck_id)
    print_json(to_json(figures))


def keymap_problems() -> list[str]:
    """One line per keymap entry of config.toml the app will not use; none when the file
    cannot be read (the command reports that itself, as an error)."""
    from prepdeck.config import load_config
    from prepdeck.errors import ConfigError
    from prepdeck.paths import locations

    try:
        config = load_config(locations().config)
    except ConfigError:
        return []
    if not config.keymap:
        return []
    from prepdeck.domain.keymap import resolve_keymap

    return list(resolve_keymap(config.keymap).problems)


QUICK_COMMANDS: dict[tuple[str, ...], tuple[frozenset[str], QuickRun]] = {
    ("deck", "list"): (
        frozenset({"--json", "--all"}),
        lambda flags: deck_list_json("--all" in flags),
    ),
    ("stats",): (frozenset({"--json"}), lambda flags: stats_json(None)),
}
"""Each quick command's words, the flags it takes, and how it runs given those present;
``--json`` must be among them (the tables load rich, which dwarfs click)."""

COMPLETION_VARIABLE = "_PREPDECK_COMPLETE"
"""Set by a shell asking click to complete a command line: then click must answer."""


def quick_command(words: Sequence[str]) -> Callable[[], None] | None:
    """How to run ``prepdeck WORDS`` without click, or None when click must parse them."""
    if COMPLETION_VARIABLE in os.environ:
        return None
    for names, (allowed, run) in QUICK_COMMANDS.items():
        if tuple(words[: len(names)]) != names:
            continue
        flags = words[len(names) :]
        chosen = frozenset(flags)
        if "--json" not in chosen or len(chosen) != len(flags) or not chosen <= allowed:
            return None
        return lambda: run(chosen)
    return None


def run_quick(command: Callable[[], None]) -> None:
    """Run a quick command as click runs every other one (``prepdeck.cli.root``): keymap
    warnings first, standard output flushed before the end, and Ctrl-C or end of input
    reported as an abort.

    Unlike the others, it leaves the cyclic garbage collector off (``prepdeck.launch``):
    most of its run is importing modules, when the collector's passes find nothing to
    free, and what the rest allocates (a row per deck, a few figures) is freed by its
    reference counts or at exit, a few milliseconds later.
    """
    with guarded():
        try:
            for line in keymap_problems():
                print(line, file=sys.stderr, flush=True)
            command()
            sys.stdout.flush()
        except (EOFError, KeyboardInterrupt):
            print(file=sys.stderr, flush=True)
            fail(["prepdeck: aborted"])
