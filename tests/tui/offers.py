"""Deck sources for pilot tests: an index and its decks served on the loopback interface."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from textual.pilot import Pilot

from prepdeck.tui.app import PrepdeckApp
from tests.cli.conftest import DeckServer, Route, deck_yaml


@dataclass(frozen=True)
class OfferedDeck:
    """A deck an index offers, and the file it serves for it."""

    id: str
    cards: tuple[str, ...] = ("one", "two")
    title: str = ""
    version: str = "1.0.0"
    license: str = "CC-BY-4.0"
    description: str = ""
    tags: tuple[str, ...] = field(default=())
    status: int = 200
    """What the server answers for the deck file."""
    wrong_hash: bool = False
    """The index lists a sha256 that the file does not have."""
    extra: str = ""
    """Deck keys written into the file as they are, before its cards."""

    @property
    def body(self) -> bytes:
        text = deck_yaml(self.id, list(self.cards), title=self.title or None)
        fields = f"version: {self.version}\nlicense: {self.license}\n{self.extra}cards:\n"
        return text.replace("cards:\n", fields, 1).encode()


def serve_source(server: DeckServer, folder: str, *decks: OfferedDeck) -> str:
    """Serve an index at ``folder/index.json`` and its decks beside it; the index's URL."""
    entries = []
    for deck in decks:
        body = deck.body
        server.serve(f"{folder}/{deck.id}.yaml", Route(deck.status, body))
        digest = hashlib.sha256(b"other" if deck.wrong_hash else body).hexdigest()
        entry = {
            "id": deck.id,
            "title": deck.title or f"Deck {deck.id}",
            "version": deck.version,
            "url": f"{deck.id}.yaml",
            "sha256": digest,
            "license": deck.license,
            "tags": list(deck.tags),
        }
        if deck.description:
            entry["description"] = deck.description
        entries.append(entry)
    index = json.dumps({"prepdeck-index": 1, "decks": entries}).encode()
    return server.serve(f"{folder}/index.json", Route(body=index))


@pytest.fixture
def sources(monkeypatch: pytest.MonkeyPatch) -> Iterator[DeckServer]:
    """A deck server, reached without any proxy."""
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    server = DeckServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()


async def settle(pilot: Pilot[None], app: PrepdeckApp, rounds: int = 6) -> None:
    """Let timers fire and workers finish, and the screen take in what they posted."""
    for _ in range(rounds):
        await pilot.pause(0.05)
        await app.workers.wait_for_complete()
        await pilot.pause()
