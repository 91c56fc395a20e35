"""What a licence says about reusing a deck's cards: the Creative Commons terms people
trip over. "NC" licences allow no commercial use, "ND" licences no adapted work (a deck
built from an ND source is itself an adaptation the source did not allow)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from prepdeck.domain.cards import Source

_TERM = re.compile(r"(?<![A-Za-z])(NC|ND)(?![A-Za-z])")

TERMS = {
    "NC": "non-commercial: no commercial use",
    "ND": "no derivatives: adapted works are not allowed",
}


if TYPE_CHECKING:
    # A protocol for the type checker only: nothing checks a deck against it at run time.
    class _Licensed(Protocol):
        @property
        def license(self) -> str | None: ...
        @property
        def based_on(self) -> Sequence[Source]: ...


def reuse_terms(license_expression: str | None) -> list[str]:
    """The terms of ``TERMS`` a licence expression carries (``CC-BY-NC-ND-4.0``: both)."""
    if not license_expression:
        return []
    found = set(_TERM.findall(license_expression.upper()))
    return [term for term in TERMS if term in found]


def reuse_notes(deck: _Licensed) -> list[str]:
    """One line for each limit on reusing a deck: its own licence's, then each source's
    that it is based on."""
    notes = [f"its licence {deck.license} is {TERMS[term]}" for term in reuse_terms(deck.license)]
    for source in deck.based_on:
        for term in reuse_terms(source.license):
            notes.append(f"based on '{source.title}' ({source.license}), {TERMS[term]}")
    return notes
