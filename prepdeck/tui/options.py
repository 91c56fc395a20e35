"""The identifying parameters Textual's widgets and screens take, named once for every
constructor here that only passes them on."""

from __future__ import annotations

from typing import TypedDict


class NodeOptions(TypedDict, total=False):
    """What ``Screen.__init__`` takes: ``name``, ``id`` and ``classes``."""

    name: str | None
    id: str | None
    classes: str | None


class WidgetOptions(NodeOptions, total=False):
    """What ``Widget.__init__`` takes besides: whether the widget starts disabled."""

    disabled: bool
