"""The indexed store: fresh by stat, re-checked by hash, one row per file, keyed by the code.

The pydantic model stays the one source of truth: on every real file and on a generated
repository, the store, a cold read, a warm read and an uncached read give the same agreements
and the same facets as validating each file on its own.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import os
import shutil
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from mineralpacts.check import bulk
from mineralpacts.check.validate import validate_paths
from mineralpacts.model.facets import facets_of
from mineralpacts.store import index
from mineralpacts.store.index import Store, fingerprint
from mineralpacts.store.outcomes import OutcomeCache
from mineralpacts.store.repository import Repository, load_agreement
from tests.conftest import AGREEMENTS, ROOT

GENERATOR = ROOT / "bench" / "generate.py"


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_generate", GENERATOR)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated repository of 40 valid files (read-only: copy it to change it)."""
    base = tmp_path_factory.mktemp("generated")
    _generator().generate(40, base, seed=11)
    return base / "agreements"


@pytest.fixture
def gen_copy(generated: Path, tmp_path: Path) -> Path:
    """A writable copy of the generated repository."""
    target = tmp_path / "generated" / "agreements"
    shutil.copytree(generated, target)
    return target


def _age(folder: Path) -> None:
    """Date every file back a minute, so the store trusts its stat signature."""
    past = dt.datetime.now().timestamp() - 60
    for p in folder.iterdir():
        os.utime(p, (past, past))


