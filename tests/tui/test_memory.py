"""When the drill runs the garbage collector: after a key's frame, on the collector's own
schedule."""

from __future__ import annotations

import gc
from typing import Any

from prepdeck.tui.memory import collect_after_frame


def test_collecting_after_each_frame_keeps_the_collectors_schedule() -> None:
    collected: list[int] = []

    def watch(phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            collected.append(info["generation"])

    gc.collect()  # every generation's count back to zero
    gc.callbacks.append(watch)
    try:
        every = gc.get_threshold()[1]
        for _ in range(every + 1):
            collect_after_frame()
            # The young generation is left empty for the next key.
            assert gc.get_count()[0] < 50
    finally:
        gc.callbacks.remove(watch)
    # The young generation each time, and the next one when the collector would have
    # moved on to it: after as many young passes as its threshold.
    assert collected == [0] * every + [1]
