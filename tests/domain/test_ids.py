"""Card ids derived from prompts are stable under the edits that do not change meaning."""

from __future__ import annotations

import hashlib
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from prepdeck.domain.ids import derive_card_id, is_valid_id
from prepdeck.formats.deck.loader import load_deck_bytes


def test_derived_id_is_c_and_ten_hex_digits_of_the_normalized_prompt() -> None:
    expected = "c-" + hashlib.sha256(b"Why should we hire you?").hexdigest()[:10]
    assert derive_card_id("  Why   should we\n hire you?\t") == expected
    assert is_valid_id(expected)


def test_derived_id_uses_nfc() -> None:
    composed = unicodedata.normalize("NFC", "Café culture?")
    decomposed = unicodedata.normalize("NFD", "Café culture?")
    assert composed != decomposed
    assert derive_card_id(composed) == derive_card_id(decomposed)


words = st.lists(st.text("abcdefghij?,", min_size=1, max_size=8), min_size=1, max_size=8)
spaces = st.sampled_from([" ", "  ", "\t", "\n", " \n "])


@given(words, st.data())
def test_whitespace_changes_keep_the_id(parts: list[str], data: st.DataObject) -> None:
    plain = " ".join(parts)
    spaced = data.draw(spaces) + "".join(p + data.draw(spaces) for p in parts)
    assert derive_card_id(spaced) == derive_card_id(plain)


def _deck(prompts: list[str]) -> bytes:
    cards = "".join(
        f"  - prompt: '{p}'\n    answer: an answer\n    points: [one]\n" for p in prompts
    )
    return f"prepdeck: 1\nid: d\ntitle: D\ncards:\n{cards}".encode()


@given(
    st.lists(
        st.text("abcdefgh ", min_size=1, max_size=12),
        min_size=2,
        max_size=6,
        unique_by=lambda t: " ".join(t.split()),
    ).filter(lambda ps: all(p.strip() for p in ps))
)
def test_reordering_cards_keeps_each_cards_id(prompts: list[str]) -> None:
    forward = load_deck_bytes(_deck(prompts), "a.yaml").deck
    backward = load_deck_bytes(_deck(prompts[::-1]), "b.yaml").deck
    assert forward is not None and backward is not None
    by_prompt = {card.prompt: card.id for card in forward.cards}
    assert {card.prompt: card.id for card in backward.cards} == by_prompt


def test_id_rules() -> None:
    assert is_valid_id("why-hire-you")
    assert is_valid_id("a" * 64)
    for bad in ("a" * 65, "Why", "why--hire", "-why", "why-", "why_hire", "", "café"):
        assert not is_valid_id(bad), bad
