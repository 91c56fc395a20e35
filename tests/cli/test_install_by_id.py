"""``prepdeck deck install ID``: a deck looked up in the sources, checked against its hash."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.conftest import DeckServer, Route, assert_user_error, deck_ids, deck_yaml, run_json
from tests.cli.helpers import run_prepdeck
from tests.cli.test_deck_search import add_source
from tests.cli.test_source_commands import serve_index


def test_an_id_is_installed_from_the_source_that_offers_it(
    isolated_home: Path, deck_server: DeckServer
) -> None:
    url = serve_index(deck_server, "/a/index.json", "alpha", "beta")
    add_source(isolated_home, url)
    fetched = deck_server.requests.count("/a/index.json")
    done = run_prepdeck("deck", "install", "beta", home=isolated_home)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("installed beta: 2 added")
    # Install reads the index afresh, whatever the cache's age.
    assert deck_server.requests.count("/a/index.json") == fetched + 1
    assert "beta" in deck_ids(isolated_home)
    [row] = [
        row for row in run_json("deck", "list", "--json", home=isolated_home) if row["id"] == "beta"
    ]
    assert row["source"] == url
    again = run_prepdeck("deck", "install", "beta", home=isolated_home)
    assert again.returncode == 0, again.stderr
    assert again.stdout.startswith("updated beta: 0 added, 0 changed, 0 retired, 2 unchanged")


def test_a_download_that_does_not_match_the_index_hash_is_refused(
    isolated_home: Path, deck_server: DeckServer
) -> None:
    url = serve_index(deck_server, "/a/index.json", "alpha")
    add_source(isolated_home, url)
    tampered = deck_yaml("alpha", ["one", "two", "three"]).encode()
    deck_server.serve("/a/decks/alpha.yaml", Route(body=tampered))
    done = run_prepdeck("deck", "install", "alpha", home=isolated_home)
    assert_user_error(done, f"{deck_server.url('/a/decks/alpha.yaml')}: sha256 mismatch")
    assert "alpha" not in deck_ids(isolated_home, "--all")


def test_two_sources_offering_the_id_need_one_named(
    isolated_home: Path, deck_server: DeckServer
) -> None:
    first = serve_index(deck_server, "/a/index.json", "alpha")
    second = serve_index(deck_server, "/b/index.json", "alpha")
    add_source(isolated_home, first)
    add_source(isolated_home, second)
    done = run_prepdeck("deck", "install", "alpha", home=isolated_home)
    assert_user_error(done, f"alpha: offered by 2 sources ({first}, {second})", "--source URL")
    assert len(done.stderr.strip().splitlines()) == 1
    named = run_prepdeck("deck", "install", "alpha", "--source", second, home=isolated_home)
    assert named.returncode == 0, named.stderr
    [row] = [
        row
        for row in run_json("deck", "list", "--json", home=isolated_home)
        if row["id"] == "alpha"
    ]
    assert row["source"] == second


def test_an_id_no_source_offers_is_refused(isolated_home: Path, deck_server: DeckServer) -> None:
    assert_user_error(
        run_prepdeck("deck", "install", "alpha", home=isolated_home),
        "alpha: no such file, not an http(s) URL, and no source",
    )
    url = serve_index(deck_server, "/a/index.json", "beta")
    add_source(isolated_home, url)
    assert_user_error(
        run_prepdeck("deck", "install", "alpha", home=isolated_home),
        "no source offers a deck with this id",
    )


def test_a_source_answering_404_is_a_warning_when_another_offers_the_id(
    isolated_home: Path, deck_server: DeckServer
) -> None:
    gone = serve_index(deck_server, "/gone/index.json", "beta")
    kept = serve_index(deck_server, "/kept/index.json", "alpha")
    add_source(isolated_home, gone)
    add_source(isolated_home, kept)
    deck_server.routes["/gone/index.json"] = Route(404, b"not found")
    done = run_prepdeck("deck", "install", "alpha", "--json", home=isolated_home)
    assert done.returncode == 0, done.stderr
    assert f"prepdeck: warning: {gone}: HTTP 404" in done.stderr
    assert json.loads(done.stdout)["id"] == "alpha"


def test_an_index_built_by_index_build_is_searched_and_installed_from(
    isolated_home: Path, deck_server: DeckServer, tmp_path: Path
) -> None:
    pub = tmp_path / "pub"
    (pub / "more").mkdir(parents=True)
    deck_file = pub / "more" / "starter-kit.yaml"
    done = run_prepdeck("deck", "new", "starter-kit", "-o", str(deck_file), home=isolated_home)
    assert done.returncode == 0, done.stderr
    index = run_prepdeck("index", "build", str(pub), home=isolated_home)
    assert index.returncode == 0, index.stderr
    url = deck_server.serve("/site/index.json", Route(body=index.stdout.encode()))
    deck_server.serve("/site/more/starter-kit.yaml", Route(body=deck_file.read_bytes()))
    add_source(isolated_home, url)
    [row] = run_json("deck", "search", "starter", "--json", home=isolated_home)
    assert (row["id"], row["license"], row["installed"]) == ("starter-kit", "CC-BY-4.0", False)
    installed = run_prepdeck("deck", "install", "starter-kit", home=isolated_home)
    assert installed.returncode == 0, installed.stderr
    [row] = run_json("deck", "search", "starter", "--json", home=isolated_home)
    assert row["installed"] is True
