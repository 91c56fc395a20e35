"""The story bank: stories, their drill cards in my-stories, links, suggestions, the file."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TypedDict

import pytest

from prepdeck.clock import FixedClock
from prepdeck.domain.cards import Card, Deck, Kind
from prepdeck.domain.sources import DeckSource
from prepdeck.domain.stories import DRILL_DECK_ID, free_story_id, title_slug
from prepdeck.errors import NotFoundError, StoryError, StoryFileError
from prepdeck.prep.stories import StoryBank
from prepdeck.srs import Rating, SrsScheduler
from prepdeck.store import Store, connect
from prepdeck.study.session import Session

NOW = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)


class Parts(TypedDict):
    situation: str
    action: str
    result: str


PARTS: Parts = {
    "situation": "Our release train kept slipping by a week.",
    "action": "I split the release checklist and automated the smoke tests.",
    "result": "Releases went out on the day planned.",
}


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with connect(tmp_path / "db.sqlite3", backups_dir=tmp_path / "backups") as opened:
        opened.decks.install(
            Deck(
                id="star",
                title="STAR questions",
                cards=(
                    Card("conflict", "A conflict with a colleague?", "Listen.", tags=("people",)),
                    Card("deadline", "A release you shipped late?", "Own it.", tags=("delivery",)),
                    Card("failure", "Your biggest failure?", "Learn.", points=("release",)),
                    Card("pets", "Cats or dogs?", "Both."),
                ),
            ),
            source=DeckSource.FILE,
            content_hash="x",
            now=NOW,
        )
        yield opened


@pytest.fixture
def bank(store: Store, clock: FixedClock) -> StoryBank:
    return StoryBank(store, clock)


def test_ids_are_slugs_of_the_title_numbered_while_taken() -> None:
    assert title_slug("  Cut the CI build: 40 → 9 min! ") == "cut-the-ci-build-40-9-min"
    assert title_slug("Café déjà vu") == "cafe-deja-vu"
    assert title_slug("日本語") == "story"
    assert len(title_slug("word " * 40)) <= 61
    assert free_story_id("Late release", {"late-release", "late-release-2"}) == "late-release-3"


def test_a_story_is_added_with_its_drill_card_in_my_stories(bank: StoryBank, store: Store) -> None:
    story = bank.add(title=" Late  release ", metric="5 of 5 on time", tags=("delivery",), **PARTS)
    assert (story.id, story.title, story.task, story.metric) == (
        "late-release",
        "Late release",
        "",
        "5 of 5 on time",
    )
    assert bank.get("late-release") == story
    deck = store.decks.get(DRILL_DECK_ID)
    assert (deck.title, deck.source) == ("My stories", DeckSource.PERSONAL)
    [stored] = store.decks.cards(DRILL_DECK_ID)
    card = stored.card
    assert card.id == "late-release" and card.kind is Kind.QUESTION
    assert card.prompt.startswith("Tell it in 90 seconds: Late release")
    assert card.answer.splitlines() == [
        f"Situation: {PARTS['situation']}",
        f"Action: {PARTS['action']}",
        f"Result: {PARTS['result']}",
        "Metric: 5 of 5 on time",
    ]
    assert card.points == tuple(card.answer.splitlines())
    assert card.tags == ("delivery",)


def test_the_drill_deals_the_story_card(bank: StoryBank, store: Store, clock: FixedClock) -> None:
    bank.add(title="Late release", **PARTS)
    session = Session(store, SrsScheduler(enable_fuzzing=False), clock, deck_ids=[DRILL_DECK_ID])
    assert session.current is not None
    assert (session.current.deck_id, session.current.card.id) == (DRILL_DECK_ID, "late-release")
    assert session.current.deck_title == "My stories"


def test_the_session_reads_a_cards_stories_when_revealed_and_drops_them_after(
    bank: StoryBank, store: Store, clock: FixedClock
) -> None:
    late = bank.add(title="Late release", **PARTS).id
    talk = bank.add(title="Hard conversation", **PARTS).id
    bank.link(late, "star/conflict")
    bank.link(talk, "star/conflict")
    session = Session(store, SrsScheduler(enable_fuzzing=False), clock, deck_ids=["star"])
    assert session.current is not None and session.current.card.id == "conflict"
    assert not session.linked_stories
    session.reveal()
    assert [story.id for story in session.linked_stories] == [talk, late]
    session.grade(Rating.GOOD)
    assert session.current is not None and session.current.card.id == "deadline"
    assert not session.linked_stories
    session.reveal()
    assert not session.linked_stories
    # An edit made while the drill runs shows the next time the card is revealed.
    bank.edit(talk, result="We agreed a plan and kept to it.")
    session.undo()
    session.reveal()
    assert [story.result for story in session.linked_stories] == [
        "We agreed a plan and kept to it.",
        PARTS["result"],
    ]


def test_a_second_story_of_the_same_title_gets_a_numbered_id(bank: StoryBank) -> None:
    assert bank.add(title="Late release", **PARTS).id == "late-release"
    assert bank.add(title="Late release", **PARTS).id == "late-release-2"
    assert [story.id for story in bank.all()] == ["late-release", "late-release-2"]


def test_a_given_id_must_be_free_and_valid(bank: StoryBank, store: Store) -> None:
    bank.add(title="Late release", story_id="ship", **PARTS)
    with pytest.raises(StoryError, match="exists already"):
        bank.add(title="Other", story_id="ship", **PARTS)
    with pytest.raises(StoryError, match="not a story id"):
        bank.add(title="Other", story_id="Not An Id", **PARTS)
    assert [story.id for story in bank.all()] == ["ship"]
    assert len(store.decks.cards(DRILL_DECK_ID)) == 1


@pytest.mark.parametrize("missing", ["title", "situation", "action", "result"])
def test_each_required_part_is_required(bank: StoryBank, store: Store, missing: str) -> None:
    given = {
        "title": "Late release",
        "situation": PARTS["situation"],
        "action": PARTS["action"],
        "result": PARTS["result"],
        missing: "  ",
    }
    with pytest.raises(StoryError, match=f"a story needs a {missing}"):
        bank.add(
            title=given["title"],
            situation=given["situation"],
            action=given["action"],
            result=given["result"],
        )
    assert bank.all() == [] and store.decks.find(DRILL_DECK_ID) is None


def test_an_edit_rewrites_the_card_and_keeps_its_schedule(
    bank: StoryBank, store: Store, clock: FixedClock
) -> None:
    bank.add(title="Late release", task="Ship monthly.", metric="5 of 5", tags=("a", "b"), **PARTS)
    session = Session(store, SrsScheduler(enable_fuzzing=False), clock, deck_ids=[DRILL_DECK_ID])
    session.reveal()
    session.grade(Rating.GOOD)
    reviewed = store.cards.get(DRILL_DECK_ID, "late-release")
    clock.advance(timedelta(minutes=5))

    edited = bank.edit("late-release", title="Shipping on time", metric="", task="", tags=("c",))

    assert (edited.id, edited.title, edited.metric, edited.task, edited.tags) == (
        "late-release",
        "Shipping on time",
        None,
        "",
        ("c",),
    )
    assert edited.situation == PARTS["situation"]
    after = store.cards.get(DRILL_DECK_ID, "late-release")
    assert "Shipping on time" in after.card.prompt
    assert "Metric" not in after.card.answer and "Task" not in after.card.answer
    assert after.card.tags == ("c",)
    assert after.schedule == reviewed.schedule
    assert len(store.reviews.of_card(DRILL_DECK_ID, "late-release")) == 1
    assert [version.text.prompt for version in store.cards.history(DRILL_DECK_ID, "late-release")]
    with pytest.raises(StoryError, match="needs a result"):
        bank.edit("late-release", result="")
    with pytest.raises(NotFoundError, match="no story 'nope'"):
        bank.edit("nope", title="x")


def test_remove_deletes_links_and_retires_the_card_keeping_reviews(
    bank: StoryBank, store: Store, clock: FixedClock
) -> None:
    bank.add(title="Late release", **PARTS)
    bank.link("late-release", "star/deadline")
    session = Session(store, SrsScheduler(enable_fuzzing=False), clock, deck_ids=[DRILL_DECK_ID])
    session.reveal()
    session.grade(Rating.GOOD)

    removed = bank.remove("late-release")

    assert removed.id == "late-release" and bank.all() == []
    assert bank.stories_of("star", "deadline") == []
    [card] = store.decks.cards(DRILL_DECK_ID, include_retired=True)
    assert card.retired
    assert len(store.reviews.of_card(DRILL_DECK_ID, "late-release")) == 1
    # Added again under its id, the story gets its card back, history and all.
    bank.add(title="Late release", **PARTS)
    again = store.cards.get(DRILL_DECK_ID, "late-release")
    assert not again.retired and again.schedule == card.schedule
    with pytest.raises(NotFoundError):
        bank.remove("nope")


def test_links_are_many_to_many_and_undone_one_at_a_time(bank: StoryBank) -> None:
    one = bank.add(title="Late release", **PARTS).id
    two = bank.add(title="Hard conversation", **PARTS).id
    assert bank.link(one, "star/deadline")
    assert bank.link(one, "star/conflict")
    assert bank.link(two, "star/conflict")
    assert not bank.link(two, "star/conflict")

    assert bank.cards_of(one) == ["star/conflict", "star/deadline"]
    assert [story.id for story in bank.stories_of("star", "conflict")] == [two, one]
    assert bank.all_cards() == {one: ["star/conflict", "star/deadline"], two: ["star/conflict"]}

    bank.unlink(one, "star/conflict")
    assert bank.cards_of(one) == ["star/deadline"]
    assert [story.id for story in bank.stories_of("star", "conflict")] == [two]
    with pytest.raises(NotFoundError, match="not linked"):
        bank.unlink(one, "star/conflict")


def test_a_link_needs_a_story_and_an_installed_card(bank: StoryBank, store: Store) -> None:
    story = bank.add(title="Late release", **PARTS).id
    with pytest.raises(NotFoundError, match="no card 'nope' in deck 'star'"):
        bank.link(story, "star/nope")
    with pytest.raises(NotFoundError, match="no installed deck 'gone'"):
        bank.link(story, "gone/card")
    with pytest.raises(NotFoundError, match="no story"):
        bank.link("nope", "star/conflict")
    with pytest.raises(StoryError, match="DECK/CARD"):
        bank.link(story, "star")
    with pytest.raises(StoryError, match="my-stories"):
        bank.link(story, f"{DRILL_DECK_ID}/{story}")
    store.decks.remove("star")
    with pytest.raises(NotFoundError):
        bank.link(story, "star/conflict")
    assert bank.cards_of(story) == []


def test_suggestions_rank_shared_tags_over_shared_words(bank: StoryBank) -> None:
    story = bank.add(title="Late release", tags=("delivery", "people"), **PARTS).id

    found = bank.suggest(story)

    # conflict and deadline share a tag each, deadline a word too; failure a word only.
    assert [one.ref for one in found] == ["star/deadline", "star/conflict", "star/failure"]
    assert found[0].tags == ("delivery",) and found[0].words == ("late", "release")
    assert found[0].score > found[1].score > found[2].score
    assert all(not one.deck_id.startswith("my-") for one in found)
    bank.link(story, "star/deadline")
    assert [one.ref for one in bank.suggest(story, limit=1)] == ["star/conflict"]


STORY_FILE = """\
- id: late-release
  title: Late release
  situation: Our release train kept slipping.
  task: Ship monthly.
  action: |
    Split the checklist.
    Automated the smoke tests.
  result: On time since.
  metric: 5 of 5
  tags: [delivery, "yes"]
