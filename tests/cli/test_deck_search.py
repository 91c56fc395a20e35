"""``prepdeck deck search``: every source's decks, from a cache up to an hour old."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.conftest import DeckServer, Route, run_json
from tests.cli.helpers import run_prepdeck
from tests.cli.test_source_commands import serve_index

ROW_KEYS = ["id", "title", "description", "version", "license", "tags", "source", "installed"]


def add_source(home: Path, url: str) -> None:
    done = run_prepdeck("source", "add", url, home=home)
    assert done.returncode == 0, done.stderr


def test_matches_in_id_title_description_and_tags_whatever_the_case(
    isolated_home: Path, deck_server: DeckServer
) -> None:
    url = serve_index(deck_server, "/a/index.json", "sql-joins", "system-design")
    add_source(isolated_home, url)
    rows = run_json("deck", "search", "JOINS", "--json", home=isolated_home)
    assert [row["id"] for row in rows] == ["sql-joins"]
    row = rows[0]
    assert list(row) == ROW_KEYS
    assert row == {
        "id": "sql-joins",
        "title": "Deck sql-joins",
        "description": "All about sql-joins.",
        "version": "1.0.0",
        "license": "CC-BY-4.0",
        "tags": ["sharing"],
        "source": url,
        "installed": False,
    }
    both = run_json("deck", "search", "SHARING", "--json", home=isolated_home)
    assert [row["id"] for row in both] == ["sql-joins", "system-design"]
    assert run_json("deck", "search", "about system", "--json", home=isolated_home)[0]["id"] == (
        "system-design"
    )
    assert run_json("deck", "search", "nothing-like-it", "--json", home=isolated_home) == []
    human = run_prepdeck("deck", "search", "joins", home=isolated_home)
    assert human.returncode == 0 and "sql-joins" in human.stdout


def test_the_cache_answers_within_the_hour_and_refresh_fetches(
    isolated_home: Path, deck_server: DeckServer
) -> None:
    url = serve_index(deck_server, "/a/index.json", "alpha")
    add_source(isolated_home, url)
    fetched = deck_server.requests.count("/a/index.json")
    run_json("deck", "search", "alpha", "--json", home=isolated_home)
    assert deck_server.requests.count("/a/index.json") == fetched
    serve_index(deck_server, "/a/index.json", "alpha", "alpha-two")
    assert len(run_json("deck", "search", "alpha", "--json", home=isolated_home)) == 1
    rows = run_json("deck", "search", "alpha", "--json", "--refresh", home=isolated_home)
    assert [row["id"] for row in rows] == ["alpha", "alpha-two"]
    assert deck_server.requests.count("/a/index.json") == fetched + 1
    # The refreshed index is the cache from now on.
    assert len(run_json("deck", "search", "alpha", "--json", home=isolated_home)) == 2


def test_two_sources_offering_one_id_are_both_listed_and_installed_is_told(
    isolated_home: Path, deck_server: DeckServer
) -> None:
    first = serve_index(deck_server, "/a/index.json", "alpha")
    second = serve_index(deck_server, "/b/index.json", "alpha", "beta")
    add_source(isolated_home, first)
    add_source(isolated_home, second)
    rows = run_json("deck", "search", "alpha", "--json", home=isolated_home)
    assert [(row["id"], row["source"]) for row in rows] == [("alpha", first), ("alpha", second)]
    done = run_prepdeck(
        "deck", "install", deck_server.url("/b/decks/beta.yaml"), home=isolated_home
    )
    assert done.returncode == 0, done.stderr
    [beta] = run_json("deck", "search", "beta", "--json", home=isolated_home)
    assert beta["installed"] is True


def test_a_source_that_cannot_be_fetched_is_a_warning_and_the_others_answer(
    isolated_home: Path, deck_server: DeckServer
) -> None:
    gone = serve_index(deck_server, "/gone/index.json", "alpha")
    kept = serve_index(deck_server, "/kept/index.json", "alpha")
    add_source(isolated_home, gone)
    add_source(isolated_home, kept)
    deck_server.routes["/gone/index.json"] = Route(404, b"not found")
    done = run_prepdeck("deck", "search", "alpha", "--json", "--refresh", home=isolated_home)
    assert done.returncode == 0, done.stderr
    assert f"prepdeck: warning: {gone}: HTTP 404" in done.stderr

    assert [row["source"] for row in json.loads(done.stdout)] == [kept]


def test_an_index_broken_since_it_was_added_names_its_line(
    isolated_home: Path, deck_server: DeckServer
) -> None:
    url = serve_index(deck_server, "/a/index.json", "alpha")
    add_source(isolated_home, url)
    deck_server.serve("/a/index.json", Route(body=b'{"prepdeck-index": 1,\n "decks": 3}\n'))
    done = run_prepdeck("deck", "search", "alpha", "--refresh", home=isolated_home)
    assert done.returncode == 0, done.stderr
    assert f"prepdeck: warning: {url}:2:11: decks must be a list" in done.stderr


def test_without_sources_the_answer_is_empty_and_says_why(isolated_home: Path) -> None:
    done = run_prepdeck("deck", "search", "sql", "--json", home=isolated_home)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == []
    assert "no sources to search; add one with: prepdeck source add URL" in done.stderr
