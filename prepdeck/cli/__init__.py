"""The ``prepdeck`` command: a click group whose bare invocation opens the app."""

from __future__ import annotations

import sys
from datetime import UTC, datetime

import click

from prepdeck import __version__
from prepdeck.cli.app_commands import AppCrashed, drill, run_app
from prepdeck.cli.card_commands import card
from prepdeck.cli.deck_commands import deck
from prepdeck.cli.locate_command import locate
from prepdeck.cli.reviews_commands import reviews
from prepdeck.cli.stats_command import stats
from prepdeck.errors import PrepdeckError


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(
    __version__, "--version", prog_name="prepdeck", message="%(prog)s %(version)s"
)
@click.pass_context
def cli(context: click.Context) -> None:
    """Interview training with spaced repetition."""
    if context.invoked_subcommand is None:
        run_app()


for command in (card, deck, drill, locate, reviews, stats):
    cli.add_command(command)


def main(argv: list[str] | None = None) -> None:
    """Run the CLI: user errors exit 1 in one line each, bugs exit 2 with a log file."""
    try:
        cli.main(args=argv, prog_name="prepdeck", standalone_mode=False)
    except PrepdeckError as error:
        # Located problems read PATH:LINE:COL: message, as editors and the contract expect.
        prefix = "" if error.located else "prepdeck: "
        for line in str(error).splitlines() or ["error"]:
            click.echo(f"{prefix}{line}", err=True)
        sys.exit(1)
    except click.exceptions.Abort:
        click.echo("prepdeck: aborted", err=True)
        sys.exit(1)
    except click.ClickException as error:
        error.show()
        sys.exit(1 if error.exit_code == 2 else error.exit_code)
    except click.exceptions.Exit as done:
        sys.exit(done.exit_code)
    except KeyboardInterrupt:
        sys.exit(130)
    except AppCrashed as crash:
        log = _write_crash_log(crash.report)
        click.echo(f"prepdeck: internal error; details in {log}", err=True)
        sys.exit(2)
    except Exception:  # the last line of defence: log it, never show a traceback
        import traceback  # only on this path: it costs every command's start otherwise

        log = _write_crash_log(traceback.format_exc())
        click.echo(f"prepdeck: internal error; details in {log}", err=True)
        sys.exit(2)


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
