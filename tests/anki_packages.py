"""Anki packages built by Anki's own engine (the ``anki`` package, a test dependency), to
import with prepdeck and compare."""

from __future__ import annotations

import hashlib
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

BEHAVIORAL = "Behavioral"
NESTED = "Tech::Python"


@dataclass(frozen=True, slots=True)
class ExpectedNote:
    deck: str
    card_id: str
    prompt: str
    answer: str
    tags: tuple[str, ...]


@dataclass
class Built:
    """The packages of one collection, by form, and what importing them must give."""

    packages: dict[str, Path] = field(default_factory=dict)
    notes: list[ExpectedNote] = field(default_factory=list)
    reviews: int = 0
    """Answers given in Anki: the review log entries an import with history takes."""
    reviewed_card_ids: set[str] = field(default_factory=set)
    single_deck: Path | None = None


def card_id(guid: str) -> str:
    return "a-" + hashlib.sha256(guid.encode()).hexdigest()[:10]


def build_packages(directory: Path) -> Built:
    """A collection of two decks, one nested, with HTML, tags, a cloze note and some
    answers, exported modern and legacy, with and without scheduling; and the legacy
    package again with its collection under the oldest name alone."""
    from anki.collection import Collection, DeckIdLimit, ExportAnkiPackageOptions
    from anki.scheduler.v3 import CardAnswer, Scheduler

    built = Built()
    col = Collection(str(directory / "source.anki2"))
    try:
        basic = col.models.by_name("Basic")
        cloze = col.models.by_name("Cloze")
        assert basic is not None and cloze is not None
        decks = {}
        for name in (BEHAVIORAL, NESTED):
            made = col.decks.id(name)
            assert made is not None
            decks[name] = made
        scheduler = col.sched
        assert isinstance(scheduler, Scheduler)
        for number in range(4):
            deck = BEHAVIORAL if number < 3 else NESTED
            note = col.new_note(basic)
            note["Front"] = f"Why <b>hire</b> you, take {number}?<br>Think &amp; answer"
            note["Back"] = (
                f"<div>Because of {number}</div><div>and more</div>"
                "<img src='face.png'>[sound:voice.mp3]"
            )
            note.tags = ["Star", "Level::One"]
            col.add_note(note, decks[deck])
            built.notes.append(
                ExpectedNote(
                    deck,
                    card_id(note.guid),
                    f"Why hire you, take {number}?\nThink & answer",
                    f"Because of {number}\nand more",
                    ("level-one", "star"),
                )
            )
        note = col.new_note(cloze)
        note["Text"] = "The {{c1::GIL}} guards {{c2::reference counts::what}}"
        note["Back Extra"] = "<i>CPython</i>"
        col.add_note(note, decks[NESTED])
        built.notes.append(
            ExpectedNote(
                NESTED,
                card_id(note.guid),
                "The [...] guards [what]",
                "The GIL guards reference counts\n\nCPython",
                (),
            )
        )
        col.decks.select(decks[BEHAVIORAL])
        for rating in (CardAnswer.GOOD, CardAnswer.AGAIN, CardAnswer.EASY, CardAnswer.GOOD):
            queued = scheduler.get_queued_cards(fetch_limit=1).cards
            card = col.get_card(queued[0].card.id)
            card.start_timer()
            scheduler.answer_card(
                scheduler.build_answer(card=card, states=queued[0].states, rating=rating)
            )
            built.reviews += 1
            built.reviewed_card_ids.add(card_id(card.note().guid))
        for legacy in (False, True):
            for scheduling in (True, False):
                name = f"{'legacy' if legacy else 'modern'}-{'s' if scheduling else 'n'}"
                out = directory / f"{name}.apkg"
                col.export_anki_package(
                    out_path=str(out),
                    options=ExportAnkiPackageOptions(
                        with_scheduling=scheduling,
                        with_deck_configs=scheduling,
                        with_media=False,
                        legacy=legacy,
                    ),
                    limit=None,
                )
                built.packages[name] = out
        oldest = directory / "oldest-s.apkg"
        _rename_collection(built.packages["legacy-s"], oldest)
        built.packages["oldest-s"] = oldest
        single = directory / "My Anki.apkg"
        col.export_anki_package(
            out_path=str(single),
            options=ExportAnkiPackageOptions(
                with_scheduling=False, with_deck_configs=False, with_media=False, legacy=False
            ),
            limit=DeckIdLimit(decks[BEHAVIORAL]),
        )
        built.single_deck = single
    finally:
        col.close()
    return built


def _rename_collection(source: Path, target: Path) -> None:
    """The package as the oldest Anki wrote it: ``collection.anki2`` alone, the real one."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for member in old.infolist():
            if member.filename == "collection.anki2":
                continue
            name = "collection.anki2" if member.filename == "collection.anki21" else member.filename
            new.writestr(name, old.read(member))
