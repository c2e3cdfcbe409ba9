"""`pacts list` and `pacts show` through Typer's runner: output, formats, errors, exit codes."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import AGREEMENTS


def _ids(invoke: Any, *args: str) -> list[str]:
    result = invoke("list", *args, "--format", "ids")
    assert result.exit_code == 0, result.stderr
    return result.stdout.split()


@pytest.mark.parametrize("name", ["UK", "GB", "GBR", "United Kingdom", "Britain", "uk"])
def test_list_party_uk_includes_both_founding_agreements(invoke: Any, name: str) -> None:
    assert {"uk-japan-2023", "uk-us-2026"} <= set(_ids(invoke, "--party", name))


@pytest.mark.parametrize("name", ["Japan", "JP", "JPN"])
def test_list_party_japan(invoke: Any, name: str) -> None:
    ids = _ids(invoke, "--party", name)
    assert "uk-japan-2023" in ids and "uk-us-2026" not in ids


@pytest.mark.parametrize("name", ["US", "USA", "United States"])
def test_list_party_us(invoke: Any, name: str) -> None:
    ids = _ids(invoke, "--party", name)
    assert "uk-us-2026" in ids and "uk-japan-2023" not in ids


def test_repeated_party_means_all_of_them(invoke: Any) -> None:
    assert _ids(invoke, "--party", "UK", "--party", "Japan") == ["uk-japan-2023"]


def test_eu_resolves(invoke: Any) -> None:
    from mineralpacts.store.repository import Repository

    result = invoke("list", "--party", "EU", "--format", "ids")
    assert result.exit_code == 0
    expected = sorted(a.id for a in Repository.load(AGREEMENTS, use_cache=False) if "EU" in a.party_codes)
    assert expected and sorted(result.stdout.split()) == expected


def test_unknown_party_is_a_usage_error_with_closest_names(invoke: Any) -> None:
    result = invoke("list", "--party", "Jpan")
    assert result.exit_code == 2
    assert "Japan (JP)" in result.stderr
    assert result.stdout == ""


def test_unknown_area_suggests_a_term(invoke: Any) -> None:
    result = invoke("list", "--area", "reasearch-innovation")
    assert result.exit_code == 2
    assert "research-innovation" in result.stderr


def test_filters_area_instrument_and_dates(invoke: Any) -> None:
    assert "uk-japan-2023" in _ids(invoke, "--area", "technical-standards", "--party", "UK")
    assert "uk-us-2026" not in _ids(invoke, "--area", "technical-standards", "--party", "UK")
    assert _ids(invoke, "--instrument", "moc", "--party", "UK") == ["uk-japan-2023"]
    assert "uk-us-2026" not in _ids(invoke, "--party", "UK", "--signed-until", "2025")
    assert "uk-japan-2023" not in _ids(invoke, "--party", "UK", "--signed-since", "2024-01")
    assert "uk-us-2026" in _ids(invoke, "--party", "UK", "--signed-since", "2026-02")


def test_bad_date_filter_is_a_usage_error(invoke: Any) -> None:
    result = invoke("list", "--signed-since", "last year")
    assert result.exit_code == 2 and "--signed-since" in result.stderr


def test_table_is_readable(invoke: Any) -> None:
    result = invoke("list", "--party", "UK")
    assert result.exit_code == 0
    for text in ("uk-japan-2023", "2023-10-28", "Osaka", "moc", "GB – JP", "instrument"):
        assert text in result.stdout


def test_json_csv_yaml_formats_agree(invoke: Any) -> None:
    as_json = json.loads(invoke("list", "-p", "UK", "-f", "json").stdout)
    as_yaml = yaml.safe_load(invoke("list", "-p", "UK", "-f", "yaml").stdout)
    as_csv = list(csv.DictReader(io.StringIO(invoke("list", "-p", "UK", "-f", "csv").stdout)))
    ids = _ids(invoke, "-p", "UK")
    assert [a["id"] for a in as_json] == [a["id"] for a in as_yaml] == [r["id"] for r in as_csv] == ids


def test_show_for_a_person_has_everything(invoke: Any) -> None:
    result = invoke("show", "uk-japan-2023")
    assert result.exit_code == 0
    out = result.stdout
    for text in (
        "UK–Japan Critical Minerals MoC",
        "Department for Business and Trade",
        "METI",
        "2023-10-28",
        "Osaka",
        "not legally binding",
        "2.6(1)",
        "technical-standards",
        "Initial period: 3 years",
        "automatic",
        "90 days",
        "gov.uk",
        "exploration",
    ):
        assert text in out, text


def test_show_markdown_lists_discrepancies_and_sources(invoke: Any) -> None:
    out = invoke("show", "uk-us-2026", "--format", "markdown").stdout
    assert out.startswith("# UK–US Critical Minerals MoU")
    assert "## Discrepancies" in out and "2026-02-05" in out and "## Sources" in out


def test_show_unknown_id_suggests_nearest(invoke: Any) -> None:
    result = invoke("show", "uk-japn-2023")
    assert result.exit_code == 2
    assert "did you mean uk-japan-2023" in result.stderr


def test_missing_repo_is_a_usage_error(invoke: Any, tmp_path: Path) -> None:
    result = invoke("list", repo=tmp_path / "nowhere")
    assert result.exit_code == 2 and "not a folder" in result.stderr


def test_invalid_file_is_skipped_with_a_warning(invoke: Any, repo_copy: Path) -> None:
    (repo_copy / "broken.yaml").write_text("id: [\n")
    result = invoke("list", "-f", "ids", repo=repo_copy)
    assert result.exit_code == 0
    assert "uk-japan-2023" in result.stdout
    assert "broken.yaml" in result.stderr and "pacts validate" in result.stderr


def test_version_and_help(invoke: Any) -> None:
    assert invoke("--version", repo=None).stdout.startswith("pacts ")
    help_text = invoke("--help", repo=None).stdout
    for command in ("list", "show", "validate", "schema"):
        assert command in help_text


def test_real_repository_is_used_by_default(invoke: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(AGREEMENTS.parent / "docs")
    assert "uk-japan-2023" in invoke("list", "-f", "ids", repo=None).stdout


def test_a_bug_is_one_line_and_exit_3_not_a_traceback(invoke: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    import mineralpacts.analysis.query

    def broken(*_: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(mineralpacts.analysis.query, "select_ids", broken)
    result = invoke("list")
    assert result.exit_code == 3
    assert result.stderr.startswith("error: internal error: RuntimeError: boom")
    assert "Traceback" not in result.stderr + result.stdout


def test_closed_pipe_is_quiet() -> None:
    import shutil
    import subprocess
    import sys

    pacts = shutil.which("pacts") or str(Path(sys.executable).parent / "pacts")
    proc = subprocess.run(
        f"'{pacts}' --repo '{AGREEMENTS}' list --format json | head -n 1",
        shell=True,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.stdout.count("\n") == 1
    assert "Traceback" not in proc.stderr and "BrokenPipe" not in proc.stderr


def test_no_cache_setting_reads_every_file(
    invoke: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("PACTS_NO_CACHE", "1")
    assert "uk-japan-2023" in invoke("list", "-f", "ids").stdout
    assert not (tmp_path / "cache").exists()
