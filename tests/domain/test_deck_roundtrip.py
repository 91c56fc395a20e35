"""Deck -> YAML -> Deck gives the same deck, whatever the text holds."""

from __future__ import annotations

import yaml
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from prepdeck.domain.cards import Card, Deck, Kind, Source
from prepdeck.domain.ids import derive_card_id
from prepdeck.formats.deck.loader import load_deck_bytes
from prepdeck.formats.deck.writer import dump_deck

# Text that YAML would re-type or mangle if written carelessly.
AWKWARD = [
    "no",
    "yes",
    "null",
    "~",
    "1:30",
    "0x1F",
    "12",
    "3.0",
    ".inf",
    "2026-11-25",
    "# not a comment",
    "key: value",
    "- not a list",
    "  leading spaces",
    "trailing spaces  ",
    "line one\nline two",
    "\nstarts with a newline",
    "ends with newlines\n\n",
    "tab\tinside",
    "quote ' and \" both",
    "unicode: café, 日本語, emoji 🎯",
    "[bold]markup[/bold] and [@click=quit]",
    "*star &amp !bang %percent @at `tick",
    "{flow: like}",
]

_text_alphabet = st.characters(
    exclude_categories=["Cs"],
    exclude_characters="\x00\ufeff",
)


def _printable(text: str) -> bool:
    # YAML cannot carry most control characters at all; a deck author cannot type them.
    return all(ch in "\n\t" or (ch >= " " and ch not in "\x7f\x85\u2028\u2029") for ch in text)


text = st.one_of(st.sampled_from(AWKWARD), st.text(_text_alphabet, min_size=1, max_size=60)).filter(
    lambda t: bool(t.strip()) and _printable(t)
)
ids = st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,3}", fullmatch=True)


def _card_id(draw: st.DrawFn, card_id: str, prompt: str) -> tuple[str, bool]:
    """The card's id, and whether it is written in the file: some cards have none and get
    the id derived from their prompt, as a deck author's id-less cards do."""
    if draw(st.booleans()):
        return card_id, True
    return derive_card_id(prompt), False


@st.composite
def decks(draw: st.DrawFn) -> Deck:
    card_ids = draw(st.lists(ids, min_size=1, max_size=5, unique=True))
    prompts = [draw(text) for _ in card_ids]
    chosen = [
        _card_id(draw, card_id, prompt) for card_id, prompt in zip(card_ids, prompts, strict=True)
    ]
    assume(len({card_id for card_id, _ in chosen}) == len(chosen))
    cards = tuple(
        Card(
            id=card_id,
            explicit_id=explicit,
            prompt=prompt,
            answer=draw(text),
            kind=draw(st.sampled_from(list(Kind))),
            points=tuple(draw(st.lists(text, max_size=3))),
            followups=tuple(draw(st.lists(text, max_size=2))),
            tags=tuple(draw(st.lists(text, max_size=2))),
            seconds=draw(st.none() | st.integers(min_value=1, max_value=86_400)),
        )
        for (card_id, explicit), prompt in zip(chosen, prompts, strict=True)
    )
    return Deck(
        id=draw(ids),
        title=draw(text),
        cards=cards,
        description=draw(st.none() | text),
        author=draw(st.none() | text),
        license=draw(st.none() | st.sampled_from(["CC-BY-4.0", "MIT", "CC0-1.0"])),
        version=draw(st.none() | st.sampled_from(["1.0.0", "0.2.10"])),
        tags=tuple(draw(st.lists(text, max_size=3))),
        based_on=tuple(
            draw(
                st.lists(
                    st.builds(Source, title=text, url=st.none() | text, license=st.none() | text),
                    max_size=2,
                )
            )
        ),
    )


@settings(max_examples=300, deadline=None)
@given(decks())
def test_written_deck_reads_back_equal(deck: Deck) -> None:
    written = dump_deck(deck)
    result = load_deck_bytes(written.encode("utf-8"), "written.yaml")
    errors = [p.format() for p in result.errors]
    assert not errors, written
    assert result.deck == deck


@settings(max_examples=100, deadline=None)
@given(decks())
def test_written_deck_means_the_same_text_to_any_yaml_reader(deck: Deck) -> None:
    """Text a YAML reader would re-type (no, 1:30, ~) must come out quoted."""
    data = yaml.safe_load(dump_deck(deck))
    assert data["prepdeck"] == 1
    for card, raw in zip(deck.cards, data["cards"], strict=True):
        assert raw["id"] == card.id
        assert raw["prompt"] == card.prompt
        assert raw["answer"] == card.answer
        assert raw.get("points", []) == list(card.points)


def test_plain_values_keep_the_text_the_author_typed() -> None:
    source = (
        b"prepdeck: 1\nid: typed\ntitle: no\ncards:\n"
        b"  - id: a\n    prompt: no\n    answer: 1:30\n    points: [~, yes, 0o17, 1e3]\n"
        b"    tags: [null, true]\n"
    )
    deck = load_deck_bytes(source, "typed.yaml").deck
    assert deck is not None
    card = deck.cards[0]
    assert (deck.title, card.prompt, card.answer) == ("no", "no", "1:30")
    assert card.points == ("~", "yes", "0o17", "1e3")
    assert card.tags == ("null", "true")


def test_an_id_less_card_reads_back_equal_with_its_id_written_out() -> None:
    source = (
        b"prepdeck: 1\nid: bare\ntitle: Bare\ncards:\n  - prompt: Why us?\n    answer: Because.\n"
    )
    loaded = load_deck_bytes(source, "bare.yaml").deck
    assert loaded is not None and not loaded.cards[0].explicit_id
    written = dump_deck(loaded)
    assert f"id: {derive_card_id('Why us?')}" in written
    again = load_deck_bytes(written.encode("utf-8"), "written.yaml").deck
    assert again == loaded
    assert again is not None and again.cards[0].explicit_id
