"""The domain stays plain Python: importing it loads neither Textual, click nor rich."""

from __future__ import annotations

import subprocess
import sys

import pytest

DOMAIN_MODULES = [
    "prepdeck.deck",
    "prepdeck.deck.loader",
    "prepdeck.deck.writer",
    "prepdeck.srs",
    "prepdeck.store",
    "prepdeck.paths",
    "prepdeck.clock",
]


@pytest.mark.parametrize("module", DOMAIN_MODULES)
def test_domain_module_imports_no_ui_library(module: str) -> None:
    probe = (
        f"import sys, importlib; importlib.import_module({module!r}); "
        "loaded = sorted(m for m in ('textual', 'click', 'rich') if m in sys.modules); "
        "print(','.join(loaded))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=False, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ""


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
