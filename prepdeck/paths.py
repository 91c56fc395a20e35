"""Where prepdeck keeps its files: every directory decision lives here."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import NamedTuple

HOME_VARIABLE = "PREPDECK_HOME"


class Locations(NamedTuple):
    home: Path
    database: Path
    config: Path
    backups: Path
    logs: Path

    def to_json(self) -> dict[str, str]:
        return {
            "home": str(self.home),
            "database": str(self.database),
            "config": str(self.config),
            "backups": str(self.backups),
            "logs": str(self.logs),
        }


def home_directory() -> Path:
    """``$PREPDECK_HOME`` when set, else the platform's user data directory."""
    configured = os.environ.get(HOME_VARIABLE, "").strip()
    if configured:
        return Path(configured).expanduser().resolve()
    data = _xdg_data_home()
    if data is not None:
        return (data / "prepdeck").resolve()
    # Imported only here: a home named by the variable, or by the XDG rules on Linux,
    # never needs it (docs/architecture.md).
    from platformdirs import user_data_path

    return user_data_path("prepdeck", appauthor=False).resolve()


def _xdg_data_home() -> Path | None:
    """The user data directory on Linux where the XDG Base Directory rules leave no
    doubt: ``$XDG_DATA_HOME`` when absolute, else ``~/.local/share`` under an absolute
    ``$HOME``. platformdirs (4.2 and since) answers the same in both cases; every other
    case (another system, Android, a relative or blank variable) is left to it."""
    if sys.platform != "linux" or "ANDROID_DATA" in os.environ:
        return None
    configured = os.environ.get("XDG_DATA_HOME", "")
    if configured:
        return Path(configured) if Path(configured).is_absolute() else None
    home = os.environ.get("HOME", "")
    return Path("~/.local/share").expanduser() if Path(home).is_absolute() else None


def locations(home: Path | None = None) -> Locations:
    """The paths inside a home; nothing is created until something is written."""
    root = home if home is not None else home_directory()
    return Locations(
        home=root,
        database=root / "prepdeck.sqlite3",
        config=root / "config.toml",
        backups=root / "backups",
        logs=root / "logs",
    )


def bundled_decks_directory() -> Path:
    """The decks shipped with prepdeck: inside the wheel, or ``decks/`` in a source checkout."""
    package = Path(__file__).resolve().parent
    installed = package / "_bundled_decks"
    if installed.is_dir():
        return installed
    return package.parent / "decks"


def bundled_hashes(home: Path) -> Path:
    """Where a home remembers the hash of each bundled deck file, so that a start finding
    them unchanged reads none of them (``library.bundled``)."""
    return home / "bundled-hashes.json"


def sync_clones(home: Path) -> Path:
    """Where a sync keeps its clones of git remotes, one folder per remote."""
    return home / "sync"
