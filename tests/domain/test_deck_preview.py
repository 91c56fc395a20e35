"""A deck a source offers, looked into before it is installed: counted, checked, not kept."""

from __future__ import annotations

import pytest

from prepdeck.errors import PrepdeckError
from tests.cli.conftest import DeckServer
from tests.tui.homes import open_test_home
from tests.tui.offers import OfferedDeck, serve_source, sources

__all__ = ["sources"]

BASED_ON = """based_on:
  - title: Query plans explained
    license: CC-BY-ND-4.0
"""


def test_a_preview_counts_the_cards_and_names_every_limit_on_reuse(sources: DeckServer) -> None:
    deck = OfferedDeck("sql-joins", cards=("a", "b", "c"), license="CC-BY-NC-4.0", extra=BASED_ON)
    url = serve_source(sources, "/a", deck)
    with open_test_home() as home:
        home.sources.add(url)
        [offer] = home.sources.offers().decks
        preview = home.preview_offered(offer)
        assert (preview.deck_id, preview.source, preview.cards) == ("sql-joins", url, 3)
        assert preview.sha256 == offer.entry.sha256
        assert preview.reuse == [
            "its licence CC-BY-NC-4.0 is non-commercial: no commercial use",
            "based on 'Query plans explained' (CC-BY-ND-4.0), "
            "no derivatives: adapted works are not allowed",
        ]
        # Looked at, not installed.
        assert home.library.find("sql-joins") is None


@pytest.mark.parametrize(
    ("deck", "said"),
    [
        (OfferedDeck("sql-joins", status=404), "HTTP 404"),
        (OfferedDeck("sql-joins", wrong_hash=True), "sha256"),
    ],
    ids=["missing", "wrong-hash"],
)
def test_a_preview_refuses_what_an_install_would(
    sources: DeckServer, deck: OfferedDeck, said: str
) -> None:
    url = serve_source(sources, "/a", deck)
    with open_test_home() as home:
        home.sources.add(url)
        [offer] = home.sources.offers().decks
        with pytest.raises(PrepdeckError, match=said):
            home.preview_offered(offer)
