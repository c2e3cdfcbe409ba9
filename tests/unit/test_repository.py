"""Finding the data and the cached read path: same answer whichever way it is read."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from mineralpacts.check import bulk
from mineralpacts.check.validate import validate_paths
from mineralpacts.errors import NotFound, RepositoryNotFound
from mineralpacts.model.agreement import Agreement
from mineralpacts.store.repository import Repository, bundled_folder, find_folder
from tests.conftest import AGREEMENTS


def test_search_order_explicit_then_env_then_cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    a, b = tmp_path / "a" / "agreements", tmp_path / "b" / "agreements"
    a.mkdir(parents=True)
    b.mkdir(parents=True)
    deep = tmp_path / "b" / "x" / "y"
    deep.mkdir(parents=True)
    monkeypatch.setenv("PACTS_REPO", str(a.parent))
    assert find_folder(b) == b
    assert find_folder(None) == a
    monkeypatch.delenv("PACTS_REPO")
    assert find_folder(None, cwd=deep) == b


def test_falls_back_to_the_bundled_snapshot(tmp_path: Path) -> None:
    assert find_folder(None, cwd=tmp_path) == bundled_folder()
    assert bundled_folder() is not None


def test_missing_explicit_folder_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(RepositoryNotFound, match="not a folder"):
        find_folder(tmp_path / "nope")


def test_cached_uncached_and_validated_reads_agree(repo_copy: Path) -> None:
    uncached = Repository.load(repo_copy, use_cache=False)
    cold = Repository.load(repo_copy)
    warm = Repository.load(repo_copy)
    left_out = {Path(d.path).stem for d in cold.problems}
    report = validate_paths([repo_copy])
    validated = {
        r.agreement.id: r.agreement for r in report.files if r.agreement and r.agreement.id not in left_out
    }
    assert uncached.agreements == cold.agreements == warm.agreements == validated
    assert len(uncached) + len(left_out) == len(list(repo_copy.glob("*.yaml")))


def test_cache_follows_file_content(repo_copy: Path) -> None:
    Repository.load(repo_copy)
    path = repo_copy / "uk-japan-2023.yaml"
    path.write_text(
        path.read_text("utf-8").replace("short_title: UK–Japan", "short_title: Changed UK–Japan"), "utf-8"
    )
    assert Repository.load(repo_copy).get("uk-japan-2023").short_title.startswith("Changed")


def test_corrupt_cache_is_ignored(repo_copy: Path) -> None:
    Repository.load(repo_copy)
    cache_dir = Path(os.environ["XDG_CACHE_HOME"]) / "mineralpacts"
    stores = list(cache_dir.glob("store-*.sqlite"))
    assert stores
    for f in stores:
        f.write_text("{not a database")
    assert len(Repository.load(repo_copy)) == len(list(repo_copy.glob("*.yaml")))


def test_invalid_files_are_left_out_and_reported(repo_copy: Path) -> None:
    (repo_copy / "broken.yaml").write_text("id: [\n")
    repo = Repository.load(repo_copy)
    assert "uk-japan-2023" in repo
    assert [d.code for d in repo.problems] == ["Y010"]


def test_a_file_that_breaks_a_model_rule_is_left_out_and_reported(repo_copy: Path) -> None:
    path = repo_copy / "uk-japan-2023.yaml"
    # a signing date in the future: the model accepts the shape, its rule M203 rejects the value
    path.write_text(path.read_text("utf-8").replace("date: '2023-10-28'", "date: '2099-10-28'", 1), "utf-8")
    assert not validate_paths([path]).ok
    for use_cache in (True, False):
        repo = Repository.load(repo_copy, use_cache=use_cache)
        assert "uk-japan-2023" not in repo and "uk-us-2026" in repo
        assert {d.path for d in repo.problems if d.severity == "error"} == {str(path)}


def test_get_unknown_id_suggests_nearest() -> None:
    with pytest.raises(NotFound) as info:
        Repository.load(AGREEMENTS).get("uk-japn-2023")
    assert info.value.suggestions[0] == "uk-japan-2023"


def test_iteration_is_in_id_order() -> None:
    ids = [a.id for a in Repository.load(AGREEMENTS)]
    assert ids == sorted(ids)
    assert all(isinstance(a, Agreement) for a in Repository.load(AGREEMENTS))


def test_unreadable_cache_folder_does_not_break_loading(
    repo_copy: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert len(Repository.load(repo_copy)) > 0
    shutil.rmtree(repo_copy)
    with pytest.raises(RepositoryNotFound):
        Repository.load(repo_copy)


def test_unreadable_file_is_a_problem_not_a_crash(repo_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = repo_copy / "uk-us-2026.yaml"
    real = bulk.read_file

    def flaky(path: str | os.PathLike[str]) -> bulk.Content | OSError:
        if Path(path) == target:
            return FileNotFoundError(2, "No such file or directory")
        return real(path)

    monkeypatch.setattr(bulk, "read_file", flaky)
    monkeypatch.setattr(bulk, "jobs", lambda: 1)  # one process: spawned workers would not see the patch
    repo = Repository.load(repo_copy, use_cache=False)
    assert "uk-us-2026" not in repo and "uk-japan-2023" in repo
    assert [d.code for d in repo.problems] == ["Y001"]


def test_reads_and_validate_find_the_same_files_subfolders_included(repo_copy: Path) -> None:
    # one discovery rule (files/discover.py): a file moved into a subfolder is still read and
    # checked, never silently dropped by one command and kept by another
    nested = repo_copy / "archive"
    nested.mkdir()
    shutil.move(repo_copy / "uk-japan-2023.yaml", nested / "uk-japan-2023.yaml")
    (nested / "notes.txt").write_text("not an agreement", "utf-8")
    checked = {Path(f.path).resolve() for f in validate_paths([repo_copy]).files}
    for use_cache in (True, False):
        repo = Repository.load(repo_copy, use_cache=use_cache)
        assert repo.paths["uk-japan-2023"] == nested / "uk-japan-2023.yaml"
        assert {p.resolve() for p in repo.paths.values()} == checked
