"""The everyday read-only commands start light: no deck parser, no scheduler, no UI library.

``deck list --json`` and ``stats --json`` must stay within twice the start of
``python -c "import yaml, fsrs, sqlite3"`` (see ``benchmarks/bench_cli.py``). They get
there by not importing what they do not use; this test keeps it so without timing
anything.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = (
    "yaml",
    "fsrs",
    "rich",
    "textual",
    "prepdeck.formats.deck.loader",
    "prepdeck.store.reviews",
    "snowballstemmer",
    "pocketsphinx",
    "sounddevice",
)

PROBE = """
import contextlib, io, sys
from prepdeck.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    try:
        main(sys.argv[1:])
    except SystemExit as done:
        assert not done.code, done.code
print(",".join(name for name in {heavy!r} if name in sys.modules))
"""


def run_probe(probe: str, home: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    """Run ``probe`` in a fresh interpreter on the home ``home``; it must exit 0."""
    done = subprocess.run(
        [sys.executable, "-c", probe, *arguments],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PREPDECK_HOME": str(home)},
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done


@pytest.mark.parametrize(
    "command",
    [
        ["deck", "list", "--json"],
        ["stats", "--json"],
        ["story", "list", "--json"],
        ["coverage", "--json"],
    ],
)
def test_read_only_json_commands_import_nothing_heavy(tmp_path: Path, command: list[str]) -> None:
    probe = PROBE.format(heavy=HEAVY)
    # The first start installs the bundled decks, which parses them; the second is the
    # everyday one.
    run_probe(probe, tmp_path / "home", *command)
    assert run_probe(probe, tmp_path / "home", *command).stdout.strip() == ""


def test_the_bare_prepdeck_opens_the_app_without_the_command_line(tmp_path: Path) -> None:
    """The app's start is the one people wait for: click and the subcommands stay out."""
    probe = (
        "import sys\n"
        "import prepdeck.cli.open_app as opening\n"
        "opening.run_app = lambda: 0\n"
        "import prepdeck.launch\n"
        "sys.argv = ['prepdeck']\n"
        "try:\n"
        "    prepdeck.launch.main()\n"
        "except SystemExit as done:\n"
        "    assert not done.code, done.code\n"
        "print(','.join(name for name in ('click', 'prepdeck.cli.root') if name in sys.modules))\n"
    )
    assert run_probe(probe, tmp_path / "home").stdout.strip() == ""


def test_deck_list_and_stats_as_json_skip_the_command_line(tmp_path: Path) -> None:
    """Run as the console script runs them, flags only: click stays out (``cli.quick``)."""
    probe = (
        "import contextlib, io, sys\n"
        "from prepdeck.launch import main\n"
        "for words in (['deck', 'list', '--json'], ['deck', 'list', '--all', '--json'],"
        " ['stats', '--json']):\n"
        "    sys.argv = ['prepdeck', *words]\n"
        "    with contextlib.redirect_stdout(io.StringIO()) as out:\n"
        "        main()\n"
        "    assert out.getvalue().startswith(('[', '{')), out.getvalue()\n"
        "print(','.join(name for name in ('click', 'prepdeck.cli.root') if name in sys.modules))\n"
    )
    assert run_probe(probe, tmp_path / "home").stdout.strip() == ""


@pytest.mark.parametrize(
    "command", [["source", "list", "--json"], ["deck", "search", "sql", "--json"]]
)
def test_json_commands_on_sources_import_no_ui_library(tmp_path: Path, command: list[str]) -> None:
    """They read indexes, so they need the YAML reader, but never rich nor Textual."""
    probe = PROBE.format(heavy=("rich", "textual", "prepdeck.store.reviews"))
    run_probe(probe, tmp_path / "home", *command)
    assert run_probe(probe, tmp_path / "home", *command).stdout.strip() == ""


UNUSED_BY_DECK_LIST_AND_STATS = (
    # Store parts neither command reads: each is imported on its first use.
    "prepdeck.store.answers",
    "prepdeck.store.backups",
    "prepdeck.store.coverage",
    "prepdeck.store.debriefs",
    "prepdeck.store.interviews",
    "prepdeck.store.sources",
    "prepdeck.store.stories",
    "prepdeck.store.sync_state",
    # Only a changed bundled deck needs its version compared, or its file hashed: the
    # hashes of unchanged ones are remembered (``library.bundled``).
    "packaging",
    "hashlib",
    "prepdeck.library.export",
    # Only adding a card to the personal deck needs its module.
    "prepdeck.library.personal",
    # Only a crash is logged with its traceback.
    "traceback",
)


