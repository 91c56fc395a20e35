"""``prepdeck deck list|install|show|remove|export`` as real subprocesses."""

from __future__ import annotations

import dataclasses
import hashlib
import os
import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml

from prepdeck.domain.cards import Deck
from prepdeck.formats.deck.loader import load_deck
from prepdeck.library.bundled import sync_bundled_decks
from prepdeck.paths import locations
from prepdeck.services import open_services
from prepdeck.srs import Rating
from tests.cli.conftest import (
    BUNDLED_DECKS,
    DeckServer,
    Reviewer,
    Route,
    WriteFile,
    assert_user_error,
    bundled_card_ids,
    deck_ids,
    deck_yaml,
    export_rows,
    run_json,
)
from tests.cli.helpers import run_prepdeck

LIST_KEYS = [
    "id",
    "title",
    "version",
    "license",
    "cards",
    "due",
    "new",
    "new_today",
    "source",
    "removed",
    "paused",
]
SHOW_KEYS = ["id", "title", "description", "author", "license", "version", "tags", "cards"]
CARD_KEYS = ["id", "kind", "prompt", "answer", "points", "followups", "tags", "seconds", "retired"]
MB = 1024 * 1024

RICH = """prepdeck: 1
id: rich-deck
title: "Rich: deck"
description: |
  First line.
  Second line.
author: A. Author
license: CC-BY-4.0
version: 1.2.0
tags: [behavioral, basics]
based_on:
  - {title: Some book, url: https://example.org/book, license: CC-BY-4.0}
cards:
  - id: zeta
    kind: scenario
    prompt: no
    answer: 1:30
    points: [first, second]
    followups: [Why?]
    tags: [hard]
    seconds: 90
  - id: alpha
    kind: company-need
    prompt: ~
    answer: |
      Multi
      line
    points: [only]
  - prompt: "Derived   id card?"
    answer: Yes.
    points: [p]
"""

REFUSED = """prepdeck: 1
id: sample
title: Refused
cards:
  - id: a
    promt: Question a?
    answer: Answer a.
  - id: b
    prompt: Question b?
    answer: Answer b.
    seconds: "90"
"""


def counts(stdout: str) -> tuple[str, str, tuple[int, int, int, int]]:
    """The verb, deck id and (added, changed, retired, unchanged) an install printed."""
    found = re.fullmatch(
        r"(installed|updated) (\S+): (\d+) added, (\d+) changed, (\d+) retired, "
        r"(\d+) unchanged\n",
        stdout,
    )
    assert found, stdout
    added, changed, retired, unchanged = (int(found[i]) for i in range(3, 7))
    return found[1], found[2], (added, changed, retired, unchanged)


def install(*args: str, home: Path) -> tuple[str, str, tuple[int, int, int, int]]:
    done = run_prepdeck("deck", "install", *args, home=home)
    assert done.returncode == 0, done.stderr
    return counts(done.stdout)


def listed(home: Path, deck_id: str, *flags: str) -> dict[str, Any]:
    rows = {row["id"]: row for row in run_json("deck", "list", "--json", *flags, home=home)}
    row: dict[str, Any] = rows[deck_id]
    return row


def shown_cards(home: Path, deck_id: str, *flags: str) -> list[tuple[str, bool]]:
    document = run_json("deck", "show", deck_id, "--json", *flags, home=home)
    return [(card["id"], card["retired"]) for card in document["cards"]]


# --- a fresh home ----------------------------------------------------------------------


def test_fresh_home_lists_every_bundled_deck(isolated_home: Path) -> None:
    expected: dict[str, Deck] = {}
    for path in sorted(BUNDLED_DECKS.glob("*.yaml")):
        deck = load_deck(path).deck
        assert deck is not None, path
        expected[deck.id] = deck
    assert len(expected) >= 8

    rows = run_json("deck", "list", "--json", home=isolated_home)

    assert [row["id"] for row in rows] == sorted(expected)
    for row in rows:
        deck = expected[row["id"]]
        assert list(row) == LIST_KEYS
        assert row == {
            "id": deck.id,
            "title": deck.title,
            "version": deck.version,
            "license": deck.license,
            "cards": len(deck.cards),
            "due": 0,
            "new": len(deck.cards),
            # Nothing introduced yet: each deck could still give the whole daily limit.
            "new_today": min(len(deck.cards), 10),
            "source": "bundled",
            "removed": False,
            "paused": False,
        }

    human = run_prepdeck("deck", "list", home=isolated_home)
    assert human.returncode == 0, human.stderr
    for deck_id in expected:
        assert deck_id in human.stdout
    assert "bundled" in human.stdout


# --- install from files ----------------------------------------------------------------


