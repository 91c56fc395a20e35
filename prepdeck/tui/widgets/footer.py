"""The key line at the bottom of each screen: one widget drawing every key it shows.

Textual's ``Footer`` builds a widget per key and rebuilds them all whenever the bindings
change: on the home that rebuild ran before the first frame, and in the drill, which
changes its bindings on every key, it cost each grade frames. This footer draws the keys
itself, so a change of keys is a repaint, and it looks and answers the mouse the same
way: a click on a key presses it, the key under the pointer is highlighted and its
tooltip shown.

When the line is too short for every key, the keys declared last give way first, and
the help and back keys never do: from them a user finds every other key.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, NamedTuple, Unpack

from textual import events
from textual.binding import Binding
from textual.color import TRANSPARENT
from textual.content import Content
from textual.screen import Screen
from textual.style import Style
from textual.widget import Widget

if TYPE_CHECKING:
    from prepdeck.tui.options import WidgetOptions


KEPT_IDS = frozenset({"help", "back"})
"""Binding ids of the keys a short footer keeps: the list of every key, and the way out."""


class FooterEntry(NamedTuple):
    """One key as the footer shows it."""

    key: str
    """The key pressed when the entry is clicked."""
    display: str
    description: str
    enabled: bool
    tooltip: str
    kept: bool = False
    """Shown however short the line: see ``KEPT_IDS``."""


class _Span(NamedTuple):
    start: int
    end: int
    entry: FooterEntry


class KeyFooter(Widget, can_focus=False):
    """The keys of the screen's active bindings that are meant to be shown, one per action,
    in binding order; disabled ones dimmed. ``compact`` packs them closer;
    ``show_command_palette`` adds the palette key at the right."""

    ALLOW_SELECT = False
    # The line's own rule is in the home's part of app.tcss; the keys, their descriptions
    # and the key under the pointer take the theme's footer colours as inline styles
    # rather than component classes, whose rules Textual parses and matches each time
    # the footer is styled.
    KEY_STYLE: ClassVar[str] = "bold $footer-key-foreground on $footer-key-background"
    DESCRIPTION_STYLE: ClassVar[str] = (
        "$footer-description-foreground on $footer-description-background"
    )
    HOVER_STYLE: ClassVar[str] = "on $block-hover-background"

    def __init__(
        self,
        *,
        compact: bool = False,
        show_command_palette: bool = True,
        **options: Unpack[WidgetOptions],
    ) -> None:
        super().__init__(**options)
        self.compact = compact
        self.show_command_palette = show_command_palette
        self._entries: tuple[FooterEntry, ...] = ()
        self._palette: FooterEntry | None = None
        self._spans: list[_Span] = []
        self._hovered: FooterEntry | None = None

    # -- what is shown -------------------------------------------------------------------

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)
        self._read(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen: Screen[object]) -> None:
        # While the terminal is out of focus the app shows no keys as disabled; keep the
        # line as it was, as Textual's footer does.
        if screen is self.screen and screen.app.app_focus:
            self._read(screen)

    def _read(self, screen: Screen[object]) -> None:
        app = self.app

        def entry(binding: Binding, enabled: bool, tooltip: str) -> FooterEntry:
            return FooterEntry(
                binding.key,
                app.get_key_display(binding),
                binding.description,
                enabled,
                tooltip or binding.tooltip or binding.description,
                binding.id in KEPT_IDS,
            )

        entries: list[FooterEntry] = []
        actions: set[str] = set()
        active = screen.active_bindings
        for _node, binding, enabled, tooltip in active.values():
            if binding.show and binding.action not in actions:
                actions.add(binding.action)
                entries.append(entry(binding, enabled, tooltip))
        palette: FooterEntry | None = None
        if self.show_command_palette and app.ENABLE_COMMAND_PALETTE:
            found = active.get(app.COMMAND_PALETTE_BINDING)
            if found is not None:
                _node, binding, enabled, tooltip = found
                palette = entry(binding, enabled, tooltip)
        shown = tuple(entries)
        if shown != self._entries or palette != self._palette:
            self._entries = shown
            self._palette = palette
            self.refresh()

    # -- drawing -------------------------------------------------------------------------

    def _entry_content(self, entry: FooterEntry) -> Content:
        parse = self.app.stylesheet.parse_style
        key_style = parse(self.KEY_STYLE)
        description_style = parse(self.DESCRIPTION_STYLE)
        if self.compact:
            key, description = entry.display, f" {entry.description}"
        else:
            key, description = f" {entry.display} ", f"{entry.description} "
        parts: list[tuple[str, Style]] = [(key, key_style)]
        if entry.description:
            parts.append((description, description_style))
        content = Content.assemble(*parts)
        if entry == self._hovered:
            content = content.stylize(self._hover_style())
        if not entry.enabled:
            content = content.stylize(Style(dim=True))
        return content

    def _hover_style(self) -> Style:
        # Its translucent background laid over nothing, as Textual lays a component
        # class's, so the key under the pointer looks as it did with one.
        background = self.app.stylesheet.parse_style(self.HOVER_STYLE).background
        if background is None:
            return Style()
        return Style(TRANSPARENT.blend(background, 1 - background.a))

    def _line_width(self, pieces: list[Content]) -> int:
        return sum(piece.cell_length for piece in pieces) + len(self._gap) * max(0, len(pieces) - 1)

    def _fitted(self, pieces: list[Content], room: int) -> list[Content | None]:
        """``pieces`` (one per entry), with those that do not fit in ``room`` columns
        replaced by None: the last declared go first, kept keys never."""
        fitted: list[Content | None] = list(pieces)
        for index in reversed(range(len(pieces))):
            if self._line_width([piece for piece in fitted if piece is not None]) <= room:
                break
            if not self._entries[index].kept:
                fitted[index] = None
        return fitted

    @property
    def _gap(self) -> str:
        return " " if self.compact else ""

    def render(self) -> Content:
        room = self.size.width
        palette: Content | None = None
        if self._palette is not None:
            palette = Content.assemble("│", self._entry_content(self._palette))
        pieces = [self._entry_content(entry) for entry in self._entries]
        # The palette key is the first to give way: the help lists it too.
        if palette is not None and self._line_width(pieces) + palette.cell_length > room:
            palette = None
        line_pieces: list[Content] = []
        self._spans = []
        offset = 0
        for entry, piece in zip(self._entries, self._fitted(pieces, room), strict=True):
            if piece is None:
                continue
            self._spans.append(_Span(offset, offset + piece.cell_length, entry))
            line_pieces.append(piece)
            line_pieces.append(Content(self._gap))
            offset += piece.cell_length + len(self._gap)
        line = Content("").join(line_pieces)
        if palette is None or self._palette is None:
            return line
        start = max(offset, room - palette.cell_length)
        self._spans.append(_Span(start + 1, start + palette.cell_length, self._palette))
        return Content.assemble(line, " " * (start - offset), palette)

    # -- the mouse -----------------------------------------------------------------------

    def _entry_at(self, x: int) -> FooterEntry | None:
        for span in self._spans:
            if span.start <= x < span.end:
                return span.entry
        return None

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._hover(self._entry_at(event.x))

    def on_leave(self, event: events.Leave) -> None:
        self._hover(None)

    def _hover(self, entry: FooterEntry | None) -> None:
        if entry != self._hovered:
            self._hovered = entry
            self.tooltip = entry.tooltip if entry is not None else None
            self.refresh()

    def on_mouse_down(self, event: events.MouseDown) -> None:
        entry = self._entry_at(event.x)
        if entry is None:
            return
        event.stop()
        if entry.enabled:
            self.app.simulate_key(entry.key)
        else:
            self.app.bell()
