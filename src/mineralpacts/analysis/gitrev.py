"""Reading agreement files as they were at a git revision (``git`` run as a subprocess, no shell).

Every failure becomes a :class:`~mineralpacts.errors.UsageError` that names the problem: git is
not installed, the folder is not in a git repository, the revision does not exist.
"""

from __future__ import annotations

import subprocess
from pathlib import Path, PurePosixPath

from mineralpacts.errors import UsageError

__all__ = ["GitTree", "split_revision"]


def split_revision(spec: str) -> tuple[str, str | None]:
    """Split ``name@REV`` into (name, REV); (spec, None) when there is no ``@``."""
    name, sep, rev = spec.rpartition("@")
    if not sep:
        return spec, None
    if not name or not rev:
        raise UsageError(f"{spec!r}: write ID@REV or PATH@REV, e.g. uk-japan-2023@HEAD~1")
    return name, rev


class GitTree:
    """The git repository that holds ``folder``."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder.resolve()
        out = self._git("rev-parse", "--show-toplevel", cwd=self.folder, check=False)
        if out.returncode != 0:
            raise UsageError(f"{folder} is not in a git repository; ID@REV and --since need one")
        self.top = Path(out.stdout.decode("utf-8").strip()).resolve()

    @staticmethod
    def _git(*args: str, cwd: Path, check: bool = True) -> subprocess.CompletedProcess[bytes]:
        try:
            result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
        except FileNotFoundError:
            raise UsageError("git is not installed (needed for ID@REV and --since)") from None
        if check and result.returncode != 0:
            message = result.stderr.decode("utf-8", "replace").strip().splitlines()
            raise UsageError(f"git {args[0]} failed: {message[-1] if message else result.returncode}")
        return result

    def verify(self, rev: str) -> str:
        """The commit id of ``rev``; :class:`UsageError` when it names no commit."""
        if rev.startswith("-") or not rev.strip():
            raise UsageError(f"{rev!r} is not a git revision")
        out = self._git(
            "rev-parse",
            "--verify",
            "--quiet",
            "--end-of-options",
            f"{rev}^{{commit}}",
            cwd=self.top,
            check=False,
        )
        if out.returncode != 0:
            raise UsageError(f"unknown git revision {rev!r} (try HEAD~1, a branch, a tag or a commit id)")
        return out.stdout.decode().strip()

    def relative(self, path: Path) -> str:
        """``path`` relative to the top of the repository, with forward slashes."""
        full = path if path.is_absolute() else Path.cwd() / path
        try:
            return PurePosixPath(full.resolve().relative_to(self.top)).as_posix()
        except ValueError:
            raise UsageError(f"{path} is not inside the git repository {self.top}") from None

    def read(self, rev: str, path: Path) -> bytes | None:
        """The bytes of ``path`` at ``rev``, or None when the file did not exist there."""
        commit = self.verify(rev)
        spec = f"{commit}:{self.relative(path)}"
        if self._git("cat-file", "-e", spec, cwd=self.top, check=False).returncode != 0:
            return None
        return self._git("show", spec, cwd=self.top).stdout

    def files(self, rev: str, folder: Path) -> list[str]:
        """Paths (relative to ``folder``, with ``/``) of the files inside ``folder`` at ``rev``,
        subfolders included, as the discovery rule of :mod:`mineralpacts.files.discover` finds them."""
        commit = self.verify(rev)
        rel = self.relative(folder)
        prefix = "" if rel == "." else rel + "/"
        out = self._git(
            "ls-tree", "-r", "--name-only", "-z", commit, "--", prefix or ".", cwd=self.top
        ).stdout
        names = [n.decode("utf-8", "replace") for n in out.split(b"\0") if n]
        return sorted(n[len(prefix) :] for n in names if n.startswith(prefix))