def _checked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record the files the store sends to be checked (parsed and validated)."""
    seen: list[str] = []
    real = bulk.check_many

    def spy(paths: Any, today: dt.date, worker: Any, processes: int | None = None) -> Any:
        seen.extend(Path(p).name for p in paths)
        return real(paths, today, worker, processes)

    monkeypatch.setattr(bulk, "check_many", spy)
    return seen


def _direct(folder: Path) -> dict[str, Any]:
    """Each file validated on its own, with no store at all."""
    out = {}
    for path in sorted(folder.glob("*.yaml")):
        agreement, _ = load_agreement(path.read_bytes(), str(path))
        if agreement is not None:
            out[agreement.id] = agreement
    return out


@pytest.mark.parametrize("which", ["real", "generated"])
def test_store_cold_warm_and_uncached_reads_agree_with_the_model(
    which: str, repo_copy: Path, gen_copy: Path
) -> None:
    folder = repo_copy if which == "real" else gen_copy
    _age(folder)
    uncached = Repository.load(folder, use_cache=False)
    cold = Repository.load(folder)
    warm = Repository.load(folder)
    direct = _direct(folder)
    left_out = {Path(d.path).stem for d in cold.problems}
    expected = {i: a for i, a in direct.items() if i not in left_out}
    assert dict(uncached.agreements) == dict(cold.agreements) == dict(warm.agreements) == expected
    assert warm.facets() == [facets_of(expected[i]) for i in sorted(expected)]
    if which == "generated":
        assert len(warm) == 40 and warm.problems == []
    validated = {r.agreement.id: r.agreement for r in validate_paths([folder]).files if r.agreement}
    assert {i: validated[i] for i in expected} == expected


def test_unchanged_files_are_not_read(gen_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _age(gen_copy)
    Repository.load(gen_copy)

    def no_read(path: Any) -> bulk.Content:
        raise AssertionError(f"{path} was read although its stat signature is unchanged")

    monkeypatch.setattr(bulk, "read_file", no_read)
    assert len(Repository.load(gen_copy)) == 40


def test_touched_file_is_hashed_not_parsed(gen_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _age(gen_copy)
    Repository.load(gen_copy)
    first = sorted(gen_copy.glob("*.yaml"))[0]
    past = dt.datetime.now().timestamp() - 30
    os.utime(first, (past, past))
    seen = _checked(monkeypatch)
    assert len(Repository.load(gen_copy)) == 40
    assert seen == []


def test_one_edit_rechecks_one_file(gen_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _age(gen_copy)
    repo = Repository.load(gen_copy)
    path = sorted(gen_copy.glob("*.yaml"))[3]
    ident = path.stem
    path.write_text(path.read_text("utf-8").replace("\nshort_title: ", "\nshort_title: Edited "), "utf-8")
    seen = _checked(monkeypatch)
    after = Repository.load(gen_copy)
    assert seen == [path.name]
    assert (after.get(ident).short_title or "").startswith("Edited ")
    assert after.get(ident) != repo.get(ident)


def test_added_and_removed_files_are_noticed(gen_copy: Path, tmp_path: Path) -> None:
    _age(gen_copy)
    before = Repository.load(gen_copy)
    gone = sorted(gen_copy.glob("*.yaml"))[0]
    moved = tmp_path / gone.name
    shutil.move(gone, moved)
    assert gone.stem not in Repository.load(gen_copy)
    shutil.copy(AGREEMENTS / "uk-japan-2023.yaml", gen_copy)
    shutil.move(moved, gen_copy / moved.name)
    after = Repository.load(gen_copy)
    assert set(after.agreements) == set(before.agreements) | {"uk-japan-2023"}


def test_a_change_of_code_drops_every_row(gen_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _age(gen_copy)
    Repository.load(gen_copy)
    monkeypatch.setattr(index, "fingerprint", lambda root=None: "another model")
    seen = _checked(monkeypatch)
    assert len(Repository.load(gen_copy)) == 40
    assert len(seen) == 40


def test_fingerprint_follows_the_model_vocabularies_and_rules(tmp_path: Path) -> None:
    package = Path(index.__file__).resolve().parents[1]
    copy = tmp_path / "mineralpacts"
    shutil.copytree(package, copy, ignore=shutil.ignore_patterns("__pycache__", "_bundled"))
    base = fingerprint(copy)
    assert base == fingerprint(copy)
    for changed in ("data/vocab.yaml", "model/agreement.py", "check/rules.py", "diagnostics.py"):
        target = copy / changed
        original = target.read_bytes()
        target.write_bytes(original + b"\n# changed\n")
        assert fingerprint(copy) != base, changed
        target.write_bytes(original)
    (copy / "cli" / "browse.py").write_text("# the CLI does not decide a file's outcome\n")
    assert fingerprint(copy) == base


def test_a_just_written_file_is_hashed_again(gen_copy: Path) -> None:
    path = sorted(gen_copy.glob("*.yaml"))[0]
    path.touch()
    store = Store.open(gen_copy)
    store.refresh()
    row = store.conn.execute("SELECT mtime_ns FROM files WHERE name = ?", (path.name,)).fetchone()
    assert row == (-1,)


def test_files_breaking_a_repository_rule_are_left_out(gen_copy: Path) -> None:
    twin = sorted(gen_copy.glob("*.yaml"))[5]
    shutil.copy(twin, gen_copy / "aaa-copy.yaml")
    repo = Repository.load(gen_copy)
    assert twin.stem not in repo
    named = {(Path(d.path).name, d.code) for d in repo.problems}
    assert {("aaa-copy.yaml", "R301"), (twin.name, "R302")} <= named
    assert len(repo) == 39
    (gen_copy / "aaa-copy.yaml").unlink()
    assert twin.stem in Repository.load(gen_copy)


def test_an_unwritable_cache_reads_in_memory(
    gen_copy: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    repo = Repository.load(gen_copy)
    assert len(repo) == 40 and repo.store is not None and not repo.store.persistent


def test_a_corrupt_store_is_rebuilt(gen_copy: Path) -> None:
    Repository.load(gen_copy)
    for f in index.cache_home().glob("store-*.sqlite*"):
        f.write_bytes(b"not a database")
    assert len(Repository.load(gen_copy)) == 40


def test_validate_reuses_outcomes_for_the_same_day_only(
    gen_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _age(gen_copy)
    day = dt.date(2026, 11, 30)
    first = validate_paths([gen_copy], today=day, cache=OutcomeCache())
    seen = _checked(monkeypatch)
    again = validate_paths([gen_copy], today=day, cache=OutcomeCache())
    assert seen == []
    assert again.diagnostics == first.diagnostics == []
    assert [r.agreement for r in again.files] == [r.agreement for r in first.files]
    validate_paths([gen_copy], today=day + dt.timedelta(days=1), cache=OutcomeCache())
    assert len(seen) == 40


def test_cached_validation_reports_like_uncached(tmp_path: Path) -> None:
    cases = tmp_path / "cases"
    shutil.copytree(ROOT / "tests" / "cases" / "invalid", cases)
    _age(cases)
    plain = validate_paths([cases])
    cold = validate_paths([cases], cache=OutcomeCache())
    warm = validate_paths([cases], cache=OutcomeCache())
    assert plain.diagnostics == cold.diagnostics == warm.diagnostics
    assert plain.diagnostics


def test_pool_and_single_process_give_the_same_report(monkeypatch: pytest.MonkeyPatch) -> None:
    single = validate_paths([ROOT / "tests" / "cases"])
    monkeypatch.setattr(bulk, "POOL_MIN_FILES", 1)
    monkeypatch.setattr(bulk, "jobs", lambda: 2)
    pooled = validate_paths([ROOT / "tests" / "cases"])
    assert pooled.diagnostics == single.diagnostics
    assert [r.path for r in pooled.files] == [r.path for r in single.files]


def test_a_large_file_is_reported_with_its_real_size(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(b"# padding\n" * 150_000)
    for cache in (None, OutcomeCache()):
        [found] = validate_paths([big], cache=cache).diagnostics
        assert found.code == "Y002" and "1,500,000 bytes" in found.message


FILTERS = [
    {},
    {"parties": ["GB"]},
    {"parties": ["UK", "Japan"]},
    {"areas": ["investment"], "minerals": ["lithium"]},
    {"instruments": ["mou", "moc"], "levels": ["government"]},
    {"focus": ["broader"]},
    {"signed_since": "2020", "signed_until": "2023-06"},
    {"signed_until": "2010"},
]


@pytest.mark.parametrize("which", ["real", "generated"])
def test_list_and_stats_from_the_store_equal_those_from_the_model(
    which: str, repo_copy: Path, gen_copy: Path
) -> None:
    from mineralpacts.analysis.query import (
        Filters,
        filter_agreements,
        select_ids,
        summary_row,
        summary_rows,
    )
    from mineralpacts.analysis.stats import compute_stats

    folder = repo_copy if which == "real" else gen_copy
    repo = Repository.load(folder)
    models = list(Repository.load(folder, use_cache=False))  # plain Agreement objects, in id order
    assert compute_stats(repo).to_dict() == compute_stats(models).to_dict()
    for given in FILTERS:
        filters = Filters(**given)  # type: ignore[arg-type]
        expected = filter_agreements(models, filters)
        ids = select_ids(repo, filters)
        assert ids == [a.id for a in expected], given
        assert summary_rows(repo, ids) == [summary_row(a) for a in expected]
        assert [repo.data(i) for i in ids] == [a.model_dump(mode="json") for a in expected]
        assert filter_agreements(repo, filters) == expected


def test_statuses_from_the_store_family_equal_those_from_every_agreement(repo_copy: Path) -> None:
    from mineralpacts.analysis.lifecycle import Family, status

    repo = Repository.load(repo_copy)
    models = list(Repository.load(repo_copy, use_cache=False))
    light, full = Family.of(repo), Family.of(models)
    assert light.links == full.links
    for day in (dt.date(2020, 1, 1), dt.date(2026, 11, 30), dt.date(2031, 6, 1)):
        assert [status(a, day, light) for a in models] == [status(a, day, full) for a in models]


def test_display_paths_are_those_of_resolving_each_file(
    gen_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    def one_by_one(path: Path) -> str:
        try:
            return str(path.resolve().relative_to(Path.cwd().resolve()))
        except ValueError:
            return str(path)

    files = sorted(gen_copy.glob("*.yaml"))[:5]
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "x.yaml").write_text("a: 1\n")
    (tmp_path / "link.yaml").symlink_to(files[0])
    for cwd in (tmp_path, gen_copy, gen_copy.parent, Path("/")):
        monkeypatch.chdir(cwd)
        given = [*files, tmp_path / "link.yaml", tmp_path / "sub" / "x.yaml"]
        given += [Path(os.path.relpath(files[2])), Path(os.path.relpath(tmp_path / "sub" / "x.yaml"))]
        assert bulk.display_paths(given) == [one_by_one(p) for p in given]


def test_a_row_keeps_the_signature_the_file_had_when_read(
    gen_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _age(gen_copy)
    path = sorted(gen_copy.glob("*.yaml"))[0]
    real = bulk.read_file

    def read_then_edit(p: str | os.PathLike[str]) -> bulk.Content | OSError:
        content = real(p)
        if Path(p) == path:  # edited after the checker read it, before the row is written
            path.write_text(
                path.read_text("utf-8").replace("\nshort_title: ", "\nshort_title: Later "), "utf-8"
            )
            past = dt.datetime.now().timestamp() - 30
            os.utime(path, (past, past))
        return content

    monkeypatch.setattr(bulk, "read_file", read_then_edit)
    first = Repository.load(gen_copy)
    monkeypatch.setattr(bulk, "read_file", real)
    assert not (first.get(path.stem).short_title or "").startswith("Later ")
    assert (Repository.load(gen_copy).get(path.stem).short_title or "").startswith("Later ")


def _rules_runs(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    from mineralpacts.check import validate

    runs: list[int] = []
    real = validate.repository_rules

    def spy(entries: Any) -> Any:
        runs.append(len(entries))
        return real(entries)

    monkeypatch.setattr(validate, "repository_rules", spy)
    return runs


def test_an_edit_that_keeps_ids_and_links_reruns_no_repository_rule(
    gen_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _age(gen_copy)
    Repository.load(gen_copy)
    runs = _rules_runs(monkeypatch)
    path = sorted(gen_copy.glob("*.yaml"))[7]
    path.write_text(path.read_text("utf-8").replace("\nshort_title: ", "\nshort_title: Edited "), "utf-8")
    edited = Repository.load(gen_copy)
    assert runs == []
    assert (edited.get(path.stem).short_title or "").startswith("Edited ")
    monkeypatch.setattr(index, "fingerprint", lambda root=None: "start again")
    fresh = Repository.load(gen_copy)
    assert runs == [40]
    assert fresh.problems == edited.problems and dict(fresh.agreements) == dict(edited.agreements)


def test_an_edit_of_an_id_or_a_link_reruns_the_repository_rules(
    gen_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _age(gen_copy)
    first, second = sorted(gen_copy.glob("*.yaml"))[:2]
    Repository.load(gen_copy)
    runs = _rules_runs(monkeypatch)
    second.write_text(
        second.read_text("utf-8").replace(f"id: {second.stem}", f"id: {first.stem}", 1), "utf-8"
    )
    repo = Repository.load(gen_copy)
    assert runs == [40]
    assert first.stem not in repo and {("R301", second.name), ("R302", first.name)} <= {
        (d.code, Path(d.path).name) for d in repo.problems
    }


def test_processes_filling_a_fresh_store_at_once_all_answer(tmp_path: Path) -> None:
    # Seen once in CI: several commands started together on a new store; one process found no
    # fingerprint, another filled the store, then the first emptied it again under the second's
    # feet (KeyError, exit 3). The fingerprint is now checked again under the write lock.
    import subprocess
    import sys

    folder = tmp_path / "agreements"
    folder.mkdir()
    shutil.copy(AGREEMENTS / "uk-japan-2023.yaml", folder)
    shutil.copy(AGREEMENTS / "uk-us-2026.yaml", folder)
    for round_ in range(3):
        env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / f"cache{round_}"), "NO_COLOR": "1"}
        commands = [["show", "uk-japan-2023"], ["list", "-f", "ids"], ["status"], ["show", "uk-us-2026"]] * 2
        running = [
            subprocess.Popen(
                [sys.executable, "-m", "mineralpacts", "--repo", str(folder), *args],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                env=env,
            )
            for args in commands
        ]
        for args, process in zip(commands, running, strict=True):
            out, err = process.communicate(timeout=120)
            assert process.returncode == 0, (args, err.decode())
            assert b"internal error" not in err
            if args[0] == "show":
                assert args[1].encode() in out
