"""Which files a folder holds: the scandir walk lists exactly what rglob and sorting gave."""

from __future__ import annotations

from pathlib import Path

import pytest

from mineralpacts.files.discover import expand_paths, yaml_files, yaml_signatures


def test_walk_equals_rglob_on_a_tricky_tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "agreements"
    for rel in (
        "b.yaml",
        "a.yml",
        "a-b.yaml",
        "a/b.yaml",
        "a/c/d.yaml",
        ".hidden/x.yaml",
        "x.tar.yaml",
        "..yaml",
    ):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text("id: x\n")
    (root / ".yaml").write_text("")  # no suffix: not an agreement file
    (root / "notes.txt").write_text("")
    (root / "dir.yaml").mkdir()
    (root / "link.yaml").symlink_to(root / "b.yaml")
    (root / "broken.yaml").symlink_to(root / "missing.yaml")
    (root / "linked-dir").symlink_to(root / "a")
    expected = sorted(p for p in root.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())
    assert yaml_files(root) == expected
    assert expand_paths([root]) == expected
    # the store's listing is the same rule: the same files, named by their path in the folder
    assert sorted(yaml_signatures(root)) == sorted(p.relative_to(root).as_posix() for p in expected)
    relative = Path("agreements")
    monkeypatch.chdir(tmp_path)
    assert yaml_files(relative) == sorted(
        p for p in relative.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file()
    )
