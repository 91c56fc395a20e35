"""``prepdeck deck update [ID]``: decks from a source brought to the version it offers now,
with every review kept, and a failed update leaving the deck exactly as it was."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from prepdeck.srs import Rating
from tests.cli.conftest import (
    DeckServer,
    Reviewer,
    Route,
    assert_user_error,
    deck_yaml,
    run_json,
)
from tests.cli.helpers import run_prepdeck

INDEX = "/idx/index.json"


def deck_text(deck_id: str, version: str, cards: dict[str, str]) -> bytes:
    text = deck_yaml(deck_id, cards).replace("title:", f"version: {version}\ntitle:", 1)
    return text.encode()


def publish(
    server: DeckServer,
    decks: dict[str, tuple[str, bytes]],
    *,
    hashes: dict[str, str] | None = None,
) -> str:
    """Serve each deck (id -> (version, bytes)) and an index offering them; the index's
    URL. ``hashes`` overrides the sha256 the index gives for a deck."""
    entries = []
    for deck_id, (version, data) in decks.items():
        server.serve(f"/idx/decks/{deck_id}.yaml", Route(body=data))
        entries.append(
            {
                "id": deck_id,
                "title": f"Deck {deck_id}",
                "description": "",
                "version": version,
                "url": f"decks/{deck_id}.yaml",
                "sha256": (hashes or {}).get(deck_id, hashlib.sha256(data).hexdigest()),
                "license": "CC-BY-4.0",
                "tags": [],
            }
        )
    body = json.dumps({"prepdeck-index": 1, "decks": entries}).encode()
    return server.serve(INDEX, Route(body=body))


V1 = {"one": "First.", "two": "Second.", "three": "Third."}
V2 = {"one": "First.", "two": "Second, said better.", "four": "Fourth."}


def install_v1(server: DeckServer, home: Path) -> str:
    url = publish(server, {"alpha": ("1.0.0", deck_text("alpha", "1.0.0", V1))})
    assert run_prepdeck("source", "add", url, home=home).returncode == 0
    done = run_prepdeck("deck", "install", "alpha", home=home)
    assert done.returncode == 0, done.stderr
    return url


def test_a_newer_version_is_merged_with_its_reviews_kept(
    reviewer: Reviewer, isolated_home: Path, deck_server: DeckServer
) -> None:
    install_v1(deck_server, isolated_home)
    reviewed_at = datetime.now(UTC) - timedelta(hours=2)
    reviewer.grade("alpha", "one", Rating.GOOD, reviewed_at)
    reviewer.grade("alpha", "two", Rating.HARD, reviewed_at)
    schedule_before = reviewer.home._store.cards.get("alpha", "one").schedule
    publish(deck_server, {"alpha": ("1.1.0", deck_text("alpha", "1.1.0", V2))})

    done = run_prepdeck("deck", "update", home=isolated_home)

    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == (
        "updated alpha 1.0.0 -> 1.1.0: 1 added, 1 changed, 1 retired, 1 unchanged"
    )
    shown = run_json("deck", "show", "alpha", "--all", "--json", home=isolated_home)
    assert shown["version"] == "1.1.0"
    answers = {card["id"]: (card["answer"], card["retired"]) for card in shown["cards"]}
    assert answers == {
        "one": ("First.", False),
        "two": ("Second, said better.", False),
        "four": ("Fourth.", False),
        "three": ("Third.", True),
    }
    # Both reviews are still in the log, and the unchanged card keeps its schedule.
    log = run_prepdeck("reviews", "export", home=isolated_home).stdout.splitlines()
    assert sorted(json.loads(line)["card_id"] for line in log if '"alpha"' in line) == [
        "one",
        "two",
    ]
    assert reviewer.home._store.cards.get("alpha", "one").schedule == schedule_before
    # Nothing is left to update.
    again = run_prepdeck("deck", "update", home=isolated_home)
    assert again.returncode == 0
    assert again.stdout.strip() == "Every deck from a source is up to date."
    assert run_json("deck", "outdated", "--json", home=isolated_home) == []


def test_json_lists_each_deck_updated_with_its_counts(
    isolated_home: Path, deck_server: DeckServer
) -> None:
    url = install_v1(deck_server, isolated_home)
    publish(deck_server, {"alpha": ("2.0.0", deck_text("alpha", "2.0.0", V2))})
    assert run_json("deck", "update", "alpha", "--json", home=isolated_home) == [
        {
            "id": "alpha",
            "from": "1.0.0",
            "to": "2.0.0",
            "source": url,
            "added": 1,
            "changed": 1,
            "retired": 1,
            "unchanged": 1,
        }
    ]
    assert run_json("deck", "update", "alpha", "--json", home=isolated_home) == []
    human = run_prepdeck("deck", "update", "alpha", home=isolated_home)
    assert human.stdout.strip() == "alpha is up to date"


def test_a_download_that_fails_its_hash_leaves_the_deck_as_it_was(
    isolated_home: Path, deck_server: DeckServer
) -> None:
    install_v1(deck_server, isolated_home)
    before = run_json("deck", "show", "alpha", "--all", "--json", home=isolated_home)
    publish(
        deck_server,
        {"alpha": ("1.1.0", deck_text("alpha", "1.1.0", V2))},
        hashes={"alpha": "0" * 64},
    )

    done = run_prepdeck("deck", "update", home=isolated_home)

    assert done.returncode == 1
    assert "alpha not updated, left as it was" in done.stderr
    assert "sha256" in done.stderr.lower()
    assert "Traceback" not in done.stderr
    assert run_json("deck", "show", "alpha", "--all", "--json", home=isolated_home) == before
    assert [row["id"] for row in run_json("deck", "outdated", "--json", home=isolated_home)] == [
        "alpha"
    ]


def test_an_invalid_new_version_is_refused_at_its_line(
    isolated_home: Path, deck_server: DeckServer
) -> None:
    install_v1(deck_server, isolated_home)
    before = run_json("deck", "show", "alpha", "--all", "--json", home=isolated_home)
    broken = deck_text("alpha", "1.1.0", V2).replace(b"    answer: Fourth.\n", b"")
    publish(deck_server, {"alpha": ("1.1.0", broken)})

    done = run_prepdeck("deck", "update", "alpha", home=isolated_home)

    assert done.returncode == 1
    lines = [line for line in done.stderr.splitlines() if "alpha.yaml:" in line]
    assert lines, done.stderr
    assert all(":" in line.split("alpha.yaml:", 1)[1] for line in lines)
    assert run_json("deck", "show", "alpha", "--all", "--json", home=isolated_home) == before


def test_one_failing_deck_does_not_stop_the_others(
    isolated_home: Path, deck_server: DeckServer
) -> None:
    beta_v1 = deck_text("beta", "1.0.0", {"b1": "B one."})
    url = publish(
        deck_server,
        {"alpha": ("1.0.0", deck_text("alpha", "1.0.0", V1)), "beta": ("1.0.0", beta_v1)},
    )
    assert run_prepdeck("source", "add", url, home=isolated_home).returncode == 0
    for deck_id in ("alpha", "beta"):
        assert run_prepdeck("deck", "install", deck_id, home=isolated_home).returncode == 0
    publish(
        deck_server,
        {
            "alpha": ("1.1.0", deck_text("alpha", "1.1.0", V2)),
            "beta": ("2.0.0", deck_text("beta", "2.0.0", {"b1": "B one.", "b2": "B two."})),
        },
        hashes={"alpha": "f" * 64},
    )

    done = run_prepdeck("deck", "update", home=isolated_home)

    assert done.returncode == 1
    assert "updated beta 1.0.0 -> 2.0.0: 1 added, 0 changed, 0 retired, 1 unchanged" in done.stdout
    assert "alpha not updated" in done.stderr
    assert run_json("deck", "show", "alpha", "--json", home=isolated_home)["version"] == "1.0.0"
    assert run_json("deck", "show", "beta", "--json", home=isolated_home)["version"] == "2.0.0"


def test_only_the_named_deck_is_updated_and_a_paused_deck_stays_paused(
    isolated_home: Path, deck_server: DeckServer
) -> None:
    url = publish(
        deck_server,
        {
            "alpha": ("1.0.0", deck_text("alpha", "1.0.0", V1)),
            "beta": ("1.0.0", deck_text("beta", "1.0.0", {"b1": "B one."})),
        },
    )
    assert run_prepdeck("source", "add", url, home=isolated_home).returncode == 0
    for deck_id in ("alpha", "beta"):
        assert run_prepdeck("deck", "install", deck_id, home=isolated_home).returncode == 0
    assert run_prepdeck("deck", "pause", "alpha", home=isolated_home).returncode == 0
    publish(
        deck_server,
        {
            "alpha": ("1.1.0", deck_text("alpha", "1.1.0", V2)),
            "beta": ("2.0.0", deck_text("beta", "2.0.0", {"b1": "B one.", "b2": "B two."})),
        },
    )

    done = run_prepdeck("deck", "update", "alpha", home=isolated_home)

    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("updated alpha 1.0.0 -> 1.1.0")
    decks = {row["id"]: row for row in run_json("deck", "list", "--json", home=isolated_home)}
    assert decks["alpha"]["version"] == "1.1.0"
    assert decks["alpha"]["paused"] is True
    assert decks["beta"]["version"] == "1.0.0"


def test_decks_no_source_keeps_are_refused_saying_how_they_update(
    isolated_home: Path, deck_server: DeckServer, tmp_path: Path
) -> None:
    local = tmp_path / "local.yaml"
    local.write_text(deck_yaml("local", ["x"]), encoding="utf-8")
    assert run_prepdeck("deck", "install", str(local), home=isolated_home).returncode == 0
    bundled = run_json("deck", "list", "--json", home=isolated_home)
    bundled_id = next(row["id"] for row in bundled if row["source"] == "bundled")

    assert_user_error(
        run_prepdeck("deck", "update", "local", home=isolated_home),
        "local: installed from a local file; install the file again",
    )
    assert_user_error(
        run_prepdeck("deck", "update", bundled_id, home=isolated_home),
        f"{bundled_id}: a bundled deck",
    )
    assert_user_error(
        run_prepdeck("deck", "update", "nothing-here", home=isolated_home),
        "no installed deck 'nothing-here'",
    )


def test_a_deck_whose_source_does_not_answer_is_not_called_up_to_date(
    isolated_home: Path, deck_server: DeckServer
) -> None:
    install_v1(deck_server, isolated_home)
    deck_server.serve(INDEX, Route(status=500, body=b"down"))

    done = run_prepdeck("deck", "update", "alpha", home=isolated_home)

    assert done.returncode == 1
    assert "HTTP 500" in done.stderr
    assert "up to date" not in done.stdout
