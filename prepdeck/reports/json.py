"""Reports as JSON: one rule for every typed report the CLI prints with ``--json``.

A report is a NamedTuple or a dataclass whose field names are its JSON keys, in their
order; its values are JSON values, other reports, or lists of either.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

_SCALARS = frozenset({str, int, float, bool, type(None)})
"""The types of JSON's own values: exactly these, no subclass (an enum, a named tuple)."""


def to_json(value: object) -> object:
    """``value`` as plain JSON values: each report an object of its fields, in order."""
    if type(value) in _SCALARS:
        return value  # most values are; the checks below would each look at them in vain
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            field.name: to_json(getattr(value, field.name)) for field in dataclasses.fields(value)
        }
    if isinstance(value, tuple) and hasattr(value, "_fields"):
        return {name: to_json(getattr(value, name)) for name in value._fields}
    if isinstance(value, list | tuple):
        return [to_json(item) for item in value]
    if isinstance(value, Mapping):
        return {key: to_json(item) for key, item in value.items()}
    return value
