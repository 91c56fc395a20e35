"""What SQLite plans for the queries a store call runs: to check that one reads an index."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from prepdeck.store import Store
from prepdeck.store.db import Db


@contextmanager
def plans_of_queries(store: Store, monkeypatch: pytest.MonkeyPatch) -> Iterator[list[list[str]]]:
    """Collects, for each ``Db.rows`` query run inside, the steps of its query plan (read
    once the block ends, on a connection of its own)."""
    queries: list[tuple[str, Any]] = []
    original: Callable[..., list[tuple[object, ...]]] = Db.rows

    def spy(self: Db, sql: str, parameters: Any = ()) -> list[tuple[object, ...]]:
        queries.append((sql, parameters))
        return original(self, sql, parameters)

    plans: list[list[str]] = []
    with monkeypatch.context() as patch:
        patch.setattr(Db, "rows", spy)
        yield plans
    connection = sqlite3.connect(Path(store.path))
    try:
        for sql, parameters in queries:
            steps = connection.execute("EXPLAIN QUERY PLAN " + sql, parameters)
            plans.append([row[3] for row in steps])
    finally:
        connection.close()
