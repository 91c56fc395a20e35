"""Licence fields: SPDX licence expressions, their ids checked against the SPDX list.

The grammar and the list come from ``packaging`` (PyPA), which keeps both current for
Python's own package metadata (PEP 639); a copy of some 700 ids kept here would go stale.
It is imported on first use: most starts never read a deck file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TOKEN = re.compile(r"[()]|[^\s()]+")
_OPERATORS = frozenset({"AND", "OR", "WITH"})
_STAND_IN_LICENSE = "MIT"
_STAND_IN_EXCEPTION = "LLVM-exception"


@dataclass(frozen=True, slots=True)
class LicenseCheck:
    """What is wrong with a licence expression, if anything."""

    well_formed: bool
    """Whether it follows the SPDX expression grammar, whatever its ids."""
    unknown: tuple[str, ...] = ()
    """Its ids that are not on the SPDX lists, as typed (``LicenseRef-`` ids never are)."""

    @property
    def ok(self) -> bool:
        return self.well_formed and not self.unknown


def check_license(expression: str) -> LicenseCheck:
    """Check ``expression``: its grammar first, then each of its ids."""
    from packaging.licenses import InvalidLicenseExpression, canonicalize_license_expression

    def valid(text: str) -> bool:
        try:
            canonicalize_license_expression(text)
        except InvalidLicenseExpression:
            return False
        return True

    if valid(expression):
        return LicenseCheck(well_formed=True)
    # Find the ids packaging does not know, each checked alone (an exception after WITH
    # beside a known licence), then judge the grammar with known ids in their places.
    unknown: list[str] = []
    stand_ins: list[str] = []
    previous = ""
    for token in _TOKEN.findall(expression):
        if token in "()" or token.upper() in _OPERATORS:
            stand_ins.append(token)
        else:
            after_with = previous.upper() == "WITH"
            if valid(f"{_STAND_IN_LICENSE} WITH {token}" if after_with else token):
                stand_ins.append(token)
            else:
                unknown.append(token)
                stand_ins.append(_STAND_IN_EXCEPTION if after_with else _STAND_IN_LICENSE)
        previous = token
    if not unknown or not valid(" ".join(stand_ins)):
        return LicenseCheck(well_formed=False)
    return LicenseCheck(well_formed=True, unknown=tuple(dict.fromkeys(unknown)))