- title: Hard conversation
  situation: A colleague missed reviews.
  action: I asked what got in the way.
  result: 'no'
"""


def test_the_story_file_round_trips(
    bank: StoryBank, tmp_path: Path, store: Store, clock: FixedClock
) -> None:
    path = tmp_path / "stories.yaml"
    path.write_text(STORY_FILE, encoding="utf-8")

    first = bank.import_file(path)

    assert first.added == ("late-release", "hard-conversation") and first.updated == ()
    story = bank.get("late-release")
    assert story.action == "Split the checklist.\nAutomated the smoke tests."
    assert story.tags == ("delivery", "yes") and bank.get("hard-conversation").result == "no"
    exported = bank.export()
    path.write_text(exported, encoding="utf-8")
    with connect(tmp_path / "other.sqlite3", backups_dir=tmp_path / "b") as other:
        copy = StoryBank(other, clock)
        assert copy.import_file(path).added == ("hard-conversation", "late-release")
        assert copy.all() == bank.all()
        assert copy.export() == exported
        assert len(other.decks.cards(DRILL_DECK_ID)) == 2
    # The same file again updates, adding nothing.
    again = bank.import_file(path)
    assert again.added == () and set(again.updated) == {"late-release", "hard-conversation"}
    assert len(store.decks.cards(DRILL_DECK_ID)) == 2


BAD_FILES = [
    ("- title: x\n  situation: s\n  action: a\n", "1:3: a story needs a result"),
    ("title: x\n", "1:1: a story file is a list of stories"),
    ("- title: x\n  situation: s\n  action: a\n  result: r\n  mood: good\n", "5:3: unknown key"),
    ("- [x]\n", "1:3: each story is a mapping"),
    ("- id: Bad Id\n  title: x\n  situation: s\n  action: a\n  result: r\n", "1:7: 'Bad Id'"),
    (
        "- {title: x, situation: s, action: a, result: r}\n"
        "- {title: X, situation: s, action: a, result: r}\n",
        "2:3: story id 'x' appears twice (first at line 1)",
    ),
    ("- title: x\n  tags: nope\n", "2:9: tags must be a list of text"),
    ("- title: [x\n", "YAML syntax error"),
    ("", "empty file"),
]


@pytest.mark.parametrize(("text", "expected"), BAD_FILES)
def test_a_bad_story_file_is_refused_whole(
    bank: StoryBank, store: Store, tmp_path: Path, text: str, expected: str
) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(StoryFileError) as refused:
        bank.import_file(path)
    assert str(refused.value).startswith(f"{path}:")
    assert expected in str(refused.value)
    assert bank.all() == [] and store.decks.find(DRILL_DECK_ID) is None


def test_one_bad_story_keeps_the_good_ones_out_too(
    bank: StoryBank, store: Store, tmp_path: Path
) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(
        "- {id: fine, title: Fine, situation: s, action: a, result: r}\n"
        "- {id: bad, title: Bad, situation: s, action: a}\n",
        encoding="utf-8",
    )
    with pytest.raises(StoryFileError, match=r"bad.yaml:2:3: a story needs a result$"):
        bank.import_file(path)
    assert bank.all() == [] and store.decks.find(DRILL_DECK_ID) is None


def test_a_missing_file_is_one_line(bank: StoryBank, tmp_path: Path) -> None:
    with pytest.raises(StoryFileError, match="no such file"):
        bank.import_file(tmp_path / "none.yaml")


def test_a_file_not_of_utf8_text_is_one_line(bank: StoryBank, tmp_path: Path) -> None:
    path = tmp_path / "binary.yaml"
    path.write_bytes(b"- title: \xff\xfe\n")
    with pytest.raises(StoryFileError) as refused:
        bank.import_file(path)
    assert str(refused.value) == f"{path}: not UTF-8 text"


def test_a_story_file_that_is_a_named_pipe_is_refused_without_waiting(
    bank: StoryBank, tmp_path: Path
) -> None:
    import os

    pipe = tmp_path / "stories.yaml"
    os.mkfifo(pipe)
    with pytest.raises(StoryFileError, match="is a named pipe, not a story file"):
        bank.import_file(pipe)
