"""How a deck's origin and licence are written on the screens that show them."""

from __future__ import annotations

from urllib.parse import urlsplit

from prepdeck.domain.reuse import TERMS, reuse_terms
from prepdeck.domain.sources import DeckSource

_SOURCE_WORDS = {
    DeckSource.BUNDLED: "bundled with prepdeck",
    DeckSource.FILE: "from a local file",
    DeckSource.PERSONAL: "your own cards",
}


def short_source(url: str) -> str:
    """A source URL cut to its host and path: enough to tell two sources apart."""
    parts = urlsplit(url)
    return f"{parts.netloc}{parts.path}" if parts.netloc else url


def describe_source(source: str, *, short: bool = False) -> str:
    """Where a deck came from, in words; ``short`` cuts a URL to its host and path."""
    for fixed, words in _SOURCE_WORDS.items():
        if source == fixed:
            return words
    return f"from {short_source(source) if short else source}"


def licence_text(licence: str | None) -> str:
    """The licence with the limits on reuse people trip over named after it
    (``CC-BY-NC-4.0, non-commercial``)."""
    if not licence:
        return "no licence given"
    limits = [TERMS[term].split(":")[0] for term in reuse_terms(licence)]
    return ", ".join([licence, *limits])