def test_install_merges_by_card_id_retires_and_revives_keeping_history(
    reviewer: Reviewer, isolated_home: Path, write_file: WriteFile
) -> None:
    first = write_file("first.yaml", deck_yaml("sample", ["a", "b", "c"]))
    # Another file, another name: a local file always updates a deck from a local file.
    edited = write_file(
        "edited.yaml", deck_yaml("sample", {"a": "Answer a.", "b": "Better b.", "d": "Answer d."})
    )

    assert install(str(first), home=isolated_home) == ("installed", "sample", (3, 0, 0, 0))
    assert install(str(first), home=isolated_home) == ("updated", "sample", (0, 0, 0, 3))
    reviewer.grade("sample", "c", Rating.GOOD, datetime.now(UTC) - timedelta(minutes=5))

    assert install(str(edited), home=isolated_home) == ("updated", "sample", (1, 1, 1, 1))
    assert shown_cards(isolated_home, "sample") == [("a", False), ("b", False), ("d", False)]
    assert shown_cards(isolated_home, "sample", "--all") == [
        ("a", False),
        ("b", False),
        ("d", False),
        ("c", True),
    ]
    document = run_json("deck", "show", "sample", "--json", home=isolated_home)
    assert [card["answer"] for card in document["cards"]] == ["Answer a.", "Better b.", "Answer d."]
    assert listed(isolated_home, "sample")["cards"] == 3
    # The retired card's review and the changed card's old text are kept.
    assert [(row["deck_id"], row["card_id"]) for row in export_rows(isolated_home)] == [
        ("sample", "c")
    ]
    assert [old.text.answer for old in reviewer.home._store.cards.history("sample", "b")] == [
        "Answer b."
    ]

    # Back again: c is revived with its schedule, b changes back, d is retired.
    assert install(str(first), home=isolated_home) == ("updated", "sample", (0, 2, 1, 1))
    assert shown_cards(isolated_home, "sample", "--all") == [
        ("a", False),
        ("b", False),
        ("c", False),
        ("d", True),
    ]
    row = listed(isolated_home, "sample")
    assert (row["cards"], row["new"]) == (3, 2)
    assert reviewer.home._store.cards.get("sample", "c").reps == 1


def test_refused_deck_writes_nothing_on_a_new_home(
    isolated_home: Path, write_file: WriteFile
) -> None:
    path = write_file("refused.yaml", REFUSED)

    done = run_prepdeck("deck", "install", str(path), home=isolated_home)

    assert_user_error(done, f"{path}:6:5: unknown key 'promt'", f"{path}:11:14: ")
    assert len([line for line in done.stderr.splitlines() if f"{path}:" in line]) >= 3
    # Checked before the home is opened: no database, not even the bundled decks.
    assert list(isolated_home.iterdir()) == []


def test_refused_reinstall_leaves_the_installed_deck_untouched(
    isolated_home: Path, write_file: WriteFile
) -> None:
    good = write_file("good.yaml", deck_yaml("sample", ["a", "b"]))
    install(str(good), home=isolated_home)
    before = run_json("deck", "show", "sample", "--all", "--json", home=isolated_home)

    refused = run_prepdeck(
        "deck", "install", str(write_file("refused.yaml", REFUSED)), home=isolated_home
    )

    assert_user_error(refused, "refused.yaml:6:5:")
    assert run_json("deck", "show", "sample", "--all", "--json", home=isolated_home) == before


def test_personal_deck_ids_are_refused(isolated_home: Path, write_file: WriteFile) -> None:
    path = write_file("mine.yaml", deck_yaml("my-cards", ["a"]))

    done = run_prepdeck("deck", "install", str(path), home=isolated_home)

    assert_user_error(done, "my-cards", "reserved")
    # Located at the id, as validate reports it.
    assert done.stderr.startswith(f"{path}:2:5: ")
    assert "my-cards" not in deck_ids(isolated_home, "--all")


def test_missing_path_and_directory_are_one_line_errors(
    isolated_home: Path, tmp_path: Path
) -> None:
    missing = run_prepdeck("deck", "install", str(tmp_path / "nope.yaml"), home=isolated_home)
    folder = run_prepdeck("deck", "install", str(tmp_path), home=isolated_home)

    assert_user_error(missing, "nope.yaml: no such file")
    assert_user_error(folder, "is a directory")
    assert len(missing.stderr.splitlines()) == len(folder.stderr.splitlines()) == 1
    # Each starts with the path it is about, as located messages do.
    assert missing.stderr.startswith(str(tmp_path / "nope.yaml") + ": ")
    assert folder.stderr.startswith(str(tmp_path) + ": ")


def test_taking_over_a_bundled_deck_needs_replace(
    reviewer: Reviewer, isolated_home: Path, write_file: WriteFile
) -> None:
    bundled = load_deck(BUNDLED_DECKS / "company-needs.yaml").deck
    assert bundled is not None
    kept = [card.id for card in bundled.cards[:2]]
    reviewer.grade("company-needs", kept[0], Rating.EASY, datetime.now(UTC) - timedelta(hours=1))
    own = write_file("own.yaml", deck_yaml("company-needs", kept, title="My company needs"))

    refused = run_prepdeck("deck", "install", str(own), home=isolated_home)

    assert_user_error(refused, "company-needs", "bundled", "--replace")
    assert len(refused.stderr.splitlines()) == 1
    row = listed(isolated_home, "company-needs")
    assert (row["source"], row["cards"]) == ("bundled", len(bundled.cards))

    taken = install("--replace", str(own), home=isolated_home)

    assert taken == ("updated", "company-needs", (0, 2, len(bundled.cards) - 2, 0))
    # The next start-up keeps the user's version: the bundled one is not merged back in.
    row = listed(isolated_home, "company-needs")
    assert (row["source"], row["title"], row["cards"], row["new"]) == (
        "file",
        "My company needs",
        2,
        1,
    )
    # From now on the local file updates it without --replace, and history is kept.
    assert install(str(own), home=isolated_home)[2] == (0, 0, 0, 2)
    assert [row["card_id"] for row in export_rows(isolated_home)] == [kept[0]]


