"""Atomic writes: the old file or the new one, never a part, and a clear error for a bad path."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from mineralpacts.errors import UsageError
from mineralpacts.files.atomic import atomic_file, atomic_write_text, create_exclusive


def test_replaces_and_keeps_permissions(tmp_path: Path) -> None:
    target = tmp_path / "a.txt"
    target.write_text("old")
    target.chmod(0o600)
    atomic_write_text(target, "new")
    assert target.read_text() == "new"
    assert target.stat().st_mode & 0o777 == 0o600
    assert os.listdir(tmp_path) == ["a.txt"]


def test_failure_midway_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "a.txt"
    target.write_text("old")
    with pytest.raises(RuntimeError), atomic_file(target) as (_, fh):
        assert fh is not None
        fh.write("half")
        raise RuntimeError("disk full")
    assert target.read_text() == "old"
    assert os.listdir(tmp_path) == ["a.txt"]


@pytest.mark.parametrize("where", ["missing-folder/a.txt", "a-folder"])
def test_bad_targets_are_usage_errors(tmp_path: Path, where: str) -> None:
    (tmp_path / "a-folder").mkdir()
    with pytest.raises(UsageError):
        atomic_write_text(tmp_path / where, "x")
    assert sorted(os.listdir(tmp_path)) == ["a-folder"]
    assert os.listdir(tmp_path / "a-folder") == []


def test_create_exclusive_never_overwrites(tmp_path: Path) -> None:
    target = tmp_path / "new.yaml"
    create_exclusive(target, b"first")
    with pytest.raises(FileExistsError):
        create_exclusive(target, b"second")
    assert target.read_bytes() == b"first"
    assert os.listdir(tmp_path) == ["new.yaml"]


@pytest.mark.parametrize(
    "args",
    [
        ("schema", "--output"),
        ("render", "uk-japan-2023", "--output"),
        ("timeline", "--format", "json", "--output"),
        ("stats", "--output"),
    ],
    ids=["schema", "render", "timeline", "stats"],
)
def test_commands_refuse_an_unwritable_output_cleanly(
    invoke: Any, tmp_path: Path, args: tuple[str, ...]
) -> None:
    folder = tmp_path / "a-folder"
    folder.mkdir()
    for target in (folder, tmp_path / "missing" / "out.txt"):
        result = invoke(*args, str(target))
        assert result.exit_code == 2, (args, target, result.stderr)
        assert "internal error" not in result.stderr and str(target.name) in result.stderr
    assert os.listdir(folder) == [] and sorted(os.listdir(tmp_path)) == ["a-folder"]
