"""The user's own text editor (``$VISUAL``, else ``$EDITOR``), run on a text while the app
hands it the terminal."""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path

from textual.app import App

from prepdeck.errors import PrepdeckError


def editor_command() -> list[str] | None:
    """The editor the user chose, as words to run; None when they chose none."""
    for name in ("VISUAL", "EDITOR"):
        words = shlex.split(os.environ.get(name, ""))
        if words:
            return words
    return None


def edit_in_editor(app: App[object], command: list[str], text: str) -> str | None:
    """``text`` as the editor left it; None when the editor failed (a non-zero exit) or
    left the file as it was, which saves nothing. Raises SuspendNotSupported where the app
    cannot hand over its terminal, and PrepdeckError when the editor cannot be started."""
    descriptor, name = tempfile.mkstemp(prefix="prepdeck-answer-", suffix=".md")
    path = Path(name)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as file:
            file.write(text)
        with _terminal_of(app):
            try:
                done = subprocess.run([*command, str(path)], check=False)
            except OSError as error:
                raise PrepdeckError(
                    f"cannot run the editor {command[0]}: {error.strerror or error}"
                ) from None
        if done.returncode != 0:
            return None
        written = path.read_text(encoding="utf-8", errors="replace")
        return None if written == text else written
    finally:
        path.unlink(missing_ok=True)


def _terminal_of(app: App[object]) -> AbstractContextManager[None]:
    # A headless app (the tests') draws on no terminal, so there is none to hand over.
    return nullcontext() if app.is_headless else app.suspend()