def test_wrong_sha256_of_a_local_file_is_refused(
    isolated_home: Path, write_file: WriteFile
) -> None:
    path = write_file("sample.yaml", deck_yaml("sample", ["a"]))

    done = run_prepdeck("deck", "install", "--sha256", "0" * 64, str(path), home=isolated_home)

    assert_user_error(done, "sha256")
    assert list(isolated_home.iterdir()) == []


# --- install from URLs -----------------------------------------------------------------


def test_url_install_records_the_url_and_updates_from_it(
    deck_server: DeckServer, isolated_home: Path, write_file: WriteFile
) -> None:
    url = deck_server.serve("/decks/sample.yaml", Route(body=deck_yaml("sample", ["a"]).encode()))
    other = deck_server.serve("/other.yaml", Route(body=deck_yaml("sample", ["a"]).encode()))

    assert install(url, home=isolated_home) == ("installed", "sample", (1, 0, 0, 0))
    assert listed(isolated_home, "sample")["source"] == url
    assert deck_server.requests == ["/decks/sample.yaml"]

    deck_server.serve("/decks/sample.yaml", Route(body=deck_yaml("sample", ["a", "b"]).encode()))
    assert install(url, home=isolated_home) == ("updated", "sample", (1, 0, 0, 1))

    local = write_file("sample.yaml", deck_yaml("sample", ["a", "b"]))
    for target in (str(local), other):
        assert_user_error(
            run_prepdeck("deck", "install", target, home=isolated_home), url, "--replace"
        )
    assert listed(isolated_home, "sample")["source"] == url
    assert install("--replace", other, home=isolated_home)[2] == (0, 0, 1, 1)
    assert listed(isolated_home, "sample")["source"] == other


@pytest.mark.parametrize(
    ("route", "message"),
    [
        pytest.param(Route(404, b"gone"), "HTTP 404", id="not-found"),
        pytest.param(
            Route(body=b"prepdeck: 1\n", headers={"Content-Length": str(21 * MB)}),
            "larger than the 20 MB limit",
            id="declared-oversize",
        ),
        pytest.param(
            Route(body=b"prepdeck: 1\n# ", stream_bytes=20 * MB + 1),
            "larger than the 20 MB limit",
            id="streamed-oversize",
        ),
        pytest.param(Route(body=REFUSED.encode()), ":6:5: unknown key 'promt'", id="invalid"),
    ],
)
def test_url_install_refusals_install_nothing(
    deck_server: DeckServer, isolated_home: Path, route: Route, message: str
) -> None:
    url = deck_server.serve("/deck.yaml", route)

    done = run_prepdeck("deck", "install", url, home=isolated_home)

    assert_user_error(done, url, message)
    assert list(isolated_home.iterdir()) == []


def test_url_install_checks_sha256(deck_server: DeckServer, isolated_home: Path) -> None:
    body = deck_yaml("sample", ["a", "b"]).encode()
    url = deck_server.serve("/sample.yaml", Route(body=body))
    digest = hashlib.sha256(body).hexdigest()

    wrong = run_prepdeck(
        "deck", "install", "--sha256", hashlib.sha256(b"other").hexdigest(), url, home=isolated_home
    )

    assert_user_error(wrong, "sha256 mismatch", digest)
    assert list(isolated_home.iterdir()) == []

    assert install("--sha256", digest.upper(), url, home=isolated_home)[2] == (2, 0, 0, 0)
    assert listed(isolated_home, "sample")["source"] == url


# --- remove ----------------------------------------------------------------------------


def test_remove_hides_a_deck_and_keeps_its_history(
    reviewer: Reviewer, isolated_home: Path, write_file: WriteFile
) -> None:
    path = write_file("sample.yaml", deck_yaml("sample", ["a", "b"]))
    install(str(path), home=isolated_home)
    reviewer.grade("sample", "a", Rating.GOOD, datetime.now(UTC) - timedelta(minutes=3))

    done = run_prepdeck("deck", "remove", "sample", home=isolated_home)

    assert done.returncode == 0, done.stderr
    assert "sample" not in deck_ids(isolated_home)
    row = listed(isolated_home, "sample", "--all")
    assert (row["removed"], row["cards"]) == (True, 2)
    assert [row["card_id"] for row in export_rows(isolated_home)] == ["a"]

    # Installing it again shows it again, schedule and all.
    install(str(path), home=isolated_home)
    row = listed(isolated_home, "sample")
    assert (row["removed"], row["new"]) == (False, 1)


