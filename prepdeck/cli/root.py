"""The ``prepdeck`` click group; its bare invocation opens the app."""

from __future__ import annotations

import gc
import sys
from typing import Any

import click

from prepdeck import __version__
from prepdeck.cli.guard import (
    EXIT_USER_ERROR,
    fail,
    guarded,
)
from prepdeck.cli.help import FullHelpGroup
from prepdeck.cli.open_app import run_app
from prepdeck.domain.text import one_line
from prepdeck.errors import StdoutClosed

SUBCOMMANDS: dict[str, tuple[str, str]] = {
    "answers": ("prepdeck.cli.commands.answers", "answers"),
    "backup": ("prepdeck.cli.commands.maintenance", "backup"),
    "card": ("prepdeck.cli.commands.card", "card"),
    "coverage": ("prepdeck.cli.commands.coverage", "coverage"),
    "cram": ("prepdeck.cli.commands.app", "cram"),
    "deck": ("prepdeck.cli.commands.deck", "deck"),
    "doctor": ("prepdeck.cli.commands.maintenance", "doctor"),
    "drill": ("prepdeck.cli.commands.app", "drill"),
    "index": ("prepdeck.cli.commands.index", "index"),
    "interview": ("prepdeck.cli.commands.interview", "interview"),
    "locate": ("prepdeck.cli.commands.locate", "locate"),
    "optimize": ("prepdeck.cli.commands.optimize", "optimize"),
    "plan": ("prepdeck.cli.commands.plan", "plan"),
    "readiness": ("prepdeck.cli.commands.readiness", "readiness"),
    "rehearse": ("prepdeck.cli.commands.speech", "rehearse"),
    "restore": ("prepdeck.cli.commands.maintenance", "restore"),
    "reviews": ("prepdeck.cli.commands.reviews", "reviews"),
    "serve": ("prepdeck.cli.commands.serve", "serve"),
    "source": ("prepdeck.cli.commands.source", "source"),
    "stats": ("prepdeck.cli.commands.stats", "stats"),
    "story": ("prepdeck.cli.commands.story", "story"),
    "sync": ("prepdeck.cli.commands.sync", "sync"),
    "transcribe": ("prepdeck.cli.commands.speech", "transcribe"),
}
"""Each subcommand and where it lives, imported only when it runs (or help lists it):
the bare ``prepdeck`` opens the app without loading any of them."""


COMMAND_WORDS = "prepdeck.command_words"
"""Where the root context keeps the words it was invoked with."""


class _Root(FullHelpGroup):
    """The ``prepdeck`` group; a closed standard output ends every command the same way.

    BrokenPipeError is caught here, below click, which would otherwise exit 1 as for a
    user error: in parsing (``--help``, ``--version``) and in the command itself.
    """

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(SUBCOMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        where = SUBCOMMANDS.get(cmd_name)
        if where is None:
            return None
        from importlib import import_module

        module, name = where
        command = getattr(import_module(module), name)
        assert isinstance(command, click.Command)
        return command

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: click.Context | None = None,
        **extra: Any,
    ) -> click.Context:
        words = list(args)
        try:
            context = super().make_context(info_name, args, parent, **extra)
        except BrokenPipeError:
            raise StdoutClosed from None
        # click hands the group's callback none of the words after the subcommand's name,
        # and whether config.toml is read depends on them (``deck validate``, ``--help``).
        context.meta[COMMAND_WORDS] = words
        return context

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            raise StdoutClosed from None


@click.group(
    cls=_Root,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(
    __version__, "--version", prog_name="prepdeck", message="%(prog)s %(version)s"
)
@click.pass_context
def cli(context: click.Context) -> int | None:
    """Interview training with spaced repetition."""
    if context.invoked_subcommand is None:
        return run_app()
    elif context.invoked_subcommand != "drill":
        # Off while the command line was loaded (see prepdeck.launch); the app turns it
        # on once its first frame is up.
        gc.enable()
    if reads_config(context.invoked_subcommand, _words_after(context)):
        report_keymap_problems()
    return None


def _words_after(context: click.Context) -> list[str]:
    """The words of the command line after the subcommand's name."""
    words: list[str] = context.meta.get(COMMAND_WORDS, [])
    command = context.invoked_subcommand
    return words[words.index(command) + 1 :] if command in words else []


CONFIG_FREE = frozenset({("locate",), ("deck", "validate"), ("deck", "new"), ("drill",)})
"""Commands that never read config.toml, so say nothing of it; ``drill`` is the app,
which shows keymap problems itself."""


def reads_config(command: str | None, rest: list[str]) -> bool:
    """Whether the command ``command`` (its words after it: ``rest``) reads config.toml."""
    if command is None or "--help" in rest or "-h" in rest:
        return False
    return (command,) not in CONFIG_FREE and (command, *rest[:1]) not in CONFIG_FREE


def report_keymap_problems() -> None:
    """One stderr line per keymap entry the app will not use. Only warnings: the command
    goes on, and a config.toml it cannot read is reported, as an error, by the command."""
    from prepdeck.cli.quick import keymap_problems

    for line in keymap_problems():
        click.echo(line, err=True)


def main(argv: list[str] | None = None) -> None:
    """Run the CLI: user errors exit 1 in one line each, bugs exit 2 with a log file."""
    with guarded():
        try:
            # Outside standalone mode click returns what the command returns: the bare
            # ``prepdeck`` returns the app's exit status, instead of click exiting.
            code = cli.main(args=argv, prog_name="prepdeck", standalone_mode=False)
            # Flushed here rather than at exit, so a reader gone by now ends like any other.
            sys.stdout.flush()
            if isinstance(code, int) and code != 0:
                sys.exit(code)
        except click.exceptions.Abort:
            fail(["prepdeck: aborted"])
        except click.UsageError as error:
            if _is_help(error):
                fail([error.format_message()])
            fail([usage_line(error, sys.argv[1:] if argv is None else argv)])
        except click.ClickException as error:
            code = EXIT_USER_ERROR if error.exit_code == 2 else error.exit_code
            fail([f"prepdeck: {one_line(error.format_message())}"], code)
        except click.exceptions.Exit as done:
            sys.exit(done.exit_code)


def usage_line(error: click.UsageError, argv: list[str]) -> str:
    """click's Usage/Try/Error block as one line, naming the command and its help."""
    # click leaves out the context of some option errors ("requires an argument"): the
    # command is then the one the arguments name.
    command = error.ctx.command_path if error.ctx is not None else _command_path(argv)
    message = one_line(error.format_message()).removesuffix(".")
    if message[:1].isupper() and message[1:2].islower():
        message = message[0].lower() + message[1:]
    return f"{command}: {message} (see {command} --help)"


def _command_path(argv: list[str]) -> str:
    """``prepdeck`` and the (sub)command names that lead ``argv``."""
    path = ["prepdeck"]
    command: click.Command | None = cli
    with click.Context(cli) as context:
        for word in argv:
            if not isinstance(command, click.Group):
                break
            command = command.get_command(context, word)
            if command is None:
                break
            path.append(word)
    return " ".join(path)


def _is_help(error: click.UsageError) -> bool:
    """A group run without its subcommand: click answers with its help, kept whole."""
    return type(error).__name__ == "NoArgsIsHelpError"
