"""Writing files so that nothing is ever half-written: build beside the target, then rename.

Every command that writes goes through this module: ``schema``, ``render``, ``timeline``,
``docs``, ``fmt`` and the docs generator write single files with
:func:`atomic_write_bytes` / :func:`atomic_write_text`; ``export`` streams into
:func:`atomic_file`; ``new`` uses :func:`create_exclusive` (never overwrites); ``export`` and
``render --site`` build whole folders with :func:`replace_folder`. A failure at any point leaves
the target as it was and no temporary file behind.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

from mineralpacts.errors import UsageError

__all__ = ["atomic_file", "atomic_write_bytes", "atomic_write_text", "create_exclusive", "replace_folder"]


def _folder_of(target: Path) -> Path:
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise UsageError(f"{target}: folder {folder} does not exist")
    return folder


@contextlib.contextmanager
def atomic_file(target: Path, mode: str = "w") -> Iterator[tuple[Path, IO[Any] | None]]:
    """Yield a temporary path beside ``target`` and, for ``mode`` ``"w"`` or ``"wb"``, a handle on it.

    With ``mode=""`` the temporary file is created empty and closed, for writers that open the
    path themselves (SQLite). On success it replaces ``target``; on any error it is removed
    and ``target`` is left as it was.
    """
    fd, name = tempfile.mkstemp(dir=_folder_of(target), prefix=f".{target.name}.", suffix=".tmp")
    tmp = Path(name)
    try:
        if mode == "w":
            with os.fdopen(fd, mode, encoding="utf-8", newline="") as fh:
                yield tmp, fh
        elif mode == "wb":
            with os.fdopen(fd, mode) as fh:
                yield tmp, fh
                fh.flush()
                os.fsync(fh.fileno())
        else:
            os.close(fd)
            yield tmp, None
        os.chmod(tmp, target.stat().st_mode & 0o777 if target.exists() else 0o644)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` atomically: readers see the old file or the new one, never a part.

    An existing file keeps its permissions. Raises :class:`UsageError` when the folder does not
    exist or the file cannot be written (a folder in the way, no permission, a full disk).
    """
    target = Path(path)
    try:
        with atomic_file(target, "wb") as (_, fh):
            assert fh is not None
            fh.write(data)
    except OSError as exc:
        raise UsageError(f"{target}: cannot write: {exc.strerror or exc}") from None


def atomic_write_text(path: str | os.PathLike[str], text: str) -> None:
    """Write UTF-8 ``text`` to ``path`` atomically (see :func:`atomic_write_bytes`)."""
    atomic_write_bytes(path, text.encode("utf-8"))


def create_exclusive(path: Path, data: bytes) -> None:
    """Write a new file atomically; raise :class:`FileExistsError` if it exists (even if it appears meanwhile)."""
    fd, tmp = tempfile.mkstemp(dir=_folder_of(path), prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        try:
            os.link(tmp, path)  # fails if the target exists: no overwrite, no race
        except FileExistsError:
            raise
        except OSError:  # a file system without hard links: check, then rename
            if path.exists():
                raise FileExistsError(path) from None
            os.replace(tmp, path)
    finally:
        Path(tmp).unlink(missing_ok=True)


def replace_folder(target: Path, build: Callable[[Path], None], allowed: Callable[[Path], bool]) -> None:
    """Build a folder with ``build(tmp)`` beside ``target``, then swap it in for ``target``.

    An existing ``target`` is replaced only when ``allowed(target)`` says it is ours to replace
    (raises :class:`UsageError` otherwise); on any error nothing at ``target`` changes.
    """
    if target.exists():
        if not target.is_dir():
            raise UsageError(f"{target} is a file; give a folder path for this output")
        if any(target.iterdir()) and not allowed(target):
            raise UsageError(
                f"{target} is a folder that holds other files; give a new or empty folder "
                "(it is replaced whole, so it may only hold an earlier output of this command)"
            )
    tmp = Path(tempfile.mkdtemp(dir=_folder_of(target), prefix=f".{target.name}.", suffix=".tmp"))
    try:
        build(tmp)
        tmp.chmod(0o755)
        if target.exists():
            old = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.", suffix=".old"))
            os.replace(target, old / "x")
            os.replace(tmp, target)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
