"""Which files are agreement files: the one discovery rule for every command.

A folder is searched recursively for ``*.yaml`` and ``*.yml`` files, in sorted order; a file
given by name is taken as it is.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from mineralpacts.errors import UsageError

__all__ = ["expand_paths"]


def expand_paths(paths: Sequence[str | os.PathLike[str]]) -> list[Path]:
    """Files to check: YAML files as given, folders searched for ``*.yaml``/``*.yml``.

    Raises :class:`UsageError` for a path that does not exist or a folder with no YAML file.
    """
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())
            if not found:
                raise UsageError(f"{raw}: folder holds no .yaml files")
            files += found
        elif path.is_file():
            files.append(path)
        else:
            raise UsageError(f"{raw}: no such file or folder")
    return list(dict.fromkeys(files))
