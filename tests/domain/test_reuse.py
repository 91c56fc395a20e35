"""Licence terms that limit reuse: non-commercial and no-derivatives."""

from __future__ import annotations

import pytest

from prepdeck.domain.cards import Card, Deck, Source
from prepdeck.domain.reuse import reuse_notes, reuse_terms


@pytest.mark.parametrize(
    ("expression", "terms"),
    [
        ("CC-BY-4.0", []),
        ("CC-BY-SA-4.0", []),
        ("MIT", []),
        (None, []),
        ("CC-BY-NC-4.0", ["NC"]),
        ("CC-BY-ND-4.0", ["ND"]),
        ("CC-BY-NC-ND-4.0", ["NC", "ND"]),
        ("cc-by-nc-sa-4.0", ["NC"]),
        ("MIT OR CC-BY-NC-4.0", ["NC"]),
        ("LicenseRef-Syncing", []),
    ],
)
def test_terms_read_from_the_licence_ids(expression: str | None, terms: list[str]) -> None:
    assert reuse_terms(expression) == terms


def test_notes_name_the_deck_and_each_limiting_source() -> None:
    deck = Deck(
        id="d",
        title="D",
        cards=(Card(id="c", prompt="P?", answer="A."),),
        license="CC-BY-NC-4.0",
        based_on=(
            Source(title="Open guide", license="CC-BY-4.0"),
            Source(title="A book", url="https://example.org", license="CC-BY-ND-4.0"),
        ),
    )
    assert reuse_notes(deck) == [
        "its licence CC-BY-NC-4.0 is non-commercial: no commercial use",
        "based on 'A book' (CC-BY-ND-4.0), no derivatives: adapted works are not allowed",
    ]
