"""The ``prepdeck`` console script.

The cyclic garbage collector is off until the command is running: importing the CLI,
and for the app Textual and its screens, allocates a great deal and frees almost
nothing, so the collector's passes during it are pure start-up delay. A subcommand turns
it back on as it starts; the app does once its first frame is on screen.
"""

from __future__ import annotations

import gc


def main() -> None:
    gc.disable()
    from prepdeck.cli import main as run

    run()
