"""Issue 10 through the command line: nothing silent, nothing squared, nothing misread.

The repositories here are small and made up (from ``tests/cases/valid/minimal-2024.yaml``), so the
findings are tested whatever state the real data is in.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from mineralpacts.model.vocab import country_name
from tests.conftest import CASES

MINIMAL = (CASES / "valid" / "minimal-2024.yaml").read_text("utf-8")
PARTIES_BLOCK = "parties:\n  - code: GB\n    name: United Kingdom\n  - code: 'NO'\n    name: Norway\n"


def agreement_text(ident: str, parties: Sequence[str] = ("GB", "NO"), date: str = "2024-05") -> str:
    """The minimal agreement with another id, parties and signing date."""
    block = "parties:\n" + "".join(f"  - code: '{c}'\n    name: {country_name(c)}\n" for c in parties)
    assert PARTIES_BLOCK in MINIMAL
    return (
        MINIMAL.replace("id: minimal-2024", f"id: {ident}")
        .replace(PARTIES_BLOCK, block)
        .replace("date: '2024-05'", f"date: '{date}'")
    )


def write_repo(folder: Path, files: dict[str, str]) -> Path:
    """An agreements folder holding ``files`` (name -> text)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def small_repo(tmp_path: Path) -> Path:
    """Three valid agreements: GB-NO, CD-DE (the DRC) and CL-DE."""
    return write_repo(
        tmp_path / "agreements",
        {
            "norway-uk-2024.yaml": agreement_text("norway-uk-2024"),
            "drc-germany-2023.yaml": agreement_text("drc-germany-2023", ("CD", "DE"), "2023-03"),
            "chile-germany-2013.yaml": agreement_text("chile-germany-2013", ("CL", "DE"), "2013-01"),
        },
    )


# --------------------------------------------------------------- finding 6: hints and parties


def test_party_congo_is_refused_naming_both_congos(invoke: Any, small_repo: Path) -> None:
    """Finding 6: ``--party Congo`` silently meant the Republic of the Congo (0 results, exit 0)."""
    result = invoke("list", "--party", "Congo", "--format", "ids", repo=small_repo)
    assert result.exit_code == 2 and result.stdout == ""
    assert "Republic of the Congo (CG)" in result.stderr and "DR Congo (CD)" in result.stderr
    assert invoke("list", "--party", "CD", "--format", "ids", repo=small_repo).stdout.split() == [
        "drc-germany-2023"
    ]


def test_unknown_party_code_lists_the_closest_names(invoke: Any, small_repo: Path) -> None:
    """Finding 6: ``--party XX`` gave no closest names."""
    result = invoke("list", "--party", "XX", repo=small_repo)
    assert result.exit_code == 2 and "did you mean" in result.stderr and "(MX)" in result.stderr


def test_show_suggests_the_id_with_the_parties_the_other_way_round(invoke: Any, small_repo: Path) -> None:
    """Finding 6: ``pacts show germany-chile-2013`` suggested germany-peru-2014,
    argentina-chile-2023 and germany-mongolia-2011, and missed ``chile-germany-2013``."""
    for ident, codes in [
        ("germany-peru-2014", ("DE", "PE")),
        ("argentina-chile-2023", ("AR", "CL")),
        ("germany-mongolia-2011", ("DE", "MN")),
    ]:
        (small_repo / f"{ident}.yaml").write_text(agreement_text(ident, codes, ident[-4:]), encoding="utf-8")
    result = invoke("show", "germany-chile-2013", repo=small_repo)
    assert result.exit_code == 2
    assert "did you mean chile-germany-2013" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("list", "--area", "reserch-innovation"), "error: --area 'reserch-innovation' is not a term"),
        (("list", "--signed-since", "20x"), "error: --signed-since '20x' is not a date"),
        (("status", "--on", "2024-02-30"), "error: --on '2024-02-30' is not a real date"),
        (("timeline", "--from", "2024-02-30"), "error: --from '2024-02-30' is not a real date"),
    ],
)
def test_the_cli_names_the_flag_the_library_names_the_field(
    invoke: Any, small_repo: Path, args: tuple[str, ...], message: str
) -> None:
    result = invoke(*args, repo=small_repo)
    assert result.exit_code == 2 and result.stderr.startswith(message), result.stderr


# --------------------------------------------------------------- finding 4: a cap per file