@pytest.mark.parametrize("command", [["deck", "list", "--json"], ["stats", "--json"]])
def test_deck_list_and_stats_load_only_what_they_read(tmp_path: Path, command: list[str]) -> None:
    probe = PROBE.format(heavy=UNUSED_BY_DECK_LIST_AND_STATS)
    run_probe(probe, tmp_path / "home", *command)
    assert run_probe(probe, tmp_path / "home", *command).stdout.strip() == ""


UNREAD_BY_THE_HOME = (
    # The values of cards, installs, statistics and the review log, and the cards'
    # reader: the home's first frame lists decks and counts, and reads no card.
    "prepdeck.store.card_records",
    "prepdeck.store.log_records",
    "prepdeck.store.cards",
    "prepdeck.store.deck_merge",
    "prepdeck.domain.card_values",
    # No schedule is read, so neither the schedule's columns nor the scheduler's types.
    "prepdeck.store.state_codec",
    "prepdeck.srs",
    # The drill's protocols, which the app names in annotations only, and the command
    # palette's provider, imported when the palette first opens.
    "prepdeck.tui.protocols",
    "prepdeck.tui.commands",
    # The keymap check: a config without a keymap has none to check.
    "prepdeck.domain.keymap_check",
    # A debrief's values: the home reads only the follow-ups due.
    "prepdeck.prep.debrief_records",
    # A home with decks needs nothing of the bundled decks before the first frame.
    "prepdeck.library.bundled",
    # A database at the latest schema version is opened without the migrations.
    "prepdeck.store.migrations",
    "prepdeck.store.schema",
)

HOME_READS = """
import sys
import prepdeck.tui.app, prepdeck.tui.screens.home
from prepdeck.services import open_services
with open_services(sync_bundled=False) as services:
    services.library.sync_bundled_if_brand_new()
    figures = services.today_figures()
    decks = services.library.installed()
    services.interviews.upcoming()
    services.debriefs.due_follow_ups()
assert figures.decks and decks, "the bundled decks are listed"
print(",".join(name for name in {unread!r} if name in sys.modules))
"""


def test_the_homes_first_reads_define_only_the_values_they_read(tmp_path: Path) -> None:
    """What the home reads before its first frame (the decks, today's figures, the
    interviews and the follow-ups due) loads no module of values it does not read."""
    probe = HOME_READS.format(unread=UNREAD_BY_THE_HOME)
    # The first start installs the bundled decks, which reads their cards.
    run_probe(probe, tmp_path / "home")
    assert run_probe(probe, tmp_path / "home").stdout.strip() == ""


ADD_AN_INTERVIEW_TODAY = """
from datetime import timedelta
from prepdeck.services import open_services
with open_services(sync_bundled=False) as services:
    services.library.sync_bundled_if_brand_new()
    services.interviews.add("Acme", services.clock.now() + timedelta(minutes=30))
"""

INTERVIEW_LINE_READS = """
import sys
from prepdeck.services import open_services
with open_services(sync_bundled=False) as services:
    upcoming = services.interviews.upcoming()
    today = [services.is_interview_day(interview) for interview in upcoming]
assert today, "the interview is listed"
print(",".join(name for name in {unread!r} if name in sys.modules))
"""

NOT_READ_FOR_THE_INTERVIEW_LINE = (
    # Whether the next interview is today decides the line's checklist key; the
    # checklist itself, with the pitch card it may write, loads when it is opened.
    "prepdeck.prep.day_of",
    "prepdeck.prep.pitch",
    "prepdeck.domain.pitch",
    "prepdeck.domain.card_values",
    "prepdeck.store.card_records",
)


def test_the_next_interview_line_reads_its_day_without_the_checklist(tmp_path: Path) -> None:
    home = tmp_path / "home"
    run_probe(ADD_AN_INTERVIEW_TODAY, home)
    probe = INTERVIEW_LINE_READS.format(unread=NOT_READ_FOR_THE_INTERVIEW_LINE)
    assert run_probe(probe, home).stdout.strip() == ""
