"""The front ends reach the database only through the services.

import-linter keeps the layers in order, but a front end could still take the store out
of a service and call it directly; this test reads their source for any sign of that.
"""

from __future__ import annotations

import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "prepdeck"
FRONT_ENDS = ("tui", "cli", "web")

STORE_MODULE = re.compile(r"\bprepdeck\.store\b")
"""An import of the store, or of one of its modules."""
STORE_ATTRIBUTE = re.compile(r"\.store\b|\._store\b")
"""``something.store`` or ``something._store``: a store taken out of another object."""


def store_uses(text: str, name: str) -> list[str]:
    """``name:line: text`` of each line of ``text`` that reaches for the store."""
    found: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if STORE_MODULE.search(line) or STORE_ATTRIBUTE.search(line):
            found.append(f"{name}:{number}: {line.strip()}")
    return found


def test_the_front_ends_never_touch_the_store() -> None:
    found: list[str] = []
    for front_end in FRONT_ENDS:
        for path in sorted((PACKAGE / front_end).rglob("*.py")):
            name = path.relative_to(PACKAGE.parent).as_posix()
            found += store_uses(path.read_text(encoding="utf-8"), name)
    assert not found, "the store reached from a front end:\n" + "\n".join(found)


def test_the_scan_sees_each_way_of_reaching_the_store() -> None:
    text = (
        "from prepdeck.store import Store\n"
        "import prepdeck.store.cards\n"
        "self.home.store.decks.get(x)\n"
        "services._store.close()\n"
        "restore = 1  # a word that only contains it\n"
    )
    assert [line.split(":")[1] for line in store_uses(text, "f.py")] == ["1", "2", "3", "4"]
