"""Where a sync's batches live: a folder the user already shares, or a git remote cloned
into the home and pushed to."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from prepdeck.errors import SyncError
from prepdeck.formats.sync_batch import BATCH_NAME
from prepdeck.sync.git import Git

HOMES = "prepdeck-homes"
"""The folder of the remote holding one folder per home, each of its own batches."""

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_SCP_LIKE = re.compile(r"^[\w.-]+@[\w.-]+:")


class FolderRemote:
    """A folder synced by some other tool (Syncthing, a network drive, a cloud drive)."""

    __slots__ = ("description", "root")

    def __init__(self, root: Path) -> None:
        self.root = root
        self.description = str(root)

    def open(self) -> None:
        if not self.root.is_dir():
            raise SyncError(
                f"sync remote {self.root}: no such folder (create it, or mount its drive, first)"
            )

    def publish(self, home_id: str) -> None:
        """Nothing to do: the tool that shares the folder carries the new files."""


class GitRemote:
    """A git repository, cloned into the home; batches are committed and pushed."""

    __slots__ = ("_git", "description", "root", "url")

    def __init__(self, url: str, clones: Path) -> None:
        self.url = url
        self.description = url
        self.root = clones / hashlib.sha256(url.encode("utf-8")).hexdigest()[:16]
        self._git = Git(self.root, name="prepdeck", email="sync@prepdeck.invalid")

    def open(self) -> None:
        """Clone the remote on first use, else bring in what other homes pushed."""
        if not (self.root / ".git").is_dir():
            self.root.parent.mkdir(parents=True, exist_ok=True)
            self._git.run("clone", "--quiet", self.url, str(self.root), cwd=self.root.parent)
        self._git.run("fetch", "--quiet", "origin")
        self._merge()

    def _branch(self) -> str:
        return self._git.run("symbolic-ref", "--short", "HEAD").strip()

    def _upstream(self) -> str | None:
        ref = f"refs/remotes/origin/{self._branch()}"
        return ref if self._git.succeeds("rev-parse", "--verify", "--quiet", ref) else None

    def _merge(self) -> None:
        # Homes only ever add files, each to a folder of its own: these merges never conflict.
        upstream = self._upstream()
        if upstream is not None:
            try:
                self._git.run("merge", "--quiet", "--no-edit", upstream)
            except SyncError as error:
                # Two copies of one database writing under one home id can make one: the
                # clone is put back as it was, so that the next sync starts clean.
                self._git.succeeds("merge", "--abort")
                raise SyncError(
                    f"cannot merge what {self.url} holds into the home's copy of it "
                    f"({error}); the copy is left as it was"
                ) from None
            return
        if self._git.succeeds("rev-parse", "--verify", "--quiet", "HEAD"):
            return
        # Cloned while the remote was empty, under a branch name other than the one the
        # first home pushed (two machines' gits may name their first branch apart).
        names = self._git.run("for-each-ref", "--format=%(refname)", "refs/remotes/origin").split()
        pushed = [n for n in names if n != "refs/remotes/origin/HEAD"]
        if pushed:
            branch = pushed[0].removeprefix("refs/remotes/origin/")
            self._git.run("checkout", "--quiet", "-B", branch, pushed[0])

    def publish(self, home_id: str) -> None:
        """Commit this home's new batches and push them; a refused push is tried once
        more after merging what was pushed meanwhile."""
        folder = self.root / HOMES / home_id
        names = sorted(p.name for p in folder.glob("*.jsonl") if BATCH_NAME.fullmatch(p.name))
        if names:
            self._git.run("add", "--", *(f"{HOMES}/{home_id}/{name}" for name in names))
            # Only the batches staged: a temporary file a killed sync left is never committed.
            if not self._git.succeeds("diff", "--cached", "--quiet"):
                self._git.run("commit", "--quiet", "-m", f"prepdeck sync: home {home_id}")
        if not self._ahead():
            return
        for attempt in range(2):
            try:
                self._git.run("push", "--quiet", "origin", f"HEAD:{self._branch()}", what="push")
                return
            except SyncError as error:
                if attempt == 1:
                    reason = str(error).removeprefix("git push failed: ")
                    raise SyncError(f"git push to {self.url} was refused: {reason}") from None
                self._git.run("fetch", "--quiet", "origin")
                self._merge()

    def _ahead(self) -> bool:
        if not self._git.succeeds("rev-parse", "--verify", "--quiet", "HEAD"):
            return False
        upstream = self._upstream()
        if upstream is None:
            return True
        return self._git.run("rev-list", "--count", f"{upstream}..HEAD").strip() != "0"


Remote = FolderRemote | GitRemote


def resolve_remote(text: str, clones: Path) -> Remote:
    """A URL, a ``user@host:path`` or a bare repository's folder is a git remote; any
    other folder is shared as it is. A path that does not exist is refused."""
    if _URL.match(text) or _SCP_LIKE.match(text):
        return GitRemote(text, clones)
    path = Path(text).expanduser()
    if path.is_dir() and (path / "HEAD").is_file() and (path / "objects").is_dir():
        return GitRemote(str(path.resolve()), clones)
    if not path.is_dir() and path.suffix == ".git":
        return GitRemote(text, clones)
    return FolderRemote(path.resolve() if path.exists() else path)
