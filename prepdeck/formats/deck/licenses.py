"""Licence fields: SPDX licence expressions, their ids checked against the SPDX lists.

The grammar (SPDX 2.3, annex D) is parsed here, so what is accepted does not change
with the version of ``packaging`` installed. The lists of licence and exception ids
come from ``packaging`` (PyPA), which keeps them current for Python's own package
metadata (PEP 639); a copy of some 700 ids kept here would go stale.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from packaging.licenses import InvalidLicenseExpression, canonicalize_license_expression

from prepdeck.errors import MalformedLicense

_TOKEN = re.compile(r"\(|\)|[^\s()]+")
_LICENSE_ID = re.compile(r"[A-Za-z0-9.-]+\+?")
_LICENSE_REF = re.compile(r"LicenseRef-[A-Za-z0-9.-]+")
_EXCEPTION_ID = re.compile(r"[A-Za-z0-9.-]+")
_OPERATORS = frozenset({"AND", "OR", "WITH"})
_STAND_IN_LICENSE = "MIT"


@dataclass(frozen=True, slots=True)
class LicenseCheck:
    """What is wrong with a licence expression, if anything."""

    well_formed: bool
    """Whether it follows the SPDX expression grammar, whatever its ids."""
    hint: str | None = None
    """For a malformed expression, the likely slip, when one is recognised."""
    unknown: tuple[str, ...] = ()
    """Ids on neither SPDX list, as typed; ``LicenseRef-`` ids are the author's own."""
    exceptions_as_licenses: tuple[str, ...] = ()
    """Exception ids (``LLVM-exception``) where a licence belongs, not after ``WITH``."""
    licenses_as_exceptions: tuple[str, ...] = ()
    """Licence ids after ``WITH``, where an exception belongs."""

    @property
    def ok(self) -> bool:
        return self.well_formed and not (
            self.unknown or self.exceptions_as_licenses or self.licenses_as_exceptions
        )


class _Parser:
    """A recursive descent over the tokens: ``OR`` binds loosest, then ``AND``, then
    ``WITH``; parentheses nest."""

    def __init__(self, tokens: list[str]) -> None:
        self._tokens = tokens
        self._at = 0
        self.licenses: list[str] = []
        self.exceptions: list[str] = []

    def parse(self) -> None:
        self._expression()
        if self._at != len(self._tokens):
            raise MalformedLicense

    def _peek(self) -> str | None:
        return self._tokens[self._at] if self._at < len(self._tokens) else None

    def _take(self) -> str:
        token = self._peek()
        if token is None:
            raise MalformedLicense
        self._at += 1
        return token

    def _expression(self) -> None:
        self._conjunction()
        while self._peek() == "OR":
            self._take()
            self._conjunction()

    def _conjunction(self) -> None:
        self._term()
        while self._peek() == "AND":
            self._take()
            self._term()

    def _term(self) -> None:
        token = self._take()
        if token == "(":
            self._expression()
            if self._take() != ")":
                raise MalformedLicense
            return
        if token == ")" or token in _OPERATORS:
            raise MalformedLicense
        if token.lower().startswith("licenseref-"):
            if not _LICENSE_REF.fullmatch(token):
                raise MalformedLicense
        elif not _LICENSE_ID.fullmatch(token):
            raise MalformedLicense
        self.licenses.append(token)
        if self._peek() == "WITH":
            self._take()
            exception = self._take()
            if not _EXCEPTION_ID.fullmatch(exception) or exception in _OPERATORS:
                raise MalformedLicense
            self.exceptions.append(exception)


def check_license(expression: str) -> LicenseCheck:
    """Check ``expression``: its grammar, then each of its ids against the SPDX lists."""
    tokens = _TOKEN.findall(expression)
    parser = _Parser(tokens)
    try:
        parser.parse()
    except MalformedLicense:
        lowercase = any(t.upper() in _OPERATORS and t not in _OPERATORS for t in tokens)
        hint = "AND, OR and WITH are written in capitals" if lowercase else None
        return LicenseCheck(well_formed=False, hint=hint)

    is_license, is_exception = _spdx_lookups()
    unknown: dict[str, str] = {}
    exceptions_as_licenses: dict[str, str] = {}
    licenses_as_exceptions: dict[str, str] = {}
    for license_id in parser.licenses:
        if _LICENSE_REF.fullmatch(license_id) or is_license(license_id):
            continue
        found = exceptions_as_licenses if is_exception(license_id) else unknown
        found.setdefault(license_id.lower(), license_id)
    for exception_id in parser.exceptions:
        if is_exception(exception_id):
            continue
        found = licenses_as_exceptions if is_license(exception_id) else unknown
        found.setdefault(exception_id.lower(), exception_id)
    return LicenseCheck(
        well_formed=True,
        unknown=tuple(unknown.values()),
        exceptions_as_licenses=tuple(exceptions_as_licenses.values()),
        licenses_as_exceptions=tuple(licenses_as_exceptions.values()),
    )


def _spdx_lookups() -> tuple[Callable[[str], bool], Callable[[str], bool]]:
    """Whether an id is on the SPDX licence list, and whether on the exception list.

    Each id is asked of ``packaging`` alone, an exception beside a licence it knows, so
    only its lists are relied on, not its grammar.
    """

    def valid(text: str) -> bool:
        try:
            canonicalize_license_expression(text)
        except InvalidLicenseExpression:
            return False
        return True

    def is_exception(exception_id: str) -> bool:
        return valid(f"{_STAND_IN_LICENSE} WITH {exception_id}")

    # A licence id alone is a whole expression.
    return valid, is_exception
