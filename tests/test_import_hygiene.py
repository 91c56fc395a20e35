"""The domain stays plain Python: importing it loads neither Textual, click nor rich."""

from __future__ import annotations

import subprocess
import sys

import pytest

DOMAIN_MODULES = [
    # Everything but the two front ends: the same list as the import-linter contract.
    "prepdeck.catch_up",
    "prepdeck.clock",
    "prepdeck.config",
    "prepdeck.days",
    "prepdeck.deck",
    "prepdeck.errors",
    "prepdeck.home",
    "prepdeck.leeches",
    "prepdeck.limits",
    "prepdeck.overview",
    "prepdeck.paths",
    "prepdeck.personal",
    "prepdeck.session",
    "prepdeck.share",
    "prepdeck.srs",
    "prepdeck.stats",
    "prepdeck.store",
    "prepdeck.today",
    "prepdeck.deck.loader",
    "prepdeck.deck.writer",
    "prepdeck.share.install",
    "prepdeck.share.fetch",
    "prepdeck.share.review_log",
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


def test_every_module_below_the_front_ends_is_checked() -> None:
    # A new module of the domain or the services must join the list (and the
    # import-linter contract in pyproject.toml), or nothing keeps the UI out of it.
    import pkgutil
    import tomllib
    from pathlib import Path

    import prepdeck

    front_ends = {"prepdeck.tui", "prepdeck.cli", "prepdeck.launch", "prepdeck.__main__"}
    found = {
        f"prepdeck.{module.name}"
        for module in pkgutil.iter_modules(prepdeck.__path__)
        if f"prepdeck.{module.name}" not in front_ends
    }
    assert found <= set(DOMAIN_MODULES)
    pyproject = Path(prepdeck.__file__).resolve().parent.parent / "pyproject.toml"
    contract = tomllib.loads(pyproject.read_text(encoding="utf-8"))["tool"]["importlinter"]
    assert found <= set(contract["contracts"][0]["source_modules"])
