"""Whether another prepdeck has a home's database open: a restore waits for it to close,
and ``prepdeck serve`` opens no second app on the same home."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def database_in_use(database: Path) -> bool:
    """Whether another connection has ``database`` open.

    An exclusive lock is refused while any other connection holds the file, even one that
    is only reading; the probe takes it for an instant and lets it go, and a missing or
    damaged file is in nobody's use.
    """
    if not database.exists():
        return False
    try:
        probe = sqlite3.connect(database, timeout=0.1, isolation_level=None)
    except sqlite3.Error:
        return False
    try:
        probe.execute("PRAGMA locking_mode = EXCLUSIVE")
        probe.execute("BEGIN EXCLUSIVE")
        probe.execute("ROLLBACK")
    except sqlite3.OperationalError as error:
        return "locked" in str(error) or "busy" in str(error)
    except sqlite3.DatabaseError:
        return False  # Damaged: nobody can be using it for work.
    finally:
        probe.close()
    return False
