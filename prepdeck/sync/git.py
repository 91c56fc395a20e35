"""The user's own git, run as a subprocess: the only module of prepdeck that calls it.

Every call passes an identity of its own (``-c user.name=... -c user.email=...``), so a
sync never depends on one being configured, and sets no prompt: a remote that asks for
a password fails at once instead of waiting on a terminal no one watches.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from prepdeck.errors import SyncError

TIMEOUT = 300
"""Seconds a git command may take (a first clone of a large remote) before it is stopped."""


class Git:
    """git in one working copy, committing as ``name``."""

    __slots__ = ("_email", "_executable", "_name", "work_tree")

    def __init__(self, work_tree: Path, *, name: str, email: str) -> None:
        executable = shutil.which("git")
        if executable is None:
            raise SyncError("git is not installed (or not on PATH): a git remote needs it")
        self._executable = executable
        self.work_tree = work_tree
        self._name = name
        self._email = email

    def run(self, *arguments: str, cwd: Path | None = None, what: str = "") -> str:
        """Standard output of ``git ARGUMENTS``; a failure is one line naming its reason."""
        command = [
            self._executable,
            "-c",
            f"user.name={self._name}",
            "-c",
            f"user.email={self._email}",
            *arguments,
        ]
        environment = dict(os.environ, GIT_TERMINAL_PROMPT="0", LC_ALL="C")
        if "GIT_SSH_COMMAND" not in environment and "GIT_SSH" not in environment:
            # ssh asks for a passphrase on the terminal itself: in batch mode it fails.
            environment["GIT_SSH_COMMAND"] = "ssh -o BatchMode=yes"
        try:
            done = subprocess.run(
                command,
                cwd=cwd or self.work_tree,
                capture_output=True,
                text=True,
                env=environment,
                timeout=TIMEOUT,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise SyncError(f"git {arguments[0]} took over {TIMEOUT} s and was stopped") from None
        except OSError as error:
            raise SyncError(f"git cannot be run: {error.strerror or error}") from None
        if done.returncode != 0:
            reason = _first_error_line(done.stderr) or f"exit status {done.returncode}"
            raise SyncError(f"git {what or arguments[0]} failed: {reason}")
        return done.stdout

    def succeeds(self, *arguments: str) -> bool:
        try:
            self.run(*arguments)
        except SyncError:
            return False
        return True


def _first_error_line(stderr: str) -> str:
    """The line of git's complaint worth showing: its first ``fatal:``/``error:`` line,
    else its first line."""
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    for line in lines:
        if line.startswith(("fatal:", "error:", " ! [rejected]", "! [rejected]")):
            return line
    return lines[0] if lines else ""
