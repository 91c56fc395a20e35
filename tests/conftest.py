"""Every test runs against its own empty home: none ever sees a real user's data."""

from __future__ import annotations

import gc
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("PREPDECK_HOME", str(home))
    monkeypatch.setenv("NO_COLOR", "1")
    return home


@pytest.fixture(autouse=True, scope="session")
def utc_local_time() -> None:
    """App days follow local time; pin it so day boundaries in tests are the same anywhere."""
    import os

    os.environ["TZ"] = "UTC"
    time.tzset()


@pytest.fixture(autouse=True)
def collector_released() -> Iterator[None]:
    """The app freezes its objects out of the garbage collector while it runs; a test's
    app is over when the test is, so everything goes back for the next test."""
    yield
    gc.unfreeze()
    gc.enable()
