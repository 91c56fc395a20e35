"""When the cyclic garbage collector may run, so that its full passes never land between a
key and the frame that answers it.

A full pass walks every object the process holds, long enough to be seen between a key
and its frame (docs/architecture.md, "Hot paths"). The objects built at start-up and the
widgets of a drill live as long as the app or the drill, so they are frozen out of the
collector's walks while in use, and given back to it when a drill closes, once the home
is on screen again.
"""

from __future__ import annotations

import gc


def settle_after_start() -> None:
    """Start-up is done: freeze what it built and let the collector run again.

    The command line turns the collector off while the app is imported and built (see
    ``prepdeck.launch``): nothing made then is garbage worth a pass.
    """
    gc.freeze()
    gc.enable()


def hold_drill() -> None:
    """A drill's widgets are built: keep them out of the collector's walks."""
    gc.freeze()


def release_drill() -> None:
    """A drill has closed: give its widgets back to the collector and sweep them."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()
