"""Below the two front ends, prepdeck is plain Python: importing any of it loads neither
Textual, click nor rich. The import-linter contract in pyproject.toml checks the same
statically; this checks it at run time, module by module."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

import prepdeck

# The front ends, and the entry points that start them.
FRONT_ENDS = frozenset(
    {"prepdeck.tui", "prepdeck.cli", "prepdeck.web", "prepdeck.launch", "prepdeck.__main__"}
)

# Every top-level module and package but the front ends: the contract's source_modules.
NON_UI_MODULES = [
    "prepdeck.clock",
    "prepdeck.config",
    "prepdeck.domain",
    "prepdeck.errors",
    "prepdeck.formats",
    "prepdeck.library",
    "prepdeck.maintenance",
    "prepdeck.paths",
    "prepdeck.prep",
    "prepdeck.reports",
    "prepdeck.services",
    "prepdeck.speech",
    "prepdeck.srs",
    "prepdeck.store",
    "prepdeck.study",
    "prepdeck.sync",
]

UI_LIBRARIES = ("textual", "click", "rich")

WEB_LIBRARIES = ("textual_serve", "aiohttp")
"""What only ``prepdeck serve`` loads: the app and every other command start without it."""

# Imports the module and, for a package, every module below it: a package's __init__
# alone leaves most of its modules unimported, and unchecked.
_PROBE = """
import importlib, pkgutil, sys
top = importlib.import_module(sys.argv[1])
if hasattr(top, "__path__"):
    for found in pkgutil.walk_packages(top.__path__, sys.argv[1] + "."):
        importlib.import_module(found.name)