def test_validate_caps_the_errors_of_one_file_and_counts_the_rest(invoke: Any, tmp_path: Path) -> None:
    """Finding 4: 50,000 bad list items printed 49,871 lines."""
    flood = MINIMAL + "minerals:\n" + "".join(f"  - not-a-mineral-{i}\n" for i in range(120))
    folder = write_repo(tmp_path / "agreements", {"minimal-2024.yaml": flood})
    result = invoke("validate", str(folder), repo=folder)
    assert result.exit_code == 1
    assert sum(" S104 " in line for line in result.stdout.splitlines()) == 50
    assert result.stdout.splitlines()[-1] == "50 errors in 1 of 1 file, 70 more not shown, 0 warnings"
    every = invoke("validate", "--max-errors", "0", str(folder), repo=folder)
    assert sum(" S104 " in line for line in every.stdout.splitlines()) == 120


def test_the_cli_default_cap_is_the_library_constant() -> None:
    import inspect

    from mineralpacts.check.validate import MAX_ERRORS
    from mineralpacts.cli.validate import validate_command

    assert inspect.signature(validate_command).parameters["max_errors"].default == MAX_ERRORS


# --------------------------------------------------------------- finding 7: a closed pipe

PIPED = [
    ("list",),
    ("list", "--format", "csv"),
    ("show", "norway-uk-2024"),
    ("status",),
    ("timeline",),
    ("stats",),
    ("validate",),
    ("export", "--output", "-"),
]


