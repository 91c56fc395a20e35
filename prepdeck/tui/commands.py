"""prepdeck's commands in Textual's command palette (``ctrl+p``).

Drills and the lists that hang off the home are offered on the home only, so a command
never stacks a second drill over the first; the theme and the key list work everywhere.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any, NamedTuple, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher
from textual.screen import Screen

if TYPE_CHECKING:
    from prepdeck.tui.app import PrepdeckApp


class Command(NamedTuple):
    """One command as the palette lists it. (A tuple: a frozen dataclass costs every start
    several times as much to define.)"""

    title: str
    help: str
    run: Callable[[], object]


def app_commands(app: PrepdeckApp, screen: Screen[Any]) -> list[Command]:
    """The commands that make sense over ``screen``, in the order the palette lists them."""
    from prepdeck.tui.screens.home import HomeScreen

    commands: list[Command] = []
    if app.services is not None and isinstance(screen, HomeScreen):
        commands.append(
            Command("Drill all decks", "Today's due cards, then new ones", partial(app.start_drill))
        )
        figures = screen.figures
        for row in figures.decks if figures is not None else []:
            if row.paused:
                continue
            commands.append(
                Command(
                    f"Drill {row.title}",
                    f"{row.due} due, {row.new_today} new today",
                    partial(app.start_drill, [row.id]),
                )
            )
        commands += [
            Command(
                "Catch-up plan",
                "How the overdue cards spread over the next days",
                app.open_catch_up,
            ),
            Command("Leeches", "Cards you keep failing: suspend or rewrite them", app.open_leeches),
            Command(
                "Interviews",
                "When each is, how ready you are, what each company needs",
                app.open_interviews,
            ),
            Command(
                "Statistics",
                "A year of reviews, retention against your target, what falls due, weak cards",
                app.open_stats,
            ),
            Command(
                "My stories",
                "Your STAR stories, the questions they answer, a drill of them",
                app.open_stories,
            ),
            Command(
                "Get decks",
                "Search the deck sources, install decks and their updates",
                app.open_get_decks,
            ),
            Command("Browse cards", "Search and browse every card", app.open_browser),
            Command("Add a card", "Write a card of your own", app.open_add_card),
            Command("Settings", "Limits, retention, theme and keys", app.open_settings),
        ]
    other = "light" if app.current_theme.dark else "dark"
    commands += [
        Command(
            f"Switch to the {other} theme",
            "For this run; the settings screen saves a theme",
            app.action_toggle_theme,
        ),
        Command("Keys of this screen", "Every key and what it does", app.action_help),
    ]
    return commands


def _highlight(matcher: Matcher, title: str) -> Content:
    """``title`` with the letters the query matched marked.

    ``Matcher.highlight`` reads its candidate as markup: a deck title holding ``[`` would
    be styled, or vanish from the results. Deck text is plain text.
    """
    content = Content(title)
    _score, offsets = matcher.fuzzy_search.match(matcher.query, title)
    for offset in offsets:
        if not title[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


class PrepdeckCommands(Provider):
    """Drills, the catch-up plan, leeches, the other screens, the theme and the key list."""

    def _commands(self) -> list[Command]:
        return app_commands(cast("PrepdeckApp", self.app), self.screen)

    async def discover(self) -> Hits:
        for command in self._commands():
            # Deck titles are plain text: Content keeps them from being read as markup.
            yield DiscoveryHit(
                Content(command.title), command.run, text=command.title, help=command.help
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self._commands():
            score = matcher.match(command.title)
            if score > 0:
                yield Hit(
                    score,
                    _highlight(matcher, command.title),
                    command.run,
                    text=command.title,
                    help=command.help,
                )
