"""The ``prepdeck`` console script.

The bare ``prepdeck`` opens the app without loading the command line (click and the
subcommands): it has no options to parse, and its start is the one people wait for.
Nor do ``deck list --json`` and ``stats --json`` with flags only (``prepdeck.cli.quick``):
scripts call them often, and click was a good part of their start.

The cyclic garbage collector is off until the command is running: importing the CLI,
and for the app Textual and its screens, allocates a great deal and frees almost
nothing, so the collector's passes during it are pure start-up delay. A subcommand turns
it back on as it starts; the app does once its first frame is on screen. The quick
commands leave it off (``prepdeck.cli.quick.run_quick``).
"""

from __future__ import annotations

import gc
import sys


def main() -> None:
    gc.disable()
    if len(sys.argv) <= 1:
        from prepdeck.cli.guard import guarded
        from prepdeck.cli.open_app import run_app

        with guarded():
            code = run_app()
        sys.exit(code)
    from prepdeck.cli.quick import quick_command, run_quick

    quick = quick_command(sys.argv[1:])
    if quick is not None:
        run_quick(quick)
        return
    from prepdeck.cli import main as run

    run()
