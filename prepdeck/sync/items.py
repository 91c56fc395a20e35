"""The personal items that travel besides reviews, each merged by "last writer wins".

An item is one own answer (``answer``, keyed ``DECK/CARD``), one card of a personal deck
(``card``, keyed ``DECK/CARD``: ``my-cards``, the story and interview decks), one deck
installed from a file or a URL (``deck``, keyed by its id; bundled decks are on every
home already), one story with its links (``story``, keyed by its id) or one interview
(``interview``, keyed by its name in lower case: its time, decks and note).

A version carries a stamp, the item's own modification time where it keeps one (own
answers, decks) and otherwise the time a sync first saw it changed, and the home that
wrote it; the greater (stamp, home) wins, so every home picks the same version whatever
order the batches come in.

Own answers are the exception: when both homes changed one since they last synced, the
winner keeps its text and the other version follows it under a marked heading, on both
homes alike, and the sync reports the conflict.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from prepdeck.domain.cards import Card, Deck, Kind, Source, is_personal_deck_id
from prepdeck.domain.ids import is_valid_id
from prepdeck.domain.sources import DeckSource, may_update
from prepdeck.domain.stories import Story
from prepdeck.errors import PrepdeckError
from prepdeck.formats.sync_batch import BatchItem
from prepdeck.prep.stories import drill_card
from prepdeck.store import Store
from prepdeck.store.codec import parse_time, time_text
from prepdeck.store.interviews import StoredInterview, name_key
from prepdeck.store.sync_state import ItemVersion

KINDS = ("deck", "card", "answer", "story", "interview")
"""In the order they are applied: a deck before its cards, cards before their answers
and the stories linked to them."""

CONFLICT_HEADING = "----- conflict: the version saved on home {home} at {stamp} -----"


@dataclass(slots=True)
class Local:
    """An item as this home holds it now: its value (None: it has none) and the stamp of
    that value when the item keeps one."""

    value: dict[str, Any] | None
    stamp: str | None


@dataclass(slots=True)
class Merged:
    applied: int = 0
    conflicts: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    failed: set[tuple[str, str]] = field(default_factory=set)
    """(kind, key) of the items not taken: their batches are read again next time."""


def digest(value: dict[str, Any] | None) -> str:
    if value is None:
        return "-"
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def card_value(card: Card, *, title: str, retired: bool) -> dict[str, Any]:
    return {
        "deck_title": title,
        "prompt": card.prompt,
        "answer": card.answer,
        "kind": str(card.kind),
        "points": list(card.points),
        "followups": list(card.followups),
        "tags": list(card.tags),
        "seconds": card.seconds,
        "retired": retired,
    }


def card_from_value(card_id: str, value: dict[str, Any]) -> Card:
    return Card(
        id=card_id,
        prompt=str(value["prompt"]),
        answer=str(value["answer"]),
        kind=Kind(value["kind"]),
        points=tuple(str(p) for p in value["points"]),
        followups=tuple(str(f) for f in value["followups"]),
        tags=tuple(str(t) for t in value["tags"]),
        seconds=None if value["seconds"] is None else int(value["seconds"]),
    )


def deck_value(deck: Deck, source: str) -> dict[str, Any]:
    if source != DeckSource.FILE:
        return {"source": source}
    return {
        "source": source,
        "title": deck.title,
        "description": deck.description,
        "author": deck.author,
        "license": deck.license,
        "version": deck.version,
        "tags": list(deck.tags),
        "based_on": [{"title": s.title, "url": s.url, "license": s.license} for s in deck.based_on],
        "cards": [
            {"id": card.id, **card_value(card, title=deck.title, retired=False)}
            for card in deck.cards
        ],
    }


def deck_from_value(deck_id: str, value: dict[str, Any]) -> Deck:
    return Deck(
        id=deck_id,
        title=str(value["title"]),
        cards=tuple(card_from_value(str(card["id"]), card) for card in value["cards"]),
        description=value.get("description"),
        author=value.get("author"),
        license=value.get("license"),
        version=value.get("version"),
        tags=tuple(str(t) for t in value.get("tags", ())),
        based_on=tuple(
            Source(str(s["title"]), s.get("url"), s.get("license"))
            for s in value.get("based_on", ())
        ),
    )


def story_value(story: Story, links: list[tuple[str, str]]) -> dict[str, Any]:
    return {
        "title": story.title,
        "situation": story.situation,
        "task": story.task,
        "action": story.action,
        "result": story.result,
        "metric": story.metric,
        "tags": list(story.tags),
        "cards": [f"{deck_id}/{card_id}" for deck_id, card_id in links],
    }


def local_items(store: Store, kind: str) -> dict[str, Local]:
    """Every item of ``kind`` this home holds now."""
    found: dict[str, Local] = {}
    if kind == "story":
        links = store.stories.all_links()
        for story in store.stories.all():
            found[story.id] = Local(story_value(story, links.get(story.id, [])), None)
        return found
    if kind == "interview":
        for interview in store.interviews.all():
            value = {
                "name": interview.name,
                "at": time_text(interview.at),
                "decks": list(interview.decks),
                "note": interview.note,
                "deck_id": interview.deck_id,
            }
            found[name_key(interview.name)] = Local(value, None)
        return found
    if kind == "answer":
        for answer in store.answers.all():
            found[f"{answer.deck_id}/{answer.card_id}"] = Local(
                {"answer": answer.answer}, time_text(answer.updated_at)
            )
        return found
    for deck in store.decks.installed():
        if kind == "card" and deck.source == DeckSource.PERSONAL:
            for stored in store.decks.cards(deck.id, include_retired=True):
                value = card_value(stored.card, title=deck.title, retired=stored.retired)
                found[f"{deck.id}/{stored.card_id}"] = Local(value, None)
        elif kind == "deck" and deck.source not in (DeckSource.PERSONAL, DeckSource.BUNDLED):
            cards = [item.card for item in store.decks.cards(deck.id)]
            found[deck.id] = Local(
                deck_value(deck.as_deck(cards), deck.source), time_text(deck.updated_at)
            )
    return found


def outgoing(
    store: Store, home: str, now: str, *, again: bool = False
) -> tuple[list[BatchItem], list[tuple[str, str, ItemVersion]]]:
    """The items changed here since they were last pushed or pulled (deletions
    included), and the versions to record once they are pushed; with ``again``, every
    item held unchanged too, as the version held (its stamp and home), for a remote that
    lacks what was pushed before."""
    items: list[BatchItem] = []
    versions: list[tuple[str, str, ItemVersion]] = []
    for kind in KINDS:
        held = store.sync.items(kind)
        current = local_items(store, kind)
        for key in sorted(current.keys() | held.keys()):
            local = current.get(key, Local(None, None))
            if kind in ("deck", "card") and local.value is None:
                # A deck removed here is not removed elsewhere; a card is never deleted,
                # only retired, which its value says.
                continue
            code = digest(local.value)
            recorded = held.get(key)
            if recorded is not None and recorded.digest == code:
                if again and local.value is not None:
                    items.append(
                        BatchItem(kind, key, recorded.stamp, recorded.home_id, local.value)
                    )
                continue
            stamp = local.stamp or now
            if recorded is not None and stamp <= recorded.stamp:
                # A change is newer than the version it changed, even when this machine's
                # clock is behind the one that wrote that version.
                stamp = max(now, _just_after(recorded.stamp))
            items.append(BatchItem(kind, key, stamp, home, local.value))
            versions.append((kind, key, ItemVersion(code, stamp, home)))
    return items, versions


def merge_items(
    store: Store,
    incoming: list[BatchItem],
    *,
    home: str,
    now: str,
    install_from: Callable[[str, str], None],
) -> Merged:
    """Apply the newest incoming version of each item where it wins over this home's."""
    merged = Merged()
    newest: dict[tuple[str, str], BatchItem] = {}
    for item in incoming:
        if item.kind not in KINDS:
            continue  # an item kind of a later prepdeck: left for it
        pair = (item.kind, item.key)
        best = newest.get(pair)
        if best is None or (item.stamp, item.home) > (best.stamp, best.home):
            newest[pair] = item
    for kind in KINDS:
        keys = sorted(name for of_kind, name in newest if of_kind == kind)
        if not keys:
            continue
        held = store.sync.items(kind)
        current = local_items(store, kind)
        records: list[tuple[str, str, ItemVersion]] = []
        for key in keys:
            item = newest[(kind, key)]
            local = current.get(key, Local(None, None))
            recorded = held.get(key)
            code = digest(item.value)
            local_code = digest(local.value)
            version = ItemVersion(code, item.stamp, item.home)
            if code == local_code:
                if recorded is None or (item.stamp, item.home) > (recorded.stamp, recorded.home_id):
                    records.append((kind, key, version))
                continue
            changed_here = local_code != (recorded.digest if recorded else "-")
            if recorded is not None and (item.stamp, item.home) <= (
                recorded.stamp,
                recorded.home_id,
            ):
                continue  # older than the version this home last took or gave
            if changed_here:
                mine = (local.stamp or now, home)
                theirs = (item.stamp, item.home)
                if kind == "answer" and local.value is not None and item.value is not None:
                    winner, loser = (item, local) if theirs > mine else (local, item)
                    text = _both_answers(winner, loser, mine, theirs)
                    _apply(store, kind, key, {"answer": text}, max(mine, theirs)[0], install_from)
                    merged.conflicts.append(f"own answer {key}: changed on two homes, both kept")
                    records.append((kind, key, version))
                    merged.applied += 1
                    continue
                if mine > theirs:
                    continue
            try:
                _apply(store, kind, key, item.value, item.stamp, install_from)
            except (KeyError, TypeError, ValueError, PrepdeckError) as error:
                merged.warnings.append(f"{kind} {key}: not taken ({error})")
                merged.failed.add((kind, key))
                continue
            records.append((kind, key, version))
            merged.applied += 1
        store.sync.put_items(records)
    return merged


