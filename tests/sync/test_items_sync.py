"""Personal items between homes: own answers, personal cards and decks installed from a
file, last writer wins; an own answer changed on both homes keeps both versions."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from prepdeck.domain.cards import Card
from prepdeck.library.install import prepare_install
from prepdeck.library.personal import CardDraft
from prepdeck.services import Services
from prepdeck.sync.items import CONFLICT_HEADING
from tests.sync.homes import DECK, clock_of, open_home

MINUTE = timedelta(minutes=1)


def pair(tmp_path: Path) -> tuple[Services, Services, str]:
    remote = tmp_path / "shared"
    remote.mkdir()
    return open_home(tmp_path, "laptop"), open_home(tmp_path, "desktop"), str(remote)


def sync_all(remote: str, *homes: Services) -> None:
    for home in (*homes, *homes):
        home.sync(remote)


def test_an_own_answer_travels_and_the_later_edit_wins(tmp_path: Path) -> None:
    laptop, desktop, remote = pair(tmp_path)
    laptop.answers.set("practice", "c1", "My first take.")
    sync_all(remote, laptop, desktop)
    assert desktop.answers.get("practice", "c1") == "My first take."
    clock_of(desktop).advance(10 * MINUTE)
    desktop.answers.set("practice", "c1", "Better, after a night's sleep.")
    sync_all(remote, desktop, laptop)
    assert laptop.answers.get("practice", "c1") == "Better, after a night's sleep."
    clock_of(laptop).advance(20 * MINUTE)
    laptop.answers.set("practice", "c1", "")
    sync_all(remote, laptop, desktop)
    assert desktop.answers.get("practice", "c1") is None


def test_an_own_answer_changed_on_both_homes_keeps_both_and_says_so(tmp_path: Path) -> None:
    laptop, desktop, remote = pair(tmp_path)
    laptop.answers.set("practice", "c2", "Shared start.")
    sync_all(remote, laptop, desktop)
    clock_of(laptop).advance(5 * MINUTE)
    laptop.answers.set("practice", "c2", "Laptop version.")
    clock_of(desktop).advance(9 * MINUTE)
    desktop.answers.set("practice", "c2", "Desktop version.")
    laptop.sync(remote)
    report = desktop.sync(remote)
    assert report.conflicts == ["own answer practice/c2: changed on two homes, both kept"]
    laptop_report = laptop.sync(remote)
    desktop.sync(remote)
    kept = desktop.answers.get("practice", "c2")
    assert kept is not None
    assert kept.startswith("Desktop version.\n\n----- conflict: the version saved on home ")
    assert kept.endswith("\nLaptop version.")
    assert laptop.answers.get("practice", "c2") == kept
    assert laptop_report.conflicts == []
    assert CONFLICT_HEADING.split("{")[0] in kept


def test_personal_cards_travel_as_content_and_their_edits_follow(tmp_path: Path) -> None:
    laptop, desktop, remote = pair(tmp_path)
    card = laptop.library.add_personal_card(CardDraft(prompt="Why us?", answer="Mission."))
    desktop.library.add_personal_card(CardDraft(prompt="Biggest failure?", answer="The launch."))
    sync_all(remote, laptop, desktop)
    prompts = {s.card.prompt for s in desktop.library.cards("my-cards")}
    assert prompts == {"Why us?", "Biggest failure?"}
    assert {s.card.prompt for s in laptop.library.cards("my-cards")} == prompts
    clock_of(desktop).advance(MINUTE)
    # An edit on one home (the store's own, as no command edits a personal card yet)
    # reaches the other.
    edited = Card(id=card.id, prompt="Why us, really?", answer="Mission and people.")
    desktop._store.decks.put_personal_card(
        "my-cards", "My cards", edited, retired=False, now=clock_of(desktop).now()
    )
    sync_all(remote, desktop, laptop)
    texts = {s.card_id: s.card.prompt for s in laptop.library.cards("my-cards")}
    assert texts[card.id] == "Why us, really?"


def test_a_deck_installed_from_a_file_travels_with_its_content_and_updates(
    tmp_path: Path,
) -> None:
    remote = tmp_path / "shared"
    remote.mkdir()
    laptop = open_home(tmp_path, "laptop")
    desktop = open_home(tmp_path, "desktop")
    extra = tmp_path / "extra.yaml"
    extra.write_text(DECK.replace("id: practice", "id: extra"), encoding="utf-8")
    laptop.library.merge(prepare_install(str(extra)))
    sync_all(str(remote), laptop, desktop)
    assert desktop.library.get("extra").source == "file"
    assert len(desktop.library.cards("extra")) == 12
    clock_of(laptop).advance(MINUTE)
    extra.write_text(
        DECK.replace("id: practice", "id: extra").replace("Question 3", "Question three"),
        encoding="utf-8",
    )
    laptop.library.merge(prepare_install(str(extra)))
    sync_all(str(remote), laptop, desktop)
    prompts = {s.card_id: s.card.prompt for s in desktop.library.cards("extra")}
    assert prompts["c3"] == "Question three"


def test_stories_with_their_links_and_interviews_with_their_needs_travel(
    tmp_path: Path,
) -> None:
    laptop, desktop, remote = pair(tmp_path)
    story = laptop.stories.add(
        title="The migration",
        situation="A legacy system",
        action="Moved it in slices",
        result="No downtime",
        metric="0 minutes down",
    )
    laptop.stories.link(story.id, "practice/c4")
    at = clock_of(laptop).now() + timedelta(days=5)
    laptop.interviews.add("Acme", at, decks=["practice"], note="Second round")
    laptop.interviews.need("Acme", "They need a data migration")
    sync_all(remote, laptop, desktop)
    assert desktop.stories.get(story.id) == story
    assert desktop.stories.cards_of(story.id) == ["practice/c4"]
    assert {s.card_id for s in desktop.library.cards("my-stories")} == {story.id}
    interview = desktop.interviews.get("acme")
    assert (interview.name, interview.at, interview.note) == ("Acme", at, "Second round")
    assert [card.prompt for card in desktop.interviews.needs("Acme")] == [
        card.prompt for card in laptop.interviews.needs("Acme")
    ]
    clock_of(desktop).advance(MINUTE)
    desktop.stories.remove(story.id)
    desktop.interviews.remove("Acme")
    sync_all(remote, desktop, laptop)
    assert laptop.stories.all() == []
    assert laptop.interviews.all() == []
