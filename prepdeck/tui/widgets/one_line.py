"""Lines that say as much as their width holds: the first of several wordings that fits."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content


def fitted(variants: Sequence[Content], width: int) -> Content:
    """The first of ``variants`` that fits ``width``, else the last one cut to it."""
    for variant in variants:
        if variant.cell_length <= width:
            return variant
    return variants[-1].truncate(width, ellipsis=True) if variants else Content("")
