"""``prepdeck index build``: an index of the deck files under a folder, refused whole when
one deck is invalid, has no licence or shares its id; built, served and installed."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from tests.cli.conftest import DeckServer, Route, assert_user_error, run_json
from tests.cli.helpers import run_prepdeck

ENTRY_KEYS = ["id", "title", "description", "version", "url", "sha256", "license", "tags"]


def _starter(home: Path, deck_id: str, target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    done = run_prepdeck("deck", "new", deck_id, "-o", str(target), home=home)
    assert done.returncode == 0, done.stderr
    return target


def test_every_deck_under_the_folder_with_its_hash_and_url(
    isolated_home: Path, tmp_path: Path
) -> None:
    alpha = _starter(isolated_home, "alpha", tmp_path / "pub" / "alpha.yaml")
    beta = _starter(isolated_home, "beta", tmp_path / "pub" / "more" / "beta.yml")
    _starter(isolated_home, "hidden", tmp_path / "pub" / ".git" / "hidden.yaml")
    index = run_json(
        "index",
        "build",
        str(tmp_path / "pub"),
        "--base-url",
        "https://example.org/d/",
        home=isolated_home,
    )
    assert index["prepdeck-index"] == 1
    assert [entry["id"] for entry in index["decks"]] == ["alpha", "beta"]
    first, second = index["decks"]
    assert list(first) == ENTRY_KEYS
    assert first["url"] == "https://example.org/d/alpha.yaml"
    assert second["url"] == "https://example.org/d/more/beta.yml"
    assert first["sha256"] == hashlib.sha256(alpha.read_bytes()).hexdigest()
    assert second["sha256"] == hashlib.sha256(beta.read_bytes()).hexdigest()
    assert (first["license"], first["version"], first["tags"]) == (
        "CC-BY-4.0",
        "0.1.0",
        ["interview"],
    )
    relative = run_json("index", "build", str(tmp_path / "pub"), home=isolated_home)
    assert relative["decks"][1]["url"] == "more/beta.yml"


def test_one_bad_deck_refuses_the_index_and_nothing_is_written(
    isolated_home: Path, tmp_path: Path
) -> None:
    pub = tmp_path / "pub"
    _starter(isolated_home, "alpha", pub / "alpha.yaml")
    _starter(isolated_home, "alpha", pub / "copy" / "alpha.yaml")
    unlicensed = _starter(isolated_home, "free", pub / "free.yaml")
    unlicensed.write_text(
        "\n".join(
            line for line in unlicensed.read_text().splitlines() if not line.startswith("license")
        )
        + "\n"
    )
    (pub / "broken.yaml").write_text("prepdeck: 1\nid: broken\ntitle: B\ncards: []\n")
    output = tmp_path / "index.json"
    done = run_prepdeck("index", "build", str(pub), "-o", str(output), home=isolated_home)
    assert_user_error(
        done,
        f"{pub / 'broken.yaml'}:4:8: cards must not be empty",
        f"{pub / 'free.yaml'}: no license",
        "deck id 'alpha' is also the id of",
        "refused, 3 problems; nothing written",
    )
    assert not output.exists()
    assert_user_error(
        run_prepdeck("index", "build", str(tmp_path / "empty"), home=isolated_home),
        "not a folder",
    )


def test_built_served_and_installed_with_its_hash(
    isolated_home: Path, tmp_path: Path, deck_server: DeckServer
) -> None:
    deck_file = _starter(isolated_home, "served", tmp_path / "pub" / "served.yaml")
    base = deck_server.url("/decks")
    output = tmp_path / "index.json"
    done = run_prepdeck(
        "index",
        "build",
        str(tmp_path / "pub"),
        "--base-url",
        base,
        "-o",
        str(output),
        home=isolated_home,
    )
    assert done.returncode == 0 and "1 deck" in done.stdout
    [entry] = json.loads(output.read_text())["decks"]
    deck_server.serve("/decks/served.yaml", Route(200, deck_file.read_bytes()))
    installed = run_prepdeck(
        "deck", "install", entry["url"], "--sha256", entry["sha256"], home=isolated_home
    )
    assert installed.returncode == 0, installed.stderr
    assert "served" in [row["id"] for row in run_json("deck", "list", "--json", home=isolated_home)]
