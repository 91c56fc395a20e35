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


def collect_after_frame() -> None:
    """A key's frame is drawn: run now the collection the next allocations would have
    started, so that the next key starts with an empty young generation.

    The collector runs when 700 objects more were made than freed, which a grade, with
    its card and its frame, reaches: the pass fell between the key and its frame, a
    generation-1 pass (every tenth) taking one to several milliseconds. Run here, in the
    time the user takes to read, a young pass comes after every key's frame, more often
    than the collector's own count would start one (each is short: the young generation
    holds one key's objects), and an older generation is collected when its count says
    so. The full pass skips CPython's extra wait for a quarter of the long-lived objects
    to be new, so it may come sooner than the collector's own would: it costs time while
    the user reads, never between a key and its frame, and the drill's widgets are
    frozen out of it (``hold_drill``).
    """
    counts = gc.get_count()
    thresholds = gc.get_threshold()
    generation = 0
    # A pass of one generation counts one towards the next: the collector moves on to
    # the older generation when that count passes its threshold.
    if counts[1] + 1 > thresholds[1]:
        generation = 1
        if counts[2] + 1 > thresholds[2]:
            generation = 2
    gc.collect(generation)
