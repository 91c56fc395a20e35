"""The deck-update service in-process: installing by id and updating report download
progress, refuse an oversize or missing deck, and write nothing when they refuse."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from prepdeck.clock import FixedClock
from prepdeck.errors import FetchError, PrepdeckError
from prepdeck.library.fetch import MAX_DOWNLOAD_BYTES
from prepdeck.paths import locations
from prepdeck.services import Services, open_services
from tests.cli.conftest import DeckServer, Route
from tests.cli.test_deck_update import INDEX, V1, V2, deck_text, publish


@pytest.fixture
def home(isolated_home: Path) -> Iterator[Services]:
    with open_services(locations(isolated_home), sync_bundled=False) as services:
        yield services


def test_install_by_id_reports_progress_up_to_the_declared_size(
    home: Services, deck_server: DeckServer
) -> None:
    data = deck_text("alpha", "1.0.0", {f"c{n}": "An answer. " * 200 for n in range(60)})
    home.sources.add(publish(deck_server, {"alpha": ("1.0.0", data)}))
    seen: list[tuple[int, int | None]] = []

    installed = home.updates.install(
        "alpha", progress=lambda done, total: seen.append((done, total))
    )

    assert installed.report.created and len(installed.report.added) == 60
    assert len(seen) > 1, "a deck of several chunks reports more than once"
    assert [done for done, _ in seen] == sorted({done for done, _ in seen})
    assert seen[-1] == (len(data), len(data))


def test_an_oversize_deck_by_id_is_refused_and_nothing_is_written(
    home: Services, deck_server: DeckServer
) -> None:
    home.sources.add(publish(deck_server, {"alpha": ("1.0.0", deck_text("alpha", "1.0.0", V1))}))
    deck_server.serve(
        "/idx/decks/alpha.yaml", Route(body=b"prepdeck: 1\n", stream_bytes=MAX_DOWNLOAD_BYTES + 1)
    )

    with pytest.raises(FetchError, match="larger than the 20 MB limit"):
        home.updates.install("alpha")

    assert home.library.find("alpha") is None


def test_a_deck_missing_from_its_url_is_refused(home: Services, deck_server: DeckServer) -> None:
    home.sources.add(publish(deck_server, {"alpha": ("1.0.0", deck_text("alpha", "1.0.0", V1))}))
    deck_server.serve("/idx/decks/alpha.yaml", Route(status=404, body=b"gone"))

    with pytest.raises(FetchError, match="HTTP 404"):
        home.updates.install("alpha")

    assert home.library.find("alpha") is None


def test_a_file_holding_another_deck_than_its_entry_is_refused(
    home: Services, deck_server: DeckServer
) -> None:
    home.sources.add(publish(deck_server, {"alpha": ("1.0.0", deck_text("beta", "1.0.0", V1))}))

    with pytest.raises(PrepdeckError, match="holds deck 'beta'"):
        home.updates.install("alpha")

    assert home.library.find("alpha") is None and home.library.find("beta") is None


def test_an_update_refused_by_validation_changes_no_card(
    home: Services, deck_server: DeckServer
) -> None:
    url = publish(deck_server, {"alpha": ("1.0.0", deck_text("alpha", "1.0.0", V1))})
    home.sources.add(url)
    home.updates.install("alpha")
    before = [
        (card.card, card.retired) for card in home.library.cards("alpha", include_retired=True)
    ]
    # A card id twice: the download matches its hash, and validation refuses the deck.
    doubled = (
        deck_text("alpha", "1.1.0", V2)
        + deck_text("x", "1.0.0", {"one": "Again."}).split(b"cards:\n", 1)[1]
    )
    publish(deck_server, {"alpha": ("1.1.0", doubled)})

    run = home.updates.update()

    assert [failed.deck_id for failed in run.failed] == ["alpha"] and not run.updated
    assert "duplicate card id 'one'" in run.failed[0].message
    after = [
        (card.card, card.retired) for card in home.library.cards("alpha", include_retired=True)
    ]
    assert after == before
    assert home.library.get("alpha").version == "1.0.0"


def test_pending_is_what_update_applies(home: Services, deck_server: DeckServer) -> None:
    home.sources.add(publish(deck_server, {"alpha": ("1.0.0", deck_text("alpha", "1.0.0", V1))}))
    home.updates.install("alpha")
    publish(deck_server, {"alpha": ("1.2.0", deck_text("alpha", "1.2.0", V2))})

    pending, warnings = home.updates.pending()
    run = home.updates.update()

    assert warnings == [] and [row.deck_id for row in pending] == ["alpha"]
    assert [(item.deck_id, item.from_version, item.to_version) for item in run.updated] == [
        ("alpha", "1.0.0", "1.2.0")
    ]
    assert home.updates.pending() == ([], [])


def test_search_answers_from_an_old_copy_when_its_source_is_down_but_not_on_refresh(
    isolated_home: Path, deck_server: DeckServer
) -> None:
    clock = FixedClock(datetime(2026, 3, 2, 9, 0, tzinfo=UTC))
    url = publish(deck_server, {"alpha": ("1.0.0", deck_text("alpha", "1.0.0", V1))})
    with open_services(locations(isolated_home), clock=clock, sync_bundled=False) as home:
        home.sources.add(url)
        deck_server.serve(INDEX, Route(status=503, body=b"down"))
        clock.advance(timedelta(hours=3))

        found = home.sources.search("alpha")
        refreshed = home.sources.search("alpha", refresh=True)

    assert [offer.entry.id for offer in found.decks] == ["alpha"]
    assert found.warnings == [
        f"{url}: HTTP 503 Service Unavailable",
        f"{url}: answering from the copy fetched 2026-03-02 09:00 UTC",
    ]
    assert refreshed.decks == [] and refreshed.warnings == [f"{url}: HTTP 503 Service Unavailable"]


def test_a_cache_kept_before_its_entries_were_stored_is_read_from_its_text(
    home: Services, deck_server: DeckServer
) -> None:
    home.sources.add(publish(deck_server, {"alpha": ("1.0.0", deck_text("alpha", "1.0.0", V1))}))
    with home._store._db.write() as connection:
        connection.execute("UPDATE sources SET entries = NULL")
    requests = len(deck_server.requests)

    found = home.sources.search("alpha")

    assert [offer.entry.id for offer in found.decks] == ["alpha"]
    assert len(deck_server.requests) == requests, "answered from the cache, not fetched"