@pytest.fixture(scope="module")
def piped(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, ...], tuple[int, str]]:
    """Each command of :data:`PIPED` run in a subprocess whose standard output is closed before
    it writes anything (so the write always fails), all at once: (exit code, stderr) by command."""
    import os
    import subprocess
    import sys

    folder = write_repo(
        tmp_path_factory.mktemp("pipe") / "agreements",
        {"norway-uk-2024.yaml": agreement_text("norway-uk-2024")},
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(folder.parent / "cache"), "COLUMNS": "120", "NO_COLOR": "1"}
    running = {}
    for args in PIPED:
        process = subprocess.Popen(
            [sys.executable, "-m", "mineralpacts", "--repo", str(folder), *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
        )
        assert process.stdout is not None
        process.stdout.close()
        running[args] = process
    results = {}
    for args, process in running.items():
        with process:
            assert process.stderr is not None
            results[args] = (process.wait(), process.stderr.read().decode())
    return results


@pytest.mark.parametrize("args", PIPED, ids=" ".join)
def test_a_closed_pipe_exits_0_and_says_nothing(
    piped: dict[tuple[str, ...], tuple[int, str]], args: tuple[str, ...]
) -> None:
    """Finding 7: ``pacts stats | head -1`` exited 1, a code the README keeps for invalid data."""
    assert piped[args] == (0, "")


# --------------------------------------------------------------- finding 8: fmt reads as validate does


@pytest.mark.parametrize(
    ("raw", "code"),
    [(b"id: x\ntitle: caf\xe9\n", "Y004"), (b"id: x\n\x00\x01\x02", "Y003"), (b"x" * 1_000_001, "Y002")],
    ids=["latin-1", "binary", "too-large"],
)
def test_fmt_describes_an_unreadable_file_as_validate_does(
    invoke: Any, tmp_path: Path, raw: bytes, code: str
) -> None:
    """Finding 8: ``pacts fmt`` showed a raw codec error where ``validate`` gives Y003/Y004."""
    path = tmp_path / "agreements" / "bad.yaml"
    path.parent.mkdir()
    path.write_bytes(raw)
    (line,) = [x for x in invoke("validate", str(path), repo=path.parent).stdout.splitlines() if code in x]
    formatted = invoke("fmt", str(path), repo=path.parent)
    assert formatted.exit_code == 1
    assert f"error: cannot format {line}; fix it first (pacts validate)" in formatted.stderr
    assert path.read_bytes() == raw


# --------------------------------------------------------------- finding 9: ids and pacts new


def test_new_warns_on_a_future_signing_date(invoke: Any, tmp_path: Path) -> None:
    """Finding 9: ``pacts new`` accepted a future signing date without a word."""
    import datetime as dt

    year = dt.date.today().year + 2
    result = invoke("new", "-p", "UK", "-p", "Japan", "-d", str(year), "--no-prompt", repo=tmp_path)
    assert result.exit_code == 0, result.stderr
    assert f"warning: the signing date {year} is after today" in result.stderr


def test_new_suggests_the_conventional_id_for_another_one(invoke: Any, tmp_path: Path) -> None:
    """Finding 9: ``pacts new`` accepted any ``--id`` without a word."""
    args = ("new", "-p", "UK", "-p", "Japan", "-d", "2023-10-28", "--no-prompt", "--stdout")
    result = invoke(*args, "--id", "australia-japan-2019", repo=tmp_path)
    assert result.exit_code == 0 and "warning: the conventional id is japan-uk-2023" in result.stderr
    assert invoke(*args, "--id", "japan-uk-2023-moc", repo=tmp_path).stderr == ""


@pytest.mark.parametrize(
    ("flag", "written"), [("--official-title", True), ("--descriptive-title", False), (None, "TODO")]
)
def test_new_marks_a_title_official_only_when_told(
    invoke: Any, tmp_path: Path, flag: str | None, written: object
) -> None:
    """Finding 9: ``pacts new`` marked any ``--title`` as official."""
    import yaml

    args = ["new", "-p", "UK", "-p", "Japan", "-d", "2023", "-t", "A title", "--no-prompt", "--stdout"]
    result = invoke(*args, *([flag] if flag else []), repo=tmp_path)
    assert yaml.safe_load(result.stdout)["title_official"] == written


def test_validate_warns_when_the_id_contradicts_the_file(invoke: Any, tmp_path: Path) -> None:
    """Finding 9: an id of australia-japan-2019 on a file signed in 2022 by others passed."""
    text = agreement_text("australia-japan-2019", ("GB", "KR"), "2022-03-01")
    folder = write_repo(tmp_path / "agreements", {"australia-japan-2019.yaml": text})
    result = invoke("validate", str(folder), repo=folder)
    assert result.exit_code == 0  # a warning: the id may be historical, and ids never change
    (line,) = [x for x in result.stdout.splitlines() if " W405 " in x]
    assert "its year is 2019 but the agreement was signed in 2022" in line
    assert "the convention gives korea-uk-2022" in line
    assert invoke("validate", "--strict", str(folder), repo=folder).exit_code == 1


# --------------------------------------------------------------- finding 1: duplicate ids


@pytest.fixture
def duplicated(tmp_path: Path) -> Path:
    """norway-uk-2024 twice: the file named after it and a copy with another note (which sorts
    first, so it used to answer), beside an agreement with a unique id."""
    original = agreement_text("norway-uk-2024")
    return write_repo(
        tmp_path / "agreements",
        {
            "norway-uk-2024.yaml": original,
            "norway-uk-2024-copy.yaml": original.replace("notes: Has", "notes: The copy has"),
            "drc-germany-2023.yaml": agreement_text("drc-germany-2023", ("CD", "DE"), "2023-03"),
        },
    )


def test_validate_reports_every_file_that_claims_a_shared_id(invoke: Any, duplicated: Path) -> None:
    lines = invoke("validate", str(duplicated), repo=duplicated).stdout.splitlines()
    r302 = sorted(line.split(":")[0].rsplit("/", 1)[-1] for line in lines if " R302 " in line)
    assert r302 == ["norway-uk-2024-copy.yaml", "norway-uk-2024.yaml"]


@pytest.mark.parametrize(
    "args",
    [
        ("list", "--format", "ids"),
        ("status", "--format", "json"),
        ("timeline", "--format", "json"),
        ("stats", "--format", "json"),
        ("export", "--output", "-"),
        ("render", "drc-germany-2023"),
    ],
    ids=lambda args: args[0],
)
def test_read_commands_leave_out_and_name_every_file_of_a_shared_id(
    invoke: Any, duplicated: Path, args: tuple[str, ...]
) -> None:
    """Finding 1: a duplicate id silently won (the copy sorts first) in list, show and exports."""
    result = invoke(*args, repo=duplicated)
    assert result.exit_code == 0, result.stderr
    assert "norway-uk-2024" not in result.stdout and "The copy has" not in result.stdout
    warning = next(line for line in result.stderr.splitlines() if "claims the id 'norway-uk-2024'" in line)
    assert "norway-uk-2024-copy.yaml" in warning and "norway-uk-2024.yaml" in warning


def test_show_of_a_shared_id_exits_1_naming_both_files(invoke: Any, duplicated: Path) -> None:
    result = invoke("show", "norway-uk-2024", repo=duplicated)
    assert result.exit_code == 1 and result.stdout == ""
    error = result.stderr.splitlines()[-1]
    assert error.startswith("error: id 'norway-uk-2024' is claimed by")
    assert "norway-uk-2024-copy.yaml" in error and "norway-uk-2024.yaml" in error


def test_the_library_carries_the_duplicates_in_problems(duplicated: Path) -> None:
    from mineralpacts.store.repository import Repository

    repo = Repository.load(duplicated, use_cache=False)
    assert [a.id for a in repo] == ["drc-germany-2023"]
    assert set(repo.duplicates["norway-uk-2024"]) == {
        duplicated / "norway-uk-2024.yaml",
        duplicated / "norway-uk-2024-copy.yaml",
    }
    r302 = {Path(d.path).name for d in repo.problems if d.code == "R302"}
    assert r302 == {"norway-uk-2024.yaml", "norway-uk-2024-copy.yaml"}
