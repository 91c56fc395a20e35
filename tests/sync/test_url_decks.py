"""A deck installed from a URL travels by its source: the other home installs it from
there, and says so when it cannot."""

from __future__ import annotations

from pathlib import Path

from prepdeck.library.install import prepare_install
from tests.cli.conftest import DeckServer, Route, deck_server  # noqa: F401 - the fixture
from tests.sync.homes import DECK, open_home


def test_a_deck_from_a_url_is_installed_from_it_on_the_other_home(
    tmp_path: Path,
    deck_server: DeckServer,  # noqa: F811 - the fixture imported above
) -> None:
    remote = tmp_path / "shared"
    remote.mkdir()
    url = deck_server.serve("/web.yaml", Route(body=DECK.replace("practice", "web").encode()))
    laptop = open_home(tmp_path, "laptop")
    desktop = open_home(tmp_path, "desktop")
    laptop.library.merge(prepare_install(url))
    laptop.sync(str(remote))
    report = desktop.sync(str(remote))
    assert report.warnings == []
    assert desktop.library.get("web").source == url
    assert len(desktop.library.cards("web")) == 12
    assert deck_server.requests == ["/web.yaml", "/web.yaml"]


def test_a_deck_whose_url_fails_is_a_warning_and_tried_again_next_time(
    tmp_path: Path,
    deck_server: DeckServer,  # noqa: F811 - the fixture imported above
) -> None:
    remote = tmp_path / "shared"
    remote.mkdir()
    url = deck_server.serve("/web.yaml", Route(body=DECK.replace("practice", "web").encode()))
    laptop = open_home(tmp_path, "laptop")
    desktop = open_home(tmp_path, "desktop")
    laptop.library.merge(prepare_install(url))
    laptop.sync(str(remote))
    deck_server.routes["/web.yaml"] = Route(404, b"gone")
    report = desktop.sync(str(remote))
    assert len(report.warnings) == 1
    assert report.warnings[0].startswith("deck web: not taken (")
    assert desktop.library.find("web") is None
    deck_server.routes["/web.yaml"] = Route(body=DECK.replace("practice", "web").encode())
    again = desktop.sync(str(remote))
    assert again.warnings == []
    assert desktop.library.get("web").source == url