def _just_after(stamp: str) -> str:
    return time_text(parse_time(stamp) + timedelta(microseconds=1))


def _both_answers(
    winner: BatchItem | Local,
    loser: BatchItem | Local,
    mine: tuple[str, str],
    theirs: tuple[str, str],
) -> str:
    """The winner's text, then the loser's under a heading naming its home and time: the
    same text on either home."""
    lost = theirs if isinstance(loser, BatchItem) else mine
    assert winner.value is not None and loser.value is not None
    heading = CONFLICT_HEADING.format(home=lost[1], stamp=lost[0][:19].replace("T", " "))
    return f"{winner.value['answer']}\n\n{heading}\n{loser.value['answer']}"


def _apply(
    store: Store,
    kind: str,
    key: str,
    value: dict[str, Any] | None,
    stamp: str,
    install_from: Callable[[str, str], None],
) -> None:
    at = parse_time(stamp)
    for part in key.split("/", 1) if kind in ("answer", "card") else [key]:
        if kind != "interview" and not is_valid_id(part):
            raise ValueError(f"{part!r} is not a valid id")
    if kind == "story":
        _apply_story(store, key, value, at)
    elif kind == "interview":
        if value is None:
            gone = store.interviews.find(key)
            store.interviews.remove(key)
            own = None if gone is None else store.decks.find(gone.deck_id)
            if own is not None and not own.removed:
                store.decks.remove(own.id)  # as removing it here does: history kept
            return
        store.interviews.put(
            StoredInterview(
                str(value["name"]),
                parse_time(str(value["at"])),
                tuple(str(d) for d in value["decks"]),
                str(value["note"]),
                str(value["deck_id"]),
                at,
            )
        )
    elif kind == "answer":
        deck_id, card_id = key.split("/", 1)
        store.answers.save(deck_id, card_id, "" if value is None else str(value["answer"]), at=at)
    elif kind == "card":
        if value is None:
            return
        deck_id, card_id = key.split("/", 1)
        store.decks.put_personal_card(
            deck_id,
            str(value["deck_title"]),
            card_from_value(card_id, value),
            retired=bool(value.get("retired")),
            now=at,
        )
    elif kind == "deck" and value is not None:
        if is_personal_deck_id(key) or not is_valid_id(key):
            # Personal decks travel card by card; no other home makes a deck item of one.
            raise ValueError(f"{key!r} is no deck id a deck item may carry")
        source = str(value["source"])
        existing = store.decks.find(key)
        if source != DeckSource.FILE:
            if existing is None:
                install_from(key, source)
            return
        if existing is not None and not may_update(existing.source, DeckSource.FILE):
            raise ValueError(f"installed here from {existing.source}")
        deck = deck_from_value(key, value)
        store.decks.install(deck, source=DeckSource.FILE, content_hash=digest(value), now=at)


def _apply_story(store: Store, key: str, value: dict[str, Any] | None, at: datetime) -> None:
    """The story ``key`` as ``value`` holds it, its drill card and links with it; None
    removes it (its drill card retired, as a removal here does)."""
    if value is None:
        store.stories.remove(key)
        return
    story = Story(
        id=key,
        title=str(value["title"]),
        situation=str(value["situation"]),
        task=str(value["task"]),
        action=str(value["action"]),
        result=str(value["result"]),
        metric=None if value["metric"] is None else str(value["metric"]),
        tags=tuple(str(t) for t in value["tags"]),
    )
    store.stories.save([(story, drill_card(story))], now=at)
    wanted = {tuple(str(ref).split("/", 1)) for ref in value["cards"]}
    held = set(store.stories.cards_of(key))
    for deck_id, card_id in sorted(held - wanted):
        store.stories.unlink(key, deck_id, card_id)
    for deck_id, card_id in sorted(wanted - held):
        store.stories.link(key, deck_id, card_id)
