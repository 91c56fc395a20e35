"""The ``prepdeck`` command: a click group whose bare invocation opens the app."""

from __future__ import annotations

import gc
import os
import sys
from datetime import UTC, datetime
from typing import Any, NoReturn

import click

from prepdeck import __version__
from prepdeck.cli.app_commands import AppCrashed, run_app
from prepdeck.errors import PrepdeckError

EXIT_USER_ERROR = 1
EXIT_INTERNAL_ERROR = 2
EXIT_INTERRUPTED = 130
"""128 + SIGINT, what a shell reports for a command stopped with Ctrl-C."""
EXIT_STDOUT_CLOSED = 141
"""128 + SIGPIPE, what a shell reports for ``yes | head -1``: the reader left, nothing
went wrong, and a script can tell it from a user error (1)."""


class _StdoutClosed(Exception):
    """Standard output was closed by its reader (``prepdeck reviews export | head -1``)."""


SUBCOMMANDS: dict[str, tuple[str, str]] = {
    "card": ("prepdeck.cli.card_commands", "card"),
    "deck": ("prepdeck.cli.deck_commands", "deck"),
    "drill": ("prepdeck.cli.app_commands", "drill"),
    "locate": ("prepdeck.cli.locate_command", "locate"),
    "reviews": ("prepdeck.cli.reviews_commands", "reviews"),
    "stats": ("prepdeck.cli.stats_command", "stats"),
}
"""Each subcommand and where it lives, imported only when it runs (or help lists it):
the bare ``prepdeck`` opens the app without loading any of them."""


class _Root(click.Group):
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
        try:
            return super().make_context(info_name, args, parent, **extra)
        except BrokenPipeError:
            raise _StdoutClosed from None

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            raise _StdoutClosed from None


@click.group(
    cls=_Root,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(
    __version__, "--version", prog_name="prepdeck", message="%(prog)s %(version)s"
)
@click.pass_context
def cli(context: click.Context) -> None:
    """Interview training with spaced repetition."""
    if context.invoked_subcommand is None:
        run_app()
    elif context.invoked_subcommand != "drill":
        # Off while the command line was loaded (see prepdeck.launch); the app turns it
        # on once its first frame is up.
        gc.enable()


def main(argv: list[str] | None = None) -> None:
    """Run the CLI: user errors exit 1 in one line each, bugs exit 2 with a log file."""
    try:
        # Outside standalone mode click returns the code of an Exit raised in a command
        # (the app's start-up error screen ends with one) instead of exiting.
        code = cli.main(args=argv, prog_name="prepdeck", standalone_mode=False)
        # Flushed here rather than at exit, so a reader gone by now ends like any other.
        sys.stdout.flush()
        if isinstance(code, int) and code != 0:
            sys.exit(code)
    except (_StdoutClosed, BrokenPipeError):
        _silence_output()
        sys.exit(EXIT_STDOUT_CLOSED)
    except PrepdeckError as error:
        # A message that starts with the file it is about (PATH: or PATH:LINE:COL:) reads
        # as compilers and editors print it.
        prefix = "" if error.located else "prepdeck: "
        _fail([f"{prefix}{line}" for line in str(error).splitlines() or ["error"]])
    except click.exceptions.Abort:
        _fail(["prepdeck: aborted"])
    except click.UsageError as error:
        if _is_help(error):
            _fail([error.format_message()])
        _fail([usage_line(error, sys.argv[1:] if argv is None else argv)])
    except click.ClickException as error:
        code = EXIT_USER_ERROR if error.exit_code == 2 else error.exit_code
        _fail([f"prepdeck: {_one_line(error.format_message())}"], code)
    except click.exceptions.Exit as done:
        sys.exit(done.exit_code)
    except KeyboardInterrupt:
        sys.exit(EXIT_INTERRUPTED)
    except AppCrashed as crash:
        log = _write_crash_log(crash.report)
        _fail([f"prepdeck: internal error; details in {log}"], EXIT_INTERNAL_ERROR)
    except Exception:  # the last line of defence: log it, never show a traceback
        import traceback  # only on this path: it costs every command's start otherwise

        log = _write_crash_log(traceback.format_exc())
        _fail([f"prepdeck: internal error; details in {log}"], EXIT_INTERNAL_ERROR)


def _fail(lines: list[str], code: int = EXIT_USER_ERROR) -> NoReturn:
    """Print ``lines`` on stderr and exit ``code``, even when stderr's reader has left:
    the outcome is the error, only its message is lost."""
    try:
        for line in lines:
            click.echo(line, err=True)
    except BrokenPipeError:
        _silence_output()
    sys.exit(code)


def usage_line(error: click.UsageError, argv: list[str]) -> str:
    """click's Usage/Try/Error block as one line, naming the command and its help."""
    # click leaves out the context of some option errors ("requires an argument"): the
    # command is then the one the arguments name.
    command = error.ctx.command_path if error.ctx is not None else _command_path(argv)
    message = _one_line(error.format_message()).removesuffix(".")
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


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _silence_output() -> None:
    # As the Python docs advise (signal module, "Note on SIGPIPE"): what is still
    # buffered goes to devnull, or the flush at exit would fail again, with a traceback.
    for stream in (sys.stdout, sys.stderr):
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, stream.fileno())
            os.close(devnull)
        except (OSError, ValueError):
            pass  # not a real file (tests capture it): nothing reaches a pipe at exit


def _write_crash_log(details: str) -> str:
    from prepdeck.paths import locations

    try:
        logs = locations().logs
        logs.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
        path = logs / f"crash-{stamp}.log"
        path.write_text(details, encoding="utf-8")
        return str(path)
    except OSError:
        import tempfile

        with tempfile.NamedTemporaryFile(
            "w", prefix="prepdeck-crash-", suffix=".log", delete=False, encoding="utf-8"
        ) as handle:
            handle.write(details)
            return handle.name
