"""``prepdeck deck outdated``: installed decks whose source now offers a newer version."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from tests.cli.conftest import DeckServer, Route, deck_yaml, run_json
from tests.cli.helpers import run_prepdeck


def publish(server: DeckServer, version: str, cards: list[str]) -> str:
    """Serve deck ``alpha`` at ``version`` and an index offering it; the index's URL."""
    text = deck_yaml("alpha", cards).replace("title:", f"version: {version}\ntitle:", 1)
    data = text.encode()
    server.serve("/idx/decks/alpha.yaml", Route(body=data))
    index = {
        "prepdeck-index": 1,
        "decks": [
            {
                "id": "alpha",
                "title": "Deck alpha",
                "description": "",
                "version": version,
                "url": "decks/alpha.yaml",
                "sha256": hashlib.sha256(data).hexdigest(),
                "license": "CC-BY-4.0",
                "tags": [],
            }
        ],
    }
    return server.serve("/idx/index.json", Route(body=json.dumps(index).encode()))


def test_a_newer_version_in_the_source_is_listed_and_an_equal_one_is_not(
    isolated_home: Path, deck_server: DeckServer
) -> None:
    url = publish(deck_server, "1.2.0", ["one", "two"])
    assert run_prepdeck("source", "add", url, home=isolated_home).returncode == 0
    installed = run_prepdeck("deck", "install", "alpha", home=isolated_home)
    assert installed.returncode == 0, installed.stderr
    assert run_json("deck", "outdated", "--json", home=isolated_home) == []
    human = run_prepdeck("deck", "outdated", home=isolated_home)
    assert "up to date" in human.stdout
    # 1.10.0 is newer than 1.2.0: versions compare by number, not as text.
    publish(deck_server, "1.10.0", ["one", "two", "three"])
    assert run_json("deck", "outdated", "--json", home=isolated_home) == [
        {"id": "alpha", "installed": "1.2.0", "available": "1.10.0", "source": url}
    ]
    # Outdated reads the index afresh, cache or not, and changes nothing.
    assert run_json("deck", "show", "alpha", "--json", home=isolated_home)["version"] == "1.2.0"
