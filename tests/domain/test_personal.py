"""The personal deck my-cards: cards added one at a time, never lost, never colliding."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prepdeck.clock import FixedClock
from prepdeck.domain.cards import Card, Deck, Kind
from prepdeck.domain.ids import derive_card_id
from prepdeck.domain.sources import DeckSource
from prepdeck.errors import PersonalCardError, PrepdeckError, RefusedError
from prepdeck.formats.deck.loader import load_deck_bytes
from prepdeck.library.decks import Library
from prepdeck.library.install import prepare_install
from prepdeck.library.personal import (
    PERSONAL_DECK_ID,
    CardDraft,
    add_personal_card,
    free_card_id,
    parse_kind,
    split_lines,
    split_tags,
)
from prepdeck.srs import Rating, SrsScheduler
from prepdeck.store import Store, connect
from prepdeck.study.session import Session

NOW = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with connect(tmp_path / "db.sqlite3", backups_dir=tmp_path / "backups") as opened:
        yield opened


def test_the_first_card_creates_the_personal_deck(store: Store, clock: FixedClock) -> None:
    assert store.decks.find(PERSONAL_DECK_ID) is None
    card = add_personal_card(
        store,
        clock,
        CardDraft(
            prompt="  Why this team?  ",
            answer="Their on-call rota.\n",
            points=("rota", " ", " pager "),
            kind=Kind.COMPANY_NEED,
            tags=("mine", "mine", " remote "),
        ),
    )
    deck = store.decks.get(PERSONAL_DECK_ID)
    assert (deck.title, deck.source, deck.removed) == ("My cards", DeckSource.PERSONAL, False)
    assert card.id == derive_card_id("Why this team?")
    [stored] = store.decks.cards(PERSONAL_DECK_ID)
    assert stored.card == card
    assert (card.prompt, card.answer, card.points, card.tags) == (
        "Why this team?",
        "Their on-call rota.",
        ("rota", "pager"),
        ("mine", "remote"),
    )
    assert card.kind is Kind.COMPANY_NEED
    assert stored.schedule is None


def test_an_answer_may_be_empty_but_a_prompt_may_not(store: Store, clock: FixedClock) -> None:
    card = add_personal_card(store, clock, CardDraft(prompt="Tell me about a failure."))
    assert card.answer == ""
    with pytest.raises(PersonalCardError, match="the prompt is empty"):
        add_personal_card(store, clock, CardDraft(prompt=" \n\t", answer="x"))
    assert len(store.decks.cards(PERSONAL_DECK_ID)) == 1


def test_a_refused_first_card_leaves_no_empty_deck(store: Store, clock: FixedClock) -> None:
    with pytest.raises(PersonalCardError):
        add_personal_card(store, clock, CardDraft(prompt=""))
    assert store.decks.find(PERSONAL_DECK_ID) is None


def test_adding_keeps_every_earlier_card_and_its_history(store: Store, clock: FixedClock) -> None:
    scheduler = SrsScheduler(enable_fuzzing=False)
    first = add_personal_card(store, clock, CardDraft(prompt="First?", answer="One."))
    session = Session(store, scheduler, clock, deck_ids=[PERSONAL_DECK_ID])
    session.reveal()
    session.grade(Rating.GOOD)
    reviewed = store.cards.get(PERSONAL_DECK_ID, first.id)
    clock.advance(timedelta(minutes=5))

    second = add_personal_card(store, clock, CardDraft(prompt="Second?", answer="Two."))
    cards = store.decks.cards(PERSONAL_DECK_ID, include_retired=True)
    assert [(c.card_id, c.retired, c.position) for c in cards] == [
        (first.id, False, 0),
        (second.id, False, 1),
    ]
    assert store.cards.get(PERSONAL_DECK_ID, first.id).schedule == reviewed.schedule
    assert len(store.reviews.of_card(PERSONAL_DECK_ID, first.id)) == 1


def test_the_same_prompt_twice_is_refused(store: Store, clock: FixedClock) -> None:
    card = add_personal_card(store, clock, CardDraft(prompt="Why   us?"))
    with pytest.raises(PersonalCardError) as raised:
        add_personal_card(store, clock, CardDraft(prompt="Why us?  "))
    assert str(raised.value) == f"my-cards already has this prompt, as card {card.id}"


def test_a_prompt_differing_only_in_case_is_the_same_prompt(
    store: Store, clock: FixedClock
) -> None:
    card = add_personal_card(store, clock, CardDraft(prompt="Why this team?"))
    with pytest.raises(PersonalCardError, match=card.id):
        add_personal_card(store, clock, CardDraft(prompt="why  THIS team?"))


def _validate_repeats(first: str, second: str) -> bool:
    """Whether deck validation warns that ``second`` repeats ``first``."""
    cards = "".join(
        f"  - id: c{number}\n    prompt: {json.dumps(prompt, ensure_ascii=False)}\n"
        f"    answer: A\n    points: [p]\n"
        for number, prompt in enumerate((first, second))
    )
    text = f"prepdeck: 1\nid: pair\ntitle: Pair\ncards:\n{cards}"
    result = load_deck_bytes(text.encode("utf-8"), "pair.yaml")
    assert result.deck is not None, [p.format() for p in result.problems]
    return any("repeats the card" in p.message for p in result.warnings)


def _card_add_refuses(first: str, second: str) -> bool:
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        with connect(folder / "db.sqlite3", backups_dir=folder / "backups") as store:
            clock = FixedClock(NOW)
            add_personal_card(store, clock, CardDraft(prompt=first))
            try:
                add_personal_card(store, clock, CardDraft(prompt=second))
            except PersonalCardError:
                return True
            return False


# Letters whose case folding or normal form differs from a plain lower(), and spaces of
# more than one kind.
_PROMPT_TEXT = st.text(alphabet="aAbBßẞéÉ\u0301 \u00a0?", min_size=1, max_size=8).filter(
    lambda text: text.strip()
)


@st.composite
def _prompt_pairs(draw: st.DrawFn) -> tuple[str, str]:
    """A prompt, and either another one or the same one retyped in other case and spacing."""
    first = draw(_PROMPT_TEXT)
    if draw(st.booleans()):
        return first, draw(_PROMPT_TEXT)
    retyped = "".join(
        draw(st.sampled_from([character, character.swapcase(), character.upper()]))
        if not character.isspace()
        else draw(st.sampled_from([" ", "  ", "\u00a0"]))
        for character in first
    )
    return first, draw(st.sampled_from(["", " "])) + retyped


@settings(max_examples=40, deadline=None)
@given(pair=_prompt_pairs())
def test_card_add_and_validate_agree_on_what_is_the_same_prompt(pair: tuple[str, str]) -> None:
    assert _card_add_refuses(*pair) == _validate_repeats(*pair)


def test_a_personal_deck_file_loads_when_the_caller_allows_personal_ids() -> None:
    text = (
        b"prepdeck: 1\nid: my-cards\ntitle: Mine\ncards:\n  - id: a\n    prompt: P\n    answer:\n"
    )

    refused = load_deck_bytes(text, "mine.yaml")
    allowed = load_deck_bytes(text, "mine.yaml", allow_personal=True)

    assert refused.deck is None
    reserved = refused.errors[0]
    assert (reserved.line, reserved.col) == (2, 5)
    assert "is reserved for personal decks" in reserved.message
    assert allowed.problems == ()
    assert allowed.deck is not None and allowed.deck.cards[0].answer == ""


def test_a_taken_id_gets_a_number_and_never_collides(store: Store, clock: FixedClock) -> None:
    prompt = "What is your greatest strength?"
    taken = derive_card_id(prompt)
    # Another prompt already holds the derived id (a hash collision, or a card written
    # before under that id): the new card must not take it over.
    store.decks.append_card(
        PERSONAL_DECK_ID,
        "My cards",
        Card(id=taken, prompt="Something else", answer=""),
        source=DeckSource.PERSONAL,
        now=NOW,
    )
    store.decks.append_card(
        PERSONAL_DECK_ID,
        "My cards",
        Card(id=f"{taken}-2", prompt="And another", answer=""),
        source=DeckSource.PERSONAL,
        now=NOW,
    )
    card = add_personal_card(store, clock, CardDraft(prompt=prompt))
    assert card.id == f"{taken}-3"
    assert store.cards.get(PERSONAL_DECK_ID, taken).card.prompt == "Something else"


def test_free_ids_count_up_from_the_derived_one() -> None:
    base = derive_card_id("Q?")
    assert free_card_id("Q?", []) == base
    assert free_card_id("Q?", [base, f"{base}-2", "other"]) == f"{base}-3"


def test_the_store_refuses_a_card_id_the_deck_already_has(store: Store) -> None:
    card = Card(id="mine", prompt="P", answer="")
    store.decks.append_card(PERSONAL_DECK_ID, "My cards", card, source="personal", now=NOW)
    with pytest.raises(RefusedError, match="already has a card 'mine'"):
        store.decks.append_card(PERSONAL_DECK_ID, "My cards", card, source="personal", now=NOW)
    assert len(store.decks.cards(PERSONAL_DECK_ID)) == 1


def test_a_removed_personal_deck_comes_back_with_the_new_card(
    store: Store, clock: FixedClock
) -> None:
    add_personal_card(store, clock, CardDraft(prompt="One?"))
    store.decks.remove(PERSONAL_DECK_ID)
    add_personal_card(store, clock, CardDraft(prompt="Two?"))
    assert not store.decks.get(PERSONAL_DECK_ID).removed
    assert len(store.decks.cards(PERSONAL_DECK_ID)) == 2


def test_a_new_personal_card_is_drilled_as_new(store: Store, clock: FixedClock) -> None:
    card = add_personal_card(store, clock, CardDraft(prompt="Walk me through your CV."))
    session = Session(store, SrsScheduler(enable_fuzzing=False), clock)
    assert session.current is not None
    assert (session.current.deck_id, session.current.card.id) == (PERSONAL_DECK_ID, card.id)
    assert session.current.is_new
    assert session.current.deck_title == "My cards"


def test_only_personal_deck_ids_are_written(store: Store, clock: FixedClock) -> None:
    with pytest.raises(ValueError):
        add_personal_card(store, clock, CardDraft(prompt="P"), deck_id="basics")


def test_deck_install_still_refuses_the_personal_deck_id(
    store: Store, clock: FixedClock, tmp_path: Path
) -> None:
    deck_file = tmp_path / "mine.yaml"
    deck_file.write_text(
        "prepdeck: 1\nid: my-cards\ntitle: Mine\ncards:\n  - id: a\n    prompt: P\n    answer: A\n",
        encoding="utf-8",
    )
    with pytest.raises(PrepdeckError, match="reserved"):
        Library(store, clock).merge(prepare_install(str(deck_file)))


def test_kinds_points_and_tags_parse_from_typed_text() -> None:
    assert parse_kind(" Scenario ") is Kind.SCENARIO
    with pytest.raises(PersonalCardError, match="unknown kind 'story'"):
        parse_kind("story")
    assert split_lines("one\n\n  two  \n") == ("one", "two")
    assert split_tags("a, b ,,c") == ("a", "b", "c")


def test_a_draft_can_start_from_a_card() -> None:
    card = Card(id="x", prompt="P", answer="A", kind=Kind.SCENARIO, points=("p",), tags=("t",))
    assert CardDraft.from_card(card) == CardDraft(
        prompt="P", answer="A", points=("p",), kind=Kind.SCENARIO, tags=("t",)
    )


def test_personal_cards_live_beside_installed_decks(store: Store, clock: FixedClock) -> None:
    store.decks.install(
        Deck(id="basics", title="Basics", cards=(Card(id="a", prompt="Why?", answer="A."),)),
        source="file",
        content_hash="h",
        now=NOW,
    )
    card = add_personal_card(store, clock, CardDraft(prompt="Why?"))
    # The same prompt in another deck is no duplicate: the pair (deck, card) is the identity.
    assert card.id == derive_card_id("Why?")
    assert len(store.decks.cards("basics")) == 1


@pytest.mark.parametrize(
    "module", ["prepdeck.library.personal", "prepdeck.store.search", "prepdeck.config"]
)
def test_the_personal_deck_search_and_config_import_no_ui_library(module: str) -> None:
    probe = (
        f"import sys, importlib; importlib.import_module({module!r}); "
        "print(','.join(sorted(m for m in ('textual', 'click', 'rich') if m in sys.modules)))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=False, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ""
