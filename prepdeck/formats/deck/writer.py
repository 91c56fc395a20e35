"""Write a Deck as format-1 YAML that the loader reads back to the same deck."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from prepdeck.domain.cards import FORMAT_VERSION, Card, Deck, Kind

try:
    from yaml import CSafeDumper as _BaseDumper
except ImportError:  # pragma: no cover - only where libyaml is missing
    from yaml import SafeDumper as _BaseDumper  # type: ignore[assignment]


class _DeckDumper(_BaseDumper):
    """Multi-line text as literal blocks; text YAML would re-type comes out quoted."""


def _represent_text(dumper: _DeckDumper, text: str) -> yaml.Node:
    # The emitter itself falls back to quoting when a block cannot hold the text exactly
    # (trailing spaces, leading blank lines), so round trips stay exact.
    style = "|" if "\n" in text else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_DeckDumper.add_representer(str, _represent_text)


def deck_to_data(deck: Deck) -> dict[str, Any]:
    """The deck as plain data in the key order of the format reference."""
    data: dict[str, Any] = {"prepdeck": FORMAT_VERSION, "id": deck.id, "title": deck.title}
    for key in ("description", "author", "license", "version"):
        value = getattr(deck, key)
        if value is not None:
            data[key] = value
    if deck.tags:
        data["tags"] = list(deck.tags)
    if deck.based_on:
        data["based_on"] = [
            {
                key: value
                for key, value in (
                    ("title", source.title),
                    ("url", source.url),
                    ("license", source.license),
                )
                if value is not None
            }
            for source in deck.based_on
        ]
    data["cards"] = [_card_to_data(card) for card in deck.cards]
    return data


def _card_to_data(card: Card) -> dict[str, Any]:
    # Ids are always written out, so an exported card keeps its history when edited.
    data: dict[str, Any] = {"id": card.id}
    if card.kind is not Kind.QUESTION:
        data["kind"] = card.kind.value
    data["prompt"] = card.prompt
    data["answer"] = card.answer
    for key in ("points", "followups", "tags"):
        values = getattr(card, key)
        if values:
            data[key] = list(values)
    if card.seconds is not None:
        data["seconds"] = card.seconds
    return data


def dump_deck(deck: Deck) -> str:
    return dump_yaml(deck_to_data(deck))


def dump_yaml(data: object) -> str:
    """Plain data as YAML the way deck files are written: keys in the order given, text
    of several lines as literal blocks."""
    text = yaml.dump(
        data,
        Dumper=_DeckDumper,
        sort_keys=False,
        allow_unicode=True,
        width=88,
        indent=2,
        default_flow_style=False,
    )
    return str(text)


def write_deck(deck: Deck, path: Path) -> None:
    """Write atomically: a reader never sees half a deck."""
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(dump_deck(deck), encoding="utf-8")
    temporary.replace(path)
