"""Reading a YAML list whose items each name something once: a deck in an index, a
story in a story file, a card in a file of answers.

Every reader of such a list reports an item that names what an earlier one named at
the item's own line, with the line of the first, and keeps the first.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import TypeVar

from prepdeck.formats.deck.yamltree import Node

Item = TypeVar("Item")
Key = TypeVar("Key", bound=Hashable)


def read_each_once(
    nodes: Sequence[Node],
    read: Callable[[Node], Item | None],
    key: Callable[[Item], Key],
    repeated: Callable[[Node, Item, int], None],
) -> list[Item]:
    """Each node read with ``read`` (None when it reported its own problem); an item whose
    ``key`` an earlier one had goes to ``repeated`` with the first one's line, and is left
    out."""
    kept: list[Item] = []
    first_at: dict[Key, int] = {}
    for node in nodes:
        item = read(node)
        if item is None:
            continue
        found = key(item)
        if found in first_at:
            repeated(node, item, first_at[found])
            continue
        first_at[found] = node.line
        kept.append(item)
    return kept