def test_purge_deletes_the_deck_and_its_reviews(
    reviewer: Reviewer, isolated_home: Path, write_file: WriteFile
) -> None:
    install(str(write_file("sample.yaml", deck_yaml("sample", ["a"]))), home=isolated_home)
    at = datetime.now(UTC) - timedelta(minutes=3)
    reviewer.grade("sample", "a", Rating.GOOD, at)
    reviewer.grade("company-needs", "interview-is-about-their-need", Rating.GOOD, at)

    done = run_prepdeck("deck", "remove", "sample", "--purge", home=isolated_home)

    assert done.returncode == 0, done.stderr
    assert "sample" not in deck_ids(isolated_home, "--all")
    assert [row["deck_id"] for row in export_rows(isolated_home)] == ["company-needs"]
    assert_user_error(run_prepdeck("deck", "show", "sample", home=isolated_home), "sample")


def test_a_purged_bundled_deck_stays_gone(reviewer: Reviewer, isolated_home: Path) -> None:
    at = datetime.now(UTC) - timedelta(minutes=3)
    reviewer.grade("company-needs", "interview-is-about-their-need", Rating.GOOD, at)

    done = run_prepdeck("deck", "remove", "company-needs", "--purge", home=isolated_home)

    assert done.returncode == 0, done.stderr
    # The next command does not install it afresh, and nothing of its history is left.
    assert "company-needs" not in deck_ids(isolated_home)
    row = listed(isolated_home, "company-needs", "--all")
    assert (row["removed"], row["cards"]) == (True, 0)
    assert export_rows(isolated_home) == []


def test_a_removed_bundled_deck_stays_removed(isolated_home: Path) -> None:
    done = run_prepdeck("deck", "remove", "tough-questions", home=isolated_home)
    assert done.returncode == 0, done.stderr

    # Each command starts by bringing in bundled decks: none of them brings it back.
    assert "tough-questions" not in deck_ids(isolated_home)
    row = listed(isolated_home, "tough-questions", "--all")
    assert (row["removed"], row["source"]) == (True, "bundled")


def test_start_up_merges_newer_bundled_decks_but_not_into_removed_ones(
    isolated_home: Path, tmp_path: Path
) -> None:
    assert run_prepdeck("deck", "remove", "tough-questions", home=isolated_home).returncode == 0
    newer = tmp_path / "bundled"
    newer.mkdir()
    extra = (
        "  - id: brand-new-card\n"
        "    prompt: A question added in a later release?\n"
        "    answer: Its answer.\n"
        "    points: [one]\n"
    )
    # Versions above and below whatever the bundled decks are at now.
    for name, version in (
        ("tough-questions", "999.0.0"),
        ("company-needs", "999.0.0"),
        ("interview-collateral", "0.0.1"),
    ):
        text = (BUNDLED_DECKS / f"{name}.yaml").read_text(encoding="utf-8")
        shipped = re.search(r"^version: (\d+\.\d+\.\d+)$", text, flags=re.MULTILINE)
        assert shipped is not None and shipped[1] not in ("999.0.0", "0.0.1"), name
        text = f"{text[: shipped.start(1)]}{version}{text[shipped.end(1) :]}{extra}"
        (newer / f"{name}.yaml").write_text(text, encoding="utf-8")
    before = {
        row["id"]: row for row in run_json("deck", "list", "--all", "--json", home=isolated_home)
    }

    with open_services(locations(isolated_home), sync_bundled=False) as home:
        merged = sync_bundled_decks(home._store, home.clock, newer)

    assert [report.deck_id for report in merged] == ["company-needs"]
    after = {
        row["id"]: row for row in run_json("deck", "list", "--all", "--json", home=isolated_home)
    }
    company = after.pop("company-needs")
    assert (company["version"], company["cards"]) == (
        "999.0.0",
        before["company-needs"]["cards"] + 1,
    )
    assert company["source"] == "bundled"
    # The removed deck stays removed and unchanged; an older release never downgrades.
    assert after == {key: row for key, row in before.items() if key != "company-needs"}
    assert after["tough-questions"]["removed"] is True


def _bundled_release(folder: Path, version: str, *, age_s: int, replace: bool = False) -> Path:
    """``company-needs`` as a later release would ship it, at ``version``, last modified
    ``age_s`` seconds ago; ``replace``: as a new install writes it, a new file."""
    text = (BUNDLED_DECKS / "company-needs.yaml").read_text(encoding="utf-8")
    text = re.sub(r"^version: .*$", f"version: {version}", text, count=1, flags=re.MULTILINE)
    path = folder / "company-needs.yaml"
    if replace:
        fresh = folder / "new.tmp"
        fresh.write_text(text, encoding="utf-8")
        fresh.replace(path)
    else:
        with path.open("r+", encoding="utf-8") as handle:  # the same file, edited
            handle.write(text)
    moment = datetime.now(UTC).timestamp() - age_s
    os.utime(path, (moment, moment))
    return path


