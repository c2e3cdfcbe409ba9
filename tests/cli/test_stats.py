"""`pacts stats` and the generated docs/coverage.md."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from mineralpacts.analysis.stats import compute_stats, coverage_markdown
from mineralpacts.store.repository import Repository
from tests.conftest import AGREEMENTS


def test_counts_match_the_files() -> None:
    repo = Repository.load(AGREEMENTS, use_cache=False)
    stats = compute_stats(repo)
    assert stats.total == len(list(AGREEMENTS.glob("*.yaml")))
    assert stats.by["party"]["GB"] == sum(1 for a in repo if "GB" in a.party_codes)
    assert sum(stats.by["instrument"].values()) == stats.total
    assert stats.unknown_facts == sum(len(a.unknown) for a in repo)
    assert stats.by["year"]["2023"] >= 1


def test_stats_json(invoke: Any) -> None:
    result = invoke("stats", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["party"]["GB"] >= 2 and data["total"] >= 2
    assert set(data) >= {
        "year",
        "instrument",
        "area",
        "disclosure",
        "confidence",
        "source_kind",
        "unknown_facts",
    }


def test_stats_table_and_bad_format(invoke: Any) -> None:
    lines = invoke("stats").stdout.splitlines()
    assert lines[0].split() == ["party", "agreements"]
    assert ["mineral", "agreements"] in [line.split() for line in lines]
    assert invoke("stats", "--format", "xml").exit_code == 2


def test_coverage_escapes_table_syntax(repo_copy: Path) -> None:
    path = repo_copy / "uk-japan-2023.yaml"
    path.write_text(path.read_text("utf-8").replace("city: Osaka", "city: Osaka | <b>x</b>"), "utf-8")
    text = coverage_markdown(Repository.load(repo_copy, use_cache=False))
    assert "Osaka \\| &lt;b&gt;x&lt;/b&gt;" in text


def test_years_are_in_order_and_parties_named(invoke: Any) -> None:
    years = list(json.loads(invoke("stats", "-f", "json").stdout)["year"])
    assert years == sorted(years, key=lambda y: (y == "unknown", y)) and len(years) > 5
    lines = invoke("stats").stdout.splitlines()
    block = lines[lines.index(next(line for line in lines if line.startswith("year "))) + 2 :]
    shown = [line.split()[0] for line in block[: len(years)]]
    assert shown == years
    assert any(line.startswith("United Kingdom (GB)") for line in lines)
