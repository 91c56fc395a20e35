"""``prepdeck source add|list|remove``: indexes checked before they are registered."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from tests.cli.conftest import DeckServer, Route, assert_user_error, deck_yaml, run_json
from tests.cli.helpers import run_prepdeck


def index_bytes(*decks: tuple[str, bytes], title: str = "") -> bytes:
    """A JSON index offering each (id, deck bytes) at ``decks/ID.yaml``, relative."""
    return json.dumps(
        {
            "prepdeck-index": 1,
            "decks": [
                {
                    "id": deck_id,
                    "title": title or f"Deck {deck_id}",
                    "description": f"All about {deck_id}.",
                    "version": "1.0.0",
                    "url": f"decks/{deck_id}.yaml",
                    "sha256": hashlib.sha256(data).hexdigest(),
                    "license": "CC-BY-4.0",
                    "tags": ["sharing"],
                }
                for deck_id, data in decks
            ],
        },
        indent=2,
    ).encode()


def serve_index(server: DeckServer, path: str, *deck_ids: str) -> str:
    """Serve an index at ``path`` and its decks beside it; its URL."""
    folder = path.rsplit("/", 1)[0]
    decks = [(deck_id, deck_yaml(deck_id, ["one", "two"]).encode()) for deck_id in deck_ids]
    for deck_id, data in decks:
        server.serve(f"{folder}/decks/{deck_id}.yaml", Route(body=data))
    return server.serve(path, Route(body=index_bytes(*decks)))


def test_add_list_remove(isolated_home: Path, deck_server: DeckServer) -> None:
    url = serve_index(deck_server, "/a/index.json", "alpha", "beta")
    done = run_prepdeck("source", "add", url, home=isolated_home)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"added {url}: 2 decks"
    [row] = run_json("source", "list", "--json", home=isolated_home)
    assert list(row) == ["url", "added_at", "fetched_at", "decks"]
    assert (row["url"], row["decks"]) == (url, 2)
    assert row["added_at"].endswith("+00:00") and "." in row["added_at"]
    human = run_prepdeck("source", "list", home=isolated_home)
    assert url in human.stdout
    assert_user_error(
        run_prepdeck("source", "add", url, home=isolated_home), f"{url}: already a source"
    )
    done = run_prepdeck("source", "remove", url, home=isolated_home)
    assert done.returncode == 0 and done.stdout.strip() == f"removed {url}"
    assert run_json("source", "list", "--json", home=isolated_home) == []
    assert_user_error(run_prepdeck("source", "remove", url, home=isolated_home), "not a source")


def test_an_index_that_does_not_parse_is_refused_naming_its_line(
    isolated_home: Path, deck_server: DeckServer
) -> None:
    url = deck_server.serve(
        "/bad.yaml", Route(body=b"prepdeck-index: 1\ndecks:\n  - id: a\n    title: [oops\n")
    )
    done = run_prepdeck("source", "add", url, home=isolated_home)
    assert_user_error(done, f"{url}:5:1: YAML syntax error")
    assert len(done.stderr.strip().splitlines()) == 1
    assert run_json("source", "list", "--json", home=isolated_home) == []


def test_an_entry_without_licence_is_refused(isolated_home: Path, deck_server: DeckServer) -> None:
    document = json.loads(index_bytes(("alpha", b"x")))
    del document["decks"][0]["license"]
    url = deck_server.serve("/i.json", Route(body=json.dumps(document, indent=2).encode()))
    assert_user_error(
        run_prepdeck("source", "add", url, home=isolated_home),
        f"{url}:4:5: deck 'alpha' has no license",
    )


def test_a_missing_index_and_a_non_url_are_refused(
    isolated_home: Path, deck_server: DeckServer
) -> None:
    url = deck_server.url("/nothing.json")
    assert_user_error(run_prepdeck("source", "add", url, home=isolated_home), f"{url}: HTTP 404")
    assert_user_error(
        run_prepdeck("source", "add", "ftp://x.org/i.json", home=isolated_home),
        "not an http(s) URL",
    )


def test_an_oversize_index_is_refused(isolated_home: Path, deck_server: DeckServer) -> None:
    url = deck_server.serve("/huge.json", Route(body=b"{", stream_bytes=21 * 1024 * 1024))
    assert_user_error(
        run_prepdeck("source", "add", url, home=isolated_home),
        f"{url}: larger than the 20 MB limit for an index",
    )