loaded = sorted(m for m in {libraries!r} if m in sys.modules)
print(",".join(loaded))
"""


def _ui_loaded_by(probe: str, *arguments: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", probe, *arguments],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


@pytest.mark.parametrize("module", NON_UI_MODULES)
def test_non_ui_module_imports_no_ui_library(module: str) -> None:
    loaded = _ui_loaded_by(_PROBE.format(libraries=UI_LIBRARIES), module)
    assert loaded == "", f"importing {module} (or a module below it) loads {loaded}"


def test_the_package_root_imports_no_ui_library() -> None:
    probe = (
        f"import sys, prepdeck; print(','.join(m for m in {UI_LIBRARIES!r} if m in sys.modules))"
    )
    assert _ui_loaded_by(probe) == ""


def test_validate_json_path_loads_neither_rich_nor_textual() -> None:
    probe = (
        "import sys\n"
        "from prepdeck.cli import main\n"
        "try:\n"
        "    main(['deck', 'validate', '--json', 'decks'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "ui = sorted(m for m in ('textual', 'rich') if m in sys.modules)\n"
        "print(','.join(ui), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=False, timeout=60
    )
    assert done.stderr.strip().splitlines()[-1:] in ([], [""])


def test_only_serve_loads_the_web_server() -> None:
    # The app, the command line and every command module, imported as they are when
    # the bare prepdeck or any command but serve runs (serve's own module included:
    # it imports the server only once it runs).
    probe = (
        "import importlib, pkgutil, sys\n"
        "import prepdeck.launch, prepdeck.cli.open_app, prepdeck.tui.app, prepdeck.cli.commands\n"
        "for found in pkgutil.iter_modules(prepdeck.cli.commands.__path__):\n"
        "    importlib.import_module('prepdeck.cli.commands.' + found.name)\n"
        f"print(','.join(m for m in {WEB_LIBRARIES!r} if m in sys.modules))"
    )
    assert _ui_loaded_by(probe) == ""
    # And the probe can see them: the web front end does load them.
    loaded = _ui_loaded_by(_PROBE.format(libraries=WEB_LIBRARIES), "prepdeck.web")
    assert loaded == ",".join(sorted(WEB_LIBRARIES))


def test_the_checks_cover_every_module_below_the_front_ends() -> None:
    # A new module must join both lists, or nothing keeps the UI out of it; a module
    # gone must leave them, or the lists stop saying what is checked.
    found = {
        f"prepdeck.{module.name}"
        for module in pkgutil.iter_modules(prepdeck.__path__)
        if f"prepdeck.{module.name}" not in FRONT_ENDS
    }
    assert found == set(NON_UI_MODULES)
    pyproject = Path(prepdeck.__file__).resolve().parent.parent / "pyproject.toml"
    settings = tomllib.loads(pyproject.read_text(encoding="utf-8"))["tool"]["importlinter"]
    contract = next(c for c in settings["contracts"] if c["type"] == "forbidden")
    assert sorted(contract["source_modules"]) == sorted(NON_UI_MODULES)
    assert sorted(contract["forbidden_modules"]) == sorted(UI_LIBRARIES)
    # Listed packages are checked with every module below them.
    assert contract.get("as_packages", True) is True
    # Every module but the web front end is kept from the web server's libraries.
    web = next(c for c in settings["contracts"] if c["forbidden_modules"] == list(WEB_LIBRARIES))
    every_module = {f"prepdeck.{module.name}" for module in pkgutil.iter_modules(prepdeck.__path__)}
    assert sorted(web["source_modules"]) == sorted(every_module - {"prepdeck.web"})


SPEECH = ("pocketsphinx", "sounddevice", "snowballstemmer", "faster_whisper", "numpy")


def test_the_app_and_its_drill_load_no_speech_until_it_is_used() -> None:
    # The drill's first frame pays for none of it: the engine and PortAudio load on the
    # first recording, the stemmer on the first answer matched.
    probe = (
        "import sys\n"
        "import prepdeck.tui.app, prepdeck.tui.screens.drill, prepdeck.tui.screens.cram\n"
        "import prepdeck.services, prepdeck.study.session\n"
        "from prepdeck.tui.app import make_app\n"
        f"print(','.join(m for m in {SPEECH!r} if m in sys.modules))\n"
    )
    assert _ui_loaded_by(probe) == ""


LAZY_AT_START = (
    # Loading it loads OpenSSL: only hashing a file or deriving an id needs it.
    "hashlib",
    # Only a crash logged needs it.
    "traceback",
    # The store's parts but the connection and its migrations, built on first use, and
    # the backups, needed only to copy the database or to advise on a damaged one.
    "prepdeck.store.answers",
    "prepdeck.store.backups",
    "prepdeck.store.cards",
    "prepdeck.store.coverage",
    "prepdeck.store.debriefs",
    "prepdeck.store.decks",
    "prepdeck.store.figures",
    "prepdeck.store.interviews",
    "prepdeck.store.sources",
    "prepdeck.store.stories",
    "prepdeck.store.sync_state",
)


def test_services_and_the_command_line_load_their_parts_on_first_use() -> None:
    # What every start imports (the facade, the command line's entry and its guard, the
    # store) loads none of these; a module-level import of any of them would.
    probe = (
        "import sys\n"
        "import prepdeck.services, prepdeck.cli, prepdeck.cli.guard, prepdeck.store\n"
        "import prepdeck.library.decks, prepdeck.library.bundled\n"
        f"print(','.join(m for m in {LAZY_AT_START!r} if m in sys.modules))\n"
    )
    assert _ui_loaded_by(probe) == ""


def test_the_home_screen_loads_no_hashlib_nor_the_drill_timer() -> None:
    # The home reads the next interview and names the drill's types; neither hashes.
    # The app names the timer's clock type in annotations only.
    probe = (
        "import sys\n"
        "import prepdeck.tui.app, prepdeck.tui.protocols, prepdeck.tui.screens.home\n"
        "import prepdeck.domain.ids, prepdeck.domain.stories, prepdeck.prep.interviews\n"
        "loaded = ('hashlib', 'prepdeck.tui.widgets.countdown')\n"
        "print(','.join(m for m in loaded if m in sys.modules))\n"
    )
    assert _ui_loaded_by(probe) == ""


LAZY_AT_HOME = (
    # The personal deck's module and the pitch card: only adding an interview, a need or
    # a debrief writes a card; the home only reads the interviews and the follow-ups.
    "prepdeck.library.personal",
    "prepdeck.prep.pitch",
    # The widgets' and screens' option types are named in annotations only.
    "prepdeck.tui.options",
    # The lines the home hides while there is nothing to show in them (the next
    # interview, the plan to it, the follow-ups due) and what only they use: built when
    # first shown, most often just after the first frame.
    "prepdeck.tui.widgets.next_interview",
    "prepdeck.tui.widgets.plan_line",
    "prepdeck.tui.widgets.follow_ups",
    "prepdeck.tui.widgets.one_line",
    "prepdeck.tui.interview_text",
    "prepdeck.domain.countdown",
)


def test_the_home_screen_loads_nothing_it_only_names_or_writes() -> None:
    probe = (
        "import sys\n"
        "import prepdeck.tui.app, prepdeck.tui.screens.home, prepdeck.services\n"
        "import prepdeck.prep.interviews, prepdeck.prep.debrief\n"
        f"print(','.join(m for m in {LAZY_AT_HOME!r} if m in sys.modules))\n"
    )
    assert _ui_loaded_by(probe) == ""


VALUES_THE_HOME_DOES_NOT_READ = (
    "prepdeck.store.card_records",
    "prepdeck.store.log_records",
    "prepdeck.store.cards",
    "prepdeck.store.deck_merge",
    "prepdeck.store.state_codec",
    "prepdeck.domain.card_values",
    "prepdeck.srs",
    # The drill's protocols, which the app names in annotations only, and the command
    # palette's provider, imported when the palette first opens.
    "prepdeck.tui.protocols",
    "prepdeck.tui.commands",
    # The keymap check: a config without a keymap has none to check.
    "prepdeck.domain.keymap_check",
    # A debrief's values: the home reads only the follow-ups due.
    "prepdeck.prep.debrief_records",
)


def test_the_modules_the_home_reads_through_define_no_card_values() -> None:
    # Each store part, report and service the home's first frame reads imports the card,
    # install, statistics and schedule values where it makes one, never at module level.
    probe = (
        "import sys\n"
        "import prepdeck.store.decks, prepdeck.store.figures, prepdeck.store.interviews\n"
        "import prepdeck.store.debriefs, prepdeck.store.codec, prepdeck.store.records\n"
        "import prepdeck.reports.today, prepdeck.library.decks, prepdeck.library.bundled\n"
        "import prepdeck.prep.debrief, prepdeck.domain.reuse, prepdeck.domain.cards\n"
        "import prepdeck.services, prepdeck.tui.app, prepdeck.tui.screens.home\n"
        f"print(','.join(m for m in {VALUES_THE_HOME_DOES_NOT_READ!r} if m in sys.modules))\n"
    )
    assert _ui_loaded_by(probe) == ""


def test_values_defined_on_first_use_are_the_same_by_every_name() -> None:
    # The lazy names resolve to one class, whichever module they are asked from.
    from prepdeck import store
    from prepdeck.domain import card_values, cards, keymap, keymap_check
    from prepdeck.library import decks
    from prepdeck.prep import debrief, debrief_records
    from prepdeck.store import card_records, codec, log_records, records, state_codec

    assert cards.Card is card_values.Card and cards.Source is card_values.Source
    assert store.StoredCard is records.StoredCard is decks.StoredCard is card_records.StoredCard
    assert store.MergeReport is decks.MergeReport is card_records.MergeReport
    assert records.StateCounts is card_records.StateCounts
    assert store.Review is log_records.Review
    assert codec.state_from_columns is state_codec.state_from_columns
    assert debrief.Debrief is debrief_records.Debrief
    assert keymap.resolve_keymap is keymap_check.resolve_keymap
    assert debrief.SavedDebrief is debrief_records.SavedDebrief
    with pytest.raises(AttributeError):
        _ = records.NoSuchRecord
    with pytest.raises(AttributeError):
        _ = cards.NoSuchValue
