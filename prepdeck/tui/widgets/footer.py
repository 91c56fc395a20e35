"""Textual's footer, rebuilt only when the keys it shows change."""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer

KeyLine = tuple[tuple[str, str, str, bool], ...]
"""What a footer shows: each key's key, action, description and whether it is enabled."""


class KeyFooter(Footer):
    """A ``Footer`` that skips its rebuild when the keys on show are the ones it has.

    Textual's footer recomposes on every binding refresh, and the drill refreshes its
    bindings on every key: rebuilding a dozen key widgets each time made a grade several
    frames slower than it needs to be.
    """

    def __init__(
        self,
        *,
        compact: bool = False,
        show_command_palette: bool = True,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(
            name=name,
            id=id,
            classes=classes,
            compact=compact,
            show_command_palette=show_command_palette,
        )
        self._shown: KeyLine | None = None

    def _key_line(self, screen: Screen[object]) -> KeyLine:
        return tuple(
            (binding.key, binding.action, binding.description, enabled)
            for (_node, binding, enabled, _tooltip) in screen.active_bindings.values()
            if binding.show
        )

    def bindings_changed(self, screen: Screen[object]) -> None:
        if self.is_attached and screen is self.screen and screen.app.app_focus:
            shown = self._key_line(screen)
            if shown == self._shown:
                return
            self._shown = shown
        super().bindings_changed(screen)