def test_a_changed_bundled_deck_is_caught_though_unchanged_ones_are_not_read_again(
    isolated_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "bundled"
    folder.mkdir()
    (folder / "company-needs.yaml").touch()
    path = _bundled_release(folder, "900.0.0", age_s=300)
    hashes = isolated_home / "bundled-hashes.json"

    def version() -> str | None:
        (deck,) = home._store.decks.installed(include_removed=True)
        return deck.version

    with open_services(locations(isolated_home), sync_bundled=False) as home:
        assert [r.deck_id for r in sync_bundled_decks(home._store, home.clock, folder)] == [
            "company-needs"
        ]
        assert str(path) in hashes.read_text(encoding="utf-8")

        # Unchanged: the deck file is not even read.
        read_bytes = Path.read_bytes

        def read_no_deck(self: Path) -> bytes:
            assert self.suffix != ".yaml", f"read {self}"
            return read_bytes(self)

        with monkeypatch.context() as patched:
            patched.setattr(Path, "read_bytes", read_no_deck)
            assert sync_bundled_decks(home._store, home.clock, folder) == []

        # Edited in place, the same size: its time gives it away.
        size = path.stat().st_size
        _bundled_release(folder, "901.0.0", age_s=200)
        assert path.stat().st_size == size
        assert len(sync_bundled_decks(home._store, home.clock, folder)) == 1
        assert version() == "901.0.0"

        # Installed anew with the same size and time: a new file all the same.
        stamp = path.stat().st_mtime_ns
        _bundled_release(folder, "902.0.0", age_s=200, replace=True)
        os.utime(path, ns=(stamp, stamp))
        assert path.stat().st_size == size
        assert len(sync_bundled_decks(home._store, home.clock, folder)) == 1
        assert version() == "902.0.0"

        # Written again in place with the same size and time, as an installer keeping the
        # build's times does: its change time, which no one can set back, gives it away.
        inode = path.stat().st_ino
        _bundled_release(folder, "902.5.0", age_s=200)
        os.utime(path, ns=(stamp, stamp))
        assert (path.stat().st_size, path.stat().st_ino) == (size, inode)
        assert len(sync_bundled_decks(home._store, home.clock, folder)) == 1
        assert version() == "902.5.0"

        # Modified a moment ago, a file may change again within its time: its hash is
        # taken on every start until it settles.
        _bundled_release(folder, "903.0.0", age_s=0)
        assert len(sync_bundled_decks(home._store, home.clock, folder)) == 1
        assert str(path) not in hashes.read_text(encoding="utf-8")
        assert sync_bundled_decks(home._store, home.clock, folder) == []

        # A file of remembered hashes that cannot be read is taken again.
        hashes.write_text("{not json", encoding="utf-8")
        assert sync_bundled_decks(home._store, home.clock, folder) == []
        assert version() == "903.0.0"


def test_removing_an_unknown_deck_is_a_user_error(isolated_home: Path) -> None:
    for args in (("nope",), ("nope", "--purge")):
        done = run_prepdeck("deck", "remove", *args, home=isolated_home)
        assert_user_error(done, "nope")
        assert len(done.stderr.splitlines()) == 1


# --- show ------------------------------------------------------------------------------


def test_show_json_has_a_fixed_shape(isolated_home: Path, write_file: WriteFile) -> None:
    install(str(write_file("rich.yaml", RICH)), home=isolated_home)
    install(str(write_file("plain.yaml", deck_yaml("plain", ["only"]))), home=isolated_home)

    rich = run_json("deck", "show", "rich-deck", "--json", home=isolated_home)
    plain = run_json("deck", "show", "plain", "--json", home=isolated_home)

    derived = "c-" + hashlib.sha256(b"Derived id card?").hexdigest()[:10]
    assert list(rich) == SHOW_KEYS
    assert all(list(card) == CARD_KEYS for card in rich["cards"] + plain["cards"])
    assert rich == {
        "id": "rich-deck",
        "title": "Rich: deck",
        "description": "First line.\nSecond line.\n",
        "author": "A. Author",
        "license": "CC-BY-4.0",
        "version": "1.2.0",
        "tags": ["behavioral", "basics"],
        "cards": [
            {
                "id": "zeta",
                "kind": "scenario",
                "prompt": "no",
                "answer": "1:30",
                "points": ["first", "second"],
                "followups": ["Why?"],
                "tags": ["hard"],
                "seconds": 90,
                "retired": False,
            },
            {
                "id": "alpha",
                "kind": "company-need",
                "prompt": "~",
                "answer": "Multi\nline\n",
                "points": ["only"],
                "followups": [],
                "tags": [],
                "seconds": None,
                "retired": False,
            },
            {
                "id": derived,
                "kind": "question",
                "prompt": "Derived   id card?",
                "answer": "Yes.",
                "points": ["p"],
                "followups": [],
                "tags": [],
                "seconds": None,
                "retired": False,
            },
        ],
    }
    assert {key: plain[key] for key in SHOW_KEYS[2:7]} == {
        "description": None,
        "author": None,
        "license": None,
        "version": None,
        "tags": [],
    }


def test_show_human_output_and_unknown_id(isolated_home: Path, write_file: WriteFile) -> None:
    install(str(write_file("rich.yaml", RICH)), home=isolated_home)

    human = run_prepdeck("deck", "show", "rich-deck", home=isolated_home)
    unknown = run_prepdeck("deck", "show", "no-such-deck", "--json", home=isolated_home)

    assert human.returncode == 0, human.stderr
    for text in ("Rich: deck", "1.2.0", "zeta", "alpha", "scenario", "company-need"):
        assert text in human.stdout
    assert_user_error(unknown, "no-such-deck")
    assert len(unknown.stderr.splitlines()) == 1


# --- export ----------------------------------------------------------------------------


def test_export_yaml_reads_back_equal(
    isolated_home: Path, new_home: Callable[[], Path], write_file: WriteFile, tmp_path: Path
) -> None:
    original = write_file("rich.yaml", RICH)
    install(str(original), home=isolated_home)
    exported = tmp_path / "exported.yaml"

    done = run_prepdeck(
        "deck", "export", "rich-deck", "--format", "yaml", "-o", str(exported), home=isolated_home
    )

    assert done.returncode == 0, done.stderr
    checked = run_prepdeck("deck", "validate", "--strict", str(exported), home=isolated_home)
    assert checked.returncode == 0, checked.stderr
    assert checked.stderr == ""  # every card id written out: not even a warning
    source, copy = load_deck(original).deck, load_deck(exported).deck
    assert source is not None and copy is not None
    assert copy == dataclasses.replace(
        source,
        cards=tuple(dataclasses.replace(card, explicit_id=True) for card in source.cards),
    )

    other = new_home()
    install(str(exported), home=other)
    assert run_json("deck", "show", "rich-deck", "--json", home=other) == run_json(
        "deck", "show", "rich-deck", "--json", home=isolated_home
    )


def test_export_leaves_retired_cards_out(isolated_home: Path, write_file: WriteFile) -> None:
    install(str(write_file("v1.yaml", deck_yaml("sample", ["a", "b", "c"]))), home=isolated_home)
    install(str(write_file("v2.yaml", deck_yaml("sample", ["c", "a"]))), home=isolated_home)
    target = write_file("out.yaml", "")

    done = run_prepdeck("deck", "export", "sample", "-o", str(target), home=isolated_home)

    assert done.returncode == 0, done.stderr
    deck = load_deck(target).deck
    assert deck is not None
    assert [card.id for card in deck.cards] == ["c", "a"]


def test_export_errors_are_one_line(isolated_home: Path, tmp_path: Path) -> None:
    unknown = run_prepdeck(
        "deck", "export", "nope", "-o", str(tmp_path / "x.yaml"), home=isolated_home
    )
    unwritable = run_prepdeck(
        "deck",
        "export",
        "company-needs",
        "-o",
        str(tmp_path / "missing" / "x.yaml"),
        home=isolated_home,
    )

    assert_user_error(unknown, "nope")
    assert_user_error(unwritable, "cannot be written")
    assert not (tmp_path / "x.yaml").exists()


def test_install_refuses_a_pipe_and_a_device_without_waiting(
    isolated_home: Path, tmp_path: Path
) -> None:
    pipe = tmp_path / "deck.yaml"
    os.mkfifo(pipe)
    from_pipe = run_prepdeck("deck", "install", str(pipe), home=isolated_home, timeout=30)
    from_device = run_prepdeck("deck", "install", "/dev/zero", home=isolated_home, timeout=30)
    assert from_pipe.returncode == from_device.returncode == 1
    assert from_pipe.stderr == f"{pipe}: is a named pipe, not a deck file\n"
    assert from_device.stderr == "/dev/zero: is a device, not a deck file\n"


# --- pause and resume ------------------------------------------------------------------


def test_a_paused_deck_keeps_its_schedule_and_stays_out_of_drills_until_resumed(
    reviewer: Reviewer, isolated_home: Path, write_file: WriteFile
) -> None:
    install(str(write_file("sample.yaml", deck_yaml("sample", ["a", "b"]))), home=isolated_home)
    # Forgotten half an hour ago: due again by now.
    reviewer.grade("sample", "a", Rating.AGAIN, datetime.now(UTC) - timedelta(minutes=30))
    schedule = reviewer.home._store.cards.get("sample", "a").schedule
    assert listed(isolated_home, "sample")["due"] == 1
    assert run_json("stats", "--json", home=isolated_home)["due_now"] == 1

    paused = run_prepdeck("deck", "pause", "sample", home=isolated_home)

    assert (paused.returncode, paused.stderr) == (0, "")
    assert paused.stdout == (
        "paused sample: its cards stay out of drills until: prepdeck deck resume sample\n"
    )
    row = listed(isolated_home, "sample")
    assert (row["paused"], row["new_today"]) == (True, 0)
    assert run_json("stats", "--json", home=isolated_home)["due_now"] == 0
    drill = run_prepdeck("drill", "--deck", "sample", home=isolated_home)
    assert_user_error(drill, "'sample' is paused", "prepdeck deck resume sample")
    human = run_prepdeck("deck", "list", home=isolated_home)
    listed_line = next(line for line in human.stdout.splitlines() if "sample" in line)
    assert listed_line.startswith("sample (paused) ")
    assert reviewer.home._store.cards.get("sample", "a").schedule == schedule

    resumed = run_prepdeck("deck", "resume", "sample", home=isolated_home)

    assert (resumed.returncode, resumed.stdout, resumed.stderr) == (
        0,
        "resumed sample: its cards are back in the drill\n",
        "",
    )
    row = listed(isolated_home, "sample")
    assert (row["paused"], row["due"], row["new_today"]) == (False, 1, 1)
    assert run_json("stats", "--json", home=isolated_home)["due_now"] == 1
    assert reviewer.home._store.cards.get("sample", "a").schedule == schedule


def test_pausing_a_paused_deck_or_resuming_an_active_one_changes_nothing(
    isolated_home: Path,
) -> None:
    assert run_prepdeck("deck", "pause", "company-needs", home=isolated_home).returncode == 0

    again = run_prepdeck("deck", "pause", "company-needs", home=isolated_home)
    active = run_prepdeck("deck", "resume", "tough-questions", home=isolated_home)

    # Both already as asked: a script that makes sure of a state need not check it first.
    assert (again.returncode, again.stdout, again.stderr) == (
        0,
        "company-needs is already paused\n",
        "",
    )
    assert (active.returncode, active.stdout, active.stderr) == (
        0,
        "tough-questions is not paused\n",
        "",
    )
    assert listed(isolated_home, "company-needs")["paused"] is True
    assert listed(isolated_home, "tough-questions")["paused"] is False


def test_pause_and_resume_of_a_deck_not_installed_are_one_line_errors(
    isolated_home: Path,
) -> None:
    assert run_prepdeck("deck", "remove", "tough-questions", home=isolated_home).returncode == 0

    for command in ("pause", "resume"):
        for deck_id in ("nope", "tough-questions"):
            done = run_prepdeck("deck", command, deck_id, home=isolated_home)
            assert_user_error(done, f"'{deck_id}'", "prepdeck deck list")
            assert len(done.stderr.splitlines()) == 1
    assert listed(isolated_home, "tough-questions", "--all")["paused"] is False


def test_the_personal_deck_can_be_paused(isolated_home: Path) -> None:
    added = run_prepdeck("card", "add", "--prompt", "Why us?", "--answer", "X.", home=isolated_home)
    assert added.returncode == 0, added.stderr

    done = run_prepdeck("deck", "pause", "my-cards", home=isolated_home)

    assert done.returncode == 0, done.stderr
    row = listed(isolated_home, "my-cards")
    assert (row["paused"], row["new_today"]) == (True, 0)


# --- human output of list and show -----------------------------------------------------


def test_piped_tables_give_each_deck_one_line_whole(
    isolated_home: Path, write_file: WriteFile
) -> None:
    long_id = "-".join(["long"] * 12) + "-id"
    long_title = "A title far too long to fit in the columns rich would give it in a pipe"
    install(
        str(write_file("long.yaml", deck_yaml(long_id, ["a"], title=long_title))),
        home=isolated_home,
    )

    listing = run_prepdeck("deck", "list", home=isolated_home)
    shown = run_prepdeck("deck", "show", long_id, home=isolated_home)

    assert listing.returncode == shown.returncode == 0
    lines = listing.stdout.splitlines()
    assert lines[0].split() == [
        "Deck",
        "Title",
        "Cards",
        "Due",
        "New",
        "New",
        "today",
        "License",
        "Source",
    ]
    # The header, each bundled deck, and the long one.
    assert len(lines) == 1 + len(list(BUNDLED_DECKS.glob("*.yaml"))) + 1
    row = [line for line in lines if line.startswith(long_id)]
    assert len(row) == 1 and long_title in row[0] and row[0].endswith(" file")
    assert not any("│" in line or "━" in line for line in lines)
    assert [line for line in shown.stdout.splitlines() if line.startswith("a ")] == [
        "a     question  Question a?"
    ]
    for printed in (listing.stdout, shown.stdout):
        assert not any(line != line.rstrip() for line in printed.splitlines()), printed


def test_show_prints_the_description(isolated_home: Path, write_file: WriteFile) -> None:
    install(str(write_file("rich.yaml", RICH)), home=isolated_home)

    done = run_prepdeck("deck", "show", "rich-deck", home=isolated_home)

    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    first = lines.index("Description  First line.")
    assert lines[first + 1] == "             Second line."


# --- export to standard output and in other formats -----------------------------------


def test_export_without_output_prints_the_yaml(isolated_home: Path, tmp_path: Path) -> None:
    target = tmp_path / "sample.yaml"
    to_file = run_prepdeck("deck", "export", "company-needs", "-o", str(target), home=isolated_home)
    assert to_file.returncode == 0, to_file.stderr

    printed = run_prepdeck("deck", "export", "company-needs", home=isolated_home)

    assert (printed.returncode, printed.stderr) == (0, "")
    assert printed.stdout == target.read_text(encoding="utf-8")
    count = len(bundled_card_ids("company-needs"))
    assert to_file.stdout == f"wrote company-needs ({count} cards) to {target}\n"


def test_an_anki_package_needs_a_file(isolated_home: Path) -> None:
    done = run_prepdeck("deck", "export", "company-needs", "--format", "apkg", home=isolated_home)

    assert_user_error(done, "--format apkg", "-o FILE")
    assert len(done.stderr.splitlines()) == 1


# --- export of a personal deck ---------------------------------------------------------


def add_card(home: Path, prompt: str, answer: str, *points: str) -> str:
    flags = [item for point in points for item in ("--point", point)]
    done = run_prepdeck("card", "add", "--prompt", prompt, "--answer", answer, *flags, home=home)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_an_exported_personal_deck_installs_on_a_fresh_home(
    isolated_home: Path, new_home: Callable[[], Path], tmp_path: Path
) -> None:
    first = add_card(isolated_home, "Why this team?", "Their on-call rota.", "rota")
    second = add_card(isolated_home, "Biggest failure?", "The migration.")
    target = tmp_path / "mine.yaml"

    done = run_prepdeck("deck", "export", "my-cards", "-o", str(target), home=isolated_home)

    assert done.returncode == 0, done.stderr
    assert done.stderr == (
        "prepdeck: my-cards is a personal deck: exported as 'cards' (choose another id with --id)\n"
    )
    assert done.stdout == f"wrote cards (2 cards) to {target}\n"
    other = new_home()
    assert install(str(target), home=other) == ("installed", "cards", (2, 0, 0, 0))
    mine = run_json("deck", "show", "my-cards", "--json", home=isolated_home)
    copy = run_json("deck", "show", "cards", "--json", home=other)
    assert copy["cards"] == mine["cards"]
    assert [card["id"] for card in copy["cards"]] == [first, second]
    assert copy["title"] == "My cards"


def test_a_personal_deck_exported_under_a_chosen_id(
    isolated_home: Path, new_home: Callable[[], Path]
) -> None:
    add_card(isolated_home, "Why this team?", "Their on-call rota.", "rota")

    done = run_prepdeck("deck", "export", "my-cards", "--id", "shared-answers", home=isolated_home)

    assert (done.returncode, done.stderr) == (0, "")
    assert "\nid: shared-answers\n" in done.stdout
    path = new_home() / "shared.yaml"
    path.write_text(done.stdout, encoding="utf-8")
    assert install(str(path), home=new_home()) == ("installed", "shared-answers", (1, 0, 0, 0))


def test_cards_without_an_answer_are_left_out_of_a_shared_deck_and_named(
    isolated_home: Path, new_home: Callable[[], Path], tmp_path: Path
) -> None:
    kept = add_card(isolated_home, "Why this team?", "Their on-call rota.")
    draft = add_card(isolated_home, "Salary expectations?", "")
    target = tmp_path / "mine.yaml"

    done = run_prepdeck(
        "deck", "export", "my-cards", "--id", "mine", "-o", str(target), home=isolated_home
    )

    assert done.returncode == 0, done.stderr
    assert done.stderr == (
        f"prepdeck: left out 1 card without an answer, which a shared deck needs: {draft}\n"
    )
    assert done.stdout == f"wrote mine (1 card) to {target}\n"
    other = new_home()
    install(str(target), home=other)
    assert shown_cards(other, "mine") == [(kept, False)]


def test_a_personal_deck_with_no_answer_at_all_is_not_exported(
    isolated_home: Path, tmp_path: Path
) -> None:
    add_card(isolated_home, "Salary expectations?", "")
    target = tmp_path / "mine.yaml"

    done = run_prepdeck("deck", "export", "my-cards", "-o", str(target), home=isolated_home)

    assert_user_error(done, "my-cards", "no card with an answer")
    assert len(done.stderr.splitlines()) == 1
    assert not target.exists()


@pytest.mark.parametrize(
    ("new_id", "message"),
    [
        ("my-copy", "'my-copy' is reserved"),
        ("Not_An_Id", "'Not_An_Id' is not a deck id"),
    ],
)
def test_an_export_id_must_be_one_install_takes(
    isolated_home: Path, new_id: str, message: str
) -> None:
    done = run_prepdeck("deck", "export", "company-needs", "--id", new_id, home=isolated_home)

    assert_user_error(done, message)
    assert len(done.stderr.splitlines()) == 1


def test_another_deck_exported_under_a_new_id_keeps_its_cards(isolated_home: Path) -> None:
    done = run_prepdeck("deck", "export", "company-needs", "--id", "our-needs", home=isolated_home)

    assert (done.returncode, done.stderr) == (0, "")
    assert "\nid: our-needs\n" in done.stdout
    written = yaml.safe_load(done.stdout)
    assert [card["id"] for card in written["cards"]] == bundled_card_ids("company-needs")
