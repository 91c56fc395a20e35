"""Help listings that give each command's summary whole."""

from __future__ import annotations

import sys

import click


class FullHelpGroup(click.Group):
    """A group whose Commands listing shows each command's first sentence in full.

    click cuts a summary to what fits beside the command's name and ends it with "...",
    so a reader would open every command's help to learn what it does; wrapped onto the
    next line instead, the sentence stays whole at any terminal width.
    """

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows: list[tuple[str, str]] = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, command.get_short_help_str(limit=sys.maxsize)))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)
